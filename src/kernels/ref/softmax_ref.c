/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SOFTMAX (softmax.h): TFLite Micro's reference kernels, bit for
 * bit. The int8 variants are gemmlowp fixed point throughout
 * (core/fixedpoint.h): exp of the scaled difference to the row maximum,
 * the sum in Q12.19, one reciprocal per row. The int16 variant looks exp
 * and 1 / (1 + x) up in TFLite's 513-entry interpolating tables. Float
 * follows TFLite's three passes (max, exp and sum, divide) in index order.
 *
 * int8 -> int8 and int8 -> int16 share one row function, the output width
 * a parameter: the arithmetic differs only in the final shift and clamp.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/core/requant.h"
#include "kernels/softmax.h"

/* Integer bits of the sum of exponentials (Q12.19). */
#define ACCUM_INT_BITS 12

void mote_softmax_f32_ref(const mote_softmax_params_t *p, const float *input,
                          float *output) {
  const int32_t depth = p->depth;
  const float beta = p->beta;
  int32_t i;
  int32_t c;
  for (i = 0; i < p->outer; ++i) {
    const float *in = input + (ptrdiff_t)i * depth;
    float *out = output + (ptrdiff_t)i * depth;
    float max = -FLT_MAX;
    float sum = 0.0f;
    for (c = 0; c < depth; ++c) {
      max = max < in[c] ? in[c] : max;
    }
    for (c = 0; c < depth; ++c) {
      out[c] = expf((in[c] - max) * beta);
      sum += out[c];
    }
    for (c = 0; c < depth; ++c) {
      out[c] = out[c] / sum;
    }
  }
}

/* exp(diff * beta * scale) in Q0.31 for an int8 difference to the row max. */
static int32_t exp_of_diff_s8(int32_t diff, const mote_softmax_params_t *p) {
  const int32_t rescaled = mote_mul_by_quant_mult_gt1(diff, p->input_multiplier,
                                                      p->input_left_shift);
  return mote_fp_exp_on_negative_values(rescaled, MOTE_SOFTMAX_DIFF_INT_BITS);
}

/* One int8 row into int8 (out8) or int16 (out16) of `out_bits` bits. */
static mote_status_t softmax_s8_row(const int8_t *in, int8_t *out8,
                                    int16_t *out16, int out_bits, int32_t depth,
                                    const mote_softmax_params_t *p) {
  const int32_t out_min = out_bits == 8 ? INT8_MIN : INT16_MIN;
  const int32_t out_max = out_bits == 8 ? INT8_MAX : INT16_MAX;
  int32_t max = INT8_MIN;
  int64_t sum = 0; /* Q12.19 */
  int32_t scale;
  int bits_over_unit = 0;
  int exponent;
  int32_t c;
  for (c = 0; c < depth; ++c) {
    max = in[c] > max ? in[c] : max;
  }
  for (c = 0; c < depth; ++c) {
    const int32_t diff = (int32_t)in[c] - max;
    if (diff >= p->diff_min) {
      sum += mote_fp_rescale(exp_of_diff_s8(diff, p), 0, ACCUM_INT_BITS);
    }
  }
  /* TFLite keeps the sum in int32 and checks the final shift; beyond
   * either it has no defined answer. */
  if (sum > INT32_MAX) {
    return MOTE_ERR_KERNEL;
  }
  scale = mote_fp_reciprocal((int32_t)sum, ACCUM_INT_BITS, &bits_over_unit);
  exponent = bits_over_unit + 31 - out_bits;
  if (exponent < 0 || exponent > 31) {
    return MOTE_ERR_KERNEL;
  }
  for (c = 0; c < depth; ++c) {
    const int32_t diff = (int32_t)in[c] - max;
    int32_t v = out_min;
    if (diff >= p->diff_min) {
      const int32_t prob = mote_rounding_shift_right(
          mote_doubling_high_mul(scale, exp_of_diff_s8(diff, p)), exponent);
      v = mote_clamp_i32(prob + out_min, out_min, out_max);
    }
    if (out_bits == 8) {
      out8[c] = (int8_t)v;
    } else {
      out16[c] = (int16_t)v;
    }
  }
  return MOTE_OK;
}

/* Rows of int8 input into int8 (out8, out_bits 8) or int16 (out16,
 * out_bits 16) outputs; the other pointer is NULL. The bit count, not a
 * NULL test, picks the output, so that neither pointer looks nullable to
 * the static analyzers. */
static mote_status_t softmax_s8_rows(const mote_softmax_params_t *p,
                                     const int8_t *input, int8_t *out8,
                                     int16_t *out16, int out_bits) {
  const int32_t depth = p->depth;
  mote_status_t st = MOTE_OK;
  int32_t i;
  for (i = 0; i < p->outer && st == MOTE_OK; ++i) {
    const ptrdiff_t row = (ptrdiff_t)i * depth;
    st = softmax_s8_row(input + row, out_bits == 8 ? out8 + row : NULL,
                        out_bits == 8 ? NULL : out16 + row, out_bits, depth,
                        p);
  }
  return st;
}

mote_status_t mote_softmax_s8_ref(const mote_softmax_params_t *p,
                                  const int8_t *input, int8_t *output) {
  return softmax_s8_rows(p, input, output, NULL, 8);
}

mote_status_t mote_softmax_s8_s16_ref(const mote_softmax_params_t *p,
                                      const int8_t *input, int16_t *output) {
  return softmax_s8_rows(p, input, NULL, output, 16);
}

/* One int16 row: exponentials into `out` (Q0.15), then scaled in place by
 * the reciprocal of their sum. */
static mote_status_t softmax_s16_row(const mote_softmax_params_t *p,
                                     const int16_t *in, int16_t *out) {
  const int16_t *exp_lut = p->luts;
  const int16_t *recip_lut = p->luts + MOTE_LUT16_SIZE;
  int32_t max = INT16_MIN;
  int64_t sum = 0; /* Q16.15 */
  int headroom_plus_one;
  int right_shift;
  int32_t shifted_sum;
  int16_t recip;
  int32_t c;
  for (c = 0; c < p->depth; ++c) {
    max = in[c] > max ? in[c] : max;
  }
  for (c = 0; c < p->depth; ++c) {
    /* [-65535, 0] covers exp's table domain [-10, 0]; recentered on the
     * table's int16 input. */
    const int32_t scaled = mote_mul_by_quant_mult(
        (int32_t)in[c] - max, p->input_multiplier, p->input_left_shift);
    const int32_t sym = mote_clamp_i32(scaled + 32767, INT16_MIN, INT16_MAX);
    out[c] = mote_lut16_lookup((int16_t)sym, exp_lut);
    sum += out[c];
  }
  if (sum <= 1 || sum > INT32_MAX) {
    return MOTE_ERR_KERNEL;
  }
  /* Normalize the sum to [1, 2) as Q1.15 (rounded), then look up
   * 1 / (1 + (sum - 1)) with the table's input recentered to int16. */
  headroom_plus_one = mote_clz32((uint32_t)sum);
  shifted_sum =
      (int32_t)((((int64_t)sum << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
  recip = mote_lut16_lookup(
      (int16_t)mote_clamp_i32(shifted_sum - ((1 << 15) + (1 << 16)), INT16_MIN,
                              INT16_MAX),
      recip_lut);
  right_shift = 31 - headroom_plus_one;
  for (c = 0; c < p->depth; ++c) {
    const int64_t prod =
        (int64_t)out[c] * (int64_t)recip + ((int64_t)1 << (right_shift - 1));
    out[c] =
        (int16_t)mote_clamp_i32((int32_t)(prod >> right_shift), 0, INT16_MAX);
  }
  return MOTE_OK;
}

mote_status_t mote_softmax_s16_ref(const mote_softmax_params_t *p,
                                   const int16_t *input, int16_t *output) {
  int32_t i;
  for (i = 0; i < p->outer; ++i) {
    const ptrdiff_t row = (ptrdiff_t)i * p->depth;
    const mote_status_t st = softmax_s16_row(p, input + row, output + row);
    if (st != MOTE_OK) {
      return st;
    }
  }
  return MOTE_OK;
}
