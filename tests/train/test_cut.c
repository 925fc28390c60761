/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learner bound to an interpreter (the committed sine model, cut at
 * dense_2/relu: 16 int8 features): the config is read from the cut; a cut
 * of another type or size, an unprepared interpreter, a tensor out of
 * range and a cut that was not kept are refused with a clear error; a
 * model without FULLY_CONNECTED needs a name. Then it learns two classes
 * of inputs (x < 0, x > 0.5) through learn_input and predicts them.
 */
#include <string.h>

#include "test.h"
#include "support.h"

static uint8_t g_arena[8192] __attribute__((aligned(16)));
static uint8_t g_mem[16384] __attribute__((aligned(16)));

typedef struct fixture {
  uint8_t *bytes;
  mote_model_t model;
  mote_resolver_entry_t entries[1];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t in;
} fixture_t;

static int open_sine(fixture_t *f, int keep, int prepare) {
  mote_error_t err;
  size_t len = 0;
  f->bytes = mote_test_read_file(MOTE_SOURCE_DIR "/models/sine_int8.tflite", &len);
  if (f->bytes == NULL || mote_model_open(&f->model, f->bytes, len, &err) != MOTE_OK) {
    return 0;
  }
  mote_resolver_init(&f->resolver, f->entries, 1);
  mote_resolver_add(&f->resolver, MOTE_OP_FULLY_CONNECTED, &mote_kernel_fully_connected);
  mote_arena_init(&f->arena, g_arena, sizeof g_arena);
  if (mote_interp_init(&f->in, &f->model, &f->resolver, &f->arena, &err) != MOTE_OK) {
    return 0;
  }
  if (keep && mote_interp_keep_tensor(&f->in, 6, &err) != MOTE_OK) {
    return 0;
  }
  return !prepare || mote_interp_prepare(&f->in, &err) == MOTE_OK;
}

static void test_refusals(void) {
  fixture_t f;
  mote_learner_config_t cfg;
  mote_learner_t l;
  mote_error_t err;
  CHECK(open_sine(&f, 1, 0));
  mote_learner_config_default(&cfg);
  memset(&err, 0, sizeof err);
  CHECK(mote_learner_config_for_cut(&cfg, &f.in, 6, &err) == MOTE_ERR_BAD_STATE);
  CHECK(mote_interp_prepare(&f.in, &err) == MOTE_OK);
  CHECK(mote_learner_config_for_cut(&cfg, &f.in, 99, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_config_for_cut(&cfg, &f.in, 2, &err) == MOTE_ERR_UNSUPPORTED_TYPE);
  CHECK(strstr(err.message, "int8 or float32") != NULL);
  CHECK(mote_learner_config_for_cut(&cfg, &f.in, 6, &err) == MOTE_OK);
  CHECK_EQ_INT(cfg.feature_count, 16);
  CHECK_EQ_INT(cfg.feature_type, MOTE_TYPE_INT8);
  CHECK_EQ_INT(cfg.feature_zero_point, -128);
  /* The config for tensor 6 against other tensors. */
  CHECK(mote_learner_init(&l, &cfg, &f.in, 0, g_mem, sizeof g_mem, &err) == MOTE_ERR_BAD_SHAPE);
  CHECK(strstr(err.message, "feature_count 16") != NULL);
  cfg.feature_type = MOTE_TYPE_FLOAT32;
  CHECK(mote_learner_init(&l, &cfg, &f.in, 6, g_mem, sizeof g_mem, &err) ==
        MOTE_ERR_UNSUPPORTED_TYPE);
  cfg.feature_type = MOTE_TYPE_INT8;
  /* Tensor 3 fits the shape but was not kept: learning from the input
   * says so. */
  CHECK(mote_learner_init(&l, &cfg, &f.in, 3, g_mem, sizeof g_mem, &err) == MOTE_OK);
  CHECK(mote_learner_learn_input(&l, 1, &err) == MOTE_ERR_BAD_ARG);
  CHECK(strstr(err.message, "neither kept") != NULL);
  free(f.bytes);
}

static void set_x(fixture_t *f, float x) {
  mote_tensor_t t;
  CHECK(mote_interp_input(&f->in, 0, &t) == MOTE_OK);
  CHECK(mote_quantize_floats(&t, &x, 1, NULL) == MOTE_OK);
}

static void test_learn_input(void) {
  fixture_t f;
  mote_learner_config_t cfg;
  mote_learner_t l;
  mote_error_t err;
  int s, right = 0;
  uint32_t cut = 0;
  CHECK(open_sine(&f, 1, 1));
  CHECK(mote_learner_find_cut(&f.in, NULL, &cut, &err) == MOTE_OK);
  mote_learner_config_default(&cfg);
  CHECK(mote_learner_config_for_cut(&cfg, &f.in, cut, &err) == MOTE_OK);
  cfg.replay_capacity = 16;
  CHECK(mote_learner_init(&l, &cfg, &f.in, cut, g_mem, sizeof g_mem, &err) == MOTE_OK);
  for (s = 0; s < 200; s++) {
    const int neg = s % 2 == 0;
    const float x = neg ? -0.2f - 2.5f * (float)(s % 11) / 11.0f
                        : 0.7f + 2.0f * (float)(s % 13) / 13.0f;
    set_x(&f, x);
    CHECK(mote_learner_learn_input(&l, neg ? 7u : 9u, &err) == MOTE_OK);
  }
  for (s = 0; s < 20; s++) {
    const int neg = s % 2 == 0;
    const float x = neg ? -0.3f - 0.1f * (float)s : 0.8f + 0.09f * (float)s;
    uint32_t label = 0;
    set_x(&f, x);
    CHECK(mote_learner_predict_input(&l, &label, NULL, 1, &err) == MOTE_OK);
    right += label == (neg ? 7u : 9u);
  }
  printf("sine features: %d of 20 right\n", right);
  CHECK(right >= 18);
  free(f.bytes);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_learn_input);
  return MOTE_TEST_END();
}
