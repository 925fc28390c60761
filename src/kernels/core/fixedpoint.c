/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gemmlowp's fixed-point transcendental functions, in C, bit for bit.
 *
 * exp() on negative values splits the argument into a multiple of 1/4 and a
 * remainder in [-1/4, 0): a 4th-order Taylor polynomial around -1/8 covers
 * the remainder and a "barrel shifter" multiplies in exp(-2^k) for each set
 * bit of the multiple. 1/(1+x) and (1-x)/(1+x) run three Newton-Raphson
 * steps from the classic 48/17 - 32/17 d starting point. tanh and logistic
 * are built from those. The constants are gemmlowp's raw Q0.31 / Q2.29
 * encodings of exp(-1/8), 1/3, exp(-2^k), 48/17 and -32/17; they are
 * literals (not computed with libm at run time) so the bytes cannot drift
 * with the platform's math library.
 *
 * mote_lut16_populate() reproduces TFLite's LUTPopulate<int16_t>, which runs
 * in float and calls the platform's expf(): the tables are as exact as the
 * host's libm, exactly as they are in TFLite Micro.
 */
#include "kernels/core/fixedpoint.h"

#include <math.h>

/* exp(x) for x in [-1/4, 0), Q0.31 in and out. */
static int32_t exp_on_quarter_interval(int32_t a) {
  const int32_t exp_minus_one_eighth = 1895147668;
  const int32_t one_third = 715827883;
  /* Taylor expansion around -1/8: x = a + 1/8. */
  const int32_t x = mote_fp_add(a, (int32_t)1 << 28);
  const int32_t x2 = mote_doubling_high_mul(x, x);
  const int32_t x3 = mote_doubling_high_mul(x2, x);
  const int32_t x4 = mote_doubling_high_mul(x2, x2);
  const int32_t x4_over_4 = mote_fp_mul_pot(x4, -2);
  /* x^4/24 + x^3/6 + x^2/2 */
  const int32_t poly = mote_fp_mul_pot(
      mote_fp_add(mote_doubling_high_mul(mote_fp_add(x4_over_4, x3), one_third), x2), -1);
  return mote_fp_add(exp_minus_one_eighth,
                     mote_doubling_high_mul(exp_minus_one_eighth, mote_fp_add(x, poly)));
}

int32_t mote_fp_exp_on_negative_values(int32_t a, int int_bits) {
  /* exp(-2^k) in Q0.31 for k = -2 .. 4. */
  static const int32_t exp_neg_pot[7] = {1672461947, 1302514674, 790015084,
                                         290630308,  39332535,   720401,
                                         242};
  const int frac_bits = 31 - int_bits;
  const int32_t one_quarter = (int32_t)1 << (frac_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_quarter =
      mote_fp_sub(a & mask, one_quarter);
  const int32_t remainder = mote_fp_sub(a_mod_quarter_minus_quarter, a);
  int32_t result = exp_on_quarter_interval(
      mote_fp_rescale(a_mod_quarter_minus_quarter, int_bits, 0));
  int k;
  for (k = -2; k <= 4; ++k) {
    /* Multiples of 2^k beyond the format's range cannot be set. */
    if (int_bits > k) {
      const int32_t bit = (int32_t)1 << (frac_bits + k);
      if ((remainder & bit) != 0) {
        result = mote_doubling_high_mul(result, exp_neg_pot[k + 2]);
      }
    }
  }
  /* Below -32 the barrel shifter has run out of factors; exp is 0 in Q0.31
   * anyway. */
  if (int_bits > 5) {
    const int32_t clamp = -((int32_t)1 << (36 - int_bits));
    if (a < clamp) {
      result = 0;
    }
  }
  if (a == 0) {
    result = MOTE_FP_ONE_Q0;
  }
  return result;
}

/* Newton-Raphson for 1 / (2 * half_denominator) in Q2.29. */
static int32_t reciprocal_iterations(int32_t half_denominator) {
  const int32_t c48_over_17 = 1515870810;     /* Q2.29 */
  const int32_t neg_c32_over_17 = -1010580540; /* Q2.29 */
  const int32_t one_q2 = (int32_t)1 << 29;
  int32_t x = mote_fp_add(c48_over_17,
                          mote_doubling_high_mul(half_denominator, neg_c32_over_17));
  int i;
  for (i = 0; i < 3; ++i) {
    const int32_t hdx = mote_doubling_high_mul(half_denominator, x);
    const int32_t one_minus_hdx = mote_fp_sub(one_q2, hdx);
    /* Q2 * Q2 = Q4, back to Q2. */
    x = mote_fp_add(x, mote_fp_rescale(mote_doubling_high_mul(x, one_minus_hdx), 4, 2));
  }
  return x;
}

int32_t mote_fp_one_over_one_plus_x(int32_t a) {
  const int32_t half_denominator =
      mote_fp_rounding_half_sum(a, MOTE_FP_ONE_Q0);
  /* x approximates 1 / half_denominator in Q2.29; halving it is exact as a
   * change of format to Q1.30, then rescaled to Q0.31. */
  return mote_fp_rescale(reciprocal_iterations(half_denominator), 1, 0);
}

int32_t mote_fp_one_minus_x_over_one_plus_x(int32_t a) {
  const int32_t half_denominator =
      mote_fp_rounding_half_sum(a, MOTE_FP_ONE_Q0);
  const int32_t x = reciprocal_iterations(half_denominator);
  return mote_fp_rescale(mote_fp_sub(x, (int32_t)1 << 29), 2, 0);
}

int32_t mote_fp_tanh(int32_t a, int int_bits) {
  const int32_t neg_abs = a < 0 ? a : mote_fp_sub(0, a);
  /* exp(2 * neg_abs): doubling is exact as one more integer bit. */
  const int32_t t = mote_fp_one_minus_x_over_one_plus_x(
      mote_fp_exp_on_negative_values(neg_abs, int_bits + 1));
  if (a == 0) {
    return 0;
  }
  return a < 0 ? mote_fp_sub(0, t) : t;
}

int32_t mote_fp_logistic(int32_t a, int int_bits) {
  const int32_t abs_a = a > 0 ? a : mote_fp_sub(0, a);
  const int32_t if_positive = mote_fp_one_over_one_plus_x(
      mote_fp_exp_on_negative_values(mote_fp_sub(0, abs_a), int_bits));
  if (a == 0) {
    return (int32_t)1 << 30;
  }
  return a > 0 ? if_positive : mote_fp_sub(MOTE_FP_ONE_Q0, if_positive);
}

int32_t mote_fp_reciprocal(int32_t x, int x_int_bits, int *bits_over_unit) {
  const int headroom_plus_one = mote_clz32((uint32_t)x);
  uint32_t shifted;
  *bits_over_unit = x_int_bits - headroom_plus_one;
  /* x normalized to [1, 2) as Q1.31 unsigned, minus 1: a Q0.31 in [0, 1). */
  shifted = headroom_plus_one < 32 ? (uint32_t)x << headroom_plus_one : 0u;
  return mote_fp_one_over_one_plus_x((int32_t)(shifted - 0x80000000u));
}

void mote_lut16_populate(float input_scale, int32_t input_zero_point,
                         float output_scale, int32_t output_zero_point,
                         float (*fn)(float), int16_t *lut) {
  const int nb_steps = 512;
  const float input_min =
      input_scale * (float)(INT16_MIN - input_zero_point);
  const float input_max =
      input_scale * (float)(INT16_MAX - input_zero_point);
  const float output_min =
      output_scale * (float)(INT16_MIN - output_zero_point);
  const float output_max =
      output_scale * (float)(INT16_MAX - output_zero_point);
  const float step = (input_max - input_min) / (float)nb_steps;
  const float half_step = step / 2.0f;
  const float scaling_inv = 65536.0f / (output_max - output_min);
  int i;
  for (i = 0; i < nb_steps; ++i) {
    const float at = input_min + (float)i * step;
    const float val = fn(at);
    const float val_mid = fn(at + half_step);
    const float val_next = fn(input_min + (float)(i + 1) * step);
    const float sample = roundf(val * scaling_inv);
    /* Error of linear interpolation at the segment midpoint; half of it is
     * taken off the sample so the error is spread evenly. */
    const float interp_mid =
        roundf((val_next * scaling_inv + roundf(val * scaling_inv)) / 2.0f);
    const float mid = roundf(val_mid * scaling_inv);
    const float bias = roundf((interp_mid - mid) / 2.0f);
    const float v = sample - bias;
    lut[i] = (int16_t)(v < -32768.0f ? -32768.0f : (v > 32767.0f ? 32767.0f : v));
  }
  {
    const float v = roundf(fn(input_max) * scaling_inv);
    lut[nb_steps] =
        (int16_t)(v < -32768.0f ? -32768.0f : (v > 32767.0f ? 32767.0f : v));
  }
}

/* TFLite's sigmoid table (common.h sigmoid_table_uint16). It is not a plain
 * rounding of 65536 * sigmoid(i / 24) (44 entries differ by one), so the
 * published values are reproduced as data. */
const uint16_t mote_sigmoid_table_u16[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841,
    39498, 40149, 40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102,
    45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464,
    50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755,
    55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433, 57724, 58007,
    58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370,
    60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036,
    62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
    63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968,
    64030, 64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450, 64494,
    64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845,
    64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
    65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234,
    65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337,
    65345, 65352, 65360, 65367, 65374, 65381, 65387, 65393, 65399, 65404,
    65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
    65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476, 65479,
    65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498,
    65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511,
    65512, 65513, 65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520,
    65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524, 65525, 65525,
    65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529,
    65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531,
    65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
    65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534,
    65534, 65534, 65534, 65534, 65534, 65535};

/* a + b and a - b saturated to int32 (TFLite's SaturatingAddNonGemmlowp,
 * SaturatingSub). */
static int32_t sat_add(int32_t a, int32_t b) {
  const int64_t s = (int64_t)a + (int64_t)b;
  return s > INT32_MAX ? INT32_MAX : s < INT32_MIN ? INT32_MIN : (int32_t)s;
}
static int32_t sat_sub(int32_t a, int32_t b) {
  const int64_t s = (int64_t)a - (int64_t)b;
  return s > INT32_MAX ? INT32_MAX : s < INT32_MIN ? INT32_MIN : (int32_t)s;
}

int32_t mote_fp_log_x_ge_1(int32_t x, int in_bits, int out_bits) {
  /* Q0.31 constants: log 2, 2^-1/4, 2^-1/2, 1/4, and the Pade-style
   * coefficients alpha_n, alpha_d, alpha_i, alpha_f of TFLite's
   * approximation around 2^-1/4. */
  const int32_t log_2 = 1488522236, sqrt_sqrt_half = 1805811301,
                sqrt_half = 1518500250, one_quarter = 536870912;
  const int32_t alpha_n = 117049297, alpha_d = 127690142,
                alpha_i = 1057819769, alpha_f = 638450708;
  /* One more integer bit than the output: z_pow_2_adj * log 2 may
   * saturate, and the sum must not. */
  const int acc_bits = out_bits + 1;
  const int32_t shifted_quarter = mote_fp_rescale(one_quarter, 0, acc_bits);
  /* x read as Q0.31; its power of two found from the headroom, twice:
   * directly and after a premultiply by sqrt(1/2), keeping the better. */
  const int za_hr1 = mote_clz32((uint32_t)x);
  const int32_t r_a = mote_fp_mul_pot(
      mote_doubling_high_mul(mote_fp_mul_pot(x, za_hr1 - 1), sqrt_half), 1);
  const int32_t za_adj = sat_add(
      mote_fp_mul_pot(in_bits - za_hr1, 31 - acc_bits), shifted_quarter);
  const int zb_hr = mote_clz32((uint32_t)mote_doubling_high_mul(x, sqrt_half)) - 1;
  const int32_t r_b = mote_fp_mul_pot(x, zb_hr);
  const int32_t zb_adj = sat_sub(
      mote_fp_mul_pot(in_bits - zb_hr, 31 - acc_bits), shifted_quarter);
  const int32_t r = r_a < r_b ? r_a : r_b;
  const int32_t z_pow_2_adj = za_adj > zb_adj ? za_adj : zb_adj;
  const int32_t p = mote_fp_rounding_half_sum(r, sqrt_sqrt_half);
  const int32_t q0 = mote_fp_sub(r, sqrt_sqrt_half);
  const int32_t q = mote_fp_add(q0, q0);
  const int32_t common_sq = mote_doubling_high_mul(q, q);
  const int32_t num = mote_fp_add(
      mote_doubling_high_mul(q, r),
      mote_doubling_high_mul(mote_doubling_high_mul(q, common_sq), alpha_n));
  const int32_t denom_minus_one = mote_fp_add(
      mote_doubling_high_mul(
          p, mote_fp_add(mote_fp_add(alpha_i, q),
                         mote_doubling_high_mul(alpha_d, common_sq))),
      mote_doubling_high_mul(alpha_f, q));
  const int32_t recip_denom = mote_fp_one_over_one_plus_x(denom_minus_one);
  const int32_t num_scaled = mote_fp_rescale(num, 0, acc_bits);
  return mote_fp_rescale(
      mote_fp_add(mote_doubling_high_mul(z_pow_2_adj, log_2),
                  mote_doubling_high_mul(num_scaled, recip_denom)),
      acc_bits, out_bits);
}

int32_t mote_fp_inv_sqrt(int32_t x, int *left_shift) {
  const int32_t half_three = (1 << 28) + (1 << 27); /* 1.5 in Q3.28 */
  int32_t half_x, r = 1 << 28;                      /* 1.0 in Q3.28 */
  int shift = 11, pairs, k;
  if (x <= 1) {
    /* TFLite takes 0 as 1, and 1 apart (its general path overflows). */
    *left_shift = 0;
    return INT32_MAX;
  }
  while (x >= (1 << 29)) {
    x /= 4;
    ++shift;
  }
  pairs = (mote_clz32((uint32_t)x) - 1) / 2 - 1;
  shift -= pairs;
  x = (int32_t)((uint32_t)x << (2 * pairs));
  half_x = mote_rounding_shift_right(x >> 1, 1);
  for (k = 0; k < 5; ++k) {
    /* r^3 is Q9 after two Q3 x Q3 products; rescaled to Q3. */
    const int32_t r3 = mote_fp_rescale(
        mote_doubling_high_mul(mote_doubling_high_mul(r, r), r), 9, 3);
    r = mote_fp_rescale(mote_fp_sub(mote_doubling_high_mul(half_three, r),
                                    mote_doubling_high_mul(half_x, r3)),
                        6, 3);
  }
  r = mote_doubling_high_mul(r, 1518500250); /* sqrt(2)/2 in Q0.31 */
  if (shift < 0) {
    r = (int32_t)((uint32_t)r << -shift);
    shift = 0;
  }
  *left_shift = -shift;
  return r;
}
