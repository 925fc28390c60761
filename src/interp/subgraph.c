// SPDX-License-Identifier: Apache-2.0
/*
 * Models of several subgraphs (control flow: IF, WHILE, CALL_ONCE).
 *
 * Every subgraph is initialised and prepared with the model, in the one
 * arena: its tensors and operators follow subgraph 0's in the tables the
 * interpreter already has (tensor_at_, nodes_, io_), so an index across
 * subgraphs is all a node or kernel holds, and invoke of a subgraph is a
 * run over a range of nodes. Only a model of several subgraphs gets the
 * small subgraph table; a single-subgraph model pays nothing here, not a
 * byte per node or tensor.
 *
 * The memory plan treats subgraph 0 as before and keeps the tensors and
 * scratch of the other subgraphs alive for the whole run (interp.c): a
 * called subgraph runs inside its caller's step, with the caller's live
 * tensors around it, and a plan that overlaps them would need the call
 * graph's lifetimes (TFLM's approach), which this first version leaves
 * for later.
 */
#include <string.h>

#include "common/error.h"
#include "interp/interp_internal.h"
#include "mote/ops.h"

static const mote_subgraph_t *sub(const mote_interp_t *in, uint32_t sg) {
  return &in->subgraphs_[sg];
}

const mote_subgraph_t *mote_interp_subgraph(const mote_interp_t *in,
                                            uint32_t sg) {
  return in->subgraphs_ == NULL || sg >= in->subgraph_count_ ? NULL
                                                             : sub(in, sg);
}

/* The subgraph whose range holds index `i`: of the tensors (`ops` 0) or
 * the operators. */
static uint32_t locate(const mote_interp_t *in, uint32_t i, int ops) {
  uint32_t sg = 0;
  if (in->subgraphs_ == NULL || i < (ops ? in->op_count_ : in->tensor_count_)) {
    return 0;
  }
  while (sg + 1u < in->subgraph_count_ &&
         i >= (ops ? sub(in, sg + 1u)->op_base : sub(in, sg + 1u)->tensor_base)) {
    sg++;
  }
  return sg;
}

static mote_status_t count_subgraphs(mote_interp_t *in, uint32_t *io,
                                     mote_error_t *err) {
  const mote_model_t *m = in->model_;
  uint32_t sg;
  uint64_t tensors = 0;
  uint64_t ops = 0;
  uint64_t ios = 0;
  for (sg = 0; sg < in->subgraph_count_; sg++) {
    tensors += mote_model_tensor_count(m, sg);
    ops += mote_model_op_count(m, sg);
    if (sg > 0) {
      ios += (uint64_t)mote_model_input_count(m, sg) +
             mote_model_output_count(m, sg);
    }
  }
  if (tensors >= MOTE_NO_TENSOR || ops > 0xFFFFFFu || ios > 0xFFFFu) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                     "model has %lu tensors and %lu operators in %u "
                     "subgraphs; mote runs up to %u tensors in all",
                     (unsigned long)tensors, (unsigned long)ops,
                     (unsigned)in->subgraph_count_,
                     (unsigned)(MOTE_NO_TENSOR - 1u));
  }
  in->tensor_total_ = (uint32_t)tensors;
  in->op_total_ = (uint32_t)ops;
  *io = (uint32_t)ios;
  return MOTE_OK;
}

static mote_status_t bind_subgraphs(mote_interp_t *in, uint32_t at,
                                    mote_error_t *err) {
  const mote_model_t *m = in->model_;
  const size_t bytes = sizeof(mote_subgraph_t) * in->subgraph_count_;
  uint32_t tensor_base = 0;
  uint32_t op_base = 0;
  uint32_t sg;
  uint32_t k;
  void *mem;
  uint32_t ios = 0;
  for (sg = 1; sg < in->subgraph_count_; sg++) {
    ios += mote_model_input_count(m, sg) + mote_model_output_count(m, sg);
  }
  if (at + ios > 0xFFFFu) { /* count kept ios below 65536 */
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                     "operators and subgraphs name more than 65535 operands; "
                     "mote runs up to that");
  }
  if (mote_arena_alloc_tail(in->arena_, bytes, 4, &mem) != MOTE_OK) {
    return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                     "arena of %lu bytes is too small: needs more than %lu",
                     (unsigned long)in->arena_->size_,
                     (unsigned long)(mote_arena_used_bytes(in->arena_) + bytes));
  }
  in->subgraphs_ = (mote_subgraph_t *)mem;
  for (sg = 0; sg < in->subgraph_count_; sg++) {
    mote_subgraph_t *s = &in->subgraphs_[sg];
    s->tensor_base = tensor_base;
    s->tensor_count = mote_model_tensor_count(m, sg);
    s->op_base = op_base;
    s->op_count = mote_model_op_count(m, sg);
    s->input_count = (uint16_t)mote_model_input_count(m, sg);
    s->output_count = (uint16_t)mote_model_output_count(m, sg);
    s->reserved_ = 0;
    s->io = 0;
    tensor_base += s->tensor_count;
    op_base += s->op_count;
    if (sg == 0) {
      continue; /* the model's inputs and outputs: io_tensors_ */
    }
    s->io = (uint16_t)at; /* counted: below 65536 */
    for (k = 0; k < s->input_count; k++) {
      ((uint16_t *)in->io_)[at++] =
          (uint16_t)(s->tensor_base + (uint32_t)mote_model_input_index(m, sg, k));
    }
    for (k = 0; k < s->output_count; k++) {
      ((uint16_t *)in->io_)[at++] = (uint16_t)(s->tensor_base +
                                 (uint32_t)mote_model_output_index(m, sg, k));
    }
  }
  return MOTE_OK;
}

/* The subgraphs operator `op` (a node of subgraph `sg`) calls, by its
 * options in the model: up to two, into `callee`; -1 for none. */
static uint32_t callees(const mote_interp_t *in, uint32_t op, int32_t callee[2],
                        const char **role) {
  const mote_node_t *node = &in->nodes_[op];
  mote_fb_t fb = mote_model_fb(in->model_);
  uint32_t ot;
  uint32_t table;
  uint32_t n;
  uint8_t type;
  uint8_t want;
  switch (in->resolver_->entries_[node->entry].op) {
  case MOTE_OP_IF: want = 92; n = 2; *role = "then/else"; break;
  case MOTE_OP_WHILE: want = 93; n = 2; *role = "cond/body"; break;
  case MOTE_OP_CALL_ONCE: want = 103; n = 1; *role = "init"; break;
  default: return 0;
  }
  ot = mote_interp_op_table(in, op);
  type = mote_fb_get_u8(&fb, ot, MOTE_OPERATOR_OPTIONS_TYPE, 0);
  table = mote_fb_ref(&fb, ot, MOTE_OPERATOR_OPTIONS);
  if (type != want) {
    table = 0; /* every index at its default, 0: the main subgraph */
  }
  callee[0] = table == 0 ? 0 : mote_fb_get_i32(&fb, table, 0, 0);
  callee[1] = n < 2 ? -1 : table == 0 ? 0 : mote_fb_get_i32(&fb, table, 1, 0);
  return n;
}

/* Each call's target: in range, not the main subgraph, not the caller's
 * own subgraph (the plainest recursion, named as such). */
static mote_status_t check_targets(const mote_interp_t *in, mote_error_t *err) {
  uint32_t op;
  for (op = 0; op < in->op_total_; op++) {
    int32_t callee[2];
    const char *role = "";
    const uint32_t n = callees(in, op, callee, &role);
    const uint32_t sg = n > 0 ? mote_interp_op_subgraph(in, op) : 0;
    const unsigned local = (unsigned)(op - mote_interp_op_base(in, sg));
    uint32_t k;
    for (k = 0; k < n; k++) {
      const int32_t c = callee[k];
      if (c < 0 || (uint32_t)c >= in->subgraph_count_) {
        return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                         "subgraph %u op %u (%s): %s subgraph index %ld is "
                         "out of range (%u subgraphs)",
                         (unsigned)sg, local, mote_op_name(in->resolver_->entries_[in->nodes_[op].entry].op),
                         role, (long)c, (unsigned)in->subgraph_count_);
      }
      if (c == 0 || (uint32_t)c == sg) {
        return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                         "subgraph %u op %u (%s) calls %s subgraph %ld: "
                         "recursion is refused",
                         (unsigned)sg, local, mote_op_name(in->resolver_->entries_[in->nodes_[op].entry].op),
                         c == 0 ? "the main" : "its own", (long)c);
      }
    }
  }
  return MOTE_OK;
}

/* Longest chain of calls below each subgraph, a byte each in the tail
 * (several-subgraph models only), relaxed over every calling node until
 * nothing changes: a chain grows by one a round at most, so a cycle
 * (subgraphs that call each other) passes MOTE_MAX_SUBGRAPH_DEPTH after
 * as many rounds and fails, and the work is bounded by that many passes
 * over the nodes. */
static mote_status_t check_calls(mote_interp_t *in, mote_error_t *err) {
  uint8_t *depth;
  void *mem;
  int changed = 1;
  uint32_t op;
  mote_status_t st = check_targets(in, err);
  if (st != MOTE_OK) {
    return st;
  }
  if (mote_arena_alloc_tail(in->arena_, in->subgraph_count_, 1, &mem) !=
      MOTE_OK) {
    return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                     "arena of %lu bytes is too small to check %u subgraphs",
                     (unsigned long)in->arena_->size_,
                     (unsigned)in->subgraph_count_);
  }
  depth = (uint8_t *)mem;
  memset(depth, 0, in->subgraph_count_);
  while (changed) {
    changed = 0;
    for (op = 0; op < in->op_total_; op++) {
      int32_t callee[2];
      const char *role = "";
      const uint32_t n = callees(in, op, callee, &role);
      const uint32_t sg = n > 0 ? mote_interp_op_subgraph(in, op) : 0;
      uint32_t k;
      for (k = 0; k < n; k++) {
        const uint32_t c = (uint32_t)callee[k]; /* checked above */
        if (depth[c] + 1u <= depth[sg]) {
          continue;
        }
        depth[sg] = (uint8_t)(depth[c] + 1u);
        changed = 1;
        if (depth[sg] > MOTE_MAX_SUBGRAPH_DEPTH) {
          return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                           "subgraph %u op %u (%s) calls subgraph %u: "
                           "subgraphs that call each other, or control flow "
                           "nested more than %d deep, are refused",
                           (unsigned)sg,
                           (unsigned)(op - mote_interp_op_base(in, sg)),
                           mote_op_name(in->resolver_->entries_[in->nodes_[op].entry].op), (unsigned)c,
                           MOTE_MAX_SUBGRAPH_DEPTH);
        }
      }
    }
  }
  return MOTE_OK;
}

const mote_subgraph_support_t mote_subgraph_support = {
    count_subgraphs, bind_subgraphs, check_calls, locate};
