/*
 * DIV: element-wise quotient with broadcasting and a fused activation.
 *
 * Semantics are TFLite Micro's reference kernel:
 *  - float32 divides in single precision and clamps;
 *  - int32 (unquantized) divides truncating toward zero and clamps to the
 *    int32 activation range. TFLM traps on a zero divisor and on
 *    INT32_MIN / -1; mote fails the invoke naming the element instead;
 *  - int8: both operands offset by their zero points, the divisor's sign
 *    moved to the dividend, then x * (1 / y) in fixed point: the
 *    reciprocal of y as a Q0.31 value with its exponent (TFLite
 *    GetReciprocal), x pre-shifted by its headroom, a doubling high
 *    multiply, and one rescale by s1 / (s2 * s_out) (computed in float as
 *    TFLM does, then QuantizeMultiplier) with the exponents summed. A zero
 *    divisor fails the invoke (TFLM asserts). Rescales of 2^22 or more,
 *    which would need a left shift TFLM's rounding helper cannot take,
 *    are rejected in prepare.
 */
#include "kernels/div.h"

#include "kernels/core/fixedpoint.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* DIV's BuiltinOptions union index (DivOptions) and its field. */
#define DIV_OPTIONS 29
#define DIV_OPT_ACTIVATION 0

#define DIV_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT32))

/* Leading redundant sign bits of x (GCC __builtin_clrsb); 31 for 0. */
static int clrsb32(int32_t x) {
  const uint32_t u = x < 0 ? ~(uint32_t)x : (uint32_t)x;
  return mote_clz32(u) - 1;
}

/* Rounding divide by 2^e for any e >= 0: beyond 31 the quotient of an
 * int32 rounds to 0. */
static int32_t rdbpot_any(int32_t x, int e) {
  return e > 31 ? 0 : mote_rounding_shift_right(x, e);
}

static int32_t div_q(const mote_div_params_t *p, int32_t x, int32_t y,
                     int *bad) {
  int32_t a = p->input1_offset + x;
  int32_t b = p->input2_offset + y;
  int recip_shift, headroom;
  int32_t inv, q, v;
  if (b == 0) {
    *bad = 1;
    return 0;
  }
  if (b < 0) {
    a = -a;
    b = -b;
  }
  inv = mote_fp_reciprocal(b, 31, &recip_shift);
  headroom = clrsb32(a);
  q = mote_mul_by_quant_mult_gt1(a, inv, headroom);
  v = rdbpot_any(mote_doubling_high_mul(q, p->multiplier),
                 recip_shift + headroom - p->shift);
  return mote_clamp_i32(p->output_offset + v, p->act_min, p->act_max);
}

/* The index of the element that stopped the walk when `bad` is set, else
 * -1; `start` is where the output began. */
#define DIV_RESULT(out, start, bad)                                            \
  ((bad) ? (int32_t)((out) - (start)) - 1 : -1)

#define DIV_Q8(x, y) (int8_t) div_q(p, (x), (y), &bad)

int32_t mote_div_s8(const mote_div_params_t *p, const mote_bcast_t *b,
                    const int8_t *in1, const int8_t *in2, int8_t *out) {
  int8_t *const start = out;
  int bad = 0;
  MOTE_BCAST_WALK(b, int8_t, in1, in2, out, DIV_Q8, bad);
  return DIV_RESULT(out, start, bad);
}

static int32_t div_i32(int32_t x, int32_t y, int32_t lo, int32_t hi, int *bad) {
  if (y == 0 || (x == INT32_MIN && y == -1)) {
    *bad = 1;
    return 0;
  }
  return mote_clamp_i32(x / y, lo, hi);
}

#define DIV_I32(x, y) div_i32((x), (y), act_min, act_max, &bad)

int32_t mote_div_s32(int32_t act_min, int32_t act_max, const mote_bcast_t *b,
                     const int32_t *in1, const int32_t *in2, int32_t *out) {
  int32_t *const start = out;
  int bad = 0;
  MOTE_BCAST_WALK(b, int32_t, in1, in2, out, DIV_I32, bad);
  return DIV_RESULT(out, start, bad);
}

#define DIV_F32(x, y) mote_clamp_f32((x) / (y), act_min, act_max)

int32_t mote_div_f32(float act_min, float act_max, const mote_bcast_t *b,
                     const float *in1, const float *in2, float *out) {
  /* IEEE division always has a result. */
  MOTE_BCAST_WALK(b, float, in1, in2, out, DIV_F32, 0);
  return -1;
}

/* --- kernel glue ------------------------------------------------------ */

/* Persistent per-operator data: the packed broadcast (see broadcast.h)
 * first, then the arithmetic. */
typedef struct div_op {
  mote_bcast_op_t bc;
  mote_div_params_t q;
  float act_min_f;
  float act_max_f;
} div_op_t;

static mote_status_t div_prepare_q8(mote_kctx_t *ctx, div_op_t *op,
                                    const mote_tensor_t *in1,
                                    const mote_tensor_t *in2,
                                    const mote_tensor_t *out) {
  float real;
  if (!(in1->scale > 0.0f) || !(in2->scale > 0.0f) || !(out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 DIV needs quantized inputs and output");
  }
  /* TFLM forms the ratio in float, then widens it. */
  real = in1->scale / (in2->scale * out->scale);
  mote_quantize_multiplier((double)real, &op->q.multiplier, &op->q.shift);
  if (op->q.shift > 22) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 DIV rescale 2^%d too large", op->q.shift);
  }
  op->q.input1_offset = -in1->zero_point;
  op->q.input2_offset = -in2->zero_point;
  op->q.output_offset = out->zero_point;
  return MOTE_OK;
}

static mote_status_t div_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in1, in2, out;
  mote_options_t opt;
  div_op_t *op;
  void *mem;
  int act;
  mote_status_t st;
  if ((st = mote_bcast_prepare(ctx, DIV_OPTIONS, &opt, DIV_TYPES,
                               "DIV supports int8, float32 and int32",
                               sizeof(div_op_t), &mem, &in1, &in2, &out)) !=
      MOTE_OK) {
    return st;
  }
  op = (div_op_t *)mem;
  act = (int)mote_options_u8(&opt, DIV_OPT_ACTIVATION, 0);
  switch (out.type) {
  case MOTE_TYPE_INT8:
    if ((st = div_prepare_q8(ctx, op, &in1, &in2, &out)) != MOTE_OK) {
      return st;
    }
    st = mote_act_range_quant(act, MOTE_TYPE_INT8, out.scale, out.zero_point,
                              &op->q.act_min, &op->q.act_max);
    break;
  case MOTE_TYPE_FLOAT32:
    st = mote_act_range_f32(act, &op->act_min_f, &op->act_max_f);
    break;
  default:
    st = mote_act_range_i32(act, &op->q.act_min, &op->q.act_max);
    break;
  }
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "fused activation %d not supported", act);
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t div_invoke(mote_kctx_t *ctx) {
  mote_bcast_t b;
  const void *in1, *in2;
  void *out;
  int32_t bad_at;
  const div_op_t *op =
      (const div_op_t *)mote_bcast_invoke_data(ctx, &b, &in1, &in2, &out);
  switch (op->bc.type) {
  case MOTE_TYPE_INT8:
    bad_at = mote_div_s8(&op->q, &b, (const int8_t *)in1, (const int8_t *)in2,
                         (int8_t *)out);
    break;
  case MOTE_TYPE_FLOAT32:
    bad_at = mote_div_f32(op->act_min_f, op->act_max_f, &b, (const float *)in1,
                          (const float *)in2, (float *)out);
    break;
  default:
    bad_at =
        mote_div_s32(op->q.act_min, op->q.act_max, &b, (const int32_t *)in1,
                     (const int32_t *)in2, (int32_t *)out);
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
