/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Planner tests: hand-checked plans, offline (fixed) buffers, and a
 * no-overlap check over many random lifetimes.
 */
#include <stdint.h>

#include "memory/planner.h"
#include "test.h"

static void test_chain_reuses_memory(void) {
  /* a -> b -> c: a and c never live together, so c reuses a's bytes. */
  mote_plan_buffer_t b[3] = {{64, 0, 1, MOTE_PLAN_UNPLACED},
                             {32, 1, 2, MOTE_PLAN_UNPLACED},
                             {64, 2, 3, MOTE_PLAN_UNPLACED}};
  uint32_t order[3];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 3, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(total, 96);
  CHECK_EQ_INT(b[0].offset, 0);
  CHECK_EQ_INT(b[2].offset, 0);
  CHECK_EQ_INT(b[1].offset, 64);
  CHECK_EQ_INT(mote_plan_check(b, 3), -1);
}

static void test_all_alive_stack_up(void) {
  mote_plan_buffer_t b[3] = {{16, 0, 5, MOTE_PLAN_UNPLACED},
                             {48, 0, 5, MOTE_PLAN_UNPLACED},
                             {32, 0, 5, MOTE_PLAN_UNPLACED}};
  uint32_t order[3];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 3, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(total, 96);
  /* Largest first. */
  CHECK_EQ_INT(b[1].offset, 0);
  CHECK_EQ_INT(b[2].offset, 48);
  CHECK_EQ_INT(b[0].offset, 80);
}

static void test_fixed_buffers_are_kept(void) {
  mote_plan_buffer_t b[3] = {{32, 0, 2, 64},
                             {64, 0, 2, MOTE_PLAN_UNPLACED},
                             {32, 0, 2, MOTE_PLAN_UNPLACED}};
  uint32_t order[3];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 3, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(b[0].offset, 64);
  CHECK_EQ_INT(b[1].offset, 0);  /* exactly fills the gap below it */
  CHECK_EQ_INT(b[2].offset, 96); /* and the next goes above */
  CHECK_EQ_INT(total, 128);
  CHECK_EQ_INT(mote_plan_check(b, 3), -1);
}

static void test_conflicting_fixed_buffers_rejected(void) {
  /* Buffer 1 is unplaced and alive with both: not a position, so it
   * conflicts with neither. */
  mote_plan_buffer_t b[3] = {
      {32, 0, 2, 0}, {32, 0, 3, MOTE_PLAN_UNPLACED}, {32, 1, 3, 16}};
  uint32_t order[3];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 3, order, 16, &total), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(order[0], 0); /* the pair */
  CHECK_EQ_INT(order[1], 2);
  /* Alive at different steps, the same bytes are fine. */
  b[2].first = 3;
  CHECK_EQ_INT(mote_plan(b, 3, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(b[1].offset, 48); /* above both */
  CHECK_EQ_INT(mote_plan_check(b, 3), -1);
}

static void test_conflict_named_after_a_sound_fixed_buffer(void) {
  /* 0 is fixed and sound; 2 and 3 are fixed, alive together at step 3
   * and overlap: the pair is reported as 2, 3. */
  mote_plan_buffer_t b[4] = {{16, 0, 9, 0},
                             {16, 0, 9, MOTE_PLAN_UNPLACED},
                             {32, 2, 3, 16},
                             {32, 3, 4, 32}};
  uint32_t order[4];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 4, order, 16, &total), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(order[0], 2);
  CHECK_EQ_INT(order[1], 3);
}

static uint32_t next_rand(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static void test_random_plans_never_overlap(void) {
  enum { N = 60 };
  mote_plan_buffer_t b[N];
  uint32_t order[N];
  uint32_t seed = 12345;
  int round;
  for (round = 0; round < 200; round++) {
    uint32_t total = 0;
    uint32_t i;
    uint64_t peak_live = 0;
    int32_t step;
    for (i = 0; i < N; i++) {
      int32_t first = (int32_t)(next_rand(&seed) % 40u);
      b[i].size = 16u * (1u + next_rand(&seed) % 64u);
      b[i].first = first;
      b[i].last = first + (int32_t)(next_rand(&seed) % 8u);
      b[i].offset = (round % 3 == 0 && i < 3) ? 4096u * 16u * i : MOTE_PLAN_UNPLACED;
    }
    CHECK_EQ_INT(mote_plan(b, N, order, 16, &total), MOTE_OK);
    CHECK_EQ_INT(mote_plan_check(b, N), -1);
    /* The plan can never be smaller than the most bytes alive at once. */
    for (step = 0; step < 48; step++) {
      uint64_t live = 0;
      for (i = 0; i < N; i++) {
        if (b[i].first <= step && step <= b[i].last) {
          live += b[i].size;
        }
      }
      if (live > peak_live) {
        peak_live = live;
      }
    }
    CHECK(total >= peak_live);
    for (i = 0; i < N; i++) {
      CHECK(b[i].offset % 16u == 0);
      CHECK(b[i].offset + b[i].size <= total);
    }
  }
}

int main(void) {
  MOTE_RUN(test_chain_reuses_memory);
  MOTE_RUN(test_all_alive_stack_up);
  MOTE_RUN(test_fixed_buffers_are_kept);
  MOTE_RUN(test_conflicting_fixed_buffers_rejected);
  MOTE_RUN(test_conflict_named_after_a_sound_fixed_buffer);
  MOTE_RUN(test_random_plans_never_overlap);
  return MOTE_TEST_END();
}
