/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Evil-input tests (littlefs' test_evil in spirit): every truncation of real
 * models, and thousands of seeded random byte mutations. Each must give a
 * clean error from open / init / prepare, or a run that completes. Run
 * under ASan and UBSan, any out-of-bounds read or undefined behaviour on
 * the way fails the test; without them it still checks statuses.
 *
 * Models come from the repository (models/sine_*.tflite) and, when
 * present, the shared directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "support.h"

#define ARENA_BYTES (1u << 20)

static uint8_t *g_arena;

static uint32_t xorshift(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static int valid_status(mote_status_t st) {
  return st <= 0 && st >= MOTE_ERR_KERNEL;
}

/* Opens and, if that works, runs the model once on pseudo-random inputs.
 * Returns 1 when every step gave a known status. */
static int try_model(const uint8_t *bytes, size_t len, uint32_t seed) {
  mote_model_t model;
  mote_error_t err;
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_status_t st;
  uint32_t i;
  memset(&err, 0, sizeof err);
  st = mote_model_open(&model, bytes, len, &err);
  if (st != MOTE_OK) {
    return valid_status(st) && err.status == st && err.message[0] != '\0';
  }
  mote_resolver_init(&resolver, entries, MOTE_RESOLVER_BUILTINS);
  mote_resolver_add_builtins(&resolver);
  mote_arena_init(&arena, g_arena, ARENA_BYTES);
  st = mote_interp_init(&interp, &model, &resolver, &arena, &err);
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&interp, &err);
  }
  if (st != MOTE_OK) {
    return valid_status(st) && err.message[0] != '\0';
  }
  for (i = 0; i < mote_interp_input_count(&interp); i++) {
    mote_tensor_t t;
    uint32_t k;
    if (mote_interp_input(&interp, i, &t) != MOTE_OK || t.data == NULL) {
      continue;
    }
    for (k = 0; k < t.bytes; k++) {
      ((uint8_t *)t.data)[k] = (uint8_t)xorshift(&seed);
    }
    /* Random bytes can be NaN or huge floats; keep floats in [-1, 1). */
    if (t.type == MOTE_TYPE_FLOAT32) {
      for (k = 0; k + 4 <= t.bytes; k += 4) {
        float f = (float)(xorshift(&seed) >> 8) / 16777216.0f * 2.0f - 1.0f;
        memcpy((uint8_t *)t.data + k, &f, 4);
      }
    }
  }
  st = mote_interp_invoke(&interp, &err);
  return valid_status(st);
}

typedef struct corpus_model {
  const char *path;
  int all_truncations; /* else a sample */
  int mutations;
} corpus_model_t;

static void run_corpus(const corpus_model_t *cm) {
  size_t len = 0;
  uint8_t *orig = mote_test_read_file(cm->path, &len);
  uint8_t *work;
  size_t cut;
  int m;
  uint32_t seed = 0x9E3779B9u;
  int failures = 0;
  int opened = 0;
  if (orig == NULL) {
    printf("  %s: not present, skipped\n", cm->path);
    CHECK(!mote_test_under_ci()); /* CI must have every corpus model */
    return;
  }
  work = (uint8_t *)malloc(len + 16);
  CHECK(work != NULL);
  if (work == NULL) {
    free(orig);
    return;
  }
  CHECK(try_model(orig, len, 1)); /* the intact model must run */
  for (cut = 0; cut < len; cut += cm->all_truncations ? 1 : (len / 2000 + 1)) {
    /* A copy of exactly `cut` bytes, so ASan sees reads past the end. */
    uint8_t *t = (uint8_t *)malloc(cut ? cut : 1);
    memcpy(t, orig, cut);
    if (!try_model(t, cut, 7)) {
      failures++;
      if (failures < 5) {
        fprintf(stderr, "%s truncated to %zu bytes: bad status\n", cm->path, cut);
      }
    }
    free(t);
  }
  for (m = 0; m < cm->mutations; m++) {
    int flips = 1 + (int)(xorshift(&seed) % 8u);
    int f;
    mote_model_t probe;
    memcpy(work, orig, len);
    for (f = 0; f < flips; f++) {
      uint32_t at = xorshift(&seed) % (uint32_t)len;
      uint32_t kind = xorshift(&seed) % 4u;
      if (kind == 0) {
        work[at] ^= (uint8_t)(1u << (xorshift(&seed) % 8u));
      } else if (kind == 1) {
        work[at] = (uint8_t)xorshift(&seed);
      } else if (kind == 2) {
        work[at] = 0xFF;
      } else {
        work[at] = 0;
      }
    }
    if (!try_model(work, len, (uint32_t)m)) {
      failures++;
      if (failures < 5) {
        fprintf(stderr, "%s mutation %d: bad status\n", cm->path, m);
      }
    }
    if (mote_model_open(&probe, work, len, NULL) == MOTE_OK) {
      opened++;
    }
  }
  printf("  %s: %zu bytes, truncations %s, %d mutations (%d still verified), "
         "%d bad\n",
         cm->path, len, cm->all_truncations ? "all" : "sampled", cm->mutations,
         opened, failures);
  CHECK_EQ_INT(failures, 0);
  free(work);
  free(orig);
}

static void test_corpus(void) {
  char paths[4][1024];
  corpus_model_t corpus[5];
  size_t i;
  /* MOTE_CORRUPT_SCALE=N runs N times the mutations (a longer soak). */
  const char *scale_env = getenv("MOTE_CORRUPT_SCALE");
  int scale = scale_env != NULL ? atoi(scale_env) : 1;
  const char *dir = mote_test_models_dir();
  snprintf(paths[0], sizeof paths[0], "%s/hello_world_int8.tflite", dir);
  snprintf(paths[1], sizeof paths[1], "%s/micro_speech_quantized.tflite", dir);
  snprintf(paths[2], sizeof paths[2], "%s/person_detect.tflite", dir);
  snprintf(paths[3], sizeof paths[3], "%s/hello_world_float.tflite", dir);
  corpus[0].path = MOTE_SOURCE_DIR "/models/sine_int8.tflite";
  corpus[0].all_truncations = 1;
  corpus[0].mutations = 2000;
  corpus[1].path = paths[0];
  corpus[1].all_truncations = 1;
  corpus[1].mutations = 2000;
  corpus[2].path = paths[3];
  corpus[2].all_truncations = 1;
  corpus[2].mutations = 1000;
  corpus[3].path = paths[1];
  corpus[3].all_truncations = 1;
  corpus[3].mutations = 1000;
  corpus[4].path = paths[2];
  corpus[4].all_truncations = 0;
  corpus[4].mutations = 150;
  for (i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
    if (scale > 1) {
      corpus[i].mutations *= scale;
    }
    run_corpus(&corpus[i]);
  }
}

int main(void) {
  g_arena = (uint8_t *)malloc(ARENA_BYTES);
  MOTE_RUN(test_corpus);
  free(g_arena);
  return MOTE_TEST_END();
}
