/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FULLY_CONNECTED tests.
 *
 * 1. Compute functions, table-driven over shapes, zero points, activation
 *    ranges, multipliers with left and right shifts, per-tensor and
 *    per-channel, with and without bias, against an independent reference:
 *    the exact integer sum, then TFLite's documented requantization written
 *    from its definition (round half up of acc * M / 2^31, then round half
 *    away from zero of the right shift; for the 16x8 int64 path, a 16-bit
 *    multiplier and one round-half-up shift) using floor division, not the
 *    library's helpers. Every result is also held within one step of the
 *    real-valued answer computed in double.
 * 2. float32 against a double-precision sum.
 * 3. The kernel through real one-operator models: multipliers from scales
 *    (float product for per-tensor, double for per-channel), keep_num_dims,
 *    absent bias, every type combination, and every refusal by name.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/fully_connected.h"
#include "kernels/kernel_util.h"
#include "op_model.h"
#include "test.h"

#define MAX_B 3
#define MAX_O 10
#define MAX_D 40

/* The cases below give loop bounds per call and shifts as int32, as
 * TFLite does; this adapter builds the parameter struct the compute
 * functions take (int8 shifts, one entry when per-tensor) and calls the
 * implementation the build binds. */
typedef struct fc_q {
  int32_t input_offset;
  int32_t output_offset;
  int32_t output_multiplier;
  int32_t output_shift;
  const int32_t *channel_multiplier; /* NULL: per-tensor */
  const int32_t *channel_shift;
  int32_t act_min;
  int32_t act_max;
} fc_q_t;

typedef struct fc_call {
  mote_fc_params_t p;
  int32_t mult[MAX_O];
  int8_t shift[MAX_O];
} fc_call_t;

static void fc_call_init(fc_call_t *c, const fc_q_t *q, int32_t b, int32_t o,
                         int32_t d) {
  int32_t i;
  const int32_t n = q->channel_multiplier != NULL ? o : 1;
  memset(c, 0, sizeof *c);
  c->p.batches = b;
  c->p.out_depth = o;
  c->p.accum_depth = d;
  c->p.input_offset = q->input_offset;
  for (i = 0; i < n; ++i) {
    c->mult[i] = n > 1 ? q->channel_multiplier[i] : q->output_multiplier;
    c->shift[i] = (int8_t)(n > 1 ? q->channel_shift[i] : q->output_shift);
  }
  c->p.out.rq.multiplier = c->mult;
  c->p.out.rq.shift = c->shift;
  c->p.out.rq.per_channel = n > 1;
  c->p.out.rq.output_offset = q->output_offset;
  c->p.out.rq.act_min = q->act_min;
  c->p.out.rq.act_max = q->act_max;
}

static void fc_s8(const int8_t *in, const int8_t *w, const int32_t *bias,
                  int8_t *out, int32_t b, int32_t o, int32_t d,
                  const fc_q_t *q) {
  fc_call_t c;
  fc_call_init(&c, q, b, o, d);
  mote_fc_s8(&c.p, in, w, bias, out, NULL);
}

static void fc_s16(const int16_t *in, const int8_t *w, const int64_t *bias,
                   int16_t *out, int32_t b, int32_t o, int32_t d,
                   const fc_q_t *q) {
  fc_call_t c;
  fc_call_init(&c, q, b, o, d);
  mote_fc_s16(&c.p, in, w, bias, out, NULL);
}

static void fc_s16_b32(const int16_t *in, const int8_t *w,
                       const int32_t *bias, int16_t *out, int32_t b,
                       int32_t o, int32_t d, const fc_q_t *q) {
  fc_call_t c;
  fc_call_init(&c, q, b, o, d);
  mote_fc_s16_b32(&c.p, in, w, bias, out, NULL);
}

static void fc_f32(const float *in, const float *w, const float *bias,
                   float *out, int32_t b, int32_t o, int32_t d, float lo,
                   float hi) {
  mote_fc_params_t p;
  memset(&p, 0, sizeof p);
  p.batches = b;
  p.out_depth = o;
  p.accum_depth = d;
  p.out.act_f.min = lo;
  p.out.act_f.max = hi;
  mote_fc_f32(&p, in, w, bias, out, NULL);
}

static uint32_t g_rng = 2463534242u;
static uint32_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

/* TFLite's int32 requantization from its definition. */
static int32_t requant_ref(int64_t acc, int32_t mult, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  int64_t x = acc * ((int64_t)1 << left);
  int64_t v;
  /* Round half up (toward +inf) of x * mult / 2^31. */
  v = floor_div(x * mult + ((int64_t)1 << 30), (int64_t)1 << 31);
  if (right > 0) {
    /* Round half away from zero of v / 2^right. */
    const int64_t half = (int64_t)1 << (right - 1);
    v = v >= 0 ? floor_div(v + half, (int64_t)1 << right)
               : -floor_div(-v + half, (int64_t)1 << right);
  }
  return (int32_t)v;
}

/* TFLite's int64 (16x8) requantization from its definition. */
static int32_t requant64_ref(int64_t acc, int32_t mult, int shift) {
  const int64_t reduced =
      mult >= 0x7FFF0000 ? 0x7FFF : floor_div(mult + (1 << 15), 1 << 16);
  return (int32_t)floor_div(acc * reduced + ((int64_t)1 << (14 - shift)),
                            (int64_t)1 << (15 - shift));
}

static int32_t clamp(int64_t v, int32_t lo, int32_t hi) {
  return (int32_t)(v < lo ? lo : (v > hi ? hi : v));
}

typedef struct fc_case {
  int32_t b, o, d;
  int32_t in_zp, out_zp;
  int32_t mult, shift; /* per-tensor, or channel 0's with per_channel */
  int per_channel;
  int has_bias;
  int32_t act_min, act_max;
} fc_case_t;

static const fc_case_t kCases[] = {
    {1, 1, 1, 0, 0, 1073741824, 0, 0, 1, -128, 127},
    {1, 4, 7, -128, 5, 1518500250, -9, 0, 1, -128, 127},
    {3, 5, 16, 17, -3, 2004318071, -11, 0, 0, -128, 127},
    {2, 10, 33, -9, -24, 1275068416, -12, 1, 1, -24, 127}, /* RELU */
    {3, 8, 40, 89, -128, 1717986918, -10, 1, 1, -128, -8}, /* RELU6-like */
    {1, 6, 9, 0, 0, 1431655765, 2, 0, 1, -128, 127},       /* left shift */
    {2, 3, 12, 127, 100, 1999999999, -31, 0, 1, -128, 127},
    {3, 9, 25, -1, 14, 1073741824, -1, 1, 0, -50, 50}, /* RELU_N1_TO_1-like */
};

static void fill_s8(int8_t *v, int n) {
  int i;
  for (i = 0; i < n; ++i) {
    v[i] = (int8_t)(rnd() & 0xff);
  }
}

static void test_s8_table(void) {
  size_t k;
  int rep;
  for (k = 0; k < sizeof kCases / sizeof kCases[0]; ++k) {
    for (rep = 0; rep < 20; ++rep) {
      const fc_case_t *c = &kCases[k];
      int8_t in[MAX_B * MAX_D];
      int8_t w[MAX_O * MAX_D];
      int32_t bias[MAX_O];
      int8_t out[MAX_B * MAX_O];
      int32_t cm[MAX_O];
      int32_t cs[MAX_O];
      fc_q_t p;
      int32_t bi;
      int32_t oi;
      int32_t di;
      fill_s8(in, c->b * c->d);
      fill_s8(w, c->o * c->d);
      for (oi = 0; oi < c->o; ++oi) {
        bias[oi] = (int32_t)(rnd() % 20001) - 10000;
        /* Per-channel: spread the multipliers and shifts. */
        cm[oi] = c->per_channel ? (int32_t)(1073741824u + rnd() % 1073741823u)
                                : c->mult;
        cs[oi] = c->per_channel ? c->shift + (int32_t)(rnd() % 3) - 1
                                : c->shift;
      }
      memset(&p, 0, sizeof p);
      p.input_offset = -c->in_zp;
      p.output_offset = c->out_zp;
      p.output_multiplier = c->mult;
      p.output_shift = c->shift;
      p.channel_multiplier = c->per_channel ? cm : NULL;
      p.channel_shift = c->per_channel ? cs : NULL;
      p.act_min = c->act_min;
      p.act_max = c->act_max;
      fc_s8(in, w, c->has_bias ? bias : NULL, out, c->b, c->o, c->d, &p);
      for (bi = 0; bi < c->b; ++bi) {
        for (oi = 0; oi < c->o; ++oi) {
          int64_t acc = c->has_bias ? bias[oi] : 0;
          int32_t want;
          double real;
          for (di = 0; di < c->d; ++di) {
            acc += (int64_t)w[oi * c->d + di] * (in[bi * c->d + di] - c->in_zp);
          }
          want = clamp((int64_t)requant_ref(acc, cm[oi], (int)cs[oi]) +
                           c->out_zp,
                       c->act_min, c->act_max);
          CHECK_EQ_INT(out[bi * c->o + oi], want);
          real = (double)acc * cm[oi] * ldexp(1.0, (int)cs[oi] - 31) +
                 c->out_zp;
          real = real < c->act_min ? c->act_min
                                   : (real > c->act_max ? c->act_max : real);
          CHECK(fabs(out[bi * c->o + oi] - real) <= 1.0);
        }
      }
    }
  }
}

/* Rounding ties: acc * M / 2^31 exactly k + 1/2, and the right shift
 * landing exactly on .5, both signs. */
static void test_s8_ties(void) {
  const int8_t in[1] = {1};
  int8_t w[1];
  int32_t bias[1];
  int8_t out[1];
  fc_q_t p;
  memset(&p, 0, sizeof p);
  p.act_min = -128;
  p.act_max = 127;
  p.output_multiplier = 1073741824; /* 0.5 */
  p.output_shift = 0;
  w[0] = 1;
  bias[0] = 4; /* 5 * 0.5 = 2.5 -> 3 (half up) */
  fc_s8(in, w, bias, out, 1, 1, 1, &p);
  CHECK_EQ_INT(out[0], 3);
  bias[0] = -6; /* -5 * 0.5 = -2.5 -> -2 (half up, toward +inf) */
  fc_s8(in, w, bias, out, 1, 1, 1, &p);
  CHECK_EQ_INT(out[0], -2);
  p.output_shift = -1; /* 0.5 then /2 with the second rounding */
  bias[0] = 5;          /* 6 * 0.5 = 3 exactly, 3 / 2 = 1.5 -> 2 */
  fc_s8(in, w, bias, out, 1, 1, 1, &p);
  CHECK_EQ_INT(out[0], 2);
  bias[0] = -7; /* -6 * 0.5 = -3, -3 / 2 = -1.5 -> -2 (away from zero) */
  fc_s8(in, w, bias, out, 1, 1, 1, &p);
  CHECK_EQ_INT(out[0], -2);
  /* Double rounding: 5 * 0.5 = 2.5 -> 3, then 3 / 2 = 1.5 -> 2, where a
   * single rounding of 1.25 would give 1. */
  bias[0] = 4;
  fc_s8(in, w, bias, out, 1, 1, 1, &p);
  CHECK_EQ_INT(out[0], 2);
}

static void test_s16(void) {
  int rep;
  for (rep = 0; rep < 200; ++rep) {
    const int32_t b = 1 + (int32_t)(rnd() % MAX_B);
    const int32_t o = 1 + (int32_t)(rnd() % MAX_O);
    const int32_t d = 1 + (int32_t)(rnd() % MAX_D);
    int16_t in[MAX_B * MAX_D];
    int8_t w[MAX_O * MAX_D];
    int64_t bias64[MAX_O];
    int32_t bias32[MAX_O];
    int16_t out64[MAX_B * MAX_O];
    int16_t out32[MAX_B * MAX_O];
    int32_t cm[MAX_O];
    int32_t cs[MAX_O];
    fc_q_t p;
    const int per_channel = (int)(rnd() & 1);
    const int has_bias = (int)(rnd() % 3 != 0);
    int32_t i;
    int32_t bi;
    int32_t oi;
    for (i = 0; i < b * d; ++i) {
      in[i] = (int16_t)(rnd() & 0xffff);
    }
    fill_s8(w, o * d);
    for (oi = 0; oi < o; ++oi) {
      bias32[oi] = (int32_t)(rnd() % 2000001) - 1000000;
      bias64[oi] = bias32[oi];
      cm[oi] = (int32_t)(1073741824u + rnd() % 1073741823u);
      cs[oi] = -(int32_t)(rnd() % 20) + 3;
    }
    memset(&p, 0, sizeof p);
    p.output_multiplier = cm[0];
    p.output_shift = cs[0];
    p.channel_multiplier = per_channel ? cm : NULL;
    p.channel_shift = per_channel ? cs : NULL;
    p.act_min = (rnd() & 1) ? 0 : INT16_MIN; /* RELU or none */
    p.act_max = INT16_MAX;
    fc_s16(in, w, has_bias ? bias64 : NULL, out64, b, o, d, &p);
    fc_s16_b32(in, w, has_bias ? bias32 : NULL, out32, b, o, d, &p);
    for (bi = 0; bi < b; ++bi) {
      for (oi = 0; oi < o; ++oi) {
        const int32_t m = per_channel ? cm[oi] : cm[0];
        const int s = (int)(per_channel ? cs[oi] : cs[0]);
        int64_t acc = has_bias ? bias64[oi] : 0;
        double real;
        for (i = 0; i < d; ++i) {
          acc += (int64_t)w[oi * d + i] * in[bi * d + i];
        }
        CHECK_EQ_INT(out64[bi * o + oi],
                     clamp(requant64_ref(acc, m, s), p.act_min, p.act_max));
        CHECK_EQ_INT(out32[bi * o + oi],
                     clamp(requant_ref(acc, m, s), p.act_min, p.act_max));
        real = (double)acc * m * ldexp(1.0, s - 31);
        real = real < p.act_min ? p.act_min
                                : (real > p.act_max ? p.act_max : real);
        CHECK(fabs(out32[bi * o + oi] - real) <= 1.0);
        CHECK(fabs(out64[bi * o + oi] - real) <= 1.0 + fabs(real) / 32768.0);
      }
    }
  }
}

static void test_f32(void) {
  int rep;
  for (rep = 0; rep < 100; ++rep) {
    const int32_t b = 1 + (int32_t)(rnd() % MAX_B);
    const int32_t o = 1 + (int32_t)(rnd() % MAX_O);
    const int32_t d = 1 + (int32_t)(rnd() % MAX_D);
    float in[MAX_B * MAX_D];
    float w[MAX_O * MAX_D];
    float bias[MAX_O];
    float out[MAX_B * MAX_O];
    const int has_bias = (int)(rnd() & 1);
    const int act = (int)(rnd() % 4);
    float lo;
    float hi;
    int32_t i;
    int32_t bi;
    int32_t oi;
    for (i = 0; i < b * d; ++i) {
      in[i] = (float)((int32_t)(rnd() % 2001) - 1000) / 250.0f;
    }
    for (i = 0; i < o * d; ++i) {
      w[i] = (float)((int32_t)(rnd() % 2001) - 1000) / 500.0f;
    }
    for (i = 0; i < o; ++i) {
      bias[i] = (float)((int32_t)(rnd() % 2001) - 1000) / 100.0f;
    }
    CHECK_EQ_INT(mote_act_range_f32(act, &lo, &hi), MOTE_OK);
    fc_f32(in, w, has_bias ? bias : NULL, out, b, o, d, lo, hi);
    for (bi = 0; bi < b; ++bi) {
      for (oi = 0; oi < o; ++oi) {
        double sum = has_bias ? bias[oi] : 0.0;
        double mag = fabs(sum);
        for (i = 0; i < d; ++i) {
          sum += (double)in[bi * d + i] * w[oi * d + i];
          mag += fabs((double)in[bi * d + i] * w[oi * d + i]);
        }
        sum = sum < lo ? lo : (sum > hi ? hi : sum);
        CHECK(fabs(out[bi * o + oi] - sum) <= 1e-6 * mag + 1e-7);
      }
    }
  }
}

/* --- through the interpreter ------------------------------------------- */

typedef struct fc_model {
  om_tensor_t t[4]; /* input, weights, bias, output */
  int nin;
  tfb_options_t opt;
  int version;
} fc_model_t;

static om_run_t run_fc(const fc_model_t *m, const void *in, void *out,
                       size_t out_bytes) {
  const void *ins[3];
  void *outs[1];
  ins[0] = in;
  ins[1] = NULL;
  ins[2] = NULL;
  outs[0] = out;
  return om_run_op(MOTE_OP_FULLY_CONNECTED, m->version, m->t, m->nin, &m->t[3],
                   1, TFB_OPTIONS_FULLY_CONNECTED, &m->opt, ins, outs,
                   &out_bytes);
}

/* A 2 x 12 -> 2 x 5 int8 layer with per-tensor quantization. */
static const int32_t kIn[2] = {2, 12};
static const int32_t kW[2] = {5, 12};
static const int32_t kB[1] = {5};
static const int32_t kOut[2] = {2, 5};
static const float kInScale = 0.1f;
static const float kWScale = 0.3f;
static const float kOutScale = 0.37f;
static const int64_t kInZp = -3;
static const int64_t kOutZp = 7;
static const int64_t kZero = 0;
static float g_bias_scale;
static int8_t g_w[60];
static int32_t g_bias[5];
static int8_t g_x[24];

static void make_s8_model(fc_model_t *m) {
  int i;
  for (i = 0; i < 60; ++i) {
    g_w[i] = (int8_t)((i * 37) % 255 - 127);
  }
  for (i = 0; i < 5; ++i) {
    g_bias[i] = 300 * i - 700;
  }
  for (i = 0; i < 24; ++i) {
    g_x[i] = (int8_t)((i * 53) % 256 - 128);
  }
  g_bias_scale = kInScale * kWScale;
  memset(m, 0, sizeof *m);
  m->t[0] = om_q(MOTE_TYPE_INT8, 2, kIn, NULL, 0, &kInScale, &kInZp);
  m->t[1] = om_q(MOTE_TYPE_INT8, 2, kW, g_w, sizeof g_w, &kWScale, &kZero);
  m->t[2] = om_q(MOTE_TYPE_INT32, 1, kB, g_bias, sizeof g_bias, &g_bias_scale,
                 &kZero);
  m->t[3] = om_q(MOTE_TYPE_INT8, 2, kOut, NULL, 0, &kOutScale, &kOutZp);
  m->nin = 3;
  m->version = 4;
  tfb_options_init(&m->opt);
}

static void test_kernel_s8_per_tensor(void) {
  fc_model_t m;
  int8_t got[10];
  int8_t want[10];
  fc_q_t p;
  int shift = 0;
  om_run_t r;
  int i;
  make_s8_model(&m);
  tfb_opt_u8(&m.opt, 0, MOTE_ACT_RELU);
  r = run_fc(&m, g_x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  /* TFLite: input and weight scales multiply in float, then double. */
  memset(&p, 0, sizeof p);
  mote_quantize_multiplier((double)(kInScale * kWScale) / (double)kOutScale,
                           &p.output_multiplier, &shift);
  p.output_shift = shift;
  p.input_offset = 3;
  p.output_offset = 7;
  p.act_min = 7; /* RELU: the output zero point */
  p.act_max = 127;
  fc_s8(g_x, g_w, g_bias, want, 2, 5, 12, &p);
  for (i = 0; i < 10; ++i) {
    CHECK_EQ_INT(got[i], want[i]);
    CHECK(got[i] >= 7);
  }
}

static void test_kernel_s8_per_channel(void) {
  static const float wscales[5] = {0.3f, 0.01f, 0.07f, 0.5f, 0.002f};
  static const int64_t wzps[5] = {0, 0, 0, 0, 0};
  fc_model_t m;
  int8_t got[10];
  int8_t want[10];
  int32_t cm[5];
  int32_t cs[5];
  fc_q_t p;
  om_run_t r;
  int i;
  make_s8_model(&m);
  m.t[1].nquant = 5;
  m.t[1].scales = wscales;
  m.t[1].zero_points = wzps;
  m.t[1].quant_dim = 0;
  r = run_fc(&m, g_x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  memset(&p, 0, sizeof p);
  for (i = 0; i < 5; ++i) {
    int s = 0;
    mote_quantize_multiplier(
        (double)kInScale * (double)wscales[i] / (double)kOutScale, &cm[i], &s);
    cs[i] = s;
  }
  p.channel_multiplier = cm;
  p.channel_shift = cs;
  p.input_offset = 3;
  p.output_offset = 7;
  p.act_min = -128;
  p.act_max = 127;
  fc_s8(g_x, g_w, g_bias, want, 2, 5, 12, &p);
  for (i = 0; i < 10; ++i) {
    CHECK_EQ_INT(got[i], want[i]);
  }
  /* Scales along the wrong dimension are refused. */
  m.t[1].quant_dim = 1;
  r = run_fc(&m, g_x, got, sizeof got);
  CHECK(r.status != MOTE_OK);
}

static void test_kernel_shapes_and_bias(void) {
  static const int32_t in3[3] = {2, 3, 12};
  static const int32_t out3[3] = {2, 3, 5};
  static const int32_t out_bad[3] = {3, 2, 5};
  static int8_t x[72];
  fc_model_t m;
  int8_t got[30];
  int8_t ref[30];
  om_run_t r;
  int i;
  make_s8_model(&m);
  for (i = 0; i < 72; ++i) {
    x[i] = (int8_t)(i * 7 - 100);
  }
  /* keep_num_dims: [2, 3, 12] -> [2, 3, 5]. */
  m.t[0].rank = 3;
  memcpy(m.t[0].shape, in3, sizeof in3);
  m.t[3].rank = 3;
  memcpy(m.t[3].shape, out3, sizeof out3);
  tfb_opt_bool(&m.opt, 2, true);
  m.version = 5;
  r = run_fc(&m, x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  /* Same numbers as the flattened [6, 12] layer. */
  make_s8_model(&m);
  m.t[0].shape[0] = 6;
  m.t[3].shape[0] = 6;
  r = run_fc(&m, x, ref, sizeof ref);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(memcmp(got, ref, sizeof got) == 0);
  /* keep_num_dims with a reshuffled output is a shape error. */
  make_s8_model(&m);
  m.t[0].rank = 3;
  memcpy(m.t[0].shape, in3, sizeof in3);
  m.t[3].rank = 3;
  memcpy(m.t[3].shape, out_bad, sizeof out_bad);
  tfb_opt_bool(&m.opt, 2, true);
  r = run_fc(&m, x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_ERR_BAD_SHAPE);
  CHECK(strstr(r.err.message, "keep_num_dims") != NULL);
  /* Without keep_num_dims the same tensors are fine ([6, 5] elements). */
  tfb_options_init(&m.opt);
  r = run_fc(&m, x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  /* Wrong element count. */
  make_s8_model(&m);
  m.t[3].shape[0] = 3;
  r = run_fc(&m, g_x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_ERR_BAD_SHAPE);
  /* Bias absent (-1) and bias left out (two inputs) agree. */
  make_s8_model(&m);
  m.t[2].absent = 1;
  r = run_fc(&m, g_x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  make_s8_model(&m);
  m.nin = 2;
  m.version = 6;
  r = run_fc(&m, g_x, ref, sizeof ref);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(memcmp(got, ref, 10) == 0);
  /* Bias of the wrong length. */
  make_s8_model(&m);
  m.t[2].shape[0] = 4;
  m.t[2].bytes = 16;
  r = run_fc(&m, g_x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_ERR_BAD_SHAPE);
  CHECK(strstr(r.err.message, "bias") != NULL);
}

static void expect_refusal(const fc_model_t *m, mote_status_t st,
                           const char *needle) {
  int8_t got[64];
  const om_run_t r = run_fc(m, NULL, got, sizeof got);
  CHECK_EQ_INT(r.status, st);
  CHECK_EQ_INT(r.stage, 2);
  if (r.stage != 2 || strstr(r.err.message, needle) == NULL) {
    fprintf(stderr, "message \"%s\" lacks \"%s\"\n", r.err.message, needle);
    CHECK(0);
  }
}

static void test_kernel_refusals(void) {
  static const float fw[60] = {0};
  static const int64_t wzp = 3;
  static const float far_bias_scale = 0.5f;
  fc_model_t m;
  make_s8_model(&m);
  tfb_opt_u8(&m.opt, 1, 1);
  expect_refusal(&m, MOTE_ERR_UNSUPPORTED, "SHUFFLED4x16INT8");
  make_s8_model(&m);
  tfb_opt_u8(&m.opt, 0, MOTE_ACT_TANH);
  expect_refusal(&m, MOTE_ERR_UNSUPPORTED, "activation 4");
  make_s8_model(&m);
  m.version = 8;
  expect_refusal(&m, MOTE_ERR_UNSUPPORTED, "sparse");
  /* Hybrid: float input and output, int8 weights. */
  make_s8_model(&m);
  m.t[0] = om_q(MOTE_TYPE_FLOAT32, 2, kIn, NULL, 0, NULL, NULL);
  m.t[2] = om_q(MOTE_TYPE_FLOAT32, 1, kB, fw, 20, NULL, NULL);
  m.t[3] = om_q(MOTE_TYPE_FLOAT32, 2, kOut, NULL, 0, NULL, NULL);
  expect_refusal(&m, MOTE_ERR_UNSUPPORTED_TYPE, "hybrid");
  /* int4 weights that are not constant: refused by the int4 variant the
   * builtins register (tests/kernels/test_int4.c has the rest). */
  make_s8_model(&m);
  m.t[1] = om_q(MOTE_TYPE_INT4, 2, kW, NULL, 0, &kWScale, &kZero);
  {
    int8_t got[10];
    const om_run_t r = run_fc(&m, NULL, got, sizeof got);
    CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
    CHECK(strstr(r.err.message, "int4") != NULL);
  }
  make_s8_model(&m);
  m.t[1].zero_points = &wzp;
  expect_refusal(&m, MOTE_ERR_UNSUPPORTED, "zero point must be 0");
  make_s8_model(&m);
  m.t[2].scales = &far_bias_scale;
  expect_refusal(&m, MOTE_ERR_UNSUPPORTED, "bias");
  make_s8_model(&m);
  m.t[0].type = MOTE_TYPE_UINT8;
  m.t[3].type = MOTE_TYPE_UINT8;
  {
    /* uint8 zero points must be in [0, 255] or the verifier stops first. */
    static const int64_t u8zp = 128;
    m.t[0].zero_points = &u8zp;
    m.t[3].zero_points = &u8zp;
  }
  expect_refusal(&m, MOTE_ERR_UNSUPPORTED_TYPE, "uint8");
  make_s8_model(&m);
  m.t[3].type = MOTE_TYPE_INT16;
  expect_refusal(&m, MOTE_ERR_UNSUPPORTED_TYPE, "output 0");
  make_s8_model(&m);
  m.t[2].type = MOTE_TYPE_INT64;
  m.t[2].data = NULL;
  expect_refusal(&m, MOTE_ERR_UNSUPPORTED_TYPE, "bias");
  make_s8_model(&m);
  m.t[1].rank = 3;
  m.t[1].shape[2] = 1;
  expect_refusal(&m, MOTE_ERR_BAD_SHAPE, "weights");
}

static void test_kernel_s16(void) {
  static const float in_scale = 1.0f / 1024.0f;
  static const float w_scale = 0.02f;
  static const float out_scale = 1.0f / 512.0f;
  static int16_t x[24];
  static int64_t bias64[5];
  static int32_t bias32[5];
  static float bias_scale;
  fc_model_t m;
  int16_t got[10];
  int16_t want[10];
  fc_q_t p;
  int shift = 0;
  om_run_t r;
  int i;
  make_s8_model(&m);
  for (i = 0; i < 24; ++i) {
    x[i] = (int16_t)(i * 2711 - 30000);
  }
  for (i = 0; i < 5; ++i) {
    bias64[i] = 40000 * i - 90000;
    bias32[i] = (int32_t)bias64[i];
  }
  bias_scale = in_scale * w_scale;
  m.t[0] = om_q(MOTE_TYPE_INT16, 2, kIn, NULL, 0, &in_scale, &kZero);
  m.t[1].scales = &w_scale;
  m.t[2] = om_q(MOTE_TYPE_INT64, 1, kB, bias64, sizeof bias64, &bias_scale,
                &kZero);
  m.t[3] = om_q(MOTE_TYPE_INT16, 2, kOut, NULL, 0, &out_scale, &kZero);
  m.version = 7;
  r = run_fc(&m, x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  memset(&p, 0, sizeof p);
  mote_quantize_multiplier((double)(in_scale * w_scale) / (double)out_scale,
                           &p.output_multiplier, &shift);
  p.output_shift = shift;
  p.act_min = INT16_MIN;
  p.act_max = INT16_MAX;
  fc_s16(x, g_w, bias64, want, 2, 5, 12, &p);
  for (i = 0; i < 10; ++i) {
    CHECK_EQ_INT(got[i], want[i]);
  }
  /* int32 bias: the int32 accumulator and requantization. */
  m.t[2] = om_q(MOTE_TYPE_INT32, 1, kB, bias32, sizeof bias32, &bias_scale,
                &kZero);
  m.version = 11;
  r = run_fc(&m, x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  fc_s16_b32(x, g_w, bias32, want, 2, 5, 12, &p);
  for (i = 0; i < 10; ++i) {
    CHECK_EQ_INT(got[i], want[i]);
  }
  /* No bias runs on the int32 path too, as TFLite Micro does. */
  m.t[2].absent = 1;
  r = run_fc(&m, x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  fc_s16_b32(x, g_w, NULL, want, 2, 5, 12, &p);
  for (i = 0; i < 10; ++i) {
    CHECK_EQ_INT(got[i], want[i]);
  }
  /* Nonzero int16 zero points are refused (TFLite Micro ignores them). */
  m.t[0].zero_points = &kInZp;
  r = run_fc(&m, x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
  CHECK(strstr(r.err.message, "int16 zero points") != NULL);
  /* A rescale beyond 2^7 cannot take the int64 path. */
  {
    static const float big_out = 1e-9f;
    m.t[0].zero_points = &kZero;
    m.t[2] = om_q(MOTE_TYPE_INT64, 1, kB, bias64, sizeof bias64, &bias_scale,
                  &kZero);
    m.t[3].scales = &big_out;
    r = run_fc(&m, x, got, sizeof got);
    CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
    CHECK(strstr(r.err.message, "shift") != NULL);
  }
}

static void test_kernel_f32(void) {
  static float w[60];
  static float bias[5];
  static float x[24];
  fc_model_t m;
  float got[10];
  float want[10];
  om_run_t r;
  int i;
  for (i = 0; i < 60; ++i) {
    w[i] = (float)(i % 7) * 0.25f - 0.6f;
  }
  for (i = 0; i < 5; ++i) {
    bias[i] = 0.5f * (float)i - 1.0f;
  }
  for (i = 0; i < 24; ++i) {
    x[i] = (float)(i % 5) * 0.3f - 0.4f;
  }
  memset(&m, 0, sizeof m);
  m.t[0] = om_q(MOTE_TYPE_FLOAT32, 2, kIn, NULL, 0, NULL, NULL);
  m.t[1] = om_q(MOTE_TYPE_FLOAT32, 2, kW, w, sizeof w, NULL, NULL);
  m.t[2] = om_q(MOTE_TYPE_FLOAT32, 1, kB, bias, sizeof bias, NULL, NULL);
  m.t[3] = om_q(MOTE_TYPE_FLOAT32, 2, kOut, NULL, 0, NULL, NULL);
  m.nin = 3;
  m.version = 1;
  tfb_options_init(&m.opt);
  tfb_opt_u8(&m.opt, 0, MOTE_ACT_RELU6);
  r = run_fc(&m, x, got, sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  fc_f32(x, w, bias, want, 2, 5, 12, 0.0f, 6.0f);
  for (i = 0; i < 10; ++i) {
    CHECK(got[i] == want[i]);
    CHECK(got[i] >= 0.0f && got[i] <= 6.0f);
  }
}

int main(void) {
  MOTE_RUN(test_s8_table);
  MOTE_RUN(test_s8_ties);
  MOTE_RUN(test_s16);
  MOTE_RUN(test_f32);
  MOTE_RUN(test_kernel_s8_per_tensor);
  MOTE_RUN(test_kernel_s8_per_channel);
  MOTE_RUN(test_kernel_shapes_and_bias);
  MOTE_RUN(test_kernel_refusals);
  MOTE_RUN(test_kernel_s16);
  MOTE_RUN(test_kernel_f32);
  return MOTE_TEST_END();
}
