/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The greedy planner (mote_plan) against the true optimum on tiny random
 * problems of 2 to 7 buffers (fixed seed), found by brute force.
 *
 * Why trying every order is exhaustive: take an optimal placement and
 * place its buffers in order of their offsets, each at the lowest offset
 * where it fits among those already placed. By induction each lands at or
 * below its optimal offset (every conflicting buffer placed before it lies
 * wholly below its optimal offset), so some order reaches the optimum; the
 * search tries all n! orders, pruning any whose partial height already
 * reaches the best found.
 *
 * Checked: the optimum is sound (mote_plan_check) and never above greedy,
 * and never below the most bytes alive at one step. Printed: how often
 * greedy is optimal (overall and by problem size), the mean and worst
 * ratios, and the worst problem.
 *
 * The bounds asserted are measured, not proved. Greedy by size has no
 * constant worst-case ratio in general (dynamic storage allocation is
 * NP-hard, and first-fit can be a log factor off), so no proved constant
 * would be honest. On these 4,000 problems greedy is optimal in 97.3%, the
 * mean ratio is 1.0038 and the worst 352/224 = 1.571; over 800,000 problems
 * of the same kind (four seeds) the worst was 304/192 = 1.583. The test
 * asserts greedy <= 8/5 of the optimum, optimal in at least 95%, and a
 * mean ratio under 1.01, so that a planner change that loses more fails
 * here.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "memory/planner.h"
#include "test.h"

#define MAX_N 7
#define ROUNDS 4000
#define ALIGN 16u
/* Greedy / optimum, as a fraction: at most 8/5 (see above). */
#define GREEDY_BOUND_NUM 8u
#define GREEDY_BOUND_DEN 5u

static uint32_t next_rand(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static int alive_together(const mote_plan_buffer_t *a,
                          const mote_plan_buffer_t *b) {
  return a->first <= b->last && b->first <= a->last;
}

/* Lowest offset where b[k] fits among the `n` buffers listed in placed[]. */
static uint32_t lowest_fit(const mote_plan_buffer_t *b, const uint32_t *placed,
                           uint32_t n, uint32_t k) {
  uint32_t at = 0;
  uint32_t i;
  int moved = 1;
  while (moved) {
    moved = 0;
    for (i = 0; i < n; i++) {
      const mote_plan_buffer_t *p = &b[placed[i]];
      if (alive_together(p, &b[k]) && at < p->offset + p->size &&
          p->offset < at + b[k].size) {
        at = p->offset + p->size;
        moved = 1;
      }
    }
  }
  return at;
}

typedef struct search {
  mote_plan_buffer_t *b;
  uint32_t n;
  uint32_t placed[MAX_N];
  uint32_t best;
  uint32_t best_offsets[MAX_N];
} search_t;

/* Places every buffer not in `used` (a bit mask) next, in turn, and
 * recurses. */
static void search(search_t *s, uint32_t depth, uint32_t used,
                   uint32_t height) {
  uint32_t k, i;
  if (height >= s->best) {
    return;
  }
  if (depth == s->n) {
    s->best = height;
    for (i = 0; i < s->n; i++) {
      s->best_offsets[i] = s->b[i].offset;
    }
    return;
  }
  for (k = 0; k < s->n; k++) {
    uint32_t top;
    if ((used >> k) & 1u) {
      continue;
    }
    s->b[k].offset = lowest_fit(s->b, s->placed, depth, k);
    top = s->b[k].offset + s->b[k].size;
    s->placed[depth] = k;
    search(s, depth + 1, used | (1u << k), top > height ? top : height);
  }
}

/* The optimum, starting from the bound `upper` (a known placement's
 * height); leaves the optimal offsets in b[]. */
static uint32_t optimum(mote_plan_buffer_t *b, uint32_t n, uint32_t upper) {
  search_t s;
  uint32_t i;
  memset(&s, 0, sizeof s);
  s.b = b;
  s.n = n;
  s.best = upper + 1u;
  search(&s, 0, 0, 0);
  for (i = 0; i < n; i++) {
    b[i].offset = s.best_offsets[i];
  }
  return s.best;
}

static uint32_t most_alive(const mote_plan_buffer_t *b, uint32_t n) {
  uint32_t most = 0;
  int32_t step;
  for (step = 0; step < 8; step++) {
    uint32_t live = 0;
    uint32_t i;
    for (i = 0; i < n; i++) {
      live += b[i].first <= step && step <= b[i].last ? b[i].size : 0;
    }
    most = live > most ? live : most;
  }
  return most;
}

static void print_problem(const char *what, const mote_plan_buffer_t *b,
                          uint32_t n) {
  uint32_t i;
  printf("  %s:", what);
  for (i = 0; i < n; i++) {
    printf(" %u@[%d,%d]", (unsigned)b[i].size, (int)b[i].first, (int)b[i].last);
  }
  printf("\n");
}

static void test_greedy_against_optimum(void) {
  uint32_t seed = 20240611u;
  uint32_t round;
  uint32_t optimal = 0, worst_num = 1, worst_den = 1;
  uint32_t by_n[MAX_N + 1] = {0}, optimal_by_n[MAX_N + 1] = {0};
  double ratio_sum = 0.0;
  mote_plan_buffer_t worst[MAX_N];
  uint32_t worst_n = 0;
  for (round = 0; round < ROUNDS; round++) {
    mote_plan_buffer_t b[MAX_N], opt[MAX_N];
    uint32_t order[MAX_N];
    uint32_t n = 2 + next_rand(&seed) % (MAX_N - 1);
    uint32_t i, greedy = 0, best;
    for (i = 0; i < n; i++) {
      b[i].size = ALIGN * (1 + next_rand(&seed) % 8);
      b[i].first = (int32_t)(next_rand(&seed) % 6);
      b[i].last = b[i].first + (int32_t)(next_rand(&seed) % 3);
      b[i].offset = MOTE_PLAN_UNPLACED;
    }
    memcpy(opt, b, sizeof b);
    CHECK_EQ_INT(mote_plan(b, n, NULL, 0, order, ALIGN, &greedy), MOTE_OK);
    CHECK_EQ_INT(mote_plan_check(b, n, NULL, 0), -1);
    best = optimum(opt, n, greedy);
    CHECK_EQ_INT(mote_plan_check(opt, n, NULL, 0), -1);
    CHECK(best <= greedy);
    CHECK(best >= most_alive(b, n));
    CHECK(greedy * GREEDY_BOUND_DEN <= best * GREEDY_BOUND_NUM);
    optimal += greedy == best;
    by_n[n]++;
    optimal_by_n[n] += greedy == best;
    ratio_sum += (double)greedy / (double)best;
    if ((uint64_t)greedy * worst_den > (uint64_t)worst_num * best) {
      worst_num = greedy;
      worst_den = best;
      memcpy(worst, b, sizeof b);
      worst_n = n;
    }
  }
  printf("greedy vs brute-force optimum, %u problems of 2-%u buffers:\n",
         (unsigned)ROUNDS, (unsigned)MAX_N);
  printf("  greedy optimal in %u (%.1f%%), mean ratio %.4f, worst %u/%u = "
         "%.4f\n",
         (unsigned)optimal, 100.0 * optimal / ROUNDS, ratio_sum / ROUNDS,
         (unsigned)worst_num, (unsigned)worst_den,
         (double)worst_num / (double)worst_den);
  printf("  greedy optimal by buffer count:");
  for (round = 2; round <= MAX_N; round++) {
    printf(" %u: %.1f%%", (unsigned)round,
           100.0 * optimal_by_n[round] / (by_n[round] ? by_n[round] : 1));
  }
  printf("\n");
  if (worst_n > 0) {
    print_problem("worst (bytes@[first,last])", worst, worst_n);
  }
  CHECK(optimal * 100u >= 95u * ROUNDS);
  CHECK(ratio_sum / ROUNDS < 1.01);
}

int main(void) {
  MOTE_RUN(test_greedy_against_optimum);
  return MOTE_TEST_END();
}
