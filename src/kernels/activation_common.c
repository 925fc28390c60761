/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The glue LOGISTIC and TANH share (activation_common.h): TFLite Micro's
 * prepare checks for both ops, the input scaling of activation_q.h into
 * persistent memory, and at invoke one call of the op's bound compute
 * function for the tensor type. The call goes through the op's
 * mote_act_kernel_t, which holds only the bound implementation, so a
 * firmware links no other.
 */
#include "kernels/activation_common.h"

#include "kernels/kernel_util.h"

/* Per-operator state, in persistent memory. */
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

mote_status_t mote_act_check_alloc(mote_kctx_t *ctx, uint32_t types,
                                   const char *supported, bool quant,
                                   size_t bytes, mote_tensor_t *in,
                                   mote_tensor_t *out, void **op) {
  mote_status_t st = mote_act_check_io(ctx, types, supported, quant, in, out);
  if (st == MOTE_OK &&
      (st = mote_kctx_alloc_persistent(ctx, bytes, op)) == MOTE_OK) {
    mote_kctx_set_user_data(ctx, *op);
  }
  return st;
}

mote_status_t mote_act_check_io(mote_kctx_t *ctx, uint32_t types,
                                const char *supported, bool quant,
                                mote_tensor_t *in, mote_tensor_t *out) {
  mote_status_t st;
  if ((st = mote_check_io_count(ctx, 1, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, out)) != MOTE_OK) {
    return st;
  }
  if (in->type >= 32u || (types & MOTE_TYPE_BIT(in->type)) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; %s",
                          mote_type_name((mote_type_t)in->type), supported);
  }
  if ((st = mote_check_type(ctx, out, (mote_type_t)in->type, "output 0")) !=
      MOTE_OK) {
    return st;
  }
  if (mote_tensor_elements(in) != mote_tensor_elements(out)) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "input 0 has %ld elements, output 0 has %ld",
        (long)mote_tensor_elements(in), (long)mote_tensor_elements(out));
  }
  if (quant && (in->type == MOTE_TYPE_INT8 || in->type == MOTE_TYPE_INT16) &&
      !(in->scale > 0.0f && out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 and output 0 need positive scales");
  }
  return MOTE_OK;
}

mote_status_t mote_act_prepare(mote_kctx_t *ctx, const mote_act_kernel_t *k) {
  mote_tensor_t in;
  mote_tensor_t out;
  act_op_t *op;
  void *mem = NULL;
  mote_status_t st;
  if ((st = mote_act_check_io(
           ctx,
           MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |
               MOTE_TYPE_BIT(MOTE_TYPE_INT16),
           "supported: float32, int8, int16", false, &in, &out)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (act_op_t *)mem;
  op->n = mote_tensor_elements(&in);
  op->type = in.type;
  switch (in.type) {
  case MOTE_TYPE_INT8:
  case MOTE_TYPE_INT16:
    if ((st = prepare_quant(ctx, k, &in, &out, op)) != MOTE_OK) {
      return st;
    }
    break;
  default: /* float32 */
    break;
  }
  mote_kctx_set_user_data(ctx, op);
  /* Element-wise: the output may go over an input that dies here. */
  return mote_request_share_elementwise(ctx, 0, &in, &out);
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
    k->s8(&op->q, (const int8_t *)in, (int8_t *)out, op->n);
    break;
  default:
    k->s16(&op->q, (const int16_t *)in, (int16_t *)out, op->n);
    break;
  }
  return MOTE_OK;
}
