/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference MUL (mul.h): TFLite Micro's reference kernels, bit for bit,
 * one output element at a time over the shared broadcast walk. TFLite's
 * int32 products overflow as plain int32; here they wrap through uint32,
 * the same bytes without undefined behaviour.
 */
#include "kernels/mul.h"
#include "kernels/ref/arith_q.h"

static int32_t mul_q(const mote_arith_q_t *k, int32_t x, int32_t y) {
  return mote_arith_requantize(
      k, mote_arith_wrap_mul(k->input1_offset + x, k->input2_offset + y));
}

/* int32: the product, clamped; no rescale. */
static int32_t mul_s32(const mote_arith_i32_t *k, int32_t x, int32_t y) {
  return mote_clamp_i32(mote_arith_wrap_mul(x, y), k->lo, k->hi);
}

static float mul_f32(const mote_arith_f32_t *k, float x, float y) {
  return mote_arith_clamp_f32(k, x * y);
}

MOTE_ARITH_REF(mote_mul_s8_ref, int8_t, mote_arith_q_t, mote_arith_q, mul_q)
MOTE_ARITH_REF(mote_mul_s16_ref, int16_t, mote_arith_q_t, mote_arith_q, mul_q)
MOTE_ARITH_REF(mote_mul_s32_ref, int32_t, mote_arith_i32_t, mote_arith_i32,
               mul_s32)
MOTE_ARITH_REF(mote_mul_f32_ref, float, mote_arith_f32_t, mote_arith_f32,
               mul_f32)
