/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference LOGISTIC (logistic.h): TFLite Micro's reference kernel
 * (logistic.cc), bit for bit.
 *
 * float32 uses TFLite's clamped formula rather than a plain
 * 1 / (1 + exp(-x)), so results agree to the last bit with the same libm.
 * int8 runs gemmlowp's fixed-point logistic on a Q4.27 input; int16
 * interpolates TFLite's 256-entry sigmoid table (activation_q.h explains
 * the input scaling of both).
 */
#include <math.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/core/requant.h"
#include "kernels/logistic.h"

void mote_logistic_f32_ref(const float *input, float *output, int32_t n) {
  const float cutoff_upper = 16.619047164916992188f;
  const float cutoff_lower = -9.0f;
  int32_t i;
  for (i = 0; i < n; ++i) {
    const float x = input[i];
    float y;
    if (x > cutoff_upper) {
      y = 1.0f;
    } else if (x < cutoff_lower) {
      y = expf(x);
    } else {
      y = 1.0f / (1.0f + expf(-x));
    }
    output[i] = y;
  }
}

void mote_logistic_s8_ref(const mote_act_params_t *p, const int8_t *input,
                          int8_t *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    int sat;
    const int32_t x_q4 = mote_act_s8_arg(p, input[i], &sat);
    int32_t y = sat < 0 ? INT8_MIN : INT8_MAX;
    if (sat == 0) {
      /* Q0.31 -> Q23.8 (1/256 per step), then the -128 zero point. */
      const int32_t y_q0 = mote_fp_logistic(x_q4, 4);
      y = mote_clamp_i32(mote_rounding_shift_right(y_q0, 23) - 128, INT8_MIN,
                         INT8_MAX);
    }
    output[i] = (int8_t)y;
  }
}

void mote_logistic_s16_ref(const mote_act_params_t *p, const int16_t *input,
                           int16_t *output, int32_t n) {
  int32_t multiplier, shift, round_half;
  int32_t i;
  mote_act_s16_scaling(p, &multiplier, &shift, &round_half);
  for (i = 0; i < n; ++i) {
    /* Table index in Q8.9 after the 3/4 stretch: 24 entries per unit. */
    const int32_t x = ((int32_t)input[i] * multiplier + round_half) >> shift;
    const uint32_t abs_x = x >= 0 ? (uint32_t)x : 0u - (uint32_t)x;
    const uint32_t index = abs_x >> 9;
    uint32_t y; /* Q0.16 << 9 */
    if (index >= 255) {
      y = 0x7FFFu << 10;
    } else {
      const uint32_t a = mote_sigmoid_table_u16[index];
      const uint32_t b = mote_sigmoid_table_u16[index + 1];
      y = (a << 9) + (abs_x & 0x1ffu) * (b - a);
    }
    /* sigmoid(-x) = 1 - sigmoid(x); round to Q0.15. */
    y = x >= 0 ? y + (1u << 9) : (1u << (16 + 9)) - y + (1u << 9) - 1u;
    output[i] = (int16_t)(y >> 10);
  }
}
