/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learner's state image: save -> load -> save gives the same bytes,
 * the same scores and the same future (the PRNG travels too); every
 * single-byte corruption and every truncation is refused and leaves the
 * learner as it was; an image of another shape is refused naming the
 * field; forged images with a correct CRC but impossible contents are
 * refused; a buffer too small says how much is needed.
 */
#include <string.h>

#include "test.h"
#include "common/crc32.h"
#include "mote/train.h"

#define F 5

static uint8_t g_mem_a[16384] __attribute__((aligned(16)));
static uint8_t g_mem_b[16384] __attribute__((aligned(16)));
static uint8_t g_img[16384];
static uint8_t g_img2[16384];
static uint8_t g_bad[16384];
static uint32_t g_seed = 5;

static uint32_t next(void) {
  g_seed ^= g_seed << 13;
  g_seed ^= g_seed >> 17;
  g_seed ^= g_seed << 5;
  return g_seed;
}

static void config(mote_learner_config_t *cfg, int32_t type, uint32_t hidden) {
  mote_learner_config_default(cfg);
  cfg->feature_count = F;
  cfg->feature_type = type;
  cfg->feature_scale = 0.1f;
  cfg->feature_zero_point = -2;
  cfg->hidden_units = hidden;
  cfg->max_classes = 4;
  cfg->replay_capacity = 7;
  cfg->replay_per_step = 2;
}

/* A random example of class (label) `c`, in the config's type. */
static size_t example(int32_t type, uint32_t c, void *out) {
  uint32_t i;
  for (i = 0; i < F; i++) {
    const int v = (int)(next() % 41u) - 20 + (int)(c * 9u) * (i == c % F ? 1 : 0);
    if (type == MOTE_TYPE_INT8) {
      ((int8_t *)out)[i] = (int8_t)v;
    } else {
      ((float *)out)[i] = 0.1f * (float)v;
    }
  }
  return type == MOTE_TYPE_INT8 ? F : F * sizeof(float);
}

static void teach(mote_learner_t *l, int32_t type, int steps) {
  float x[F];
  mote_error_t err;
  int s;
  for (s = 0; s < steps; s++) {
    const uint32_t c = 10u + next() % 3u;
    const size_t n = example(type, c, x);
    CHECK(mote_learner_learn(l, x, n, c, &err) == MOTE_OK);
  }
}

static void roundtrip(int32_t type, uint32_t hidden) {
  mote_learner_config_t cfg;
  mote_learner_t a, b;
  mote_error_t err;
  size_t n1 = 0, n2 = 0, need;
  float x[F], sa[4], sb[4];
  uint32_t seed;
  config(&cfg, type, hidden);
  CHECK(mote_learner_init(&a, &cfg, NULL, 0, g_mem_a, sizeof g_mem_a, &err) == MOTE_OK);
  teach(&a, type, 40);
  need = mote_learner_state_bytes(&a);
  memset(&err, 0, sizeof err);
  CHECK(mote_learner_save(&a, g_img, need - 1, &n1, &err) == MOTE_ERR_CAPACITY);
  {
    char want[32];
    snprintf(want, sizeof want, "needs %lu", (unsigned long)need);
    CHECK(strstr(err.message, want) != NULL);
  }
  CHECK(mote_learner_save(&a, g_img, sizeof g_img, &n1, &err) == MOTE_OK);
  CHECK(n1 == need);
  /* Another seed: loading replaces all it learnt and drew. */
  cfg.seed = 77;
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, g_mem_b, sizeof g_mem_b, &err) == MOTE_OK);
  CHECK(mote_learner_load(&b, g_img, n1, &err) == MOTE_OK);
  CHECK(mote_learner_save(&b, g_img2, sizeof g_img2, &n2, &err) == MOTE_OK);
  CHECK(n1 == n2 && memcmp(g_img, g_img2, n1) == 0);
  CHECK(mote_learner_class_count(&b) == mote_learner_class_count(&a));
  (void)example(type, 11, x);
  CHECK(mote_learner_scores(&a, x, type == MOTE_TYPE_INT8 ? F : sizeof x, sa, 4, &err) ==
        MOTE_OK);
  CHECK(mote_learner_scores(&b, x, type == MOTE_TYPE_INT8 ? F : sizeof x, sb, 4, &err) ==
        MOTE_OK);
  CHECK(memcmp(sa, sb, mote_learner_class_count(&a) * sizeof(float)) == 0);
  /* The same future. */
  seed = g_seed;
  teach(&a, type, 20);
  g_seed = seed;
  teach(&b, type, 20);
  CHECK(mote_learner_save(&a, g_img, sizeof g_img, &n1, &err) == MOTE_OK);
  CHECK(mote_learner_save(&b, g_img2, sizeof g_img2, &n2, &err) == MOTE_OK);
  CHECK(memcmp(g_img, g_img2, n1) == 0);
  printf("type %d hidden %u: state image %lu bytes\n", (int)type, hidden, (unsigned long)n1);
}

static void test_roundtrip(void) {
  roundtrip(MOTE_TYPE_INT8, 0);
  roundtrip(MOTE_TYPE_INT8, 3);
  roundtrip(MOTE_TYPE_FLOAT32, 0);
  roundtrip(MOTE_TYPE_FLOAT32, 3);
}

/* Every single-byte change and every truncation is refused, and the
 * learner's memory is unchanged. */
static void corruption(int32_t type) {
  mote_learner_config_t cfg;
  mote_learner_t a, b;
  mote_error_t err;
  size_t n = 0, i, refused = 0;
  config(&cfg, type, 2);
  CHECK(mote_learner_init(&a, &cfg, NULL, 0, g_mem_a, sizeof g_mem_a, &err) == MOTE_OK);
  teach(&a, type, 30);
  CHECK(mote_learner_save(&a, g_img, sizeof g_img, &n, &err) == MOTE_OK);
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, g_mem_b, sizeof g_mem_b, &err) == MOTE_OK);
  teach(&b, type, 5);
  memcpy(g_img2, g_mem_b, mote_learner_bytes(&cfg));
  for (i = 0; i < n; i++) {
    const uint8_t flips[3] = {0x01, 0x80, 0xFF};
    int f;
    for (f = 0; f < 3; f++) {
      memcpy(g_bad, g_img, n);
      g_bad[i] ^= flips[f];
      refused += mote_learner_load(&b, g_bad, n, &err) == MOTE_ERR_CORRUPT_MODEL ||
                 err.status == MOTE_ERR_BAD_SHAPE;
    }
  }
  CHECK_EQ_INT(refused, 3 * n);
  for (i = 0; i < n; i++) {
    refused -= mote_learner_load(&b, g_img, i, &err) != MOTE_OK;
  }
  CHECK_EQ_INT(refused, 2 * n);
  CHECK(mote_learner_load(&b, NULL, n, &err) == MOTE_ERR_BAD_ARG);
  CHECK(memcmp(g_img2, g_mem_b, mote_learner_bytes(&cfg)) == 0);
  CHECK(mote_learner_load(&b, g_img, n, &err) == MOTE_OK);
}

static void test_corruption(void) {
  corruption(MOTE_TYPE_INT8);
  corruption(MOTE_TYPE_FLOAT32);
}

static void test_mismatch(void) {
  mote_learner_config_t cfg;
  mote_learner_t a, b;
  mote_error_t err;
  size_t n = 0;
  config(&cfg, MOTE_TYPE_INT8, 2);
  CHECK(mote_learner_init(&a, &cfg, NULL, 0, g_mem_a, sizeof g_mem_a, &err) == MOTE_OK);
  teach(&a, MOTE_TYPE_INT8, 10);
  CHECK(mote_learner_save(&a, g_img, sizeof g_img, &n, &err) == MOTE_OK);
  cfg.hidden_units = 3;
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, g_mem_b, sizeof g_mem_b, &err) == MOTE_OK);
  memset(&err, 0, sizeof err);
  CHECK(mote_learner_load(&b, g_img, n, &err) == MOTE_ERR_BAD_SHAPE);
  CHECK(strstr(err.message, "hidden_units 2") != NULL);
  config(&cfg, MOTE_TYPE_INT8, 2);
  cfg.replay_policy = MOTE_REPLAY_RESERVOIR;
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, g_mem_b, sizeof g_mem_b, &err) == MOTE_OK);
  CHECK(mote_learner_load(&b, g_img, n, &err) == MOTE_ERR_BAD_SHAPE);
  CHECK(strstr(err.message, "replay_policy") != NULL);
  /* Other rates are the loader's own. */
  config(&cfg, MOTE_TYPE_INT8, 2);
  cfg.learning_rate = 0.5f;
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, g_mem_b, sizeof g_mem_b, &err) == MOTE_OK);
  CHECK(mote_learner_load(&b, g_img, n, &err) == MOTE_OK);
}

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

/* Changes word `at` to v and seals the image with a correct CRC. */
static mote_status_t load_forged(mote_learner_t *b, size_t n, size_t at, uint32_t v,
                                 mote_error_t *err) {
  memcpy(g_bad, g_img, n);
  put32(g_bad + at, v);
  put32(g_bad + n - 4, mote_crc32(0, g_bad, n - 4));
  memset(err, 0, sizeof *err);
  return mote_learner_load(b, g_bad, n, err);
}

static void test_forged(void) {
  mote_learner_config_t cfg;
  mote_learner_t a, b;
  mote_error_t err;
  size_t n = 0;
  const size_t counters = 12 * 4, labels = counters + 7 * 4;
  /* After labels, seen and held counts (4 classes each): params,
   * momentum, mean, m2, then the replay slots. */
  const size_t held = labels + 2 * 4 * 4;
  size_t replay_slots;
  config(&cfg, MOTE_TYPE_INT8, 0);
  CHECK(mote_learner_init(&a, &cfg, NULL, 0, g_mem_a, sizeof g_mem_a, &err) == MOTE_OK);
  teach(&a, MOTE_TYPE_INT8, 30);
  CHECK(mote_learner_save(&a, g_img, sizeof g_img, &n, &err) == MOTE_OK);
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, g_mem_b, sizeof g_mem_b, &err) == MOTE_OK);
  CHECK(load_forged(&b, n, counters, 5, &err) == MOTE_ERR_CORRUPT_MODEL);   /* classes */
  CHECK(load_forged(&b, n, counters + 4, 8, &err) == MOTE_ERR_CORRUPT_MODEL); /* replay */
  CHECK(load_forged(&b, n, counters + 16, 0, &err) == MOTE_ERR_CORRUPT_MODEL); /* rng */
  /* Two slots with one label: slot 1 gets slot 0's. */
  CHECK(load_forged(&b, n, labels + 4, get32(g_img + labels), &err) ==
        MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "two slots") != NULL);
  /* A replay entry of a class never learnt. */
  replay_slots = labels + 3 * 4 * 4 + 8u * ((size_t)a.param_count_ + F);
  CHECK(load_forged(&b, n, replay_slots, 3, &err) == MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "replay entry 0") != NULL);
  /* A per-class count that disagrees with the entries. */
  CHECK(load_forged(&b, n, held, 99, &err) == MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "replay entries") != NULL);
  /* The untouched image still loads. */
  CHECK(mote_learner_load(&b, g_img, n, &err) == MOTE_OK);
}

/* Random words anywhere after the header, sealed with a correct CRC: a
 * load either refuses or gives a learner that learns and predicts without
 * touching memory it does not own (ASan watches). */
static void test_forged_random(void) {
  mote_learner_config_t cfg;
  mote_learner_t a, b;
  mote_error_t err;
  size_t n = 0;
  int round, taken = 0;
  config(&cfg, MOTE_TYPE_INT8, 2);
  CHECK(mote_learner_init(&a, &cfg, NULL, 0, g_mem_a, sizeof g_mem_a, &err) == MOTE_OK);
  teach(&a, MOTE_TYPE_INT8, 30);
  CHECK(mote_learner_save(&a, g_img, sizeof g_img, &n, &err) == MOTE_OK);
  CHECK(mote_learner_init(&b, &cfg, NULL, 0, g_mem_b, sizeof g_mem_b, &err) == MOTE_OK);
  for (round = 0; round < 3000; round++) {
    const int words = 1 + (int)(next() % 4u);
    int w;
    memcpy(g_bad, g_img, n);
    for (w = 0; w < words; w++) {
      const size_t at = 12 * 4 + 4 * (next() % (uint32_t)((n - 12 * 4 - 4) / 4));
      const uint32_t v = (next() & 1u) ? next() : next() % 8u;
      put32(g_bad + at, v);
    }
    put32(g_bad + n - 4, mote_crc32(0, g_bad, n - 4));
    if (mote_learner_load(&b, g_bad, n, &err) == MOTE_OK) {
      float x[F];
      uint32_t top[2];
      taken++;
      (void)example(MOTE_TYPE_INT8, 11, x);
      CHECK(mote_learner_learn(&b, x, F, 11, &err) == MOTE_OK ||
            err.status == MOTE_ERR_CAPACITY);
      CHECK(mote_learner_predict(&b, x, F, top, NULL, 2, &err) == MOTE_OK ||
            err.status == MOTE_ERR_BAD_STATE);
    } else {
      CHECK(err.status == MOTE_ERR_CORRUPT_MODEL);
    }
  }
  printf("random forged images: %d of 3000 taken (then learnt from)\n", taken);
  CHECK(taken > 0);
}

int main(void) {
  MOTE_RUN(test_roundtrip);
  MOTE_RUN(test_corruption);
  MOTE_RUN(test_mismatch);
  MOTE_RUN(test_forged);
  MOTE_RUN(test_forged_random);
  return MOTE_TEST_END();
}
