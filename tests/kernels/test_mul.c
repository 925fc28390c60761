/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MUL kernels against references written here: NumPy broadcasting by
 * index arithmetic, TFLite's quantized product (multiplier from s1 * s2 /
 * s_out in double, one double-rounding rescale) from arith_ref.h, each
 * result also within one step of the exact real-valued product.
 */
#include <float.h>
#include <stdint.h>
#include <string.h>

#include "arith_call.h"
#include "arith_ref.h"
#include "kernels/mul.h"
#include "test.h"

#define MAXN 4096

typedef struct shape_case {
  int r1, r2, ro;
  int32_t d1[6], d2[6], dout[6];
} shape_case_t;

static const shape_case_t shapes[] = {
    {3, 3, 3, {2, 3, 4}, {2, 3, 4}, {2, 3, 4}},
    {4, 1, 4, {1, 8, 8, 4}, {4}, {1, 8, 8, 4}},
    {3, 3, 3, {2, 1, 3}, {1, 4, 1}, {2, 4, 3}},
    {0, 1, 1, {0}, {40}, {40}},
    {6, 6, 6, {3, 1, 2, 1, 2, 1}, {1, 2, 1, 2, 1, 3}, {3, 2, 2, 2, 2, 3}},
    {5, 2, 5, {2, 1, 3, 1, 2}, {3, 1}, {2, 1, 3, 3, 2}},
};
#define NSHAPES (sizeof(shapes) / sizeof(shapes[0]))

static int32_t count_of(const int32_t *d, int r) {
  int32_t n = 1;
  int k;
  for (k = 0; k < r; ++k) {
    n *= d[k];
  }
  return n;
}

typedef struct qmul_case {
  float s1, s2, so;
  int32_t z1, z2, zo;
  int act;
} qmul_case_t;

static const qmul_case_t qcases[] = {
    {0.02f, 0.03f, 0.05f, 3, -5, -2, 0},
    /* s1 * s2 / so >= 1 (MUL version 3): a left shift. */
    {0.5f, 0.25f, 0.01f, 0, 0, 0, 0},
    /* RELU, RELU6, RELU_N1_TO_1 on skewed zero points. */
    {0.1f, 0.1f, 0.2f, -128, 127, -100, 1},
    {0.05f, 0.2f, 0.04f, 17, 0, -10, 3},
    {0.05f, 0.02f, 0.01f, 0, 0, 5, 2},
};
#define NQ (sizeof(qcases) / sizeof(qcases[0]))

static void run_quant(int is16) {
  static int8_t a8[MAXN], b8[MAXN], o8[MAXN];
  static int16_t a16[MAXN], b16[MAXN], o16[MAXN];
  const int32_t qmin = is16 ? INT16_MIN : INT8_MIN;
  const int32_t qmax = is16 ? INT16_MAX : INT8_MAX;
  size_t qi, si;
  for (qi = 0; qi < NQ; ++qi) {
    qmul_case_t c = qcases[qi];
    arith_call_t p;
    int32_t m, lo, hi;
    int e;
    if (is16) { /* int16 MUL needs zero points 0 */
      c.s1 /= 256.0f;
      c.s2 /= 256.0f;
      c.so /= 256.0f;
      c.z1 = c.z2 = c.zo = 0;
    }
    ref_qmult((double)c.s1 * (double)c.s2 / (double)c.so, &m, &e);
    ref_act_q(c.act, c.so, c.zo, qmin, qmax, &lo, &hi);
    arith_call_q(&p, -c.z1, -c.z2, c.zo, m, e, lo, hi);
    for (si = 0; si < NSHAPES; ++si) {
      const shape_case_t *s = &shapes[si];
      int32_t idx[6] = {0, 0, 0, 0, 0, 0};
      mote_bcast_t b;
      int32_t i;
      int bad;
      for (i = 0; i < count_of(s->d1, s->r1); ++i) {
        a8[i] = (int8_t)ref_rand_range(INT8_MIN, INT8_MAX);
        a16[i] = (int16_t)ref_rand_range(INT16_MIN, INT16_MAX);
      }
      for (i = 0; i < count_of(s->d2, s->r2); ++i) {
        b8[i] = (int8_t)ref_rand_range(INT8_MIN, INT8_MAX);
        b16[i] = (int16_t)ref_rand_range(INT16_MIN, INT16_MAX);
      }
      CHECK_EQ_INT(mote_bcast_init(&b, s->d1, s->r1, s->d2, s->r2, s->dout,
                                   s->ro, &bad),
                   MOTE_OK);
      if (is16) {
        mote_mul_s16(&p.p, &b, a16, b16, o16);
      } else {
        mote_mul_s8(&p.p, &b, a8, b8, o8);
      }
      for (i = 0; i < b.count; ++i) {
        const int32_t o1 = ref_bcast_offset(s->d1, s->r1, idx, s->ro);
        const int32_t o2 = ref_bcast_offset(s->d2, s->r2, idx, s->ro);
        const int32_t x = is16 ? a16[o1] : a8[o1];
        const int32_t y = is16 ? b16[o2] : b8[o2];
        const int32_t got = is16 ? o16[i] : o8[i];
        const int32_t want = ref_clamp(
            (int64_t)ref_mbqm((x - c.z1) * (y - c.z2), m, e) + c.zo, lo, hi);
        const long double real =
            (long double)c.s1 * c.s2 / c.so * (x - c.z1) * (y - c.z2) + c.zo;
        const int32_t near = ref_clamp((int64_t)ref_round(real), lo, hi);
        CHECK_EQ_INT(got, want);
        CHECK(got - near <= 1 && near - got <= 1);
        ref_next_index(idx, s->dout, s->ro);
      }
    }
  }
}

static void test_mul_s8(void) { run_quant(0); }
static void test_mul_s16(void) { run_quant(1); }

static void test_mul_s8_exact(void) {
  /* Scales making the real result x * y / 4: ties round away from zero
   * through the double rounding (3 * 1 / 4 = 0.75 -> 1, 2 / 4 -> 1,
   * -2 / 4 -> -1, 6 / 4 = 1.5 -> 2), large products saturate. */
  arith_call_t p;
  int32_t m;
  int e;
  mote_bcast_t b;
  const int32_t d[] = {6};
  const int8_t x[] = {3, 2, -2, 6, 127, -128};
  const int8_t y[] = {1, 1, 1, 1, 127, 127};
  const int8_t want[] = {1, 1, -1, 2, 127, -128};
  int8_t out[6];
  int bad;
  ref_qmult(0.25, &m, &e);
  arith_call_q(&p, 0, 0, 0, m, e, INT8_MIN, INT8_MAX);
  CHECK_EQ_INT(mote_bcast_init(&b, d, 1, d, 1, d, 1, &bad), MOTE_OK);
  mote_mul_s8(&p.p, &b, x, y, out);
  CHECK(memcmp(out, want, sizeof(want)) == 0);
}

static void test_mul_f32(void) {
  static float a[MAXN], c[MAXN], o[MAXN];
  static const float acts[][2] = {{-FLT_MAX, FLT_MAX}, {0.0f, FLT_MAX},
                                  {0.0f, 6.0f}, {-1.0f, 1.0f}};
  size_t si, ai;
  for (ai = 0; ai < 4; ++ai) {
    for (si = 0; si < NSHAPES; ++si) {
      const shape_case_t *s = &shapes[si];
      int32_t idx[6] = {0, 0, 0, 0, 0, 0};
      mote_bcast_t b;
      arith_call_t p;
      int32_t i;
      int bad;
      for (i = 0; i < count_of(s->d1, s->r1); ++i) a[i] = ref_rand_float(4);
      for (i = 0; i < count_of(s->d2, s->r2); ++i) c[i] = ref_rand_float(4);
      CHECK_EQ_INT(mote_bcast_init(&b, s->d1, s->r1, s->d2, s->r2, s->dout,
                                   s->ro, &bad),
                   MOTE_OK);
      arith_call_f32(&p, acts[ai][0], acts[ai][1]);
      mote_mul_f32(&p.p, &b, a, c, o);
      for (i = 0; i < b.count; ++i) {
        float want = a[ref_bcast_offset(s->d1, s->r1, idx, s->ro)] *
                     c[ref_bcast_offset(s->d2, s->r2, idx, s->ro)];
        want = want < acts[ai][0] ? acts[ai][0] : want;
        want = want > acts[ai][1] ? acts[ai][1] : want;
        CHECK(o[i] == want);
        ref_next_index(idx, s->dout, s->ro);
      }
    }
  }
}

static void test_mul_s32(void) {
  /* audio_preprocessor_int8 multiplies an int32 vector by a scalar 256. */
  mote_bcast_t b;
  const int32_t d[] = {5};
  const int32_t x[] = {3, -4, 1 << 24, 0x00800000, -7}, k[] = {256};
  const int32_t want[] = {768, -1024, 0, INT32_MIN, -1792};
  const int32_t want_relu6[] = {6, 0, 0, 0, 0};
  int32_t out[5];
  arith_call_t p;
  int bad;
  CHECK_EQ_INT(mote_bcast_init(&b, d, 1, k, 0, d, 1, &bad), MOTE_OK);
  arith_call_q(&p, 0, 0, 0, 0, 0, INT32_MIN, INT32_MAX);
  mote_mul_s32(&p.p, &b, x, k, out);
  /* 2^24 * 2^8 wraps to 0 and 2^23 * 2^8 to INT32_MIN, as int32 does. */
  CHECK(memcmp(out, want, sizeof(want)) == 0);
  arith_call_q(&p, 0, 0, 0, 0, 0, 0, 6);
  mote_mul_s32(&p.p, &b, x, k, out);
  CHECK(memcmp(out, want_relu6, sizeof(want_relu6)) == 0);
}

int main(void) {
  MOTE_RUN(test_mul_s8);
  MOTE_RUN(test_mul_s16);
  MOTE_RUN(test_mul_s8_exact);
  MOTE_RUN(test_mul_f32);
  MOTE_RUN(test_mul_s32);
  return MOTE_TEST_END();
}
