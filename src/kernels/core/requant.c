/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Requantization primitives; the design note is in requant.h.
 *
 * Every function here mirrors TFLite's (gemmlowp's) integer arithmetic
 * exactly, rounding and saturation included, because conformance with
 * TFLite Micro is byte for byte.
 */
#include "kernels/core/requant.h"

#include <float.h>
#include <math.h>

int32_t mote_doubling_high_mul(int32_t a, int32_t b) {
  int64_t ab;
  int64_t nudge;
  /* The only product whose doubled high half does not fit. */
  if (a == INT32_MIN && b == INT32_MIN) {
    return INT32_MAX;
  }
  ab = (int64_t)a * (int64_t)b;
  nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
  /* Division, not a shift: it truncates toward zero, and with the signed
   * nudge that rounds ties toward +infinity (0.5 -> 1, -0.5 -> 0). */
  return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

int32_t mote_rounding_shift_right(int32_t x, int exponent) {
  const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * 2^left_shift with int32 wraparound, as TFLite's plain int32 multiply
 * behaves on every target it runs on. */
static int32_t shl_wrap(int32_t x, int left_shift) {
  return (int32_t)((uint32_t)x << (unsigned)left_shift);
}

int32_t mote_mul_by_quant_mult(int32_t x, int32_t multiplier, int shift) {
  /* TFLite shifts left by max(shift, 0) and rounds right by max(-shift,
   * 0). One of the two is 0 and a rounding shift by 0 is the identity, so
   * each sign is one of the known-sign forms below; testing the sign
   * first, rather than computing both shifts, spares every requantization
   * some 6 instructions on Cortex-M4 at -O2 (the right-shift path is then
   * the SmallerThanOneExp form plus a compare). */
  if (shift > 0) {
    return mote_doubling_high_mul(shl_wrap(x, shift), multiplier);
  }
  return mote_rounding_shift_right(mote_doubling_high_mul(x, multiplier),
                                   -shift);
}

int32_t mote_mul_by_quant_mult64(int64_t x, int32_t multiplier, int shift) {
  /* TFLite narrows the multiplier to 16 bits (rounded) so that the product
   * with a 48-bit accumulator fits in 64 bits, then rounds once (half up,
   * toward +inf) with a single shift. TFLite DCHECKs shift < 8, but its
   * release build (what TFLM users run) computes shifts up to 14 without
   * undefined behaviour, keeping the low 32 bits of the result; so do we.
   * Valid for -31 <= shift <= 14 (at 15 the rounding term would need a
   * shift by -1). */
  const int32_t reduced =
      multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int total_shift = 15 - shift;
  /* TFLite assumes |x| < 2^47 (an accumulator plus a bias) and overflows
   * past it, where there is no byte pattern to match; a corrupt model can
   * store any int64 bias, so saturate x to that range instead. */
  const int64_t lim = (int64_t)1 << 47;
  const int64_t xs = x < -lim ? -lim : (x > lim - 1 ? lim - 1 : x);
  const int64_t v = xs * (int64_t)reduced + ((int64_t)1 << (total_shift - 1));
  return (int32_t)(uint32_t)(uint64_t)(v >> total_shift);
}

int32_t mote_mul_by_quant_mult_lt1(int32_t x, int32_t multiplier, int left_shift) {
  return mote_rounding_shift_right(mote_doubling_high_mul(x, multiplier), -left_shift);
}

int32_t mote_mul_by_quant_mult_gt1(int32_t x, int32_t multiplier, int left_shift) {
  return mote_doubling_high_mul(shl_wrap(x, left_shift), multiplier);
}

void mote_quantize_multiplier(double real, int32_t *multiplier, int *shift) {
  double q;
  int64_t q_fixed;
  int exp = 0;
  if (real == 0.0) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  /* Only a corrupt model gets here (a scale ratio with a zero divisor or
   * an infinite or NaN option): give a shift no requantizer accepts, so
   * the caller's range check refuses it, instead of converting NaN or
   * infinity to an integer (undefined). */
  if (!(real > -DBL_MAX && real < DBL_MAX)) {
    *multiplier = INT32_MAX;
    *shift = MOTE_QMULT_BAD_SHIFT;
    return;
  }
  q = frexp(real, &exp);
  /* round() is half away from zero, as TFLite's TfLiteRound (std::round). */
  q_fixed = (int64_t)round(q * (double)((int64_t)1 << 31));
  /* q in [0.5, 1) can round up to exactly 2^31: renormalize. */
  if (q_fixed == ((int64_t)1 << 31)) {
    q_fixed /= 2;
    ++exp;
  }
  /* Below 2^-31 every product would shift out: TFLite flushes to zero
   * rather than shift by more than 31. */
  if (exp < -31) {
    exp = 0;
    q_fixed = 0;
  }
  *multiplier = (int32_t)q_fixed;
  *shift = exp;
}
