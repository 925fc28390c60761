/*
 * The memory plan of a graph: tensor lifetimes, offline (fixed) offsets,
 * scratch buffers, and their placement at the arena head.
 *
 * The caller describes its graph in plain indices, tensors 0..n-1 and
 * steps 0..s-1 (for the interpreter: the operators in run order): which
 * tensors each step writes and reads, which are model inputs, which must
 * last to the end of a run (model outputs, tensors the application reads
 * after invoke). It gives every tensor that needs arena memory its size,
 * perhaps a fixed offset from an offline plan, adds scratch buffers, each
 * used by one step, and places everything with the greedy planner of
 * planner.h. Nothing here knows a file format; the interpreter reads the
 * model and feeds this module.
 *
 * Lifetimes, in steps. A tensor is alive from the first step that writes
 * it to the last step that reads or writes it, except that it is alive
 * from step 0 when its value comes from before the run: a model input, or
 * a tensor some step reads before any step up to and including that one
 * has written it. A kept tensor (mote_memplan_keep: model outputs, tensors
 * kept for the application) is alive to step s, one past the last, so
 * nothing written after it can share its bytes. Scratch is alive during its
 * step only, so it overlays whatever tensors are dead then and costs
 * nothing when it fits under the peak. Tensors that no step, input or keep
 * mentions, and tensors never given a size, get no memory.
 *
 * Records may come in any order: the plan keeps, per tensor, the first
 * step that writes it, the first step that reads it and the last step that
 * uses it, and turns them into a lifetime when it places. The first-read
 * step lives in the word that placement later uses for its sort order, so
 * a plan costs 20 bytes per buffer, the figure every arena size mote has
 * reported was computed with. Rejected: making callers record steps in
 * order (the interpreter would, but a rule that a planner can only check
 * is a rule tests and future callers trip over).
 *
 * Errors in recording calls (an index out of range, too many scratch
 * buffers, a size beyond 32 bits) are sticky: the call is ignored and
 * mote_memplan_place reports the first one. Negative tensor indices are
 * absent optional operands and are ignored without error, and so is any
 * recording call after mote_memplan_place. Buffers are numbered tensors
 * first, then scratch buffers, in messages.
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

/* Offset reported for a tensor that has no memory in the plan. */
#define MOTE_MEMPLAN_NONE MOTE_PLAN_UNPLACED

/* Caller-allocated handle; fields are private. */
typedef struct mote_memplan {
  mote_plan_buffer_t *buf_; /* tensors_ tensors, then the scratch buffers */
  uint32_t *aux_;           /* per buffer: first read step, then order */
  uint32_t tensors_;
  uint32_t scratch_cap_;
  uint32_t scratch_; /* scratch buffers added so far */
  uint32_t steps_;
  uint32_t align_;
  uint32_t total_;    /* plan bytes, after a successful place */
  int32_t bad_index_; /* value that caused the sticky error */
  uint8_t bad_kind_;  /* what it was (memplan.c), 0 for none */
  uint8_t placed_;
} mote_memplan_t;

/* Bytes of plan memory for `tensors` tensors and `scratch` scratch
 * buffers: 20 a buffer. SIZE_MAX when that does not fit a size_t. */
size_t mote_memplan_bytes(uint32_t tensors, uint32_t scratch);

/*
 * Starts a plan in `mem` (`bytes` long, 4-byte aligned, at least
 * mote_memplan_bytes(tensors, scratch)) for a graph of `tensors` tensors
 * and `steps` steps, with room for `scratch` scratch buffers. Every buffer
 * will be aligned to `align` bytes, a power of two. MOTE_ERR_BAD_ARG for a
 * NULL or misaligned pointer, a bad `align` or more than INT32_MAX steps;
 * MOTE_ERR_ARENA_TOO_SMALL when `bytes` is short.
 */
mote_status_t mote_memplan_init(mote_memplan_t *plan, void *mem, size_t bytes,
                                uint32_t tensors, uint32_t scratch,
                                uint32_t steps, uint32_t align);

/* Step `step` (< steps) writes / reads `tensor`. */
void mote_memplan_write(mote_memplan_t *plan, uint32_t step, int32_t tensor);
void mote_memplan_read(mote_memplan_t *plan, uint32_t step, int32_t tensor);

/* `tensor` holds a value from before the run (a model input). */
void mote_memplan_input(mote_memplan_t *plan, int32_t tensor);

/* `tensor` must keep its value to the end of the run: a model output, or a
 * tensor the application reads after the run. A tensor that is kept but
 * never written is alive for the whole run. */
void mote_memplan_keep(mote_memplan_t *plan, int32_t tensor);

/* `tensor` needs `bytes` of memory (rounded up to the alignment). Tensors
 * without a size, or of size 0, get no memory. */
void mote_memplan_size(mote_memplan_t *plan, int32_t tensor, uint32_t bytes);

/* `tensor` goes at `offset` (an offline plan). Checked when placing: the
 * offset must be aligned, and fixed tensors alive at a common step must not
 * share bytes. Ignored for a tensor that turns out to get no memory. */
void mote_memplan_fix(mote_memplan_t *plan, int32_t tensor, uint32_t offset);

/* Adds a scratch buffer of `bytes` used during step `step`; returns its
 * index (0, 1, ... in the order added) or -1: a sticky error when the
 * plan has no room left for one, `step` is out of range or the size does
 * not fit 32 bits once aligned; no error after mote_memplan_place. */
int32_t mote_memplan_scratch(mote_memplan_t *plan, uint32_t step,
                             uint32_t bytes);

/*
 * Computes the lifetimes and places every buffer. Errors, with a message
 * in `err` (may be NULL): the sticky recording error (MOTE_ERR_BAD_ARG
 * naming the index, MOTE_ERR_ARENA_TOO_SMALL for a size); and for an
 * inconsistent offline plan MOTE_ERR_CORRUPT_MODEL naming the tensor whose
 * offset is not aligned, or the two fixed tensors that are alive at a
 * common step in shared bytes; MOTE_ERR_ARENA_TOO_SMALL when the plan
 * would pass 4 GiB; MOTE_ERR_BAD_STATE once a place has succeeded.
 */
mote_status_t mote_memplan_place(mote_memplan_t *plan, mote_error_t *err);

/* After a successful place: the plan's size in bytes (a multiple of the
 * alignment), and the offsets of tensor `tensor` and scratch buffer
 * `index`; MOTE_MEMPLAN_NONE for a tensor with no memory, an index out of
 * range, or before placing. */
uint32_t mote_memplan_total(const mote_memplan_t *plan);
uint32_t mote_memplan_tensor_offset(const mote_memplan_t *plan,
                                    uint32_t tensor);
uint32_t mote_memplan_scratch_offset(const mote_memplan_t *plan,
                                     uint32_t index);

/* After a successful place: the lifetime [*first, *last] of tensor
 * `tensor` in steps (*last may be `steps` for a kept tensor). Returns 0,
 * and sets nothing, for a tensor with no memory; tests and tools read it. */
int mote_memplan_lifetime(const mote_memplan_t *plan, uint32_t tensor,
                          int32_t *first, int32_t *last);

#endif /* MOTE_MEMORY_MEMPLAN_H */
