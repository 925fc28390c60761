/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SVDF: the compute functions against a reference that keeps the whole
 * input history and recomputes every output from it (no state shifting),
 * float32 exactly and int8 with int16 / int8 state against TFLite's
 * documented integer arithmetic; then the kernel glue through one-operator
 * models: state carried across invokes, reset by mote_interp_reset_state,
 * an int8 state starting at its zero point, and named refusals.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernels/kernel_util.h"
#include "kernels/svdf.h"
#include "mote/mote.h"
#include "seq_model.h"
#include "test.h"

#define MAXB 2
#define MAXI 5
#define MAXF 6
#define MAXM 4
#define STEPS 5

typedef struct svdf_case {
  int32_t batch, n_input, n_filter, n_memory, rank;
  int act;
  int has_bias;
} svdf_case_t;

static const svdf_case_t kCases[] = {
    {1, 3, 4, 3, 1, MOTE_ACT_NONE, 1},  {2, 5, 6, 4, 2, MOTE_ACT_RELU, 1},
    {1, 4, 6, 2, 3, MOTE_ACT_RELU6, 0}, {2, 2, 2, 1, 1, MOTE_ACT_TANH, 1},
    {1, 3, 4, 4, 2, MOTE_ACT_RELU_N1_TO_1, 1},
};

static float act_ref(int act, float x) {
  switch (act) {
  case MOTE_ACT_RELU: return x > 0.0f ? x : 0.0f;
  case MOTE_ACT_RELU6: return x < 0.0f ? 0.0f : (x > 6.0f ? 6.0f : x);
  case MOTE_ACT_RELU_N1_TO_1: return x < -1.0f ? -1.0f : (x > 1.0f ? 1.0f : x);
  case MOTE_ACT_TANH: return tanhf(x);
  default: return x;
  }
}

static void test_float(void) {
  size_t c;
  for (c = 0; c < sizeof kCases / sizeof kCases[0]; ++c) {
    const svdf_case_t *k = &kCases[c];
    mote_svdf_dims_t d = {k->batch, k->n_input, k->n_filter, k->n_memory,
                          k->rank};
    float wf[MAXF * MAXI], wt[MAXF * MAXM], bias[MAXF];
    float in[STEPS][MAXB * MAXI];
    float feat[STEPS][MAXB][MAXF]; /* reference history */
    float state[MAXB * MAXF * MAXM];
    float scratch[MAXB * MAXF];
    float out[MAXB * MAXF];
    const int32_t n_unit = k->n_filter / k->rank;
    int t, b, f, i, m;
    for (i = 0; i < k->n_filter * k->n_input; ++i) wf[i] = sm_randf(-1, 1);
    for (i = 0; i < k->n_filter * k->n_memory; ++i) wt[i] = sm_randf(-1, 1);
    for (i = 0; i < n_unit; ++i) bias[i] = sm_randf(-1, 1);
    memset(state, 0, sizeof state);
    for (t = 0; t < STEPS; ++t) {
      for (i = 0; i < k->batch * k->n_input; ++i) in[t][i] = sm_randf(-2, 2);
      mote_svdf_f32(&d, in[t], wf, wt, k->has_bias ? bias : NULL, state,
                    scratch, out, k->act);
      for (b = 0; b < k->batch; ++b) {
        for (f = 0; f < k->n_filter; ++f) {
          float dot = 0.0f;
          for (i = 0; i < k->n_input; ++i) {
            dot += wf[f * k->n_input + i] * in[t][b * k->n_input + i];
          }
          feat[t][b][f] = dot;
        }
        for (i = 0; i < n_unit; ++i) {
          float acc = k->has_bias ? bias[i] : 0.0f;
          int r;
          for (r = 0; r < k->rank; ++r) {
            float sum = 0.0f;
            f = i * k->rank + r;
            for (m = 0; m < k->n_memory; ++m) {
              const int tau = t - (k->n_memory - 1 - m);
              sum += wt[f * k->n_memory + m] * (tau >= 0 ? feat[tau][b][f] : 0);
            }
            acc += sum;
          }
          CHECK(out[b * n_unit + i] == act_ref(k->act, acc));
        }
      }
    }
  }
}

/* Integer reference: features of every step, saturated, zero point added
 * after saturation and wrapped to the state type (TFLite Micro's order). */
static void int_case(const svdf_case_t *k, int state16, int32_t in_zp,
                     int32_t state_zp, int32_t out_zp) {
  mote_svdf_dims_t d = {k->batch, k->n_input, k->n_filter, k->n_memory,
                        k->rank};
  mote_svdf_q_t q;
  int8_t wf[MAXF * MAXI];
  int16_t wt16[MAXF * MAXM];
  int8_t wt8[MAXF * MAXM];
  int32_t bias[MAXF];
  int8_t in[STEPS][MAXB * MAXI];
  int32_t feat[STEPS][MAXB][MAXF];
  int16_t st16[MAXB * MAXF * MAXM];
  int8_t st8[MAXB * MAXF * MAXM];
  int32_t scratch[MAXB * MAXF * 2];
  int8_t out[MAXB * MAXF];
  const int32_t n_unit = k->n_filter / k->rank;
  const int32_t lo = state16 ? -32768 : -128;
  const int32_t hi = state16 ? 32767 : 127;
  int shift = 0;
  int t, b, f, i, m;
  ref_qmult(state16 ? 0.37 : 0.021, &q.feature_multiplier, &shift);
  q.feature_shift = shift;
  ref_qmult(state16 ? 0.0023 : 0.19, &q.output_multiplier, &shift);
  q.output_shift = shift;
  q.input_zero_point = in_zp;
  q.state_zero_point = state_zp;
  q.output_zero_point = out_zp;
  for (i = 0; i < k->n_filter * k->n_input; ++i) wf[i] = (int8_t)sm_rand(-127, 127);
  for (i = 0; i < k->n_filter * k->n_memory; ++i) {
    wt16[i] = (int16_t)sm_rand(-30000, 30000);
    wt8[i] = (int8_t)sm_rand(-127, 127);
  }
  for (i = 0; i < n_unit; ++i) bias[i] = sm_rand(-5000, 5000);
  /* The interpreter starts an int8 state at its zero point. */
  for (i = 0; i < MAXB * MAXF * MAXM; ++i) {
    st16[i] = 0;
    st8[i] = (int8_t)state_zp;
  }
  for (t = 0; t < STEPS; ++t) {
    for (i = 0; i < k->batch * k->n_input; ++i) in[t][i] = (int8_t)sm_rand(-128, 127);
    if (state16) {
      mote_svdf_s8_s16(&d, &q, in[t], wf, wt16, k->has_bias ? bias : NULL,
                       st16, scratch, out);
    } else {
      mote_svdf_s8_s8(&d, &q, in[t], wf, wt8, k->has_bias ? bias : NULL, st8,
                      scratch, out);
    }
    for (b = 0; b < k->batch; ++b) {
      for (f = 0; f < k->n_filter; ++f) {
        int32_t dot = 0;
        int32_t v;
        for (i = 0; i < k->n_input; ++i) {
          dot += wf[f * k->n_input + i] * (in[t][b * k->n_input + i] - in_zp);
        }
        v = ref_clamp(ref_mbqm(dot, q.feature_multiplier, q.feature_shift), lo,
                      hi) + state_zp;
        feat[t][b][f] = state16 ? (int16_t)(v & 0xffff) : (int8_t)(v & 0xff);
      }
      for (i = 0; i < n_unit; ++i) {
        int32_t acc = k->has_bias ? bias[i] : 0;
        int r;
        for (r = 0; r < k->rank; ++r) {
          f = i * k->rank + r;
          for (m = 0; m < k->n_memory; ++m) {
            const int tau = t - (k->n_memory - 1 - m);
            const int32_t s = tau >= 0 ? feat[tau][b][f] : (state16 ? 0 : state_zp);
            acc += (state16 ? wt16[f * k->n_memory + m]
                            : wt8[f * k->n_memory + m]) *
                   (s - state_zp);
          }
        }
        CHECK_EQ_INT(out[b * n_unit + i],
                     ref_clamp(ref_mbqm(acc, q.output_multiplier,
                                        q.output_shift) + out_zp, -128, 127));
      }
    }
  }
}

static void test_int16_state(void) {
  size_t c;
  for (c = 0; c < sizeof kCases / sizeof kCases[0]; ++c) {
    int_case(&kCases[c], 1, -3, 0, 5);
    int_case(&kCases[c], 1, 0, 0, -128);
  }
}

static void test_int8_state(void) {
  size_t c;
  for (c = 0; c < sizeof kCases / sizeof kCases[0]; ++c) {
    int_case(&kCases[c], 0, 7, -50, -2);
    /* A large zero point: saturated features wrap past 127. */
    int_case(&kCases[c], 0, -128, 100, 0);
  }
}

/* --- kernel glue ---------------------------------------------------------
 * Model: input [2, 3], weights_feature [4, 3], weights_time [4, 3], bias
 * [2], state [2, 12], output [2, 2]; rank 2. */
enum { GB = 2, GI = 3, GF = 4, GM = 3, GR = 2, GU = 2 };

typedef struct glue_spec {
  int in_type;   /* float32 or int8 */
  int wt_type;   /* float32, int16 or int8 */
  int state_type;
  int state_variable;
  int32_t rank;
  int64_t state_zp;
} glue_spec_t;

static const float kInS = 0.05f, kWfS = 0.01f, kWtS = 0.002f, kStS = 0.004f,
                   kOutS = 0.02f;

static const int8_t kWf8[GF * GI] = {12, -7, 100, -128, 5, 33,
                                     64, -1, -90, 17, 0, 127};
static const float kWfF[GF * GI] = {0.5f, -0.25f, 1.0f, -0.75f, 0.125f, 0.3f,
                                    0.6f, -0.1f, -0.9f, 0.2f, 0.0f, 0.7f};
static const int16_t kWt16[GF * GM] = {300,  -200, 1000, -32768, 77,   32767,
                                       -5,   0,    999,  -999,   1234, -4321};
static const int8_t kWt8[GF * GM] = {30, -20, 100, -128, 7, 127,
                                     -5, 0,   99,  -99,  12, -43};
static const float kWtF[GF * GM] = {0.3f,  -0.2f, 1.0f, -1.5f, 0.07f, 0.9f,
                                    -0.05f, 0.0f, 0.99f, -0.4f, 0.12f, -0.43f};
static const int32_t kBias32[GU] = {1500, -2500};
static const float kBiasF[GU] = {0.25f, -0.5f};

static void open_glue(sm_session_t *s, const glue_spec_t *g) {
  static const int32_t s_in[2] = {GB, GI}, s_wf[2] = {GF, GI},
                       s_wt[2] = {GF, GM}, s_b[1] = {GU},
                       s_st[2] = {GB, GF * GM}, s_out[2] = {GB, GU};
  const int q = g->in_type == MOTE_TYPE_INT8;
  const int wt8 = g->wt_type == MOTE_TYPE_INT8;
  sm_tensor_t t[5];
  sm_tensor_t out;
  tfb_options_t o;
  t[0] = sm_t(g->in_type, 2, s_in, NULL, 0, q ? kInS : 0.0f, q ? 4 : 0);
  t[1] = q ? sm_t(MOTE_TYPE_INT8, 2, s_wf, kWf8, sizeof kWf8, kWfS, 0)
           : sm_t(MOTE_TYPE_FLOAT32, 2, s_wf, kWfF, sizeof kWfF, 0.0f, 0);
  t[2] = !q ? sm_t(g->wt_type, 2, s_wt, kWtF, sizeof kWtF, 0.0f, 0)
         : wt8 ? sm_t(MOTE_TYPE_INT8, 2, s_wt, kWt8, sizeof kWt8, kWtS, 0)
               : sm_t(MOTE_TYPE_INT16, 2, s_wt, kWt16, sizeof kWt16, kWtS, 0);
  t[3] = q ? sm_t(MOTE_TYPE_INT32, 1, s_b, kBias32, sizeof kBias32,
                  kStS * kWtS, 0)
           : sm_t(MOTE_TYPE_FLOAT32, 1, s_b, kBiasF, sizeof kBiasF, 0.0f, 0);
  t[4] = sm_t(g->state_type, 2, s_st, NULL, 0, q ? kStS : 0.0f, g->state_zp);
  t[4].variable = g->state_variable;
  out = sm_t(g->in_type, 2, s_out, NULL, 0, q ? kOutS : 0.0f, q ? -3 : 0);
  tfb_options_init(&o);
  tfb_opt_i32(&o, 0, g->rank);
  tfb_opt_u8(&o, 1, MOTE_ACT_RELU);
  sm_open(s, MOTE_OP_SVDF, q ? 3 : 1, t, 5, &out, 6, &o);
}

static void test_glue_int(void) {
  static const int64_t zps[2] = {0, -50};
  int v;
  for (v = 0; v < 2; ++v) {
    const int wt8 = v == 1;
    glue_spec_t g = {MOTE_TYPE_INT8, wt8 ? MOTE_TYPE_INT8 : MOTE_TYPE_INT16,
                     wt8 ? MOTE_TYPE_INT8 : MOTE_TYPE_INT16, 1, GR, zps[v]};
    static sm_session_t s;
    mote_svdf_dims_t d = {GB, GI, GF, GM, GR};
    mote_svdf_q_t q;
    int8_t in[4][GB * GI];
    int8_t want[4][GB * GU];
    int8_t got[GB * GU];
    int16_t st16[GB * GF * GM];
    int8_t st8[GB * GF * GM];
    int32_t scratch[GB * GF + GB * GU];
    int shift = 0;
    int t, i;
    open_glue(&s, &g);
    CHECK_EQ_INT(s.status, MOTE_OK);
    if (s.status != MOTE_OK) {
      fprintf(stderr, "%s\n", s.err.message);
      sm_close(&s);
      continue;
    }
    /* Multipliers as TFLite Micro derives them: float, then double. */
    ref_qmult((double)(kInS * kWfS / kStS), &q.feature_multiplier, &shift);
    q.feature_shift = shift;
    ref_qmult((double)(kStS * kWtS / kOutS), &q.output_multiplier, &shift);
    q.output_shift = shift;
    q.input_zero_point = 4;
    q.state_zero_point = (int32_t)zps[v];
    q.output_zero_point = -3;
    memset(st16, 0, sizeof st16);
    memset(st8, (int)zps[v], sizeof st8);
    for (t = 0; t < 4; ++t) {
      for (i = 0; i < GB * GI; ++i) in[t][i] = (int8_t)sm_rand(-128, 127);
      if (wt8) {
        mote_svdf_s8_s8(&d, &q, in[t], kWf8, kWt8, kBias32, st8, scratch,
                        want[t]);
      } else {
        mote_svdf_s8_s16(&d, &q, in[t], kWf8, kWt16, kBias32, st16, scratch,
                         want[t]);
      }
      CHECK_EQ_INT(sm_invoke(&s, in[t], got), MOTE_OK);
      CHECK(memcmp(got, want[t], sizeof got) == 0);
    }
    /* The state carried over: the last output is not the fresh one. */
    CHECK(memcmp(want[3], want[0], sizeof got) != 0 ||
          memcmp(in[3], in[0], sizeof in[0]) != 0);
    CHECK_EQ_INT(mote_interp_reset_state(&s.interp), MOTE_OK);
    for (t = 0; t < 2; ++t) {
      CHECK_EQ_INT(sm_invoke(&s, in[t], got), MOTE_OK);
      CHECK(memcmp(got, want[t], sizeof got) == 0);
    }
    sm_close(&s);
  }
}

static void test_glue_float(void) {
  glue_spec_t g = {MOTE_TYPE_FLOAT32, MOTE_TYPE_FLOAT32, MOTE_TYPE_FLOAT32,
                   1, GR, 0};
  static sm_session_t s;
  mote_svdf_dims_t d = {GB, GI, GF, GM, GR};
  float in[3][GB * GI], want[GB * GU], got[GB * GU];
  float st[GB * GF * GM], scratch[GB * GF];
  int t, i;
  open_glue(&s, &g);
  CHECK_EQ_INT(s.status, MOTE_OK);
  memset(st, 0, sizeof st);
  for (t = 0; t < 3 && s.status == MOTE_OK; ++t) {
    for (i = 0; i < GB * GI; ++i) in[t][i] = sm_randf(-1, 1);
    mote_svdf_f32(&d, in[t], kWfF, kWtF, kBiasF, st, scratch, want,
                  MOTE_ACT_RELU);
    CHECK_EQ_INT(sm_invoke(&s, in[t], got), MOTE_OK);
    CHECK(memcmp(got, want, sizeof got) == 0);
  }
  sm_close(&s);
}

static void expect_refusal(const glue_spec_t *g, mote_status_t want,
                           const char *text) {
  static sm_session_t s;
  open_glue(&s, g);
  CHECK_EQ_INT(s.status, want);
  CHECK(strstr(s.err.message, text) != NULL);
  if (strstr(s.err.message, text) == NULL) {
    fprintf(stderr, "message: %s\n", s.err.message);
  }
  sm_close(&s);
}

static void test_refusals(void) {
  glue_spec_t g = {MOTE_TYPE_INT8, MOTE_TYPE_INT16, MOTE_TYPE_INT16, 0, GR,
                   0};
  expect_refusal(&g, MOTE_ERR_UNSUPPORTED, "variable");
  g.state_variable = 1;
  g.state_type = MOTE_TYPE_INT8;
  expect_refusal(&g, MOTE_ERR_UNSUPPORTED_TYPE, "state");
  g.state_type = MOTE_TYPE_INT16;
  g.rank = 3;
  expect_refusal(&g, MOTE_ERR_BAD_SHAPE, "rank 3");
  g.rank = GR;
  g.in_type = MOTE_TYPE_FLOAT32;
  g.state_type = MOTE_TYPE_FLOAT32;
  g.wt_type = MOTE_TYPE_FLOAT32;
  g.rank = 0;
  expect_refusal(&g, MOTE_ERR_BAD_SHAPE, "rank 0");
}

int main(void) {
  MOTE_RUN(test_float);
  MOTE_RUN(test_int16_state);
  MOTE_RUN(test_int8_state);
  MOTE_RUN(test_glue_int);
  MOTE_RUN(test_glue_float);
  MOTE_RUN(test_refusals);
  return MOTE_TEST_END();
}
