/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The body of the reference int8 vector-matrix products, inline so that
 * the reference FULLY_CONNECTED runs it without a second call per batch
 * row (a small layer's per-call cost shows in its instruction count).
 * mote_vec_mat_s8_ref and mote_vec_mat_s8_s16_ref (ref/vec_mat.c) are
 * this and nothing else; `out16` is a constant at each use, so the store
 * folds to one type.
 */
#ifndef MOTE_KERNELS_REF_VEC_MAT_BODY_H
#define MOTE_KERNELS_REF_VEC_MAT_BODY_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/core/dot.h"
#include "kernels/core/requant.h"

static inline void mote_vec_mat_s8_body(const int8_t *x, int32_t x_offset,
                                        const int8_t *w, const int32_t *bias,
                                        int32_t rows, int32_t cols,
                                        const mote_requant_t *rq, void *out,
                                        int out16) {
  /* Scaling in locals (see requant.h); entry r & mask is r per channel,
   * 0 per tensor. */
  const int32_t *mult = rq->multiplier;
  const int8_t *shift = rq->shift;
  const int32_t mask = rq->per_channel ? -1 : 0;
  const int32_t offset = rq->output_offset;
  const int32_t lo = rq->act_min;
  const int32_t hi = rq->act_max;
  int32_t r;
  for (r = 0; r < rows; ++r, w += cols) {
    const int32_t acc =
        mote_dot_s8(bias != NULL ? bias[r] : 0, x, x_offset, w, cols);
    const int32_t v =
        mote_requantize(acc, mult[r & mask], shift[r & mask], offset, lo, hi);
    if (out16) {
      ((int16_t *)out)[r] = (int16_t)v;
    } else {
      ((int8_t *)out)[r] = (int8_t)v;
    }
  }
}

#endif /* MOTE_KERNELS_REF_VEC_MAT_BODY_H */
