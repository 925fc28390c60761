/*
 * ADD: element-wise sum with broadcasting and a fused activation.
 *
 * Semantics are TFLite Micro's reference kernel:
 *  - int8 and int16 use the general rescaling path (inputs brought to a
 *    common scale at 2^left_shift resolution, summed in int32, rescaled to
 *    the output) with left_shift 20 for int8 and 15 for int16. TFLM takes
 *    this path for int16 even when pot_scale_int16 is set, so the option
 *    is read but changes nothing, and int16 zero points need not be 0;
 *  - float32 sums in single precision and clamps to the activation range;
 *  - int32 requires unquantized inputs and wraps on overflow; TFLM ignores
 *    the fused activation for int32 and so does this kernel.
 * Broadcasting goes through broadcast.h (any pair of shapes that
 * broadcast to the output, up to MOTE_MAX_DIMS dimensions).
 *
 * TFLite computes the per-element left shift and the sum in plain int32;
 * here they wrap through uint32 so an out-of-contract zero point gives
 * TFLite's bytes instead of undefined behaviour.
 */
#include "kernels/add.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* ADD's BuiltinOptions union index and its fields (AddOptions). */
#define ADD_OPTIONS 11
#define ADD_OPT_ACTIVATION 0
#define ADD_OPT_POT_SCALE_INT16 1

#define ADD_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT16) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT32))

static int32_t wrap_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

static int32_t wrap_shl(int32_t x, int n) {
  return (int32_t)((uint32_t)x << (unsigned)n);
}

static int32_t add_q(const mote_add_params_t *p, int32_t x, int32_t y) {
  const int32_t x1 = wrap_shl(p->input1_offset + x, p->left_shift);
  const int32_t y1 = wrap_shl(p->input2_offset + y, p->left_shift);
  const int32_t x2 =
      mote_mul_by_quant_mult_lt1(x1, p->input1_multiplier, p->input1_shift);
  const int32_t y2 =
      mote_mul_by_quant_mult_lt1(y1, p->input2_multiplier, p->input2_shift);
  const int32_t sum = mote_mul_by_quant_mult_lt1(
      wrap_add(x2, y2), p->output_multiplier, p->output_shift);
  return mote_clamp_i32(wrap_add(sum, p->output_offset), p->act_min,
                        p->act_max);
}

mote_status_t mote_add_quant_params(float scale1, int32_t zero_point1,
                                    float scale2, int32_t zero_point2,
                                    float out_scale, int32_t out_zero_point,
                                    int left_shift, mote_add_params_t *p) {
  double twice_max;
  double real1, real2, real_out;
  if (!(scale1 > 0.0f) || !(scale2 > 0.0f) || !(out_scale > 0.0f)) {
    return MOTE_ERR_UNSUPPORTED;
  }
  twice_max = 2.0 * (double)(scale1 > scale2 ? scale1 : scale2);
  real1 = (double)scale1 / twice_max;
  real2 = (double)scale2 / twice_max;
  real_out =
      twice_max / ((double)((int32_t)1 << left_shift) * (double)out_scale);
  if (!(real_out < 1.0)) {
    return MOTE_ERR_UNSUPPORTED;
  }
  mote_quantize_multiplier(real1, &p->input1_multiplier, &p->input1_shift);
  mote_quantize_multiplier(real2, &p->input2_multiplier, &p->input2_shift);
  mote_quantize_multiplier(real_out, &p->output_multiplier, &p->output_shift);
  if (p->input1_shift > 0 || p->input2_shift > 0 || p->output_shift > 0) {
    return MOTE_ERR_UNSUPPORTED;
  }
  p->input1_offset = -zero_point1;
  p->input2_offset = -zero_point2;
  p->output_offset = out_zero_point;
  p->left_shift = left_shift;
  return MOTE_OK;
}

#define ADD_Q8(x, y) (int8_t) add_q(p, (x), (y))
#define ADD_Q16(x, y) (int16_t) add_q(p, (x), (y))
#define ADD_F32(x, y) mote_clamp_f32((x) + (y), act_min, act_max)
#define ADD_I32(x, y) wrap_add((x), (y))

void mote_add_s8(const mote_add_params_t *p, const mote_bcast_t *b,
                 const int8_t *in1, const int8_t *in2, int8_t *out) {
  MOTE_BCAST_WALK(b, int8_t, in1, in2, out, ADD_Q8, 0);
}

void mote_add_s16(const mote_add_params_t *p, const mote_bcast_t *b,
                  const int16_t *in1, const int16_t *in2, int16_t *out) {
  MOTE_BCAST_WALK(b, int16_t, in1, in2, out, ADD_Q16, 0);
}

void mote_add_f32(float act_min, float act_max, const mote_bcast_t *b,
                  const float *in1, const float *in2, float *out) {
  MOTE_BCAST_WALK(b, float, in1, in2, out, ADD_F32, 0);
}

void mote_add_s32(const mote_bcast_t *b, const int32_t *in1,
                  const int32_t *in2, int32_t *out) {
  MOTE_BCAST_WALK(b, int32_t, in1, in2, out, ADD_I32, 0);
}

/* --- kernel glue ------------------------------------------------------ */

/* Persistent per-operator data: the packed broadcast (see broadcast.h)
 * first, then the arithmetic. */
typedef struct add_op {
  mote_bcast_op_t bc;
  mote_add_params_t q;
  float act_min_f;
  float act_max_f;
} add_op_t;

static mote_status_t add_prepare_quant(mote_kctx_t *ctx, add_op_t *op,
                                       const mote_tensor_t *in1,
                                       const mote_tensor_t *in2,
                                       const mote_tensor_t *out, int act) {
  const int left_shift = out->type == MOTE_TYPE_INT16 ? 15 : 20;
  mote_status_t st;
  st = mote_add_quant_params(in1->scale, in1->zero_point, in2->scale,
                             in2->zero_point, out->scale, out->zero_point,
                             left_shift, &op->q);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st,
                          "%s ADD needs positive scales and 2 * max(input "
                          "scale) < 2^%d * output scale",
                          mote_type_name((mote_type_t)out->type), left_shift);
  }
  st = mote_act_range_quant(act, (mote_type_t)out->type, out->scale,
                            out->zero_point, &op->q.act_min, &op->q.act_max);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "fused activation %d not supported", act);
  }
  return MOTE_OK;
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
    st = mote_act_range_f32(act, &op->act_min_f, &op->act_max_f);
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
  const void *in1, *in2;
  void *out;
  const add_op_t *op =
      (const add_op_t *)mote_bcast_invoke_data(ctx, &b, &in1, &in2, &out);
  switch (op->bc.type) {
  case MOTE_TYPE_INT8:
    mote_add_s8(&op->q, &b, (const int8_t *)in1, (const int8_t *)in2,
                (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    mote_add_s16(&op->q, &b, (const int16_t *)in1, (const int16_t *)in2,
                 (int16_t *)out);
    break;
  case MOTE_TYPE_FLOAT32:
    mote_add_f32(op->act_min_f, op->act_max_f, &b, (const float *)in1,
                 (const float *)in2, (float *)out);
    break;
  default:
    mote_add_s32(&b, (const int32_t *)in1, (const int32_t *)in2,
                 (int32_t *)out);
    break;
  }
  return MOTE_OK;
}

/* Version 3 is int16 with pot_scale_int16 false; 4 (int64) and 5
 * (unquantized int16) are not implemented. */
const mote_kernel_t mote_kernel_add = {"ADD", 3, add_prepare, add_invoke};
