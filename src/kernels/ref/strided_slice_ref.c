/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference STRIDED_SLICE (strided_slice.h): follows the planned walk, an
 * odometer over the outer effective dimensions, each row of the innermost
 * one a strided copy (ref/strided_copy.h, shared with TRANSPOSE).
 */
#include <string.h>

#include "kernels/ref/strided_copy.h"
#include "kernels/strided_slice.h"

void mote_strided_slice_ref(const mote_strided_slice_params_t *p,
                            const void *in, void *out) {
  const uint8_t *src = (const uint8_t *)in;
  uint8_t *dst = (uint8_t *)out;
  const size_t es = p->elem_size;
  int32_t idx[MOTE_MAX_DIMS];
  ptrdiff_t offset = p->base;
  int32_t rows = 1, r;
  int last, d;

  if (p->rank == 0) {
    memcpy(dst, src + (ptrdiff_t)p->base * (ptrdiff_t)es, es);
    return;
  }
  last = (int)p->rank - 1;
  for (d = 0; d <= last; ++d) {
    if (p->count[d] == 0) {
      return;
    }
    idx[d] = 0;
  }
  for (d = 0; d < last; ++d) {
    rows *= p->count[d];
  }
  for (r = 0; r < rows; ++r) {
    mote_strided_copy_bytes(dst, src + offset * (ptrdiff_t)es, es,
                            p->step[last], p->count[last]);
    dst += (size_t)p->count[last] * es;
    for (d = last - 1; d >= 0; --d) {
      offset += p->step[d];
      if (++idx[d] < p->count[d]) {
        break;
      }
      offset -= (ptrdiff_t)p->step[d] * p->count[d];
      idx[d] = 0;
    }
  }
}
