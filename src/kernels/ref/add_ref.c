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

/* Inline, unlike the other element operations: it makes three calls, and
 * out of line it keeps the context's fields across them in callee-saved
 * registers (5 pushes an element on x86-64), where inlined they are loop
 * invariants. */
static inline int32_t add_q(const mote_addsub_q_t *k, int32_t x, int32_t y) {
  return mote_arith_requantize(
      &k->q, mote_arith_wrap_add(mote_addsub_scaled(k, 0, x),
                                 mote_addsub_scaled(k, 1, y)));
}

static float add_f32(const mote_arith_f32_t *k, float x, float y) {
  return mote_arith_clamp_f32(k, x + y);
}

/* int32 wraps and ignores the fused activation, as TFLM. */
static int32_t add_s32(const mote_arith_i32_t *k, int32_t x, int32_t y) {
  (void)k;
  return mote_arith_wrap_add(x, y);
}

MOTE_ARITH_REF(mote_add_s8_ref, int8_t, mote_addsub_q_t, mote_addsub_q, add_q)
MOTE_ARITH_REF(mote_add_s16_ref, int16_t, mote_addsub_q_t, mote_addsub_q, add_q)
MOTE_ARITH_REF(mote_add_s32_ref, int32_t, mote_arith_i32_t, mote_arith_i32,
               add_s32)
MOTE_ARITH_REF(mote_add_f32_ref, float, mote_arith_f32_t, mote_arith_f32,
               add_f32)
