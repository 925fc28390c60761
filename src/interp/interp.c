/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The interpreter: binds a model to kernels, plans memory, runs operators
 * in order.
 *
 * Arena use. init takes from the tail a 32-bit data location per tensor,
 * one node per operator and every operator's operand indices (16 bits
 * each). A node holds the kernel, its op data, its op code and version
 * and where its operands are in that list, so that invoke reads nothing
 * from the model: the model bytes may change after prepare (model.h), and
 * a kernel's data pointers are two reads of the arena away. Shapes and
 * quantization stay in the model, read when a kernel asks in prepare;
 * what invoke needs of them is in the kernels' op data, and what the
 * application needs (the inputs' and outputs' size and type, the
 * variable tensors' reset values) in small records prepare keeps.
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

void mote_interp_fill_view(const mote_interp_t *in, int32_t ti,
                           mote_tensor_t *out) {
  uint32_t tt;
  if (ti < 0 || (uint32_t)ti >= in->tensor_total_) {
    memset(out, 0, sizeof *out);
    out->flags = MOTE_TENSOR_ABSENT;
    out->index = 0xFFFFFFFFu;
    return;
  }
  tt = mote_interp_tensor_table(in, (uint32_t)ti);
  mote_model_fill_tensor(in->model_, tt, (uint32_t)ti, out);
  out->data = mote_interp_data(in, (uint32_t)ti);
}

/* Bytes of a table of `count` entries: at least one, so that an empty
 * table still gets a pointer into the arena. */
static size_t table_bytes(size_t entry, uint32_t count) {
  return count > 0 ? entry * count : 1u;
}

int32_t mote_interp_io(const mote_interp_t *in, uint32_t k) {
  if (in->io_narrow_) {
    const uint8_t e = ((const uint8_t *)in->io_)[k];
    return e == MOTE_NO_TENSOR8 ? -1 : (int32_t)e;
  } else {
    const uint16_t e = ((const uint16_t *)in->io_)[k];
    return e == MOTE_NO_TENSOR ? -1 : (int32_t)e;
  }
}

uint32_t mote_interp_tensor_table(const mote_interp_t *in, uint32_t ti) {
  const uint32_t sg = mote_interp_tensor_subgraph(in, ti);
  return mote_model_tensor_table(in->model_,
                                 mote_model_subgraph_table(in->model_, sg),
                                 ti - mote_interp_tensor_base(in, sg));
}

uint32_t mote_interp_op_table(const mote_interp_t *in, uint32_t op) {
  const uint32_t sg = mote_interp_op_subgraph(in, op);
  return mote_model_op_table(in->model_,
                             mote_model_subgraph_table(in->model_, sg),
                             op - mote_interp_op_base(in, sg));
}

static mote_status_t arena_fail(mote_interp_t *in, mote_error_t *err,
                                size_t more) {
  return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                   "arena of %lu bytes is too small: needs more than %lu",
                   (unsigned long)in->arena_->size_,
                   (unsigned long)(mote_arena_used_bytes(in->arena_) + more));
}

/* Copies operator `i`'s tensor indices into in->io_ from entry `at`:
 * `count` entries of the [int] vector `vec`, -1 as MOTE_NO_TENSOR. The
 * verifier has checked every index against the tensor count. */
static void copy_indices(mote_interp_t *in, uint32_t vec, uint32_t count,
                         uint32_t at, uint32_t sg) {
  mote_fb_t fb = interp_fb(in);
  const uint32_t base = mote_interp_tensor_base(in, sg);
  const uint32_t n = mote_model_tensor_count(in->model_, sg);
  uint32_t k;
  for (k = 0; k < count; k++) {
    const int32_t ti = mote_fb_vec_i32(&fb, vec, k);
    const bool absent = ti < 0 || (uint32_t)ti >= n;
    if (in->io_narrow_) {
      ((uint8_t *)in->io_)[at + k] =
          absent ? (uint8_t)MOTE_NO_TENSOR8 : (uint8_t)(base + (uint32_t)ti);
    } else {
      ((uint16_t *)in->io_)[at + k] =
          absent ? (uint16_t)MOTE_NO_TENSOR : (uint16_t)(base + (uint32_t)ti);
    }
  }
}

/* Finds the kernel of operator `i` and copies what invoke needs of the
 * operator into its node and in->io_ from entry `*at`, which it advances.
 * The io_ table was sized by a first pass over the same counts. */
static mote_status_t bind_op(mote_interp_t *in, uint32_t i, uint32_t *at,
                             mote_error_t *err) {
  const mote_model_t *model = in->model_;
  mote_op_info_t info;
  mote_node_t *node = &in->nodes_[i];
  const uint32_t sg = mote_interp_op_subgraph(in, i);
  const uint32_t ot = mote_interp_op_table(in, i);
  const mote_kernel_t *kernel;
  int32_t entry;
  (void)mote_model_op(model, sg, i - mote_interp_op_base(in, sg), &info);
  entry = mote_resolver_find_entry(in->resolver_, info.builtin,
                                   info.custom_name);
  kernel = entry < 0 ? NULL : in->resolver_->entries_[entry].kernel;
  if (kernel == NULL) {
    return mote_interp_fail_missing(in, i, err);
  }
  if (entry > 0xFFFF) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                     "op %u: %s is entry %ld of the resolver; mote binds "
                     "the first 65536 entries",
                     (unsigned)i, mote_op_name(info.builtin), (long)entry);
  }
  if (info.version > kernel->max_version) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_OP,
                     "op %u: %s version %d is newer than mote's kernel "
                     "supports (up to %d)",
                     (unsigned)i, mote_op_name(info.builtin),
                     (int)info.version, (int)kernel->max_version);
  }
  if (info.builtin < 0 || info.builtin > 0xFFFF || info.version < 1 ||
      info.version > 0xFF) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_OP,
                     "op %u: builtin code %d or version %d out of range",
                     (unsigned)i, (int)info.builtin, (int)info.version);
  }
  node->entry = (uint16_t)entry;
  node->io = (uint16_t)*at; /* count_io bounded the total */
  node->input_count = (uint8_t)info.input_count;
  node->output_count = (uint8_t)info.output_count;
  copy_indices(in, mote_model_ref(model, ot, MOTE_OPERATOR_INPUTS),
               info.input_count, *at, sg);
  copy_indices(in, mote_model_ref(model, ot, MOTE_OPERATOR_OUTPUTS),
               info.output_count, *at + info.input_count, sg);
  *at += info.input_count + info.output_count;
  return MOTE_OK;
}

/* Entries of in->io_: every operator's inputs and outputs, 8 or 16 bits.
 * The node keeps its first entry in 16 bits and its counts in 8: models
 * beyond (65535 tensors or operands in all, 255 inputs or outputs to an
 * operator; no model an MCU runs comes near) are MOTE_ERR_UNSUPPORTED, as
 * are arenas of 2 GiB or more (tensor_at_ holds 31-bit offsets). */
static mote_status_t count_io(const mote_interp_t *in, uint32_t *total,
                              mote_error_t *err) {
  uint32_t i;
  *total = 0;
  if (in->arena_->size_ >= MOTE_AT_MODEL) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                     "arena of %lu bytes: mote addresses arenas below 2 GiB",
                     (unsigned long)in->arena_->size_);
  }
  if (in->tensor_total_ >= MOTE_NO_TENSOR) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                     "subgraph has %u tensors; mote runs up to %u",
                     (unsigned)in->tensor_total_,
                     (unsigned)(MOTE_NO_TENSOR - 1u));
  }
  for (i = 0; i < in->op_total_; i++) {
    mote_op_info_t info;
    const uint32_t sg = mote_interp_op_subgraph(in, i);
    (void)mote_model_op(in->model_, sg, i - mote_interp_op_base(in, sg), &info);
    if (info.input_count > 0xFFu || info.output_count > 0xFFu) {
      return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                       "op %u has %u inputs and %u outputs; mote runs up to "
                       "255 each",
                       (unsigned)i, (unsigned)info.input_count,
                       (unsigned)info.output_count);
    }
    *total += info.input_count + info.output_count;
    if (*total > 0xFFFFu) {
      return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                       "operators up to op %u name more than 65535 operands; "
                       "mote runs up to that",
                       (unsigned)i);
    }
  }
  return MOTE_OK;
}

/* Where tensor `i`'s data is until prepare: constants in the model, the
 * rest nowhere yet. A constant less aligned than its elements (up to 8
 * bytes: the converter writes int64 biases 4-byte aligned, and an external
 * buffer may start at any byte) is copied once into the tail, aligned,
 * so that every kernel may load its elements directly; the copy is
 * op-agnostic and counted in constant_bytes_. Rejected: refusing such
 * models (TFLM runs them) and unaligned loads in every kernel. */
static mote_status_t place_tensor(mote_interp_t *in, uint32_t i,
                                  mote_error_t *err) {
  const mote_model_t *model = in->model_;
  mote_tensor_t t;
  size_t align;
  size_t before;
  void *mem;
  mote_model_fill_tensor(model, mote_interp_tensor_table(in, i), i, &t);
  if ((t.flags & MOTE_TENSOR_CONST) == 0) {
    in->tensor_at_[i] = MOTE_AT_NONE;
    return MOTE_OK;
  }
  align = mote_type_size((mote_type_t)t.type);
  align = align > 8u ? 8u : align;
  if (align <= 1u || (uintptr_t)t.data % align == 0) {
    in->tensor_at_[i] =
        MOTE_AT_MODEL | (uint32_t)((const uint8_t *)t.data - model->data_);
    return MOTE_OK;
  }
  before = in->arena_->tail_used_;
  if (mote_arena_alloc_tail(in->arena_, t.bytes, align, &mem) != MOTE_OK) {
    return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                     "arena of %lu bytes is too small: needs more than %lu "
                     "(tensor %u: an aligned copy of its %lu bytes of "
                     "misaligned constant data)",
                     (unsigned long)in->arena_->size_,
                     (unsigned long)(mote_arena_used_bytes(in->arena_) +
                                     t.bytes),
                     (unsigned)i, (unsigned long)t.bytes);
  }
  memcpy(mem, t.data, t.bytes);
  in->constant_bytes_ += in->arena_->tail_used_ - before;
  in->tensor_at_[i] = (uint32_t)((uint8_t *)mem - in->arena_->base_);
  return MOTE_OK;
}

/* The subgraph support (interp_internal.h), from the first control-flow
 * kernel the resolver has, or NULL. Asked through the kernel so that the
 * support is linked only into firmwares that can run control flow; a
 * kernel that does not answer leaves ctx.support NULL (its prepare sees
 * an operator of no operands and no error record). */
static const mote_subgraph_support_t *find_support(mote_interp_t *in) {
  static const int32_t codes[3] = {MOTE_OP_IF, MOTE_OP_WHILE,
                                   MOTE_OP_CALL_ONCE};
  uint32_t k;
  for (k = 0; k < 3; k++) {
    const int32_t entry = mote_resolver_find_entry(in->resolver_, codes[k],
                                                   NULL);
    const mote_kernel_t *kernel =
        entry < 0 ? NULL : in->resolver_->entries_[entry].kernel;
    mote_node_t node;
    mote_kctx_t ctx;
    if (kernel == NULL || kernel->prepare == NULL || entry > 0xFFFF) {
      continue;
    }
    memset(&node, 0, sizeof node);
    memset(&ctx, 0, sizeof ctx);
    node.entry = (uint16_t)entry;
    ctx.interp = in;
    ctx.node = &node;
    ctx.phase = MOTE_PHASE_SUPPORT;
    (void)kernel->prepare(&ctx);
    if (ctx.support != NULL) {
      return ctx.support;
    }
  }
  return NULL;
}

mote_status_t mote_interp_init(mote_interp_t *in, const mote_model_t *model,
                               const mote_resolver_t *resolver,
                               mote_arena_t *arena, mote_error_t *err) {
  uint32_t i;
  uint32_t io_total = 0;
  uint32_t sub_io = 0;
  uint32_t at = 0;
  const mote_subgraph_support_t *sup = NULL;
  void *mem;
  mote_status_t st;
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
  in->subgraph_count_ = mote_model_subgraph_count(model);
  in->tensor_count_ = mote_model_tensor_count(model, 0);
  in->op_count_ = mote_model_op_count(model, 0);
  in->input_count_ = mote_model_input_count(model, 0);
  in->output_count_ = mote_model_output_count(model, 0);
  in->tensor_total_ = in->tensor_count_;
  in->op_total_ = in->op_count_;
  if (in->subgraph_count_ > 1) {
    sup = find_support(in);
    in->support_ = sup;
    if (sup == NULL) {
      return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_OP,
                       "%u subgraphs and no IF, WHILE, CALL_ONCE kernel",
                       (unsigned)in->subgraph_count_);
    }
    st = sup->count(in, &sub_io, err);
    if (st != MOTE_OK) {
      return st;
    }
  }
  st = count_io(in, &io_total, err);
  if (st != MOTE_OK) {
    return st;
  }
  if (mote_arena_alloc_tail(arena,
                            table_bytes(sizeof(uint32_t), in->tensor_total_),
                            sizeof(uint32_t), &mem) != MOTE_OK) {
    return arena_fail(in, err, sizeof(uint32_t) * in->tensor_total_);
  }
  in->tensor_at_ = (uint32_t *)mem;
  if (mote_arena_alloc_tail(arena,
                            table_bytes(sizeof(mote_node_t), in->op_total_),
                            sizeof(void *), &mem) != MOTE_OK) {
    return arena_fail(in, err, sizeof(mote_node_t) * in->op_total_);
  }
  in->nodes_ = (mote_node_t *)mem;
  /* 8-bit operand lists for one subgraph of under 255 tensors; the
   * control-flow code (subgraph.c, control_flow.c) uses 16-bit ones. */
  in->io_narrow_ = in->subgraph_count_ == 1 && in->tensor_count_ < MOTE_NO_TENSOR8;
  {
    const size_t entry = in->io_narrow_ ? 1u : sizeof(uint16_t);
    if (mote_arena_alloc_tail(arena, table_bytes(entry, io_total + sub_io),
                              entry, &mem) != MOTE_OK) {
      return arena_fail(in, err, entry * (io_total + sub_io));
    }
  }
  in->io_ = mem;
  if (sup != NULL) {
    st = sup->bind(in, io_total, err);
    if (st != MOTE_OK) {
      return st;
    }
  }
  for (i = 0; i < in->tensor_total_; i++) {
    st = place_tensor(in, i, err);
    if (st != MOTE_OK) {
      return st;
    }
  }
  for (i = 0; i < in->op_total_; i++) {
    st = bind_op(in, i, &at, err);
    if (st != MOTE_OK) {
      return st;
    }
  }
  if (sup != NULL) {
    st = sup->check(in, err);
    if (st != MOTE_OK) {
      return st;
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
  uint32_t i;
  uint32_t k;
  for (i = 0; i < in->input_count_; i++) {
    mote_memplan_input(p, mote_model_input_index(m, 0, i));
  }
  /* The other subgraphs' tensors live throughout (subgraph.c). */
  for (i = in->tensor_count_; i < in->tensor_total_; i++) {
    mote_memplan_input(p, (int32_t)i);
  }
  for (i = 0; i < in->op_count_; i++) {
    const mote_node_t *node = &in->nodes_[i];
    const uint32_t outs = (uint32_t)node->io + node->input_count;
    for (k = 0; k < node->output_count; k++) {
      mote_memplan_write(p, i, mote_interp_io(in, outs + k));
    }
    for (k = 0; k < node->input_count; k++) {
      mote_memplan_read(p, i, mote_interp_io(in, node->io + k));
    }
  }
  for (i = 0; i < in->output_count_; i++) {
    mote_memplan_keep(p, mote_model_output_index(m, 0, i));
  }
  for (i = in->tensor_count_; i < in->tensor_total_; i++) {
    mote_memplan_keep(p, (int32_t)i);
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
  mote_status_t st = MOTE_OK;
  /* Several subgraphs are planned online (an offline plan covers them
   * all, in an order this first version does not follow). */
  memset(&offline, 0, sizeof offline);
  if (in->subgraphs_ == NULL) {
    st = mote_model_offline_plan(in->model_, in->tensor_count_, &offline, err);
  }
  if (st != MOTE_OK) {
    return st;
  }
  for (i = 0; i < in->tensor_total_; i++) {
    mote_tensor_t t;
    const int32_t off =
        in->subgraphs_ == NULL ? mote_model_offline_offset(&offline, i) : -1;
    mote_interp_fill_view(in, (int32_t)i, &t);
    /* Resource handles live in the tail (resource_variables.c). */
    if ((t.flags & (MOTE_TENSOR_CONST | MOTE_TENSOR_VARIABLE)) == 0 &&
        t.type != MOTE_TYPE_RESOURCE) {
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
  uint32_t i;
  for (i = 0; i < n; i++) {
    const mote_node_t *node = &in->nodes_[r[i].op];
    if (r[i].share_input < 0) {
      const int32_t s = mote_memplan_scratch(p, r[i].op, r[i].bytes);
      if (r[i].op >= in->op_count_) { /* called: alive throughout */
        mote_memplan_scratch_always(p, s);
      }
    } else if (r[i].op < in->op_count_ &&
               (uint32_t)r[i].share_input < node->input_count &&
               node->output_count > 0) {
      (void)mote_memplan_share(p, r[i].op,
                               mote_interp_io(in, node->io + (uint32_t)r[i].share_input),
                               mote_interp_io(in, (uint32_t)node->io + node->input_count),
                               r[i].bytes);
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
      mote_memplan_bytes(in->tensor_total_, in->scratch_count_, n_shares);
  mote_memplan_t plan;
  uint32_t total;
  uint32_t i;
  mote_status_t st;
  if (need < plan_at || need > mote_arena_free_bytes(arena)) {
    return arena_fail(in, err, need);
  }
  mote_arena_note_head(arena, need);
  st = mote_memplan_init(&plan, arena->base_ + plan_at, need - plan_at,
                         in->tensor_total_, in->scratch_count_, n_shares,
                         in->op_total_, MOTE_ARENA_ALIGN);
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
  for (i = 0; i < in->tensor_total_; i++) {
    uint32_t off = mote_memplan_tensor_offset(&plan, i);
    if (off != MOTE_MEMPLAN_NONE) {
      in->tensor_at_[i] = off;
    }
  }
  if (in->plan_fill_ != NULL) {
    in->plan_fill_(in, &plan);
  }
  mote_arena_note_head(arena, total);
  in->plan_bytes_ = total;
  in->head_bytes_ = total > need ? total : need;
  return MOTE_OK;
}

static int is_variable(const mote_tensor_t *t) {
  return (t->flags & MOTE_TENSOR_VARIABLE) != 0 &&
         (t->flags & MOTE_TENSOR_CONST) == 0;
}

/* The byte a variable tensor starts from: as TFLite Micro, an int8 state
 * at its zero point (real 0), every other type at 0. The verifier keeps
 * int8 zero points within int8. */
static int32_t variable_fill(const mote_tensor_t *t) {
  return t->type == MOTE_TYPE_INT8 ? t->zero_point : 0;
}

/* Gives the variable tensors one block of the tail, each at a
 * MOTE_ARENA_ALIGN boundary in tensor order, and records, for reset, runs
 * of them that fill with the same byte: a reset must not read the model,
 * whose bytes may have changed since (model.h). */
static mote_status_t alloc_variables(mote_interp_t *in, mote_error_t *err) {
  size_t tail_before;
  size_t total = 0;
  uint32_t i;
  uint32_t runs = 0;
  int32_t last_fill = -1000;
  uint8_t *block;
  void *mem;
  for (i = 0; i < in->tensor_total_; i++) {
    mote_tensor_t t;
    mote_interp_fill_view(in, (int32_t)i, &t);
    if (is_variable(&t)) {
      const int32_t fill = variable_fill(&t);
      runs += (uint32_t)(fill != last_fill);
      last_fill = fill;
      total += mote_align_up(t.bytes, MOTE_ARENA_ALIGN);
    }
  }
  if (runs == 0) {
    return MOTE_OK;
  }
  if (mote_arena_alloc_tail(in->arena_, sizeof(mote_variable_t) * runs, 4,
                            &mem) != MOTE_OK) {
    return arena_fail(in, err, sizeof(mote_variable_t) * runs);
  }
  in->vars_ = (mote_variable_t *)mem; /* runtime bytes, as other tables */
  tail_before = in->arena_->tail_used_;
  if (total >= MOTE_AT_MODEL ||
      mote_arena_alloc_tail(in->arena_, total, MOTE_ARENA_ALIGN, &mem) !=
          MOTE_OK) {
    return arena_fail(in, err, total);
  }
  block = (uint8_t *)mem;
  total = 0;
  for (i = 0; i < in->tensor_total_; i++) {
    mote_tensor_t t;
    mote_variable_t *v;
    int32_t fill;
    mote_interp_fill_view(in, (int32_t)i, &t);
    if (!is_variable(&t)) {
      continue;
    }
    fill = variable_fill(&t);
    if (in->var_count_ == 0 || fill != in->vars_[in->var_count_ - 1u].fill) {
      v = &in->vars_[in->var_count_++];
      v->tensor = (uint16_t)i;
      v->fill = (int16_t)fill;
    }
    v = &in->vars_[in->var_count_ - 1u];
    in->tensor_at_[i] = (uint32_t)(block + total - in->arena_->base_);
    /* The run reaches to this tensor's end. */
    v->bytes = in->tensor_at_[i] + t.bytes - in->tensor_at_[v->tensor];
    total += mote_align_up(t.bytes, MOTE_ARENA_ALIGN);
  }
  in->variable_bytes_ = in->arena_->tail_used_ - tail_before;
  return MOTE_OK;
}

/* What mote_interp_input / _output need to stay in bounds whatever the
 * model bytes become: each model input's and output's tensor, type and
 * bytes. Taken from the tail before the kernels prepare (the plan then
 * sees all of the tail); the full views (80 bytes each on a 64-bit host)
 * were rejected for 8. */
static mote_status_t keep_io_tensors(mote_interp_t *in, mote_error_t *err) {
  const uint32_t n = in->input_count_ + in->output_count_;
  uint32_t i;
  void *mem;
  if (n == 0) {
    return MOTE_OK;
  }
  if (mote_arena_alloc_tail(in->arena_, sizeof(mote_io_tensor_t) * n, 4,
                            &mem) != MOTE_OK) {
    return arena_fail(in, err, sizeof(mote_io_tensor_t) * n);
  }
  in->io_tensors_ = (mote_io_tensor_t *)mem;
  for (i = 0; i < n; i++) {
    mote_io_tensor_t *r = &in->io_tensors_[i];
    const int32_t ti = i < in->input_count_
                           ? mote_model_input_index(in->model_, 0, i)
                           : mote_model_output_index(in->model_, 0,
                                                     i - in->input_count_);
    mote_tensor_t t;
    mote_interp_fill_view(in, ti, &t);
    r->tensor = (uint16_t)ti; /* verified: within the tensors */
    r->type = t.type;
    r->bytes = t.bytes;
  }
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
  if (in->op_memory_ != NULL && ctx->op_index < in->op_count_) {
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
  if (st == MOTE_OK) {
    st = keep_io_tensors(in, err);
  }
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
  for (i = 0; i < in->op_total_; i++) {
    const size_t tail_before = arena->tail_used_;
    const uint32_t scratch_before = in->scratch_count_;
    const uint32_t requests_before = ctx.request_count;
    ctx.node = &in->nodes_[i];
    ctx.op_index = i;
    ctx.op_table = mote_interp_op_table(in, i);
    if (mote_node_kernel(in, ctx.node)->prepare != NULL) {
      st = mote_node_kernel(in, ctx.node)->prepare(&ctx);
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

mote_status_t mote_interp_run_ops(mote_interp_t *in, uint32_t begin,
                                  uint32_t end, mote_error_t *err) {
  mote_kctx_t ctx;
  uint32_t i;
  memset(&ctx, 0, sizeof ctx);
  ctx.interp = in;
  ctx.err = err;
  ctx.phase = MOTE_PHASE_INVOKE;
  for (i = begin; i < end; i++) {
    mote_node_t *node = &in->nodes_[i];
    int32_t code = 0;
    mote_status_t st;
    ctx.node = node;
    ctx.op_index = i;
    /* Nothing is read from the model: the kernel finds its data through
     * the node and its op data, and the node has the op code. */
    if (in->profile_ != NULL) {
      code = in->resolver_->entries_[node->entry].op;
      in->profile_(in->profile_user_, i, code, 0);
    }
    st = mote_node_kernel(in, node)->invoke(&ctx);
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

/* Runs operators [0, op_end) of subgraph 0. */
static mote_status_t invoke_ops(mote_interp_t *in, uint32_t op_end,
                                mote_error_t *err) {
  if (in == NULL || in->state_ != MOTE_STATE_PREPARED) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "invoke needs a prepared interpreter");
  }
  return mote_interp_run_ops(in, 0, op_end, err);
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
  return in == NULL ? 0 : in->input_count_;
}

uint32_t mote_interp_output_count(const mote_interp_t *in) {
  return in == NULL ? 0 : in->output_count_;
}

/* `out` as the model now describes tensor `r->tensor`, held to what
 * prepare kept: when the model's type or size disagree or a dimension is
 * negative (its bytes changed), a one-dimensional view of the kept type and size, without
 * quantization, and MOTE_ERR_MODEL_CHANGED. Either way out->data and
 * out->bytes are the tensor's memory. */
static mote_status_t kept_view(const mote_interp_t *in,
                               const mote_io_tensor_t *r,
                               mote_tensor_t *out) {
  const size_t esize = mote_type_size((mote_type_t)r->type);
  uint8_t k;
  mote_interp_fill_view(in, (int32_t)r->tensor, out);
  if (out->type == r->type && out->bytes == r->bytes) {
    for (k = 0; k < out->rank && out->dims[k] >= 0; k++) {
    }
    if (k == out->rank) {
      return MOTE_OK;
    }
  }
  memset(out, 0, sizeof *out);
  out->data = mote_interp_data(in, r->tensor);
  out->index = r->tensor;
  out->type = r->type;
  out->bytes = r->bytes;
  out->rank = 1;
  out->dims[0] = (int32_t)(esize > 0 ? r->bytes / esize : r->bytes);
  return MOTE_ERR_MODEL_CHANGED;
}

/* The kept view of model input (`first` 0) or output (`first` = the
 * input count) `i`. */
static mote_status_t io_view(const mote_interp_t *in, uint32_t i,
                             uint32_t first, mote_tensor_t *out) {
  if (out == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  if (in->state_ != MOTE_STATE_PREPARED || in->io_tensors_ == NULL) {
    return MOTE_ERR_BAD_STATE;
  }
  return kept_view(in, &in->io_tensors_[first + i], out);
}

mote_status_t mote_interp_input(const mote_interp_t *in, uint32_t i,
                                mote_tensor_t *out) {
  if (in == NULL || i >= mote_interp_input_count(in)) {
    return MOTE_ERR_BAD_ARG;
  }
  return io_view(in, i, 0, out);
}

mote_status_t mote_interp_output(const mote_interp_t *in, uint32_t i,
                                 mote_tensor_t *out) {
  if (in == NULL || i >= mote_interp_output_count(in)) {
    return MOTE_ERR_BAD_ARG;
  }
  return io_view(in, i, in->input_count_, out);
}

/* Any tensor: inputs and outputs as kept; the others as the model says,
 * with bytes that must stay inside the memory the data is in (the model
 * for constants, the arena for the rest), else empty and
 * MOTE_ERR_MODEL_CHANGED. */
mote_status_t mote_interp_tensor(const mote_interp_t *in, uint32_t index,
                                 mote_tensor_t *out) {
  uint32_t i;
  const uint8_t *lo;
  size_t room;
  if (in == NULL || index >= in->tensor_count_ || out == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  if (in->state_ != MOTE_STATE_PREPARED) {
    return MOTE_ERR_BAD_STATE;
  }
  for (i = 0; in->io_tensors_ != NULL &&
              i < in->input_count_ + in->output_count_; i++) {
    if (in->io_tensors_[i].tensor == index) {
      return kept_view(in, &in->io_tensors_[i], out);
    }
  }
  mote_interp_fill_view(in, (int32_t)index, out);
  if (out->data == NULL) {
    return MOTE_OK;
  }
  if ((in->tensor_at_[index] & MOTE_AT_MODEL) != 0) {
    lo = in->model_->data_;
    room = in->model_->size_;
  } else {
    lo = in->arena_->base_;
    room = in->arena_->size_;
  }
  if (out->bytes > room - (size_t)((const uint8_t *)out->data - lo)) {
    out->bytes = 0;
    out->rank = 0;
    return MOTE_ERR_MODEL_CHANGED;
  }
  return MOTE_OK;
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
  for (i = 0; i < in->var_count_; i++) {
    const mote_variable_t *v = &in->vars_[i];
    void *data = mote_interp_data(in, v->tensor);
    if (data != NULL) { /* prepare gave every variable memory */
      memset(data, v->fill, v->bytes);
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
