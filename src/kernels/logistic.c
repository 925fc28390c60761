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

#include "kernels/fixedpoint.h"
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
          mote_mul_by_qmult(x, p->input_multiplier, p->input_left_shift);
      /* Q0.31 -> Q23.8 (1/256 per step), then the -128 zero point. */
      const int32_t y_q0 = mote_fp_logistic(x_q4, 4);
      y = mote_clamp_i32(mote_rdbpot(y_q0, 23) - 128, INT8_MIN, INT8_MAX);
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

typedef struct logistic_op {
  mote_act_params_t q;
  uint8_t type;
} logistic_op_t;

static mote_status_t logistic_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in;
  mote_tensor_t out;
  logistic_op_t *op;
  void *mem = NULL;
  int log2 = 0;
  mote_status_t st;
  if (mote_kctx_input_count(ctx) != 1 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "needs 1 input and 1 output, has %u and %u",
                          mote_kctx_input_count(ctx),
                          mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (mote_tensor_elements(&in) != mote_tensor_elements(&out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has %ld elements, output 0 has %ld",
                          (long)mote_tensor_elements(&in),
                          (long)mote_tensor_elements(&out));
  }
  if ((st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
      MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (logistic_op_t *)mem;
  op->type = in.type;
  switch (in.type) {
  case MOTE_TYPE_FLOAT32:
    break;
  case MOTE_TYPE_INT8:
    if (out.zero_point != INT8_MIN) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int8 output zero point must be -128, is %d",
                            (int)out.zero_point);
    }
    if (mote_act_params_s8(in.scale, in.zero_point, &op->q) != MOTE_OK) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int8 input scale out of range (below 2^-28)");
    }
    break;
  case MOTE_TYPE_INT16:
    if (in.zero_point != 0 || out.zero_point != 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 zero points must be 0 (input %d, output %d)",
                            (int)in.zero_point, (int)out.zero_point);
    }
    if (!mote_checked_log2(out.scale, &log2) || log2 != -15) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 output scale must be 2^-15");
    }
    if (mote_act_params_s16(in.scale, 0, &op->q) != MOTE_OK) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 input scale must be in (0, 8/3]");
    }
    break;
  default:
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; supported: float32, int8, "
                          "int16",
                          mote_type_name((mote_type_t)in.type));
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t logistic_invoke(mote_kctx_t *ctx) {
  const logistic_op_t *op = (const logistic_op_t *)mote_kctx_user_data(ctx);
  mote_tensor_t in;
  mote_tensor_t out;
  int32_t n;
  mote_status_t st;
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  n = mote_tensor_elements(&in);
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_logistic_f32((const float *)in.data, (float *)out.data, n);
    break;
  case MOTE_TYPE_INT8:
    mote_logistic_s8((const int8_t *)in.data, (int8_t *)out.data, n, &op->q);
    break;
  default:
    mote_logistic_s16((const int16_t *)in.data, (int16_t *)out.data, n,
                      &op->q);
    break;
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_logistic = {"LOGISTIC", 3, logistic_prepare,
                                            logistic_invoke};
