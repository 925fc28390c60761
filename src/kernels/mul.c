/*
 * MUL: element-wise product with broadcasting and a fused activation.
 *
 * Semantics are TFLite Micro's reference kernel:
 *  - int8 and int16: (x - zp1) * (y - zp2) in int32, one
 *    MultiplyByQuantizedMultiplier by s1 * s2 / s_out (QuantizeMultiplier
 *    in double, so a rescale >= 1 (version 3) is a left shift), plus the
 *    output zero point, clamped to the activation range. int16 requires
 *    all zero points to be 0, as TFLM does;
 *  - float32 multiplies in single precision and clamps;
 *  - int32 multiplies with wraparound (plain int32 overflow in TFLite) and
 *    clamps to the int32 activation range (RELU [0, max], RELU6 [0, 6],
 *    RELU_N1_TO_1 [-1, 1]); its quantization parameters, if any, are
 *    ignored as in TFLM.
 * All inputs and the output share one type. Broadcasting goes through
 * broadcast.h.
 */
#include "kernels/mul.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* MUL's BuiltinOptions union index (MulOptions) and its field. */
#define MUL_OPTIONS 21
#define MUL_OPT_ACTIVATION 0

#define MUL_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT16) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT32))

/* x * y with int32 wraparound (plain int32 overflow in TFLite). */
static int32_t mul_wrap(int32_t x, int32_t y) {
  return (int32_t)((uint32_t)x * (uint32_t)y);
}

static int32_t mul_q(const mote_mul_params_t *p, int32_t x, int32_t y) {
  const int32_t prod = mul_wrap(p->input1_offset + x, p->input2_offset + y);
  const int32_t v = mote_mul_by_quant_mult(prod, p->multiplier, p->shift);
  const int32_t shifted = (int32_t)((uint32_t)v + (uint32_t)p->output_offset);
  return mote_clamp_i32(shifted, p->act_min, p->act_max);
}

#define MUL_Q8(x, y) (int8_t) mul_q(p, (x), (y))
#define MUL_Q16(x, y) (int16_t) mul_q(p, (x), (y))
#define MUL_F32(x, y) mote_clamp_f32((x) * (y), act_min, act_max)
#define MUL_I32(x, y) mote_clamp_i32(mul_wrap((x), (y)), act_min, act_max)

void mote_mul_s8(const mote_mul_params_t *p, const mote_bcast_t *b,
                 const int8_t *in1, const int8_t *in2, int8_t *out) {
  MOTE_BCAST_WALK(b, int8_t, in1, in2, out, MUL_Q8, 0);
}

void mote_mul_s16(const mote_mul_params_t *p, const mote_bcast_t *b,
                  const int16_t *in1, const int16_t *in2, int16_t *out) {
  MOTE_BCAST_WALK(b, int16_t, in1, in2, out, MUL_Q16, 0);
}

void mote_mul_f32(float act_min, float act_max, const mote_bcast_t *b,
                  const float *in1, const float *in2, float *out) {
  MOTE_BCAST_WALK(b, float, in1, in2, out, MUL_F32, 0);
}

void mote_mul_s32(int32_t act_min, int32_t act_max, const mote_bcast_t *b,
                  const int32_t *in1, const int32_t *in2, int32_t *out) {
  MOTE_BCAST_WALK(b, int32_t, in1, in2, out, MUL_I32, 0);
}

/* --- kernel glue ------------------------------------------------------ */

/* Persistent per-operator data: the packed broadcast (see broadcast.h)
 * first, then the arithmetic. */
typedef struct mul_op {
  mote_bcast_op_t bc;
  mote_mul_params_t q;
  float act_min_f;
  float act_max_f;
} mul_op_t;

static mote_status_t mul_prepare_quant(mote_kctx_t *ctx, mul_op_t *op,
                                       const mote_tensor_t *in1,
                                       const mote_tensor_t *in2,
                                       const mote_tensor_t *out) {
  if (!(in1->scale > 0.0f) || !(in2->scale > 0.0f) || !(out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "%s MUL needs quantized inputs and output",
                          mote_type_name((mote_type_t)out->type));
  }
  if (out->type == MOTE_TYPE_INT16 &&
      (in1->zero_point != 0 || in2->zero_point != 0 ||
       out->zero_point != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 MUL needs zero points 0, has %ld, %ld, %ld",
                          (long)in1->zero_point, (long)in2->zero_point,
                          (long)out->zero_point);
  }
  mote_quantize_multiplier((double)in1->scale * (double)in2->scale /
                               (double)out->scale,
                           &op->q.multiplier, &op->q.shift);
  /* Beyond a left shift of 30 TFLite's requantization is undefined, so
   * there is no byte pattern to match. */
  if (op->q.shift > 30) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "rescale 2^%d (input scales over output scale) is "
                          "too large",
                          op->q.shift);
  }
  op->q.input1_offset = -in1->zero_point;
  op->q.input2_offset = -in2->zero_point;
  op->q.output_offset = out->zero_point;
  return MOTE_OK;
}

static mote_status_t mul_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in1, in2, out;
  mote_options_t opt;
  mul_op_t *op;
  void *mem;
  int act;
  mote_status_t st;

  if ((st = mote_bcast_prepare(ctx, MUL_OPTIONS, &opt, MUL_TYPES,
                               "MUL supports int8, int16, float32 and int32",
                               sizeof(mul_op_t), &mem, &in1, &in2, &out)) !=
      MOTE_OK) {
    return st;
  }
  op = (mul_op_t *)mem;
  act = (int)mote_options_u8(&opt, MUL_OPT_ACTIVATION, 0);

  switch (out.type) {
  case MOTE_TYPE_INT8:
  case MOTE_TYPE_INT16:
    if ((st = mul_prepare_quant(ctx, op, &in1, &in2, &out)) != MOTE_OK) {
      return st;
    }
    st = mote_act_range_quant(act, (mote_type_t)out.type, out.scale,
                              out.zero_point, &op->q.act_min, &op->q.act_max);
    break;
  case MOTE_TYPE_FLOAT32:
    st = mote_act_range_f32(act, &op->act_min_f, &op->act_max_f);
    break;
  default: /* int32 */
    st = mote_act_range_i32(act, &op->q.act_min, &op->q.act_max);
    break;
  }
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "fused activation %d not supported", act);
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t mul_invoke(mote_kctx_t *ctx) {
  mote_bcast_t b;
  const void *in1, *in2;
  void *out;
  const mul_op_t *op =
      (const mul_op_t *)mote_bcast_invoke_data(ctx, &b, &in1, &in2, &out);
  switch (op->bc.type) {
  case MOTE_TYPE_INT8:
    mote_mul_s8(&op->q, &b, (const int8_t *)in1, (const int8_t *)in2,
                (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    mote_mul_s16(&op->q, &b, (const int16_t *)in1, (const int16_t *)in2,
                 (int16_t *)out);
    break;
  case MOTE_TYPE_FLOAT32:
    mote_mul_f32(op->act_min_f, op->act_max_f, &b, (const float *)in1,
                 (const float *)in2, (float *)out);
    break;
  default:
    mote_mul_s32(op->q.act_min, op->q.act_max, &b, (const int32_t *)in1,
                 (const int32_t *)in2, (int32_t *)out);
    break;
  }
  return MOTE_OK;
}

/* Versions: 2 int8, 3 int8 with a rescale >= 1, 4 int16. Versions 5-7
 * (int64, complex64, unquantized int16 / uint32) are not implemented. */
const mote_kernel_t mote_kernel_mul = {"MUL", 4, mul_prepare, mul_invoke};
