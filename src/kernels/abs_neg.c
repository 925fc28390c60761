/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ABS, NEG and SQUARE glue (abs_neg.h computes). As in TFLite Micro:
 * NEG and SQUARE take float32; ABS float32, int8 and int16. Quantized ABS
 * needs per-tensor quantization on both sides; int16 needs zero points 0,
 * or no quantization at all (then plain |x|). Its multiplier is
 * QuantizeMultiplier of input_scale / output_scale divided in double, as
 * TFLM divides, and only used when the float scales differ.
 */
#include "kernels/abs_neg.h"

#include "kernels/activation_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct abs_neg_op {
  mote_abs_params_t p;
  int32_t n;
  uint8_t type;
  mote_unary_op_t op;
} abs_neg_op_t;

static mote_status_t abs_quant(mote_kctx_t *ctx, const mote_tensor_t *in,
                               const mote_tensor_t *out, mote_abs_params_t *p) {
  p->wide = in->type == MOTE_TYPE_INT16;
  p->quantized = in->scale > 0.0f || !p->wide;
  if (!p->quantized) {
    return MOTE_OK;
  }
  if (!(in->scale > 0.0f) || !(out->scale > 0.0f) ||
      (in->type == MOTE_TYPE_INT16 &&
       (in->zero_point != 0 || out->zero_point != 0))) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 and output 0 need positive scales (and "
                          "zero points 0 for int16)");
  }
  p->input_offset = in->zero_point;
  p->output_offset = out->zero_point;
  p->rescale = in->scale != out->scale;
  if (!p->rescale) {
    return MOTE_OK;
  }
  return mote_quantize_multiplier_checked(
      ctx, (double)in->scale / (double)out->scale, "output", &p->multiplier,
      &p->shift);
}

static mote_status_t prepare(mote_kctx_t *ctx, mote_unary_op_t which,
                             uint32_t types, const char *supported) {
  mote_tensor_t in, out;
  void *mem = NULL;
  mote_status_t st = mote_act_check_alloc(
      ctx, types, supported, false, sizeof(abs_neg_op_t), &in, &out, &mem);
  abs_neg_op_t *op = (abs_neg_op_t *)mem;
  if (st != MOTE_OK) {
    return st;
  }
  op->n = mote_tensor_elements(&in);
  op->p.n = op->n;
  op->type = in.type;
  op->op = which;
  if (in.type != MOTE_TYPE_FLOAT32 &&
      (st = abs_quant(ctx, &in, &out, &op->p)) != MOTE_OK) {
    return st;
  }
  /* Element-wise: the output may go over an input that dies here. */
  return mote_request_share_elementwise(ctx, 0, &in, &out);
}

static mote_status_t abs_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, MOTE_UNARY_ABS,
                 MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) |
                     MOTE_TYPE_BIT(MOTE_TYPE_INT8) |
                     MOTE_TYPE_BIT(MOTE_TYPE_INT16),
                 "supported: float32, int8, int16");
}

static mote_status_t neg_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, MOTE_UNARY_NEG, MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32),
                 "supported: float32");
}

static mote_status_t square_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, MOTE_UNARY_SQUARE, MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32),
                 "supported: float32");
}

static mote_status_t abs_neg_invoke(mote_kctx_t *ctx) {
  const abs_neg_op_t *op = (const abs_neg_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  if (op->type == MOTE_TYPE_FLOAT32) {
    mote_unary_f32(op->op, (const float *)in, (float *)out, op->n);
  } else {
    mote_abs_q(&op->p, in, out);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_abs = {"ABS", 5, abs_prepare, abs_neg_invoke};
const mote_kernel_t mote_kernel_neg = {"NEG", 2, neg_prepare, abs_neg_invoke};
const mote_kernel_t mote_kernel_square = {"SQUARE", 1, square_prepare,
                                          abs_neg_invoke};
