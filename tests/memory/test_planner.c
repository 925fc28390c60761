/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Planner tests: hand-checked plans, offline (fixed) buffers, permitted
 * overlaps (an op's output over its input) and their chains, and a
 * no-overlap check over many random lifetimes and shares.
 */
#include <stdint.h>
#include <stdio.h>

#include "memory/planner.h"
#include "test.h"

static void test_chain_reuses_memory(void) {
  /* a -> b -> c: a and c never live together, so c reuses a's bytes. */
  mote_plan_buffer_t b[3] = {{64, 0, 1, MOTE_PLAN_UNPLACED},
                             {32, 1, 2, MOTE_PLAN_UNPLACED},
                             {64, 2, 3, MOTE_PLAN_UNPLACED}};
  uint32_t order[3];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 3, NULL, 0, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(total, 96);
  CHECK_EQ_INT(b[0].offset, 0);
  CHECK_EQ_INT(b[2].offset, 0);
  CHECK_EQ_INT(b[1].offset, 64);
  CHECK_EQ_INT(mote_plan_check(b, 3, NULL, 0), -1);
}

static void test_share_same_size(void) {
  /* An op reads a (dies) and writes b: permitted at rel 0, they coincide
   * and the plan is one buffer, where apart they would need two. */
  mote_plan_buffer_t b[2] = {{64, 0, 1, MOTE_PLAN_UNPLACED},
                             {64, 1, 2, MOTE_PLAN_UNPLACED}};
  const mote_plan_share_t s = {0, 1, 0};
  uint32_t order[2];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 2, &s, 1, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(total, 64);
  CHECK_EQ_INT(b[0].offset, 0);
  CHECK_EQ_INT(b[1].offset, 0);
  CHECK_EQ_INT(mote_plan_check(b, 2, &s, 1), -1);
  /* The same placement is an overlap when nothing permits it. */
  CHECK_EQ_INT(mote_plan_check(b, 2, NULL, 0), 1);
}

static void test_share_chain_with_expansion(void) {
  /* a (32) -> b (32) -> c (96): b over a at 0, c under b with b 64 bytes
   * in (the input at the output's end). The chain is placed as one, so
   * b's two relations hold at once: a and b at 64, c at 0. */
  mote_plan_buffer_t b[3] = {{32, 0, 1, MOTE_PLAN_UNPLACED},
                             {32, 1, 2, MOTE_PLAN_UNPLACED},
                             {96, 2, 3, MOTE_PLAN_UNPLACED}};
  const mote_plan_share_t s[2] = {{0, 1, 0}, {1, 2, 64}};
  uint32_t order[3];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 3, s, 2, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(total, 96);
  CHECK_EQ_INT(b[2].offset, 0);
  CHECK_EQ_INT(b[1].offset, 64);
  CHECK_EQ_INT(b[0].offset, 64);
  CHECK_EQ_INT(mote_plan_check(b, 3, s, 2), -1);
  /* A relation that does not hold is no permission. */
  b[0].offset = 48;
  CHECK(mote_plan_check(b, 3, s, 2) != -1);
}

static void test_share_chain_around_other_buffers(void) {
  /* A long-lived buffer x sits where the chain would start; the chain
   * moves up as a whole, keeping its relations. */
  mote_plan_buffer_t b[3] = {{32, 0, 1, MOTE_PLAN_UNPLACED},
                             {64, 1, 2, MOTE_PLAN_UNPLACED},
                             {128, 0, 3, 0}};
  const mote_plan_share_t s = {0, 1, 32};
  uint32_t order[3];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 3, &s, 1, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(b[1].offset, 128);
  CHECK_EQ_INT(b[0].offset, 160);
  CHECK_EQ_INT(total, 192);
  CHECK_EQ_INT(mote_plan_check(b, 3, &s, 1), -1);
}

static void test_all_alive_stack_up(void) {
  mote_plan_buffer_t b[3] = {{16, 0, 5, MOTE_PLAN_UNPLACED},
                             {48, 0, 5, MOTE_PLAN_UNPLACED},
                             {32, 0, 5, MOTE_PLAN_UNPLACED}};
  uint32_t order[3];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 3, NULL, 0, order, 16, &total), MOTE_OK);
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
  CHECK_EQ_INT(mote_plan(b, 3, NULL, 0, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(b[0].offset, 64);
  CHECK_EQ_INT(b[1].offset, 0);  /* exactly fills the gap below it */
  CHECK_EQ_INT(b[2].offset, 96); /* and the next goes above */
  CHECK_EQ_INT(total, 128);
  CHECK_EQ_INT(mote_plan_check(b, 3, NULL, 0), -1);
}

static void test_conflicting_fixed_buffers_rejected(void) {
  /* Buffer 1 is unplaced and alive with both: not a position, so it
   * conflicts with neither. */
  mote_plan_buffer_t b[3] = {
      {32, 0, 2, 0}, {32, 0, 3, MOTE_PLAN_UNPLACED}, {32, 1, 3, 16}};
  uint32_t order[3];
  uint32_t total = 0;
  CHECK_EQ_INT(mote_plan(b, 3, NULL, 0, order, 16, &total), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(order[0], 0); /* the pair */
  CHECK_EQ_INT(order[1], 2);
  /* Alive at different steps, the same bytes are fine. */
  b[2].first = 3;
  CHECK_EQ_INT(mote_plan(b, 3, NULL, 0, order, 16, &total), MOTE_OK);
  CHECK_EQ_INT(b[1].offset, 48); /* above both */
  CHECK_EQ_INT(mote_plan_check(b, 3, NULL, 0), -1);
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
  CHECK_EQ_INT(mote_plan(b, 4, NULL, 0, order, 16, &total), MOTE_ERR_BAD_ARG);
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
  mote_plan_share_t sh[N / 2];
  uint32_t n_shares;
  uint32_t seed = 12345;
  uint32_t shared = 0;
  uint32_t held = 0;
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
    /* Every third round, chains: buffer i+1 born where buffer i dies,
     * permitted over it at 0 or at the size difference. */
    n_shares = 0;
    if (round % 3 == 1) {
      for (i = 0; i + 1 < N; i += 2) {
        if (b[i].offset != MOTE_PLAN_UNPLACED ||
            b[i + 1].offset != MOTE_PLAN_UNPLACED) {
          continue;
        }
        b[i + 1].first = b[i].last;
        sh[n_shares].a = i;
        sh[n_shares].b = i + 1;
        sh[n_shares].rel =
            b[i + 1].size > b[i].size ? b[i + 1].size - b[i].size : 0;
        n_shares++;
      }
    }
    CHECK_EQ_INT(mote_plan(b, N, sh, n_shares, order, 16, &total), MOTE_OK);
    CHECK_EQ_INT(mote_plan_check(b, N, sh, n_shares), -1);
    shared += n_shares;
    for (i = 0; i < n_shares; i++) {
      held += b[sh[i].a].offset == b[sh[i].b].offset + sh[i].rel;
    }
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
    /* (Permitted overlaps can beat it.) */
    CHECK(n_shares > 0 || total >= peak_live);
    for (i = 0; i < N; i++) {
      CHECK(b[i].offset % 16u == 0);
      CHECK(b[i].offset + b[i].size <= total);
    }
  }
  /* Most permitted overlaps are taken (the rest had buffers in the way). */
  printf("  %u permitted overlaps, %u taken\n", (unsigned)shared,
         (unsigned)held);
  CHECK(held * 2 > shared);
}

int main(void) {
  MOTE_RUN(test_chain_reuses_memory);
  MOTE_RUN(test_share_same_size);
  MOTE_RUN(test_share_chain_with_expansion);
  MOTE_RUN(test_share_chain_around_other_buffers);
  MOTE_RUN(test_all_alive_stack_up);
  MOTE_RUN(test_fixed_buffers_are_kept);
  MOTE_RUN(test_conflicting_fixed_buffers_rejected);
  MOTE_RUN(test_conflict_named_after_a_sound_fixed_buffer);
  MOTE_RUN(test_random_plans_never_overlap);
  return MOTE_TEST_END();
}
