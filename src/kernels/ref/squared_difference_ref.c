/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SQUARED_DIFFERENCE (squared_difference.h): TFLite Micro's
 * reference kernel, bit for bit, one output element at a time over the
 * shared broadcast walk; the quantized path is SUB's scaled difference
 * (arith_q.h), squared.
 */
#include "kernels/ref/arith_q.h"
#include "kernels/squared_difference.h"

static inline int32_t sqd_q(const mote_addsub_q_t *k, int32_t x, int32_t y) {
  const int32_t d = mote_arith_wrap_sub(mote_addsub_scaled(k, 0, x),
                                        mote_addsub_scaled(k, 1, y));
  return mote_arith_requantize(&k->q, mote_arith_wrap_mul(d, d));
}

static float sqd_f32(const mote_arith_f32_t *k, float x, float y) {
  const float d = x - y;
  (void)k;
  return d * d;
}

static int32_t sqd_s32(const mote_arith_i32_t *k, int32_t x, int32_t y) {
  const int32_t d = mote_arith_wrap_sub(x, y);
  (void)k;
  return mote_arith_wrap_mul(d, d);
}

MOTE_ARITH_REF(mote_squared_difference_s8_ref, int8_t, mote_addsub_q_t,
               mote_addsub_q, sqd_q)
MOTE_ARITH_REF(mote_squared_difference_s16_ref, int16_t, mote_addsub_q_t,
               mote_addsub_q, sqd_q)
MOTE_ARITH_REF(mote_squared_difference_s32_ref, int32_t, mote_arith_i32_t,
               mote_arith_i32, sqd_s32)
MOTE_ARITH_REF(mote_squared_difference_f32_ref, float, mote_arith_f32_t,
               mote_arith_f32, sqd_f32)
