/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Questions an application asks an interpreter besides running it: a
 * tensor by name, and where the arena went (the totals, and per operator
 * when asked before prepare).
 *
 * Separate from interp.c so that a firmware that never asks links none of
 * it. The per-operator figures are measured by mote_interp_prepare itself
 * (the tail taken and scratch requested around each kernel's prepare) and
 * written into an array the caller hands over beforehand; the totals are
 * kept in the handle. Rejected: keeping per-operator records in the arena
 * for later questions, which would cost every application arena for what
 * few ask, and TFLM's way of a separate recording allocator type, which
 * would be a second allocator to keep in step with the first.
 */
#include <string.h>

#include "common/error.h"
#include "interp/interp_internal.h"

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
