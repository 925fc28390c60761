/* SPDX-License-Identifier: Apache-2.0 */
/*
 * QUANTIZE kernels. Float input: the documented TfLiteRound(x / scale) +
 * zero point, with hand-worked ties (half away from zero) and saturation.
 * Integer input: TFLite's Requantize re-derived from arith_ref.h for every
 * type pair TFLM supports, each result within one step of the exact
 * rescaled value.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "arith_ref.h"
#include "kernels/quantize.h"
#include "test.h"

#define N 300

/* Test values span these, int32 a smaller range. */
static void type_limits(mote_type_t t, int32_t *lo, int32_t *hi) {
  switch (t) {
  case MOTE_TYPE_UINT8: *lo = 0; *hi = 255; break;
  case MOTE_TYPE_INT16: *lo = INT16_MIN; *hi = INT16_MAX; break;
  case MOTE_TYPE_INT32: *lo = -(1 << 20); *hi = 1 << 20; break;
  default: *lo = INT8_MIN; *hi = INT8_MAX; break;
  }
}

/* The range of an output type. */
static void type_range(mote_type_t t, int32_t *lo, int32_t *hi) {
  type_limits(t, lo, hi);
  if (t == MOTE_TYPE_INT32) {
    *lo = INT32_MIN;
    *hi = INT32_MAX;
  }
}

/* The cases give scale, zero points and types per call, as the compute
 * functions once took them; these adapters build the parameter struct
 * (the output type's range in rq, as the glue does) and call the
 * implementation the build binds. */
typedef struct rq {
  int32_t multiplier;
  int shift;
  int32_t input_zero_point;
  int32_t output_zero_point;
} rq_t;

static mote_quantize_params_t params(float scale, int32_t zero_point,
                                     mote_type_t out_type,
                                     const int32_t *multiplier,
                                     const int8_t *shift) {
  mote_quantize_params_t p;
  memset(&p, 0, sizeof p);
  p.scale = scale;
  p.rq.multiplier = multiplier;
  p.rq.shift = shift;
  p.rq.output_offset = zero_point;
  type_range(out_type, &p.rq.act_min, &p.rq.act_max);
  p.out_type = (uint8_t)out_type;
  return p;
}

static void quantize_f32_s8(const float *in, int32_t n, float scale,
                            int32_t zero_point, int8_t *out) {
  const mote_quantize_params_t p =
      params(scale, zero_point, MOTE_TYPE_INT8, NULL, NULL);
  mote_quantize_f32_s8(&p, in, out, n);
}

static void quantize_f32_s16(const float *in, int32_t n, float scale,
                             int32_t zero_point, int16_t *out) {
  const mote_quantize_params_t p =
      params(scale, zero_point, MOTE_TYPE_INT16, NULL, NULL);
  mote_quantize_f32_s16(&p, in, out, n);
}

static void requantize(const rq_t *q, mote_type_t in_type, const void *in,
                       mote_type_t out_type, void *out, int32_t n) {
  const int8_t shift = (int8_t)q->shift;
  mote_quantize_params_t p =
      params(0.0f, q->output_zero_point, out_type, &q->multiplier, &shift);
  p.input_offset = -q->input_zero_point;
  p.in_type = (uint8_t)in_type;
  mote_quantize_requantize(&p, in, out, n);
}

static void test_f32_s8_ties(void) {
  /* scale 0.5: x / scale = 0.5, -0.5, 1.5, -1.5, 2.5 -> 1, -1, 2, -2, 3;
   * just under a tie rounds down; zero point -3 is added after rounding;
   * far values saturate, NaN gives the minimum. */
  const float x[] = {0.25f, -0.25f, 0.75f, -0.75f, 1.25f, 0.2499999f,
                     1000.0f, -1000.0f, INFINITY, -INFINITY, NAN, 0.0f};
  const int8_t want[] = {-2, -4, -1, -5, 0, -3, 127, -128, 127, -128, -128,
                         -3};
  int8_t out[12];
  quantize_f32_s8(x, 12, 0.5f, -3, out);
  CHECK(memcmp(out, want, sizeof(want)) == 0);
}

static void test_f32_s16(void) {
  /* scale 0.25, zero point 1: exact ties 0.5, -0.5, 1.5 -> 1, -1, 2;
   * 0.00015 / 0.25 rounds to 0; far values saturate at the int16 ends. */
  const float x[] = {0.125f, -0.125f, 0.375f, 0.00015f, 10000.0f, -1e30f};
  const int16_t want[] = {2, 0, 3, 1, 32767, -32768};
  int16_t out[6];
  quantize_f32_s16(x, 6, 0.25f, 1, out);
  CHECK(memcmp(out, want, sizeof(want)) == 0);
}

static void test_f32_s8_random(void) {
  float x[N];
  int8_t out[N];
  int i;
  for (i = 0; i < N; ++i) {
    x[i] = ref_rand_float(4.0f);
  }
  quantize_f32_s8(x, N, 0.0235f, 17, out);
  for (i = 0; i < N; ++i) {
    const long double exact = (long double)x[i] / 0.0235f;
    const int32_t want =
        ref_clamp((int64_t)roundf(x[i] / 0.0235f) + 17, INT8_MIN, INT8_MAX);
    CHECK_EQ_INT(out[i], want);
    /* Single-precision division may move a near-tie by one step at most. */
    CHECK(fabsl((long double)(out[i] - 17) - exact) <= 1.0L ||
          out[i] == INT8_MIN || out[i] == INT8_MAX);
  }
}

typedef struct rq_case {
  mote_type_t in, out;
  float s_in, s_out;
  int32_t zp_in, zp_out;
} rq_case_t;

static const rq_case_t rq_cases[] = {
    /* keyword_scrambled's two QUANTIZE ops. */
    {MOTE_TYPE_INT16, MOTE_TYPE_INT8, 0.0006249999860301614f,
     0.05920833349227905f, 0, -128},
    {MOTE_TYPE_INT16, MOTE_TYPE_INT32, 1.5259021893143654e-05f,
     3.0518509447574615e-05f, -32768, 0},
    {MOTE_TYPE_INT8, MOTE_TYPE_INT8, 0.05f, 0.03f, 5, -7},
    {MOTE_TYPE_INT8, MOTE_TYPE_INT8, 0.05f, 0.05f, 5, 5},
    {MOTE_TYPE_INT8, MOTE_TYPE_UINT8, 0.1f, 0.1f, -3, 125},
    {MOTE_TYPE_UINT8, MOTE_TYPE_INT8, 0.1f, 0.2f, 128, 0},
    {MOTE_TYPE_INT8, MOTE_TYPE_INT16, 0.05f, 0.0001f, -1, 0},
    {MOTE_TYPE_INT8, MOTE_TYPE_INT32, 0.05f, 0.001f, 10, 3},
    {MOTE_TYPE_INT16, MOTE_TYPE_INT16, 0.001f, 0.0007f, 0, 0},
    {MOTE_TYPE_INT32, MOTE_TYPE_INT8, 0.0001f, 0.05f, 0, 2},
    {MOTE_TYPE_INT32, MOTE_TYPE_INT16, 0.0001f, 0.001f, 0, 0},
};
#define NRQ (sizeof(rq_cases) / sizeof(rq_cases[0]))

static void put(mote_type_t t, void *buf, int i, int32_t v) {
  switch (t) {
  case MOTE_TYPE_UINT8: ((uint8_t *)buf)[i] = (uint8_t)v; break;
  case MOTE_TYPE_INT16: ((int16_t *)buf)[i] = (int16_t)v; break;
  case MOTE_TYPE_INT32: ((int32_t *)buf)[i] = v; break;
  default: ((int8_t *)buf)[i] = (int8_t)v; break;
  }
}

static int32_t get(mote_type_t t, const void *buf, int i) {
  switch (t) {
  case MOTE_TYPE_UINT8: return ((const uint8_t *)buf)[i];
  case MOTE_TYPE_INT16: return ((const int16_t *)buf)[i];
  case MOTE_TYPE_INT32: return ((const int32_t *)buf)[i];
  default: return ((const int8_t *)buf)[i];
  }
}

static void test_requantize(void) {
  static int32_t in[N], out[N];
  size_t ci;
  for (ci = 0; ci < NRQ; ++ci) {
    const rq_case_t *c = &rq_cases[ci];
    rq_t p;
    int32_t ilo, ihi, olo, ohi;
    int i;
    type_limits(c->in, &ilo, &ihi);
    type_range(c->out, &olo, &ohi);
    for (i = 0; i < N; ++i) {
      /* Both ends of the input range, then random values. */
      put(c->in, in, i, i == 0 ? ilo : i == 1 ? ihi : ref_rand_range(ilo, ihi));
    }
    ref_qmult((double)c->s_in / (double)c->s_out, &p.multiplier, &p.shift);
    p.input_zero_point = c->zp_in;
    p.output_zero_point = c->zp_out;
    requantize(&p, c->in, in, c->out, out, N);
    for (i = 0; i < N; ++i) {
      const int32_t x = get(c->in, in, i);
      const int32_t got = get(c->out, out, i);
      const int32_t want = ref_clamp(
          (int64_t)ref_mbqm(x - c->zp_in, p.multiplier, p.shift) + c->zp_out,
          olo, ohi);
      const long double real =
          (long double)c->s_in / c->s_out * (x - c->zp_in) + c->zp_out;
      const int32_t near = ref_clamp((int64_t)ref_round(real), olo, ohi);
      CHECK_EQ_INT(got, want);
      CHECK(got - near <= 1 && near - got <= 1);
    }
  }
}

static void test_requantize_identity(void) {
  /* Equal scales: multiplier 2^30, shift 1 reproduces q - zp_in + zp_out
   * exactly; int8 -> uint8 with a zero-point gap of 128 is TFLM's
   * "xor 0x80" fast path. */
  const int8_t in[] = {-128, -1, 0, 1, 127};
  const uint8_t want[] = {0, 127, 128, 129, 255};
  uint8_t out[5];
  rq_t p;
  ref_qmult(1.0, &p.multiplier, &p.shift);
  CHECK_EQ_INT(p.multiplier, 1 << 30);
  CHECK_EQ_INT(p.shift, 1);
  p.input_zero_point = 0;
  p.output_zero_point = 128;
  requantize(&p, MOTE_TYPE_INT8, in, MOTE_TYPE_UINT8, out, 5);
  CHECK(memcmp(out, want, sizeof(want)) == 0);
}

int main(void) {
  MOTE_RUN(test_f32_s8_ties);
  MOTE_RUN(test_f32_s16);
  MOTE_RUN(test_f32_s8_random);
  MOTE_RUN(test_requantize);
  MOTE_RUN(test_requantize_identity);
  return MOTE_TEST_END();
}
