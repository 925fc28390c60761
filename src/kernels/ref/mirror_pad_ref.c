/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference MIRROR_PAD (mirror_pad.h). Each output row (all but the
 * innermost dimension) maps, dimension by dimension, to one input row;
 * its elements are then picked from that row through the same mirror map.
 * TFLM computes a flat source index per element with a division per
 * dimension; for the paddings the glue admits, the map is the same.
 */
#include <string.h>

#include "kernels/mirror_pad.h"

/* The input index of output index `o` along a dimension of `n` elements
 * padded by `before` in front. REFLECT (offset 1) skips the edge element,
 * SYMMETRIC (offset 0) repeats it. */
static int32_t mirror(int32_t o, int32_t before, int32_t n, int32_t offset) {
  const int32_t i = o - before;
  if (i < 0) {
    return offset - 1 - i;
  }
  if (i >= n) {
    return 2 * n - 1 - offset - i;
  }
  return i;
}

void mote_mirror_pad_ref(const mote_pad_params_t *p, int mode, const void *in,
                         void *out) {
  const uint8_t *src = (const uint8_t *)in;
  uint8_t *dst = (uint8_t *)out;
  const size_t es = p->elem_size;
  const int32_t offset = mode == MOTE_MIRROR_REFLECT ? 1 : 0;
  int32_t od[MOTE_MAX_DIMS];
  int32_t idx[MOTE_MAX_DIMS];
  int32_t rows, r, x, n_last;
  int last, d;

  if (p->rank == 0) {
    memcpy(dst, src, es);
    return;
  }
  last = (int)p->rank - 1;
  rows = mote_pad_out_rows(p, od, idx);
  n_last = p->in_dims[last];
  for (r = 0; r < rows; ++r) {
    size_t row = 0;
    const uint8_t *line;
    for (d = 0; d < last; ++d) {
      row = row * (size_t)p->in_dims[d] +
            (size_t)mirror(idx[d], p->before[d], p->in_dims[d], offset);
    }
    line = src + row * (size_t)n_last * es;
    for (x = 0; x < od[last]; ++x) {
      memcpy(dst,
             line + (size_t)mirror(x, p->before[last], n_last, offset) * es,
             es);
      dst += es;
    }
    mote_pad_next_row(idx, od, last);
  }
}
