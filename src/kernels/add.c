/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD glue: element-wise sum with broadcasting and a fused activation,
 * TFLite Micro's semantics; the compute functions are add.h's.
 *
 *  - int8 and int16 take the general rescaling path with left_shift 20
 *    for int8 and 15 for int16, multipliers from the scales in double as
 *    TFLM's CalculateOpDataAdd. TFLM takes this path for int16 even when
 *    pot_scale_int16 is set, so the option is read but changes nothing,
 *    and int16 zero points need not be 0;
 *  - float32 sums and clamps to the activation range;
 *  - int32 requires unquantized inputs and wraps on overflow; TFLM ignores
 *    the fused activation for int32 and so does this kernel.
 * Broadcasting, the op data and the parameters rebuilt from it at invoke
 * are binary_common.h's; ADD's op data adds the input rescales.
 */
#include "kernels/add.h"

#include "kernels/binary_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* ADD's BuiltinOptions union index and its fields (AddOptions). */
#define ADD_OPTIONS 11
#define ADD_OPT_ACTIVATION 0
#define ADD_OPT_POT_SCALE_INT16 1

#define ADD_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT16) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT32))

/* Persistent per-operator data: the common part first (it begins with
 * the broadcast), then each input's rescale to the common scale. */
typedef struct add_op {
  mote_binary_op_t q;
  int32_t input1_multiplier, input2_multiplier;
  int8_t input1_shift, input2_shift; /* <= 0 */
  int8_t left_shift;
} add_op_t;

/* The input rescales s_i / (2 max(s1, s2)), and the output's 2 max(s1,
 * s2) / (2^left_shift s_out), which must be below 1 (TFLite aborts
 * otherwise). The input rescales are at most 1/2, so their shifts are <=
 * 0 (QuantizeMultiplier's rounding can lift a shift by one only from
 * below 1/2), as the compute functions need. */
static mote_status_t add_prepare_quant(mote_kctx_t *ctx, add_op_t *op,
                                       const mote_tensor_t *in1,
                                       const mote_tensor_t *in2,
                                       const mote_tensor_t *out, int act) {
  const int left_shift = out->type == MOTE_TYPE_INT16 ? 15 : 20;
  double twice_max;
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
  return mote_binary_prepare_quant(
      ctx, &op->q, in1, in2, out,
      twice_max / ((double)((int32_t)1 << left_shift) * (double)out->scale), 0,
      act);
}

static mote_status_t add_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in1, in2, out;
  mote_options_t opt;
  add_op_t *op;
  void *mem;
  int act;
  mote_status_t st;

  if ((st = mote_bcast_prepare(ctx, ADD_OPTIONS, &opt, ADD_TYPES,
                               "ADD supports int8, int16, float32 and int32",
                               sizeof(add_op_t), &mem, &in1, &in2, &out)) !=
      MOTE_OK) {
    return st;
  }
  op = (add_op_t *)mem;
  act = (int)mote_options_u8(&opt, ADD_OPT_ACTIVATION, 0);
  /* TFLite only consults pot_scale_int16 outside Micro; read for the
   * record, it selects nothing here. */
  (void)mote_options_bool(&opt, ADD_OPT_POT_SCALE_INT16, true);

  switch (out.type) {
  case MOTE_TYPE_INT8:
  case MOTE_TYPE_INT16:
    st = add_prepare_quant(ctx, op, &in1, &in2, &out, act);
    break;
  case MOTE_TYPE_FLOAT32:
    /* Not mote_binary_prepare_act: ADD never needs its int32 ranges. */
    st = mote_act_range_f32(act, &op->q.act_min_f, &op->q.act_max_f);
    if (st != MOTE_OK) {
      st = mote_kctx_fail(ctx, st, "fused activation %d not supported", act);
    }
    break;
  default: /* int32 */
    if (in1.quant_count != 0 || in2.quant_count != 0) {
      st = mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int32 ADD supports only unquantized inputs");
    }
    break;
  }
  if (st != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t add_invoke(mote_kctx_t *ctx) {
  mote_bcast_t b;
  mote_arith_params_t p;
  const void *in1, *in2;
  void *out;
  const add_op_t *op =
      (const add_op_t *)mote_bcast_invoke_data(ctx, &b, &in1, &in2, &out);
  mote_binary_params(&op->q, &p);
  p.input1_multiplier = op->input1_multiplier;
  p.input2_multiplier = op->input2_multiplier;
  p.input1_shift = op->input1_shift;
  p.input2_shift = op->input2_shift;
  p.left_shift = op->left_shift;
  switch (op->q.bc.type) {
  case MOTE_TYPE_INT8:
    mote_add_s8(&p, &b, (const int8_t *)in1, (const int8_t *)in2,
                (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    mote_add_s16(&p, &b, (const int16_t *)in1, (const int16_t *)in2,
                 (int16_t *)out);
    break;
  case MOTE_TYPE_FLOAT32:
    mote_add_f32(&p, &b, (const float *)in1, (const float *)in2, (float *)out);
    break;
  default:
    mote_add_s32(&p, &b, (const int32_t *)in1, (const int32_t *)in2,
                 (int32_t *)out);
    break;
  }
  return MOTE_OK;
}

/* Version 3 is int16 with pot_scale_int16 false; 4 (int64) and 5
 * (unquantized int16) are not implemented. */
const mote_kernel_t mote_kernel_add = {"ADD", 3, add_prepare, add_invoke};
