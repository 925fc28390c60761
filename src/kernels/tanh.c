/*
 * TANH: TFLite Micro's reference kernel (tanh.cc), bit for bit.
 *
 * int8 runs gemmlowp's fixed-point tanh on a Q4.27 input and writes Q0.7
 * with no output zero point, exactly as TFLite Micro does (it never looks
 * at the output quantization, so neither do we). int16 reads the sigmoid
 * table at twice the argument. float32 is tanhf(). Other types are refused
 * by name.
 */
#include "kernels/tanh.h"

#include <math.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

void mote_tanh_f32(const float *input, float *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = tanhf(input[i]);
  }
}

void mote_tanh_s8(const int8_t *input, int8_t *output, int32_t n,
                  const mote_act_params_t *p) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const int32_t x = (int32_t)input[i] - p->input_zero_point;
    int32_t y;
    if (x <= -p->input_range_radius) {
      y = INT8_MIN;
    } else if (x >= p->input_range_radius) {
      y = INT8_MAX;
    } else {
      const int32_t x_q4 =
          mote_mul_by_quant_mult(x, p->input_multiplier, p->input_left_shift);
      /* Q0.31 -> Q24.7. */
      y = mote_clamp_i32(mote_rounding_shift_right(mote_fp_tanh(x_q4, 4), 24), INT8_MIN,
                         INT8_MAX);
    }
    output[i] = (int8_t)y;
  }
}

void mote_tanh_s16(const int16_t *input, int16_t *output, int32_t n,
                   const mote_act_params_t *p) {
  int32_t multiplier = p->input_multiplier;
  int32_t shift = p->input_left_shift;
  int32_t round_half;
  int32_t i;
  if (multiplier == 0) {
    /* Power-of-two scale: the 3/4 stretch and the doubling of a 2^-11
     * scale fold into a small multiplier. */
    multiplier = 3 << shift;
    shift = 0;
  }
  round_half = shift > 0 ? (int32_t)1 << (shift - 1) : 0;
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

/* --- kernel glue -------------------------------------------------------- */

static const mote_act_kernel_t tanh_kernel = {1, false, mote_tanh_f32,
                                              mote_tanh_s8, mote_tanh_s16};

static mote_status_t tanh_prepare(mote_kctx_t *ctx) {
  return mote_act_prepare(ctx, &tanh_kernel);
}

static mote_status_t tanh_invoke(mote_kctx_t *ctx) {
  return mote_act_invoke(ctx, &tanh_kernel);
}

const mote_kernel_t mote_kernel_tanh = {"TANH", 3, tanh_prepare, tanh_invoke};
