/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: the learner's state loader (mote_learner_load) on
 * images that are valid but for what the input changes.
 *
 * Random bytes would almost never pass the image's magic, size and CRC,
 * so the input is a recipe instead: byte 0 picks a learner (int8 or float
 * features, with or without a hidden layer, the replay policy, how long
 * it trains) and whether the CRC is fixed up after the changes; the rest
 * is a list of changes to the learner's saved image (3 bytes each: a
 * 16-bit offset and a byte to XOR there), and a final odd byte truncates
 * the image. With the CRC fixed up, the loader's content checks are what
 * stands between a forged image and the learner's next step: a loaded
 * learner must then predict, learn and save again without a sanitizer
 * report. Every call returns MOTE_OK or a known error with its message.
 *
 * Build: cmake -DMOTE_FUZZ=ON with clang, target fuzz_learner_state.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/crc32.h"
#include "fuzz_common.h"
#include "mote/train.h"

#define F 6
#define MEM_BYTES 16384u
#define IMG_BYTES 4096u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t g_mem_a[MEM_BYTES / 8];
static uint64_t g_mem_b[MEM_BYTES / 8];
static uint8_t g_img[IMG_BYTES];
static uint8_t g_img2[IMG_BYTES];

static void config(mote_learner_config_t *cfg, uint8_t pick) {
  mote_learner_config_default(cfg);
  cfg->feature_count = F;
  cfg->feature_type = (pick & 1u) ? MOTE_TYPE_FLOAT32 : MOTE_TYPE_INT8;
  cfg->feature_scale = 0.1f;
  cfg->feature_zero_point = -3;
  cfg->hidden_units = (pick & 2u) ? 4u : 0u;
  cfg->max_classes = 4;
  cfg->replay_capacity = 5;
  cfg->replay_per_step = 2;
  cfg->replay_policy =
      (pick & 4u) ? MOTE_REPLAY_CLASS_BALANCED : MOTE_REPLAY_RESERVOIR;
}

/* Example `i` of class c, in the config's type; its byte count. */
static size_t example(const mote_learner_config_t *cfg, uint32_t i, uint32_t c,
                      void *out) {
  uint32_t k;
  for (k = 0; k < F; k++) {
    const int v = (int)((i * 7u + k * 13u) % 23u) - 11 + (k == c ? 30 : 0);
    if (cfg->feature_type == MOTE_TYPE_INT8) {
      ((int8_t *)out)[k] = (int8_t)v;
    } else {
      ((float *)out)[k] = 0.1f * (float)v;
    }
  }
  return cfg->feature_type == MOTE_TYPE_INT8 ? F : F * sizeof(float);
}

/* What an application does with a learner it loaded. */
static void use(mote_learner_t *l, const mote_learner_config_t *cfg) {
  float x[F], probs[2];
  uint32_t labels[2];
  size_t n, written = 0;
  mote_error_t err;
  memset(&err, 0, sizeof err);
  n = example(cfg, 5u, 1u, x);
  fuzz_check(mote_learner_predict(l, x, n, labels, probs, 2, &err), &err);
  memset(&err, 0, sizeof err);
  fuzz_check(mote_learner_learn(l, x, n, 100u + 2u, &err), &err);
  memset(&err, 0, sizeof err);
  fuzz_check(mote_learner_save(l, g_img2, sizeof g_img2, &written, &err),
             &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mote_learner_config_t cfg;
  mote_learner_t a, b;
  mote_error_t err;
  size_t len = 0, i;
  uint32_t steps, s;
  mote_status_t st;
  uint8_t pick;
  if (size < 1) {
    return 0;
  }
  pick = data[0];
  config(&cfg, pick);
  memset(&err, 0, sizeof err);
  if (mote_learner_init(&a, &cfg, NULL, 0, g_mem_a, sizeof g_mem_a, &err) !=
      MOTE_OK) {
    __builtin_trap(); /* the fixed configs are valid */
  }
  steps = (uint32_t)(pick >> 4) * 3u;
  for (s = 0; s < steps; s++) {
    float x[F];
    const uint32_t c = s % 3u;
    const size_t n = example(&cfg, s, c, x);
    if (mote_learner_learn(&a, x, n, 100u + c, &err) != MOTE_OK) {
      __builtin_trap();
    }
  }
  if (mote_learner_save(&a, g_img, sizeof g_img, &len, &err) != MOTE_OK) {
    __builtin_trap();
  }
  /* The changes, then a truncation by the odd byte left over. */
  for (i = 1; i + 3 <= size; i += 3) {
    const size_t off = ((size_t)data[i] | (size_t)data[i + 1] << 8) % len;
    g_img[off] ^= data[i + 2];
  }
  if (i < size && data[i] != 0) {
    len -= data[i] % len;
  }
  if ((pick & 8u) != 0 && len >= 4) {
    const uint32_t crc = mote_crc32(0, g_img, len - 4);
    g_img[len - 4] = (uint8_t)crc;
    g_img[len - 3] = (uint8_t)(crc >> 8);
    g_img[len - 2] = (uint8_t)(crc >> 16);
    g_img[len - 1] = (uint8_t)(crc >> 24);
  }
  if (mote_learner_init(&b, &cfg, NULL, 0, g_mem_b, sizeof g_mem_b, &err) !=
      MOTE_OK) {
    __builtin_trap();
  }
  memset(&err, 0, sizeof err);
  st = mote_learner_load(&b, g_img, len, &err);
  fuzz_check(st, &err);
  /* Loaded or refused, the learner must stay usable. */
  use(&b, &cfg);
  return 0;
}
