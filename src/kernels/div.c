/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DIV glue: element-wise quotient with broadcasting and a fused
 * activation, TFLite Micro's semantics; the compute functions are div.h's.
 *
 *  - float32 divides in single precision and clamps;
 *  - int32 (unquantized) truncates toward zero and clamps to the int32
 *    activation range;
 *  - int8: the output rescale s1 / (s2 * s_out) is formed in float, as
 *    TFLM does, then QuantizeMultiplier. Rescales of 2^22 or more, which
 *    would need a left shift TFLM's rounding helper cannot take, are
 *    refused.
 * TFLM traps on a zero divisor and on INT32_MIN / -1; mote fails the
 * invoke naming the element instead. Broadcasting, the op data and the
 * parameters rebuilt from it at invoke are binary_common.h's.
 */
#include "kernels/div.h"

#include "kernels/binary_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* DIV's BuiltinOptions union index (DivOptions) and its field. */
#define DIV_OPTIONS 29
#define DIV_OPT_ACTIVATION 0

#define DIV_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT32))

static mote_status_t div_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in1, in2, out;
  mote_options_t opt;
  mote_binary_op_t *op;
  void *mem;
  int act;
  mote_status_t st;
  if ((st = mote_bcast_prepare(ctx, DIV_OPTIONS, &opt, DIV_TYPES,
                               "DIV supports int8, float32 and int32",
                               sizeof(mote_binary_op_t), &mem, &in1, &in2,
                               &out)) != MOTE_OK) {
    return st;
  }
  op = (mote_binary_op_t *)mem;
  act = (int)mote_options_u8(&opt, DIV_OPT_ACTIVATION, 0);
  if (out.type != MOTE_TYPE_INT8) {
    st = mote_binary_prepare_act(ctx, op, act);
  } else if ((st = mote_binary_check_scales(ctx, &in1, &in2, &out)) ==
             MOTE_OK) {
    /* TFLM forms the int8 ratio in float, then widens it. */
    st = mote_binary_prepare_quant(
        ctx, op, &in1, &in2, &out,
        (double)(in1.scale / (in2.scale * out.scale)), 22, act);
  }
  if (st != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t div_invoke(mote_kctx_t *ctx) {
  mote_bcast_t b;
  mote_arith_params_t p;
  const void *in1, *in2;
  void *out;
  int32_t bad_at;
  const mote_binary_op_t *op = (const mote_binary_op_t *)mote_bcast_invoke_data(
      ctx, &b, &in1, &in2, &out);
  mote_binary_params(op, &p);
  switch (op->bc.type) {
  case MOTE_TYPE_INT8:
    bad_at = mote_div_s8(&p, &b, (const int8_t *)in1, (const int8_t *)in2,
                         (int8_t *)out);
    break;
  case MOTE_TYPE_FLOAT32:
    bad_at = mote_div_f32(&p, &b, (const float *)in1, (const float *)in2,
                          (float *)out);
    break;
  default:
    bad_at = mote_div_s32(&p, &b, (const int32_t *)in1, (const int32_t *)in2,
                          (int32_t *)out);
    break;
  }
  if (bad_at >= 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_KERNEL,
                          "output element %ld: division by zero or overflow",
                          (long)bad_at);
  }
  return MOTE_OK;
}

/* Version 2 is broadcasting over more than 4 dimensions, which the shared
 * broadcast walk handles up to MOTE_MAX_DIMS. */
const mote_kernel_t mote_kernel_div = {"DIV", 2, div_prepare, div_invoke};
