/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference L2_NORMALIZATION (l2_normalization.h): TFLite's
 * L2Normalization, float32 and int8, bit for bit.
 */
#include "kernels/l2_normalization.h"

#include <math.h>

#include "kernels/core/fixedpoint.h"

void mote_l2norm_f32_ref(const mote_l2norm_params_t *p, const float *input,
                         float *output) {
  int32_t i, c;
  for (i = 0; i < p->outer; ++i) {
    const float *x = input + i * p->depth;
    float *y = output + i * p->depth;
    float sq = 0.0f, norm;
    for (c = 0; c < p->depth; ++c) {
      sq += x[c] * x[c];
    }
    norm = sqrtf(sq);
    norm = norm < 1e-6f ? 1e-6f : norm;
    for (c = 0; c < p->depth; ++c) {
      y[c] = x[c] / norm;
    }
  }
}

void mote_l2norm_s8_ref(const mote_l2norm_params_t *p, const int8_t *input,
                        int8_t *output) {
  int32_t i, c;
  for (i = 0; i < p->outer; ++i) {
    const int8_t *x = input + i * p->depth;
    int8_t *y = output + i * p->depth;
    int32_t sq = 0, mult;
    int shift;
    for (c = 0; c < p->depth; ++c) {
      const int32_t d = x[c] - p->input_zero_point;
      sq = mote_fp_add(sq, d * d); /* wraps as TFLite's past 2^16 rows */
    }
    mult = mote_fp_inv_sqrt(sq, &shift);
    for (c = 0; c < p->depth; ++c) {
      /* 2^7: the output's scale of 1/128 folded into the rescale. */
      const int32_t v = mote_mul_by_quant_mult(x[c] - p->input_zero_point,
                                               mult, shift + 7);
      y[c] = (int8_t)(v > INT8_MAX ? INT8_MAX : v < INT8_MIN ? INT8_MIN : v);
    }
  }
}
