/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HARD_SWISH glue: x * relu6(x + 3) / 6 for float32 and int8, TFLM's
 * semantics; the compute functions are hard_swish.h's.
 *
 * int8's two multipliers are formed as TFLM forms them: the input scale
 * on the "hires" scale (input_scale / 128, in float), its ratio to the
 * output scale and to 3 / 32768 (float divisions), each QuantizeMultiplier'd
 * in double and then narrowed to Q0.15 with rounding (saturating at
 * 32767). TFLM refuses an output multiplier of 1 or more (a positive
 * exponent); so does this kernel, and it refuses a relu-ish exponent
 * past 30, where TFLite's left shift would be undefined.
 */
#include "kernels/hard_swish.h"

#include "kernels/activation_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct hard_swish_op {
  mote_hard_swish_params_t p;
  int32_t n;
  uint8_t type;
} hard_swish_op_t;

/* TFLite's DownScaleInt32ToInt16Multiplier: Q0.31 to Q0.15, rounded. */
static int16_t hard_swish_q15(int32_t m) {
  return (int16_t)(m >= INT32_MAX - (1 << 15) ? INT16_MAX
                                               : (m + (1 << 15)) >> 16);
}

static mote_status_t hard_swish_prepare_s8(mote_kctx_t *ctx,
                                           const mote_tensor_t *in,
                                           const mote_tensor_t *out,
                                           mote_hard_swish_params_t *p) {
  const float hires_scale = (1.0f / 128.0f) * in->scale;
  const float reluish_scale = 3.0f / 32768.0f;
  int32_t m;
  int out_exp, reluish_exp;
  mote_quantize_multiplier((double)(hires_scale / out->scale), &m, &out_exp);
  p->output_multiplier = hard_swish_q15(m);
  mote_quantize_multiplier((double)(hires_scale / reluish_scale), &m,
                           &reluish_exp);
  p->reluish_multiplier = hard_swish_q15(m);
  if (out_exp > 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 scale / 128 must be below output 0 scale "
                          "(rescale 2^%d)",
                          out_exp);
  }
  if (reluish_exp > 30) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 scale is too large (relu-ish 2^%d)",
                          reluish_exp);
  }
  p->output_exponent = out_exp;
  p->reluish_exponent = reluish_exp;
  p->input_zero_point = in->zero_point;
  p->output_zero_point = out->zero_point;
  return MOTE_OK;
}

static mote_status_t hard_swish_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  hard_swish_op_t *op;
  void *mem;
  mote_status_t st = mote_act_check_io(
      ctx, MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8),
      "supported: float32, int8", true, &in, &out);
  if (st != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (hard_swish_op_t *)mem;
  op->n = mote_tensor_elements(&in);
  op->type = in.type;
  if (in.type == MOTE_TYPE_INT8 &&
      (st = hard_swish_prepare_s8(ctx, &in, &out, &op->p)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  /* Element-wise: the output may go over an input that dies here. */
  return mote_request_share_elementwise(ctx, 0, &in, &out);
}

static mote_status_t hard_swish_invoke(mote_kctx_t *ctx) {
  const hard_swish_op_t *op = (const hard_swish_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  if (op->type == MOTE_TYPE_FLOAT32) {
    mote_hard_swish_f32((const float *)in, (float *)out, op->n);
  } else {
    mote_hard_swish_s8(&op->p, (const int8_t *)in, (int8_t *)out, op->n);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_hard_swish = {
    "HARD_SWISH", 1, hard_swish_prepare, hard_swish_invoke};
