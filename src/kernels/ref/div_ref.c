/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference DIV (div.h): TFLite Micro's reference kernels, bit for bit,
 * one output element at a time over the shared broadcast walk, which
 * stops at the first element that cannot be computed. TFLM traps there
 * (a zero divisor, INT32_MIN / -1); mote reports the element.
 *
 * int8 is TFLM's DivElementwise: GetReciprocal, CountLeadingSignBits,
 * MultiplyByQuantizedMultiplierGreaterThanOne, then
 * MultiplyByQuantizedMultiplierSmallerThanOneExp by the output multiplier
 * with total shift = shift - reciprocal exponent - headroom. That final
 * step is mote_requantize: the total is <= -1 (prepare keeps the shift <=
 * 22, and an int8 dividend leaves a headroom of at least 23), and for a
 * shift <= 0 MultiplyByQuantizedMultiplier is the same arithmetic. A
 * total below -31 (a dividend of 0, say) rounds every int32 to 0, where
 * TFLM's rounding shift would be undefined.
 */
#include <stddef.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/div.h"
#include "kernels/ref/arith_q.h"

/* The parameters in locals (arith_q.h) and the flag of an element that
 * could not be computed. */
typedef struct div_q {
  mote_arith_q_t q;
  int bad;
} div_q_t;

/* Leading redundant sign bits of x (GCC __builtin_clrsb); 31 for 0. */
static int clrsb32(int32_t x) {
  const uint32_t u = x < 0 ? ~(uint32_t)x : (uint32_t)x;
  return mote_clz32(u) - 1;
}

static int32_t div_q(div_q_t *k, int32_t x, int32_t y) {
  int32_t a = k->q.input1_offset + x;
  int32_t b = k->q.input2_offset + y;
  int recip_shift, headroom, total;
  int32_t inv, q;
  if (b == 0) {
    k->bad = 1;
    return 0;
  }
  if (b < 0) {
    a = -a;
    b = -b;
  }
  inv = mote_fp_reciprocal(b, 31, &recip_shift);
  headroom = clrsb32(a);
  q = mote_mul_by_quant_mult_gt1(a, inv, headroom);
  total = k->q.shift - recip_shift - headroom;
  return total < -31
             ? mote_clamp_i32(k->q.output_offset, k->q.act_min, k->q.act_max)
             : mote_requantize(q, k->q.multiplier, total, k->q.output_offset,
                               k->q.act_min, k->q.act_max);
}

/* The clamp in locals (arith_q.h) and the flag, for int32. */
typedef struct div_i32 {
  mote_arith_i32_t q;
  int bad;
} div_i32_t;

static int32_t div_i32(div_i32_t *k, int32_t x, int32_t y) {
  if (y == 0 || (x == INT32_MIN && y == -1)) {
    k->bad = 1;
    return 0;
  }
  return mote_clamp_i32(x / y, k->q.lo, k->q.hi);
}

static float div_f32(const mote_arith_f32_t *k, float x, float y) {
  return mote_arith_clamp_f32(k, x / y);
}

/* The index of the element that stopped the walk when `bad` is set
 * (`written` outputs, that one included), else -1. */
static int32_t bad_at(int bad, ptrdiff_t written) {
  return bad ? (int32_t)written - 1 : -1;
}

/* Defines the compute function `name` over element type T, a context of
 * type K ({q, bad}, q made by INIT) for OP, stopping at the first element
 * OP flags (it refers to nothing but its parameters). */
#define DIV_REF(name, T, K, INIT, OP)                                          \
  int32_t name(const mote_arith_params_t *p, const mote_bcast_t *b,            \
               const T *in1, const T *in2, T *out) { /* NOLINT(bugprone-macro-parentheses): T is a type */ \
    T *const start = out; /* NOLINT(bugprone-macro-parentheses): T is a type */ \
    K k;                                                                       \
    k.q = INIT(p);                                                             \
    k.bad = 0;                                                                 \
    MOTE_BCAST_WALK(b, T, in1, in2, out, OP, &k, k.bad);                       \
    return bad_at(k.bad, out - start);                                         \
  }

DIV_REF(mote_div_s8_ref, int8_t, div_q_t, mote_arith_q, div_q)
DIV_REF(mote_div_s32_ref, int32_t, div_i32_t, mote_arith_i32, div_i32)

int32_t mote_div_f32_ref(const mote_arith_params_t *p, const mote_bcast_t *b,
                         const float *in1, const float *in2, float *out) {
  const mote_arith_f32_t k = mote_arith_f32(p);
  MOTE_BCAST_WALK(b, float, in1, in2, out, div_f32, &k, 0);
  return -1;
}
