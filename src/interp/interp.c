/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The interpreter: binds a model to kernels, plans memory, runs operators
 * in order.
 *
 * Arena use. init takes from the tail one data pointer per tensor and one
 * node per operator (the only per-tensor runtime state: shapes and
 * quantization stay in the model and are read when a kernel asks). A node
 * holds the kernel, its op data and the model offsets of the operator's
 * input and output index vectors, so that invoke reads nothing else from
 * the model: a kernel's data pointers are two bounds-checked reads away,
 * and the op code and version are looked up only for the profiler, a
 * failure message or a kernel that asks.
 *
 * prepare runs every kernel's prepare (which may take more tail memory and
 * record scratch requests in head temp memory), then describes the graph
 * to the memory plan (memory/memplan.h) in head temp memory after the
 * requests: what each operator writes and reads, the model's inputs and
 * outputs, each tensor's size and any offset the model's offline plan
 * fixes, each scratch request. The plan computes lifetimes in operator
 * steps and places everything; only each scratch buffer's final offset is
 * kept, in the tail. The flatbuffer side (io lists, the offline plan's
 * metadata) stays here and in format/; memory/ sees indices and sizes.
 * Variable tensors live in the tail because they must survive other
 * interpreters' invokes.
 */
#include <string.h>

#include "common/error.h"
#include "interp/interp_internal.h"
#include "memory/memplan.h"
#include "mote/ops.h"

static mote_fb_t interp_fb(const mote_interp_t *in) {
  return mote_model_fb(in->model_);
}

static uint32_t subgraph_table(const mote_interp_t *in) {
  return mote_model_subgraph_table(in->model_, in->subgraph_);
}

void mote_interp_fill_view(const mote_interp_t *in, int32_t ti,
                           mote_tensor_t *out) {
  uint32_t tt;
  if (ti < 0 || (uint32_t)ti >= in->tensor_count_) {
    memset(out, 0, sizeof *out);
    out->flags = MOTE_TENSOR_ABSENT;
    out->index = 0xFFFFFFFFu;
    return;
  }
  tt = mote_model_tensor_table(in->model_, subgraph_table(in), (uint32_t)ti);
  mote_model_fill_tensor(in->model_, tt, (uint32_t)ti, out);
  out->data = in->tensor_data_[ti];
}

/* Bytes of a table of `count` entries: at least one, so that an empty
 * table still gets a pointer into the arena. */
static size_t table_bytes(size_t entry, uint32_t count) {
  return count > 0 ? entry * count : 1u;
}

static mote_status_t arena_fail(mote_interp_t *in, mote_error_t *err,
                                size_t more) {
  return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                   "arena of %lu bytes is too small: needs more than %lu",
                   (unsigned long)in->arena_->size_,
                   (unsigned long)(mote_arena_used_bytes(in->arena_) + more));
}

mote_status_t mote_interp_init(mote_interp_t *in, const mote_model_t *model,
                               const mote_resolver_t *resolver,
                               mote_arena_t *arena, mote_error_t *err) {
  uint32_t i;
  void *mem;
  if (in == NULL || model == NULL || model->data_ == NULL || resolver == NULL ||
      arena == NULL || arena->base_ == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "interpreter, model, resolver or arena is NULL or unset");
  }
  memset(in, 0, sizeof *in);
  in->model_ = model;
  in->resolver_ = resolver;
  in->arena_ = arena;
  in->tail_start_ = arena->tail_used_;
  if (mote_model_subgraph_count(model) != 1) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                     "model has %u subgraphs; mote runs single-subgraph "
                     "models (control flow is not supported yet)",
                     (unsigned)mote_model_subgraph_count(model));
  }
  in->tensor_count_ = mote_model_tensor_count(model, 0);
  in->op_count_ = mote_model_op_count(model, 0);
  if (mote_arena_alloc_tail(arena,
                            table_bytes(sizeof(void *), in->tensor_count_),
                            sizeof(void *), &mem) != MOTE_OK) {
    return arena_fail(in, err, sizeof(void *) * in->tensor_count_);
  }
  in->tensor_data_ = (void **)mem;
  if (mote_arena_alloc_tail(arena,
                            table_bytes(sizeof(mote_node_t), in->op_count_),
                            sizeof(void *), &mem) != MOTE_OK) {
    return arena_fail(in, err, sizeof(mote_node_t) * in->op_count_);
  }
  in->nodes_ = (mote_node_t *)mem;
  for (i = 0; i < in->tensor_count_; i++) {
    mote_tensor_t t;
    mote_model_fill_tensor(model, mote_model_tensor_table(model, subgraph_table(in), i),
                           i, &t);
    /* Constants point into the model; the rest get memory at prepare. */
    in->tensor_data_[i] = (t.flags & MOTE_TENSOR_CONST) ? t.data : NULL;
  }
  for (i = 0; i < in->op_count_; i++) {
    mote_op_info_t info;
    mote_node_t *node = &in->nodes_[i];
    uint32_t ot = mote_model_op_table(model, subgraph_table(in), i);
    (void)mote_model_op(model, 0, i, &info);
    node->inputs = mote_model_ref(model, ot, MOTE_OPERATOR_INPUTS);
    node->outputs = mote_model_ref(model, ot, MOTE_OPERATOR_OUTPUTS);
    node->kernel = mote_resolver_find(resolver, info.builtin, info.custom_name);
    if (node->kernel == NULL) {
      if (info.builtin == MOTE_OP_CUSTOM) {
        return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_OP,
                         "op %u: custom op \"%s\" is not registered in the "
                         "resolver",
                         (unsigned)i, info.custom_name);
      }
      return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_OP,
                       "op %u: %s (builtin %d, version %d) has no kernel in "
                       "the resolver",
                       (unsigned)i, mote_op_name(info.builtin),
                       (int)info.builtin, (int)info.version);
    }
    if (info.version > node->kernel->max_version) {
      return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_OP,
                       "op %u: %s version %d is newer than mote's kernel "
                       "supports (up to %d)",
                       (unsigned)i, mote_op_name(info.builtin),
                       (int)info.version, (int)node->kernel->max_version);
    }
  }
  in->state_ = MOTE_STATE_INIT;
  return MOTE_OK;
}

/* The kept marks are a bitmap in the arena tail, taken on the first call:
 * it costs nothing to applications that never keep a tensor, ceil(n / 8)
 * bytes to those that do, and sets no limit on how many tensors are kept.
 * Rejected: a fixed array of indices in the handle, which every
 * interpreter would carry and which would cap the count. */
mote_status_t mote_interp_keep_tensor(mote_interp_t *in, uint32_t index,
                                      mote_error_t *err) {
  mote_tensor_t t;
  if (in == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "interpreter is NULL");
  }
  if (in->state_ != MOTE_STATE_INIT) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "tensors can be kept only between init and prepare");
  }
  if (index >= in->tensor_count_) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "tensor %u does not exist: the subgraph has %u",
                     (unsigned)index, (unsigned)in->tensor_count_);
  }
  mote_interp_fill_view(in, (int32_t)index, &t);
  if ((t.flags & (MOTE_TENSOR_CONST | MOTE_TENSOR_VARIABLE)) != 0) {
    return MOTE_OK; /* never planned: their bytes are never shared */
  }
  if (in->keep_ == NULL) {
    const size_t bytes = (in->tensor_count_ + 7u) / 8u;
    void *mem;
    if (mote_arena_alloc_tail(in->arena_, bytes, 1, &mem) != MOTE_OK) {
      return arena_fail(in, err, bytes);
    }
    in->keep_ = (uint8_t *)mem;
  }
  in->keep_[index >> 3] =
      (uint8_t)(in->keep_[index >> 3] | (1u << (index & 7u)));
  return MOTE_OK;
}

/* Tells the memory plan what each operator writes and reads (from the
 * io lists the nodes hold), which tensors are model inputs, and which must
 * last to the end: model outputs and tensors kept for the application. In
 * step order, each operator's writes before its reads, as the plan wants. */
static void record_graph(const mote_interp_t *in, mote_memplan_t *p) {
  const mote_model_t *m = in->model_;
  mote_fb_t fb = interp_fb(in);
  uint32_t i;
  uint32_t k;
  for (i = 0; i < mote_model_input_count(m, 0); i++) {
    mote_memplan_input(p, mote_model_input_index(m, 0, i));
  }
  for (i = 0; i < in->op_count_; i++) {
    const mote_node_t *node = &in->nodes_[i];
    for (k = 0; k < mote_fb_vec_len(&fb, node->outputs); k++) {
      mote_memplan_write(p, i, mote_fb_vec_i32(&fb, node->outputs, k));
    }
    for (k = 0; k < mote_fb_vec_len(&fb, node->inputs); k++) {
      mote_memplan_read(p, i, mote_fb_vec_i32(&fb, node->inputs, k));
    }
  }
  for (i = 0; i < mote_model_output_count(m, 0); i++) {
    mote_memplan_keep(p, mote_model_output_index(m, 0, i));
  }
  for (i = 0; in->keep_ != NULL && i < in->tensor_count_; i++) {
    if (((unsigned)in->keep_[i >> 3] >> (i & 7u)) & 1u) {
      mote_memplan_keep(p, (int32_t)i);
    }
  }
}

/* Sizes every tensor that needs arena memory (not constants, which stay in
 * the model, nor variables, which live in the tail) and fixes those the
 * model's offline plan places. */
static mote_status_t record_tensors(const mote_interp_t *in, mote_memplan_t *p,
                                    mote_error_t *err) {
  mote_fb_t offline;
  uint32_t i;
  mote_status_t st =
      mote_model_offline_plan(in->model_, in->tensor_count_, &offline, err);
  if (st != MOTE_OK) {
    return st;
  }
  for (i = 0; i < in->tensor_count_; i++) {
    mote_tensor_t t;
    const int32_t off = mote_model_offline_offset(&offline, i);
    mote_interp_fill_view(in, (int32_t)i, &t);
    if ((t.flags & (MOTE_TENSOR_CONST | MOTE_TENSOR_VARIABLE)) == 0) {
      mote_memplan_size(p, (int32_t)i, t.bytes,
                        off < 0 ? MOTE_MEMPLAN_NONE : (uint32_t)off);
    }
  }
  return MOTE_OK;
}

/* Keeps each scratch buffer's offset in the tail: the plan itself is in
 * head temp memory, which activations overwrite at invoke. */
static mote_status_t keep_scratch_offsets(mote_interp_t *in,
                                          const mote_memplan_t *p,
                                          mote_error_t *err) {
  const size_t bytes = sizeof(mote_scratch_t) * in->scratch_count_;
  uint32_t i;
  void *mem;
  if (in->scratch_count_ == 0) {
    return MOTE_OK;
  }
  if (mote_arena_alloc_tail(in->arena_, bytes, 8, &mem) != MOTE_OK) {
    return arena_fail(in, err, bytes);
  }
  in->scratch_ = (mote_scratch_t *)mem;
  for (i = 0; i < in->scratch_count_; i++) {
    in->scratch_[i].offset = mote_memplan_scratch_offset(p, i);
  }
  return MOTE_OK;
}

/* Scratch buffers, numbered in the order they were requested (the plan
 * has room for them all), and the overlaps operators can work with. */
static void record_requests(const mote_interp_t *in, mote_memplan_t *p,
                            const mote_scratch_request_t *r, uint32_t n) {
  mote_fb_t fb = interp_fb(in);
  uint32_t i;
  for (i = 0; i < n; i++) {
    const mote_node_t *node = &in->nodes_[r[i].op];
    if (r[i].share_input < 0) {
      (void)mote_memplan_scratch(p, r[i].op, r[i].bytes);
    } else if ((uint32_t)r[i].share_input <
                   mote_fb_vec_len(&fb, node->inputs) &&
               mote_fb_vec_len(&fb, node->outputs) > 0) {
      (void)mote_memplan_share(
          p, r[i].op,
          mote_fb_vec_i32(&fb, node->inputs, (uint32_t)r[i].share_input),
          mote_fb_vec_i32(&fb, node->outputs, 0), r[i].bytes);
    }
  }
}

/* Plans tensors and scratch in head temp memory after the scratch
 * requests (memory/memplan.h), and gives every tensor its memory. */
static mote_status_t plan_memory(mote_interp_t *in,
                                 const mote_scratch_request_t *requests,
                                 uint32_t n_requests, mote_error_t *err) {
  mote_arena_t *arena = in->arena_;
  const size_t plan_at =
      mote_align_up(n_requests * sizeof(mote_scratch_request_t), 8);
  const uint32_t n_shares = n_requests - in->scratch_count_;
  const size_t need =
      plan_at +
      mote_memplan_bytes(in->tensor_count_, in->scratch_count_, n_shares);
  mote_memplan_t plan;
  uint32_t total;
  uint32_t i;
  mote_status_t st;
  if (need < plan_at || need > mote_arena_free_bytes(arena)) {
    return arena_fail(in, err, need);
  }
  mote_arena_note_head(arena, need);
  st = mote_memplan_init(&plan, arena->base_ + plan_at, need - plan_at,
                         in->tensor_count_, in->scratch_count_, n_shares,
                         in->op_count_, MOTE_ARENA_ALIGN);
  if (st == MOTE_OK) {
    st = record_tensors(in, &plan, err);
  }
  if (st != MOTE_OK) {
    return st;
  }
  record_graph(in, &plan);
  record_requests(in, &plan, requests, n_requests);
  st = mote_memplan_place(&plan, err);
  if (st == MOTE_OK) {
    st = keep_scratch_offsets(in, &plan, err);
  }
  if (st != MOTE_OK) {
    return st;
  }
  total = mote_memplan_total(&plan);
  if (total > mote_arena_free_bytes(arena)) {
    return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                     "arena of %lu bytes is too small: needs %lu (%lu for "
                     "activations, %lu persistent)",
                     (unsigned long)arena->size_,
                     (unsigned long)(arena->tail_used_ +
                                     (total > arena->head_peak_ ? total : arena->head_peak_)),
                     (unsigned long)total, (unsigned long)arena->tail_used_);
  }
  for (i = 0; i < in->tensor_count_; i++) {
    uint32_t off = mote_memplan_tensor_offset(&plan, i);
    if (off != MOTE_MEMPLAN_NONE) {
      in->tensor_data_[i] = arena->base_ + off;
    }
  }
  mote_arena_note_head(arena, total);
  in->plan_bytes_ = total;
  in->head_bytes_ = total > need ? total : need;
  return MOTE_OK;
}

static mote_status_t alloc_variables(mote_interp_t *in, mote_error_t *err) {
  const size_t tail_before = in->arena_->tail_used_;
  uint32_t i;
  for (i = 0; i < in->tensor_count_; i++) {
    mote_tensor_t t;
    void *mem;
    mote_interp_fill_view(in, (int32_t)i, &t);
    if ((t.flags & MOTE_TENSOR_VARIABLE) == 0 || (t.flags & MOTE_TENSOR_CONST)) {
      continue;
    }
    if (mote_arena_alloc_tail(in->arena_, t.bytes, MOTE_ARENA_ALIGN, &mem) != MOTE_OK) {
      return arena_fail(in, err, t.bytes);
    }
    in->tensor_data_[i] = mem;
  }
  in->variable_bytes_ = in->arena_->tail_used_ - tail_before;
  return MOTE_OK;
}

/* After operator `ctx->op_index` prepared: what its kernel took from the
 * tail since `tail_before` and the scratch it requested after the first
 * `requests_before` requests (shares are requests too, of no bytes), into
 * the totals and the caller's per-operator record
 * (mote_interp_record_op_memory). */
static void note_op_memory(mote_interp_t *in, const mote_kctx_t *ctx,
                           size_t tail_before, uint32_t requests_before,
                           uint32_t scratch_before) {
  const size_t tail = in->arena_->tail_used_ - tail_before;
  size_t scratch = 0;
  uint32_t k;
  for (k = requests_before; k < ctx->request_count; k++) {
    if (ctx->requests[k].share_input < 0) {
      scratch += ctx->requests[k].bytes;
    }
  }
  in->kernel_bytes_ += tail;
  in->scratch_bytes_ += scratch;
  if (in->op_memory_ != NULL) {
    mote_op_memory_t *m = &in->op_memory_[ctx->op_index];
    m->persistent_bytes = tail;
    m->scratch_bytes = scratch;
    m->scratch_count = in->scratch_count_ - scratch_before;
  }
}

mote_status_t mote_interp_prepare(mote_interp_t *in, mote_error_t *err) {
  mote_kctx_t ctx;
  mote_arena_t *arena;
  uint32_t i;
  mote_status_t st;
  if (in == NULL || in->state_ != MOTE_STATE_INIT) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "prepare needs a freshly initialised interpreter");
  }
  arena = in->arena_;
  in->kernel_bytes_ = 0;
  in->scratch_bytes_ = 0;
  st = alloc_variables(in, err);
  if (st != MOTE_OK) {
    return st;
  }
  memset(&ctx, 0, sizeof ctx);
  ctx.interp = in;
  ctx.err = err;
  ctx.phase = MOTE_PHASE_PREPARE;
  /* Scratch requests go to the head, which is free until planning. */
  ctx.requests = (mote_scratch_request_t *)(void *)arena->base_;
  in->scratch_count_ = 0;
  for (i = 0; i < in->op_count_; i++) {
    const size_t tail_before = arena->tail_used_;
    const uint32_t scratch_before = in->scratch_count_;
    const uint32_t requests_before = ctx.request_count;
    ctx.node = &in->nodes_[i];
    ctx.op_index = i;
    ctx.op_table = mote_model_op_table(in->model_, subgraph_table(in), i);
    if (ctx.node->kernel->prepare != NULL) {
      st = ctx.node->kernel->prepare(&ctx);
      if (st != MOTE_OK) {
        if (err != NULL && err->status != st) {
          (void)mote_kctx_fail(&ctx, st, "prepare failed");
        }
        return st;
      }
    }
    note_op_memory(in, &ctx, tail_before, requests_before, scratch_before);
  }
  st = plan_memory(in, ctx.requests, ctx.request_count, err);
  if (st != MOTE_OK) {
    return st;
  }
  in->state_ = MOTE_STATE_PREPARED;
  return mote_interp_reset_state(in);
}

/* Runs operators [0, op_end) in order. */
static mote_status_t invoke_ops(mote_interp_t *in, uint32_t op_end,
                                mote_error_t *err) {
  mote_kctx_t ctx;
  uint32_t i;
  if (in == NULL || in->state_ != MOTE_STATE_PREPARED) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "invoke needs a prepared interpreter");
  }
  memset(&ctx, 0, sizeof ctx);
  ctx.interp = in;
  ctx.err = err;
  ctx.phase = MOTE_PHASE_INVOKE;
  for (i = 0; i < op_end; i++) {
    mote_node_t *node = &in->nodes_[i];
    int32_t code = 0;
    mote_status_t st;
    ctx.node = node;
    ctx.op_index = i;
    /* Nothing is read from the model per operator unless asked for: the
     * kernel finds its data through the node, and the op code is looked
     * up only for the profiler (and for a failure message). */
    if (in->profile_ != NULL) {
      code = mote_kctx_op_code(&ctx, NULL);
      in->profile_(in->profile_user_, i, code, 0);
    }
    st = node->kernel->invoke(&ctx);
    if (in->profile_ != NULL) {
      in->profile_(in->profile_user_, i, code, 1);
    }
    if (st != MOTE_OK) {
      if (err != NULL && err->status != st) {
        (void)mote_kctx_fail(&ctx, st, "invoke failed");
      }
      return st;
    }
  }
  return MOTE_OK;
}

mote_status_t mote_interp_invoke(mote_interp_t *in, mote_error_t *err) {
  return invoke_ops(in, in == NULL ? 0 : in->op_count_, err);
}

/* Whether tensor `ti` keeps its value to the end of an invoke: kept by
 * mote_interp_keep_tensor or a model output. */
static int holds_value(const mote_interp_t *in, uint32_t ti) {
  uint32_t i;
  if (in->keep_ != NULL && ((unsigned)in->keep_[ti >> 3] >> (ti & 7u)) & 1u) {
    return 1;
  }
  for (i = 0; i < mote_interp_output_count(in); i++) {
    if (mote_model_output_index(in->model_, in->subgraph_, i) == (int32_t)ti) {
      return 1;
    }
  }
  return 0;
}

mote_status_t mote_interp_invoke_until(mote_interp_t *in, int32_t tensor_index,
                                       mote_error_t *err) {
  int32_t last = -1;
  uint32_t op;
  if (in == NULL || in->state_ != MOTE_STATE_PREPARED) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "invoke needs a prepared interpreter");
  }
  if (tensor_index < 0 || (uint32_t)tensor_index >= in->tensor_count_) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "invoke_until: tensor %ld is not in the subgraph (%lu tensors)",
                     (long)tensor_index, (unsigned long)in->tensor_count_);
  }
  if (!holds_value(in, (uint32_t)tensor_index)) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "invoke_until: tensor %ld is neither kept "
                     "(mote_interp_keep_tensor before prepare) nor a model output",
                     (long)tensor_index);
  }
  for (op = 0; op < in->op_count_; op++) {
    mote_op_info_t info;
    uint32_t k;
    if (mote_model_op(in->model_, in->subgraph_, op, &info) != MOTE_OK) {
      continue;
    }
    for (k = 0; k < info.output_count; k++) {
      if (mote_model_op_output(in->model_, in->subgraph_, op, k) == tensor_index) {
        last = (int32_t)op;
      }
    }
  }
  if (last < 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "invoke_until: no operator writes tensor %ld",
                     (long)tensor_index);
  }
  return invoke_ops(in, (uint32_t)last + 1u, err);
}

uint32_t mote_interp_input_count(const mote_interp_t *in) {
  return in == NULL || in->model_ == NULL ? 0 : mote_model_input_count(in->model_, 0);
}

uint32_t mote_interp_output_count(const mote_interp_t *in) {
  return in == NULL || in->model_ == NULL ? 0 : mote_model_output_count(in->model_, 0);
}

static mote_status_t io_view(const mote_interp_t *in, int32_t ti,
                             mote_tensor_t *out) {
  if (out == NULL || ti < 0) {
    return MOTE_ERR_BAD_ARG;
  }
  if (in->state_ != MOTE_STATE_PREPARED) {
    return MOTE_ERR_BAD_STATE;
  }
  mote_interp_fill_view(in, ti, out);
  return MOTE_OK;
}

mote_status_t mote_interp_input(const mote_interp_t *in, uint32_t i,
                                mote_tensor_t *out) {
  if (in == NULL || i >= mote_interp_input_count(in)) {
    return MOTE_ERR_BAD_ARG;
  }
  return io_view(in, mote_model_input_index(in->model_, 0, i), out);
}

mote_status_t mote_interp_output(const mote_interp_t *in, uint32_t i,
                                 mote_tensor_t *out) {
  if (in == NULL || i >= mote_interp_output_count(in)) {
    return MOTE_ERR_BAD_ARG;
  }
  return io_view(in, mote_model_output_index(in->model_, 0, i), out);
}

mote_status_t mote_interp_tensor(const mote_interp_t *in, uint32_t index,
                                 mote_tensor_t *out) {
  if (in == NULL || index >= in->tensor_count_) {
    return MOTE_ERR_BAD_ARG;
  }
  return io_view(in, (int32_t)index, out);
}

size_t mote_interp_arena_used_bytes(const mote_interp_t *in) {
  if (in == NULL || in->arena_ == NULL) {
    return 0;
  }
  return mote_align_up(in->head_bytes_ + (in->arena_->tail_used_ - in->tail_start_),
                       MOTE_ARENA_ALIGN);
}

mote_status_t mote_interp_reset_state(mote_interp_t *in) {
  uint32_t i;
  if (in == NULL || in->state_ != MOTE_STATE_PREPARED) {
    return MOTE_ERR_BAD_STATE;
  }
  for (i = 0; i < in->tensor_count_; i++) {
    mote_tensor_t t;
    mote_interp_fill_view(in, (int32_t)i, &t);
    if ((t.flags & MOTE_TENSOR_VARIABLE) != 0 && (t.flags & MOTE_TENSOR_CONST) == 0 &&
        t.data != NULL) {
      /* As TFLite Micro: an int8 state starts at its zero point (real
       * 0); every other type at 0. */
      const int fill = t.type == MOTE_TYPE_INT8 ? t.zero_point : 0;
      memset(t.data, fill, t.bytes);
    }
  }
  {
    const size_t header = mote_align_up(sizeof(mote_state_block_t), 8);
    mote_state_block_t *b = (mote_state_block_t *)in->state_blocks_;
    for (; b != NULL; b = b->next) {
      memset((uint8_t *)b + header, 0, b->bytes);
    }
  }
  return MOTE_OK;
}

void mote_interp_set_profiler(mote_interp_t *in, mote_profile_fn fn,
                              void *user) {
  if (in != NULL) {
    in->profile_ = fn;
    in->profile_user_ = user;
  }
}
