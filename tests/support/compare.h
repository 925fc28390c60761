/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The golden-output comparison rule, shared by the host conformance test
 * (tests/support/support.c) and the Cortex-M firmware (tests/target), so
 * both judge outputs the same way: integer elements byte for byte, float32
 * within 1e-5 relative or 1e-6 absolute. Freestanding (no stdio, no heap)
 * so it builds bare-metal.
 */
#ifndef MOTE_TEST_COMPARE_H
#define MOTE_TEST_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "mote/tensor.h"

/* Float comparison used by conformance: |a-b| <= max(1e-5|b|, 1e-6). */
int mote_test_float_close(float got, float want);

typedef struct mote_test_cmp {
  uint32_t mismatches; /* elements outside tolerance */
  uint32_t inexact;    /* float elements within tolerance, not equal */
  size_t first_bad;    /* element index of the first mismatch */
} mote_test_cmp_t;

/* Compares `bytes` bytes of elements of `type` at `got` with `want` (any
 * alignment) and adds the counts to `out` (first_bad is set only by the
 * first mismatch counted into it). Types other than float32 compare
 * bytes. */
void mote_test_compare(mote_type_t type, const void *got, const void *want,
                       size_t bytes, mote_test_cmp_t *out);

#endif /* MOTE_TEST_COMPARE_H */
