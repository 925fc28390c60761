/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MEAN kernels against a reference that groups input elements by their
 * kept coordinates directly: float sums in input order (TFLite's order),
 * integer means through TFLite's rescale with 1/n folded into the
 * multiplier (also when input and output share their quantization),
 * re-derived here and checked within one step of the exact real-valued
 * mean.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "arith_ref.h"
#include "kernels/mean.h"
#include "test.h"

#define MAXN 4096

typedef struct mean_case {
  int rank;
  int32_t dims[6];
  int naxes;
  int32_t axes[6];
} mean_case_t;

static const mean_case_t cases[] = {
    {3, {2, 3, 4}, 1, {1}},
    {3, {2, 3, 4}, 2, {-1, 0}},
    {3, {2, 3, 4}, 3, {0, 1, 2}},
    {4, {1, 7, 7, 16}, 2, {1, 2}}, /* mobilenet_v2's global average */
    {4, {2, 2, 3, 2}, 2, {2, 1}},
    {3, {3, 1, 5}, 1, {1}},
    {2, {4, 5}, 0, {0}},
    {5, {2, 3, 2, 2, 2}, 3, {0, 2, 4}},
    {6, {2, 2, 2, 2, 2, 2}, 3, {1, 3, 5}},
    {0, {0}, 0, {0}},
    {2, {3, 4}, 3, {1, -1, 1}},
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* Per-output sums (int64 and float, in input order) and the count n. */
static int32_t ref_sums(const mean_case_t *c, const int32_t *vals,
                        const float *fvals, int64_t *sums, float *fsums,
                        int32_t *out_count) {
  int reduced[6] = {0, 0, 0, 0, 0, 0};
  int32_t idx[6] = {0, 0, 0, 0, 0, 0};
  int32_t in_count = 1, n = 1, i;
  int k;
  for (k = 0; k < c->naxes; ++k) {
    reduced[c->axes[k] < 0 ? c->axes[k] + c->rank : c->axes[k]] = 1;
  }
  *out_count = 1;
  for (k = 0; k < c->rank; ++k) {
    in_count *= c->dims[k];
    if (reduced[k]) {
      n *= c->dims[k];
    } else {
      *out_count *= c->dims[k];
    }
  }
  for (i = 0; i < *out_count; ++i) {
    sums[i] = 0;
    fsums[i] = 0.0f;
  }
  for (i = 0; i < in_count; ++i) {
    int32_t o = 0;
    for (k = 0; k < c->rank; ++k) {
      if (!reduced[k]) {
        o = o * c->dims[k] + idx[k];
      }
    }
    sums[o] += vals[i];
    fsums[o] += fvals[i];
    ref_next_index(idx, c->dims, c->rank);
  }
  return n;
}

static void test_plan_rejects(void) {
  mote_mean_plan_t m;
  const int32_t d[] = {2, 3, 4};
  const int32_t bad1[] = {0, 3}, bad2[] = {-4};
  int bad;
  CHECK_EQ_INT(mote_mean_plan_init(&m, d, 3, bad1, 2, &bad),
               MOTE_ERR_BAD_SHAPE);
  CHECK_EQ_INT(bad, 1);
  CHECK_EQ_INT(mote_mean_plan_init(&m, d, 3, bad2, 1, &bad),
               MOTE_ERR_BAD_SHAPE);
  CHECK_EQ_INT(bad, 0);
  CHECK_EQ_INT(mote_mean_plan_init(&m, d, 7, bad2, 0, &bad),
               MOTE_ERR_BAD_SHAPE);
}

/* The compute parameters from the values the tests give; rq points into
 * the struct, so it is built in place and not copied. */
typedef struct mean_call {
  mote_mean_params_t p;
  int32_t mult;
  int8_t shift;
} mean_call_t;

static void mean_call(mean_call_t *c, int32_t zp_in, int32_t zp_out,
                      int32_t mult, int shift, int32_t lo, int32_t hi) {
  c->mult = mult;
  c->shift = (int8_t)shift;
  c->p.input_zero_point = zp_in;
  c->p.rq.multiplier = &c->mult;
  c->p.rq.shift = &c->shift;
  c->p.rq.per_channel = 0;
  c->p.rq.output_offset = zp_out;
  c->p.rq.act_min = lo;
  c->p.rq.act_max = hi;
}

static void test_fold(void) {
  int32_t m;
  int s;
  /* n = 49: floor(log2 49) = 5, 2^30 * 2^5 / 49 = 701219150.4 -> down. */
  mote_mean_fold(1 << 30, 0, 49, &m, &s);
  CHECK_EQ_INT(m, 701219150);
  CHECK_EQ_INT(s, -5);
  /* The fold is capped so that the final shift stays >= -31. */
  mote_mean_fold(1 << 30, -30, 49, &m, &s);
  CHECK_EQ_INT(m, 43826196); /* 2^31 / 49 */
  CHECK_EQ_INT(s, -31);
  mote_mean_fold(1234567890, 2, 1, &m, &s);
  CHECK_EQ_INT(m, 1234567890);
  CHECK_EQ_INT(s, 2);
}

/* Reference of the requantizing path: fold 1/n, then one rescale. */
static int32_t ref_requant_mean(int64_t sum, int32_t n, float s_in,
                                int32_t zp_in, float s_out, int32_t zp_out,
                                int32_t lo, int32_t hi) {
  int32_t m;
  int e, lg, s;
  int64_t mf;
  ref_qmult((double)s_in / (double)s_out, &m, &e);
  (void)frexp((double)n, &lg);
  s = lg - 1; /* floor(log2 n) */
  if (s > 32) s = 32;
  if (s > 31 + e) s = 31 + e;
  mf = (int64_t)floorl(ldexpl((long double)m, s) / n);
  return ref_clamp((int64_t)ref_mbqm((int32_t)(sum - (int64_t)zp_in * n),
                                     (int32_t)mf, e - s) + zp_out,
                   lo, hi);
}

typedef struct q_case {
  float s_in, s_out;
  int32_t zp_in, zp_out;
} q_case_t;

static void run_int(int is16) {
  static const q_case_t q8[] = {{0.07054788619279861f, 0.07054788619279861f,
                                 -9, -9},
                                {0.05f, 0.02f, 3, -5},
                                {0.02f, 0.05f, -128, 100}};
  static const q_case_t q16[] = {{0.001f, 0.001f, 0, 0},
                                 {0.001f, 0.0005f, 0, 0},
                                 {0.0003f, 0.001f, 0, 0}};
  static int32_t vals[MAXN], acc[MAXN];
  static float fvals[MAXN];
  static int64_t sums[MAXN];
  static float fsums[MAXN];
  static int8_t in8[MAXN], out8[MAXN];
  static int16_t in16[MAXN], out16[MAXN];
  const int32_t lo = is16 ? INT16_MIN : INT8_MIN;
  const int32_t hi = is16 ? INT16_MAX : INT8_MAX;
  size_t ci, qi;
  for (qi = 0; qi < 3; ++qi) {
    const q_case_t *q = is16 ? &q16[qi] : &q8[qi];
    for (ci = 0; ci < NCASES; ++ci) {
      const mean_case_t *c = &cases[ci];
      mote_mean_plan_t plan;
      mean_call_t qp;
      int32_t n, nout, i, m, fm;
      int bad, e, fe;
      CHECK_EQ_INT(mote_mean_plan_init(&plan, c->dims, c->rank, c->axes,
                                       c->naxes, &bad),
                   MOTE_OK);
      for (i = 0; i < plan.in_count; ++i) {
        vals[i] = ref_rand_range(lo, hi);
        fvals[i] = 0.0f;
        in8[i] = (int8_t)vals[i];
        in16[i] = (int16_t)vals[i];
      }
      n = ref_sums(c, vals, fvals, sums, fsums, &nout);
      CHECK_EQ_INT(plan.n, n);
      CHECK_EQ_INT(plan.out_count, nout);
      ref_qmult((double)q->s_in / (double)q->s_out, &m, &e);
      mote_mean_fold(m, e, n, &fm, &fe);
      mean_call(&qp, q->zp_in, q->zp_out, fm, fe, lo, hi);
      if (is16) {
        mote_mean_s16(&qp.p, &plan, in16, out16, acc);
      } else {
        mote_mean_s8(&qp.p, &plan, in8, out8, acc);
      }
      for (i = 0; i < nout; ++i) {
        const int32_t got = is16 ? out16[i] : out8[i];
        const long double real =
            (long double)q->s_in / q->s_out *
                ((long double)sums[i] / n - q->zp_in) + q->zp_out;
        const int32_t near = ref_clamp((int64_t)ref_round(real), lo, hi);
        CHECK_EQ_INT(got, ref_requant_mean(sums[i], n, q->s_in, q->zp_in,
                                           q->s_out, q->zp_out, lo, hi));
        CHECK(got - near <= 1 && near - got <= 1);
      }
    }
  }
}

static void test_mean_s8(void) { run_int(0); }
static void test_mean_s16(void) { run_int(1); }

static void test_mean_s8_ties(void) {
  /* Same quantization still rescales: multiplier 2^30, shift 1, folded
   * with n = 2 into 2^30, shift 0, so the only rounding is the high
   * multiply's, ties toward +infinity: -7 / 2 -> -3 and 7 / 2 -> 4 (a
   * truncating mean would give -3 and 3, a symmetric one -4 and 4). */
  const int32_t d[] = {2, 2}, ax[] = {1};
  const int8_t in[] = {-3, -4, 3, 4};
  mote_mean_plan_t plan;
  mean_call_t qp;
  int8_t out[2];
  int32_t acc[2], fm;
  int bad, fe;
  CHECK_EQ_INT(mote_mean_plan_init(&plan, d, 2, ax, 1, &bad), MOTE_OK);
  mote_mean_fold(1 << 30, 1, plan.n, &fm, &fe);
  CHECK_EQ_INT(fm, 1 << 30);
  CHECK_EQ_INT(fe, 0);
  mean_call(&qp, 0, 0, fm, fe, INT8_MIN, INT8_MAX);
  mote_mean_s8(&qp.p, &plan, in, out, acc);
  CHECK_EQ_INT(out[0], -3);
  CHECK_EQ_INT(out[1], 4);
}

static void test_mean_f32(void) {
  static int32_t vals[MAXN];
  static float fvals[MAXN], fsums[MAXN], out[MAXN];
  static int64_t sums[MAXN];
  size_t ci;
  for (ci = 0; ci < NCASES; ++ci) {
    const mean_case_t *c = &cases[ci];
    mote_mean_plan_t plan;
    int32_t n, nout, i;
    int bad;
    CHECK_EQ_INT(mote_mean_plan_init(&plan, c->dims, c->rank, c->axes,
                                     c->naxes, &bad),
                 MOTE_OK);
    for (i = 0; i < plan.in_count; ++i) {
      fvals[i] = ref_rand_float(3.0f);
      vals[i] = 0;
    }
    n = ref_sums(c, vals, fvals, sums, fsums, &nout);
    mote_mean_f32(&plan, fvals, out);
    for (i = 0; i < nout; ++i) {
      CHECK(out[i] == fsums[i] / (float)n);
    }
  }
}

int main(void) {
  MOTE_RUN(test_plan_rejects);
  MOTE_RUN(test_fold);
  MOTE_RUN(test_mean_s8);
  MOTE_RUN(test_mean_s16);
  MOTE_RUN(test_mean_s8_ties);
  MOTE_RUN(test_mean_f32);
  return MOTE_TEST_END();
}
