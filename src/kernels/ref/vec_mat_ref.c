/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference vector-matrix products (core/vec_mat.h): one dot product per
 * row, then the shared requantization. TFLite's loop order; the integer
 * results do not depend on it.
 */
#include <stddef.h>

#include "kernels/core/dot.h"
#include "kernels/core/vec_mat.h"
#include "kernels/ref/vec_mat_body.h"

void mote_vec_mat_s8_ref(const int8_t *x, int32_t x_offset, const int8_t *w,
                         const int32_t *bias, int32_t rows, int32_t cols,
                         const mote_requant_t *rq, int8_t *out) {
  mote_vec_mat_s8_body(x, x_offset, w, bias, rows, cols, rq, out, 0);
}

void mote_vec_mat_s8_s16_ref(const int8_t *x, int32_t x_offset,
                             const int8_t *w, const int32_t *bias,
                             int32_t rows, int32_t cols,
                             const mote_requant_t *rq, int16_t *out) {
  mote_vec_mat_s8_body(x, x_offset, w, bias, rows, cols, rq, out, 1);
}

void mote_vec_mat_s16_ref(const int16_t *x, int32_t x_offset, const int8_t *w,
                          const int64_t *bias, int32_t rows, int32_t cols,
                          const mote_requant_t *rq, int16_t *out) {
  int32_t r;
  for (r = 0; r < rows; ++r) {
    int64_t acc =
        mote_dot_s16_s8(0, x, x_offset, w + (ptrdiff_t)r * cols, cols);
    /* The bias last, wrapping: a corrupt model's int64 bias can be
     * anything (the exact sum does not depend on the order). */
    if (bias != NULL) {
      acc = mote_add_wrap64(acc, bias[r]);
    }
    out[r] = (int16_t)mote_requant_apply64(rq, r, acc);
  }
}
