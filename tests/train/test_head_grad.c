/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Gradients of the learner's head against central finite differences:
 * each layer alone (dense, ReLU, softmax cross-entropy), and the whole
 * head as the learner wires it, with and without the hidden layer (one
 * step with momentum 0 and no decay moves each parameter by exactly
 * -learning_rate x its gradient). The optimiser step against its formula.
 */
#include <math.h>
#include <string.h>

#include "test.h"
#include "mote/train.h"
#include "train/head.h"

static uint32_t g_seed = 12345u;

static float frand(void) {
  g_seed ^= g_seed << 13;
  g_seed ^= g_seed >> 17;
  g_seed ^= g_seed << 5;
  return (float)(g_seed >> 8) / 16777216.0f * 2.0f - 1.0f;
}

#define NI 5
#define NO 4

/* Loss L = sum_o c[o] * y[o] of a dense layer, so dL/dy = c. */
static float dense_loss(const float *x, const float *w, const float *b,
                        const float *c) {
  float y[NO];
  float l = 0.0f;
  int o;
  mote_dense_forward(y, x, w, b, NI, NO);
  for (o = 0; o < NO; o++) {
    l += c[o] * y[o];
  }
  return l;
}

/* Each v[i] nudged by +-eps: the central difference of dense_loss must
 * match grad[i]. */
static void fd_check(float *v, int n, const float *grad, const float *x,
                     const float *w, const float *b, const float *c) {
  const float eps = 1e-2f;
  int i;
  for (i = 0; i < n; i++) {
    const float keep = v[i];
    float lp, lm;
    v[i] = keep + eps;
    lp = dense_loss(x, w, b, c);
    v[i] = keep - eps;
    lm = dense_loss(x, w, b, c);
    v[i] = keep;
    CHECK_NEAR(grad[i], (lp - lm) / (2 * eps), 1e-3);
  }
}

static void test_dense(void) {
  float x[NI], w[NO * NI], b[NO], c[NO];
  float dx[NI], dw[NO * NI], db[NO];
  int i;
  for (i = 0; i < NI; i++) x[i] = frand();
  for (i = 0; i < NO * NI; i++) w[i] = frand();
  for (i = 0; i < NO; i++) {
    b[i] = frand();
    c[i] = frand();
  }
  memset(dw, 0, sizeof dw);
  memset(db, 0, sizeof db);
  mote_dense_backward(dx, dw, db, c, x, w, NI, NO);
  fd_check(w, NO * NI, dw, x, w, b, c);
  fd_check(b, NO, db, x, w, b, c);
  fd_check(x, NI, dx, x, w, b, c);
  /* Backward accumulates into dw and db. */
  mote_dense_backward(NULL, dw, db, c, x, w, NI, NO);
  CHECK_NEAR(db[0], 2.0f * c[0], 1e-6);
}

static void test_relu(void) {
  float y[6] = {-1.0f, 0.0f, 0.5f, 2.0f, -0.1f, 3.0f};
  float dy[6] = {1, 1, 1, 1, 1, 1};
  int i;
  mote_relu_forward(y, 6);
  mote_relu_backward(dy, y, 6);
  for (i = 0; i < 6; i++) {
    /* FD of max(v, 0) at the inputs above: 0 left of 0, 1 right. */
    CHECK(dy[i] == (y[i] > 0.0f ? 1.0f : 0.0f));
    CHECK(y[i] >= 0.0f);
  }
}

static void test_softmax_xent(void) {
  float z[NO], p[NO], dz[NO];
  const float eps = 1e-2f;
  uint32_t t;
  int i;
  for (i = 0; i < NO; i++) z[i] = 3.0f * frand();
  for (t = 0; t < 3; t++) {
    /* Three classes seen: the fourth row is masked out. */
    const float l = mote_softmax_xent(p, dz, z, 3, t, 0.5f);
    float sum = p[0] + p[1] + p[2];
    CHECK_NEAR(sum, 1.0f, 1e-6);
    CHECK_NEAR(l, -logf(p[t]), 1e-6);
    for (i = 0; i < 3; i++) {
      const float keep = z[i];
      float lp, lm;
      z[i] = keep + eps;
      lp = mote_softmax_xent(p, NULL, z, 3, t, 1.0f);
      z[i] = keep - eps;
      lm = mote_softmax_xent(p, NULL, z, 3, t, 1.0f);
      z[i] = keep;
      CHECK_NEAR(dz[i], 0.5f * (lp - lm) / (2 * eps), 1e-3);
    }
  }
  /* Large logits do not overflow. */
  z[0] = 1000.0f;
  z[1] = -1000.0f;
  CHECK_NEAR(mote_softmax_xent(p, NULL, z, 2, 0, 1.0f), 0.0f, 1e-6);
}

static void test_sgd(void) {
  float w[2] = {1.0f, -2.0f}, v[2] = {0.1f, 0.0f};
  const float g[2] = {0.5f, 0.25f};
  mote_sgd_begin(v, 2, 0.9f);
  v[0] += g[0]; /* what the backward passes add */
  v[1] += g[1];
  mote_sgd_step(w, v, 2, 0.1f, 0.01f);
  CHECK_NEAR(v[0], 0.9f * 0.1f + 0.5f + 0.01f * 1.0f, 1e-6);
  CHECK_NEAR(v[1], 0.25f - 0.02f, 1e-6);
  CHECK_NEAR(w[0], 1.0f - 0.1f * v[0], 1e-6);
  CHECK_NEAR(w[1], -2.0f - 0.1f * v[1], 1e-6);
}

#define F 6
#define C 4

/* The learner's loss on x for label: -log p(label). */
static float head_loss(mote_learner_t *l, const float *x, uint32_t label) {
  float s[C];
  uint32_t i;
  mote_error_t err;
  CHECK(mote_learner_scores(l, x, F * sizeof(float), s, C, &err) == MOTE_OK);
  for (i = 0; i < mote_learner_class_count(l); i++) {
    if (mote_learner_class_label(l, i) == label) {
      return -logf(s[i]);
    }
  }
  return 0.0f;
}

/* One step moves each parameter by -lr x its gradient; compare with FD of
 * the loss before the step. */
static void check_head(uint32_t hidden) {
  static float mem[4096];
  static float before[1024];
  static float after[1024];
  mote_learner_config_t cfg;
  mote_learner_t l;
  mote_error_t err;
  float x[F];
  const float lr = 0.5f, eps = 1e-2f;
  uint32_t i, p;
  uint32_t label;
  mote_learner_config_default(&cfg);
  cfg.feature_count = F;
  cfg.feature_type = MOTE_TYPE_FLOAT32;
  cfg.hidden_units = hidden;
  cfg.max_classes = C;
  cfg.learning_rate = lr;
  cfg.momentum = 0.0f;
  cfg.weight_decay = 0.0f;
  cfg.standardize = 0;
  cfg.replay_per_step = 0;
  cfg.seed = 7;
  CHECK(mote_learner_bytes(&cfg) <= sizeof mem);
  CHECK(mote_learner_init(&l, &cfg, NULL, 0, mem, sizeof mem, &err) == MOTE_OK);
  /* Three classes, so the fourth row stays masked. */
  for (label = 10; label < 13; label++) {
    for (i = 0; i < F; i++) x[i] = frand();
    CHECK(mote_learner_learn(&l, x, sizeof x, label, &err) == MOTE_OK);
  }
  for (i = 0; i < F; i++) x[i] = frand();
  p = l.param_count_;
  CHECK(p <= 1024);
  memcpy(before, l.params_, p * sizeof(float));
  CHECK(mote_learner_learn(&l, x, sizeof x, 11, &err) == MOTE_OK);
  memcpy(after, l.params_, p * sizeof(float));
  {
    int checked = 0;
    float moved_unseen = 0.0f;
    const uint32_t k = hidden > 0 ? hidden : F;
    const uint32_t w2 = hidden * F + hidden;
    for (i = 0; i < p; i++) {
      const float grad = (before[i] - after[i]) / lr;
      float fd, lp, lm;
      float *q = l.params_;
      memcpy(q, before, p * sizeof(float));
      q[i] = before[i] + eps;
      lp = head_loss(&l, x, 11);
      q[i] = before[i] - eps;
      lm = head_loss(&l, x, 11);
      fd = (lp - lm) / (2 * eps);
      if (fabsf(fd - grad) > 2e-3f + 1e-2f * fabsf(fd)) {
        fprintf(stderr, "hidden %u param %u: step gives %g, FD %g\n", hidden, i, grad, fd);
      }
      CHECK(fabsf(fd - grad) <= 2e-3f + 1e-2f * fabsf(fd));
      memcpy(q, before, p * sizeof(float));
      checked++;
      /* The masked fourth class row never moves. */
      if ((i >= w2 + 3 * k && i < w2 + 4 * k) || i == w2 + C * k + 3) {
        moved_unseen += fabsf(grad);
      }
    }
    CHECK(checked == (int)p);
    CHECK(moved_unseen == 0.0f);
  }
}

static void test_head_linear(void) { check_head(0); }
static void test_head_hidden(void) { check_head(5); }

int main(void) {
  MOTE_RUN(test_dense);
  MOTE_RUN(test_relu);
  MOTE_RUN(test_softmax_xent);
  MOTE_RUN(test_sgd);
  MOTE_RUN(test_head_linear);
  MOTE_RUN(test_head_hidden);
  return MOTE_TEST_END();
}
