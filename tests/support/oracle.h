/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Running a model built in a test through the TFLM oracle (tflm_run, see
 * ../shared/tools/tflm-oracle/README.md) and reading back its outputs, for
 * tests that compare one model byte for byte rather than through the op
 * table (tests/kernels/op_table_host.h).
 */
#ifndef MOTE_TEST_ORACLE_H
#define MOTE_TEST_ORACLE_H

#include <stddef.h>
#include <stdint.h>

/* The oracle's path is mote_test_find_oracle() (support.h). */

/* Runs `model` (len bytes) on `nin` inputs in the oracle, in a fresh
 * temporary directory. On success returns 0 and sets out[i] (malloc'ed,
 * free() each) and out_bytes[i] for the first `nout` outputs. Returns the
 * tflm_run exit code (2 refused, 4 invoke failed, ...) or -1 on an I/O
 * problem, with `why` (cap bytes) saying what happened. */
int mote_test_oracle_run(const uint8_t *model, size_t len,
                         const void *const *in, const size_t *in_bytes, int nin,
                         uint8_t **out, size_t *out_bytes, int nout, char *why,
                         size_t cap);

#endif /* MOTE_TEST_ORACLE_H */
