/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Golden comparison; see compare.h. Elements are copied out with memcpy
 * because golden buffers on the target sit in flash at any alignment.
 */
#include "compare.h"

#include <math.h>
#include <string.h>

int mote_test_float_close(float got, float want) {
  double tol = fabs((double)want) * 1e-5;
  if (tol < 1e-6) {
    tol = 1e-6;
  }
  return fabs((double)got - (double)want) <= tol;
}

void mote_test_compare(mote_type_t type, const void *got, const void *want,
                       size_t bytes, mote_test_cmp_t *out) {
  const uint8_t *g = (const uint8_t *)got;
  const uint8_t *w = (const uint8_t *)want;
  size_t esize = mote_type_size(type);
  size_t n;
  size_t i;
  if (esize == 0) {
    esize = 1;
  }
  n = bytes / esize;
  for (i = 0; i < n; i++) {
    int bad = memcmp(g + esize * i, w + esize * i, esize) != 0;
    if (bad && type == MOTE_TYPE_FLOAT32) {
      float a, b;
      memcpy(&a, g + 4 * i, 4);
      memcpy(&b, w + 4 * i, 4);
      bad = !mote_test_float_close(a, b);
      if (!bad) {
        out->inexact++;
      }
    }
    if (bad) {
      if (out->mismatches == 0) {
        out->first_bad = i;
      }
      out->mismatches++;
    }
  }
}
