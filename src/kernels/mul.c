/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MUL glue: element-wise product with broadcasting and a fused
 * activation, TFLite Micro's semantics; the compute functions are mul.h's.
 *
 *  - int8 and int16: one rescale by s1 * s2 / s_out (QuantizeMultiplier
 *    in double, so a rescale >= 1 (version 3) is a left shift). int16
 *    requires all zero points to be 0, as TFLM does;
 *  - float32 multiplies in single precision and clamps;
 *  - int32 multiplies with wraparound and clamps to the int32 activation
 *    range (RELU [0, max], RELU6 [0, 6], RELU_N1_TO_1 [-1, 1]); its
 *    quantization parameters, if any, are ignored as in TFLM.
 * All inputs and the output share one type. Broadcasting, the op data and
 * the parameters rebuilt from it at invoke are binary_common.h's.
 */
#include "kernels/mul.h"

#include "kernels/binary_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* MUL's BuiltinOptions union index (MulOptions) and its field. */
#define MUL_OPTIONS 21
#define MUL_OPT_ACTIVATION 0

#define MUL_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT16) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT32))

static mote_status_t mul_prepare_quant(mote_kctx_t *ctx, mote_binary_op_t *op,
                                       const mote_tensor_t *in1,
                                       const mote_tensor_t *in2,
                                       const mote_tensor_t *out, int act) {
  mote_status_t st;
  if (out->type == MOTE_TYPE_INT16 &&
      (in1->zero_point != 0 || in2->zero_point != 0 || out->zero_point != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 MUL needs zero points 0, has %ld, %ld, %ld",
                          (long)in1->zero_point, (long)in2->zero_point,
                          (long)out->zero_point);
  }
  st = mote_binary_check_scales(ctx, in1, in2, out);
  if (st != MOTE_OK) {
    return st;
  }
  /* Beyond a left shift of 30 TFLite's requantization is undefined. */
  return mote_binary_prepare_quant(
      ctx, op, in1, in2, out,
      (double)in1->scale * (double)in2->scale / (double)out->scale, 30, act);
}

static mote_status_t mul_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in1, in2, out;
  mote_options_t opt;
  mote_binary_op_t *op;
  void *mem;
  int act;
  mote_status_t st;

  if ((st = mote_bcast_prepare(ctx, MUL_OPTIONS, &opt, MUL_TYPES,
                               "MUL supports int8, int16, float32 and int32",
                               sizeof(mote_binary_op_t), &mem, &in1, &in2,
                               &out)) != MOTE_OK) {
    return st;
  }
  op = (mote_binary_op_t *)mem;
  act = (int)mote_options_u8(&opt, MUL_OPT_ACTIVATION, 0);
  st = out.type == MOTE_TYPE_INT8 || out.type == MOTE_TYPE_INT16
           ? mul_prepare_quant(ctx, op, &in1, &in2, &out, act)
           : mote_binary_prepare_act(ctx, op, act);
  if (st != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t mul_invoke(mote_kctx_t *ctx) {
  mote_bcast_t b;
  mote_arith_params_t p;
  const void *in1, *in2;
  void *out;
  const mote_binary_op_t *op = (const mote_binary_op_t *)mote_bcast_invoke_data(
      ctx, &b, &in1, &in2, &out);
  mote_binary_params(op, &p);
  switch (op->bc.type) {
  case MOTE_TYPE_INT8:
    mote_mul_s8(&p, &b, (const int8_t *)in1, (const int8_t *)in2,
                (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    mote_mul_s16(&p, &b, (const int16_t *)in1, (const int16_t *)in2,
                 (int16_t *)out);
    break;
  case MOTE_TYPE_FLOAT32:
    mote_mul_f32(&p, &b, (const float *)in1, (const float *)in2, (float *)out);
    break;
  default:
    mote_mul_s32(&p, &b, (const int32_t *)in1, (const int32_t *)in2,
                 (int32_t *)out);
    break;
  }
  return MOTE_OK;
}

/* Versions: 2 int8, 3 int8 with a rescale >= 1, 4 int16. Versions 5-7
 * (int64, complex64, unquantized int16 / uint32) are not implemented. */
const mote_kernel_t mote_kernel_mul = {"MUL", 4, mul_prepare, mul_invoke};
