/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LEAKY_RELU glue: x for x >= 0, alpha x below, for float32, int8 and
 * int16, TFLM's semantics; the compute functions are leaky_relu.h's.
 *
 * The two multipliers are formed as TFLM forms them, in float first:
 * input_scale * alpha / output_scale and input_scale / output_scale, each
 * then QuantizeMultiplier'd in double. The float rounding shows in the
 * bytes, so it is not done in double. A negative alpha gives a negative
 * multiplier, which the requantizer takes as TFLite does.
 */
#include "kernels/leaky_relu.h"

#include "kernels/activation_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* LeakyReluOptions' union index and its one field. */
#define LEAKY_RELU_OPTIONS 75
#define LEAKY_RELU_OPT_ALPHA 0

typedef struct leaky_relu_op {
  mote_leaky_relu_params_t p;
  int32_t n;
  uint8_t type;
} leaky_relu_op_t;

static mote_status_t leaky_relu_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  mote_options_t opt;
  leaky_relu_op_t *op;
  void *mem;
  mote_status_t st = mote_act_check_io(
      ctx,
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |
          MOTE_TYPE_BIT(MOTE_TYPE_INT16),
      "supported: float32, int8, int16", true, &in, &out);
  if (st != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, LEAKY_RELU_OPTIONS, &opt)) !=
          MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (leaky_relu_op_t *)mem;
  op->n = mote_tensor_elements(&in);
  op->type = in.type;
  op->p.alpha = mote_options_f32(&opt, LEAKY_RELU_OPT_ALPHA, 0.0f);
  if (in.type != MOTE_TYPE_FLOAT32) {
    op->p.input_zero_point = in.zero_point;
    op->p.output_zero_point = out.zero_point;
    if ((st = mote_quantize_multiplier_checked(
             ctx, (double)(in.scale * op->p.alpha / out.scale), "alpha",
             &op->p.alpha_multiplier, &op->p.alpha_shift)) != MOTE_OK ||
        (st = mote_quantize_multiplier_checked(
             ctx, (double)(in.scale / out.scale), "identity",
             &op->p.identity_multiplier, &op->p.identity_shift)) != MOTE_OK) {
      return st;
    }
  }
  mote_kctx_set_user_data(ctx, op);
  /* Element-wise: the output may go over an input that dies here. */
  return mote_request_share_elementwise(ctx, 0, &in, &out);
}

static mote_status_t leaky_relu_invoke(mote_kctx_t *ctx) {
  const leaky_relu_op_t *op = (const leaky_relu_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_leaky_relu_f32(&op->p, (const float *)in, (float *)out, op->n);
    break;
  case MOTE_TYPE_INT8:
    mote_leaky_relu_s8(&op->p, (const int8_t *)in, (int8_t *)out, op->n);
    break;
  default:
    mote_leaky_relu_s16(&op->p, (const int16_t *)in, (int16_t *)out, op->n);
    break;
  }
  return MOTE_OK;
}

/* Versions: 2 int8, 3 int16. */
const mote_kernel_t mote_kernel_leaky_relu = {
    "LEAKY_RELU", 3, leaky_relu_prepare, leaky_relu_invoke};
