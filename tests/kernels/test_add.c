/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD kernels and the broadcast canonicalisation, against references
 * written here: NumPy broadcasting by index arithmetic, TFLite's
 * quantized-add pipeline re-derived from arith_ref.h (multipliers from the
 * scales in double, left shift, three double-rounding rescales), each
 * result also checked to be within one step of the exact real-valued sum.
 */
#include <float.h>
#include <stdint.h>
#include <string.h>

#include "arith_call.h"
#include "arith_ref.h"
#include "kernels/add.h"
#include "kernels/broadcast.h"
#include "test.h"

#define MAXN 4096

typedef struct shape_case {
  int r1, r2, ro;
  int32_t d1[6], d2[6], dout[6];
} shape_case_t;

static const shape_case_t shapes[] = {
    {3, 3, 3, {2, 3, 4}, {2, 3, 4}, {2, 3, 4}},
    {4, 1, 4, {1, 8, 8, 4}, {4}, {1, 8, 8, 4}},
    {1, 4, 4, {4}, {1, 8, 8, 4}, {1, 8, 8, 4}},
    {3, 3, 3, {2, 1, 3}, {1, 4, 1}, {2, 4, 3}},
    {0, 1, 1, {0}, {5}, {5}},
    {2, 0, 2, {3, 2}, {0}, {3, 2}},
    {0, 0, 0, {0}, {0}, {0}},
    {6, 6, 6, {3, 1, 2, 1, 2, 1}, {1, 2, 1, 2, 1, 3}, {3, 2, 2, 2, 2, 3}},
    {4, 3, 4, {2, 1, 5, 1}, {3, 1, 4}, {2, 3, 5, 4}},
    {5, 2, 5, {1, 2, 1, 3, 1}, {3, 1}, {1, 2, 1, 3, 1}},
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

static void test_bcast_rejects(void) {
  mote_bcast_t b;
  int bad;
  const int32_t a[] = {2, 3}, c[] = {4, 3}, o[] = {2, 3}, o2[] = {4, 2, 3};
  const int32_t big[] = {3, 2, 3};
  CHECK_EQ_INT(mote_bcast_init(&b, a, 2, c, 2, o, 2, &bad),
               MOTE_ERR_BAD_SHAPE);
  CHECK_EQ_INT(bad, 0);
  /* Output dim must be the broadcast extent exactly. */
  CHECK_EQ_INT(mote_bcast_init(&b, a, 2, a, 2, o2, 3, &bad),
               MOTE_ERR_BAD_SHAPE);
  CHECK_EQ_INT(bad, 0);
  /* Input rank above the output rank. */
  CHECK_EQ_INT(mote_bcast_init(&b, big, 3, a, 2, o, 2, &bad),
               MOTE_ERR_BAD_SHAPE);
  CHECK_EQ_INT(mote_bcast_init(&b, a, 2, a, 2, o2, 3, &bad),
               MOTE_ERR_BAD_SHAPE);
  CHECK_EQ_INT(mote_bcast_init(&b, a, 2, c + 1, 1, o, 2, &bad), MOTE_OK);
}

static void test_bcast_merges(void) {
  mote_bcast_t b;
  int bad;
  const int32_t s[] = {2, 3, 4};
  const int32_t x[] = {1, 8, 8, 64}, y[] = {64};
  /* Equal shapes: one row of 24 contiguous elements. */
  CHECK_EQ_INT(mote_bcast_init(&b, s, 3, s, 3, s, 3, &bad), MOTE_OK);
  CHECK_EQ_INT(mote_bcast_rows(&b), 1);
  CHECK_EQ_INT(b.dims[5], 24);
  CHECK_EQ_INT(b.stride1[5], 1);
  CHECK_EQ_INT(b.stride2[5], 1);
  /* Per-channel vector: 64 rows of 64, input 2 restarting each row. */
  CHECK_EQ_INT(mote_bcast_init(&b, x, 4, y, 1, x, 4, &bad), MOTE_OK);
  CHECK_EQ_INT(mote_bcast_rows(&b), 64);
  CHECK_EQ_INT(b.dims[4], 64);
  CHECK_EQ_INT(b.stride1[4], 64);
  CHECK_EQ_INT(b.stride2[4], 0);
  CHECK_EQ_INT(b.count, 4096);
}

/* The reference quantized add of one pair, from the scales. */
typedef struct qadd_case {
  float s1, s2, so;
  int32_t z1, z2, zo;
  int act;
} qadd_case_t;

static int32_t ref_add_q(const qadd_case_t *c, int left_shift, int32_t x,
                         int32_t y, int32_t lo, int32_t hi) {
  const double twice = 2.0 * (double)(c->s1 > c->s2 ? c->s1 : c->s2);
  int32_t m1, m2, mo;
  int e1, e2, eo;
  int32_t a, b, sum;
  ref_qmult((double)c->s1 / twice, &m1, &e1);
  ref_qmult((double)c->s2 / twice, &m2, &e2);
  ref_qmult(twice / (ldexp(1.0, left_shift) * (double)c->so), &mo, &eo);
  a = ref_mbqm((x - c->z1) * (1 << left_shift), m1, e1);
  b = ref_mbqm((y - c->z2) * (1 << left_shift), m2, e2);
  sum = ref_mbqm(a + b, mo, eo);
  return ref_clamp((int64_t)sum + c->zo, lo, hi);
}

/* The compute parameters of case c, from the scales by arith_ref.h (not
 * by the glue: test_arith_ops checks that the glue gets the same). */
static void add_params(arith_call_t *a, const qadd_case_t *c, int left_shift,
                       int32_t lo, int32_t hi) {
  const double twice = 2.0 * (double)(c->s1 > c->s2 ? c->s1 : c->s2);
  int32_t m1, m2, mo;
  int e1, e2, eo;
  ref_qmult((double)c->s1 / twice, &m1, &e1);
  ref_qmult((double)c->s2 / twice, &m2, &e2);
  ref_qmult(twice / (ldexp(1.0, left_shift) * (double)c->so), &mo, &eo);
  arith_call_q(a, -c->z1, -c->z2, c->zo, mo, eo, lo, hi);
  a->p.input1_multiplier = m1;
  a->p.input2_multiplier = m2;
  a->p.input1_shift = e1;
  a->p.input2_shift = e2;
  a->p.left_shift = left_shift;
}

static const qadd_case_t qcases[] = {
    /* simple_add's quantization. */
    {0.04124561324715614f, 0.04072536528110504f, 0.05837741121649742f, -1,
     -2, -3, 0},
    /* resnet8-like, RELU. */
    {0.10419496148824692f, 0.039393551647663116f, 0.050945673137903214f, 4,
     -128, -128, 1},
    /* Output scale small enough to saturate, RELU6 and RELU_N1_TO_1. */
    {0.05f, 0.1f, 0.02f, 10, -7, 3, 3},
    {0.05f, 0.1f, 0.01f, 0, 0, 0, 2},
    /* Equal scales, zero points at the ends. */
    {0.25f, 0.25f, 0.5f, 127, -128, 0, 0},
};
#define NQ (sizeof(qcases) / sizeof(qcases[0]))

static void run_quant(int is16) {
  static int8_t a8[MAXN], b8[MAXN], o8[MAXN];
  static int16_t a16[MAXN], b16[MAXN], o16[MAXN];
  const int left_shift = is16 ? 15 : 20;
  const int32_t qmin = is16 ? INT16_MIN : INT8_MIN;
  const int32_t qmax = is16 ? INT16_MAX : INT8_MAX;
  size_t qi, si;
  for (qi = 0; qi < NQ; ++qi) {
    qadd_case_t c = qcases[qi];
    arith_call_t p;
    int32_t lo, hi;
    if (is16) { /* int16 tensors are symmetric, scales ~2^-15. */
      c.s1 /= 256.0f;
      c.s2 /= 256.0f;
      c.so /= 256.0f;
      c.z1 = c.z2 = c.zo = 0;
    }
    ref_act_q(c.act, c.so, c.zo, qmin, qmax, &lo, &hi);
    add_params(&p, &c, left_shift, lo, hi);
    for (si = 0; si < NSHAPES; ++si) {
      const shape_case_t *s = &shapes[si];
      const int32_t n1 = count_of(s->d1, s->r1), n2 = count_of(s->d2, s->r2);
      const int32_t no = count_of(s->dout, s->ro);
      int32_t idx[6] = {0, 0, 0, 0, 0, 0};
      mote_bcast_t b;
      int32_t i;
      int bad;
      for (i = 0; i < n1; ++i) {
        a8[i] = (int8_t)ref_rand_range(INT8_MIN, INT8_MAX);
        a16[i] = (int16_t)ref_rand_range(INT16_MIN, INT16_MAX);
      }
      for (i = 0; i < n2; ++i) {
        b8[i] = (int8_t)ref_rand_range(INT8_MIN, INT8_MAX);
        b16[i] = (int16_t)ref_rand_range(INT16_MIN, INT16_MAX);
      }
      CHECK_EQ_INT(mote_bcast_init(&b, s->d1, s->r1, s->d2, s->r2, s->dout,
                                   s->ro, &bad),
                   MOTE_OK);
      CHECK_EQ_INT(b.count, no);
      if (is16) {
        mote_add_s16(&p.p, &b, a16, b16, o16);
      } else {
        mote_add_s8(&p.p, &b, a8, b8, o8);
      }
      for (i = 0; i < no; ++i) {
        const int32_t x = is16 ? a16[ref_bcast_offset(s->d1, s->r1, idx, s->ro)]
                               : a8[ref_bcast_offset(s->d1, s->r1, idx, s->ro)];
        const int32_t y = is16 ? b16[ref_bcast_offset(s->d2, s->r2, idx, s->ro)]
                               : b8[ref_bcast_offset(s->d2, s->r2, idx, s->ro)];
        const int32_t got = is16 ? o16[i] : o8[i];
        const int32_t want = ref_add_q(&c, left_shift, x, y, lo, hi);
        const long double real = (long double)c.s1 * (x - c.z1) / c.so +
                                 (long double)c.s2 * (y - c.z2) / c.so + c.zo;
        const int32_t near = ref_clamp((int64_t)ref_round(real), lo, hi);
        CHECK_EQ_INT(got, want);
        CHECK(got - near <= 1 && near - got <= 1);
        ref_next_index(idx, s->dout, s->ro);
      }
    }
  }
}

static void test_add_s8(void) { run_quant(0); }
static void test_add_s16(void) { run_quant(1); }

static void test_add_s8_ties_and_saturation(void) {
  /* Equal scales 1, output scale 1: the result is exactly x + y, so the
   * pipeline's rounding must not move it; sums past 127 saturate. */
  static const qadd_case_t unit = {1.0f, 1.0f, 1.0f, 0, 0, 0, 0};
  arith_call_t p;
  mote_bcast_t b;
  const int32_t d[] = {4};
  const int8_t x[] = {100, -100, 1, -128}, y[] = {27, -28, 127, -1};
  const int8_t want[] = {127, -128, 127, -128};
  int8_t out[4];
  int bad;
  add_params(&p, &unit, 20, INT8_MIN, INT8_MAX);
  CHECK_EQ_INT(mote_bcast_init(&b, d, 1, d, 1, d, 1, &bad), MOTE_OK);
  mote_add_s8(&p.p, &b, x, y, out);
  CHECK(memcmp(out, want, sizeof(want)) == 0);
}

/* ADD's output rescale goes through mote_requantize, i.e. TFLite's
 * MultiplyByQuantizedMultiplier, where TFLite applies
 * MultiplyByQuantizedMultiplierSmallerThanOneExp: for every shift <= 0
 * the two must be the same function, on the extremes and at random. */
static void test_requant_right_shift_is_lt1(void) {
  static const int32_t edge[] = {INT32_MIN, INT32_MIN + 1, -65536, -2, -1,
                                 0,         1,             2,      65535,
                                 1 << 30,   INT32_MAX - 1, INT32_MAX};
  const size_t ne = sizeof(edge) / sizeof(edge[0]);
  int shift;
  for (shift = -31; shift <= 0; ++shift) {
    size_t i, j;
    long n;
    for (i = 0; i < ne; ++i) {
      for (j = 0; j < ne; ++j) {
        CHECK_EQ_INT(mote_mul_by_quant_mult(edge[i], edge[j], shift),
                     mote_mul_by_quant_mult_lt1(edge[i], edge[j], shift));
      }
    }
    for (n = 0; n < 20000; ++n) {
      const int32_t x = (int32_t)ref_rand();
      /* Multipliers as QuantizeMultiplier gives them, and any. */
      const uint32_t r = ref_rand();
      const int32_t m = (n & 1) ? (int32_t)((r | 0x40000000u) & 0x7FFFFFFFu)
                                : (int32_t)r;
      CHECK_EQ_INT(mote_mul_by_quant_mult(x, m, shift),
                   mote_mul_by_quant_mult_lt1(x, m, shift));
    }
  }
}

static void test_add_f32(void) {
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
      for (i = 0; i < count_of(s->d1, s->r1); ++i) a[i] = ref_rand_float(8);
      for (i = 0; i < count_of(s->d2, s->r2); ++i) c[i] = ref_rand_float(8);
      CHECK_EQ_INT(mote_bcast_init(&b, s->d1, s->r1, s->d2, s->r2, s->dout,
                                   s->ro, &bad),
                   MOTE_OK);
      arith_call_f32(&p, acts[ai][0], acts[ai][1]);
      mote_add_f32(&p.p, &b, a, c, o);
      for (i = 0; i < b.count; ++i) {
        float want = a[ref_bcast_offset(s->d1, s->r1, idx, s->ro)] +
                     c[ref_bcast_offset(s->d2, s->r2, idx, s->ro)];
        want = want < acts[ai][0] ? acts[ai][0] : want;
        want = want > acts[ai][1] ? acts[ai][1] : want;
        CHECK(o[i] == want);
        ref_next_index(idx, s->dout, s->ro);
      }
    }
  }
}

static void test_add_s32(void) {
  mote_bcast_t b;
  const int32_t d[] = {2, 2}, one[] = {1};
  const int32_t x[] = {INT32_MAX, INT32_MIN, 5, -7}, y[] = {1};
  const int32_t want[] = {INT32_MIN, INT32_MIN + 1, 6, -6};
  int32_t out[4];
  arith_call_t p;
  int bad;
  /* A clamp that would change every value: int32 ADD ignores it. */
  arith_call_q(&p, 0, 0, 0, 0, 0, 0, 0);
  CHECK_EQ_INT(mote_bcast_init(&b, d, 2, one, 1, d, 2, &bad), MOTE_OK);
  mote_add_s32(&p.p, &b, x, y, out);
  CHECK(memcmp(out, want, sizeof(want)) == 0);
}

int main(void) {
  MOTE_RUN(test_bcast_rejects);
  MOTE_RUN(test_bcast_merges);
  MOTE_RUN(test_add_s8);
  MOTE_RUN(test_add_s16);
  MOTE_RUN(test_add_s8_ties_and_saturation);
  MOTE_RUN(test_requant_right_shift_is_lt1);
  MOTE_RUN(test_add_f32);
  MOTE_RUN(test_add_s32);
  return MOTE_TEST_END();
}
