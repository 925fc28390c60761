/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The glue the element-wise binary operators share; see binary_common.h.
 * Everything here runs in prepare or once per invoke, none of it per
 * element.
 */
#include "kernels/binary_common.h"

#include "kernels/kernel_util.h"

void mote_bcast_unpack(const mote_bcast_op_t *o, mote_bcast_t *b) {
  int32_t acc1 = 1, acc2 = 1;
  int d;
  b->count = 1;
  for (d = MOTE_MAX_DIMS - 1; d >= 0; --d) {
    const unsigned bit = 1u << (unsigned)d;
    b->dims[d] = o->dims[d];
    b->stride1[d] = (o->vary1 & bit) ? acc1 : 0;
    b->stride2[d] = (o->vary2 & bit) ? acc2 : 0;
    acc1 *= (o->vary1 & bit) ? o->dims[d] : 1;
    acc2 *= (o->vary2 & bit) ? o->dims[d] : 1;
    b->count *= o->dims[d];
  }
}

mote_status_t mote_bcast_prepare(mote_kctx_t *ctx, uint8_t options_type,
                                 mote_options_t *opt, uint32_t types,
                                 const char *supported, size_t op_bytes,
                                 void **op, mote_tensor_t *in1,
                                 mote_tensor_t *in2, mote_tensor_t *out) {
  mote_status_t st;
  *op = NULL;
  if ((st = mote_check_io_count(ctx, 2, 1)) != MOTE_OK ||
      (opt != NULL &&
       (st = mote_kctx_builtin_options(ctx, options_type, opt)) != MOTE_OK) ||
      (st = mote_kctx_input(ctx, 0, in1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, in2)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, out)) != MOTE_OK) {
    return st;
  }
  if (out->type >= 32u || (types & MOTE_TYPE_BIT(out->type)) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "output 0 has type %s; %s",
                          mote_type_name((mote_type_t)out->type), supported);
  }
  if ((st = mote_check_type(ctx, in1, (mote_type_t)out->type, "input 0")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, in2, (mote_type_t)out->type, "input 1")) !=
          MOTE_OK) {
    return st;
  }
  return mote_bcast_prepare_shape(ctx, op_bytes, op, in1, in2, out);
}

mote_status_t mote_bcast_prepare_shape(mote_kctx_t *ctx, size_t op_bytes,
                                       void **op, const mote_tensor_t *in1,
                                       const mote_tensor_t *in2,
                                       const mote_tensor_t *out) {
  mote_bcast_t bcast;
  mote_bcast_op_t *o;
  int bad, d;
  mote_status_t st;
  if (mote_bcast_init(&bcast, in1->dims, in1->rank, in2->dims, in2->rank,
                      out->dims, out->rank, &bad) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "inputs of rank %d and %d do not broadcast to "
                          "output 0 of rank %d (dim %d)",
                          (int)in1->rank, (int)in2->rank, (int)out->rank, bad);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, op_bytes, op)) != MOTE_OK) {
    return st;
  }
  o = (mote_bcast_op_t *)*op;
  for (d = 0; d < MOTE_MAX_DIMS; ++d) {
    o->dims[d] = bcast.dims[d];
    o->vary1 = (uint8_t)(o->vary1 | (bcast.stride1[d] != 0 ? 1u << d : 0u));
    o->vary2 = (uint8_t)(o->vary2 | (bcast.stride2[d] != 0 ? 1u << d : 0u));
  }
  o->type = out->type;
  if ((st = mote_request_share_elementwise(ctx, 0, in1, out)) != MOTE_OK) {
    return st;
  }
  return mote_request_share_elementwise(ctx, 1, in2, out);
}

mote_status_t mote_bcast_check_4d(mote_kctx_t *ctx, const mote_tensor_t *in1,
                                  const mote_tensor_t *in2,
                                  const mote_tensor_t *out) {
  if (mote_same_shape(in1, in2) || out->rank <= 4) {
    return MOTE_OK;
  }
  return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                        "inputs of different shapes broadcast up to 4-D "
                        "(output 0 has rank %d)",
                        (int)out->rank);
}

const mote_bcast_op_t *mote_bcast_invoke_data(mote_kctx_t *ctx, mote_bcast_t *b,
                                              const void **in1,
                                              const void **in2, void **out) {
  const mote_bcast_op_t *o = (const mote_bcast_op_t *)mote_kctx_user_data(ctx);
  mote_bcast_unpack(o, b);
  *in1 = mote_kctx_input_data(ctx, 0);
  *in2 = mote_kctx_input_data(ctx, 1);
  *out = mote_kctx_output_data(ctx, 0);
  return o;
}

mote_status_t mote_binary_check_scales(mote_kctx_t *ctx,
                                       const mote_tensor_t *in1,
                                       const mote_tensor_t *in2,
                                       const mote_tensor_t *out) {
  if (in1->scale > 0.0f && in2->scale > 0.0f && out->scale > 0.0f) {
    return MOTE_OK;
  }
  return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                        "%s inputs and output need positive scales",
                        mote_type_name((mote_type_t)out->type));
}

mote_status_t mote_binary_prepare_quant(mote_kctx_t *ctx, mote_binary_op_t *op,
                                        const mote_tensor_t *in1,
                                        const mote_tensor_t *in2,
                                        const mote_tensor_t *out, double real,
                                        int max_shift, int act) {
  int shift;
  mote_status_t st;
  mote_quantize_multiplier(real, &op->multiplier, &shift);
  if (shift > max_shift) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "output rescale 2^%d is too large (at most 2^%d)",
                          shift, max_shift);
  }
  op->shift = (int8_t)shift; /* >= -31: mote_quantize_multiplier */
  op->input1_offset = -in1->zero_point;
  op->input2_offset = -in2->zero_point;
  op->output_offset = out->zero_point;
  st = mote_act_range_quant(act, (mote_type_t)out->type, out->scale,
                            out->zero_point, &op->act_min, &op->act_max);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "fused activation %d not supported", act);
  }
  return MOTE_OK;
}

mote_status_t mote_binary_prepare_act(mote_kctx_t *ctx, mote_binary_op_t *op,
                                      int act) {
  const mote_status_t st =
      op->bc.type == MOTE_TYPE_FLOAT32
          ? mote_act_range_f32(act, &op->act_min_f, &op->act_max_f)
          : mote_act_range_i32(act, &op->act_min, &op->act_max);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "fused activation %d not supported", act);
  }
  return MOTE_OK;
}

/* The input rescales s_i / (2 max(s1, s2)), and the output's 2 max(s1,
 * s2) / (2^left_shift s_out), which must be below 1 (TFLite aborts
 * otherwise). The input rescales are at most 1/2, so their shifts are <=
 * 0 (QuantizeMultiplier's rounding can lift a shift by one only from
 * below 1/2), as the compute functions need. SUB forms 2 max(s1, s2) in
 * float where ADD uses double: doubling is exact in either. */
mote_status_t mote_scaled_diff_prepare_quant(
    mote_kctx_t *ctx, mote_addsub_op_t *op, const mote_tensor_t *in1,
    const mote_tensor_t *in2, const mote_tensor_t *out, int left_shift,
    bool squared, int act) {
  double twice_max, real;
  int shift1, shift2;
  mote_status_t st = mote_binary_check_scales(ctx, in1, in2, out);
  if (st != MOTE_OK) {
    return st;
  }
  twice_max = 2.0 * (double)(in1->scale > in2->scale ? in1->scale : in2->scale);
  mote_quantize_multiplier((double)in1->scale / twice_max,
                           &op->input1_multiplier, &shift1);
  mote_quantize_multiplier((double)in2->scale / twice_max,
                           &op->input2_multiplier, &shift2);
  op->input1_shift = (int8_t)shift1; /* in [-31, 0] */
  op->input2_shift = (int8_t)shift2;
  op->left_shift = (int8_t)left_shift;
  /* 2^(2 left_shift) times the output scale is formed in float, as TFLite
   * forms it (a power of two: exact). */
  real =
      squared
          ? twice_max * twice_max /
                (double)((float)((int32_t)1 << (2 * left_shift)) * out->scale)
          : twice_max /
                ((double)((int32_t)1 << left_shift) * (double)out->scale);
  return mote_binary_prepare_quant(ctx, &op->q, in1, in2, out, real,
                                   squared ? 30 : 0, act);
}

mote_status_t mote_addsub_prepare_quant(mote_kctx_t *ctx, mote_addsub_op_t *op,
                                        const mote_tensor_t *in1,
                                        const mote_tensor_t *in2,
                                        const mote_tensor_t *out, int act) {
  return mote_scaled_diff_prepare_quant(ctx, op, in1, in2, out,
                                        out->type == MOTE_TYPE_INT16 ? 15 : 20,
                                        false, act);
}

/* Both ops' options: fused_activation_function (field 0) and
 * pot_scale_int16 (field 1). */
#define ADDSUB_OPT_ACTIVATION 0
#define ADDSUB_OPT_POT_SCALE_INT16 1

mote_status_t mote_addsub_prepare(mote_kctx_t *ctx, uint8_t options_type,
                                  uint32_t types, const char *supported,
                                  bool int32_act) {
  mote_tensor_t in1, in2, out;
  mote_options_t opt;
  mote_addsub_op_t *op;
  void *mem;
  int act;
  mote_status_t st;
  if ((st = mote_bcast_prepare(ctx, options_type, &opt, types, supported,
                               sizeof(mote_addsub_op_t), &mem, &in1, &in2,
                               &out)) != MOTE_OK) {
    return st;
  }
  op = (mote_addsub_op_t *)mem;
  act = (int)mote_options_u8(&opt, ADDSUB_OPT_ACTIVATION, 0);
  /* TFLite only consults pot_scale_int16 outside Micro; read for the
   * record, it selects nothing here. */
  (void)mote_options_bool(&opt, ADDSUB_OPT_POT_SCALE_INT16, true);
  switch (out.type) {
  case MOTE_TYPE_INT8:
  case MOTE_TYPE_INT16:
    st = mote_addsub_prepare_quant(ctx, op, &in1, &in2, &out, act);
    break;
  case MOTE_TYPE_FLOAT32:
    /* Not mote_binary_prepare_act: the int32 ranges are never needed. */
    st = mote_act_range_f32(act, &op->q.act_min_f, &op->q.act_max_f);
    if (st != MOTE_OK) {
      st = mote_kctx_fail(ctx, st, "fused activation %d not supported", act);
    }
    break;
  default: /* int32 */
    if (int32_act) {
      st = mote_binary_prepare_act(ctx, &op->q, act);
    } else if (in1.quant_count != 0 || in2.quant_count != 0) {
      st = mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int32 supports only unquantized inputs");
    }
    break;
  }
  if (st == MOTE_OK) {
    mote_kctx_set_user_data(ctx, op);
  }
  return st;
}

void mote_addsub_params(const mote_addsub_op_t *op, mote_arith_params_t *p) {
  mote_binary_params(&op->q, p);
  p->input1_multiplier = op->input1_multiplier;
  p->input2_multiplier = op->input2_multiplier;
  p->input1_shift = op->input1_shift;
  p->input2_shift = op->input2_shift;
  p->left_shift = op->left_shift;
}

mote_status_t mote_addsub_invoke(mote_kctx_t *ctx,
                                 const mote_addsub_fns_t *fns) {
  mote_bcast_t b;
  mote_arith_params_t p;
  const void *in1, *in2;
  void *out;
  const mote_addsub_op_t *op = (const mote_addsub_op_t *)mote_bcast_invoke_data(
      ctx, &b, &in1, &in2, &out);
  mote_addsub_params(op, &p);
  switch (op->q.bc.type) {
  case MOTE_TYPE_INT8:
    fns->s8(&p, &b, (const int8_t *)in1, (const int8_t *)in2, (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    fns->s16(&p, &b, (const int16_t *)in1, (const int16_t *)in2,
             (int16_t *)out);
    break;
  case MOTE_TYPE_FLOAT32:
    fns->f32(&p, &b, (const float *)in1, (const float *)in2, (float *)out);
    break;
  default:
    fns->s32(&p, &b, (const int32_t *)in1, (const int32_t *)in2,
             (int32_t *)out);
    break;
  }
  return MOTE_OK;
}

void mote_binary_params(const mote_binary_op_t *op, mote_arith_params_t *p) {
  p->input1_offset = op->input1_offset;
  p->input2_offset = op->input2_offset;
  p->rq.multiplier = &op->multiplier;
  p->rq.shift = &op->shift;
  p->rq.per_channel = 0;
  p->rq.output_offset = op->output_offset;
  p->rq.act_min = op->act_min;
  p->rq.act_max = op->act_max;
  p->act_min_f = op->act_min_f;
  p->act_max_f = op->act_max_f;
}
