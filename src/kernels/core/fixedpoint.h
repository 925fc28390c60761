/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gemmlowp-compatible fixed-point arithmetic for the transcendental kernels
 * (SOFTMAX, LOGISTIC, TANH) and TFLite's int16 interpolating lookup tables.
 *
 * A fixed-point value is a raw int32_t together with a count of integer bits
 * m (Qm.(31-m)): raw / 2^(31-m). gemmlowp encodes m in a C++ template; here
 * it is an explicit `int_bits` argument, and every function says which
 * format it takes and returns. The arithmetic (rounding of products, order
 * of operations, saturation, the magic constants) follows gemmlowp's scalar
 * path exactly, because TFLite Micro's reference kernels are built on it and
 * conformance is byte-for-byte.
 *
 * Products use mote_doubling_high_mul() (gemmlowp SaturatingRoundingDoublingHighMul);
 * right shifts by a power of two use mote_rounding_shift_right(). gemmlowp's plain `+`
 * and `-` wrap on every real target but are undefined behaviour in C on
 * overflow; the helpers below go through uint32_t so the wrap is defined.
 * Signed right shifts are arithmetic on every compiler mote targets (C99
 * leaves them implementation-defined), as TFLite also assumes.
 */
#ifndef MOTE_KERNELS_FIXEDPOINT_H
#define MOTE_KERNELS_FIXEDPOINT_H

#include <stdint.h>

#include "kernels/core/requant.h"

/* Raw value of 1.0 in Q0.31 (saturated: 1.0 itself is not representable). */
#define MOTE_FP_ONE_Q0 INT32_MAX

/* Number of entries in an int16 interpolating lookup table: 512 segments
 * plus one end point for the last slope. */
#define MOTE_LUT16_SIZE 513

/* a + b and a - b with two's-complement wraparound (gemmlowp Add / Sub). */
static inline int32_t mote_fp_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}
static inline int32_t mote_fp_sub(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a - (uint32_t)b);
}

/* Count of leading zero bits; 32 for 0. */
static inline int mote_clz32(uint32_t x) {
  int n = 0;
  if (x == 0) {
    return 32;
  }
  while ((x & 0x80000000u) == 0) {
    x <<= 1;
    ++n;
  }
  return n;
}

/* x * 2^exponent: saturating for exponent > 0, rounding to nearest (ties
 * away from zero) for exponent < 0 (gemmlowp
 * SaturatingRoundingMultiplyByPOT). -31 <= exponent <= 30. */
static inline int32_t mote_fp_mul_pot(int32_t x, int exponent) {
  int32_t threshold;
  if (exponent == 0) {
    return x;
  }
  if (exponent < 0) {
    return mote_rounding_shift_right(x, -exponent);
  }
  threshold = (int32_t)((1u << (31 - exponent)) - 1u);
  if (x > threshold) {
    return INT32_MAX;
  }
  if (x < -threshold) {
    return INT32_MIN;
  }
  return (int32_t)((uint32_t)x << exponent);
}

/* Converts a value from Q`from_bits` to Q`to_bits` (gemmlowp Rescale). */
static inline int32_t mote_fp_rescale(int32_t x, int from_bits, int to_bits) {
  return mote_fp_mul_pot(x, from_bits - to_bits);
}

/* (a + b) / 2 rounded to nearest, ties away from zero (gemmlowp
 * RoundingHalfSum). */
static inline int32_t mote_fp_rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = (int64_t)a + (int64_t)b;
  return (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/* exp(a) for a <= 0. a is Q`int_bits`, 0 <= int_bits <= 29; result Q0.31
 * (exp(0) saturates to MOTE_FP_ONE_Q0). */
int32_t mote_fp_exp_on_negative_values(int32_t a, int int_bits);

/* 1 / (1 + a) for a in [0, 1), a and result Q0.31. */
int32_t mote_fp_one_over_one_plus_x(int32_t a);

/* (1 - a) / (1 + a) for a in [0, 1), a and result Q0.31. */
int32_t mote_fp_one_minus_x_over_one_plus_x(int32_t a);

/* tanh(a), a Q`int_bits` (int_bits <= 28), result Q0.31. */
int32_t mote_fp_tanh(int32_t a, int int_bits);

/* 1 / (1 + exp(-a)), a Q`int_bits` (int_bits <= 29), result Q0.31. */
int32_t mote_fp_logistic(int32_t a, int int_bits);

/* log(x) for x >= 1 in Q`in_bits`, result Q`out_bits` (TFLite's
 * log_x_for_x_greater_than_or_equal_to_1; out_bits large enough for
 * log of the input range, e.g. 12 -> 5 in LOG_SOFTMAX). */
int32_t mote_fp_log_x_ge_1(int32_t x, int in_bits, int out_bits);

/* 1 / sqrt(x) for an integer x >= 0 as TFLite's
 * GetInvSqrtQuantizedMultiplierExp with reverse shift -1 (RSQRT,
 * L2_NORMALIZATION): x normalised into [2^27, 2^29) by pairs of bits,
 * five Newton-Raphson steps in Q3.28 from 1, times sqrt(2)/2. Returns the
 * multiplier and sets *left_shift (<= 0); x <= 1 gives INT32_MAX and 0. */
int32_t mote_fp_inv_sqrt(int32_t x, int *left_shift);

/* 1 / x for x > 0 in Q`x_int_bits`, as TFLite GetReciprocal: returns a
 * Q0.31 value r and *bits_over_unit n with 1/x == r * 2^-n. */
int32_t mote_fp_reciprocal(int32_t x, int x_int_bits, int *bits_over_unit);

/*
 * Fills lut[0..MOTE_LUT16_SIZE) for an int16 -> int16 function, as TFLite
 * LUTPopulate<int16_t> (float arithmetic): the input range is what an int16
 * means under (input_scale, input_zero_point), the output range likewise;
 * entries are samples corrected so that linear interpolation at segment
 * midpoints is unbiased. `fn` maps real input to real output.
 */
void mote_lut16_populate(float input_scale, int32_t input_zero_point,
                         float output_scale, int32_t output_zero_point,
                         float (*fn)(float), int16_t *lut);

/* Looks `value` up in a table from mote_lut16_populate(): the top 9 bits
 * pick the segment, the low 7 interpolate (TFLite LUTLookup for int16). */
static inline int16_t mote_lut16_lookup(int16_t value, const int16_t *lut) {
  const int index = 256 + (value >> 7);
  const int32_t offset = value & 0x7f;
  const int16_t base = lut[index];
  /* TFLite keeps the slope in int16; the tables never step that far. */
  const int16_t slope = (int16_t)(lut[index + 1] - lut[index]);
  const int32_t delta = (slope * offset + 64) >> 7;
  return (int16_t)(base + delta);
}

/* sigmoid(i / 24) for i in [0, 256), unsigned 0.16 fixed point: the table
 * behind TFLite's int16 LOGISTIC and TANH kernels. */
extern const uint16_t mote_sigmoid_table_u16[256];

#endif /* MOTE_KERNELS_FIXEDPOINT_H */
