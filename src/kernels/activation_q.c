/*
 * Input rescaling for quantized LOGISTIC and TANH (see activation_q.h).
 * Mirrors the prepare-time arithmetic of TFLite Micro's logistic_common.cc
 * and tanh.cc, including its use of double for the multipliers and float
 * for the power-of-two test.
 *
 * The two ops' kernel glue lives here as well: it differs only in the
 * int8 output zero point LOGISTIC insists on and the largest power-of-two
 * int16 input scale each takes directly, which the op passes in.
 */
#include "kernels/activation_q.h"

#include <float.h>
#include <math.h>

#include "kernels/kernel_util.h"

/* Fractional bits of the Q4.27 int8 input format. */
#define S8_INPUT_INT_BITS 4

mote_status_t mote_act_params_s8(float input_scale, int32_t input_zero_point,
                                 mote_act_params_t *p) {
  const double real =
      (double)input_scale * (double)(1 << (31 - S8_INPUT_INT_BITS));
  int shift = 0;
  double q;
  double radius;
  if (!(input_scale > 0.0f)) {
    return MOTE_ERR_UNSUPPORTED;
  }
  q = frexp(real, &shift);
  if (shift < 0) {
    return MOTE_ERR_UNSUPPORTED;
  }
  /* q is a float's significand in [0.5, 1), so this never reaches 2^31. */
  p->input_multiplier = (int32_t)round(q * 2147483648.0);
  p->input_left_shift = shift;
  p->input_zero_point = input_zero_point;
  /* TFLite divides by (1LL << shift); ldexp is the same exact power-of-two
   * scaling and stays defined for the shifts of 63 and more that a huge
   * input scale gives (the radius is then 0 and every input saturates,
   * so the multiplier is never applied). */
  radius = floor(ldexp((double)((1 << S8_INPUT_INT_BITS) - 1) *
                           (double)((int64_t)1 << (31 - S8_INPUT_INT_BITS)),
                       -shift));
  p->input_range_radius = (int32_t)radius;
  return MOTE_OK;
}

int mote_checked_log2(float x, int *log2) {
  float x_log2, rounded, frac;
  /* A zero (or corrupt) scale has no logarithm to convert to int. */
  if (!(x > 0.0f && x <= FLT_MAX)) {
    *log2 = 0;
    return 0;
  }
  x_log2 = logf(x) * (1.0f / logf(2.0f));
  rounded = roundf(x_log2);
  frac = x_log2 - rounded;
  *log2 = (int)rounded;
  return fabsf(frac) < 1e-3f;
}

mote_status_t mote_act_params_s16(float input_scale, int max_pot_shift,
                                  mote_act_params_t *p) {
  /* The table wants Q3.12 input: 15 - 3 fractional bits. */
  int log2 = 0;
  int pot;
  int shift;
  if (!(input_scale > 0.0f)) {
    return MOTE_ERR_UNSUPPORTED;
  }
  pot = mote_checked_log2(input_scale, &log2);
  shift = 12 + log2;
  p->input_zero_point = 0;
  p->input_range_radius = 0;
  if (pot && shift >= 0 && shift <= max_pot_shift) {
    p->input_multiplier = 0;
    p->input_left_shift = shift;
    return MOTE_OK;
  }
  {
    /* Input scale to 1 / (3 * 4096): the table spans +-10.7, not +-8. */
    double multiplier = (double)input_scale * 4096.0 * 3.0;
    shift = 0;
    while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
      ++shift;
      multiplier = multiplier * 2.0;
    }
    if (!(multiplier <= 32767.0)) {
      return MOTE_ERR_UNSUPPORTED;
    }
    p->input_multiplier = (int32_t)multiplier;
    p->input_left_shift = shift;
  }
  return MOTE_OK;
}

/* --- kernel glue -------------------------------------------------------- */

typedef struct act_op {
  mote_act_params_t q;
  int32_t n; /* elements */
  uint8_t type;
} act_op_t;

static mote_status_t prepare_quant(mote_kctx_t *ctx, const mote_act_kernel_t *k,
                                   const mote_tensor_t *in,
                                   const mote_tensor_t *out, act_op_t *op) {
  int log2 = 0;
  if (in->type == MOTE_TYPE_INT8) {
    if (k->s8_output_zp_min && out->zero_point != INT8_MIN) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int8 output zero point must be -128, is %d",
                            (int)out->zero_point);
    }
    if (mote_act_params_s8(in->scale, in->zero_point, &op->q) != MOTE_OK) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int8 input scale out of range (below 2^-28)");
    }
    return MOTE_OK;
  }
  if (in->zero_point != 0 || out->zero_point != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 zero points must be 0 (input %d, output %d)",
                          (int)in->zero_point, (int)out->zero_point);
  }
  if (!mote_checked_log2(out->scale, &log2) || log2 != -15) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 output scale must be 2^-15");
  }
  if (mote_act_params_s16(in->scale, k->s16_max_pot_shift, &op->q) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 input scale must be in (0, 8/3]");
  }
  return MOTE_OK;
}

mote_status_t mote_act_prepare(mote_kctx_t *ctx, const mote_act_kernel_t *k) {
  mote_tensor_t in;
  mote_tensor_t out;
  act_op_t *op;
  void *mem = NULL;
  mote_status_t st;
  if (mote_kctx_input_count(ctx) != 1 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "needs 1 input and 1 output, has %u and %u",
        mote_kctx_input_count(ctx), mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (mote_tensor_elements(&in) != mote_tensor_elements(&out)) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "input 0 has %ld elements, output 0 has %ld",
        (long)mote_tensor_elements(&in), (long)mote_tensor_elements(&out));
  }
  if ((st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
      MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (act_op_t *)mem;
  op->n = mote_tensor_elements(&in);
  op->type = in.type;
  switch (in.type) {
  case MOTE_TYPE_FLOAT32:
    break;
  case MOTE_TYPE_INT8:
  case MOTE_TYPE_INT16:
    if ((st = prepare_quant(ctx, k, &in, &out, op)) != MOTE_OK) {
      return st;
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

mote_status_t mote_act_invoke(mote_kctx_t *ctx, const mote_act_kernel_t *k) {
  const act_op_t *op = (const act_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    k->f32((const float *)in, (float *)out, op->n);
    break;
  case MOTE_TYPE_INT8:
    k->s8((const int8_t *)in, (int8_t *)out, op->n, &op->q);
    break;
  default:
    k->s16((const int16_t *)in, (int16_t *)out, op->n, &op->q);
    break;
  }
  return MOTE_OK;
}
