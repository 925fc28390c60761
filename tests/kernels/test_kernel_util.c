/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests for the shared fixed-point helpers. Expected values come from
 * exact integer or double arithmetic written out here independently of the
 * library (round half away from zero, done by hand), plus a few constants
 * worked out on paper for the tie and saturation cases.
 */
#include <float.h>
#include <stdint.h>

#include "kernels/kernel_util.h"
#include "test.h"

/* a*b/2^31 rounded half toward +infinity, saturated; exact in long double
 * (64-bit mantissa). gemmlowp's signed nudge plus truncating division
 * gives exactly this: +0.5 -> 1 but -0.5 -> 0. */
static int32_t ref_srdhm(int32_t a, int32_t b) {
  long double v = (long double)a * (long double)b / 2147483648.0L;
  long double r = floorl(v + 0.5L);
  if (r > 2147483647.0L) {
    return INT32_MAX;
  }
  return (int32_t)r;
}

/* x/2^e rounded half away from zero (exact in double for int32 x). */
static int32_t ref_rdbpot(int32_t x, int e) {
  double v = (double)x / ldexp(1.0, e);
  return (int32_t)(v < 0 ? -floor(-v + 0.5) : floor(v + 0.5));
}

static uint32_t lcg_state = 12345u;
static int32_t rnd32(void) {
  lcg_state = lcg_state * 1664525u + 1013904223u;
  return (int32_t)(lcg_state ^ (lcg_state >> 13));
}

static void test_srdhm(void) {
  static const int32_t vals[] = {0,
                                 1,
                                 -1,
                                 2,
                                 -2,
                                 3,
                                 1 << 30,
                                 -(1 << 30),
                                 INT32_MAX,
                                 INT32_MIN,
                                 INT32_MIN + 1,
                                 1234567,
                                 -7654321,
                                 0x40000000,
                                 0x3FFFFFFF};
  size_t i, j;
  int k;
  for (i = 0; i < sizeof(vals) / sizeof(vals[0]); ++i) {
    for (j = 0; j < sizeof(vals) / sizeof(vals[0]); ++j) {
      CHECK_EQ_INT(mote_doubling_high_mul(vals[i], vals[j]), ref_srdhm(vals[i], vals[j]));
    }
  }
  CHECK_EQ_INT(mote_doubling_high_mul(INT32_MIN, INT32_MIN), INT32_MAX);
  /* 1 * 2^30 / 2^31 = 0.5 -> 1; -0.5 -> 0; -1.5 -> -1. */
  CHECK_EQ_INT(mote_doubling_high_mul(1, 1 << 30), 1);
  CHECK_EQ_INT(mote_doubling_high_mul(-1, 1 << 30), 0);
  CHECK_EQ_INT(mote_doubling_high_mul(-3, 1 << 30), -1);
  CHECK_EQ_INT(mote_doubling_high_mul(1, (1 << 30) - 1), 0);
  for (k = 0; k < 20000; ++k) {
    int32_t a = rnd32(), b = rnd32();
    CHECK_EQ_INT(mote_doubling_high_mul(a, b), ref_srdhm(a, b));
  }
}

static void test_rdbpot(void) {
  static const int32_t vals[] = {0,  1,         -1,        2,       -2,
                                 3,  -3,        5,         -5,      6,
                                 -6, INT32_MAX, INT32_MIN, 1 << 20, -(1 << 20)};
  size_t i;
  int e, k;
  for (i = 0; i < sizeof(vals) / sizeof(vals[0]); ++i) {
    for (e = 0; e <= 31; ++e) {
      CHECK_EQ_INT(mote_rounding_shift_right(vals[i], e), ref_rdbpot(vals[i], e));
    }
  }
  /* Ties go away from zero: 5/2 = 2.5 -> 3, -5/2 -> -3, -6/4 -> -2. */
  CHECK_EQ_INT(mote_rounding_shift_right(5, 1), 3);
  CHECK_EQ_INT(mote_rounding_shift_right(-5, 1), -3);
  CHECK_EQ_INT(mote_rounding_shift_right(-6, 2), -2);
  CHECK_EQ_INT(mote_rounding_shift_right(-7, 2), -2);
  for (k = 0; k < 20000; ++k) {
    int32_t x = rnd32();
    e = (int)((uint32_t)rnd32() % 32u);
    CHECK_EQ_INT(mote_rounding_shift_right(x, e), ref_rdbpot(x, e));
  }
}

static void test_mul_by_qmult(void) {
  int k;
  /* 0.5 = 2^30 * 2^(0-31): 3*0.5 = 1.5 -> 2, -3*0.5 -> -1 (the high
   * multiply rounds ties up; with shift 0 there is no second rounding). */
  CHECK_EQ_INT(mote_mul_by_quant_mult(3, 1 << 30, 0), 2);
  CHECK_EQ_INT(mote_mul_by_quant_mult(-3, 1 << 30, 0), -1);
  /* shift -1: -3*2^30 -> srdhm -1.5 -> -1, then -1/2 = -0.5 -> -1. */
  CHECK_EQ_INT(mote_mul_by_quant_mult(-3, 1 << 30, -1), -1);
  /* -5 * 0.25: srdhm(-5, 2^30) = -2.5 -> -2, -2/2 = -1. */
  CHECK_EQ_INT(mote_mul_by_quant_mult(-5, 1 << 30, -1), -1);
  /* Double rounding: 0.75*2^31 multiplier, shift -1 => real 0.375.
   * x=4: srdhm = round(3.0) = 3, then 3/2 = 1.5 -> 2 (single rounding of
   * 1.5 would also be 2). x=2: srdhm(2) = round(1.5) = 2, 2/2 = 1, while
   * the exact product 0.75 rounds to 1 too. x=10: srdhm = round(7.5) = 8,
   * 8/2 = 4, whereas exactly 3.75 -> 4. */
  CHECK_EQ_INT(mote_mul_by_quant_mult(4, 0x60000000, -1), 2);
  CHECK_EQ_INT(mote_mul_by_quant_mult(10, 0x60000000, -1), 4);
  /* A case where double rounding differs from single rounding:
   * real = 0x40000001/2^31 * 2^-1, x = 1: srdhm(1) = round(0.5000000005) =
   * 1, then 1/2 = 0.5 -> 1; the exact product 0.25 rounds to 0. */
  CHECK_EQ_INT(mote_mul_by_quant_mult(1, 0x40000001, -1), 1);
  /* Positive shift goes before the multiply. */
  CHECK_EQ_INT(mote_mul_by_quant_mult(100, 1 << 30, 2), 200);
  for (k = 0; k < 20000; ++k) {
    int32_t x = rnd32() >> 8;
    int32_t m = (int32_t)(((uint32_t)rnd32() >> 1) | 0x40000000u);
    int shift = (int)((uint32_t)rnd32() % 39u) - 31;
    int32_t expect;
    if (shift > 6) {
      shift = 6;
    }
    if (shift > 0) {
      expect = ref_srdhm(x * (1 << shift), m);
    } else {
      expect = ref_rdbpot(ref_srdhm(x, m), -shift);
    }
    CHECK_EQ_INT(mote_mul_by_quant_mult(x, m, shift), expect);
    if (shift <= 0) {
      CHECK_EQ_INT(mote_mul_by_quant_mult_lt1(x, m, shift), expect);
    } else {
      CHECK_EQ_INT(mote_mul_by_quant_mult_gt1(x, m, shift), expect);
    }
  }
}

/* The 64-bit path: multiplier rounded to 16 bits, one rounding that is
 * half toward +infinity (floor(v + 0.5)). */
static int32_t ref_qmult64(int64_t x, int32_t m, int shift) {
  long double reduced = m < 0x7FFF0000
                            ? floorl(((long double)m + 32768.0L) / 65536.0L)
                            : 32767.0L;
  long double v = (long double)x * reduced / ldexpl(1.0L, 15 - shift);
  return (int32_t)floorl(v + 0.5L);
}

static void test_mul_by_qmult64(void) {
  int k;
  /* 0.5 * 3 = 1.5 -> 2; 0.5 * -3 = -1.5 -> -1 (toward +inf). */
  CHECK_EQ_INT(mote_mul_by_quant_mult64(3, 1 << 30, 0), 2);
  CHECK_EQ_INT(mote_mul_by_quant_mult64(-3, 1 << 30, 0), -1);
  /* Multiplier saturates to 0x7FFF near 2^31. */
  CHECK_EQ_INT(mote_mul_by_quant_mult64((int64_t)1 << 20, 0x7FFFFFFF, 0),
               ref_qmult64((int64_t)1 << 20, 0x7FFFFFFF, 0));
  for (k = 0; k < 20000; ++k) {
    /* |x| < 2^40 and shift <= -10 keep the result inside int32, as the
     * 16x8 kernels guarantee. */
    int64_t x = ((int64_t)rnd32() * 256) ^ (int64_t)(rnd32() & 0xff);
    int32_t m = (int32_t)((uint32_t)rnd32() >> 1);
    int shift = (int)((uint32_t)rnd32() % 22u) - 31;
    CHECK_EQ_INT(mote_mul_by_quant_mult64(x, m, shift), ref_qmult64(x, m, shift));
  }
}

static void test_quantize_multiplier(void) {
  static const double reals[] = {0.5,    0.25,   1.0,      0.75,     1e-3,
                                 3.1415, 123.5,  1e-9,     3e-10,    0.9999,
                                 1.5e-5, 0.0123, 0.000244, 7.0 / 3.0};
  size_t i;
  int32_t m;
  int s;
  mote_quantize_multiplier(0.0, &m, &s);
  CHECK_EQ_INT(m, 0);
  CHECK_EQ_INT(s, 0);
  mote_quantize_multiplier(0.5, &m, &s);
  CHECK_EQ_INT(m, 1 << 30);
  CHECK_EQ_INT(s, 0);
  mote_quantize_multiplier(1.0, &m, &s);
  CHECK_EQ_INT(m, 1 << 30);
  CHECK_EQ_INT(s, 1);
  /* Just below 1: the mantissa rounds to 2^31 and is renormalized. */
  mote_quantize_multiplier(1.0 - 1e-12, &m, &s);
  CHECK_EQ_INT(m, 1 << 30);
  CHECK_EQ_INT(s, 1);
  /* Below 2^-32 the multiplier is flushed to zero. */
  mote_quantize_multiplier(ldexp(1.0, -33), &m, &s);
  CHECK_EQ_INT(m, 0);
  CHECK_EQ_INT(s, 0);
  /* 2^-32 is exactly 0.5 * 2^-31: kept. */
  mote_quantize_multiplier(ldexp(1.0, -32), &m, &s);
  CHECK_EQ_INT(m, 1 << 30);
  CHECK_EQ_INT(s, -31);
  for (i = 0; i < sizeof(reals) / sizeof(reals[0]); ++i) {
    double back;
    mote_quantize_multiplier(reals[i], &m, &s);
    CHECK(m >= (1 << 30));
    back = (double)m * ldexp(1.0, s - 31);
    CHECK_NEAR(back, reals[i], reals[i] * 1e-9);
  }
}

typedef struct {
  int act;
  mote_type_t type;
  float scale;
  int32_t zp;
  int32_t min, max;
} act_case_t;

static void test_act_range_quant(void) {
  static const act_case_t cases[] = {
      {MOTE_ACT_NONE, MOTE_TYPE_INT8, 0.1f, 3, -128, 127},
      {MOTE_ACT_RELU, MOTE_TYPE_INT8, 0.1f, 3, 3, 127},
      {MOTE_ACT_RELU, MOTE_TYPE_INT8, 0.1f, -128, -128, 127},
      /* 6 / 0.1f = 60.0000009 -> 60 */
      {MOTE_ACT_RELU6, MOTE_TYPE_INT8, 0.1f, -10, -10, 50},
      {MOTE_ACT_RELU6, MOTE_TYPE_INT8, 0.01f, -128, -128, 127},
      /* 6 / 0.048f = 125 */
      {MOTE_ACT_RELU6, MOTE_TYPE_INT8, 0.048f, -128, -128, -3},
      /* 1 / 0.4f = 2.5 -> 3 (half away from zero) */
      {MOTE_ACT_RELU_N1_TO_1, MOTE_TYPE_INT8, 0.4f, 0, -3, 3},
      {MOTE_ACT_RELU_N1_TO_1, MOTE_TYPE_INT8, 0.001f, 0, -128, 127},
      {MOTE_ACT_NONE, MOTE_TYPE_INT16, 0.5f, 0, -32768, 32767},
      {MOTE_ACT_RELU6, MOTE_TYPE_INT16, 0.001f, 0, 0, 6000},
      {MOTE_ACT_RELU, MOTE_TYPE_UINT8, 0.1f, 128, 128, 255},
  };
  size_t i;
  int32_t lo, hi;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
    const act_case_t *c = &cases[i];
    lo = hi = 12345;
    CHECK_EQ_INT(
        mote_act_range_quant(c->act, c->type, c->scale, c->zp, &lo, &hi),
        MOTE_OK);
    CHECK_EQ_INT(lo, c->min);
    CHECK_EQ_INT(hi, c->max);
  }
  CHECK(mote_act_range_quant(MOTE_ACT_TANH, MOTE_TYPE_INT8, 0.1f, 0, &lo,
                             &hi) != MOTE_OK);
  CHECK(mote_act_range_quant(MOTE_ACT_SIGN_BIT, MOTE_TYPE_INT8, 0.1f, 0, &lo,
                             &hi) != MOTE_OK);
  CHECK(mote_act_range_quant(MOTE_ACT_NONE, MOTE_TYPE_FLOAT32, 0.1f, 0, &lo,
                             &hi) != MOTE_OK);
}

static void test_act_range_f32(void) {
  float lo, hi;
  CHECK_EQ_INT(mote_act_range_f32(MOTE_ACT_NONE, &lo, &hi), MOTE_OK);
  CHECK(lo == -FLT_MAX && hi == FLT_MAX);
  CHECK_EQ_INT(mote_act_range_f32(MOTE_ACT_RELU, &lo, &hi), MOTE_OK);
  CHECK(lo == 0.0f && hi == FLT_MAX);
  CHECK_EQ_INT(mote_act_range_f32(MOTE_ACT_RELU6, &lo, &hi), MOTE_OK);
  CHECK(lo == 0.0f && hi == 6.0f);
  CHECK_EQ_INT(mote_act_range_f32(MOTE_ACT_RELU_N1_TO_1, &lo, &hi), MOTE_OK);
  CHECK(lo == -1.0f && hi == 1.0f);
  CHECK(mote_act_range_f32(MOTE_ACT_TANH, &lo, &hi) != MOTE_OK);
}

typedef struct {
  int padding;
  int32_t in, filter, stride, dilation;
  int32_t out, pad, offset;
} pad_case_t;

static void test_padding(void) {
  static const pad_case_t cases[] = {
      {MOTE_PADDING_SAME, 5, 3, 1, 1, 5, 1, 0},
      {MOTE_PADDING_SAME, 5, 3, 2, 1, 3, 1, 0},
      {MOTE_PADDING_SAME, 6, 3, 2, 1, 3, 0, 1},
      {MOTE_PADDING_SAME, 224, 3, 2, 1, 112, 0, 1},
      {MOTE_PADDING_SAME, 7, 3, 1, 2, 7, 2, 0},
      {MOTE_PADDING_SAME, 4, 4, 1, 1, 4, 1, 1},
      {MOTE_PADDING_VALID, 5, 3, 1, 1, 3, 0, 0},
      {MOTE_PADDING_VALID, 6, 3, 2, 1, 2, 0, 0},
      {MOTE_PADDING_VALID, 7, 3, 1, 2, 3, 0, 0},
      {MOTE_PADDING_VALID, 49, 10, 2, 1, 20, 0, 0},
  };
  size_t i;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
    const pad_case_t *c = &cases[i];
    int32_t off = -1;
    int32_t out = mote_conv_out_size(c->padding, c->in, c->filter, c->stride,
                                     c->dilation);
    int32_t pad;
    CHECK_EQ_INT(out, c->out);
    pad =
        mote_conv_padding(c->stride, c->dilation, c->in, c->filter, out, &off);
    CHECK_EQ_INT(pad, c->pad);
    CHECK_EQ_INT(off, c->offset);
  }
  CHECK_EQ_INT(mote_conv_out_size(MOTE_PADDING_SAME, 5, 3, 0, 1), 0);
  CHECK_EQ_INT(mote_conv_out_size(7, 5, 3, 1, 1), 0);
}

static void test_clamp(void) {
  CHECK_EQ_INT(mote_clamp_i32(5, -3, 3), 3);
  CHECK_EQ_INT(mote_clamp_i32(-5, -3, 3), -3);
  CHECK_EQ_INT(mote_clamp_i32(1, -3, 3), 1);
  CHECK(mote_clamp_f32(7.0f, 0.0f, 6.0f) == 6.0f);
  CHECK(mote_clamp_f32(-1.0f, 0.0f, 6.0f) == 0.0f);
}

int main(void) {
  MOTE_RUN(test_srdhm);
  MOTE_RUN(test_rdbpot);
  MOTE_RUN(test_mul_by_qmult);
  MOTE_RUN(test_mul_by_qmult64);
  MOTE_RUN(test_quantize_multiplier);
  MOTE_RUN(test_act_range_quant);
  MOTE_RUN(test_act_range_f32);
  MOTE_RUN(test_padding);
  MOTE_RUN(test_clamp);
  return MOTE_TEST_END();
}
