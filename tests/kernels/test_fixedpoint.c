/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fixed-point helper tests (src/kernels/fixedpoint.c).
 *
 * Each function is compared with the real function it approximates,
 * computed in double, over dense sweeps; the tolerances are a few Q0.31
 * units more than the worst error the gemmlowp algorithm has, so a wrong
 * constant, a wrong shift or a wrong integer-bit count shows up at once.
 * Exact values are checked where the algorithm defines them (exp(0),
 * logistic(0), saturation, rounding ties). The int16 table generator is
 * checked against an independent rendering of TFLite's original gen_lut()
 * (ranges given directly rather than through scale and zero point), which
 * TFLite documented to give identical tables.
 */
#include <math.h>
#include <stdint.h>

#include "kernels/core/fixedpoint.h"
#include "test.h"

#define Q31 2147483648.0

static double to_real(int32_t raw, int int_bits) {
  return (double)raw / ldexp(1.0, 31 - int_bits);
}

static void test_mul_pot(void) {
  CHECK_EQ_INT(mote_fp_mul_pot(1 << 29, 2), INT32_MAX);
  CHECK_EQ_INT(mote_fp_mul_pot((1 << 29) - 1, 2), (int32_t)0x7FFFFFFC);
  CHECK_EQ_INT(mote_fp_mul_pot(-(1 << 29), 2), INT32_MIN);
  CHECK_EQ_INT(mote_fp_mul_pot(-(1 << 29) + 1, 2), -(int32_t)0x7FFFFFFC);
  CHECK_EQ_INT(mote_fp_mul_pot(5, -1), 3);   /* 2.5 away from zero */
  CHECK_EQ_INT(mote_fp_mul_pot(-5, -1), -3); /* -2.5 away from zero */
  CHECK_EQ_INT(mote_fp_mul_pot(-6, -2), -2); /* -1.5 */
  CHECK_EQ_INT(mote_fp_mul_pot(7, 0), 7);
  CHECK_EQ_INT(mote_fp_rescale(1 << 19, 12, 0), INT32_MAX);
  CHECK_EQ_INT(mote_fp_rescale(INT32_MAX, 0, 12), 1 << 19);
}

static void test_rounding_half_sum(void) {
  CHECK_EQ_INT(mote_fp_rounding_half_sum(1, 2), 2);
  CHECK_EQ_INT(mote_fp_rounding_half_sum(-1, -2), -2);
  CHECK_EQ_INT(mote_fp_rounding_half_sum(3, 5), 4);
  CHECK_EQ_INT(mote_fp_rounding_half_sum(INT32_MAX, INT32_MAX), INT32_MAX);
  CHECK_EQ_INT(mote_fp_rounding_half_sum(INT32_MIN, INT32_MIN), INT32_MIN);
  CHECK_EQ_INT(mote_fp_rounding_half_sum(0, INT32_MAX), 1 << 30);
}

static void test_clz(void) {
  CHECK_EQ_INT(mote_clz32(0), 32);
  CHECK_EQ_INT(mote_clz32(1), 31);
  CHECK_EQ_INT(mote_clz32(0x80000000u), 0);
  CHECK_EQ_INT(mote_clz32(0x00012345u), 15);
}

static void test_exp_on_negative_values(void) {
  static const int bits[] = {0, 2, 4, 5, 6, 12};
  size_t b;
  for (b = 0; b < sizeof bits / sizeof bits[0]; ++b) {
    const int ib = bits[b];
    double worst = 0.0;
    int64_t raw;
    CHECK_EQ_INT(mote_fp_exp_on_negative_values(0, ib), INT32_MAX);
    for (raw = 0; raw >= INT32_MIN; raw -= 7919 * 1013) {
      const int32_t a = (int32_t)raw;
      const double want = exp(to_real(a, ib));
      const double got = mote_fp_exp_on_negative_values(a, ib) / Q31;
      const double err = fabs(got - want);
      worst = err > worst ? err : worst;
    }
    /* The degree-4 Taylor step on [-1/4, 0) is good to ~(1/8)^5 / 120. */
    CHECK(worst < 3e-7);
    if (worst >= 3e-7) {
      fprintf(stderr, "exp int_bits %d worst error %g\n", ib, worst);
    }
  }
  /* Below -32 the 6+ integer-bit formats clamp to zero. */
  CHECK_EQ_INT(mote_fp_exp_on_negative_values(-(33 << 25), 6), 0);
  CHECK_EQ_INT(mote_fp_exp_on_negative_values(INT32_MIN, 12), 0);
}

static void test_one_over_one_plus_x(void) {
  double worst = 0.0;
  double worst2 = 0.0;
  int64_t raw;
  for (raw = 0; raw <= INT32_MAX; raw += 104729 * 17) {
    const double x = raw / Q31;
    const double got = mote_fp_one_over_one_plus_x((int32_t)raw) / Q31;
    const double got2 =
        mote_fp_one_minus_x_over_one_plus_x((int32_t)raw) / Q31;
    const double e1 = fabs(got - 1.0 / (1.0 + x));
    const double e2 = fabs(got2 - (1.0 - x) / (1.0 + x));
    worst = e1 > worst ? e1 : worst;
    worst2 = e2 > worst2 ? e2 : worst2;
  }
  /* Three Newton-Raphson steps: a few units of 2^-31. */
  CHECK(worst < 1e-8);
  CHECK(worst2 < 1e-8);
}

static void test_tanh_logistic(void) {
  double worst_t = 0.0;
  double worst_l = 0.0;
  int64_t raw;
  CHECK_EQ_INT(mote_fp_tanh(0, 4), 0);
  CHECK_EQ_INT(mote_fp_logistic(0, 4), 1 << 30);
  for (raw = INT32_MIN + 1; raw <= INT32_MAX; raw += 6700417) {
    const int32_t a = (int32_t)raw;
    const double x = to_real(a, 4);
    const double t = mote_fp_tanh(a, 4) / Q31;
    const double l = mote_fp_logistic(a, 4) / Q31;
    const double et = fabs(t - tanh(x));
    const double el = fabs(l - 1.0 / (1.0 + exp(-x)));
    worst_t = et > worst_t ? et : worst_t;
    worst_l = el > worst_l ? el : worst_l;
    /* Both are built to be exactly antisymmetric around their centre. */
    CHECK_EQ_INT(mote_fp_tanh(-a, 4), -mote_fp_tanh(a, 4));
    if (a != 0) {
      CHECK_EQ_INT((int64_t)mote_fp_logistic(-a, 4) + mote_fp_logistic(a, 4),
                   INT32_MAX);
    }
  }
  /* tanh inherits exp's error at twice the argument. */
  CHECK(worst_t < 3e-7);
  CHECK(worst_l < 5e-8);
}

static void test_reciprocal(void) {
  /* Sums of exponentials as the int8 softmax forms them: Q12.19. */
  static const int32_t xs[] = {1 << 19,        (1 << 19) + 1, 3 << 19,
                               (1 << 20) + 12345, 0x7FFFFFFF, 524288 * 7 + 3,
                               1 << 30};
  size_t i;
  for (i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    int n = 0;
    const int32_t r = mote_fp_reciprocal(xs[i], 12, &n);
    const double got = r / Q31 * ldexp(1.0, -n);
    const double want = 1.0 / to_real(xs[i], 12);
    CHECK(fabs(got - want) / want < 1e-8);
  }
}

/* TFLite's first int16 table generator, written from its description:
 * ranges are given directly, float arithmetic. */
static void gen_lut_ref(float (*fn)(float), float in_min, float in_max,
                        float out_min, float out_max, int16_t *lut) {
  const float step = (in_max - in_min) / 512.0f;
  const float half = step / 2.0f;
  const float inv = 65536.0f / (out_max - out_min);
  int i;
  for (i = 0; i < 512; ++i) {
    const float v = fn(in_min + (float)i * step);
    const float vm = fn(in_min + (float)i * step + half);
    const float vn = fn(in_min + (float)(i + 1) * step);
    const float s = roundf(v * inv);
    const float im = roundf((vn * inv + roundf(v * inv)) / 2.0f);
    const float m = roundf(vm * inv);
    const float bias = roundf((im - m) / 2.0f);
    const float r = fminf(fmaxf(s - bias, -32768.0f), 32767.0f);
    lut[i] = (int16_t)r;
  }
  lut[512] = (int16_t)fminf(fmaxf(roundf(fn(in_max) * inv), -32768.0f),
                            32767.0f);
}

static float f_exp(float x) { return expf(x); }
static float f_recip(float x) { return 1.0f / (1.0f + x); }

static void test_lut16(void) {
  int16_t a[MOTE_LUT16_SIZE];
  int16_t b[MOTE_LUT16_SIZE];
  const float range = 65535.0f;
  int i;
  int same = 1;
  mote_lut16_populate(10.0f / range, INT16_MAX, 2.0f / range, 0, f_exp, a);
  gen_lut_ref(f_exp, -10.0f, 0.0f, -1.0f, 1.0f, b);
  for (i = 0; i < MOTE_LUT16_SIZE; ++i) {
    same &= a[i] == b[i];
  }
  CHECK(same);
  /* exp(-10) * 32768 ~ 1.49. Linear interpolation over steps of 10/512
   * is worst near 0, where exp curves most: a few units of 2^-15. */
  CHECK(mote_lut16_lookup(-32768, a) >= 1 && mote_lut16_lookup(-32768, a) <= 2);
  CHECK_EQ_INT(a[512], 32767);
  for (i = -32768; i <= 32767; i += 7) {
    const double x = -10.0 + 10.0 * (i + 32768) / 65535.0;
    CHECK(fabs(mote_lut16_lookup((int16_t)i, a) - exp(x) * 32768.0) <= 8.0);
  }

  mote_lut16_populate(1.0f / range, INT16_MIN, 2.0f / range, 0, f_recip, a);
  gen_lut_ref(f_recip, 0.0f, 1.0f, -1.0f, 1.0f, b);
  same = 1;
  for (i = 0; i < MOTE_LUT16_SIZE; ++i) {
    same &= a[i] == b[i];
  }
  CHECK(same);
  CHECK_EQ_INT(mote_lut16_lookup(-32768, a), 32767); /* 1/(1+0) saturated */
  CHECK_EQ_INT(mote_lut16_lookup(32767, a), 16384);  /* 1/2 */
  for (i = -32768; i <= 32767; i += 7) {
    const double x = (i + 32768) / 65535.0;
    CHECK(fabs(mote_lut16_lookup((int16_t)i, a) - 32768.0 / (1.0 + x)) <= 2.0);
  }
}

static void test_sigmoid_table(void) {
  int i;
  int off_by_one = 0;
  CHECK_EQ_INT(mote_sigmoid_table_u16[0], 32768);
  CHECK_EQ_INT(mote_sigmoid_table_u16[255], 65535);
  for (i = 0; i < 256; ++i) {
    const double want = 65536.0 / (1.0 + exp(-i / 24.0));
    const double d = fabs(mote_sigmoid_table_u16[i] - want);
    CHECK(d < 1.5);
    off_by_one += d > 0.5;
    if (i > 0) {
      CHECK(mote_sigmoid_table_u16[i] >= mote_sigmoid_table_u16[i - 1]);
    }
  }
  CHECK(off_by_one < 60);
}

int main(void) {
  MOTE_RUN(test_mul_pot);
  MOTE_RUN(test_rounding_half_sum);
  MOTE_RUN(test_clz);
  MOTE_RUN(test_exp_on_negative_values);
  MOTE_RUN(test_one_over_one_plus_x);
  MOTE_RUN(test_tanh_logistic);
  MOTE_RUN(test_reciprocal);
  MOTE_RUN(test_lut16);
  MOTE_RUN(test_sigmoid_table);
  return MOTE_TEST_END();
}
