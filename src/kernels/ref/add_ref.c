/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference ADD (add.h): TFLite Micro's reference kernels, bit for bit,
 * one output element at a time over the shared broadcast walk.
 *
 * TFLite computes the per-element left shift and the sums in plain int32;
 * here they wrap through uint32, so that an out-of-contract zero point
 * gives TFLite's bytes instead of undefined behaviour. The output rescale
 * is mote_requantize: its shift is <= 0 (prepare refuses a larger one),
 * and there MultiplyByQuantizedMultiplier, which it applies, and TFLite's
 * MultiplyByQuantizedMultiplierSmallerThanOneExp are the same arithmetic
 * (tests/kernels/test_add.c checks it over every such shift).
 */
#include "kernels/add.h"
#include "kernels/ref/arith_q.h"

/* The quantized parameters in locals (arith_q.h), ADD's input rescales
 * with them. */
typedef struct add_q {
  mote_arith_q_t q;
  int32_t input1_multiplier, input2_multiplier;
  int input1_shift, input2_shift, left_shift;
} add_q_t;

static add_q_t add_q_of(const mote_arith_params_t *p) {
  add_q_t k;
  k.q = mote_arith_q(p);
  k.input1_multiplier = p->input1_multiplier;
  k.input2_multiplier = p->input2_multiplier;
  k.input1_shift = p->input1_shift;
  k.input2_shift = p->input2_shift;
  k.left_shift = p->left_shift;
  return k;
}

/* x * 2^n modulo 2^32, as TFLite's int32 product. */
static int32_t wrap_shl(int32_t x, int n) {
  return (int32_t)((uint32_t)x << (unsigned)n);
}

/* Inline, unlike the other element operations: it makes three calls, and
 * out of line it keeps the context's fields across them in callee-saved
 * registers (5 pushes an element on x86-64), where inlined they are loop
 * invariants. */
static inline int32_t add_q(const add_q_t *k, int32_t x, int32_t y) {
  const int32_t x1 = wrap_shl(k->q.input1_offset + x, k->left_shift);
  const int32_t y1 = wrap_shl(k->q.input2_offset + y, k->left_shift);
  const int32_t x2 =
      mote_mul_by_quant_mult_lt1(x1, k->input1_multiplier, k->input1_shift);
  const int32_t y2 =
      mote_mul_by_quant_mult_lt1(y1, k->input2_multiplier, k->input2_shift);
  return mote_arith_requantize(&k->q, mote_arith_wrap_add(x2, y2));
}

static float add_f32(const mote_arith_f32_t *k, float x, float y) {
  return mote_arith_clamp_f32(k, x + y);
}

/* int32 wraps and ignores the fused activation, as TFLM. */
static int32_t add_s32(const mote_arith_i32_t *k, int32_t x, int32_t y) {
  (void)k;
  return mote_arith_wrap_add(x, y);
}

MOTE_ARITH_REF(mote_add_s8_ref, int8_t, add_q_t, add_q_of, add_q)
MOTE_ARITH_REF(mote_add_s16_ref, int16_t, add_q_t, add_q_of, add_q)
MOTE_ARITH_REF(mote_add_s32_ref, int32_t, mote_arith_i32_t, mote_arith_i32,
               add_s32)
MOTE_ARITH_REF(mote_add_f32_ref, float, mote_arith_f32_t, mote_arith_f32,
               add_f32)
