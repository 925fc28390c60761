/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_interp_invoke_until on the committed sine model (three
 * FULLY_CONNECTED ops): the kept tensor after op 1 equals what a full
 * invoke leaves there (it is poisoned between the runs) and op 2 does not
 * run (the profiler sees two ops; the output's bytes cannot show it, as
 * the plan lends them to op 0's output before op 2 writes them), and
 * tensors not kept, not written by
 * any op or out of range are refused, as is a call before prepare.
 */
#include <string.h>

#include "test.h"
#include "support.h"

static uint8_t g_arena[8192] __attribute__((aligned(16)));

static int g_ops_run;

static void count_ops(void *user, uint32_t op, int32_t code, int end) {
  (void)user;
  (void)op;
  (void)code;
  g_ops_run += end;
}

static void test_invoke_until(void) {
  mote_model_t model;
  mote_resolver_entry_t entries[1];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  mote_tensor_t input, cut, out;
  size_t len = 0;
  uint8_t *bytes = mote_test_read_file(MOTE_SOURCE_DIR "/models/sine_int8.tflite", &len);
  int8_t full[16];
  int8_t x;
  uint32_t idx = 0;
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  CHECK(mote_model_open(&model, bytes, len, &err) == MOTE_OK);
  mote_resolver_init(&resolver, entries, 1);
  mote_resolver_add(&resolver, MOTE_OP_FULLY_CONNECTED, &mote_kernel_fully_connected);
  mote_arena_init(&arena, g_arena, sizeof g_arena);
  CHECK(mote_interp_init(&in, &model, &resolver, &arena, &err) == MOTE_OK);
  /* The default cut: the input of the last FULLY_CONNECTED. */
  CHECK(mote_learner_find_cut(&in, NULL, &idx, &err) == MOTE_OK);
  CHECK_EQ_INT(idx, 6);
  CHECK(mote_learner_find_cut(&in, "dense_1/relu", &idx, &err) == MOTE_OK);
  CHECK_EQ_INT(idx, 3);
  CHECK(mote_learner_find_cut(&in, "nope", &idx, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_interp_invoke_until(&in, 6, &err) == MOTE_ERR_BAD_STATE);
  CHECK(mote_interp_keep_tensor(&in, 6, &err) == MOTE_OK);
  CHECK(mote_interp_keep_tensor(&in, 0, &err) == MOTE_OK);
  CHECK(mote_interp_prepare(&in, &err) == MOTE_OK);
  mote_interp_set_profiler(&in, count_ops, NULL);
  CHECK(mote_interp_input(&in, 0, &input) == MOTE_OK);
  CHECK(mote_interp_output(&in, 0, &out) == MOTE_OK);
  CHECK(mote_interp_tensor(&in, 6, &cut) == MOTE_OK);
  for (x = -128; x < 127; x = (int8_t)(x + 17)) {
    *(int8_t *)input.data = x;
    g_ops_run = 0;
    CHECK(mote_interp_invoke(&in, &err) == MOTE_OK);
    CHECK_EQ_INT(g_ops_run, 3);
    memcpy(full, cut.data, 16);
    memset(cut.data, 0x5A, 16);
    *(int8_t *)input.data = x;
    g_ops_run = 0;
    CHECK(mote_interp_invoke_until(&in, 6, &err) == MOTE_OK);
    CHECK_EQ_INT(g_ops_run, 2);
    CHECK(memcmp(full, cut.data, 16) == 0);
  }
  /* An output: runs everything. */
  g_ops_run = 0;
  CHECK(mote_interp_invoke_until(&in, 9, &err) == MOTE_OK);
  CHECK_EQ_INT(g_ops_run, 3);
  memset(&err, 0, sizeof err);
  CHECK(mote_interp_invoke_until(&in, 3, &err) == MOTE_ERR_BAD_ARG);
  CHECK(strstr(err.message, "neither kept") != NULL);
  CHECK(mote_interp_invoke_until(&in, 0, &err) == MOTE_ERR_BAD_ARG);
  CHECK(strstr(err.message, "no operator writes") != NULL);
  CHECK(mote_interp_invoke_until(&in, 10, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_interp_invoke_until(&in, -1, &err) == MOTE_ERR_BAD_ARG);
  free(bytes);
}

int main(void) {
  MOTE_RUN(test_invoke_until);
  return MOTE_TEST_END();
}
