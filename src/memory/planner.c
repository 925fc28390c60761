/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Greedy activation planner; the design note is in planner.h.
 */
#include "memory/planner.h"

static int lifetimes_overlap(const mote_plan_buffer_t *a,
                             const mote_plan_buffer_t *b) {
  return a->first <= b->last && b->first <= a->last;
}

static int bytes_overlap(uint32_t a_off, uint32_t a_size, uint32_t b_off,
                         uint32_t b_size) {
  return a_size != 0 && b_size != 0 && a_off < b_off + b_size &&
         b_off < a_off + a_size;
}

/* Sorts order[] by buffer size, largest first; ties keep index order so
 * plans are deterministic. Insertion sort: n is small and it is stable. */
static void sort_by_size(const mote_plan_buffer_t *b, uint32_t *order,
                         uint32_t count) {
  uint32_t i;
  for (i = 1; i < count; i++) {
    uint32_t v = order[i];
    uint32_t j = i;
    while (j > 0 && b[order[j - 1]].size < b[v].size) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = v;
  }
}

/* Whether buffers i and j at offsets oi and oj are a permitted overlap. */
static int permitted(const mote_plan_share_t *s, uint32_t n, uint32_t i,
                     uint32_t oi, uint32_t j, uint32_t oj) {
  uint32_t k;
  for (k = 0; k < n; k++) {
    if ((s[k].a == i && s[k].b == j && oi == oj + s[k].rel) ||
        (s[k].a == j && s[k].b == i && oj == oi + s[k].rel)) {
      return 1;
    }
  }
  return 0;
}

typedef struct {
  const mote_plan_share_t *s;
  uint32_t n;
} shares_t;

/* The share whose output (`up`) or input is buffer k, or sh->n for none.
 * Each buffer is the input of one share at most and the output of one at
 * most (memplan.c records no more), so shares link buffers into chains:
 * an op's output over its input, the next op's output over that. */
static uint32_t share_of(const shares_t *sh, uint32_t k, int up) {
  uint32_t i;
  for (i = 0; i < sh->n; i++) {
    if ((up ? sh->s[i].b : sh->s[i].a) == k) {
      return i;
    }
  }
  return sh->n;
}

/* A chain of buffers placed as one. Going down the chain each output
 * starts `rel` below its input, so a member's offset is the base plus the
 * chain's depth (the sum of every rel) minus the member's own depth (the
 * sum of rel from the head down to it). */
typedef struct {
  uint32_t head;
  uint32_t depth;
  uint32_t len;
} chain_t;

static void find_chain(const shares_t *sh, uint32_t k, uint32_t count,
                       chain_t *c) {
  uint32_t i;
  uint32_t s;
  c->head = k;
  c->depth = 0;
  c->len = 1;
  /* Up to the head, then down to the tail; `count` bounds a malformed
   * (cyclic) list. */
  for (i = 0; i < count && (s = share_of(sh, c->head, 1)) < sh->n; i++) {
    c->head = sh->s[s].a;
  }
  k = c->head;
  for (i = 0; i < count && (s = share_of(sh, k, 0)) < sh->n; i++) {
    c->depth += sh->s[s].rel;
    c->len++;
    k = sh->s[s].b;
  }
}

/* Raises *base until member `k`, `lift` bytes above it, clashes with no
 * placed buffer (one with an offset); whether it had to. */
static int clear_member(const mote_plan_buffer_t *b, uint32_t count,
                        uint32_t k, uint32_t lift, uint32_t *base) {
  int moved = 0;
  uint32_t i;
  for (i = 0; i < count; i++) {
    const mote_plan_buffer_t *p = &b[i];
    if (p->offset != MOTE_PLAN_UNPLACED && lifetimes_overlap(p, &b[k]) &&
        bytes_overlap(p->offset, p->size, *base + lift, b[k].size)) {
      /* p ends above base + lift, so above lift. */
      *base = p->offset + p->size - lift;
      moved = 1;
    }
  }
  return moved;
}

/* Lowest base where every member of chain `c` fits among the placed
 * buffers. Each pass finds no clash or raises the base, which only
 * rises, so this ends. */
static uint32_t place_chain(const mote_plan_buffer_t *b, uint32_t count,
                            const chain_t *c, const shares_t *sh) {
  uint32_t base = 0;
  int moved = 1;
  while (moved) {
    uint32_t k = c->head;
    uint32_t depth = 0;
    uint32_t m;
    uint32_t s;
    moved = 0;
    for (m = 0; m < c->len; m++) {
      moved |= clear_member(b, count, k, c->depth - depth, &base);
      if ((s = share_of(sh, k, 0)) < sh->n) {
        depth += sh->s[s].rel;
        k = sh->s[s].b;
      }
    }
  }
  return base;
}

mote_status_t mote_plan(mote_plan_buffer_t *buffers, uint32_t count,
                        const mote_plan_share_t *shares, uint32_t n_shares,
                        uint32_t *order, uint32_t align, uint32_t *total) {
  const shares_t sh = {shares, n_shares};
  uint32_t i;
  uint32_t n_placed = 0;
  uint32_t n_free = 0;
  uint32_t end = 0;
  /* order[] holds placed indices at the front, unplaced at the back. */
  for (i = 0; i < count; i++) {
    if (buffers[i].offset != MOTE_PLAN_UNPLACED) {
      order[n_placed++] = i;
    }
  }
  for (i = 0; i < n_placed; i++) {
    uint32_t j;
    for (j = i + 1; j < n_placed; j++) {
      const mote_plan_buffer_t *a = &buffers[order[i]];
      const mote_plan_buffer_t *c = &buffers[order[j]];
      if (lifetimes_overlap(a, c) &&
          bytes_overlap(a->offset, a->size, c->offset, c->size)) {
        /* The pair, for the caller's message (in this order: j > i). */
        order[0] = order[i];
        order[1] = order[j];
        return MOTE_ERR_BAD_ARG;
      }
    }
  }
  for (i = 0; i < count; i++) {
    if (buffers[i].offset == MOTE_PLAN_UNPLACED) {
      order[n_placed + n_free++] = i;
    }
  }
  sort_by_size(buffers, order + n_placed, n_free);
  /* Largest first; a buffer in a chain brings the whole chain along. */
  for (i = 0; i < n_free; i++) {
    chain_t c;
    uint32_t base;
    uint32_t k;
    uint32_t depth = 0;
    uint32_t m;
    uint32_t s;
    if (buffers[order[n_placed + i]].offset != MOTE_PLAN_UNPLACED) {
      continue;
    }
    find_chain(&sh, order[n_placed + i], count, &c);
    base = place_chain(buffers, count, &c, &sh);
    base = (base + align - 1u) & ~(align - 1u);
    for (m = 0, k = c.head; m < c.len; m++) {
      buffers[k].offset = base + c.depth - depth;
      if ((s = share_of(&sh, k, 0)) < sh.n) {
        depth += sh.s[s].rel;
        k = sh.s[s].b;
      }
    }
  }
  for (i = 0; i < count; i++) {
    uint32_t e = buffers[i].offset + buffers[i].size;
    if (e > end) {
      end = e;
    }
  }
  *total = (end + align - 1u) & ~(align - 1u);
  return MOTE_OK;
}

int32_t mote_plan_check(const mote_plan_buffer_t *buffers, uint32_t count,
                        const mote_plan_share_t *shares, uint32_t n_shares) {
  uint32_t i;
  uint32_t j;
  for (i = 0; i < count; i++) {
    for (j = i + 1; j < count; j++) {
      if (lifetimes_overlap(&buffers[i], &buffers[j]) &&
          bytes_overlap(buffers[i].offset, buffers[i].size, buffers[j].offset,
                        buffers[j].size) &&
          !permitted(shares, n_shares, i, buffers[i].offset, j,
                     buffers[j].offset)) {
        return (int32_t)j;
      }
    }
  }
  return -1;
}
