/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Activation planner: the placement step of a memory plan.
 *
 * Input: buffers with a size and a lifetime [first, last] in operator
 * steps, some with an offset fixed in advance (an offline plan). Output: an
 * offset for each, such that two buffers whose lifetimes overlap never
 * share bytes, and the total (the plan size) is small. Where lifetimes come
 * from (reads, writes, model inputs and outputs, kept tensors, scratch) is
 * memplan.h's business; this file sees only numbers.
 *
 * Algorithm: greedy by size, as in TFLM's GreedyMemoryPlanner. Fixed
 * buffers go in first; then, largest first, each buffer takes the lowest
 * offset where it fits between the buffers already placed that are alive
 * at the same time. Largest-first matters: big buffers placed late would
 * land above the gaps the small ones left. O(n^2) in the number of
 * buffers, which is a few hundred at most on these models. Rejected: an
 * optimal (bin-packing) search, exponential, and first-fit in creation
 * order, which loses up to 2x on deep nets.
 *
 * How far from optimal: against a brute-force optimum on 4,000 random
 * problems of 2 to 7 buffers (tests/memory/test_planner_optimum.c), greedy
 * is optimal in 97% of them, 1.004x on average, and 1.57x at worst: the
 * largest buffers take offset 0 even when short-lived, and medium ones
 * that overlap them in time stack above them, where a smaller one at 0
 * would have let them share. It is a heuristic: dynamic storage
 * allocation is NP-hard and no constant ratio holds in general.
 */
#ifndef MOTE_MEMORY_PLANNER_H
#define MOTE_MEMORY_PLANNER_H

#include <stdint.h>

#include "mote/status.h"

#define MOTE_PLAN_UNPLACED 0xFFFFFFFFu

typedef struct mote_plan_buffer {
  uint32_t size;   /* bytes, already rounded to the alignment */
  int32_t first;   /* first step alive */
  int32_t last;    /* last step alive, >= first */
  uint32_t offset; /* in: fixed offset or MOTE_PLAN_UNPLACED; out: offset */
} mote_plan_buffer_t;

/*
 * A permitted overlap: buffers `a` and `b`, alive together, may share
 * bytes when `a` starts exactly `rel` bytes after `b`. An operator that
 * writes its output (b) over its dying input (a) asks for it; the
 * operator, not the planner, knows which relative position it can work
 * in (kernels/inplace.h). The planner tries that position when it places
 * the second of the two and, where other buffers are in the way, places
 * it as if there were no permission (the operator then finds its buffers
 * apart and runs normally).
 */
typedef struct mote_plan_share {
  uint32_t a;
  uint32_t b;
  uint32_t rel; /* a multiple of the alignment */
} mote_plan_share_t;

/*
 * Places `count` buffers, permitting the `n_shares` overlaps `shares`
 * (may be NULL when 0). `order` is caller scratch of `count` entries.
 * `align` is a power of two; fixed offsets must already be aligned.
 * Writes the plan size to *total. On success order[] ends with the
 * buffers it placed (those that came unplaced), so that a caller can undo
 * the placement and plan again. MOTE_ERR_BAD_ARG when fixed buffers
 * overlap while alive together (an inconsistent offline plan; shares do
 * not involve fixed buffers); then order[0] < order[1] are the first such
 * pair, for the caller's message.
 */
mote_status_t mote_plan(mote_plan_buffer_t *buffers, uint32_t count,
                        const mote_plan_share_t *shares, uint32_t n_shares,
                        uint32_t *order, uint32_t align, uint32_t *total);

/* Checks a placed plan: the index of a buffer that shares bytes with an
 * earlier one alive at the same step other than as one of the permitted
 * overlaps, or -1 when the plan is sound. */
int32_t mote_plan_check(const mote_plan_buffer_t *buffers, uint32_t count,
                        const mote_plan_share_t *shares, uint32_t n_shares);

#endif /* MOTE_MEMORY_PLANNER_H */
