/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Replay buffer invariants: never above capacity; the per-class counts
 * agree with the entries; CLASS_BALANCED ends within one entry per class
 * after a skewed stream; RESERVOIR keeps every offered example with about
 * the same probability (over many seeds, by position in the stream); the
 * stored features are the offered bytes.
 */
#include <string.h>

#include "test.h"
#include "mote/train.h"

static uint8_t g_mem[64 * 1024] __attribute__((aligned(16)));

static void init(mote_learner_t *l, int32_t policy, uint32_t cap, uint32_t seed) {
  mote_learner_config_t cfg;
  mote_error_t err;
  mote_learner_config_default(&cfg);
  cfg.feature_count = 2;
  cfg.feature_type = MOTE_TYPE_FLOAT32;
  cfg.max_classes = 6;
  cfg.replay_capacity = cap;
  cfg.replay_per_step = 2;
  cfg.replay_policy = policy;
  cfg.seed = seed;
  CHECK(mote_learner_init(l, &cfg, NULL, 0, g_mem, sizeof g_mem, &err) == MOTE_OK);
}

/* Entry counts by class agree with the stored slots, and each entry's
 * features name its class (x[0] = class). */
static void check_consistent(const mote_learner_t *l) {
  uint32_t count[6] = {0};
  uint32_t i;
  CHECK(l->replay_count_ <= l->cfg_.replay_capacity);
  for (i = 0; i < l->replay_count_; i++) {
    const float *x = (const float *)(const void *)(l->replay_x_ + i * 2 * sizeof(float));
    CHECK(l->replay_y_[i] < l->class_count_);
    if (l->replay_y_[i] < 6) {
      count[l->replay_y_[i]]++;
      CHECK(l->labels_[l->replay_y_[i]] == (uint32_t)x[0]);
    }
  }
  for (i = 0; i < l->class_count_; i++) {
    CHECK_EQ_INT(mote_learner_replay_class_count(l, i), count[i]);
  }
}

static void offer(mote_learner_t *l, uint32_t label, float tag) {
  mote_error_t err;
  float x[2];
  x[0] = (float)label;
  x[1] = tag;
  CHECK(mote_learner_learn(l, x, sizeof x, label, &err) == MOTE_OK);
}

static void test_balanced(void) {
  mote_learner_t l;
  uint32_t c, n, lo = 1000, hi = 0;
  init(&l, MOTE_REPLAY_CLASS_BALANCED, 30, 3);
  for (n = 0; n < 200; n++) {
    offer(&l, 0, (float)n);
    check_consistent(&l);
  }
  CHECK_EQ_INT(mote_learner_replay_count(&l), 30);
  CHECK_EQ_INT(mote_learner_replay_class_count(&l, 0), 30);
  for (c = 1; c < 3; c++) {
    for (n = 0; n < 40; n++) {
      offer(&l, c, (float)n);
      check_consistent(&l);
    }
  }
  for (c = 0; c < 3; c++) {
    const uint32_t k = mote_learner_replay_class_count(&l, c);
    lo = k < lo ? k : lo;
    hi = k > hi ? k : hi;
  }
  printf("class-balanced after 200/40/40: %u..%u per class\n", lo, hi);
  CHECK(hi - lo <= 1);
  CHECK_EQ_INT(mote_learner_replay_count(&l), 30);
  /* A fourth class with only 2 examples keeps both. */
  offer(&l, 3, 0.0f);
  offer(&l, 3, 1.0f);
  CHECK_EQ_INT(mote_learner_replay_class_count(&l, 3), 2);
  check_consistent(&l);
  /* Examples learnt per class, past what the buffer holds. */
  CHECK_EQ_INT(mote_learner_class_examples(&l, 0), 200);
  CHECK_EQ_INT(mote_learner_class_examples(&l, 1), 40);
  CHECK_EQ_INT(mote_learner_class_examples(&l, 3), 2);
  CHECK_EQ_INT(mote_learner_class_examples(&l, 4), 0);
}

static void test_reservoir_uniform(void) {
  /* 400 offers into 40 places, 300 seeds: each tenth of the stream
   * should hold 10% of the kept entries. */
  uint32_t decile[10] = {0};
  uint32_t total = 0, seed, i;
  for (seed = 1; seed <= 300; seed++) {
    mote_learner_t l;
    uint32_t n;
    init(&l, MOTE_REPLAY_RESERVOIR, 40, seed);
    for (n = 0; n < 400; n++) {
      offer(&l, n % 5, (float)n);
    }
    check_consistent(&l);
    CHECK_EQ_INT(mote_learner_replay_count(&l), 40);
    for (i = 0; i < l.replay_count_; i++) {
      const float *x = (const float *)(const void *)(l.replay_x_ + i * 2 * sizeof(float));
      decile[(uint32_t)x[1] / 40u]++;
      total++;
    }
  }
  for (i = 0; i < 10; i++) {
    const double share = (double)decile[i] / (double)total;
    printf("reservoir decile %u: %.3f\n", i, share);
    CHECK(share > 0.09 && share < 0.11);
  }
}

/* Offer counts saturate instead of wrapping to 0 (they divide). */
static void test_saturating_counts(void) {
  mote_learner_t l;
  init(&l, MOTE_REPLAY_RESERVOIR, 4, 1);
  offer(&l, 1, 0.0f);
  l.replay_seen_ = 0xFFFFFFFFu;
  l.class_seen_[0] = 0xFFFFFFFFu;
  offer(&l, 1, 1.0f);
  CHECK(l.replay_seen_ == 0xFFFFFFFFu && l.class_seen_[0] == 0xFFFFFFFFu);
  init(&l, MOTE_REPLAY_CLASS_BALANCED, 1, 1);
  offer(&l, 1, 0.0f);
  l.replay_seen_ = 0xFFFFFFFFu;
  l.class_seen_[0] = 0xFFFFFFFFu;
  offer(&l, 1, 1.0f);
  check_consistent(&l);
}

static void test_no_replay(void) {
  mote_learner_t l;
  init(&l, MOTE_REPLAY_RESERVOIR, 0, 1);
  offer(&l, 1, 0.0f);
  offer(&l, 2, 0.0f);
  CHECK_EQ_INT(mote_learner_replay_count(&l), 0);
}

int main(void) {
  MOTE_RUN(test_balanced);
  MOTE_RUN(test_reservoir_uniform);
  MOTE_RUN(test_saturating_counts);
  MOTE_RUN(test_no_replay);
  return MOTE_TEST_END();
}
