/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The continual_learning example's device half, on a bare-metal
 * Cortex-M4F (the shared QEMU harness): the learner learns from stored
 * features (no base model on board here: the features are synthetic, 64
 * int8 values per example as ResNet-8's cut gives), saves through the A/B
 * store into a RAM array that stands for two flash sectors, and survives
 * a power cut in the middle of the next save.
 *
 *   1. learn classes 10 and 11, save (save 1, slot A);
 *   2. learn class 12, save, but the power fails halfway through slot B;
 *   3. "reboot": a fresh learner loads save 1 (2 classes) and still knows
 *      10 and 11; save again, reload: 2 classes, save 2;
 *   4. learn 12 once more, save, reload: all three known.
 *
 * One learning step (the last one, replay buffer in use) is a marked
 * region: the harness' plugin prints its exact instruction count. Exit
 * status 0 when every check holds, else the number of the failed check.
 */
#include <stdint.h>
#include <string.h>

#include "cm_harness.h"
#include "mote/mote.h"

#define FEATURES 64u
#define SLOT_BYTES 16384u

static uint8_t g_mem[24 * 1024] __attribute__((aligned(8)));
static uint8_t g_image[SLOT_BYTES];
static uint8_t g_flash[2 * SLOT_BYTES];
static uint32_t g_budget; /* bytes the "flash" still takes before power fails */
static uint32_t g_seed = 7;

static mote_status_t flash_read(void *user, uint32_t offset, void *buf,
                                uint32_t len) {
  (void)user;
  memcpy(buf, g_flash + offset, len);
  return MOTE_OK;
}

/* Writes until the budget runs out, as a power cut would stop it. */
static mote_status_t flash_write(void *user, uint32_t offset, const void *buf,
                                 uint32_t len) {
  const uint32_t n = len < g_budget ? len : g_budget;
  (void)user;
  memcpy(g_flash + offset, buf, n);
  g_budget -= n;
  return n == len ? MOTE_OK : MOTE_ERR_KERNEL;
}

/* One example of class c: a fixed pattern per class plus noise. */
static void features(uint32_t c, int8_t *x) {
  uint32_t i;
  for (i = 0; i < FEATURES; i++) {
    g_seed = g_seed * 1103515245u + 12345u;
    x[i] = (int8_t)((int32_t)(((i * 7u + c * 13u) % 5u) * 20u) - 40 +
                    (int32_t)((g_seed >> 16) % 21u) - 10);
  }
}

static int learn(mote_learner_t *l, uint32_t c, uint32_t n, int mark) {
  int8_t x[FEATURES];
  mote_error_t err;
  uint32_t i;
  for (i = 0; i < n; i++) {
    mote_status_t st;
    features(c, x);
    if (mark && i + 1 == n) {
      cm_mark_begin();
    }
    st = mote_learner_learn(l, x, FEATURES, 10u + c, &err);
    if (mark && i + 1 == n) {
      cm_mark_end();
    }
    if (st != MOTE_OK) {
      return 0;
    }
  }
  return 1;
}

/* Fresh samples of classes [0, classes) predicted right, of 10 each. */
static uint32_t right(mote_learner_t *l, uint32_t classes) {
  int8_t x[FEATURES];
  mote_error_t err;
  uint32_t c, i, ok = 0;
  for (c = 0; c < classes; c++) {
    for (i = 0; i < 10u; i++) {
      uint32_t label = 0;
      features(c, x);
      ok += mote_learner_predict(l, x, FEATURES, &label, NULL, 1, &err) ==
                MOTE_OK && label == 10u + c;
    }
  }
  return ok;
}

static int save(const mote_learner_t *l, const mote_ab_store_t *s) {
  size_t len = 0;
  mote_error_t err;
  return mote_learner_save(l, g_image, sizeof g_image, &len, &err) == MOTE_OK &&
         mote_ab_save(s, g_image, (uint32_t)len, &err) == MOTE_OK;
}

/* A reboot: a fresh learner over the same memory, loaded from flash. */
static int reboot(mote_learner_t *l, const mote_learner_config_t *cfg,
                  const mote_ab_store_t *s, uint32_t *seq) {
  uint32_t len = 0;
  mote_error_t err;
  return mote_learner_init(l, cfg, NULL, 0, g_mem, sizeof g_mem, &err) ==
             MOTE_OK &&
         mote_ab_load(s, g_image, sizeof g_image, &len, seq, &err) == MOTE_OK &&
         mote_learner_load(l, g_image, len, &err) == MOTE_OK;
}

int main(void) {
  mote_learner_config_t cfg;
  mote_learner_t l;
  mote_error_t err;
  const mote_ab_store_t store = {flash_read, flash_write, NULL, SLOT_BYTES};
  uint32_t seq = 0;

  mote_learner_config_default(&cfg);
  cfg.feature_count = FEATURES; /* int8, as ResNet-8's cut */
  cfg.feature_scale = 0.1f;
  cfg.hidden_units = 16;
  cfg.max_classes = 4;
  cfg.replay_capacity = 24;
  if (mote_learner_bytes(&cfg) > sizeof g_mem ||
      mote_learner_init(&l, &cfg, NULL, 0, g_mem, sizeof g_mem, &err) != MOTE_OK) {
    cm_puts("ab_fw: cannot set up the learner\n");
    return 1;
  }
  g_budget = 0xFFFFFFFFu;
  if (!learn(&l, 0, 20, 0) || !learn(&l, 1, 20, 1) || !save(&l, &store)) {
    return 2;
  }
  /* Power fails 1000 bytes into the next save (inside slot B's payload). */
  g_budget = 1000;
  if (!learn(&l, 2, 20, 0) || save(&l, &store)) {
    return 3;
  }
  g_budget = 0xFFFFFFFFu;
  if (!reboot(&l, &cfg, &store, &seq) || seq != 1 ||
      mote_learner_class_count(&l) != 2 || right(&l, 2) < 18) {
    cm_puts("ab_fw: after the power cut, save 1 is not what loads\n");
    return 4;
  }
  cm_puts("ab_fw: power cut during save 2: save 1 loaded, 2 classes, ");
  cm_put_u64(right(&l, 2));
  cm_puts(" of 20 right\n");
  if (!learn(&l, 2, 20, 0) || !save(&l, &store) ||
      !reboot(&l, &cfg, &store, &seq) || seq != 2 ||
      mote_learner_class_count(&l) != 3 || right(&l, 3) < 27) {
    cm_puts("ab_fw: the save after the cut does not load\n");
    return 5;
  }
  cm_puts("ab_fw: save 2 loaded, 3 classes, ");
  cm_put_u64(right(&l, 3));
  cm_puts(" of 30 right; state ");
  cm_put_u64(mote_learner_state_bytes(&l));
  cm_puts(" bytes\n");
  return 0;
}
