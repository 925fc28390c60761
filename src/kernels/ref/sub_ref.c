/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SUB (sub.h): TFLite Micro's reference kernels, bit for bit,
 * one output element at a time over the shared broadcast walk. The
 * quantized path is ADD's (arith_q.h) with a difference in place of the
 * sum; see add_ref.c for why the int32 arithmetic wraps through uint32.
 */
#include "kernels/ref/arith_q.h"
#include "kernels/sub.h"

/* Inline for the reason add_ref.c gives. */
static inline int32_t sub_q(const mote_addsub_q_t *k, int32_t x, int32_t y) {
  return mote_arith_requantize(
      &k->q, mote_arith_wrap_sub(mote_addsub_scaled(k, 0, x),
                                 mote_addsub_scaled(k, 1, y)));
}

static float sub_f32(const mote_arith_f32_t *k, float x, float y) {
  return mote_arith_clamp_f32(k, x - y);
}

/* int32 wraps, then the activation's clamp, as TFLM's SubWithActivation. */
static int32_t sub_s32(const mote_arith_i32_t *k, int32_t x, int32_t y) {
  const int32_t d = mote_arith_wrap_sub(x, y);
  return d < k->lo ? k->lo : (d > k->hi ? k->hi : d);
}

MOTE_ARITH_REF(mote_sub_s8_ref, int8_t, mote_addsub_q_t, mote_addsub_q, sub_q)
MOTE_ARITH_REF(mote_sub_s16_ref, int16_t, mote_addsub_q_t, mote_addsub_q, sub_q)
MOTE_ARITH_REF(mote_sub_s32_ref, int32_t, mote_arith_i32_t, mote_arith_i32,
               sub_s32)
MOTE_ARITH_REF(mote_sub_f32_ref, float, mote_arith_f32_t, mote_arith_f32,
               sub_f32)
