/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SOFTMAX tests.
 *
 * 1. Exact bytes and multipliers. Expected rows were produced by an
 *    independent arbitrary-precision Python rendering of TFLite Micro's
 *    arithmetic (PreprocessSoftmaxScaling, gemmlowp exp / reciprocal; for
 *    int16 the lookup and rescale on tables checked in test_fixedpoint),
 *    not by mote. Scales include those of micro_speech_quantized and
 *    keyword_scrambled (int8 -> int16).
 * 2. Values the algorithm pins down: equal inputs share 1/n exactly, one
 *    element gives 1, far-below-max elements give exactly 0.
 * 3. Random rows against double softmax: int8 within one step, int16 and
 *    int8 -> int16 within TFLite Micro's own test tolerances.
 * 4. float32 against double, and the TFLite Micro test vectors.
 * 5. The kernel through a real one-operator model: beta read from the
 *    options, the fixed output quantizations enforced, overflow reported.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/softmax.h"
#include "op_model.h"
#include "test.h"

static int16_t g_luts[2 * MOTE_LUT16_SIZE];

/* The tests give the row shape per call, as the compute functions once
 * took it; these adapters put it (and beta, and the int16 tables in
 * g_luts) into a copy of the parameters and call the implementation the
 * build binds. */
static mote_softmax_params_t rows(const mote_softmax_params_t *q, int32_t outer,
                                  int32_t depth) {
  mote_softmax_params_t p = *q;
  p.outer = outer;
  p.depth = depth;
  p.luts = g_luts;
  return p;
}

static mote_status_t softmax_s8(const int8_t *in, int8_t *out, int32_t outer,
                                int32_t depth, const mote_softmax_params_t *q) {
  const mote_softmax_params_t p = rows(q, outer, depth);
  return mote_softmax_s8(&p, in, out);
}

static mote_status_t softmax_s8_s16(const int8_t *in, int16_t *out,
                                    int32_t outer, int32_t depth,
                                    const mote_softmax_params_t *q) {
  const mote_softmax_params_t p = rows(q, outer, depth);
  return mote_softmax_s8_s16(&p, in, out);
}

static mote_status_t softmax_s16(const int16_t *in, int16_t *out, int32_t outer,
                                 int32_t depth,
                                 const mote_softmax_params_t *q) {
  const mote_softmax_params_t p = rows(q, outer, depth);
  return mote_softmax_s16(&p, in, out);
}

static void softmax_f32(const float *in, float *out, int32_t outer,
                        int32_t depth, float beta) {
  mote_softmax_params_t p;
  memset(&p, 0, sizeof p);
  p = rows(&p, outer, depth);
  p.beta = beta;
  mote_softmax_f32(&p, in, out);
}

static void test_params(void) {
  static const struct {
    float beta;
    float scale;
    int32_t mult;
    int32_t shift;
    int32_t diff_min;
  } c[] = {{1.0f, 0.1f, 1717986944, 23, -248},
           {1.0f, 0.0917319f, 1575942016, 23, -248},
           {1.0f, 0.0699627f, 1201950080, 23, -248},
           {2.0f, 0.05f, 1717986944, 23, -248}};
  size_t k;
  mote_softmax_params_t p;
  for (k = 0; k < sizeof c / sizeof c[0]; ++k) {
    CHECK_EQ_INT(mote_softmax_params_s8(c[k].beta, c[k].scale, &p), MOTE_OK);
    CHECK_EQ_INT(p.input_multiplier, c[k].mult);
    CHECK_EQ_INT(p.input_left_shift, c[k].shift);
    CHECK_EQ_INT(p.diff_min, c[k].diff_min);
  }
  /* Capped at 2^31 - 1; diff_min 0 then keeps only the row maximum. */
  CHECK_EQ_INT(mote_softmax_params_s8(1.0f, 1000.0f, &p), MOTE_OK);
  CHECK_EQ_INT(p.input_left_shift, 31);
  CHECK_EQ_INT(p.input_multiplier, INT32_MAX);
  CHECK_EQ_INT(p.diff_min, 0);
  {
    const int8_t in[3] = {5, 4, 5};
    int8_t out[3];
    CHECK_EQ_INT(softmax_s8(in, out, 1, 3, &p), MOTE_OK);
    CHECK_EQ_INT(out[0], 0);
    CHECK_EQ_INT(out[1], -128);
    CHECK_EQ_INT(out[2], 0);
  }
  CHECK_EQ_INT(mote_softmax_params_s8(1.0f, 0.5f, &p), MOTE_OK);
  CHECK_EQ_INT(p.input_multiplier, 1073741824);
  CHECK_EQ_INT(p.input_left_shift, 26);
  CHECK_EQ_INT(p.diff_min, -31);
  /* beta * scale * 2^26 <= 1 has no int8 multiplier (TFLite aborts). */
  CHECK_EQ_INT(mote_softmax_params_s8(1.0f, 1e-9f, &p), MOTE_ERR_UNSUPPORTED);
  CHECK_EQ_INT(mote_softmax_params_s8(0.0f, 0.1f, &p), MOTE_ERR_UNSUPPORTED);
  /* int16: input differences onto [-65535, 0] <=> [-10, 0]. */
  CHECK_EQ_INT(mote_softmax_params_s16(1.0f, 0.1f, &p), MOTE_OK);
  CHECK_EQ_INT(p.input_multiplier, 1374368584);
  CHECK_EQ_INT(p.input_left_shift, 10);
  CHECK_EQ_INT(mote_softmax_params_s16(1.0f, 0.001f, &p), MOTE_OK);
  CHECK_EQ_INT(p.input_multiplier, 1759191844);
  CHECK_EQ_INT(p.input_left_shift, 3);
}

static void test_s8_exact(void) {
  static const int8_t row1[5] = {10, 20, 30, 40, 50};
  static const int8_t want1[5] = {-125, -120, -106, -68, 35};
  static const int8_t row2[12] = {-128, -50, 0, 14, 60, 100,
                                  127,  -3,  14, 14, 90, 91};
  static const int8_t want2[12] = {-128, -128, -128, -128, -128, -109,
                                   93,   -128, -128, -128, -121, -120};
  static const int8_t want2_beta2[12] = {-128, -128, -128, -128, -128, -113,
                                         100,  -128, -128, -128, -122, -122};
  static const int16_t want2_s16[12] = {-32768, -32768, -32761, -32750,
                                        -32310, -25246, 16975,  -32762,
                                        -32750, -32750, -29031, -28760};
  static const int8_t row3[5] = {-10, -20, -30, -40, -50};
  static const int16_t want3_s16[5] = {8940, -17425, -27123, -30692, -32004};
  mote_softmax_params_t p;
  int8_t out[12];
  int16_t out16[12];
  int i;
  mote_softmax_params_s8(1.0f, 0.1f, &p);
  CHECK_EQ_INT(softmax_s8(row1, out, 1, 5, &p), MOTE_OK);
  for (i = 0; i < 5; ++i) {
    CHECK_EQ_INT(out[i], want1[i]);
  }
  CHECK_EQ_INT(softmax_s8_s16(row3, out16, 1, 5, &p), MOTE_OK);
  for (i = 0; i < 5; ++i) {
    CHECK_EQ_INT(out16[i], want3_s16[i]);
  }
  mote_softmax_params_s8(1.0f, 0.0917319f, &p);
  CHECK_EQ_INT(softmax_s8(row2, out, 1, 12, &p), MOTE_OK);
  for (i = 0; i < 12; ++i) {
    CHECK_EQ_INT(out[i], want2[i]);
  }
  mote_softmax_params_s8(2.0f, 0.05f, &p);
  CHECK_EQ_INT(softmax_s8(row2, out, 1, 12, &p), MOTE_OK);
  for (i = 0; i < 12; ++i) {
    CHECK_EQ_INT(out[i], want2_beta2[i]);
  }
  mote_softmax_params_s8(1.0f, 0.0699627f, &p);
  CHECK_EQ_INT(softmax_s8_s16(row2, out16, 1, 12, &p), MOTE_OK);
  for (i = 0; i < 12; ++i) {
    CHECK_EQ_INT(out16[i], want2_s16[i]);
  }
}

static void test_s8_pinned_values(void) {
  mote_softmax_params_t p;
  int8_t in[8] = {5, 5, 5, 5, 5, 5, 5, 5};
  int8_t out[8];
  int16_t out16[8];
  int i;
  mote_softmax_params_s8(1.0f, 0.1f, &p);
  /* n equal inputs: 256 / n - 128 exactly for n a power of two. */
  CHECK_EQ_INT(softmax_s8(in, out, 1, 2, &p), MOTE_OK);
  CHECK_EQ_INT(out[0], 0);
  CHECK_EQ_INT(out[1], 0);
  CHECK_EQ_INT(softmax_s8(in, out, 1, 8, &p), MOTE_OK);
  for (i = 0; i < 8; ++i) {
    CHECK_EQ_INT(out[i], 32 - 128);
  }
  CHECK_EQ_INT(softmax_s8_s16(in, out16, 1, 4, &p), MOTE_OK);
  CHECK_EQ_INT(out16[0], 16384 - 32768);
  /* A single element is certain: 256 / 256 saturates at 127. */
  CHECK_EQ_INT(softmax_s8(in, out, 1, 1, &p), MOTE_OK);
  CHECK_EQ_INT(out[0], 127);
  CHECK_EQ_INT(softmax_s8_s16(in, out16, 1, 1, &p), MOTE_OK);
  CHECK_EQ_INT(out16[0], 32767);
  /* 255 * 0.1 below the max is past diff_min (-248): exactly 0. */
  in[0] = -128;
  in[1] = 127;
  CHECK_EQ_INT(softmax_s8(in, out, 1, 2, &p), MOTE_OK);
  CHECK_EQ_INT(out[0], -128);
  CHECK_EQ_INT(out[1], 127);
}

static uint32_t g_rng = 12345u;
static uint32_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}

/* Double softmax of beta * scale * x. */
static void softmax_ref(const int32_t *x, int n, double beta_scale,
                        double *p) {
  double max = -1e300;
  double sum = 0.0;
  int i;
  for (i = 0; i < n; ++i) {
    max = x[i] > max ? x[i] : max;
  }
  for (i = 0; i < n; ++i) {
    p[i] = exp(beta_scale * (x[i] - max));
    sum += p[i];
  }
  for (i = 0; i < n; ++i) {
    p[i] /= sum;
  }
}

static void test_random_against_double(void) {
  static const float scales[] = {0.1f, 0.0917319f, 0.0125188f, 0.171854f,
                                 0.5f, 0.02f};
  int t;
  mote_softmax_luts_s16(g_luts);
  for (t = 0; t < 300; ++t) {
    const int n = 1 + (int)(rnd() % 64);
    const float scale = scales[rnd() % 6];
    const float beta = (rnd() & 1) ? 1.0f : 0.75f;
    int8_t in8[64];
    int16_t in16[64];
    int32_t x[64];
    int8_t out8[64];
    int16_t out16[64];
    double p[64];
    mote_softmax_params_t q;
    int i;
    for (i = 0; i < n; ++i) {
      in8[i] = (int8_t)(rnd() & 0xff);
      x[i] = in8[i];
    }
    softmax_ref(x, n, (double)beta * scale, p);
    CHECK_EQ_INT(mote_softmax_params_s8(beta, scale, &q), MOTE_OK);
    CHECK_EQ_INT(softmax_s8(in8, out8, 1, n, &q), MOTE_OK);
    CHECK_EQ_INT(softmax_s8_s16(in8, out16, 1, n, &q), MOTE_OK);
    for (i = 0; i < n; ++i) {
      double w8 = floor(p[i] * 256.0 + 0.5) - 128.0;
      double w16 = floor(p[i] * 65536.0 + 0.5) - 32768.0;
      w8 = w8 > 127.0 ? 127.0 : w8;
      w16 = w16 > 32767.0 ? 32767.0 : w16;
      CHECK(fabs(out8[i] - w8) <= 1.0);
      CHECK(fabs(out16[i] - w16) <= 2.0);
    }
    /* int16: inputs spread over a useful range for the scale. */
    for (i = 0; i < n; ++i) {
      in16[i] = (int16_t)(rnd() % 4001) - 2000;
      x[i] = in16[i];
    }
    softmax_ref(x, n, (double)beta * 0.001, p);
    CHECK_EQ_INT(mote_softmax_params_s16(beta, 0.001f, &q), MOTE_OK);
    CHECK_EQ_INT(softmax_s16(in16, out16, 1, n, &q), MOTE_OK);
    for (i = 0; i < n; ++i) {
      /* TFLite Micro's own int16 tolerance is 7 steps. */
      CHECK(fabs(out16[i] - p[i] * 32768.0) <= 7.0);
    }
  }
}

static void test_s16_exact(void) {
  static const int16_t in[10] = {10, 20, 30, 40, 50, -10, -20, -30, -40, -50};
  static const int16_t want[10] = {382,   1039, 2822, 7671, 20853,
                                   20853, 7671, 2822, 1039, 382};
  static const int16_t in2[8] = {-32768, -1000, 0,     1000,
                                 2000,   2001,  32767, 30000};
  static const int16_t want2[8] = {2, 2, 2, 2, 2, 2, 30819, 1937};
  mote_softmax_params_t p;
  int16_t out[10];
  int i;
  mote_softmax_luts_s16(g_luts);
  mote_softmax_params_s16(1.0f, 0.1f, &p);
  /* Two rows of five, as TFLite Micro's 2-D test. */
  CHECK_EQ_INT(softmax_s16(in, out, 2, 5, &p), MOTE_OK);
  for (i = 0; i < 10; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
  mote_softmax_params_s16(1.0f, 0.001f, &p);
  CHECK_EQ_INT(softmax_s16(in2, out, 1, 8, &p), MOTE_OK);
  for (i = 0; i < 8; ++i) {
    CHECK_EQ_INT(out[i], want2[i]);
  }
}

static void test_s8_overflow_reported(void) {
  /* 600 maximal elements: the Q12.19 sum needs a shift TFLite rejects. */
  static int8_t in[600];
  static int8_t out[600];
  mote_softmax_params_t p;
  memset(in, 7, sizeof in);
  mote_softmax_params_s8(1.0f, 0.1f, &p);
  CHECK_EQ_INT(softmax_s8(in, out, 1, 600, &p), MOTE_ERR_KERNEL);
  CHECK_EQ_INT(softmax_s8(in, out, 1, 511, &p), MOTE_OK);
}

static void test_f32(void) {
  static const float in[10] = {1.0f,  2.0f,  3.0f,  4.0f,  5.0f,
                               -1.0f, -2.0f, -3.0f, -4.0f, -5.0f};
  static const float golden[5] = {0.011656231f, 0.031684921f, 0.086128544f,
                                  0.234121657f, 0.636408647f};
  float out[10];
  int32_t x[5];
  double p[5];
  int i;
  softmax_f32(in, out, 2, 5, 1.0f);
  for (i = 0; i < 5; ++i) {
    CHECK_NEAR(out[i], golden[i], 1e-6);
    CHECK_NEAR(out[9 - i], golden[i], 1e-6);
  }
  for (i = 0; i < 5; ++i) {
    x[i] = 2 * i;
  }
  softmax_f32(in, out, 1, 5, 0.5f); /* beta halves the differences */
  softmax_ref(x, 5, 0.25, p);
  for (i = 0; i < 5; ++i) {
    CHECK(fabs(out[i] - p[i]) <= 1e-6 * p[i]);
  }
}

/* --- through the interpreter ------------------------------------------- */

static const int32_t kShape[2] = {2, 6};

static om_run_t run_softmax(om_tensor_t in, om_tensor_t out, float beta,
                            const void *in_data, void *out_data,
                            size_t out_bytes) {
  const void *ins[1];
  void *outs[1];
  tfb_options_t o;
  tfb_options_init(&o);
  tfb_opt_f32(&o, 0, beta);
  ins[0] = in_data;
  outs[0] = out_data;
  return om_run_op(MOTE_OP_SOFTMAX, 2, &in, 1, &out, 1, TFB_OPTIONS_SOFTMAX,
                   &o, ins, outs, &out_bytes);
}

static void test_kernel(void) {
  const float s = 0.05f;
  const float s8 = 1.0f / 256.0f;
  const float s16 = 1.0f / 65536.0f;
  const float s15 = 1.0f / 32768.0f;
  const int64_t zp0 = 0;
  const int64_t zp8 = -128;
  const int64_t zp16 = -32768;
  const int8_t x[12] = {-128, -50, 0, 14, 60, 100, 127, -3, 14, 14, 90, 91};
  const int16_t x16[12] = {10, 20, 30, 40, 50, 0, -10, -20, -30, -40, -50, 0};
  int8_t got[12];
  int16_t got16[12];
  int8_t want[12];
  int16_t want16[12];
  mote_softmax_params_t p;
  om_run_t r;
  int i;
  /* beta 2 from the options. */
  r = run_softmax(om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s8, &zp8), 2.0f,
                  x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  mote_softmax_params_s8(2.0f, s, &p);
  softmax_s8(x, want, 2, 6, &p);
  for (i = 0; i < 12; ++i) {
    CHECK_EQ_INT(got[i], want[i]);
  }
  /* int8 -> int16. */
  r = run_softmax(om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_INT16, 2, kShape, NULL, 0, &s16, &zp16),
                  1.0f, x, got16, sizeof got16);
  CHECK_EQ_INT(r.status, MOTE_OK);
  mote_softmax_params_s8(1.0f, s, &p);
  softmax_s8_s16(x, want16, 2, 6, &p);
  for (i = 0; i < 12; ++i) {
    CHECK_EQ_INT(got16[i], want16[i]);
  }
  /* int16 -> int16. */
  {
    const float si = 0.1f;
    r = run_softmax(om_q(MOTE_TYPE_INT16, 2, kShape, NULL, 0, &si, &zp0),
                    om_q(MOTE_TYPE_INT16, 2, kShape, NULL, 0, &s15, &zp0),
                    1.0f, x16, got16, sizeof got16);
    CHECK_EQ_INT(r.status, MOTE_OK);
    mote_softmax_luts_s16(g_luts);
    mote_softmax_params_s16(1.0f, si, &p);
    softmax_s16(x16, want16, 2, 6, &p);
    for (i = 0; i < 12; ++i) {
      CHECK_EQ_INT(got16[i], want16[i]);
    }
  }
  /* float, default beta 0 when the options table is empty: uniform. */
  {
    const float xf[12] = {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6};
    float gotf[12];
    const void *ins[1];
    void *outs[1];
    size_t nb = sizeof gotf;
    om_tensor_t t = om_q(MOTE_TYPE_FLOAT32, 2, kShape, NULL, 0, NULL, NULL);
    ins[0] = xf;
    outs[0] = gotf;
    r = om_run_op(MOTE_OP_SOFTMAX, 1, &t, 1, &t, 1, TFB_OPTIONS_SOFTMAX, NULL,
                  ins, outs, &nb);
    CHECK_EQ_INT(r.status, MOTE_OK);
    for (i = 0; i < 12; ++i) {
      CHECK_NEAR(gotf[i], 1.0 / 6.0, 1e-7);
    }
  }
}

static void test_kernel_rejects(void) {
  const float s = 0.05f;
  const float s8 = 1.0f / 256.0f;
  const float s8_off = 1.0f / 255.0f;
  const float s15 = 1.0f / 32768.0f;
  const int64_t zp0 = 0;
  const int64_t zp8 = -128;
  const int32_t other[2] = {3, 4};
  om_run_t r;
  r = run_softmax(om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s8_off, &zp8),
                  1.0f, NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
  CHECK(strstr(r.err.message, "1/256") != NULL);
  r = run_softmax(om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s8, &zp0), 1.0f,
                  NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
  r = run_softmax(om_q(MOTE_TYPE_INT16, 2, kShape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s8, &zp8), 1.0f,
                  NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED_TYPE);
  r = run_softmax(om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_INT8, 2, other, NULL, 0, &s8, &zp8), 1.0f,
                  NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_BAD_SHAPE);
  r = run_softmax(om_q(MOTE_TYPE_UINT8, 2, kShape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_UINT8, 2, kShape, NULL, 0, &s8, &zp0), 1.0f,
                  NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED_TYPE);
  CHECK(strstr(r.err.message, "uint8") != NULL);
  r = run_softmax(om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_INT8, 2, kShape, NULL, 0, &s8, &zp8), 0.0f,
                  NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
  CHECK(strstr(r.err.message, "beta") != NULL);
  r = run_softmax(om_q(MOTE_TYPE_INT16, 2, kShape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_INT16, 2, kShape, NULL, 0, &s8, &zp0), 1.0f,
                  NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
  (void)s15;
}

static void test_kernel_overflow(void) {
  static int8_t x[600];
  const int32_t shape[2] = {1, 600};
  const float s = 0.1f;
  const float s8 = 1.0f / 256.0f;
  const int64_t zp0 = 0;
  const int64_t zp8 = -128;
  om_run_t r;
  r = run_softmax(om_q(MOTE_TYPE_INT8, 2, shape, NULL, 0, &s, &zp0),
                  om_q(MOTE_TYPE_INT8, 2, shape, NULL, 0, &s8, &zp8), 1.0f, x,
                  NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_KERNEL);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(strstr(r.err.message, "600") != NULL);
}

int main(void) {
  MOTE_RUN(test_params);
  MOTE_RUN(test_s8_exact);
  MOTE_RUN(test_s8_pinned_values);
  MOTE_RUN(test_random_against_double);
  MOTE_RUN(test_s16_exact);
  MOTE_RUN(test_s8_overflow_reported);
  MOTE_RUN(test_f32);
  MOTE_RUN(test_kernel);
  MOTE_RUN(test_kernel_rejects);
  MOTE_RUN(test_kernel_overflow);
  return MOTE_TEST_END();
}
