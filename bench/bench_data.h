/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the generated per-model file (bench.py writes gen/<model>.c) gives
 * bench_fw.c: the model and input bytes, pulled in by the assembler's
 * .incbin with symbol sizes set so that `nm -S` can subtract them from the
 * flash figure, and the registration of exactly the model's operators.
 */
#ifndef MOTE_BENCH_DATA_H
#define MOTE_BENCH_DATA_H

#include <stdint.h>

#include "mote/resolver.h"
#include "mote/status.h"

/* Resolver entries: the model's distinct operators, set per model by the
 * Makefile (-DBENCH_MAX_OPS=n). */
#ifndef BENCH_MAX_OPS
#define BENCH_MAX_OPS 32
#endif

typedef struct bench_blob {
  const uint8_t *data;
  uint32_t bytes;
} bench_blob_t;

extern const char bench_model_name[];
extern const bench_blob_t bench_model;
extern const bench_blob_t bench_inputs[];
extern const uint32_t bench_input_count;

/* Registers the model's builtin and custom operators, each once. */
mote_status_t bench_add_ops(mote_resolver_t *r);

#endif /* MOTE_BENCH_DATA_H */
