/* SPDX-License-Identifier: Apache-2.0 */
/*
 * End to end on a real int8 base: MLPerf Tiny's ResNet-8 (CIFAR-10), cut
 * at its 64 embedding features (the input of its FULLY_CONNECTED, found
 * by default). invoke_until gives the same features as a full invoke on
 * the golden input and skips the classifier; the learner then learns four
 * new classes of synthetic 32x32 images (stripes, bars, checks, a disc,
 * with random phase, colour jitter and noise) from the interpreter's
 * input, one class after another as in a device's life, and must
 * recognise fresh samples of all four; a saved and reloaded learner
 * predicts the same. Without the shared models it is skipped (CI fails).
 */
#include <string.h>
#include <time.h>

#include "test.h"
#include "support.h"

#define ARENA (160u * 1024u)

static uint8_t g_arena[ARENA] __attribute__((aligned(16)));
static uint8_t g_mem[64 * 1024] __attribute__((aligned(16)));
static uint8_t g_mem2[64 * 1024] __attribute__((aligned(16)));
static uint8_t g_img[64 * 1024];
static uint32_t g_seed = 2024;
static int g_ops;

static uint32_t next(void) {
  g_seed ^= g_seed << 13;
  g_seed ^= g_seed >> 17;
  g_seed ^= g_seed << 5;
  return g_seed;
}

static void count_ops(void *user, uint32_t op, int32_t code, int end) {
  (void)user;
  (void)op;
  (void)code;
  g_ops += end;
}

/* One 32x32x3 image of class c into the int8 input (scale 1, zp -128). */
static void draw(int c, int8_t *in) {
  const int phase = (int)(next() % 8u);
  const int jitter = (int)(next() % 40u);
  int y, x, ch;
  for (y = 0; y < 32; y++) {
    for (x = 0; x < 32; x++) {
      int on;
      switch (c) {
        case 0: on = ((y + phase) / 4) % 2; break;
        case 1: on = ((x + phase) / 4) % 2; break;
        case 2: on = (((x + phase) / 4) + ((y + phase) / 4)) % 2; break;
        default: on = (x - 16) * (x - 16) + (y - 16) * (y - 16) < 80 + 8 * phase; break;
      }
      for (ch = 0; ch < 3; ch++) {
        int v = on ? 200 - jitter + 20 * ch : 40 + jitter - 10 * ch;
        v += (int)(next() % 41u) - 20;
        v = v < 0 ? 0 : v > 255 ? 255 : v;
        in[(y * 32 + x) * 3 + ch] = (int8_t)(v - 128);
      }
    }
  }
}

static void test_learn_on_resnet8(void) {
  char path[1024];
  size_t len = 0;
  uint8_t *bytes;
  uint8_t *golden;
  mote_model_t model;
  mote_resolver_entry_t entries[128];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  mote_tensor_t input, cut;
  mote_learner_config_t cfg;
  mote_learner_t l, l2;
  mote_learner_memory_t mu;
  uint32_t cut_index = 0;
  int8_t full[64];
  int c, n, right = 0, total = 0, same = 0;
  size_t img_len = 0;
  clock_t t0;
  double learn_ms;

  snprintf(path, sizeof path, "%s/mlperf_ic_resnet8_int8.tflite", mote_test_models_dir());
  bytes = mote_test_read_file(path, &len);
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  CHECK(mote_model_open(&model, bytes, len, &err) == MOTE_OK);
  mote_resolver_init(&resolver, entries, 128);
  CHECK(mote_resolver_add_builtins(&resolver) == MOTE_OK);
  mote_arena_init(&arena, g_arena, sizeof g_arena);
  CHECK(mote_interp_init(&in, &model, &resolver, &arena, &err) == MOTE_OK);
  CHECK(mote_learner_find_cut(&in, NULL, &cut_index, &err) == MOTE_OK);
  CHECK_EQ_INT(cut_index, 35);
  CHECK(mote_interp_keep_tensor(&in, cut_index, &err) == MOTE_OK);
  CHECK(mote_interp_prepare(&in, &err) == MOTE_OK);
  mote_interp_set_profiler(&in, count_ops, NULL);
  CHECK(mote_interp_input(&in, 0, &input) == MOTE_OK);
  CHECK(mote_interp_tensor(&in, cut_index, &cut) == MOTE_OK);
  CHECK(cut.bytes == 64 && cut.type == MOTE_TYPE_INT8);

  /* invoke_until against a full invoke on the golden input. */
  snprintf(path, sizeof path, "%s/golden/mlperf_ic_resnet8_int8/mlperf_sample_0/input_0.bin",
           mote_test_models_dir());
  golden = mote_test_read_file(path, &len);
  CHECK(golden != NULL && len == input.bytes);
  if (golden != NULL && len == input.bytes) {
    memcpy(input.data, golden, len);
    g_ops = 0;
    CHECK(mote_interp_invoke(&in, &err) == MOTE_OK);
    CHECK_EQ_INT(g_ops, 16);
    memcpy(full, cut.data, 64);
    memset(cut.data, 0x11, 64);
    memcpy(input.data, golden, len);
    g_ops = 0;
    CHECK(mote_interp_invoke_until(&in, (int32_t)cut_index, &err) == MOTE_OK);
    CHECK_EQ_INT(g_ops, 14); /* FULLY_CONNECTED and SOFTMAX skipped */
    CHECK(memcmp(full, cut.data, 64) == 0);
  }
  free(golden);
  mote_interp_set_profiler(&in, NULL, NULL);

  mote_learner_config_default(&cfg);
  CHECK(mote_learner_config_for_cut(&cfg, &in, cut_index, &err) == MOTE_OK);
  CHECK(cfg.feature_count == 64 && cfg.feature_type == MOTE_TYPE_INT8);
  cfg.hidden_units = 32;
  cfg.max_classes = 6;
  cfg.replay_capacity = 48;
  CHECK(mote_learner_bytes(&cfg) <= sizeof g_mem);
  CHECK(mote_learner_init(&l, &cfg, &in, cut_index, g_mem, sizeof g_mem, &err) == MOTE_OK);
  /* The classes arrive one after another; each is shown 12 times. */
  t0 = clock();
  for (c = 0; c < 4; c++) {
    for (n = 0; n < 12; n++) {
      draw(c, (int8_t *)input.data);
      CHECK(mote_learner_learn_input(&l, (uint32_t)(500 + c), &err) == MOTE_OK);
    }
  }
  /* A few rounds over all of them, as replay would add anyway. */
  for (n = 0; n < 24; n++) {
    c = n % 4;
    draw(c, (int8_t *)input.data);
    CHECK(mote_learner_learn_input(&l, (uint32_t)(500 + c), &err) == MOTE_OK);
  }
  learn_ms = 1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC / 72.0;
  CHECK_EQ_INT(mote_learner_class_count(&l), 4);
  /* Fresh samples. */
  for (c = 0; c < 4; c++) {
    for (n = 0; n < 15; n++) {
      uint32_t label = 0;
      float p = 0.0f;
      draw(c, (int8_t *)input.data);
      CHECK(mote_learner_predict_input(&l, &label, &p, 1, &err) == MOTE_OK);
      right += label == (uint32_t)(500 + c);
      total++;
    }
  }
  CHECK(mote_learner_memory_usage(&l, &mu) == MOTE_OK);
  printf("resnet8 cut %u (64 int8 features): %d of %d fresh samples right; learner %lu "
         "bytes (replay %lu); arena %lu bytes; %.2f ms per learn_input (host)\n",
         cut_index, right, total, (unsigned long)mu.total_bytes,
         (unsigned long)mu.replay_bytes, (unsigned long)mote_interp_arena_used_bytes(&in),
         learn_ms);
  CHECK(right * 10 >= total * 9);

  /* Saved and loaded into a second learner on the same interpreter. */
  CHECK(mote_learner_save(&l, g_img, sizeof g_img, &img_len, &err) == MOTE_OK);
  CHECK(mote_learner_init(&l2, &cfg, &in, cut_index, g_mem2, sizeof g_mem2, &err) == MOTE_OK);
  CHECK(mote_learner_load(&l2, g_img, img_len, &err) == MOTE_OK);
  for (n = 0; n < 8; n++) {
    uint32_t a[2], b[2];
    float pa[2], pb[2];
    const uint32_t seed = g_seed;
    /* The base consumes its input: draw it again for the second. */
    draw(n % 4, (int8_t *)input.data);
    CHECK(mote_learner_predict_input(&l, a, pa, 2, &err) == MOTE_OK);
    g_seed = seed;
    draw(n % 4, (int8_t *)input.data);
    CHECK(mote_learner_predict_input(&l2, b, pb, 2, &err) == MOTE_OK);
    same += memcmp(a, b, sizeof a) == 0 && memcmp(pa, pb, sizeof pa) == 0;
  }
  CHECK_EQ_INT(same, 8);
  free(bytes);
}

int main(void) {
  char path[1024];
  FILE *f;
  snprintf(path, sizeof path, "%s/mlperf_ic_resnet8_int8.tflite", mote_test_models_dir());
  f = fopen(path, "rb");
  if (f == NULL && !mote_test_under_ci()) {
    printf("no %s: 0 passed, 0 failed, 1 skipped\n", path);
    return 0;
  }
  if (f != NULL) {
    fclose(f);
  }
  MOTE_RUN(test_learn_on_resnet8);
  return MOTE_TEST_END();
}
