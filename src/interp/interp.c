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
 * record scratch requests in head temp memory), then builds the list of
 * buffers to plan, again in head temp memory, plans them and keeps only
 * each scratch buffer's final offset in the tail. Variable tensors live in
 * the tail because they must survive other interpreters' invokes.
 *
 * Lifetimes are in operator steps: a tensor is alive from the step that
 * writes it (0 for model inputs) to the last step that reads it (the end
 * for model outputs). Scratch is alive during its operator only.
 */
#include <string.h>

#include "common/error.h"
#include "interp/interp_internal.h"
#include "memory/planner.h"
#include "mote/ops.h"

#define OFFLINE_PLAN_NAME "OfflineMemoryAllocation"

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
  mote_fb_t fb;
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
  fb = interp_fb(in);
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
    node->inputs = mote_fb_ref(&fb, ot, MOTE_OPERATOR_INPUTS);
    node->outputs = mote_fb_ref(&fb, ot, MOTE_OPERATOR_OUTPUTS);
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

/* Reads the offline plan metadata, if any, into *plan (model bytes) and
 * its tensor count. */
static mote_status_t find_offline_plan(const mote_interp_t *in,
                                       const uint8_t **plan, mote_error_t *err) {
  const mote_model_t *m = in->model_;
  mote_fb_t fb = interp_fb(in);
  uint32_t vec = mote_fb_ref(&fb, m->root_, MOTE_MODEL_METADATA);
  uint32_t i;
  *plan = NULL;
  for (i = 0; i < mote_fb_vec_len(&fb, vec); i++) {
    uint32_t mt = mote_fb_vec_table(&fb, vec, i);
    uint32_t name = mote_fb_ref(&fb, mt, MOTE_METADATA_NAME);
    uint32_t len = 0;
    const uint8_t *data;
    mote_fb_t bytes;
    if (mote_fb_vec_len(&fb, name) != sizeof OFFLINE_PLAN_NAME - 1u ||
        memcmp(m->data_ + name + 4, OFFLINE_PLAN_NAME, sizeof OFFLINE_PLAN_NAME - 1u) != 0) {
      continue;
    }
    data = mote_model_buffer_data(m, mote_fb_get_u32(&fb, mt, MOTE_METADATA_BUFFER, 0), &len);
    bytes.p = data;
    bytes.n = len;
    /* [version, subgraph, tensor count, offset per tensor (-1: online)] */
    if (data == NULL || len < 12 || mote_fb_i32(&bytes, 0) != 1 ||
        mote_fb_u32(&bytes, 8) != in->tensor_count_ ||
        (uint64_t)len < 12u + 4u * (uint64_t)in->tensor_count_) {
      return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                       "metadata %u \"%s\": malformed offline plan (needs "
                       "version 1 and %u offsets)",
                       (unsigned)i, OFFLINE_PLAN_NAME,
                       (unsigned)in->tensor_count_);
    }
    *plan = data + 12;
  }
  return MOTE_OK;
}

typedef struct plan_temp {
  mote_plan_buffer_t *buffers; /* tensors first, then scratch */
  uint32_t *order;
  uint32_t count;
} plan_temp_t;

/* Lifetime bookkeeping for tensor buffers, in steps [0, op_count]. */
static void mark_lifetimes(mote_interp_t *in, mote_plan_buffer_t *b) {
  const mote_model_t *m = in->model_;
  uint32_t i;
  uint32_t k;
  int32_t end = (int32_t)in->op_count_;
  for (i = 0; i < in->tensor_count_; i++) {
    b[i].first = -1;
    b[i].last = -1;
  }
  for (i = 0; i < mote_model_input_count(m, 0); i++) {
    int32_t t = mote_model_input_index(m, 0, i);
    b[t].first = 0;
    if (b[t].last < 0) {
      b[t].last = 0;
    }
  }
  for (i = 0; i < in->op_count_; i++) {
    mote_op_info_t info;
    (void)mote_model_op(m, 0, i, &info);
    for (k = 0; k < info.output_count; k++) {
      int32_t t = mote_model_op_output(m, 0, i, k);
      if (b[t].first < 0 || b[t].first > (int32_t)i) {
        b[t].first = (int32_t)i;
      }
      if (b[t].last < (int32_t)i) {
        b[t].last = (int32_t)i;
      }
    }
    for (k = 0; k < info.input_count; k++) {
      int32_t t = mote_model_op_input(m, 0, i, k);
      if (t < 0) {
        continue;
      }
      if (b[t].first < 0) {
        b[t].first = 0; /* read before any op writes it */
      }
      if (b[t].last < (int32_t)i) {
        b[t].last = (int32_t)i;
      }
    }
  }
  for (i = 0; i < mote_model_output_count(m, 0); i++) {
    int32_t t = mote_model_output_index(m, 0, i);
    if (b[t].first < 0) {
      b[t].first = 0;
    }
    b[t].last = end;
  }
}

/* Builds the buffers to plan in head temp memory after the scratch
 * requests, plans them, and gives every tensor and scratch its memory. */
static mote_status_t plan_memory(mote_interp_t *in,
                                 const mote_scratch_request_t *requests,
                                 size_t temp_used, mote_error_t *err) {
  mote_arena_t *arena = in->arena_;
  const uint8_t *offline = NULL;
  uint32_t count = in->tensor_count_ + in->scratch_count_;
  size_t need = mote_align_up(temp_used, 8) +
                (size_t)count * (sizeof(mote_plan_buffer_t) + sizeof(uint32_t));
  mote_plan_buffer_t *b;
  uint32_t *order;
  uint32_t total = 0;
  uint32_t i;
  void *mem;
  mote_status_t st;
  mote_fb_t offline_fb;
  if (need > mote_arena_free_bytes(arena)) {
    return arena_fail(in, err, need);
  }
  mote_arena_note_head(arena, need);
  b = (mote_plan_buffer_t *)(void *)(arena->base_ + mote_align_up(temp_used, 8));
  order = (uint32_t *)(void *)(b + count);
  st = find_offline_plan(in, &offline, err);
  if (st != MOTE_OK) {
    return st;
  }
  offline_fb.p = offline;
  offline_fb.n = 4u * in->tensor_count_;
  mark_lifetimes(in, b);
  for (i = 0; i < in->tensor_count_; i++) {
    mote_tensor_t t;
    mote_interp_fill_view(in, (int32_t)i, &t);
    b[i].offset = MOTE_PLAN_UNPLACED;
    b[i].size = 0;
    if ((t.flags & (MOTE_TENSOR_CONST | MOTE_TENSOR_VARIABLE)) != 0 ||
        b[i].first < 0) {
      b[i].first = b[i].last = 0; /* not planned: a zero-size no-op */
      b[i].offset = 0;
      continue;
    }
    b[i].size = (uint32_t)mote_align_up(t.bytes, MOTE_ARENA_ALIGN);
    if (offline != NULL && mote_fb_i32(&offline_fb, 4u * i) >= 0) {
      uint32_t off = (uint32_t)mote_fb_i32(&offline_fb, 4u * i);
      if ((off & (MOTE_ARENA_ALIGN - 1u)) != 0) {
        return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                         "offline plan: tensor %u offset %u is not %d-byte "
                         "aligned",
                         (unsigned)i, (unsigned)off, MOTE_ARENA_ALIGN);
      }
      b[i].offset = off;
    }
  }
  for (i = 0; i < in->scratch_count_; i++) {
    mote_plan_buffer_t *s = &b[in->tensor_count_ + i];
    s->size = (uint32_t)mote_align_up(requests[i].bytes, MOTE_ARENA_ALIGN);
    s->first = s->last = (int32_t)requests[i].op;
    s->offset = MOTE_PLAN_UNPLACED;
  }
  if (mote_plan(b, count, order, MOTE_ARENA_ALIGN, &total) != MOTE_OK) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "offline plan places tensors that are alive together "
                     "in the same bytes");
  }
  /* The plan overwrites the temp data, so take what we need first. */
  if (in->scratch_count_ > 0) {
    if (mote_arena_alloc_tail(arena, sizeof(mote_scratch_t) * in->scratch_count_,
                              8, &mem) != MOTE_OK) {
      return arena_fail(in, err, sizeof(mote_scratch_t) * in->scratch_count_);
    }
    in->scratch_ = (mote_scratch_t *)mem;
    for (i = 0; i < in->scratch_count_; i++) {
      in->scratch_[i].offset = b[in->tensor_count_ + i].offset;
    }
  }
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
    if (b[i].size != 0) {
      in->tensor_data_[i] = arena->base_ + b[i].offset;
    }
  }
  mote_arena_note_head(arena, total);
  in->head_bytes_ = total > need ? total : need;
  return MOTE_OK;
}

static mote_status_t alloc_variables(mote_interp_t *in, mote_error_t *err) {
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
  return MOTE_OK;
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
  }
  st = plan_memory(in, ctx.requests,
                   in->scratch_count_ * sizeof(mote_scratch_request_t), err);
  if (st != MOTE_OK) {
    return st;
  }
  in->state_ = MOTE_STATE_PREPARED;
  return mote_interp_reset_state(in);
}

mote_status_t mote_interp_invoke(mote_interp_t *in, mote_error_t *err) {
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
  for (i = 0; i < in->op_count_; i++) {
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
