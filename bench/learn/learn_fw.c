/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learner on a bare-metal Cortex-M (shared QEMU harness): learns the
 * generated class-incremental stream of Fashion-MNIST features
 * (learn_fw_data.h) as the host did, then predicts the test features and
 * compares the classes with the host's. The last LFW_TIMED learning steps
 * (replay buffer full, so each step replays replay_per_step examples and
 * the offer walks a full buffer) and the first LFW_TIMED predictions
 * (head only, from features) are marked regions: the harness' plugin
 * prints their exact instruction counts, steps first. Exit status: the
 * number of predictions that differ from the host's (0 passes), 2 for
 * an error. The float head is not bit-exact across x86-64 SSE and FPv4-SP
 * (libm's expf and sqrtf differ by an ulp at times), so the classes are
 * compared, not the probabilities.
 */
#include <stdint.h>

#include "cm_harness.h"
#include "learn_fw_data.h"

#define LFW_TIMED 16u
#define LFW_MEM_BYTES (160u * 1024u)

static uint8_t g_mem[LFW_MEM_BYTES] __attribute__((aligned(8)));

int main(void) {
  mote_learner_t l;
  mote_learner_memory_t mu;
  mote_error_t err;
  uint32_t i;
  uint32_t same = 0;
  const size_t need = mote_learner_bytes(&lfw_config);
  if (need == 0 || need > sizeof g_mem ||
      mote_learner_init(&l, &lfw_config, NULL, 0, g_mem, sizeof g_mem, &err) != MOTE_OK ||
      lfw_train_n <= LFW_TIMED || lfw_test_n < LFW_TIMED) {
    cm_puts("learn_fw: cannot set up the learner\n");
    return 2;
  }
  for (i = 0; i < lfw_train_n; i++) {
    const int timed = i >= lfw_train_n - LFW_TIMED;
    mote_status_t st;
    if (timed) {
      cm_mark_begin();
    }
    st = mote_learner_learn(&l, lfw_train_x[i], LFW_FEATURES, lfw_train_y[i], &err);
    if (timed) {
      cm_mark_end();
    }
    if (st != MOTE_OK) {
      cm_puts("learn_fw: learn failed\n");
      return 2;
    }
  }
  for (i = 0; i < lfw_test_n; i++) {
    uint32_t label = 0;
    mote_status_t st;
    if (i < LFW_TIMED) {
      cm_mark_begin();
    }
    st = mote_learner_predict(&l, lfw_test_x[i], LFW_FEATURES, &label, 0, 1, &err);
    if (i < LFW_TIMED) {
      cm_mark_end();
    }
    if (st != MOTE_OK) {
      cm_puts("learn_fw: predict failed\n");
      return 2;
    }
    same += label == lfw_expect[i];
  }
  mote_learner_memory_usage(&l, &mu);
  cm_puts("learn_fw: steps=");
  cm_put_u64(lfw_train_n);
  cm_puts(" replay=");
  cm_put_u64(mote_learner_replay_count(&l));
  cm_puts(" state_bytes=");
  cm_put_u64(mu.total_bytes);
  cm_puts(" timed_steps=");
  cm_put_u64(LFW_TIMED);
  cm_puts(" timed_predicts=");
  cm_put_u64(LFW_TIMED);
  cm_puts("\nlearn_fw: ");
  cm_put_u64(same);
  cm_puts(" of ");
  cm_put_u64(lfw_test_n);
  cm_puts(" predictions as on the host\n");
  return (int)(lfw_test_n - same);
}
