/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference TANH (tanh.h): TFLite Micro's reference kernel (tanh.cc), bit
 * for bit.
 *
 * int8 runs gemmlowp's fixed-point tanh on a Q4.27 input and writes Q0.7
 * with no output zero point, exactly as TFLite Micro does. int16 reads the
 * sigmoid table at twice the argument. float32 is tanhf().
 */
#include <math.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/core/requant.h"
#include "kernels/tanh.h"

void mote_tanh_f32_ref(const float *input, float *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = tanhf(input[i]);
  }
}

void mote_tanh_s8_ref(const mote_act_params_t *p, const int8_t *input,
                      int8_t *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    int sat;
    const int32_t x_q4 = mote_act_s8_arg(p, input[i], &sat);
    int32_t y = sat < 0 ? INT8_MIN : INT8_MAX;
    if (sat == 0) {
      /* Q0.31 -> Q24.7. */
      y = mote_clamp_i32(mote_rounding_shift_right(mote_fp_tanh(x_q4, 4), 24),
                         INT8_MIN, INT8_MAX);
    }
    output[i] = (int8_t)y;
  }
}

void mote_tanh_s16_ref(const mote_act_params_t *p, const int16_t *input,
                       int16_t *output, int32_t n) {
  int32_t multiplier, shift, round_half;
  int32_t i;
  /* A 2^-11 scale's doubling folds into the multiplier with the stretch. */
  mote_act_s16_scaling(p, &multiplier, &shift, &round_half);
  for (i = 0; i < n; ++i) {
    const int32_t x = ((int32_t)input[i] * multiplier + round_half) >> shift;
    const uint32_t abs_x = x >= 0 ? (uint32_t)x : 0u - (uint32_t)x;
    /* One table step per 2^8 here (2^9 for LOGISTIC): sigmoid(2x). */
    const uint32_t index = abs_x >> 8;
    int32_t y; /* Q0.16 << 8 */
    if (index >= 255) {
      y = (int32_t)(0xFFFFu << 8);
    } else {
      const uint32_t a = mote_sigmoid_table_u16[index];
      const uint32_t b = mote_sigmoid_table_u16[index + 1];
      y = (int32_t)((a << 8) + (abs_x & 0xffu) * (b - a));
    }
    /* 2 sigmoid - 1, mirrored for negative x, rounded to Q0.15. */
    y = x >= 0 ? y - (1 << (14 + 9)) + (1 << (9 - 2))
               : -y + (1 << (14 + 9)) + (1 << (9 - 2)) - 1;
    output[i] = (int16_t)(y >> (9 - 1));
  }
}
