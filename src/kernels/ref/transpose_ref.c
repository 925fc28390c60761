/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference TRANSPOSE (transpose.h). The output is written sequentially
 * while an odometer over the output index walks the input with permuted
 * strides; the innermost output dimension is a strided copy
 * (ref/strided_copy.h: typed loads for 1/2/4-byte elements, memcpy
 * otherwise). When the permutation keeps the innermost dimension in
 * place, whole input rows are contiguous and copied with memcpy.
 */
#include <string.h>

#include "kernels/ref/strided_copy.h"
#include "kernels/transpose.h"

void mote_transpose_ref(const mote_transpose_params_t *p, const void *in,
                        void *out) {
  const uint8_t *src = (const uint8_t *)in;
  uint8_t *dst = (uint8_t *)out;
  const size_t es = p->elem_size;
  int32_t in_stride[MOTE_MAX_DIMS];
  int32_t od[MOTE_MAX_DIMS];
  int32_t step[MOTE_MAX_DIMS]; /* input elements per output index step */
  int32_t idx[MOTE_MAX_DIMS];
  int32_t rows = 1, r, offset = 0;
  int last, d;

  if (p->rank == 0) {
    memcpy(dst, src, es);
    return;
  }
  last = (int)p->rank - 1;
  in_stride[last] = 1;
  for (d = last - 1; d >= 0; --d) {
    in_stride[d] = in_stride[d + 1] * p->in_dims[d + 1];
  }
  for (d = 0; d <= last; ++d) {
    od[d] = p->in_dims[p->perm[d]];
    step[d] = in_stride[p->perm[d]];
    idx[d] = 0;
    if (od[d] == 0) {
      return;
    }
  }
  for (d = 0; d < last; ++d) {
    rows *= od[d];
  }
  for (r = 0; r < rows; ++r) {
    mote_strided_copy(dst, src + (size_t)offset * es, es, step[last], od[last]);
    dst += (size_t)od[last] * es;
    for (d = last - 1; d >= 0; --d) {
      offset += step[d];
      if (++idx[d] < od[d]) {
        break;
      }
      offset -= step[d] * od[d];
      idx[d] = 0;
    }
  }
}
