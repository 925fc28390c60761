/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM: the compute functions against a reference
 * that walks each batch row through time with the textbook cell equations
 * (float32 exactly, same operation order as TFLite Micro), and against
 * TFLite Micro's documented integer arithmetic for int8 and 16x8 (the
 * int16 sigmoid / tanh tables are the LOGISTIC / TANH kernels', tested in
 * their own files); time-major and batch-major, with and without cell
 * clipping. Then the kernel glue through one-operator models: multipliers
 * derived from the tensor scales, state carried across invokes and reset
 * by mote_interp_reset_state (int8 hidden state back to its zero point),
 * an int8 model within a few steps of the float model it quantizes, and
 * named refusals of the variants TFLite Micro does not run.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernels/kernel_util.h"
#include "kernels/logistic.h"
#include "kernels/tanh.h"
#include "kernels/unidirectional_sequence_lstm.h"
#include "mote/mote.h"
#include "seq_model.h"
#include "test.h"

#define MB 2
#define MT 4
#define MI 5
#define MS 4
#define NG MOTE_LSTM_GATES

typedef struct lstm_case {
  int32_t batch, time, n_input, n_state, time_major;
  float clip; /* real units */
} lstm_case_t;

static const lstm_case_t kCases[] = {
    {1, 3, 3, 2, 0, 0.0f}, {2, 4, 5, 4, 0, 0.0f}, {2, 3, 4, 3, 1, 0.0f},
    {2, 4, 2, 4, 1, 0.4f}, {1, 4, 5, 3, 0, 0.25f},
};

/* Offset of row (b, t) in a [batch][time] or [time][batch] sequence. */
static int32_t row(const lstm_case_t *k, int32_t b, int32_t t) {
  return k->time_major ? t * k->batch + b : b * k->time + t;
}

/* --- float32 ------------------------------------------------------------ */

static float sigmoid_ref(float x) { return 1.0f / (1.0f + expf(-x)); }

static void test_float(void) {
  size_t c;
  for (c = 0; c < sizeof kCases / sizeof kCases[0]; ++c) {
    const lstm_case_t *k = &kCases[c];
    mote_lstm_dims_t d = {k->batch, k->time, k->n_input, k->n_state,
                          k->time_major};
    float wi[NG][MS * MI], wr[NG][MS * MS], bias[NG][MS];
    float x[MB * MT * MI], y[MB * MT * MS];
    float h[MB * MS], cs[MB * MS], rh[MB][MS], rc[MB][MS];
    float scratch[4 * MB * MS];
    mote_lstm_weights_t w;
    int g, i, j, b, t, pass;
    for (g = 0; g < NG; ++g) {
      for (i = 0; i < MS * MI; ++i) wi[g][i] = sm_randf(-0.6f, 0.6f);
      for (i = 0; i < MS * MS; ++i) wr[g][i] = sm_randf(-0.6f, 0.6f);
      for (i = 0; i < MS; ++i) bias[g][i] = sm_randf(-0.5f, 0.5f);
      w.w_in[g] = wi[g];
      w.w_rec[g] = wr[g];
      w.bias[g] = bias[g];
    }
    memset(h, 0, sizeof h);
    memset(cs, 0, sizeof cs);
    memset(rh, 0, sizeof rh);
    memset(rc, 0, sizeof rc);
    /* Two invocations: the state carries over. */
    for (pass = 0; pass < 2; ++pass) {
      for (i = 0; i < k->batch * k->time * k->n_input; ++i) x[i] = sm_randf(-1, 1);
      mote_lstm_f32(&d, &w, k->clip, x, h, cs, y, scratch);
      for (b = 0; b < k->batch; ++b) {
        for (t = 0; t < k->time; ++t) {
          const float *xt = x + row(k, b, t) * k->n_input;
          float gate[NG][MS];
          float nh[MS];
          for (g = 0; g < NG; ++g) {
            for (j = 0; j < k->n_state; ++j) {
              float a = 0.0f, r = 0.0f;
              for (i = 0; i < k->n_input; ++i) a += xt[i] * wi[g][j * k->n_input + i];
              for (i = 0; i < k->n_state; ++i) r += rh[b][i] * wr[g][j * k->n_state + i];
              a = (a + bias[g][j]) + r;
              gate[g][j] = g == MOTE_LSTM_CELL ? tanhf(a) : sigmoid_ref(a);
            }
          }
          for (j = 0; j < k->n_state; ++j) {
            float cn = gate[MOTE_LSTM_FORGET][j] * rc[b][j] +
                       gate[MOTE_LSTM_INPUT][j] * gate[MOTE_LSTM_CELL][j];
            if (k->clip > 0.0f) {
              cn = cn > k->clip ? k->clip : (cn < -k->clip ? -k->clip : cn);
            }
            rc[b][j] = cn;
            nh[j] = tanhf(cn) * gate[MOTE_LSTM_OUTPUT][j];
          }
          for (j = 0; j < k->n_state; ++j) {
            rh[b][j] = nh[j];
            CHECK(y[row(k, b, t) * k->n_state + j] == nh[j]);
          }
        }
        for (j = 0; j < k->n_state; ++j) {
          CHECK(h[b * k->n_state + j] == rh[b][j]);
          CHECK(cs[b * k->n_state + j] == rc[b][j]);
        }
      }
    }
  }
}

/* --- integer reference ------------------------------------------------- */

/* TFLite's 64-bit MultiplyByQuantizedMultiplier: a 16-bit multiplier and
 * one rounding shift. */
static int32_t ref_mbqm64(int64_t x, int32_t m, int shift) {
  const int64_t reduced = m < 0x7FFF0000 ? (m + (1 << 15)) / 65536 : 0x7FFF;
  const int total = 15 - shift;
  return (int32_t)((x * reduced + ((int64_t)1 << (total - 1))) >> total);
}

static int16_t ref_sat16(int32_t v) { return (int16_t)ref_clamp(v, -32768, 32767); }

typedef struct qdata {
  int8_t wi[NG][MS * MI], wr[NG][MS * MS];
  int32_t b32[NG][MS];
  int64_t b64[NG][MS];
} qdata_t;

/* One integer LSTM over the whole sequence, batch row by batch row. */
static void ref_lstm_q(const lstm_case_t *k, const qdata_t *qd,
                       const mote_lstm_q_t *q, int act16, const void *x,
                       int32_t *h, int16_t *cell, int32_t *y) {
  const int32_t S = k->n_state;
  int b, t, g, i, j;
  for (b = 0; b < k->batch; ++b) {
    for (t = 0; t < k->time; ++t) {
      int16_t gate[NG][MS];
      int16_t tc[MS];
      const int32_t r = row(k, b, t);
      mote_act_params_t p;
      memset(&p, 0, sizeof p);
      for (g = 0; g < NG; ++g) {
        for (j = 0; j < S; ++j) {
          int64_t a = act16 ? qd->b64[g][j] : qd->b32[g][j];
          int64_t rr = 0;
          int32_t fa, fr;
          for (i = 0; i < k->n_input; ++i) {
            const int32_t xv = act16 ? ((const int16_t *)x)[r * k->n_input + i]
                                     : ((const int8_t *)x)[r * k->n_input + i];
            a += qd->wi[g][j * k->n_input + i] * (xv + q->fc_in[g].input_offset);
          }
          for (i = 0; i < S; ++i) {
            rr += qd->wr[g][j * S + i] * (h[b * S + i] + q->fc_rec[g].input_offset);
          }
          if (act16) {
            fa = ref_mbqm64(a, q->fc_in[g].multiplier, (int)q->fc_in[g].shift);
            fr = ref_mbqm64(rr, q->fc_rec[g].multiplier, (int)q->fc_rec[g].shift);
          } else {
            fa = ref_mbqm((int32_t)a, q->fc_in[g].multiplier, (int)q->fc_in[g].shift);
            fr = ref_mbqm((int32_t)rr, q->fc_rec[g].multiplier, (int)q->fc_rec[g].shift);
          }
          gate[g][j] = ref_sat16((int32_t)ref_sat16(fa) + ref_sat16(fr));
        }
        if (g == MOTE_LSTM_CELL) {
          mote_tanh_s16(&p, gate[g], gate[g], S);
        } else {
          mote_logistic_s16(&p, gate[g], gate[g], S);
        }
      }
      for (j = 0; j < S; ++j) {
        const mote_lstm_mul_q_t *fm = &q->forget_mul, *im = &q->input_mul;
        int32_t c = ref_clamp(ref_mbqm(gate[MOTE_LSTM_FORGET][j] * cell[b * S + j],
                                       fm->multiplier, (int)fm->shift),
                              -32768, 32767);
        const int32_t ig = ref_clamp(ref_mbqm(gate[MOTE_LSTM_INPUT][j] *
                                                  gate[MOTE_LSTM_CELL][j],
                                              im->multiplier, (int)im->shift),
                                     -32768, 32767);
        c = ref_sat16(c + ig);
        if (q->clip) c = ref_clamp(c, -q->cell_clip, q->cell_clip);
        cell[b * S + j] = (int16_t)c;
      }
      /* tanh of a 2^p cell: Q3.12 is a left shift by p + 12. */
      p.input_left_shift = 12 + q->cell_scale_power;
      if (p.input_left_shift < 0) {
        p.input_multiplier = 3;
        p.input_left_shift = -p.input_left_shift;
      }
      mote_tanh_s16(&p, cell + b * S, tc, S);
      for (j = 0; j < S; ++j) {
        const mote_lstm_mul_q_t *om = &q->output_mul;
        const int32_t v = ref_clamp(om->output_offset +
                                        ref_mbqm(tc[j] * gate[MOTE_LSTM_OUTPUT][j],
                                                 om->multiplier, (int)om->shift),
                                    om->act_min, om->act_max);
        h[b * S + j] = v;
        y[r * S + j] = v;
      }
    }
  }
}

/* Multipliers from scales, as TFLite Micro derives them (float products,
 * then double), for weights scaled ws[g] / rs[g] in mote gate order. */
static void make_q(float in_s, int32_t in_zp, float hid_s, int32_t hid_zp,
                   int hid16, int cell_power, float clip, const float *ws,
                   const float *rs, mote_lstm_q_t *q) {
  const float gin = 1.0f / 4096.0f, gout = 1.0f / 32768.0f;
  const float cs = ldexpf(1.0f, cell_power);
  int shift = 0;
  int g;
  for (g = 0; g < NG; ++g) {
    ref_qmult((double)(in_s * ws[g]) / (double)gin, &q->fc_in[g].multiplier,
              &shift);
    q->fc_in[g].shift = shift;
    q->fc_in[g].input_offset = -in_zp;
    ref_qmult((double)(hid_s * rs[g]) / (double)gin, &q->fc_rec[g].multiplier,
              &shift);
    q->fc_rec[g].shift = shift;
    q->fc_rec[g].input_offset = -hid_zp;
  }
  ref_qmult((double)gout * (double)cs / (double)cs, &q->forget_mul.multiplier,
            &shift);
  q->forget_mul.shift = shift;
  ref_qmult((double)gout * (double)gout / (double)cs, &q->input_mul.multiplier,
            &shift);
  q->input_mul.shift = shift;
  ref_qmult((double)gout * (double)gout / (double)hid_s,
            &q->output_mul.multiplier, &shift);
  q->output_mul.shift = shift;
  q->forget_mul.output_offset = q->input_mul.output_offset = 0;
  q->forget_mul.act_min = q->input_mul.act_min = -32768;
  q->forget_mul.act_max = q->input_mul.act_max = 32767;
  q->output_mul.output_offset = hid_zp;
  q->output_mul.act_min = hid16 ? -32768 : -128;
  q->output_mul.act_max = hid16 ? 32767 : 127;
  q->cell_scale_power = cell_power;
  q->clip = clip > 0.0f;
  q->cell_clip = (int16_t)((double)clip / (double)cs);
}

static const float kWs[NG] = {0.004f, 0.005f, 0.006f, 0.007f};
static const float kRs[NG] = {0.003f, 0.0045f, 0.0052f, 0.0061f};

/* The library's derivation against make_q(), field by field. */
static void test_quantize(void) {
  static const struct {
    float in_s, hid_s;
    int32_t in_zp, hid_zp;
    int hid16, power;
    float clip;
  } k[] = {{0.03f, 1.0f / 128.0f, -7, 3, 0, -11, 0.0f},
           {0.0685789f, 0.00765428f, -128, 0, 0, -11, 0.0f},
           {0.00765428f, 0.0073633f, 0, -4, 0, -12, 3.0f},
           {1.0f / 4096.0f, 1.0f / 32768.0f, 0, 0, 1, -13, 0.75f}};
  size_t c;
  for (c = 0; c < sizeof k / sizeof k[0]; ++c) {
    mote_lstm_scales_t s;
    mote_lstm_q_t want, got;
    int power = 99;
    int g;
    memset(&got, 0, sizeof got);
    make_q(k[c].in_s, k[c].in_zp, k[c].hid_s, k[c].hid_zp, k[c].hid16,
           k[c].power, k[c].clip, kWs, kRs, &want);
    s.input = k[c].in_s;
    s.input_zero_point = k[c].in_zp;
    s.hidden = k[c].hid_s;
    s.hidden_zero_point = k[c].hid_zp;
    s.hidden16 = k[c].hid16;
    s.cell = ldexpf(1.0f, k[c].power);
    s.cell_clip = k[c].clip;
    for (g = 0; g < NG; ++g) {
      s.w_in[g] = kWs[g];
      s.w_rec[g] = kRs[g];
    }
    CHECK_EQ_INT(mote_lstm_quantize(&s, &got, &power), MOTE_OK);
    CHECK_EQ_INT(power, k[c].power);
    CHECK(memcmp(&got, &want, sizeof got) == 0);
    /* A cell scale off by 1.5% still rounds to the power (TFLite). */
    s.cell *= 1.015f;
    CHECK_EQ_INT(mote_lstm_quantize(&s, &got, &power), MOTE_OK);
    CHECK_EQ_INT(power, k[c].power);
    s.cell = 1024.0f;
    CHECK_EQ_INT(mote_lstm_quantize(&s, &got, &power), MOTE_ERR_UNSUPPORTED);
  }
}

static void fill_q(qdata_t *qd, int act16) {
  int g, i;
  for (g = 0; g < NG; ++g) {
    for (i = 0; i < MS * MI; ++i) qd->wi[g][i] = (int8_t)sm_rand(-127, 127);
    for (i = 0; i < MS * MS; ++i) qd->wr[g][i] = (int8_t)sm_rand(-127, 127);
    for (i = 0; i < MS; ++i) {
      qd->b32[g][i] = sm_rand(-3000, 3000);
      qd->b64[g][i] = act16 ? (int64_t)sm_rand(-3000000, 3000000) : 0;
    }
  }
}

static void int_case(const lstm_case_t *k, int act16, int cell_power) {
  mote_lstm_dims_t d = {k->batch, k->time, k->n_input, k->n_state,
                        k->time_major};
  static qdata_t qd;
  mote_lstm_q_t q;
  mote_lstm_weights_t w;
  int8_t x8[MB * MT * MI], y8[MB * MT * MS], h8[MB * MS];
  int16_t x16[MB * MT * MI], y16[MB * MT * MS], h16[MB * MS];
  int16_t cell[MB * MS], rcell[MB * MS];
  int32_t rh[MB * MS], ry[MB * MT * MS];
  int16_t scratch[4 * MB * MS];
  const int32_t in_zp = act16 ? 0 : -7, hid_zp = act16 ? 0 : 3;
  const int32_t n_y = k->batch * k->time * k->n_state;
  int g, i, pass;
  fill_q(&qd, act16);
  make_q(act16 ? 1.0f / 4096.0f : 0.03f, in_zp,
         act16 ? 1.0f / 32768.0f : 1.0f / 128.0f, hid_zp, act16, cell_power,
         k->clip, kWs, kRs, &q);
  for (g = 0; g < NG; ++g) {
    w.w_in[g] = qd.wi[g];
    w.w_rec[g] = qd.wr[g];
    w.bias[g] = act16 ? (const void *)qd.b64[g] : (const void *)qd.b32[g];
  }
  for (i = 0; i < MB * MS; ++i) {
    h8[i] = (int8_t)hid_zp;
    h16[i] = 0;
    rh[i] = hid_zp;
    cell[i] = rcell[i] = 0;
  }
  for (pass = 0; pass < 2; ++pass) {
    for (i = 0; i < k->batch * k->time * k->n_input; ++i) {
      x8[i] = (int8_t)sm_rand(-128, 127);
      x16[i] = (int16_t)sm_rand(-32768, 32767);
    }
    if (act16) {
      mote_lstm_s16(&d, &w, &q, x16, h16, cell, y16, scratch);
      ref_lstm_q(k, &qd, &q, 1, x16, rh, rcell, ry);
    } else {
      mote_lstm_s8(&d, &w, &q, x8, h8, cell, y8, scratch);
      ref_lstm_q(k, &qd, &q, 0, x8, rh, rcell, ry);
    }
    for (i = 0; i < n_y; ++i) {
      CHECK_EQ_INT(act16 ? y16[i] : y8[i], ry[i]);
    }
    for (i = 0; i < k->batch * k->n_state; ++i) {
      CHECK_EQ_INT(act16 ? h16[i] : h8[i], rh[i]);
      CHECK_EQ_INT(cell[i], rcell[i]);
    }
  }
}

static void test_int8(void) {
  size_t c;
  for (c = 0; c < sizeof kCases / sizeof kCases[0]; ++c) {
    int_case(&kCases[c], 0, -11);
    int_case(&kCases[c], 0, -12);
    int_case(&kCases[c], 0, -14); /* tanh input by multiply and round */
  }
}

static void test_int16(void) {
  size_t c;
  for (c = 0; c < sizeof kCases / sizeof kCases[0]; ++c) {
    int_case(&kCases[c], 1, -11);
    int_case(&kCases[c], 1, -13);
  }
}

/* --- kernel glue ---------------------------------------------------------
 * Model: input [2, 3, 4] (batch-major) or [3, 2, 4] (time-major), 3
 * cells; TFLite's input order: weights input, forget, cell, output. */
enum { GB = 2, GT = 3, GI = 4, GS = 3 };
static const int kSlot[NG] = {1, 0, 2, 3}; /* mote gate -> TFLite gate */

typedef struct lstm_spec {
  int type;       /* float32 or int8 */
  int time_major;
  int peephole;   /* give input 10 */
  int cifg;       /* leave out inputs 1 and 5 */
  int act;        /* cell gate activation */
  int cell_type;
  int variable;
  float clip;
} lstm_spec_t;

typedef struct glue_data {
  int8_t wi[NG][GS * GI], wr[NG][GS * GS];
  int32_t b32[NG][GS];
  float fwi[NG][GS * GI], fwr[NG][GS * GS], fb[NG][GS];
} glue_data_t;

static glue_data_t g_gd;

static void open_lstm(sm_session_t *s, const lstm_spec_t *sp) {
  const int q = sp->type == MOTE_TYPE_INT8;
  const int32_t s_in[3] = {sp->time_major ? GT : GB,
                           sp->time_major ? GB : GT, GI};
  const int32_t s_out[3] = {s_in[0], s_in[1], GS};
  static const int32_t s_wi[2] = {GS, GI}, s_wr[2] = {GS, GS}, s_b[1] = {GS},
                       s_st[2] = {GB, GS};
  sm_tensor_t t[24];
  sm_tensor_t out;
  tfb_options_t o;
  int g, i;
  for (i = 0; i < 24; ++i) t[i] = sm_absent();
  t[0] = sm_t(sp->type, 3, s_in, NULL, 0, q ? 0.03f : 0.0f, q ? -7 : 0);
  for (g = 0; g < NG; ++g) {
    const int slot = kSlot[g];
    if (q) {
      t[1 + slot] = sm_t(MOTE_TYPE_INT8, 2, s_wi, g_gd.wi[g], sizeof g_gd.wi[g],
                         kWs[g], 0);
      t[5 + slot] = sm_t(MOTE_TYPE_INT8, 2, s_wr, g_gd.wr[g], sizeof g_gd.wr[g],
                         kRs[g], 0);
      t[12 + slot] = sm_t(MOTE_TYPE_INT32, 1, s_b, g_gd.b32[g],
                          sizeof g_gd.b32[g], 0.03f * kWs[g], 0);
    } else {
      t[1 + slot] = sm_t(MOTE_TYPE_FLOAT32, 2, s_wi, g_gd.fwi[g],
                         sizeof g_gd.fwi[g], 0.0f, 0);
      t[5 + slot] = sm_t(MOTE_TYPE_FLOAT32, 2, s_wr, g_gd.fwr[g],
                         sizeof g_gd.fwr[g], 0.0f, 0);
      t[12 + slot] = sm_t(MOTE_TYPE_FLOAT32, 1, s_b, g_gd.fb[g],
                          sizeof g_gd.fb[g], 0.0f, 0);
    }
  }
  if (sp->peephole) {
    static const int16_t peep[GS] = {100, -200, 300};
    t[10] = q ? sm_t(MOTE_TYPE_INT16, 1, s_b, peep, sizeof peep, 0.01f, 0)
              : sm_t(MOTE_TYPE_FLOAT32, 1, s_b, g_gd.fb[0],
                     sizeof g_gd.fb[0], 0.0f, 0);
  }
  if (sp->cifg) {
    t[1] = t[5] = sm_absent();
  }
  t[18] = sm_t(sp->type, 2, s_st, NULL, 0, q ? 1.0f / 128.0f : 0.0f,
               q ? 3 : 0);
  t[19] = sm_t(sp->cell_type, 2, s_st, NULL, 0, q ? 1.0f / 2048.0f : 0.0f, 0);
  t[18].variable = t[19].variable = sp->variable;
  out = sm_t(sp->type, 3, s_out, NULL, 0, q ? 1.0f / 128.0f : 0.0f, q ? 3 : 0);
  tfb_options_init(&o);
  tfb_opt_u8(&o, 0, (uint8_t)sp->act);
  tfb_opt_f32(&o, 1, sp->clip);
  tfb_opt_bool(&o, 3, sp->time_major != 0);
  sm_open(s, MOTE_OP_UNIDIRECTIONAL_SEQUENCE_LSTM, 1, t, 24, &out, 71, &o);
}

static void fill_glue(void) {
  int g, i;
  for (g = 0; g < NG; ++g) {
    for (i = 0; i < GS * GI; ++i) {
      g_gd.wi[g][i] = (int8_t)sm_rand(-127, 127);
      g_gd.fwi[g][i] = (float)g_gd.wi[g][i] * kWs[g];
    }
    for (i = 0; i < GS * GS; ++i) {
      g_gd.wr[g][i] = (int8_t)sm_rand(-127, 127);
      g_gd.fwr[g][i] = (float)g_gd.wr[g][i] * kRs[g];
    }
    for (i = 0; i < GS; ++i) {
      g_gd.b32[g][i] = sm_rand(-2000, 2000);
      g_gd.fb[g][i] = (float)g_gd.b32[g][i] * 0.03f * kWs[g];
    }
  }
}

static void test_glue(void) {
  int tm;
  fill_glue();
  for (tm = 0; tm < 2; ++tm) {
    const lstm_spec_t sq = {MOTE_TYPE_INT8, tm, 0, 0, MOTE_ACT_TANH,
                            MOTE_TYPE_INT16, 1, tm ? 0.5f : 0.0f};
    const lstm_spec_t sf = {MOTE_TYPE_FLOAT32, tm, 0, 0, MOTE_ACT_TANH,
                            MOTE_TYPE_FLOAT32, 1, tm ? 0.5f : 0.0f};
    static sm_session_t s, sfl;
    mote_lstm_dims_t d = {GB, GT, GI, GS, tm};
    mote_lstm_q_t q;
    mote_lstm_weights_t w, wf;
    int8_t x[3][GB * GT * GI], y[GB * GT * GS], want[3][GB * GT * GS];
    int8_t h[GB * GS];
    int16_t c[GB * GS], scratch[4 * GB * GS];
    float xf[GB * GT * GI], yf[GB * GT * GS], wantf[GB * GT * GS];
    float hf[GB * GS], cf[GB * GS], scratchf[4 * GB * GS];
    float max_err = 0.0f;
    int g, i, n;
    open_lstm(&s, &sq);
    open_lstm(&sfl, &sf);
    CHECK_EQ_INT(s.status, MOTE_OK);
    CHECK_EQ_INT(sfl.status, MOTE_OK);
    if (s.status != MOTE_OK || sfl.status != MOTE_OK) {
      fprintf(stderr, "%s / %s\n", s.err.message, sfl.err.message);
      sm_close(&s);
      sm_close(&sfl);
      continue;
    }
    make_q(0.03f, -7, 1.0f / 128.0f, 3, 0, -11, sq.clip, kWs, kRs, &q);
    for (g = 0; g < NG; ++g) {
      w.w_in[g] = g_gd.wi[g];
      w.w_rec[g] = g_gd.wr[g];
      w.bias[g] = g_gd.b32[g];
      wf.w_in[g] = g_gd.fwi[g];
      wf.w_rec[g] = g_gd.fwr[g];
      wf.bias[g] = g_gd.fb[g];
    }
    memset(h, 3, sizeof h); /* the hidden state starts at its zero point */
    memset(c, 0, sizeof c);
    memset(hf, 0, sizeof hf);
    memset(cf, 0, sizeof cf);
    for (n = 0; n < 3; ++n) {
      for (i = 0; i < GB * GT * GI; ++i) {
        x[n][i] = (int8_t)sm_rand(-128, 127);
        xf[i] = (float)(x[n][i] + 7) * 0.03f;
      }
      mote_lstm_s8(&d, &w, &q, x[n], h, c, want[n], scratch);
      CHECK_EQ_INT(sm_invoke(&s, x[n], y), MOTE_OK);
      CHECK(memcmp(y, want[n], sizeof y) == 0);
      /* The float model of the same weights, through its own glue. */
      mote_lstm_f32(&d, &wf, sf.clip, xf, hf, cf, wantf, scratchf);
      CHECK_EQ_INT(sm_invoke(&sfl, xf, yf), MOTE_OK);
      CHECK(memcmp(yf, wantf, sizeof yf) == 0);
      for (i = 0; i < GB * GT * GS; ++i) {
        const float e = fabsf((float)(y[i] - 3) / 128.0f - yf[i]);
        max_err = e > max_err ? e : max_err;
      }
    }
    /* Quantization error only: a few output steps. */
    CHECK(max_err < 4.0f / 128.0f);
    CHECK_EQ_INT(mote_interp_reset_state(&s.interp), MOTE_OK);
    CHECK_EQ_INT(sm_invoke(&s, x[0], y), MOTE_OK);
    CHECK(memcmp(y, want[0], sizeof y) == 0);
    sm_close(&s);
    sm_close(&sfl);
  }
}

static void expect_refusal(const lstm_spec_t *sp, mote_status_t want,
                           const char *text) {
  static sm_session_t s;
  open_lstm(&s, sp);
  CHECK_EQ_INT(s.status, want);
  CHECK(strstr(s.err.message, text) != NULL);
  if (strstr(s.err.message, text) == NULL) {
    fprintf(stderr, "message: %s\n", s.err.message);
  }
  sm_close(&s);
}

static void test_refusals(void) {
  const lstm_spec_t ok = {MOTE_TYPE_INT8, 0, 0, 0, MOTE_ACT_TANH,
                          MOTE_TYPE_INT16, 1, 0.0f};
  lstm_spec_t sp = ok;
  sp.peephole = 1;
  expect_refusal(&sp, MOTE_ERR_UNSUPPORTED, "peephole");
  sp = ok;
  sp.cifg = 1;
  expect_refusal(&sp, MOTE_ERR_UNSUPPORTED, "CIFG");
  sp = ok;
  sp.act = MOTE_ACT_RELU;
  expect_refusal(&sp, MOTE_ERR_UNSUPPORTED, "activation");
  sp = ok;
  sp.cell_type = MOTE_TYPE_INT8;
  expect_refusal(&sp, MOTE_ERR_UNSUPPORTED_TYPE, "cell");
  sp = ok;
  sp.variable = 0;
  expect_refusal(&sp, MOTE_ERR_UNSUPPORTED, "variable");
  sp = ok;
  sp.clip = -1.0f;
  expect_refusal(&sp, MOTE_ERR_UNSUPPORTED, "cell_clip");
}

int main(void) {
  MOTE_RUN(test_float);
  MOTE_RUN(test_quantize);
  MOTE_RUN(test_int8);
  MOTE_RUN(test_int16);
  MOTE_RUN(test_glue);
  MOTE_RUN(test_refusals);
  return MOTE_TEST_END();
}
