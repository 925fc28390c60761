/*
 * The memory plan of a graph; the design note is in memplan.h.
 *
 * While recording, a tensor's plan record holds raw facts: `first` the
 * first step that writes it (-1: none), `last` the last step that uses it
 * (-1: none), `aux_[t]` the first step that reads it (NO_STEP: none);
 * `size` and `offset` already hold their final meaning. Placing turns the
 * facts into lifetimes, checks the fixed offsets, and hands the records to
 * mote_plan, which reuses aux_ as its sort order.
 */
#include "memory/memplan.h"

#include <string.h>

#include "common/align.h"
#include "common/error.h"

#define NO_STEP 0xFFFFFFFFu

/* mote_memplan_t.bad_kind_: what a sticky recording error was about. */
enum { BAD_NONE = 0, BAD_TENSOR, BAD_STEP, BAD_SCRATCH, BAD_SIZE };

size_t mote_memplan_bytes(uint32_t tensors, uint32_t scratch) {
  const size_t per = sizeof(mote_plan_buffer_t) + sizeof(uint32_t);
  uint64_t count = (uint64_t)tensors + scratch;
  if (count > (uint64_t)(SIZE_MAX / per)) {
    return SIZE_MAX;
  }
  return (size_t)count * per;
}

mote_status_t mote_memplan_init(mote_memplan_t *p, void *mem, size_t bytes,
                                uint32_t tensors, uint32_t scratch,
                                uint32_t steps, uint32_t align) {
  uint32_t i;
  if (p == NULL || mem == NULL || ((uintptr_t)mem & 3u) != 0 || align == 0 ||
      (align & (align - 1u)) != 0 || steps > 0x7FFFFFFFu) {
    return MOTE_ERR_BAD_ARG;
  }
  if (bytes < mote_memplan_bytes(tensors, scratch)) {
    return MOTE_ERR_ARENA_TOO_SMALL;
  }
  memset(p, 0, sizeof *p);
  p->buf_ = (mote_plan_buffer_t *)mem;
  p->aux_ = (uint32_t *)(void *)(p->buf_ + tensors + scratch);
  p->tensors_ = tensors;
  p->scratch_cap_ = scratch;
  p->steps_ = steps;
  p->align_ = align;
  for (i = 0; i < tensors; i++) {
    p->buf_[i].size = 0;
    p->buf_[i].first = -1;
    p->buf_[i].last = -1;
    p->buf_[i].offset = MOTE_PLAN_UNPLACED;
    p->aux_[i] = NO_STEP;
  }
  return MOTE_OK;
}

/* Records the first sticky error only: it is the one to report. */
static void fail(mote_memplan_t *p, uint8_t kind, int64_t index) {
  if (p->bad_kind_ == BAD_NONE) {
    p->bad_kind_ = kind;
    p->bad_index_ = index > 0x7FFFFFFF ? 0x7FFFFFFF : (int32_t)index;
  }
}

/* The record of `tensor`; NULL for an absent operand (negative), once the
 * plan is placed (it is final), and, with a sticky error, for an index out
 * of range. */
static mote_plan_buffer_t *record(mote_memplan_t *p, int32_t tensor) {
  if (tensor < 0 || p->placed_) {
    return NULL;
  }
  if ((uint32_t)tensor >= p->tensors_) {
    fail(p, BAD_TENSOR, tensor);
    return NULL;
  }
  return &p->buf_[tensor];
}

/* A use at `step`, which may be steps_ itself (a keep). */
static void use(mote_memplan_t *p, uint32_t step, int32_t tensor, int read) {
  mote_plan_buffer_t *b = record(p, tensor);
  if (b == NULL) {
    return;
  }
  if (read) {
    if (p->aux_[tensor] > step) {
      p->aux_[tensor] = step;
    }
  } else if (b->first < 0 || b->first > (int32_t)step) {
    b->first = (int32_t)step;
  }
  if (b->last < (int32_t)step) {
    b->last = (int32_t)step;
  }
}

/* Steps the graph has; a sticky error for any other. */
static int step_ok(mote_memplan_t *p, uint32_t step) {
  if (step >= p->steps_) {
    fail(p, BAD_STEP, step);
    return 0;
  }
  return 1;
}

void mote_memplan_write(mote_memplan_t *p, uint32_t step, int32_t tensor) {
  if (step_ok(p, step)) {
    use(p, step, tensor, 0);
  }
}

void mote_memplan_read(mote_memplan_t *p, uint32_t step, int32_t tensor) {
  if (step_ok(p, step)) {
    use(p, step, tensor, 1);
  }
}

/* Both are reads: an input is read "at step 0" before anything writes it,
 * and a kept tensor is read after the last step. */
void mote_memplan_input(mote_memplan_t *p, int32_t tensor) {
  use(p, 0, tensor, 1);
}

void mote_memplan_keep(mote_memplan_t *p, int32_t tensor) {
  use(p, p->steps_, tensor, 1);
}

void mote_memplan_size(mote_memplan_t *p, int32_t tensor, uint32_t bytes) {
  mote_plan_buffer_t *b = record(p, tensor);
  uint64_t size =
      ((uint64_t)bytes + p->align_ - 1u) & ~(uint64_t)(p->align_ - 1u);
  if (b == NULL) {
    return;
  }
  if (size > 0xFFFFFFFFu) {
    fail(p, BAD_SIZE, tensor);
    return;
  }
  b->size = (uint32_t)size;
}

void mote_memplan_fix(mote_memplan_t *p, int32_t tensor, uint32_t offset) {
  mote_plan_buffer_t *b = record(p, tensor);
  if (b != NULL) {
    b->offset = offset;
  }
}

int32_t mote_memplan_scratch(mote_memplan_t *p, uint32_t step, uint32_t bytes) {
  mote_plan_buffer_t *s;
  if (p->placed_) {
    return -1;
  }
  if (p->scratch_ >= p->scratch_cap_) {
    fail(p, BAD_SCRATCH, p->scratch_);
    return -1;
  }
  if (!step_ok(p, step)) {
    return -1;
  }
  if (bytes > 0xFFFFFFFFu - (p->align_ - 1u)) {
    fail(p, BAD_SIZE, (int64_t)p->tensors_ + p->scratch_);
    return -1;
  }
  s = &p->buf_[p->tensors_ + p->scratch_];
  s->size = (uint32_t)mote_align_up(bytes, p->align_);
  s->first = (int32_t)step;
  s->last = (int32_t)step;
  s->offset = MOTE_PLAN_UNPLACED;
  return (int32_t)p->scratch_++;
}

static mote_status_t sticky_error(const mote_memplan_t *p, mote_error_t *err) {
  const long i = (long)p->bad_index_;
  switch (p->bad_kind_) {
  case BAD_TENSOR:
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "memory plan: tensor %ld of %lu does not exist", i,
                     (unsigned long)p->tensors_);
  case BAD_STEP:
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "memory plan: step %ld of %lu does not exist", i,
                     (unsigned long)p->steps_);
  case BAD_SCRATCH:
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "memory plan: room for %lu scratch buffers only",
                     (unsigned long)p->scratch_cap_);
  default:
    return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                     "memory plan: buffer %ld is larger than 4 GiB", i);
  }
}

/* Turns the recorded facts into lifetimes; a tensor that no step uses or
 * that has no size is fixed at 0 with no bytes, which placement skips. */
static void finish_lifetimes(mote_memplan_t *p) {
  uint32_t i;
  for (i = 0; i < p->tensors_; i++) {
    mote_plan_buffer_t *b = &p->buf_[i];
    const uint32_t first_read = p->aux_[i];
    if (b->last < 0 || b->size == 0) {
      b->size = 0;
      b->first = 0;
      b->last = 0;
      b->offset = 0;
      continue;
    }
    /* Read before (or without) any write up to that step: the value
     * comes from before the run. */
    if (first_read != NO_STEP &&
        (b->first < 0 || first_read < (uint32_t)b->first)) {
      b->first = 0;
    }
  }
}

/* The offline plan's faults, by tensor: a misaligned offset first, then
 * two fixed tensors alive together in shared bytes. */
static mote_status_t check_fixed(const mote_memplan_t *p, mote_error_t *err) {
  uint32_t i;
  uint32_t a;
  uint32_t b;
  for (i = 0; i < p->tensors_; i++) {
    const mote_plan_buffer_t *t = &p->buf_[i];
    if (t->size != 0 && t->offset != MOTE_PLAN_UNPLACED &&
        (t->offset & (p->align_ - 1u)) != 0) {
      return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                       "offline plan: tensor %u offset %u is not %u-byte "
                       "aligned",
                       (unsigned)i, (unsigned)t->offset, (unsigned)p->align_);
    }
  }
  if (mote_plan_fixed_conflict(p->buf_, p->tensors_, &a, &b)) {
    const mote_plan_buffer_t *x = &p->buf_[a];
    const mote_plan_buffer_t *y = &p->buf_[b];
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "offline plan: tensors %u and %u are both alive at step "
                     "%d but share bytes (offsets %u and %u)",
                     (unsigned)a, (unsigned)b,
                     (int)(x->first > y->first ? x->first : y->first),
                     (unsigned)x->offset, (unsigned)y->offset);
  }
  return MOTE_OK;
}

/* Free buffers go no higher than the top fixed end plus every size, so
 * the planner's 32-bit offsets cannot wrap when this fits. */
static int fits_32_bits(const mote_memplan_t *p, uint32_t count) {
  uint64_t top = 0;
  uint64_t sizes = 0;
  uint32_t i;
  for (i = 0; i < count; i++) {
    const mote_plan_buffer_t *b = &p->buf_[i];
    sizes += b->size;
    if (b->offset != MOTE_PLAN_UNPLACED &&
        (uint64_t)b->offset + b->size > top) {
      top = (uint64_t)b->offset + b->size;
    }
  }
  return top + sizes + p->align_ <= 0xFFFFFFFFu;
}

mote_status_t mote_memplan_place(mote_memplan_t *p, mote_error_t *err) {
  const uint32_t count = p->tensors_ + p->scratch_;
  mote_status_t st;
  if (p->placed_) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE, "memory plan: already placed");
  }
  if (p->bad_kind_ != BAD_NONE) {
    return sticky_error(p, err);
  }
  finish_lifetimes(p);
  st = check_fixed(p, err);
  if (st != MOTE_OK) {
    return st;
  }
  if (!fits_32_bits(p, count)) {
    return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                     "memory plan: buffers add up to more than 4 GiB");
  }
  /* Cannot fail: check_fixed found no conflict and alignment is sound. */
  st = mote_plan(p->buf_, count, p->aux_, p->align_, &p->total_);
  if (st != MOTE_OK) {
    return MOTE_FAIL(err, st, "memory plan: placement failed");
  }
  p->placed_ = 1;
  return MOTE_OK;
}

uint32_t mote_memplan_total(const mote_memplan_t *p) {
  return p->placed_ ? p->total_ : 0;
}

uint32_t mote_memplan_tensor_offset(const mote_memplan_t *p, uint32_t tensor) {
  if (!p->placed_ || tensor >= p->tensors_ || p->buf_[tensor].size == 0) {
    return MOTE_MEMPLAN_NONE;
  }
  return p->buf_[tensor].offset;
}

uint32_t mote_memplan_scratch_offset(const mote_memplan_t *p, uint32_t index) {
  if (!p->placed_ || index >= p->scratch_) {
    return MOTE_MEMPLAN_NONE;
  }
  return p->buf_[p->tensors_ + index].offset;
}

int mote_memplan_lifetime(const mote_memplan_t *p, uint32_t tensor,
                          int32_t *first, int32_t *last) {
  if (mote_memplan_tensor_offset(p, tensor) == MOTE_MEMPLAN_NONE) {
    return 0;
  }
  *first = p->buf_[tensor].first;
  *last = p->buf_[tensor].last;
  return 1;
}
