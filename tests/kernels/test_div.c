/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DIV against references written here: C division and clamping for int32
 * and float32 over broadcast shapes (indices computed directly), and for
 * int8 the real-valued quotient s1 (x - z1) / (s2 (y - z2)) / s_out +
 * z_out, which TFLite's fixed-point path must reproduce within one step
 * (exactly where the quotient is an integer far from a rounding tie).
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "arith_call.h"
#include "kernels/div.h"
#include "kernels/kernel_util.h"
#include "test.h"

static mote_bcast_t bcast(const int32_t *d1, int r1, const int32_t *d2, int r2,
                          const int32_t *dout, int rout) {
  mote_bcast_t b;
  int bad = 0;
  CHECK_EQ_INT(mote_bcast_init(&b, d1, r1, d2, r2, dout, rout, &bad), MOTE_OK);
  return b;
}

static void test_int32(void) {
  /* [2, 3] / [3]: each row divided by the same three divisors. */
  static const int32_t d1[2] = {2, 3}, d2[1] = {3};
  static const int32_t a[6] = {7, -7, 100, INT32_MIN, 9, -1};
  static const int32_t b[3] = {2, 2, -7};
  int32_t out[6];
  mote_bcast_t bc = bcast(d1, 2, d2, 1, d1, 2);
  arith_call_t all, relu6;
  int i;
  arith_call_q(&all, 0, 0, 0, 0, 0, INT32_MIN, INT32_MAX);
  arith_call_q(&relu6, 0, 0, 0, 0, 0, 0, 6);
  CHECK_EQ_INT(mote_div_s32(&all.p, &bc, a, b, out), -1);
  for (i = 0; i < 6; ++i) {
    CHECK_EQ_INT(out[i], a[i] / b[i % 3]); /* truncation toward zero */
  }
  CHECK_EQ_INT(out[1], -3);
  /* RELU6 range. */
  CHECK_EQ_INT(mote_div_s32(&relu6.p, &bc, a, b, out), -1);
  CHECK(out[0] == 3 && out[1] == 0 && out[2] == 0 && out[4] == 4);
  {
    static const int32_t zero[3] = {1, 0, 1};
    static const int32_t minus[3] = {1, 1, 1};
    static const int32_t m1[3] = {-1, -1, -1};
    CHECK_EQ_INT(mote_div_s32(&all.p, &bc, a, zero, out), 1);
    /* INT32_MIN / -1 overflows: element 3 of a over divisor 0 of m1. */
    CHECK_EQ_INT(mote_div_s32(&all.p, &bc, a, m1, out), 3);
    CHECK_EQ_INT(mote_div_s32(&all.p, &bc, a, minus, out), -1);
  }
}

static void test_float(void) {
  static const int32_t d1[1] = {4}, d2[1] = {1}; /* d2: a scalar */
  static const float a[4] = {1.0f, -3.0f, 10.0f, 0.0f};
  static const float b[1] = {4.0f};
  static const float z[1] = {0.0f};
  float out[4];
  mote_bcast_t bc = bcast(d1, 1, d2, 0, d1, 1);
  arith_call_t none, n1to1;
  int i;
  arith_call_f32(&none, -FLT_MAX, FLT_MAX);
  arith_call_f32(&n1to1, -1.0f, 1.0f);
  mote_div_f32(&none.p, &bc, a, b, out);
  for (i = 0; i < 4; ++i) {
    CHECK(out[i] == a[i] / 4.0f);
  }
  mote_div_f32(&n1to1.p, &bc, a, b, out);
  CHECK(out[0] == 0.25f && out[1] == -0.75f && out[2] == 1.0f);
  /* IEEE: x / 0 is +-inf, clamped to the NONE range (+-FLT_MAX); 0 / 0 is
   * NaN and passes the clamp. */
  CHECK_EQ_INT(mote_div_f32(&none.p, &bc, a, z, out), -1);
  CHECK(out[0] == FLT_MAX && out[1] == -FLT_MAX && out[3] != out[3]);
}

static void test_int8(void) {
  static const struct {
    float s1, s2, so;
    int32_t z1, z2, zo;
  } cases[] = {
      {0.5f, 0.5f, 1.0f, 0, 0, 0},
      {0.1f, 0.05f, 0.2f, 3, -4, -10},
      {0.02f, 0.3f, 0.001f, -128, 5, 0},
      {1.0f, 1.0f, 0.01f, 0, 0, 0},
  };
  static const int32_t d[1] = {256};
  size_t c;
  for (c = 0; c < sizeof cases / sizeof cases[0]; ++c) {
    int8_t a[256], b[256], out[256];
    arith_call_t p;
    mote_bcast_t bc = bcast(d, 1, d, 1, d, 1);
    int32_t m;
    int i, e, worst = 0;
    mote_quantize_multiplier(
        (double)(cases[c].s1 / (cases[c].s2 * cases[c].so)), &m, &e);
    arith_call_q(&p, -cases[c].z1, -cases[c].z2, cases[c].zo, m, e, -128, 127);
    for (i = 0; i < 256; ++i) {
      a[i] = (int8_t)(i - 128);
      b[i] = (int8_t)((i * 37 + 11) % 256 - 128);
      if (b[i] == cases[c].z2) {
        b[i] = (int8_t)(b[i] + 1);
      }
    }
    CHECK_EQ_INT(mote_div_s8(&p.p, &bc, a, b, out), -1);
    for (i = 0; i < 256; ++i) {
      double q = cases[c].s1 * (a[i] - cases[c].z1) /
                     (cases[c].s2 * (b[i] - cases[c].z2)) / cases[c].so +
                 cases[c].zo;
      int diff;
      q = q < -128 ? -128 : (q > 127 ? 127 : q);
      diff = abs(out[i] - (int)floor(q + 0.5));
      worst = diff > worst ? diff : worst;
    }
    CHECK(worst <= 1);
    if (c == 0) {
      /* Equal scales: 100 / 4 = 25 and -100 / 7 = -14.29 -> -14. */
      const int8_t x[2] = {100, -100}, y[2] = {4, 7};
      static const int32_t d2x[1] = {2};
      mote_bcast_t b2 = bcast(d2x, 1, d2x, 1, d2x, 1);
      CHECK_EQ_INT(mote_div_s8(&p.p, &b2, x, y, out), -1);
      CHECK(out[0] == 25 && out[1] == -14);
    }
  }
  {
    /* A zero divisor after the zero point is reported. */
    static const int32_t d1[1] = {2};
    const int8_t a[2] = {1, 2}, b[2] = {3, 5};
    int8_t out[2];
    arith_call_t p;
    mote_bcast_t bc = bcast(d1, 1, d1, 1, d1, 1);
    arith_call_q(&p, 0, -5, 0, 1 << 30, 1, -128, 127);
    CHECK_EQ_INT(mote_div_s8(&p.p, &bc, a, b, out), 1);
  }
}

int main(void) {
  MOTE_RUN(test_int32);
  MOTE_RUN(test_float);
  MOTE_RUN(test_int8);
  return MOTE_TEST_END();
}
