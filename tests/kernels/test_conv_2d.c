/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONV_2D compute kernels against a straightforward reference written in
 * this file: exact int64 sums over the window (padding taps skipped),
 * then TFLite's requantization as exact formulas (conv_test_ref.h), and
 * double sums for float. Table-driven over shapes, strides, dilations,
 * padding, groups, activations, bias/no bias and all four type variants,
 * the quantized ones with per-channel and with per-tensor requantization
 * arrays, plus a few hand-worked cases for the rounding and clamping
 * details.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conv_test_ref.h"
#include "conv_call.h"
#include "test.h"

typedef struct {
  const char *name;
  int32_t n, ih, iw, ic, fh, fw, groups, oc;
  int32_t sh, sw, dh, dw;
  int padding, act;
  int bias;
  int32_t in_zp, out_zp;
  float gain; /* scales the effective multiplier: > 1 saturates more */
} conv_case_t;

static const conv_case_t cases[] = {
    {"1x1", 1, 4, 4, 8, 1, 1, 1, 6, 1, 1, 1, 1, MOTE_PADDING_VALID,
     MOTE_ACT_NONE, 1, -3, 5, 1.0f},
    {"3x3 same", 1, 5, 5, 3, 3, 3, 1, 4, 1, 1, 1, 1, MOTE_PADDING_SAME,
     MOTE_ACT_RELU, 1, 7, -4, 1.0f},
    {"3x3 same s2 odd pad", 1, 6, 6, 2, 3, 3, 1, 3, 2, 2, 1, 1,
     MOTE_PADDING_SAME, MOTE_ACT_RELU6, 1, -128, -128, 1.0f},
    {"valid rect strides", 2, 7, 9, 3, 3, 2, 1, 5, 2, 3, 1, 1,
     MOTE_PADDING_VALID, MOTE_ACT_NONE, 1, 0, 0, 1.0f},
    {"dilated same", 1, 9, 8, 2, 3, 3, 1, 2, 1, 1, 2, 3, MOTE_PADDING_SAME,
     MOTE_ACT_RELU_N1_TO_1, 1, 3, 1, 4.0f},
    {"dilated valid stride", 1, 11, 10, 2, 3, 2, 1, 3, 2, 1, 2, 2,
     MOTE_PADDING_VALID, MOTE_ACT_NONE, 1, -1, 2, 1.0f},
    {"grouped 3", 1, 5, 5, 6, 3, 3, 3, 6, 1, 1, 1, 1, MOTE_PADDING_SAME,
     MOTE_ACT_NONE, 1, 5, -7, 1.0f},
    {"grouped 2 batch 2", 2, 4, 6, 8, 2, 2, 2, 4, 1, 2, 1, 1, MOTE_PADDING_SAME,
     MOTE_ACT_RELU, 1, -10, 10, 1.0f},
    {"no bias", 1, 5, 4, 4, 2, 3, 1, 3, 1, 1, 1, 1, MOTE_PADDING_SAME,
     MOTE_ACT_NONE, 0, 2, 0, 1.0f},
    {"gain > 1 (left shift)", 1, 3, 3, 1, 1, 1, 1, 2, 1, 1, 1, 1,
     MOTE_PADDING_VALID, MOTE_ACT_NONE, 1, 0, 0, 300.0f},
    {"saturating", 1, 4, 4, 4, 3, 3, 1, 4, 1, 1, 1, 1, MOTE_PADDING_SAME,
     MOTE_ACT_NONE, 1, 0, 0, 8.0f},
    {"filter wider than input", 1, 2, 3, 2, 5, 5, 1, 2, 1, 1, 1, 1,
     MOTE_PADDING_SAME, MOTE_ACT_NONE, 1, -2, 3, 1.0f},
    {"batch 3 valid", 3, 5, 5, 3, 5, 5, 1, 2, 1, 1, 1, 1, MOTE_PADDING_VALID,
     MOTE_ACT_RELU6, 1, 4, -20, 0.5f},
    {"stride larger than filter", 1, 9, 9, 2, 2, 2, 1, 3, 4, 3, 1, 1,
     MOTE_PADDING_SAME, MOTE_ACT_NONE, 1, 1, 1, 1.0f},
};

/* Shapes and quantization of one generated case. */
typedef struct {
  mote_conv_params_t p;
  int32_t fc, k;
  int32_t in_n, f_n, out_n;
  /* Per output channel, for the reference. */
  int32_t mult[64];
  int8_t shift[64];
  /* What the kernel gets: the same, or when per-tensor only entry 0 is
   * meaningful and the rest is poison a kernel must not read. */
  int32_t kmult[64];
  int8_t kshift[64];
} setup_t;

static void make_setup(const conv_case_t *c, float in_std, float amp,
                       int per_tensor, setup_t *s) {
  int32_t ch;
  memset(s, 0, sizeof(*s));
  s->p.rq.per_channel = !(per_tensor != 0);
  s->fc = c->ic / c->groups;
  s->k = c->fh * c->fw * s->fc;
  s->p.batches = c->n;
  s->p.in_h = c->ih;
  s->p.in_w = c->iw;
  s->p.in_c = c->ic;
  s->p.filter_h = c->fh;
  s->p.filter_w = c->fw;
  s->p.filter_c = s->fc;
  s->p.out_c = c->oc;
  s->p.stride_h = c->sh;
  s->p.stride_w = c->sw;
  s->p.dilation_h = c->dh;
  s->p.dilation_w = c->dw;
  s->p.out_h = ref_out_size(c->padding, c->ih, c->fh, c->sh, c->dh);
  s->p.out_w = ref_out_size(c->padding, c->iw, c->fw, c->sw, c->dw);
  s->p.pad_h = ref_pad(c->ih, c->fh, c->sh, c->dh, s->p.out_h);
  s->p.pad_w = ref_pad(c->iw, c->fw, c->sw, c->dw, s->p.out_w);
  s->in_n = c->n * c->ih * c->iw * c->ic;
  s->f_n = c->oc * s->k;
  s->out_n = c->n * s->p.out_h * s->p.out_w * c->oc;
  /* Per-channel scales as a converter would produce them; the multiplier
   * comes from the float scales in double, as TFLite computes it. */
  for (ch = 0; ch < c->oc; ++ch) {
    const float in_s = 0.05f, out_s = 0.1f;
    const double eff = amp * c->gain * ref_rand_f(0.5f, 2.0f) /
                       (sqrt((double)s->k) * in_std * 73.0);
    const float f_s = (float)(eff * out_s / in_s);
    int sh;
    mote_quantize_multiplier((double)in_s * (double)f_s / (double)out_s,
                             &s->mult[ch], &sh);
    s->shift[ch] = (int8_t)sh;
    if (per_tensor && ch > 0) {
      s->mult[ch] = s->mult[0];
      s->shift[ch] = s->shift[0];
    }
    s->kmult[ch] = per_tensor && ch > 0 ? 0 : s->mult[ch];
    s->kshift[ch] = per_tensor && ch > 0 ? (int8_t)-31 : s->shift[ch];
  }
}

/* Exact window sum for output (b, oy, ox, oc); get_in returns the input
 * value minus its zero point. */
#define REF_SUM(s, c, b, oy, ox, oc, IN, FILT, T, acc)                        \
  do {                                                                        \
    int32_t ky, kx, ci;                                                       \
    const int32_t g = (oc) / ((c)->oc / (c)->groups);                         \
    for (ky = 0; ky < (c)->fh; ++ky) {                                        \
      for (kx = 0; kx < (c)->fw; ++kx) {                                      \
        int32_t iy = (oy) * (c)->sh - (s)->p.pad_h + ky * (c)->dh;            \
        int32_t ix = (ox) * (c)->sw - (s)->p.pad_w + kx * (c)->dw;            \
        if (iy < 0 || ix < 0 || iy >= (c)->ih || ix >= (c)->iw) {             \
          continue;                                                           \
        }                                                                     \
        for (ci = 0; ci < (s)->fc; ++ci) {                                    \
          int32_t ii = (((b) * (c)->ih + iy) * (c)->iw + ix) * (c)->ic +      \
                       g * (s)->fc + ci;                                      \
          int32_t fi = (((oc) * (c)->fh + ky) * (c)->fw + kx) * (s)->fc + ci; \
          acc += (T)(IN[ii]) * (T)(FILT[fi]);                                 \
        }                                                                     \
      }                                                                       \
    }                                                                         \
  } while (0)

static void run_s8(const conv_case_t *c, int per_tensor) {
  setup_t s;
  int8_t *in, *f, *out;
  int32_t *bias, *inz;
  int32_t i, b, oy, ox, oc, lo, hi, bad = 0;
  make_setup(c, 73.0f, 60.0f, per_tensor, &s);
  in = malloc((size_t)s.in_n);
  inz = malloc((size_t)s.in_n * sizeof(int32_t));
  f = malloc((size_t)s.f_n);
  out = malloc((size_t)s.out_n);
  bias = malloc((size_t)c->oc * sizeof(int32_t));
  for (i = 0; i < s.in_n; ++i) {
    in[i] = (int8_t)ref_rand_range(-128, 127);
    inz[i] = in[i] - c->in_zp;
  }
  for (i = 0; i < s.f_n; ++i) {
    f[i] = (int8_t)ref_rand_range(-127, 127);
  }
  for (i = 0; i < c->oc; ++i) {
    bias[i] = ref_rand_range(-2000 * s.k, 2000 * s.k);
  }
  ref_act_range(c->act, -128, 127, 0.1f, c->out_zp, &lo, &hi);
  s.p.input_offset = -c->in_zp;
  s.p.rq.output_offset = c->out_zp;
  s.p.rq.act_min = lo;
  s.p.rq.act_max = hi;
  mote_conv_2d_s8_call(&s.p, s.kmult, s.kshift, in, f, c->bias ? bias : NULL, out);
  i = 0;
  for (b = 0; b < c->n; ++b)
    for (oy = 0; oy < s.p.out_h; ++oy)
      for (ox = 0; ox < s.p.out_w; ++ox)
        for (oc = 0; oc < c->oc; ++oc, ++i) {
          int64_t acc = c->bias ? bias[oc] : 0;
          int32_t want;
          REF_SUM(&s, c, b, oy, ox, oc, inz, f, int64_t, acc);
          want = ref_requant32(acc, s.mult[oc], s.shift[oc]) + c->out_zp;
          want = ref_clamp(want, lo, hi);
          if (out[i] != want && bad++ < 3) {
            fprintf(stderr, "s8%s %s: out[%d] = %d, want %d\n",
                    per_tensor ? " per-tensor" : "", c->name, (int)i, out[i],
                    (int)want);
          }
        }
  CHECK_EQ_INT(bad, 0);
  free(in), free(inz), free(f), free(out), free(bias);
}

/* 16x8; wide selects the int64-bias kernel, else the int32-bias one. */
static void run_s16(const conv_case_t *c, int wide, int per_tensor) {
  setup_t s;
  int16_t *in, *out;
  int8_t *f;
  int64_t *bias64;
  int32_t *bias32;
  int32_t i, b, oy, ox, oc, lo, hi, bad = 0;
  make_setup(c, 9000.0f, 15000.0f, per_tensor, &s);
  in = malloc((size_t)s.in_n * sizeof(int16_t));
  f = malloc((size_t)s.f_n);
  out = malloc((size_t)s.out_n * sizeof(int16_t));
  bias64 = malloc((size_t)c->oc * sizeof(int64_t));
  bias32 = malloc((size_t)c->oc * sizeof(int32_t));
  for (i = 0; i < s.in_n; ++i) {
    in[i] = (int16_t)ref_rand_range(-32768, 32767);
  }
  for (i = 0; i < s.f_n; ++i) {
    f[i] = (int8_t)ref_rand_range(-127, 127);
  }
  for (i = 0; i < c->oc; ++i) {
    bias32[i] = ref_rand_range(-200000 * s.k, 200000 * s.k);
    bias64[i] = (int64_t)bias32[i] * (wide ? 3 : 1);
  }
  ref_act_range(c->act, -32768, 32767, 0.001f, 0, &lo, &hi);
  s.p.rq.act_min = lo;
  s.p.rq.act_max = hi;
  if (wide) {
    mote_conv_2d_s16_call(&s.p, s.kmult, s.kshift, in, f, c->bias ? bias64 : NULL,
                     out);
  } else {
    mote_conv_2d_s16_b32_call(&s.p, s.kmult, s.kshift, in, f,
                         c->bias ? bias32 : NULL, out);
  }
  i = 0;
  for (b = 0; b < c->n; ++b)
    for (oy = 0; oy < s.p.out_h; ++oy)
      for (ox = 0; ox < s.p.out_w; ++ox)
        for (oc = 0; oc < c->oc; ++oc, ++i) {
          int64_t acc = !c->bias ? 0 : wide ? bias64[oc] : bias32[oc];
          int32_t want;
          REF_SUM(&s, c, b, oy, ox, oc, in, f, int64_t, acc);
          want = wide ? ref_requant64(acc, s.mult[oc], s.shift[oc])
                      : ref_requant32(acc, s.mult[oc], s.shift[oc]);
          want = ref_clamp(want, lo, hi);
          if (out[i] != want && bad++ < 3) {
            fprintf(stderr, "s16%s%s %s: out[%d] = %d, want %d\n",
                    wide ? "" : "_b32", per_tensor ? " per-tensor" : "",
                    c->name, (int)i, out[i], (int)want);
          }
        }
  CHECK_EQ_INT(bad, 0);
  free(in), free(f), free(out), free(bias64), free(bias32);
}

static void run_f32(const conv_case_t *c) {
  setup_t s;
  float *in, *f, *out, *bias, *absin, *absf;
  float lo, hi;
  int32_t i, b, oy, ox, oc, bad = 0;
  make_setup(c, 1.0f, 1.0f, 0, &s);
  in = malloc((size_t)s.in_n * sizeof(float));
  absin = malloc((size_t)s.in_n * sizeof(float));
  f = malloc((size_t)s.f_n * sizeof(float));
  absf = malloc((size_t)s.f_n * sizeof(float));
  out = malloc((size_t)s.out_n * sizeof(float));
  bias = malloc((size_t)c->oc * sizeof(float));
  for (i = 0; i < s.in_n; ++i) {
    in[i] = ref_rand_f(-1.0f, 1.0f) * c->gain;
    absin[i] = fabsf(in[i]);
  }
  for (i = 0; i < s.f_n; ++i) {
    f[i] = ref_rand_f(-0.5f, 0.5f);
    absf[i] = fabsf(f[i]);
  }
  for (i = 0; i < c->oc; ++i) {
    bias[i] = ref_rand_f(-0.5f, 0.5f);
  }
  ref_act_range_f(c->act, &lo, &hi);
  s.p.act_min_f = lo;
  s.p.act_max_f = hi;
  mote_conv_2d_f32_call(&s.p, in, f, c->bias ? bias : NULL, out);
  i = 0;
  for (b = 0; b < c->n; ++b)
    for (oy = 0; oy < s.p.out_h; ++oy)
      for (ox = 0; ox < s.p.out_w; ++ox)
        for (oc = 0; oc < c->oc; ++oc, ++i) {
          double acc = c->bias ? bias[oc] : 0.0, mag = fabs(acc);
          double want;
          REF_SUM(&s, c, b, oy, ox, oc, in, f, double, acc);
          REF_SUM(&s, c, b, oy, ox, oc, absin, absf, double, mag);
          want = acc < lo ? lo : acc;
          want = want > hi ? hi : want;
          if (!(fabs(out[i] - want) <= 1e-5 * mag + 1e-7) && bad++ < 3) {
            fprintf(stderr, "f32 %s: out[%d] = %.9g, want %.9g\n", c->name,
                    (int)i, out[i], want);
          }
        }
  CHECK_EQ_INT(bad, 0);
  free(in), free(absin), free(f), free(absf), free(out), free(bias);
}

static void test_table(void) {
  size_t i;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
    run_s8(&cases[i], 0);
    run_s16(&cases[i], 1, 0);
    run_s16(&cases[i], 0, 0);
    run_f32(&cases[i]);
  }
}

/* The same cases with one multiplier and shift for all channels, as the
 * glue stores them for a filter with a single scale. */
static void test_table_per_tensor(void) {
  size_t i;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
    run_s8(&cases[i], 1);
    run_s16(&cases[i], 1, 1);
    run_s16(&cases[i], 0, 1);
  }
}

/* A 3x3 image and a 2x2 filter, worked by hand. */
static void test_float_by_hand(void) {
  static const float in[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  static const float f[4] = {1, 2, 3, 4};
  const float bias[1] = {0.5f};
  float out[4];
  mote_conv_params_t p;
  memset(&p, 0, sizeof(p));
  p.batches = 1;
  p.in_h = p.in_w = 3;
  p.in_c = p.filter_c = p.out_c = 1;
  p.filter_h = p.filter_w = 2;
  p.out_h = p.out_w = 2;
  p.stride_h = p.stride_w = p.dilation_h = p.dilation_w = 1;
  p.act_min_f = -FLT_MAX;
  p.act_max_f = FLT_MAX;
  mote_conv_2d_f32_call(&p, in, f, bias, out);
  CHECK(out[0] == 37.5f && out[1] == 47.5f && out[2] == 67.5f &&
        out[3] == 77.5f);
  /* SAME, stride 2: one padding column/row, all of it after the image. */
  p.stride_h = p.stride_w = 2;
  mote_conv_2d_f32_call(&p, in, f, NULL, out);
  CHECK(out[0] == 37.0f && out[1] == 21.0f && out[2] == 23.0f &&
        out[3] == 9.0f);
  /* RELU6 clamp. */
  p.act_min_f = 0.0f;
  p.act_max_f = 6.0f;
  mote_conv_2d_f32_call(&p, in, f, NULL, out);
  CHECK(out[0] == 6.0f && out[3] == 6.0f);
}

/* One output, int8: acc = 3*(10-2) + 5*(-20-2) + bias, worked by hand. */
static void test_s8_rounding_by_hand(void) {
  static const int8_t in[2] = {10, -20};
  static const int8_t f[2] = {3, 5};
  int32_t bias, mult = 1 << 30;
  int8_t shift, out;
  mote_conv_params_t p;
  memset(&p, 0, sizeof(p));
  p.batches = p.in_h = p.in_w = p.out_h = p.out_w = 1;
  p.filter_h = p.filter_w = p.out_c = 1;
  p.in_c = p.filter_c = 2;
  p.stride_h = p.stride_w = p.dilation_h = p.dilation_w = 1;
  p.input_offset = -2;
  p.rq.output_offset = 3;
  p.rq.act_min = -128;
  p.rq.act_max = 127;
  /* -80 * 0.5 = -40, + 3. */
  bias = 6, shift = 0;
  mote_conv_2d_s8_call(&p, &mult, &shift, in, f, &bias, &out);
  CHECK_EQ_INT(out, -37);
  /* -81 * 0.25: high multiply -40.5 -> -40 (ties up), /2 -> -20; +3. */
  bias = 5, shift = -1;
  mote_conv_2d_s8_call(&p, &mult, &shift, in, f, &bias, &out);
  CHECK_EQ_INT(out, -17);
  /* -83 * 0.25: -41.5 -> -41, /2 = -20.5 -> -21 (away); exact -20.75. */
  bias = 3;
  mote_conv_2d_s8_call(&p, &mult, &shift, in, f, &bias, &out);
  CHECK_EQ_INT(out, -18);
  /* act_min above act_max (odd zero point): act_max wins, as in TFLM. */
  p.rq.act_min = 10;
  p.rq.act_max = 5;
  mote_conv_2d_s8_call(&p, &mult, &shift, in, f, &bias, &out);
  CHECK_EQ_INT(out, 5);
  /* Saturation at both ends. */
  p.rq.act_min = -128;
  p.rq.act_max = 127;
  bias = 100000, shift = 0;
  mote_conv_2d_s8_call(&p, &mult, &shift, in, f, &bias, &out);
  CHECK_EQ_INT(out, 127);
  bias = -100000;
  mote_conv_2d_s8_call(&p, &mult, &shift, in, f, &bias, &out);
  CHECK_EQ_INT(out, -128);
}

/* int16 with int64 bias: the 64-bit requantization rounds ties up, where
 * the 32-bit path rounds the final divide away from zero. */
static void test_s16_rounding_by_hand(void) {
  static const int16_t in[1] = {-3};
  static const int8_t f[1] = {1};
  int32_t mult = 1 << 30;
  int8_t shift = -1;
  int64_t b64 = 0;
  int32_t b32 = 0;
  int16_t out;
  mote_conv_params_t p;
  memset(&p, 0, sizeof(p));
  p.batches = p.in_h = p.in_w = p.out_h = p.out_w = 1;
  p.filter_h = p.filter_w = p.out_c = p.in_c = p.filter_c = 1;
  p.stride_h = p.stride_w = p.dilation_h = p.dilation_w = 1;
  p.rq.act_min = -32768;
  p.rq.act_max = 32767;
  /* -3 * 0.25 = -0.75: 64-bit: floor(-0.75 + 0.5) = -1. */
  mote_conv_2d_s16_call(&p, &mult, &shift, in, f, &b64, &out);
  CHECK_EQ_INT(out, -1);
  /* -2 * 0.25 = -0.5: 64-bit ties up to 0; 32-bit: high mul -1, /2 =
   * -0.5 -> -1 (away from zero). */
  b64 = 1;
  b32 = 1;
  mote_conv_2d_s16_call(&p, &mult, &shift, in, f, &b64, &out);
  CHECK_EQ_INT(out, 0);
  mote_conv_2d_s16_b32_call(&p, &mult, &shift, in, f, &b32, &out);
  CHECK_EQ_INT(out, -1);
  /* No bias on the 32-bit path. */
  mote_conv_2d_s16_b32_call(&p, &mult, &shift, in, f, NULL, &out);
  CHECK_EQ_INT(out, -1);
}

int main(void) {
  MOTE_RUN(test_table);
  MOTE_RUN(test_table_per_tensor);
  MOTE_RUN(test_float_by_hand);
  MOTE_RUN(test_s8_rounding_by_hand);
  MOTE_RUN(test_s16_rounding_by_hand);
  return MOTE_TEST_END();
}
