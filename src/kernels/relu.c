/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RELU, RELU6 and RELU_N1_TO_1 glue: clamps of float32, int8 and int16
 * tensors, TFLM's semantics; the compute functions are relu.h's. The
 * three ops differ only in the range and in how TFLM quantizes it:
 *  - RELU (TFLM's ReluQuantized) requantizes from the input's scale to
 *    the output's (QuantizeMultiplier of the ratio in double) and clamps
 *    to [max(T min, zp_out), T max]; int16 needs zero points 0;
 *  - RELU_N1_TO_1 is RELU with the range [-1, 1] in the output's units
 *    (zp + roundf(+-1 / scale)), TFLite's QuantizedReluX; TFLM's resolver
 *    has no kernel for it, so its table cases are checked against the
 *    reference only;
 *  - RELU6 compares input values directly with the input's zero point and
 *    its quantized 6 (round(6 / scale) + zp, saturated): TFLM ignores the
 *    output quantization, so it is not checked here either.
 * Everything is computed in prepare; invoke is one call.
 */
#include "kernels/relu.h"

#include <math.h>

#include "kernels/activation_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef enum relu_kind { RELU_0_INF, RELU_0_6, RELU_N1_1 } relu_kind_t;

/* Persistent per-operator data. */
typedef struct relu_op {
  mote_relu_params_t p;
  int32_t n;
  uint8_t type;
} relu_op_t;

/* round(v / scale) + zp (float division, as TFLite), saturated to
 * [lo, hi] before it can overflow. */
static int32_t relu_quantize(float v, float scale, int32_t zp, int32_t lo,
                             int32_t hi) {
  const double q = (double)roundf(v / scale) + (double)zp;
  return q < (double)lo ? lo : (q > (double)hi ? hi : (int32_t)q);
}

static mote_status_t relu_prepare_quant(mote_kctx_t *ctx, relu_kind_t kind,
                                        const mote_tensor_t *in,
                                        const mote_tensor_t *out,
                                        mote_relu_params_t *p) {
  const int32_t lo = in->type == MOTE_TYPE_INT8 ? INT8_MIN : INT16_MIN;
  const int32_t hi = in->type == MOTE_TYPE_INT8 ? INT8_MAX : INT16_MAX;
  if (kind == RELU_0_INF && in->type == MOTE_TYPE_INT16 &&
      (in->zero_point != 0 || out->zero_point != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 zero points must be 0 (input 0 %d, output "
                          "0 %d)",
                          (int)in->zero_point, (int)out->zero_point);
  }
  if (kind == RELU_0_6) {
    p->act_min = in->zero_point;
    p->act_max = relu_quantize(6.0f, in->scale, in->zero_point, lo, hi);
    return MOTE_OK;
  }
  mote_status_t st = mote_quantize_multiplier_checked(
      ctx, (double)in->scale / (double)out->scale, "input 0 to output 0",
      &p->multiplier, &p->shift);
  if (st != MOTE_OK) {
    return st;
  }
  p->rescale = 1;
  p->input_zero_point = in->zero_point;
  p->output_zero_point = out->zero_point;
  p->act_min = relu_quantize(kind == RELU_N1_1 ? -1.0f : 0.0f, out->scale,
                             out->zero_point, lo, hi);
  p->act_max = kind == RELU_N1_1
                   ? relu_quantize(1.0f, out->scale, out->zero_point, lo, hi)
                   : hi;
  return MOTE_OK;
}

static mote_status_t relu_prepare(mote_kctx_t *ctx, relu_kind_t kind) {
  static const float kMax[3] = {HUGE_VALF, 6.0f, 1.0f};
  mote_tensor_t in, out;
  relu_op_t *op;
  void *mem;
  mote_status_t st = mote_act_check_io(
      ctx,
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |
          (kind != RELU_N1_1 ? MOTE_TYPE_BIT(MOTE_TYPE_INT16) : 0u),
      kind != RELU_N1_1 ? "supported: float32, int8, int16"
                        : "supported: float32, int8",
      true, &in, &out);
  if (st != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (relu_op_t *)mem;
  op->n = mote_tensor_elements(&in);
  op->type = in.type;
  op->p.min_f = kind == RELU_N1_1 ? -1.0f : 0.0f;
  op->p.max_f = kMax[kind];
  if (in.type != MOTE_TYPE_FLOAT32 &&
      (st = relu_prepare_quant(ctx, kind, &in, &out, &op->p)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  /* Element-wise: the output may go over an input that dies here. */
  return mote_request_share_elementwise(ctx, 0, &in, &out);
}

static mote_status_t relu_invoke(mote_kctx_t *ctx) {
  const relu_op_t *op = (const relu_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_relu_f32(&op->p, (const float *)in, (float *)out, op->n);
    break;
  case MOTE_TYPE_INT8:
    mote_relu_s8(&op->p, (const int8_t *)in, (int8_t *)out, op->n);
    break;
  default:
    mote_relu_s16(&op->p, (const int16_t *)in, (int16_t *)out, op->n);
    break;
  }
  return MOTE_OK;
}

static mote_status_t relu_0_inf_prepare(mote_kctx_t *ctx) {
  return relu_prepare(ctx, RELU_0_INF);
}

static mote_status_t relu_0_6_prepare(mote_kctx_t *ctx) {
  return relu_prepare(ctx, RELU_0_6);
}

static mote_status_t relu_n1_1_prepare(mote_kctx_t *ctx) {
  return relu_prepare(ctx, RELU_N1_1);
}

/* Versions: 2 int8, 3 int16. */
const mote_kernel_t mote_kernel_relu = {"RELU", 3, relu_0_inf_prepare,
                                        relu_invoke};
const mote_kernel_t mote_kernel_relu6 = {"RELU6", 3, relu_0_6_prepare,
                                         relu_invoke};
const mote_kernel_t mote_kernel_relu_n1_to_1 = {"RELU_N1_TO_1", 2,
                                                relu_n1_1_prepare, relu_invoke};
