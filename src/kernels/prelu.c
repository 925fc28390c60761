/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PRELU glue: x for x >= 0, alpha x below, alpha a tensor broadcast
 * against the input (rank 4 at most, as TFLM's 4-D walk), for float32
 * and int8, TFLM's semantics; the compute functions are prelu.h's.
 * Broadcasting and the share requests are binary_common.h's; the two
 * multipliers are QuantizeMultiplier of input / output and input x alpha
 * / output scales, in double as TFLM.
 */
#include "kernels/prelu.h"

#include "kernels/binary_common.h"
#include "mote/ops.h"

typedef struct prelu_op {
  mote_bcast_op_t bc;
  mote_prelu_params_t p;
} prelu_op_t;

static mote_status_t prelu_prepare_s8(mote_kctx_t *ctx, prelu_op_t *op,
                                      const mote_tensor_t *in,
                                      const mote_tensor_t *alpha,
                                      const mote_tensor_t *out) {
  const double s_in = (double)in->scale, s_out = (double)out->scale;
  mote_status_t st = mote_binary_check_scales(ctx, in, alpha, out);
  if (st != MOTE_OK ||
      (st = mote_quantize_multiplier_checked(ctx, s_in / s_out, "input 0",
                                             &op->p.multiplier_1,
                                             &op->p.shift_1)) != MOTE_OK ||
      (st = mote_quantize_multiplier_checked(
           ctx, s_in * (double)alpha->scale / s_out, "alpha (input 1)",
           &op->p.multiplier_2, &op->p.shift_2)) != MOTE_OK) {
    return st;
  }
  op->p.input_offset = -in->zero_point;
  op->p.alpha_offset = -alpha->zero_point;
  op->p.output_offset = out->zero_point;
  return MOTE_OK;
}

static mote_status_t prelu_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, alpha, out;
  void *mem;
  prelu_op_t *op;
  mote_status_t st = mote_bcast_prepare(
      ctx, 0, NULL,
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8),
      "supported: float32, int8", sizeof(prelu_op_t), &mem, &in, &alpha, &out);
  if (st != MOTE_OK) {
    return st;
  }
  if (out.rank > 4) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 has rank %d (at most 4)", (int)out.rank);
  }
  op = (prelu_op_t *)mem;
  if (out.type == MOTE_TYPE_INT8 &&
      (st = prelu_prepare_s8(ctx, op, &in, &alpha, &out)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t prelu_invoke(mote_kctx_t *ctx) {
  mote_bcast_t b;
  const void *in, *alpha;
  void *out;
  const prelu_op_t *op =
      (const prelu_op_t *)mote_bcast_invoke_data(ctx, &b, &in, &alpha, &out);
  if (op->bc.type == MOTE_TYPE_FLOAT32) {
    mote_prelu_f32(&op->p, &b, (const float *)in, (const float *)alpha,
                   (float *)out);
  } else {
    mote_prelu_s8(&op->p, &b, (const int8_t *)in, (const int8_t *)alpha,
                  (int8_t *)out);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_prelu = {"PRELU", 1, prelu_prepare,
                                         prelu_invoke};
