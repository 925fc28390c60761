/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Running a case of the op table through mote: the parts every driver
 * shares (tests/kernels/test_op_table.c against TFLM on the host,
 * tests/target/kernel_table_fw.c on emulated Cortex-M). A case becomes
 * tensor data (kt_fill) and a one-operator .tflite (tools/tflite_build,
 * which uses malloc: a target run needs a heap), then runs through the
 * public API with every builtin and signal op registered.
 *
 * kt_run_mote() uses the library as built, with whatever implementations
 * MOTE_KERNELS bound; kt_run_mote_ref() is the same source compiled
 * against the reference twin of the library (every mote_* symbol renamed
 * moteref_*, everything bound to the reference; cmake/ref_twin.sh), so a
 * driver compares an optimized build with the reference in one program.
 */
#ifndef MOTE_TEST_KT_RUN_H
#define MOTE_TEST_KT_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "table/cases.h"

#define KT_MAX_IO 8

/* One side's result: refused (1 at open..prepare, 2 at invoke, 3 the
 * oracle died), or the outputs (malloc'ed; kt_side_free). */
typedef struct kt_side {
  int refused;
  char why[320];
  uint8_t *out[KT_MAX_IO];
  size_t out_bytes[KT_MAX_IO];
  int nout;
} kt_side_t;

void kt_side_free(kt_side_t *s);

/* Tensor data of the case's inputs and constants into data[i] (malloc'ed;
 * NULL for the rest). 0, or -1 out of memory or for a bad case. */
int kt_make_data(const kt_case_t *c, uint8_t **data);

/* The case as a .tflite in *bytes (malloc'ed, *len bytes). 0 or -1. */
int kt_build_model(const kt_case_t *c, uint8_t *const *data, uint8_t **bytes,
                   size_t *len);

/* Runs the model `invokes` times on the case's inputs in `arena_mem`. */
void kt_run_mote(const kt_case_t *c, const uint8_t *bytes, size_t len,
                 uint8_t *const *data, uint8_t *arena_mem, size_t arena_bytes,
                 kt_side_t *s);
void kt_run_mote_ref(const kt_case_t *c, const uint8_t *bytes, size_t len,
                     uint8_t *const *data, uint8_t *arena_mem,
                     size_t arena_bytes, kt_side_t *s);

/* Whether one element of a tensor of `type` (es bytes) differs, and
 * whether output `o` of two sides differs anywhere (see run.c for the
 * one exception to comparing bytes). */
int kt_elem_differs(int type, const uint8_t *a, const uint8_t *b, size_t es);
int kt_output_differs(const kt_case_t *c, int o, const kt_side_t *a,
                      const kt_side_t *b);

#endif /* MOTE_TEST_KT_RUN_H */
