/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memory plan of a graph (memory/memplan.h), without any model:
 *
 *  - lifetime rules, hand-checked;
 *  - thousands of random small graphs (fixed seed): every offset aligned
 *    and inside the plan, offline offsets kept exactly, and, checked byte
 *    by byte at every step, no two buffers alive together share a byte;
 *    then the run is simulated (each write stamps its buffer's bytes) and
 *    every read, and every kept tensor at the end, must find its own
 *    stamp;
 *  - offline plans: honoured exactly, refused when misaligned or when two
 *    fixed tensors alive together overlap, naming them;
 *  - scratch overlays dead tensors: free when it fits under the peak, the
 *    peak itself when it does not;
 *  - keep: a tensor whose bytes a later step would take keeps them;
 *  - what the plan refuses (sizes past 4 GiB, bad init arguments) and what
 *    it ignores (out-of-range tensors, a full scratch table).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory/memplan.h"
#include "test.h"

#define MAX_T 20
#define MAX_STEPS 12
#define MAX_SCRATCH 4
#define MAX_EVENTS 96

/* Plan memory, 4-byte aligned, enough for any graph here. */
static uint32_t g_mem[(MAX_T + MAX_SCRATCH) * 5 + 48];

static uint32_t next_rand(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static mote_status_t start(mote_memplan_t *p, uint32_t tensors,
                           uint32_t scratch, uint32_t steps, uint32_t align) {
  return mote_memplan_init(p, g_mem, sizeof g_mem, tensors, scratch, 16, steps,
                           align);
}

/* One recording call: what a step does to a tensor. */
typedef struct event {
  uint8_t kind; /* EV_* */
  uint8_t step;
  int8_t tensor;
} event_t;

enum { EV_WRITE, EV_READ, EV_INPUT, EV_KEEP };

/* The call each event stands for. */
static void record_event(mote_memplan_t *p, const event_t *e) {
  switch (e->kind) {
  case EV_WRITE:
    mote_memplan_write(p, e->step, e->tensor);
    break;
  case EV_READ:
    mote_memplan_read(p, e->step, e->tensor);
    break;
  case EV_INPUT:
    mote_memplan_input(p, e->tensor);
    break;
  default:
    mote_memplan_keep(p, e->tensor);
    break;
  }
}

/* --- overlaps (mote_memplan_share) -------------------------------------- */

/* A chain of layers t0 -> t1 -> ... (op i reads t(i), writes t(i+1)),
 * sizes in bytes, recorded with the output of op i over its input at
 * rel[i]; returns a bit per op whose share was recorded. */
static uint32_t record_layers(mote_memplan_t *p, const uint32_t *size,
                             const uint32_t *rel, uint32_t ops) {
  uint32_t i;
  uint32_t recorded = 0;
  CHECK_EQ_INT(start(p, ops + 1, 0, ops, 16), MOTE_OK);
  mote_memplan_input(p, 0);
  for (i = 0; i < ops; i++) {
    mote_memplan_write(p, i, (int32_t)i + 1);
    mote_memplan_read(p, i, (int32_t)i);
  }
  mote_memplan_keep(p, (int32_t)ops);
  for (i = 0; i <= ops; i++) {
    mote_memplan_size(p, (int32_t)i, size[i], MOTE_MEMPLAN_NONE);
  }
  for (i = 0; i < ops; i++) {
    if (mote_memplan_share(p, i, (int32_t)i, (int32_t)i + 1, rel[i])) {
      recorded |= 1u << i;
    }
  }
  return recorded;
}

static void test_shares_chain_like_mobilenet(void) {
  /* VWW's first layers: input 27648, a stride-2 conv to 18432, a
   * depthwise 18432, a pointwise expansion to 36864, a stride-2
   * depthwise to 9216, a pointwise to 18432. Every link fits the chain
   * but the last: under it the chain would lift the first layers past
   * their own sizes, and its op (27648 bytes) is smaller than theirs, so
   * it is refused. Peak: the input over the first output, 46080 bytes,
   * where apart the layers need 55296. */
  static const uint32_t size[6] = {27648, 18432, 18432, 36864, 9216, 18432};
  static const uint32_t rel[5] = {0, 0, 18432, 0, 9216};
  mote_memplan_t p;
  uint32_t recorded = record_layers(&p, size, rel, 5);
  CHECK_EQ_INT(recorded, 0x0F);
  CHECK_EQ_INT(mote_memplan_place(&p, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_memplan_total(&p), 46080);
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 3), 0);
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 2), 18432);
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 0), 18432);
}

static void test_shares_cut_for_a_larger_op(void) {
  /* A small contraction first (64 -> 32), then a large expansion (32 ->
   * 512): the new link's op outweighs the old one, so the chain is cut
   * above the expansion instead. */
  static const uint32_t size[3] = {64, 32, 512};
  static const uint32_t rel[2] = {0, 480};
  mote_memplan_t p;
  const uint32_t recorded = record_layers(&p, size, rel, 2);
  CHECK_EQ_INT(recorded, 0x3);
  CHECK_EQ_INT(mote_memplan_place(&p, NULL), MOTE_OK);
  /* t1 over t2's end; t0 apart (the first link was cut), below t1 in
   * t2's bytes, which are free at step 0. */
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 1),
               mote_memplan_tensor_offset(&p, 2) + 480);
  CHECK(mote_memplan_tensor_offset(&p, 0) + 64 <=
        mote_memplan_tensor_offset(&p, 1));
  CHECK_EQ_INT(mote_memplan_total(&p), 512);
}

static void test_shares_never_cost_memory(void) {
  /* Random chains of 12 layers, every op's output permitted over its
   * input: whatever the chains do to the packing, the plan is never
   * larger than the plan without them (memplan.c plans both). */
  enum { OPS = 12 };
  uint32_t seed = 99;
  int round;
  int smaller = 0;
  for (round = 0; round < 300; round++) {
    uint32_t size[OPS + 1];
    uint32_t rel[OPS];
    uint32_t with, without, i;
    mote_memplan_t p;
    for (i = 0; i <= OPS; i++) {
      seed = seed * 1103515245u + 12345u;
      size[i] = 16u * (1u + (seed >> 16) % 64u);
    }
    for (i = 0; i < OPS; i++) {
      rel[i] = size[i + 1] > size[i] ? size[i + 1] - size[i] : 0;
    }
    (void)record_layers(&p, size, rel, OPS);
    CHECK_EQ_INT(mote_memplan_place(&p, NULL), MOTE_OK);
    with = mote_memplan_total(&p);
    for (i = 0; i < OPS; i++) {
      rel[i] = 1; /* misaligned: refused, so no overlaps */
    }
    (void)record_layers(&p, size, rel, OPS);
    CHECK_EQ_INT(mote_memplan_place(&p, NULL), MOTE_OK);
    without = mote_memplan_total(&p);
    CHECK(with <= without);
    smaller += with < without;
  }
  printf("  overlaps made the plan smaller in %d of 300 chains\n", smaller);
  CHECK(smaller > 100);
}

static void test_shares_refused(void) {
  static const uint32_t size[3] = {64, 64, 64};
  static const uint32_t rel[2] = {0, 0};
  mote_memplan_t p;
  CHECK_EQ_INT(record_layers(&p, size, rel, 2), 0x3);
  /* A second share of a tensor, a misaligned rel, a tensor alive past the
   * step, the same tensor twice, out of range: all refused. */
  CHECK(!mote_memplan_share(&p, 0, 0, 1, 0));
  CHECK(!mote_memplan_share(&p, 1, 1, 2, 8));
  CHECK(!mote_memplan_share(&p, 0, 1, 2, 0));
  CHECK(!mote_memplan_share(&p, 1, 1, 1, 0));
  CHECK(!mote_memplan_share(&p, 1, 7, 2, 0));
  CHECK_EQ_INT(mote_memplan_place(&p, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_memplan_total(&p), 64);
}

/* --- lifetime rules ------------------------------------------------------ */

static void check_lifetime(const mote_memplan_t *p, uint32_t t, int32_t first,
                           int32_t last) {
  int32_t f = -9, l = -9;
  CHECK(mote_memplan_lifetime(p, t, &f, &l));
  CHECK_EQ_INT(f, first);
  CHECK_EQ_INT(l, last);
}

/* Tensors: 0 input read at 1; 1 written at 1, read at 3; 2 read at 1 and
 * written at 2 (read first: alive from 0); 3 written and read at step 2
 * (alive from 2: within a step writes come first); 4 kept, written at 1;
 * 5 kept, never written (the whole run); 6 written at 3, never read; 7
 * mentioned nowhere; 8 used but of size 0; -1 an absent operand and 9 out
 * of range, both ignored. Steps: 4. Recorded in step order, with the
 * sizes before or after the uses. */
static void record_rules(mote_memplan_t *p, int sizes_last) {
  static const event_t rules[] = {
      {EV_INPUT, 0, 0}, {EV_WRITE, 0, 8}, {EV_WRITE, 1, 1}, {EV_WRITE, 1, 4},
      {EV_READ, 1, 0},  {EV_READ, 1, 2},  {EV_READ, 1, -1}, {EV_READ, 1, 9},
      {EV_WRITE, 2, 2}, {EV_WRITE, 2, 3}, {EV_READ, 2, 3},  {EV_WRITE, 3, 6},
      {EV_READ, 3, 1},  {EV_KEEP, 0, 4},  {EV_KEEP, 0, 5}};
  const int n = (int)(sizeof rules / sizeof rules[0]);
  int k;
  for (k = 0; k < 10 && !sizes_last; k++) {
    mote_memplan_size(p, k, k == 8 ? 0 : 10, MOTE_MEMPLAN_NONE);
  }
  for (k = 0; k < n; k++) {
    record_event(p, &rules[k]);
  }
  for (k = 0; k < 10 && sizes_last; k++) {
    mote_memplan_size(p, k, k == 8 ? 0 : 10, MOTE_MEMPLAN_NONE);
  }
}

static void test_lifetime_rules(void) {
  int sizes_last;
  for (sizes_last = 0; sizes_last < 2; sizes_last++) {
    mote_memplan_t p;
    mote_error_t err;
    int32_t f, l;
    CHECK_EQ_INT(start(&p, 9, 0, 4, 16), MOTE_OK);
    record_rules(&p, sizes_last);
    CHECK_EQ_INT(mote_memplan_place(&p, &err), MOTE_OK);
    check_lifetime(&p, 0, 0, 1);
    check_lifetime(&p, 1, 1, 3);
    check_lifetime(&p, 2, 0, 2);
    check_lifetime(&p, 3, 2, 2);
    check_lifetime(&p, 4, 1, 4);
    check_lifetime(&p, 5, 0, 4);
    check_lifetime(&p, 6, 3, 3);
    CHECK(!mote_memplan_lifetime(&p, 7, &f, &l));
    CHECK(!mote_memplan_lifetime(&p, 8, &f, &l));
    CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 7), MOTE_MEMPLAN_NONE);
    CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 8), MOTE_MEMPLAN_NONE);
    CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 9), MOTE_MEMPLAN_NONE);
    /* Sizes are rounded up to the alignment. */
    CHECK_EQ_INT(mote_memplan_total(&p) % 16, 0);
  }
}

/* --- random graphs ------------------------------------------------------- */

typedef struct graph {
  uint32_t tensors, steps, align, n_events, n_scratch;
  event_t ev[MAX_EVENTS];
  uint32_t size[MAX_T];  /* 0: not sized (a constant, say) */
  uint32_t fixed[MAX_T]; /* MOTE_PLAN_UNPLACED: planned online */
  uint32_t scratch_step[MAX_SCRATCH];
  uint32_t scratch_size[MAX_SCRATCH];
} graph_t;

/* Appends an input (before the steps) or a keep (after them). */
static void random_io(graph_t *g, uint32_t *seed, uint8_t kind) {
  event_t *e = &g->ev[g->n_events++];
  e->kind = kind;
  e->tensor = (int8_t)(next_rand(seed) % g->tensors);
}

/* A random graph, its events in step order as the plan wants them: an
 * input, then each step writes one or two tensors and reads up to three,
 * then two kept tensors; some tensors unsized; some fixed in disjoint
 * 256-byte slots above 512 (a consistent offline plan). */
static void random_graph(graph_t *g, uint32_t *seed) {
  static const uint32_t aligns[4] = {4, 8, 16, 64};
  uint32_t s, k, t;
  memset(g, 0, sizeof *g);
  g->tensors = 1 + next_rand(seed) % MAX_T;
  g->steps = 1 + next_rand(seed) % MAX_STEPS;
  g->align = aligns[next_rand(seed) % 4];
  random_io(g, seed, EV_INPUT);
  for (s = 0; s < g->steps; s++) {
    uint32_t writes = 1 + next_rand(seed) % 2;
    uint32_t reads = next_rand(seed) % 4;
    for (k = 0; k < writes + reads; k++) {
      event_t *e = &g->ev[g->n_events++];
      e->kind = k < writes ? EV_WRITE : EV_READ;
      e->step = (uint8_t)s;
      e->tensor = (int8_t)(next_rand(seed) % g->tensors);
    }
  }
  random_io(g, seed, EV_KEEP);
  random_io(g, seed, EV_KEEP);
  for (t = 0; t < g->tensors; t++) {
    g->size[t] = next_rand(seed) % 6 == 0 ? 0 : 1 + next_rand(seed) % 200;
    g->fixed[t] =
        next_rand(seed) % 5 == 0 ? 512u + 256u * t : MOTE_PLAN_UNPLACED;
  }
  g->n_scratch = next_rand(seed) % (MAX_SCRATCH + 1);
  for (k = 0; k < g->n_scratch; k++) {
    g->scratch_step[k] = next_rand(seed) % g->steps;
    g->scratch_size[k] = next_rand(seed) % 300;
  }
}

static void record_graph(mote_memplan_t *p, const graph_t *g) {
  uint32_t k;
  for (k = 0; k < g->n_events; k++) {
    record_event(p, &g->ev[k]);
  }
  for (k = 0; k < g->tensors; k++) {
    mote_memplan_size(p, (int32_t)k, g->size[k], g->fixed[k]);
  }
  for (k = 0; k < g->n_scratch; k++) {
    CHECK_EQ_INT(
        mote_memplan_scratch(p, g->scratch_step[k], g->scratch_size[k]), k);
  }
}

/* The lifetime rules of memplan.h, restated over the event list: alive
 * from the first producing step (a write, or 0 for a value from before the
 * run) to the last use (a read, a write, or `steps` when kept). */
static int oracle_alive(const graph_t *g, uint32_t t, uint32_t step) {
  uint32_t k;
  int32_t first_write = -1, first_read = -1, last = -1;
  int32_t first;
  for (k = 0; k < g->n_events; k++) {
    const event_t *e = &g->ev[k];
    int32_t at = e->kind == EV_KEEP ? (int32_t)g->steps : (int32_t)e->step;
    if ((uint32_t)e->tensor != t) {
      continue;
    }
    if (e->kind == EV_WRITE && (first_write < 0 || at < first_write)) {
      first_write = at;
    }
    if (e->kind != EV_WRITE && (first_read < 0 || at < first_read)) {
      first_read = at;
    }
    if (at > last) {
      last = at;
    }
  }
  if (last < 0 || g->size[t] == 0) {
    return 0;
  }
  first = first_write;
  if (first_read >= 0 && (first_write < 0 || first_read < first_write)) {
    first = 0;
  }
  return first <= (int32_t)step && (int32_t)step <= last;
}

/* Fixed slots end by 512 + 256 * MAX_T; online buffers and scratch add at
 * most 256 and 320 bytes each above that. */
#define MAX_BYTES (512u + 512u * MAX_T + 320u * MAX_SCRATCH)

static uint32_t round_up(uint32_t v, uint32_t a) {
  return (v + a - 1u) / a * a;
}

/* Marks [off, off + size) as owned by `who` (1-based) in owner[]; counts
 * every byte somebody else already owns. */
static int claim(uint8_t *owner, uint32_t off, uint32_t size, uint8_t who) {
  uint32_t i;
  int clashes = 0;
  for (i = off; i < off + size; i++) {
    clashes += owner[i] != 0 && owner[i] != who;
    owner[i] = who;
  }
  return clashes;
}

/* Every byte at every step: buffers alive together never share one. */
static int count_shared_bytes(const graph_t *g, const mote_memplan_t *p) {
  static uint8_t owner[MAX_BYTES];
  uint32_t step, t, k;
  int clashes = 0;
  for (step = 0; step <= g->steps; step++) {
    memset(owner, 0, sizeof owner);
    for (t = 0; t < g->tensors; t++) {
      if (oracle_alive(g, t, step)) {
        clashes += claim(owner, mote_memplan_tensor_offset(p, t),
                         round_up(g->size[t], g->align), (uint8_t)(1 + t));
      }
    }
    for (k = 0; k < g->n_scratch; k++) {
      if (g->scratch_step[k] == step) {
        clashes += claim(owner, mote_memplan_scratch_offset(p, k),
                         round_up(g->scratch_size[k], g->align),
                         (uint8_t)(1 + MAX_T + k));
      }
    }
  }
  return clashes;
}

/* Does every byte of tensor t hold its stamp? */
static int holds_stamp(const graph_t *g, const mote_memplan_t *p,
                       const uint8_t *mem, uint32_t t) {
  uint32_t off = mote_memplan_tensor_offset(p, t);
  uint32_t i;
  for (i = 0; i < g->size[t]; i++) {
    if (mem[off + i] != (uint8_t)(1 + t)) {
      return 0;
    }
  }
  return 1;
}

static void stamp(uint8_t *mem, uint32_t off, uint32_t size, uint8_t who) {
  memset(mem + off, who, size);
}

/* Runs the graph on the plan: values from before the run are stamped
 * first; at each step reads of values already produced are checked, then
 * scratch and outputs are stamped; at the end every kept tensor must
 * still hold its stamp.
 * Returns the number of reads that found somebody else's bytes. */
static int simulate(const graph_t *g, const mote_memplan_t *p) {
  static uint8_t mem[MAX_BYTES];
  uint8_t produced[MAX_T];
  uint32_t step, k, t;
  int bad = 0;
  memset(mem, 0, sizeof mem);
  memset(produced, 0, sizeof produced);
  for (t = 0; t < g->tensors; t++) {
    int written_at_0 = 0;
    for (k = 0; k < g->n_events; k++) {
      written_at_0 |= g->ev[k].kind == EV_WRITE && g->ev[k].step == 0 &&
                      (uint32_t)g->ev[k].tensor == t;
    }
    /* Alive at step 0 without being written there: a value from before
     * the run. */
    if (oracle_alive(g, t, 0) && !written_at_0) {
      stamp(mem, mote_memplan_tensor_offset(p, t), g->size[t],
            (uint8_t)(1 + t));
      produced[t] = 1;
    }
  }
  for (step = 0; step < g->steps; step++) {
    for (k = 0; k < g->n_events; k++) {
      const event_t *e = &g->ev[k];
      /* A step that reads what it first writes itself reads no value. */
      if (e->kind == EV_READ && e->step == step && produced[e->tensor]) {
        bad += !holds_stamp(g, p, mem, (uint32_t)e->tensor);
      }
    }
    for (k = 0; k < g->n_scratch; k++) {
      if (g->scratch_step[k] == step) {
        stamp(mem, mote_memplan_scratch_offset(p, k), g->scratch_size[k],
              (uint8_t)(1 + MAX_T + k));
      }
    }
    for (k = 0; k < g->n_events; k++) {
      const event_t *e = &g->ev[k];
      if (e->kind == EV_WRITE && e->step == step && g->size[e->tensor] != 0) {
        stamp(mem, mote_memplan_tensor_offset(p, (uint32_t)e->tensor),
              g->size[e->tensor], (uint8_t)(1 + e->tensor));
        produced[e->tensor] = 1;
      }
    }
  }
  for (k = 0; k < g->n_events; k++) {
    const event_t *e = &g->ev[k];
    if (e->kind == EV_KEEP && g->size[e->tensor] != 0) {
      bad += !holds_stamp(g, p, mem, (uint32_t)e->tensor);
    }
  }
  return bad;
}

/* Offsets aligned, inside the plan, fixed ones exactly where fixed; no
 * memory for tensors that need none. */
static int count_bad_offsets(const graph_t *g, const mote_memplan_t *p) {
  uint32_t total = mote_memplan_total(p);
  uint32_t t, k;
  int bad = 0;
  for (t = 0; t < g->tensors; t++) {
    uint32_t off = mote_memplan_tensor_offset(p, t);
    int planned = 0;
    for (k = 0; k <= g->steps; k++) {
      planned |= oracle_alive(g, t, k);
    }
    if (!planned) {
      bad += off != MOTE_MEMPLAN_NONE;
      continue;
    }
    bad += off % g->align != 0 || off + round_up(g->size[t], g->align) > total;
    bad += g->fixed[t] != MOTE_PLAN_UNPLACED && off != g->fixed[t];
  }
  for (k = 0; k < g->n_scratch; k++) {
    uint32_t off = mote_memplan_scratch_offset(p, k);
    bad += off % g->align != 0 ||
           off + round_up(g->scratch_size[k], g->align) > total;
  }
  return bad + (total % g->align != 0);
}

static void test_random_graphs(void) {
  uint32_t seed = 0x6d6f7465u;
  int round;
  int shared = 0, stale = 0, bad_offsets = 0, failed = 0;
  for (round = 0; round < 5000; round++) {
    graph_t g;
    mote_memplan_t p;
    mote_error_t err;
    random_graph(&g, &seed);
    CHECK_EQ_INT(start(&p, g.tensors, g.n_scratch, g.steps, g.align), MOTE_OK);
    record_graph(&p, &g);
    if (mote_memplan_place(&p, &err) != MOTE_OK) {
      if (failed++ < 3) {
        fprintf(stderr, "round %d: %s\n", round, err.message);
      }
      continue;
    }
    CHECK(mote_memplan_total(&p) <= MAX_BYTES);
    if (mote_memplan_total(&p) > MAX_BYTES) {
      continue;
    }
    bad_offsets += count_bad_offsets(&g, &p);
    shared += count_shared_bytes(&g, &p);
    stale += simulate(&g, &p);
  }
  CHECK_EQ_INT(failed, 0);
  CHECK_EQ_INT(bad_offsets, 0);
  CHECK_EQ_INT(shared, 0);
  CHECK_EQ_INT(stale, 0);
}

/* --- offline plans ------------------------------------------------------- */

/* Starts a plan of the chain 0 -> 1 -> 2 -> 3 over three steps (step t
 * reads t and writes t + 1), 0 an input and 3 kept, tensor sizes `sizes`,
 * room for `scratch` scratch buffers; `keep1` also keeps tensor 1.
 * Lifetimes: 0 [0,0], 1 [0,1], 2 [1,2], 3 [2,3]. */
static void record_chain(mote_memplan_t *p, const uint32_t sizes[4],
                         uint32_t scratch, int keep1) {
  int32_t t;
  CHECK_EQ_INT(start(p, 4, scratch, 3, 16), MOTE_OK);
  mote_memplan_input(p, 0);
  for (t = 0; t < 3; t++) {
    mote_memplan_read(p, (uint32_t)t, t);
    mote_memplan_write(p, (uint32_t)t, t + 1);
  }
  mote_memplan_keep(p, 3);
  if (keep1) {
    mote_memplan_keep(p, 1);
  }
  for (t = 0; t < 4; t++) {
    mote_memplan_size(p, t, sizes[t], MOTE_MEMPLAN_NONE);
  }
}

static const uint32_t k_64s[4] = {64, 64, 64, 64};

/* The chain of 64-byte tensors with fixed offsets `fixed` (UNPLACED:
 * online), placed. */
static mote_status_t plan_chain(mote_memplan_t *p, const uint32_t fixed[4],
                                mote_error_t *err) {
  int32_t t;
  record_chain(p, k_64s, 0, 0);
  for (t = 0; t < 4; t++) {
    mote_memplan_size(p, t, 64, fixed[t]); /* sizes may be set again */
  }
  return mote_memplan_place(p, err);
}

static void test_offline_plan_is_honoured(void) {
  /* Lifetimes 0 [0,0], 1 [0,1], 2 [1,2], 3 [2,3]. 0 and 3 never live
   * together: one offset serves both. */
  const uint32_t fixed[4] = {0, MOTE_PLAN_UNPLACED, 128, 0};
  mote_memplan_t p;
  mote_error_t err;
  CHECK_EQ_INT(plan_chain(&p, fixed, &err), MOTE_OK);
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 0), 0);
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 2), 128);
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 3), 0);
  /* The online one takes the gap the fixed ones leave between them. */
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 1), 64);
  CHECK_EQ_INT(mote_memplan_total(&p), 192);
}

static void test_offline_plan_overlap_is_refused(void) {
  /* 1 and 2 are both alive at step 1: 2 at 32 overlaps 1's [0, 64). */
  const uint32_t overlap[4] = {MOTE_PLAN_UNPLACED, 0, 32, MOTE_PLAN_UNPLACED};
  const uint32_t misaligned[4] = {MOTE_PLAN_UNPLACED, 0, 72,
                                  MOTE_PLAN_UNPLACED};
  mote_memplan_t p;
  mote_error_t err;
  CHECK_EQ_INT(plan_chain(&p, overlap, &err), MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "offline plan: tensors 1 and 2 share bytes "
                            "while alive together") != NULL);
  CHECK_EQ_INT(plan_chain(&p, misaligned, &err), MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "offline plan: tensor 2 offset 72 is not 16-byte "
                            "aligned") != NULL);
}

/* --- scratch ------------------------------------------------------------- */

/* The chain as x(64) -> A(256) -> B(256) -> C(64) with a scratch buffer
 * of `bytes` used at `step`, placed. Bytes alive: step 0 x + A, step 1
 * A + B (the peak, 512), step 2 B + C. */
static uint32_t plan_with_scratch(mote_memplan_t *p, uint32_t step,
                                  uint32_t bytes) {
  static const uint32_t sizes[4] = {64, 256, 256, 64};
  mote_error_t err;
  record_chain(p, sizes, 1, 0);
  CHECK_EQ_INT(mote_memplan_scratch(p, step, bytes), 0);
  CHECK_EQ_INT(mote_memplan_place(p, &err), MOTE_OK);
  return mote_memplan_total(p);
}

static int overlaps(const mote_memplan_t *p, uint32_t t, uint32_t t_bytes,
                    uint32_t s_bytes) {
  uint32_t a = mote_memplan_tensor_offset(p, t);
  uint32_t s = mote_memplan_scratch_offset(p, 0);
  return a < s + s_bytes && s < a + t_bytes;
}

static void test_scratch_overlays_dead_tensors(void) {
  mote_memplan_t p;
  /* 192 bytes at step 2 (B + C + scratch = 512) fit under the peak: the
   * scratch takes A's bytes, dead by then, and costs nothing. */
  CHECK_EQ_INT(plan_with_scratch(&p, 2, 0), 512);
  CHECK_EQ_INT(plan_with_scratch(&p, 2, 192), 512);
  CHECK(overlaps(&p, 1, 256, 192));
  CHECK(!overlaps(&p, 2, 256, 192));
  CHECK(!overlaps(&p, 3, 64, 192));
}

static void test_scratch_as_the_peak(void) {
  mote_memplan_t p;
  /* 1000 bytes at step 1, beside A and B: the plan is exactly the bytes
   * alive then, and the scratch shares none of them. */
  CHECK_EQ_INT(plan_with_scratch(&p, 1, 1000), 256 + 256 + 1008);
  CHECK(!overlaps(&p, 1, 256, 1008));
  CHECK(!overlaps(&p, 2, 256, 1008));
  /* x is dead at step 1: the scratch takes its bytes. */
  CHECK(overlaps(&p, 0, 64, 1008));
}

/* --- keep ---------------------------------------------------------------- */

static void test_keep_protects_from_later_writes(void) {
  mote_memplan_t p;
  mote_error_t err;
  int32_t f, l;
  /* Lifetimes 0 [0,0], 1 [0,1], 2 [1,2], 3 [2,3]. Unkept, 1 (dead after
   * step 1) and 3 (written at step 2) share bytes. */
  record_chain(&p, k_64s, 0, 0);
  CHECK_EQ_INT(mote_memplan_place(&p, &err), MOTE_OK);
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 1),
               mote_memplan_tensor_offset(&p, 3));
  CHECK_EQ_INT(mote_memplan_total(&p), 128);
  /* Kept, 1 lives to the end and shares with nothing written after it. */
  record_chain(&p, k_64s, 0, 1);
  CHECK_EQ_INT(mote_memplan_place(&p, &err), MOTE_OK);
  CHECK(mote_memplan_lifetime(&p, 1, &f, &l));
  CHECK_EQ_INT(f, 0);
  CHECK_EQ_INT(l, 3);
  CHECK(mote_memplan_tensor_offset(&p, 1) != mote_memplan_tensor_offset(&p, 2));
  CHECK(mote_memplan_tensor_offset(&p, 1) != mote_memplan_tensor_offset(&p, 3));
  CHECK_EQ_INT(mote_memplan_total(&p), 192);
}

/* --- refused and ignored ------------------------------------------------ */

static void test_what_is_refused_or_ignored(void) {
  mote_memplan_t p;
  mote_error_t err;
  /* Tensors out of range and scratch beyond the room given are ignored. */
  CHECK_EQ_INT(start(&p, 2, 1, 2, 16), MOTE_OK);
  mote_memplan_write(&p, 0, 0);
  mote_memplan_write(&p, 0, 2);
  mote_memplan_read(&p, 1, -3);
  mote_memplan_size(&p, 0, 16, MOTE_MEMPLAN_NONE);
  mote_memplan_size(&p, 2, 16, MOTE_MEMPLAN_NONE);
  CHECK_EQ_INT(mote_memplan_scratch(&p, 1, 16), 0);
  CHECK_EQ_INT(mote_memplan_scratch(&p, 1, 16), -1);
  CHECK_EQ_INT(mote_memplan_place(&p, &err), MOTE_OK);
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 0), 0);
  CHECK_EQ_INT(mote_memplan_tensor_offset(&p, 2), MOTE_MEMPLAN_NONE);
  CHECK_EQ_INT(mote_memplan_scratch_offset(&p, 0), 0); /* 0 is dead */
  CHECK_EQ_INT(mote_memplan_total(&p), 16);

  /* A size that does not fit 32 bits once aligned. */
  CHECK_EQ_INT(start(&p, 2, 1, 2, 16), MOTE_OK);
  mote_memplan_write(&p, 0, 1);
  mote_memplan_size(&p, 1, 0xFFFFFFF8u, MOTE_MEMPLAN_NONE);
  CHECK_EQ_INT(mote_memplan_place(&p, &err), MOTE_ERR_ARENA_TOO_SMALL);
  CHECK(strstr(err.message, "4 GiB") != NULL);
  /* The same for a scratch buffer. */
  CHECK_EQ_INT(start(&p, 2, 1, 2, 16), MOTE_OK);
  CHECK_EQ_INT(mote_memplan_scratch(&p, 0, 0xFFFFFFF1u), 0);
  CHECK_EQ_INT(mote_memplan_place(&p, &err), MOTE_ERR_ARENA_TOO_SMALL);

  /* Two 3 GiB buffers alive together would wrap 32-bit offsets. */
  CHECK_EQ_INT(start(&p, 2, 0, 1, 16), MOTE_OK);
  mote_memplan_write(&p, 0, 0);
  mote_memplan_write(&p, 0, 1);
  mote_memplan_size(&p, 0, 0xC0000000u, MOTE_MEMPLAN_NONE);
  mote_memplan_size(&p, 1, 0xC0000000u, MOTE_MEMPLAN_NONE);
  CHECK_EQ_INT(mote_memplan_place(&p, &err), MOTE_ERR_ARENA_TOO_SMALL);
  /* So would a fixed offset near the top with any buffer above it. */
  CHECK_EQ_INT(start(&p, 2, 0, 1, 16), MOTE_OK);
  mote_memplan_write(&p, 0, 0);
  mote_memplan_write(&p, 0, 1);
  mote_memplan_size(&p, 0, 64, 0xFFFFFF00u);
  mote_memplan_size(&p, 1, 256, MOTE_MEMPLAN_NONE);
  CHECK_EQ_INT(mote_memplan_place(&p, &err), MOTE_ERR_ARENA_TOO_SMALL);

  CHECK_EQ_INT(mote_memplan_init(&p, (uint8_t *)g_mem + 2, 100, 1, 0, 0, 1, 16),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_memplan_init(&p, g_mem, sizeof g_mem, 1, 0, 0, 1, 12),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_memplan_init(&p, g_mem, sizeof g_mem, 1, 0, 0, 1, 0),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_memplan_init(&p, g_mem, 39, 2, 0, 0, 1, 16),
               MOTE_ERR_ARENA_TOO_SMALL);
  CHECK_EQ_INT(mote_memplan_bytes(3, 1, 0), 80);
}

int main(void) {
  MOTE_RUN(test_lifetime_rules);
  MOTE_RUN(test_shares_chain_like_mobilenet);
  MOTE_RUN(test_shares_cut_for_a_larger_op);
  MOTE_RUN(test_shares_refused);
  MOTE_RUN(test_shares_never_cost_memory);
  MOTE_RUN(test_random_graphs);
  MOTE_RUN(test_offline_plan_is_honoured);
  MOTE_RUN(test_offline_plan_overlap_is_refused);
  MOTE_RUN(test_scratch_overlays_dead_tensors);
  MOTE_RUN(test_scratch_as_the_peak);
  MOTE_RUN(test_keep_protects_from_later_writes);
  MOTE_RUN(test_what_is_refused_or_ignored);
  return MOTE_TEST_END();
}
