/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memory plan of a graph: tensor lifetimes, offline (fixed) offsets,
 * scratch buffers, and their placement at the arena head.
 *
 * The caller describes its graph in plain indices, tensors 0..n-1 and
 * steps 0..s-1 (for the interpreter: the operators in run order): which
 * tensors each step writes and reads, which are model inputs, which must
 * last to the end of a run (model outputs, tensors the application reads
 * after invoke). It gives every tensor that needs arena memory its size
 * and perhaps a fixed offset from an offline plan, adds scratch buffers,
 * each used by one step, and places everything with the greedy planner of
 * planner.h. Nothing here knows a file format; the interpreter reads the
 * model and feeds this module.
 *
 * Lifetimes, in steps. A tensor is alive from the first step that writes
 * it to the last step that reads or writes it, except that it is alive
 * from step 0 when its value comes from before the run: a model input, or
 * a tensor some step reads before any step has written it. A kept tensor
 * (mote_memplan_keep) is alive to step s, one past the last, so nothing
 * written after it can share its bytes. Scratch is alive during its step
 * only, so it overlays whatever tensors are dead then and costs nothing
 * when it fits under the peak. Tensors that nothing mentions, and tensors
 * never given a size, get no memory.
 *
 * Design: this is an internal module with one caller, which records a
 * graph the verifier has already checked, and it runs on the target, so
 * it is built for flash and for the plan's 20 bytes a buffer (the figure
 * every arena size mote has reported was computed with), not for misuse:
 *
 *  - Uses are recorded in step order: inputs, then each step's writes and
 *    then its reads, then keeps (mote_memplan_input and mote_memplan_keep
 *    are reads at step 0 and at step s). Then a tensor's first use says
 *    where its lifetime starts (a write: there; a read: at 0) and its
 *    latest use where it ends, with no per-tensor record of the first
 *    read. The interpreter walks its operators in order anyway. Rejected:
 *    any recording order (the previous design), which cost a first-read
 *    word per tensor and the code to merge it, for callers mote does not
 *    have.
 *  - Out-of-range tensor indices are ignored, which also makes negative
 *    indices (absent optional operands) free; steps are not checked (a
 *    step past the end only lengthens a lifetime, which is safe). The
 *    plan reports what the model can get wrong: a misaligned or
 *    inconsistent offline plan (naming the tensors) and sizes that pass
 *    4 GiB. Rejected: sticky errors for bad indices, which cost more
 *    flash than the rest of the recording code for a fault the caller
 *    cannot commit.
 *  - The accessors are static inline: they are one load each.
 *
 * Ownership: the plan's memory is the caller's (mote_memplan_init) and
 * must stay untouched until the offsets have been read; the handle is the
 * caller's too. Offsets are bytes from wherever the caller puts the plan.
 */
#ifndef MOTE_MEMORY_MEMPLAN_H
#define MOTE_MEMORY_MEMPLAN_H

#include <stddef.h>
#include <stdint.h>

#include "memory/planner.h"
#include "mote/status.h"

/* Offset of a tensor that has no memory in the plan, and the `offset`
 * argument of mote_memplan_size for "plan online". */
#define MOTE_MEMPLAN_NONE MOTE_PLAN_UNPLACED

/* Caller-allocated handle; fields are private. */
typedef struct mote_memplan {
  mote_plan_buffer_t *buf_; /* tensors_ tensors, then the scratch buffers */
  uint32_t *order_;         /* mote_plan's work space, a word per buffer */
  mote_plan_share_t *share_; /* permitted overlaps, share_cap_ of them */
  uint32_t tensors_;
  uint32_t scratch_cap_;
  uint32_t scratch_; /* scratch buffers added so far */
  uint32_t share_cap_;
  uint32_t shares_; /* permitted overlaps recorded so far */
  uint32_t steps_;
  uint32_t align_;
  uint32_t total_; /* plan bytes, after a successful place */
} mote_memplan_t;

/* Bytes of plan memory for `tensors` tensors, `scratch` scratch buffers
 * and `shares` requests to overlap (mote_memplan_share): 20 a buffer, 12
 * a share. SIZE_MAX when that does not fit a size_t. */
static inline size_t mote_memplan_bytes(uint32_t tensors, uint32_t scratch,
                                        uint32_t shares) {
  const uint64_t per = sizeof(mote_plan_buffer_t) + sizeof(uint32_t);
  const uint64_t bytes = ((uint64_t)tensors + scratch) * per +
                         (uint64_t)shares * sizeof(mote_plan_share_t);
  return bytes > SIZE_MAX ? SIZE_MAX : (size_t)bytes;
}

/*
 * Starts a plan in `mem` (`bytes` long, 4-byte aligned, at least
 * mote_memplan_bytes(tensors, scratch, shares)) for a graph of `tensors`
 * tensors and `steps` steps (< 2^31), with room for `scratch` scratch
 * buffers and `shares` requests to overlap.
 * Every buffer will be aligned to `align` bytes, a power of two.
 * MOTE_ERR_BAD_ARG for a misaligned `mem` or a bad `align`;
 * MOTE_ERR_ARENA_TOO_SMALL when `bytes` is short.
 */
mote_status_t mote_memplan_init(mote_memplan_t *plan, void *mem, size_t bytes,
                                uint32_t tensors, uint32_t scratch,
                                uint32_t shares, uint32_t steps,
                                uint32_t align);

/* Step `step` writes (`writes` nonzero) or reads `tensor`. In step order;
 * within a step, writes first (see the design note). */
void mote_memplan_use(mote_memplan_t *plan, uint32_t step, int32_t tensor,
                      int writes);

static inline void mote_memplan_write(mote_memplan_t *plan, uint32_t step,
                                      int32_t tensor) {
  mote_memplan_use(plan, step, tensor, 1);
}

static inline void mote_memplan_read(mote_memplan_t *plan, uint32_t step,
                                     int32_t tensor) {
  mote_memplan_use(plan, step, tensor, 0);
}

/* `tensor` holds a value from before the run (a model input): a read at
 * step 0, so record it before anything else. */
static inline void mote_memplan_input(mote_memplan_t *plan, int32_t tensor) {
  mote_memplan_use(plan, 0, tensor, 0);
}

/* `tensor` must keep its value to the end of the run (a model output, or a
 * tensor the application reads after the run): a read after the last
 * step, so record it after everything else. A tensor that is kept but
 * never written is alive for the whole run. */
static inline void mote_memplan_keep(mote_memplan_t *plan, int32_t tensor) {
  mote_memplan_use(plan, plan->steps_, tensor, 0);
}

/* `tensor` needs `bytes` of memory (rounded up to the alignment) at
 * `offset` (an offline plan), or wherever the planner puts it when
 * `offset` is MOTE_MEMPLAN_NONE. Tensors without a size, or of size 0, get
 * no memory. Checked when placing: a fixed offset must be aligned, and
 * fixed tensors alive at a common step must not share bytes. Any time
 * before mote_memplan_place. */
void mote_memplan_size(mote_memplan_t *plan, int32_t tensor, uint32_t bytes,
                       uint32_t offset);

/* Adds a scratch buffer of `bytes` used during step `step`; returns its
 * index (0, 1, ... in the order added), or -1 when the plan has no room
 * left for one. */
int32_t mote_memplan_scratch(mote_memplan_t *plan, uint32_t step,
                             uint32_t bytes);

/* Keeps scratch buffer `index` (from mote_memplan_scratch; -1 is
 * ignored) alive through every step: the scratch of an operator of a
 * called subgraph, which runs inside its caller's step. */
static inline void mote_memplan_scratch_always(mote_memplan_t *plan,
                                               int32_t index) {
  if (index >= 0 && (uint32_t)index < plan->scratch_) {
    plan->buf_[plan->tensors_ + (uint32_t)index].first = 0;
    plan->buf_[plan->tensors_ + (uint32_t)index].last = (int32_t)plan->steps_;
  }
}

/*
 * Step `step` can write tensor `out` over tensor `in` when `in` starts
 * exactly `rel` bytes after `out` (a multiple of the alignment); see
 * planner.h's mote_plan_share_t. Recorded only where it is safe: both
 * tensors have memory and no fixed offset, `in` is last used at `step`
 * and `out` first written there (so neither a model output nor kept).
 * Call it after every use, size and keep is recorded, and at most the
 * `shares` times init allowed (further calls are ignored). Returns
 * whether it was recorded.
 */
int mote_memplan_share(mote_memplan_t *plan, uint32_t step, int32_t in,
                       int32_t out, uint32_t rel);

/*
 * Computes the lifetimes and places every buffer. Errors, with a message
 * in `err` (may be NULL): MOTE_ERR_CORRUPT_MODEL for an inconsistent
 * offline plan, naming the tensor whose offset is not aligned or the first
 * two fixed tensors alive at a common step in shared bytes;
 * MOTE_ERR_ARENA_TOO_SMALL when the plan would pass 4 GiB. Call it once.
 */
mote_status_t mote_memplan_place(mote_memplan_t *plan, mote_error_t *err);

/* After a successful place: the plan's size in bytes (a multiple of the
 * alignment). */
static inline uint32_t mote_memplan_total(const mote_memplan_t *plan) {
  return plan->total_;
}

/* After a successful place: the offset of tensor `tensor`, or
 * MOTE_MEMPLAN_NONE for a tensor with no memory or out of range. */
static inline uint32_t mote_memplan_tensor_offset(const mote_memplan_t *plan,
                                                  uint32_t tensor) {
  return tensor < plan->tensors_ && plan->buf_[tensor].size != 0
             ? plan->buf_[tensor].offset
             : MOTE_MEMPLAN_NONE;
}

/* After a successful place: the offset of scratch buffer `index`, which
 * must be one mote_memplan_scratch returned. */
static inline uint32_t mote_memplan_scratch_offset(const mote_memplan_t *plan,
                                                   uint32_t index) {
  return plan->buf_[plan->tensors_ + index].offset;
}

/* Buffers of the plan: the tensors, then the scratch buffers added. */
static inline uint32_t mote_memplan_buffer_count(const mote_memplan_t *plan) {
  return plan->tensors_ + plan->scratch_;
}

/* After a successful place: buffer `i` (< mote_memplan_buffer_count) as
 * placed, tensors first, then scratch in the order added; size 0 for a
 * tensor with no memory. For tools that draw or check the plan. */
static inline const mote_plan_buffer_t *
mote_memplan_buffer(const mote_memplan_t *plan, uint32_t i) {
  return &plan->buf_[i];
}

/* After a successful place: the lifetime [*first, *last] of tensor
 * `tensor` in steps (*last may be `steps` for a kept tensor). Returns 0,
 * and sets nothing, for a tensor with no memory; tests and tools read it. */
int mote_memplan_lifetime(const mote_memplan_t *plan, uint32_t tensor,
                          int32_t *first, int32_t *last);

#endif /* MOTE_MEMORY_MEMPLAN_H */
