/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference LOG_SOFTMAX (log_softmax.h): TFLite's LogSoftmax, float32 and
 * the int8 fixed-point path, bit for bit.
 */
#include "kernels/log_softmax.h"

#include <float.h>
#include <math.h>

#include "kernels/core/fixedpoint.h"

void mote_log_softmax_f32_ref(const mote_log_softmax_params_t *p,
                              const float *input, float *output) {
  int32_t i, c;
  for (i = 0; i < p->outer; ++i) {
    const float *x = input + i * p->depth;
    float *y = output + i * p->depth;
    float max = -FLT_MAX, sum = 0.0f, log_sum;
    for (c = 0; c < p->depth; ++c) {
      max = max < x[c] ? x[c] : max;
    }
    for (c = 0; c < p->depth; ++c) {
      sum += expf(x[c] - max);
    }
    log_sum = logf(sum);
    for (c = 0; c < p->depth; ++c) {
      y[c] = x[c] - max - log_sum;
    }
  }
}

/* Q5.26 in, Q12.19 sums, Q4 output steps (scale 16/256). */
#define IN_BITS 5
#define ACC_BITS 12
#define OUT_BITS 4

void mote_log_softmax_s8_ref(const mote_log_softmax_params_t *p,
                             const int8_t *input, int8_t *output) {
  int32_t i, c;
  for (i = 0; i < p->outer; ++i) {
    const int8_t *x = input + i * p->depth;
    int8_t *y = output + i * p->depth;
    int32_t max = INT8_MIN, sum = 0, log_sum, lo;
    for (c = 0; c < p->depth; ++c) {
      max = x[c] > max ? x[c] : max;
    }
    for (c = 0; c < p->depth; ++c) {
      const int32_t diff = x[c] - max;
      if (diff >= p->diff_min) {
        const int32_t d = mote_mul_by_quant_mult(diff, p->input_multiplier,
                                                 p->input_left_shift);
        sum = mote_fp_add(
            sum, mote_fp_rescale(mote_fp_exp_on_negative_values(d, IN_BITS),
                                 0, ACC_BITS));
      }
    }
    log_sum = mote_fp_log_x_ge_1(sum, ACC_BITS, IN_BITS);
    /* The smallest difference whose output is above -128. */
    lo = mote_mul_by_quant_mult(mote_fp_add(log_sum, INT32_MIN),
                                p->reverse_multiplier, p->reverse_shift);
    lo = lo > p->diff_min - 1 ? lo : p->diff_min - 1;
    for (c = 0; c < p->depth; ++c) {
      const int32_t diff = x[c] - max;
      int32_t v = INT8_MIN;
      if (diff > lo) {
        const int32_t d = mote_mul_by_quant_mult(diff, p->input_multiplier,
                                                 p->input_left_shift);
        v = mote_rounding_shift_right(mote_fp_sub(d, log_sum),
                                      31 - IN_BITS - OUT_BITS) +
            127;
        v = v > INT8_MAX ? INT8_MAX : v < INT8_MIN ? INT8_MIN : v;
      }
      y[c] = (int8_t)v;
    }
  }
}
