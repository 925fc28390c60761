/*
 * LOGISTIC: TFLite Micro's reference kernel (logistic.cc), bit for bit.
 *
 * float32 uses TFLite's clamped formula rather than a plain
 * 1 / (1 + exp(-x)), so results agree to the last bit with the same libm.
 * int8 runs gemmlowp's fixed-point logistic on a Q4.27 input; int16
 * interpolates TFLite's 256-entry sigmoid table (activation_q.h explains
 * the input scaling of both). Other types are refused by name; TFLite Micro
 * has no uint8 or mixed-type LOGISTIC.
 */
#include "kernels/logistic.h"

#include <math.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

void mote_logistic_f32(const float *input, float *output, int32_t n) {
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

void mote_logistic_s8(const int8_t *input, int8_t *output, int32_t n,
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
      /* Q0.31 -> Q23.8 (1/256 per step), then the -128 zero point. */
      const int32_t y_q0 = mote_fp_logistic(x_q4, 4);
      y = mote_clamp_i32(mote_rounding_shift_right(y_q0, 23) - 128, INT8_MIN, INT8_MAX);
    }
    output[i] = (int8_t)y;
  }
}

void mote_logistic_s16(const int16_t *input, int16_t *output, int32_t n,
                       const mote_act_params_t *p) {
  int32_t multiplier = p->input_multiplier;
  int32_t shift = p->input_left_shift;
  int32_t round_half;
  int32_t i;
  if (multiplier == 0) {
    /* Power-of-two scale: only the 3/4 range stretch remains. */
    multiplier = 3 << shift;
    shift = 0;
  }
  round_half = shift > 0 ? (int32_t)1 << (shift - 1) : 0;
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

/* --- kernel glue -------------------------------------------------------- */

static const mote_act_kernel_t logistic_kernel = {
    0, true, mote_logistic_f32, mote_logistic_s8, mote_logistic_s16};

static mote_status_t logistic_prepare(mote_kctx_t *ctx) {
  return mote_act_prepare(ctx, &logistic_kernel);
}

static mote_status_t logistic_invoke(mote_kctx_t *ctx) {
  return mote_act_invoke(ctx, &logistic_kernel);
}

const mote_kernel_t mote_kernel_logistic = {"LOGISTIC", 3, logistic_prepare,
                                            logistic_invoke};
