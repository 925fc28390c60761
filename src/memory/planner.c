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

/* Lowest offset >= 0 where buffer `k` fits among placed, live buffers. */
static uint32_t lowest_fit(const mote_plan_buffer_t *b, const uint32_t *placed,
                           uint32_t n_placed, uint32_t k) {
  uint32_t candidate = 0;
  int moved = 1;
  /* Each pass either finds no conflict or raises the candidate to the end
   * of a conflicting buffer; at most n_placed + 1 passes. */
  while (moved) {
    uint32_t i;
    moved = 0;
    for (i = 0; i < n_placed; i++) {
      const mote_plan_buffer_t *p = &b[placed[i]];
      if (lifetimes_overlap(p, &b[k]) &&
          bytes_overlap(p->offset, p->size, candidate, b[k].size)) {
        candidate = p->offset + p->size;
        moved = 1;
      }
    }
  }
  return candidate;
}

mote_status_t mote_plan(mote_plan_buffer_t *buffers, uint32_t count,
                        uint32_t *order, uint32_t align, uint32_t *total) {
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
  for (i = 0; i < n_free; i++) {
    uint32_t k = order[n_placed + i];
    uint32_t off = lowest_fit(buffers, order, n_placed + i, k);
    buffers[k].offset = (off + align - 1u) & ~(align - 1u);
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

int32_t mote_plan_check(const mote_plan_buffer_t *buffers, uint32_t count) {
  uint32_t i;
  uint32_t j;
  for (i = 0; i < count; i++) {
    for (j = i + 1; j < count; j++) {
      if (lifetimes_overlap(&buffers[i], &buffers[j]) &&
          bytes_overlap(buffers[i].offset, buffers[i].size, buffers[j].offset,
                        buffers[j].size)) {
        return (int32_t)j;
      }
    }
  }
  return -1;
}
