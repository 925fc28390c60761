/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learner on toy data: loss falls and accuracy rises on separable
 * blobs (int8 and float features, with and without a hidden layer); a
 * class can arrive at any time and old classes survive it with replay;
 * too many classes, reserved labels, wrong sizes, small or misaligned
 * memory and early predictions are refused and change nothing;
 * determinism by seed; top-k.
 */
#include <math.h>
#include <string.h>

#include "test.h"
#include "mote/train.h"

#define F 8
#define MAXC 4

static uint32_t g_seed;

static float frand(void) {
  g_seed ^= g_seed << 13;
  g_seed ^= g_seed >> 17;
  g_seed ^= g_seed << 5;
  return (float)(g_seed >> 8) / 16777216.0f * 2.0f - 1.0f;
}

/* Class c's blob: a fixed centre per class plus noise, as int8 codes
 * (scale 0.05, zero point 3) or floats. */
static float g_centre[MAXC][F];

static void make_centres(void) {
  int c, i;
  g_seed = 99;
  for (c = 0; c < MAXC; c++) {
    for (i = 0; i < F; i++) {
      g_centre[c][i] = 2.0f * frand();
    }
  }
}

static void sample_f(int c, float *x) {
  int i;
  for (i = 0; i < F; i++) {
    x[i] = g_centre[c][i] + 0.4f * frand();
  }
}

static void sample_q(int c, int8_t *q) {
  float x[F];
  int i;
  sample_f(c, x);
  for (i = 0; i < F; i++) {
    q[i] = (int8_t)(lrintf(x[i] / 0.05f) + 3);
  }
}

static uint8_t g_mem[64 * 1024] __attribute__((aligned(16)));

static void config(mote_learner_config_t *cfg, int32_t type, uint32_t hidden) {
  mote_learner_config_default(cfg);
  cfg->feature_count = F;
  cfg->feature_type = type;
  cfg->feature_scale = 0.05f;
  cfg->feature_zero_point = 3;
  cfg->hidden_units = hidden;
  cfg->max_classes = MAXC;
  cfg->learning_rate = 0.02f;
  cfg->replay_capacity = 32;
  cfg->replay_per_step = 3;
}

/* Learns one example of class c (label 100 + c). */
static mote_status_t learn_one(mote_learner_t *l, int32_t type, int c) {
  mote_error_t err;
  if (type == MOTE_TYPE_INT8) {
    int8_t q[F];
    sample_q(c, q);
    return mote_learner_learn(l, q, sizeof q, (uint32_t)(100 + c), &err);
  } else {
    float x[F];
    sample_f(c, x);
    return mote_learner_learn(l, x, sizeof x, (uint32_t)(100 + c), &err);
  }
}

/* Fraction of fresh samples of classes [0, nc) predicted right. */
static float accuracy(mote_learner_t *l, int32_t type, int nc, int only) {
  int right = 0, total = 0, c, n;
  for (c = 0; c < nc; c++) {
    if (only >= 0 && c != only) continue;
    for (n = 0; n < 50; n++) {
      uint32_t label = 0;
      mote_error_t err;
      mote_status_t st;
      if (type == MOTE_TYPE_INT8) {
        int8_t q[F];
        sample_q(c, q);
        st = mote_learner_predict(l, q, sizeof q, &label, NULL, 1, &err);
      } else {
        float x[F];
        sample_f(c, x);
        st = mote_learner_predict(l, x, sizeof x, &label, NULL, 1, &err);
      }
      CHECK(st == MOTE_OK);
      right += label == (uint32_t)(100 + c);
      total++;
    }
  }
  return (float)right / (float)total;
}

static void train_toy(int32_t type, uint32_t hidden) {
  mote_learner_config_t cfg;
  mote_learner_t l;
  mote_error_t err;
  float early = 0.0f, late = 0.0f;
  int s;
  config(&cfg, type, hidden);
  CHECK(mote_learner_init(&l, &cfg, NULL, 0, g_mem, sizeof g_mem, &err) == MOTE_OK);
  for (s = 0; s < 400; s++) {
    CHECK(learn_one(&l, type, s % 3) == MOTE_OK);
    if (s >= 10 && s < 40) early += mote_learner_last_loss(&l);
    if (s >= 370) late += mote_learner_last_loss(&l);
  }
  printf("type %d hidden %u: loss %.4f -> %.4f, accuracy %.3f\n", (int)type, hidden,
         early / 30.0f, late / 30.0f, accuracy(&l, type, 3, -1));
  CHECK(late < 0.3f * early);
  CHECK(accuracy(&l, type, 3, -1) > 0.95f);
  CHECK_EQ_INT(mote_learner_class_count(&l), 3);
}

static void test_loss_falls(void) {
  train_toy(MOTE_TYPE_INT8, 0);
  train_toy(MOTE_TYPE_INT8, 16);
  train_toy(MOTE_TYPE_FLOAT32, 0);
  train_toy(MOTE_TYPE_FLOAT32, 16);
}

static void test_class_incremental(void) {
  mote_learner_config_t cfg;
  mote_learner_t l;
  mote_error_t err;
  int8_t q[F];
  uint32_t labels[2];
  int8_t two[2 * F];
  int s;
  config(&cfg, MOTE_TYPE_INT8, 0);
  cfg.max_classes = 3;
  CHECK(mote_learner_init(&l, &cfg, NULL, 0, g_mem, sizeof g_mem, &err) == MOTE_OK);
  for (s = 0; s < 200; s++) {
    CHECK(learn_one(&l, MOTE_TYPE_INT8, s % 2) == MOTE_OK);
  }
  CHECK_EQ_INT(mote_learner_class_count(&l), 2);
  CHECK(accuracy(&l, MOTE_TYPE_INT8, 2, -1) > 0.95f);
  /* A third class arrives late; then only it is shown. */
  for (s = 0; s < 100; s++) {
    CHECK(learn_one(&l, MOTE_TYPE_INT8, 2) == MOTE_OK);
  }
  CHECK_EQ_INT(mote_learner_class_count(&l), 3);
  CHECK_EQ_INT(mote_learner_class_label(&l, 2), 102);
  CHECK_EQ_INT(mote_learner_class_label(&l, 3), MOTE_LEARNER_NO_LABEL);
  printf("after 100 of the new class only: accuracy new %.2f, old %.2f %.2f\n",
         accuracy(&l, MOTE_TYPE_INT8, 3, 2), accuracy(&l, MOTE_TYPE_INT8, 3, 0),
         accuracy(&l, MOTE_TYPE_INT8, 3, 1));
  CHECK(accuracy(&l, MOTE_TYPE_INT8, 3, 2) > 0.9f);
  /* Replay keeps the old classes. */
  CHECK(accuracy(&l, MOTE_TYPE_INT8, 3, 0) > 0.8f);
  CHECK(accuracy(&l, MOTE_TYPE_INT8, 3, 1) > 0.8f);
  /* A fourth is refused and changes nothing. */
  sample_q(0, q);
  memset(&err, 0, sizeof err);
  {
    const uint32_t steps = l.steps_;
    const uint32_t held = mote_learner_replay_count(&l);
    CHECK(mote_learner_learn(&l, q, sizeof q, 7, &err) == MOTE_ERR_CAPACITY);
    CHECK(strstr(err.message, "max_classes 3") != NULL);
    CHECK(l.steps_ == steps && mote_learner_replay_count(&l) == held);
    CHECK_EQ_INT(mote_learner_class_count(&l), 3);
    /* A batch with one known and one new label: refused whole. */
    memcpy(two, q, F);
    memcpy(two + F, q, F);
    labels[0] = 100;
    labels[1] = 8;
    CHECK(mote_learner_learn_batch(&l, two, sizeof two, labels, 2, &err) ==
          MOTE_ERR_CAPACITY);
    CHECK(l.steps_ == steps);
    labels[1] = 101;
    CHECK(mote_learner_learn_batch(&l, two, sizeof two, labels, 2, &err) == MOTE_OK);
    CHECK(l.steps_ == steps + 1);
  }
}

static void test_refusals(void) {
  mote_learner_config_t cfg;
  mote_learner_t l;
  mote_error_t err;
  int8_t q[F] = {0};
  float scores[MAXC];
  uint32_t labels[6];
  float probs[6];
  size_t need;
  config(&cfg, MOTE_TYPE_INT8, 4);
  need = mote_learner_bytes(&cfg);
  CHECK(need > 0);
  memset(&err, 0, sizeof err);
  CHECK(mote_learner_init(&l, &cfg, NULL, 0, g_mem, need - 1, &err) ==
        MOTE_ERR_ARENA_TOO_SMALL);
  {
    char want[32];
    snprintf(want, sizeof want, "needs %lu", (unsigned long)need);
    CHECK(strstr(err.message, want) != NULL);
  }
  CHECK(mote_learner_init(&l, &cfg, NULL, 0, g_mem + 4, need, &err) == MOTE_ERR_BAD_ARG);
  cfg.max_classes = 0;
  CHECK(mote_learner_bytes(&cfg) == 0);
  CHECK(mote_learner_init(&l, &cfg, NULL, 0, g_mem, sizeof g_mem, &err) == MOTE_ERR_BAD_ARG);
  CHECK(strstr(err.message, "max_classes") != NULL);
  config(&cfg, MOTE_TYPE_INT16, 0);
  CHECK(mote_learner_init(&l, &cfg, NULL, 0, g_mem, sizeof g_mem, &err) ==
        MOTE_ERR_UNSUPPORTED_TYPE);
  config(&cfg, MOTE_TYPE_INT8, 0);
  CHECK(mote_learner_init(&l, &cfg, NULL, 0, g_mem, need, &err) == MOTE_OK);
  CHECK(mote_learner_scores(&l, q, sizeof q, scores, MAXC, &err) == MOTE_ERR_BAD_STATE);
  CHECK(mote_learner_learn(&l, q, sizeof q - 1, 1, &err) == MOTE_ERR_BAD_SHAPE);
  CHECK(mote_learner_learn(&l, q, sizeof q, MOTE_LEARNER_NO_LABEL, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_learn(&l, NULL, sizeof q, 1, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_class_count(&l) == 0 && l.steps_ == 0);
  CHECK(mote_learner_learn_input(&l, 1, &err) == MOTE_ERR_BAD_STATE);
  CHECK(mote_learner_learn(&l, q, sizeof q, 1, &err) == MOTE_OK);
  CHECK(mote_learner_learn(&l, q, sizeof q, 2, &err) == MOTE_OK);
  CHECK(mote_learner_scores(&l, q, sizeof q, scores, 1, &err) == MOTE_ERR_CAPACITY);
  CHECK(mote_learner_scores(&l, q, sizeof q, scores, 2, &err) == MOTE_OK);
  CHECK_NEAR(scores[0] + scores[1], 1.0f, 1e-5);
  /* Top-k past the class count pads with no label. */
  CHECK(mote_learner_predict(&l, q, sizeof q, labels, probs, 4, &err) == MOTE_OK);
  CHECK(labels[0] != labels[1] && labels[0] != MOTE_LEARNER_NO_LABEL);
  CHECK(probs[0] >= probs[1]);
  CHECK(labels[2] == MOTE_LEARNER_NO_LABEL && probs[3] == 0.0f);
  CHECK(mote_learner_predict(&l, q, sizeof q, labels, probs, 0, &err) == MOTE_ERR_BAD_ARG);
  mote_learner_reset(&l);
  CHECK(mote_learner_class_count(&l) == 0 && mote_learner_replay_count(&l) == 0);
}

static void test_deterministic(void) {
  static uint8_t mem2[64 * 1024] __attribute__((aligned(16)));
  mote_learner_config_t cfg;
  mote_learner_t a, b;
  mote_error_t err;
  mote_learner_memory_t mu;
  int s;
  config(&cfg, MOTE_TYPE_INT8, 8);
  /* The same start: scratch rows of classes not seen (logits of slot 3)
   * are never written, and g_mem holds the earlier tests' bytes. */
  memset(g_mem, 0, sizeof g_mem);
  CHECK(mote_learner_init(&a, &cfg, NULL, 0, g_mem, sizeof g_mem, &err) == MOTE_OK);
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, mem2, sizeof mem2, &err) == MOTE_OK);
  for (s = 0; s < 50; s++) {
    const uint32_t seed = g_seed;
    CHECK(learn_one(&a, MOTE_TYPE_INT8, s % 3) == MOTE_OK);
    g_seed = seed;
    CHECK(learn_one(&b, MOTE_TYPE_INT8, s % 3) == MOTE_OK);
  }
  CHECK(memcmp(g_mem, mem2, mote_learner_bytes(&cfg)) == 0);
  CHECK(mote_learner_memory_usage(&a, &mu) == MOTE_OK);
  CHECK(mu.total_bytes == mote_learner_bytes(&cfg));
  CHECK(mu.param_bytes >= (8 * F + 8 + MAXC * 8 + MAXC) * sizeof(float));
  CHECK(mu.replay_bytes >= 32 * (F + 2));
  CHECK(mu.grad_bytes == 0); /* gradients accumulate in the momentum */
  printf("learner memory: %lu bytes (params %lu, grads %lu, momentum %lu, stats %lu, "
         "replay %lu, classes %lu, scratch %lu)\n",
         (unsigned long)mu.total_bytes, (unsigned long)mu.param_bytes,
         (unsigned long)mu.grad_bytes, (unsigned long)mu.optimizer_bytes,
         (unsigned long)mu.stats_bytes, (unsigned long)mu.replay_bytes,
         (unsigned long)mu.class_bytes, (unsigned long)mu.scratch_bytes);
  /* Another seed starts elsewhere. */
  cfg.seed = 2;
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, mem2, sizeof mem2, &err) == MOTE_OK);
  cfg.seed = 1;
  CHECK(mote_learner_init(&a, &cfg, NULL, 0, g_mem, sizeof g_mem, &err) == MOTE_OK);
  CHECK(memcmp(a.params_, b.params_, a.param_count_ * sizeof(float)) != 0);
}

/* A rate set between steps is the one the next step takes: from the same
 * start, the first step at twice the rate moves every weight exactly twice
 * as far (one step: the momentum holds only this step's gradient). Bad
 * rates are refused and change nothing. */
static void test_set_learning_rate(void) {
  static uint8_t mem2[64 * 1024] __attribute__((aligned(16)));
  mote_learner_config_t cfg;
  mote_learner_t a, b;
  mote_error_t err;
  float start[MAXC * F + MAXC];
  int8_t q[2 * F];
  const uint32_t labels[2] = {100, 101};
  uint32_t i;
  int bad = 0;
  config(&cfg, MOTE_TYPE_INT8, 0);
  CHECK(mote_learner_init(&a, &cfg, NULL, 0, g_mem, sizeof g_mem, &err) == MOTE_OK);
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, mem2, sizeof mem2, &err) == MOTE_OK);
  CHECK(a.param_count_ == MAXC * F + MAXC);
  memcpy(start, a.params_, sizeof start);
  CHECK(mote_learner_set_learning_rate(&b, 2.0f * cfg.learning_rate, &err) == MOTE_OK);
  CHECK(mote_learner_set_learning_rate(&b, 0.0f, &err) == MOTE_ERR_BAD_ARG);
  CHECK(strstr(err.message, "learning rate") != NULL);
  CHECK(mote_learner_set_learning_rate(&b, -1.0f, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_set_learning_rate(&b, NAN, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_set_learning_rate(&b, INFINITY, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_set_learning_rate(NULL, 1.0f, &err) == MOTE_ERR_BAD_ARG);
  sample_q(0, q);
  sample_q(1, q + F);
  CHECK(mote_learner_learn_batch(&a, q, sizeof q, labels, 2, &err) == MOTE_OK);
  CHECK(mote_learner_learn_batch(&b, q, sizeof q, labels, 2, &err) == MOTE_OK);
  for (i = 0; i < a.param_count_; i++) {
    const float da = a.params_[i] - start[i];
    const float db = b.params_[i] - start[i];
    bad += fabsf(db - 2.0f * da) > 1e-6f * (1.0f + fabsf(start[i]));
  }
  CHECK_EQ_INT(bad, 0);
  /* The softmax over two classes gives row 0 a gradient beyond decay. */
  CHECK(fabsf(a.params_[0] - start[0]) > 1e-3f * cfg.learning_rate);
}

int main(void) {
  make_centres();
  MOTE_RUN(test_loss_falls);
  MOTE_RUN(test_class_incremental);
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_deterministic);
  MOTE_RUN(test_set_learning_rate);
  return MOTE_TEST_END();
}
