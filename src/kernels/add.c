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
      mote_mul_by_qmult_lt1(x1, p->input1_multiplier, p->input1_shift);
  const int32_t y2 =
      mote_mul_by_qmult_lt1(y1, p->input2_multiplier, p->input2_shift);
  const int32_t sum = mote_mul_by_qmult_lt1(
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

/* The row walk shared by every variant; OP(a, b) combines two elements. */
#define ADD_WALK(T, OP)                                                     \
  do {                                                                      \
    const int32_t rows_ = mote_bcast_rows(b);                               \
    const int32_t n_ = b->dims[MOTE_MAX_DIMS - 1];                          \
    const int32_t s1_ = b->stride1[MOTE_MAX_DIMS - 1];                      \
    const int32_t s2_ = b->stride2[MOTE_MAX_DIMS - 1];                      \
    mote_bcast_iter_t it_;                                                  \
    int32_t r_, i_;                                                         \
    mote_bcast_begin(&it_);                                                 \
    for (r_ = 0; r_ < rows_; ++r_) {                                        \
      const T *a_ = in1 + it_.off1;                                         \
      const T *b_ = in2 + it_.off2;                                         \
      for (i_ = 0; i_ < n_; ++i_) {                                         \
        *out++ = OP(a_[i_ * s1_], b_[i_ * s2_]);                            \
      }                                                                     \
      mote_bcast_step(b, &it_);                                             \
    }                                                                       \
  } while (0)

#define ADD_Q8(x, y) (int8_t) add_q(p, (x), (y))
#define ADD_Q16(x, y) (int16_t) add_q(p, (x), (y))
#define ADD_F32(x, y) mote_clamp_f32((x) + (y), act_min, act_max)
#define ADD_I32(x, y) wrap_add((x), (y))

void mote_add_s8(const mote_add_params_t *p, const mote_bcast_t *b,
                 const int8_t *in1, const int8_t *in2, int8_t *out) {
  ADD_WALK(int8_t, ADD_Q8);
}

void mote_add_s16(const mote_add_params_t *p, const mote_bcast_t *b,
                  const int16_t *in1, const int16_t *in2, int16_t *out) {
  ADD_WALK(int16_t, ADD_Q16);
}

void mote_add_f32(float act_min, float act_max, const mote_bcast_t *b,
                  const float *in1, const float *in2, float *out) {
  ADD_WALK(float, ADD_F32);
}

void mote_add_s32(const mote_bcast_t *b, const int32_t *in1,
                  const int32_t *in2, int32_t *out) {
  ADD_WALK(int32_t, ADD_I32);
}

/* --- kernel glue ------------------------------------------------------ */

/* Persistent per-operator data. The broadcast description is rebuilt from
 * the tensor shapes on each invoke (a few dozen instructions) rather than
 * kept, which saves 76 bytes of arena per operator. */
typedef struct add_op {
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
  mote_bcast_t bcast;
  add_op_t *op;
  void *mem;
  int act, bad;
  mote_status_t st;

  if (mote_kctx_input_count(ctx) != 2 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expects 2 inputs and 1 output, has %u and %u",
                          (unsigned)mote_kctx_input_count(ctx),
                          (unsigned)mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_builtin_options(ctx, ADD_OPTIONS, &opt)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &in2)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  act = (int)mote_options_u8(&opt, ADD_OPT_ACTIVATION, 0);
  /* TFLite only consults pot_scale_int16 outside Micro; read for the
   * record, it selects nothing here. */
  (void)mote_options_bool(&opt, ADD_OPT_POT_SCALE_INT16, true);

  if (out.type != MOTE_TYPE_INT8 && out.type != MOTE_TYPE_INT16 &&
      out.type != MOTE_TYPE_FLOAT32 && out.type != MOTE_TYPE_INT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "output 0 has type %s; ADD supports int8, int16, "
                          "float32 and int32",
                          mote_type_name((mote_type_t)out.type));
  }
  if ((st = mote_check_type(ctx, &in1, (mote_type_t)out.type, "input 0")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &in2, (mote_type_t)out.type, "input 1")) !=
          MOTE_OK) {
    return st;
  }
  if (mote_bcast_init(&bcast, in1.dims, in1.rank, in2.dims, in2.rank,
                      out.dims, out.rank, &bad) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "inputs of rank %d and %d do not broadcast to "
                          "output 0 of rank %d (dim %d)",
                          (int)in1.rank, (int)in2.rank, (int)out.rank, bad);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(add_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (add_op_t *)mem;

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
  const add_op_t *op = (const add_op_t *)mote_kctx_user_data(ctx);
  mote_tensor_t in1, in2, out;
  mote_bcast_t bcast;
  mote_status_t st;
  int bad;
  if ((st = mote_kctx_input(ctx, 0, &in1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &in2)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (mote_bcast_init(&bcast, in1.dims, in1.rank, in2.dims, in2.rank,
                      out.dims, out.rank, &bad) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "shapes changed since prepare (dim %d)", bad);
  }
  switch (out.type) {
  case MOTE_TYPE_INT8:
    mote_add_s8(&op->q, &bcast, (const int8_t *)in1.data,
                (const int8_t *)in2.data, (int8_t *)out.data);
    break;
  case MOTE_TYPE_INT16:
    mote_add_s16(&op->q, &bcast, (const int16_t *)in1.data,
                 (const int16_t *)in2.data, (int16_t *)out.data);
    break;
  case MOTE_TYPE_FLOAT32:
    mote_add_f32(op->act_min_f, op->act_max_f, &bcast,
                 (const float *)in1.data, (const float *)in2.data,
                 (float *)out.data);
    break;
  default:
    mote_add_s32(&bcast, (const int32_t *)in1.data,
                 (const int32_t *)in2.data, (int32_t *)out.data);
    break;
  }
  return MOTE_OK;
}

/* Version 3 is int16 with pot_scale_int16 false; 4 (int64) and 5
 * (unquantized int16) are not implemented. */
const mote_kernel_t mote_kernel_add = {"ADD", 3, add_prepare, add_invoke};
