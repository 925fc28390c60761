/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A/B storage over simulated storage whose writes stop after a budget of
 * bytes (a power cut): a save cut at every byte leaves the previous state
 * loadable, and the new one once the save completes; a damaged newest
 * slot falls back to the other; an empty store, a state too big and a
 * failing read are refused. Then a learner's state image through it.
 */
#include <string.h>

#include "test.h"
#include "mote/ab_store.h"
#include "mote/train.h"

#define SLOT 700u

typedef struct flash {
  uint8_t bytes[2 * SLOT];
  long budget; /* bytes a write may still store; < 0 for no limit */
  int fail_reads;
} flash_t;

static mote_status_t fl_read(void *user, uint32_t off, void *buf, uint32_t len) {
  flash_t *f = (flash_t *)user;
  if (f->fail_reads || off + len > sizeof f->bytes) {
    return MOTE_ERR_KERNEL;
  }
  memcpy(buf, f->bytes + off, len);
  return MOTE_OK;
}

static mote_status_t fl_write(void *user, uint32_t off, const void *buf, uint32_t len) {
  flash_t *f = (flash_t *)user;
  uint32_t n = len;
  if (off + len > sizeof f->bytes) {
    return MOTE_ERR_KERNEL;
  }
  if (f->budget >= 0 && (long)n > f->budget) {
    n = (uint32_t)f->budget;
  }
  memcpy(f->bytes + off, buf, n);
  if (f->budget >= 0) {
    f->budget -= (long)n;
  }
  return n == len ? MOTE_OK : MOTE_ERR_KERNEL;
}

static flash_t g_flash;
static flash_t g_saved;

static void store(mote_ab_store_t *s) {
  s->read = fl_read;
  s->write = fl_write;
  s->user = &g_flash;
  s->slot_bytes = SLOT;
}

static void fill(uint8_t *p, uint32_t n, uint8_t tag) {
  uint32_t i;
  for (i = 0; i < n; i++) {
    p[i] = (uint8_t)(tag + i * 7u);
  }
}

static void test_torn_writes(void) {
  mote_ab_store_t s;
  mote_error_t err;
  uint8_t a[300], b[500], c[200], out[SLOT];
  uint32_t len = 0, seq = 0;
  long cut, total;
  int k;
  store(&s);
  memset(g_flash.bytes, 0xFF, sizeof g_flash.bytes);
  g_flash.fail_reads = 0;
  g_flash.budget = -1;
  CHECK(mote_ab_load(&s, out, sizeof out, &len, &seq, &err) == MOTE_ERR_CORRUPT_MODEL);
  fill(a, sizeof a, 1);
  fill(b, sizeof b, 2);
  fill(c, sizeof c, 3);
  /* Each round: the newest state is `prev`; a save of `next` is cut at
   * every byte of its writes (wipe, payload, header). Rounds alternate
   * the target slot. */
  for (k = 0; k < 3; k++) {
    const uint8_t *prev = k == 0 ? a : k == 1 ? b : c;
    const uint32_t prev_len = k == 0 ? sizeof a : k == 1 ? sizeof b : sizeof c;
    const uint8_t *next = k == 0 ? b : k == 1 ? c : a;
    const uint32_t next_len = k == 0 ? sizeof b : k == 1 ? sizeof c : sizeof a;
    uint32_t prev_seq;
    CHECK(mote_ab_save(&s, prev, prev_len, &err) == MOTE_OK);
    CHECK(mote_ab_load(&s, out, sizeof out, &len, &prev_seq, &err) == MOTE_OK);
    CHECK(len == prev_len && memcmp(out, prev, len) == 0);
    g_saved = g_flash;
    total = (long)(MOTE_AB_HEADER_BYTES * 2u + next_len);
    for (cut = 0; cut <= total; cut++) {
      mote_status_t st;
      g_flash = g_saved;
      g_flash.budget = cut;
      st = mote_ab_save(&s, next, next_len, &err);
      g_flash.budget = -1;
      CHECK((st == MOTE_OK) == (cut == total));
      CHECK(mote_ab_load(&s, out, sizeof out, &len, &seq, &err) == MOTE_OK);
      if (cut == total) {
        CHECK(len == next_len && memcmp(out, next, len) == 0 && seq == prev_seq + 1);
      } else {
        CHECK(len == prev_len && memcmp(out, prev, len) == 0 && seq == prev_seq);
      }
    }
  }
  /* A damaged newest slot: the other is loaded. */
  CHECK(mote_ab_load(&s, out, sizeof out, &len, &seq, &err) == MOTE_OK);
  {
    const uint32_t newest = (seq & 1u) == 1u ? 0u : 1u; /* seq 1 went to slot 0 */
    g_flash.bytes[newest * SLOT + MOTE_AB_HEADER_BYTES + 3] ^= 0x10;
    CHECK(mote_ab_load(&s, out, sizeof out, &len, &seq, &err) == MOTE_OK);
    CHECK(len == sizeof c && memcmp(out, c, len) == 0);
    /* Now both damaged. */
    g_flash.bytes[(1u - newest) * SLOT + 2] ^= 0x01;
    CHECK(mote_ab_load(&s, out, sizeof out, &len, &seq, &err) == MOTE_ERR_CORRUPT_MODEL);
  }
}

static void test_refusals(void) {
  mote_ab_store_t s;
  mote_error_t err;
  uint8_t a[SLOT], out[16];
  uint32_t len;
  store(&s);
  memset(g_flash.bytes, 0, sizeof g_flash.bytes);
  g_flash.fail_reads = 0;
  g_flash.budget = -1;
  fill(a, sizeof a, 9);
  CHECK(mote_ab_save(&s, a, SLOT - MOTE_AB_HEADER_BYTES + 1, &err) == MOTE_ERR_CAPACITY);
  CHECK(mote_ab_save(&s, a, 40, &err) == MOTE_OK);
  CHECK(mote_ab_load(&s, out, sizeof out, &len, NULL, &err) == MOTE_ERR_CAPACITY);
  g_flash.fail_reads = 1;
  CHECK(mote_ab_load(&s, a, sizeof a, &len, NULL, &err) == MOTE_ERR_KERNEL);
  CHECK(mote_ab_save(&s, a, 40, &err) == MOTE_ERR_KERNEL);
  g_flash.fail_reads = 0;
  s.read = NULL;
  CHECK(mote_ab_save(&s, a, 40, &err) == MOTE_ERR_BAD_ARG);
  store(&s);
  s.slot_bytes = MOTE_AB_HEADER_BYTES;
  CHECK(mote_ab_load(&s, a, sizeof a, &len, NULL, &err) == MOTE_ERR_BAD_ARG);
}

static void test_learner_state(void) {
  static uint8_t mem[8192] __attribute__((aligned(16)));
  static uint8_t img[SLOT], back[SLOT];
  mote_learner_config_t cfg;
  mote_learner_t l;
  mote_ab_store_t s;
  mote_error_t err;
  int8_t x[4] = {1, -3, 20, 7};
  size_t n = 0;
  uint32_t len = 0;
  mote_learner_config_default(&cfg);
  cfg.feature_count = 4;
  cfg.feature_scale = 0.1f;
  cfg.replay_capacity = 8;
  CHECK(mote_learner_init(&l, &cfg, NULL, 0, mem, sizeof mem, &err) == MOTE_OK);
  CHECK(mote_learner_learn(&l, x, sizeof x, 3, &err) == MOTE_OK);
  CHECK(mote_learner_save(&l, img, sizeof img, &n, &err) == MOTE_OK);
  store(&s);
  memset(g_flash.bytes, 0xFF, sizeof g_flash.bytes);
  g_flash.fail_reads = 0;
  g_flash.budget = -1;
  CHECK(mote_ab_save(&s, img, (uint32_t)n, &err) == MOTE_OK);
  CHECK(mote_ab_load(&s, back, sizeof back, &len, NULL, &err) == MOTE_OK);
  mote_learner_reset(&l);
  CHECK(mote_learner_load(&l, back, len, &err) == MOTE_OK);
  CHECK(mote_learner_class_count(&l) == 1 && mote_learner_class_label(&l, 0) == 3);
}

int main(void) {
  MOTE_RUN(test_torn_writes);
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_learner_state);
  return MOTE_TEST_END();
}
