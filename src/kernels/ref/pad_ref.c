/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference PAD (pad.h). The compute walks output rows (all but the
 * innermost dimension): a row outside the input is all pad value; a row
 * inside is pad, one memcpy of the input row, pad. Each output byte is
 * written once. TFLM's separate image-style path gives the same bytes, so
 * there is only one path here.
 */
#include <stdbool.h>
#include <string.h>

#include "kernels/pad.h"

/* Fills n elements of esize bytes with *value. */
static void fill(uint8_t *dst, const void *value, size_t esize, size_t n) {
  const uint8_t *v = (const uint8_t *)value;
  size_t i, b;
  bool uniform = true;
  for (b = 1; b < esize; ++b) {
    uniform = uniform && v[b] == v[0];
  }
  if (uniform) {
    memset(dst, v[0], n * esize);
    return;
  }
  for (i = 0; i < n; ++i) {
    memcpy(dst + i * esize, v, esize);
  }
}

void mote_pad_ref(const mote_pad_params_t *p, const void *in,
                  const void *pad_value, void *out) {
  const uint8_t *src = (const uint8_t *)in;
  uint8_t *dst = (uint8_t *)out;
  const size_t es = p->elem_size;
  int32_t od[MOTE_MAX_DIMS];
  int32_t idx[MOTE_MAX_DIMS];
  int32_t rows, r;
  size_t in_row, out_row, front, back;
  int last, d;

  if (p->rank == 0) {
    memcpy(dst, src, es);
    return;
  }
  last = (int)p->rank - 1;
  /* Empty: nothing to write, however many rows the other dims give. */
  rows = mote_pad_out_rows(p, od, idx);
  in_row = (size_t)p->in_dims[last] * es;
  out_row = (size_t)od[last] * es;
  front = (size_t)p->before[last];
  back = (size_t)p->after[last];

  for (r = 0; r < rows; ++r) {
    bool inside = true;
    for (d = 0; d < last; ++d) {
      inside = inside && idx[d] >= p->before[d] &&
               idx[d] < p->before[d] + p->in_dims[d];
    }
    if (inside) {
      fill(dst, pad_value, es, front);
      memcpy(dst + front * es, src, in_row);
      fill(dst + front * es + in_row, pad_value, es, back);
      src += in_row;
    } else {
      fill(dst, pad_value, es, (size_t)od[last]);
    }
    dst += out_row;
    mote_pad_next_row(idx, od, last);
  }
}
