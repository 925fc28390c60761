/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Questions an application asks an interpreter besides running it: a
 * tensor by name, and where the arena went (the totals, per operator and
 * buffer by buffer when asked before prepare).
 *
 * Separate from interp.c so that a firmware that never asks links none of
 * it. The per-operator figures are measured by mote_interp_prepare itself
 * (the tail taken and scratch requested around each kernel's prepare) and
 * written into an array the caller hands over beforehand; the totals are
 * kept in the handle. Rejected: keeping per-operator records in the arena
 * for later questions, which would cost every application arena for what
 * few ask, and TFLM's way of a separate recording allocator type, which
 * would be a second allocator to keep in step with the first. The plan
 * itself lives in head memory that invoke overwrites, so it is copied out
 * during prepare, by a function prepare reaches through the handle only
 * when asked (interp.c then links none of this file).
 */
#include <string.h>

#include "common/error.h"
#include "interp/interp_internal.h"
#include "memory/memplan.h"

mote_status_t mote_interp_tensor_by_name(const mote_interp_t *in,
                                         const char *name, mote_tensor_t *out) {
  uint32_t index;
  mote_status_t st;
  if (in == NULL || in->model_ == NULL || out == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  st = mote_model_tensor_find(in->model_, in->subgraph_, name, &index);
  if (st != MOTE_OK) {
    return st;
  }
  return mote_interp_tensor(in, index, out);
}

mote_status_t mote_interp_record_op_memory(mote_interp_t *in,
                                           mote_op_memory_t *ops,
                                           uint32_t count, mote_error_t *err) {
  if (in == NULL || ops == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "interpreter or array is NULL");
  }
  if (in->state_ != MOTE_STATE_INIT) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "operator memory can be recorded only between init and "
                     "prepare");
  }
  if (count < in->op_count_) {
    return MOTE_FAIL(err, MOTE_ERR_CAPACITY,
                     "array of %u entries for %u operators", (unsigned)count,
                     (unsigned)in->op_count_);
  }
  memset(ops, 0, sizeof *ops * count);
  in->op_memory_ = ops;
  return MOTE_OK;
}

/* Copies the placed plan into the caller's entries (called by prepare). */
static void fill_plan(const mote_interp_t *in, const void *plan_mem) {
  const mote_memplan_t *plan = (const mote_memplan_t *)plan_mem;
  const uint32_t n = mote_memplan_buffer_count(plan);
  uint32_t i;
  uint32_t count = 0;
  for (i = 0; i < n; i++) {
    const mote_plan_buffer_t *b = mote_memplan_buffer(plan, i);
    if (b->size == 0) {
      continue;
    }
    if (count < in->plan_cap_) {
      mote_plan_entry_t *e = &in->plan_rec_[count];
      const int scratch = i >= in->tensor_count_;
      e->tensor = scratch ? -1 : (int32_t)i;
      e->scratch = scratch ? i - in->tensor_count_ : 0u;
      e->offset = b->offset;
      e->bytes = b->size;
      e->first_op = b->first < 0 ? 0u : (uint32_t)b->first;
      e->last_op = b->last < 0 ? 0u : (uint32_t)b->last;
    }
    count++;
  }
  *in->plan_count_ = count;
}

mote_status_t mote_interp_record_plan(mote_interp_t *in,
                                      mote_plan_entry_t *entries,
                                      uint32_t capacity, uint32_t *count,
                                      mote_error_t *err) {
  if (in == NULL || entries == NULL || count == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "interpreter, array or count is NULL");
  }
  if (in->state_ != MOTE_STATE_INIT) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "the plan can be recorded only between init and "
                     "prepare");
  }
  *count = 0;
  in->plan_rec_ = entries;
  in->plan_cap_ = capacity;
  in->plan_count_ = count;
  in->plan_fill_ = fill_plan;
  return MOTE_OK;
}

/* Planned tensors (those with arena memory at the head: not constants,
 * not variables, and given a place by the plan) into out. */
static void count_planned(const mote_interp_t *in, mote_memory_usage_t *out) {
  uint32_t i;
  for (i = 0; i < in->tensor_count_; i++) {
    mote_tensor_t t;
    mote_interp_fill_view(in, (int32_t)i, &t);
    if ((t.flags & (MOTE_TENSOR_CONST | MOTE_TENSOR_VARIABLE)) == 0 &&
        t.data != NULL && t.bytes > 0) {
      out->tensor_bytes += mote_align_up(t.bytes, MOTE_ARENA_ALIGN);
      out->tensor_count++;
    }
  }
}

mote_status_t mote_interp_memory_usage(const mote_interp_t *in,
                                       mote_memory_usage_t *out) {
  if (in == NULL || out == NULL || in->arena_ == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  if (in->state_ != MOTE_STATE_PREPARED) {
    return MOTE_ERR_BAD_STATE;
  }
  memset(out, 0, sizeof *out);
  out->arena_bytes = mote_interp_arena_used_bytes(in);
  out->persistent_bytes = in->arena_->tail_used_ - in->tail_start_;
  out->variable_bytes = in->variable_bytes_;
  out->kernel_bytes = in->kernel_bytes_;
  out->constant_bytes = in->constant_bytes_;
  out->runtime_bytes = out->persistent_bytes - out->variable_bytes -
                       out->kernel_bytes - out->constant_bytes;
  out->head_bytes = in->head_bytes_;
  out->planned_bytes = in->plan_bytes_;
  out->scratch_bytes = in->scratch_bytes_;
  out->scratch_count = in->scratch_count_;
  count_planned(in, out);
  return MOTE_OK;
}
