/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel context: what a kernel may ask of the interpreter while it
 * prepares or runs. Options readers live here too: they are thin, checked
 * views over the model's options tables.
 */
#include <stdarg.h>
#include <string.h>

#include "common/error.h"
#include "interp/interp_internal.h"
#include "mote/ops.h"

/* --- options ------------------------------------------------------------- */

static mote_fb_t options_fb(const mote_options_t *o) {
  mote_fb_t fb;
  fb.p = o->base_;
  fb.n = o->size_;
  return fb;
}

int32_t mote_options_i32(const mote_options_t *o, unsigned field, int32_t def) {
  mote_fb_t fb = options_fb(o);
  return mote_fb_get_i32(&fb, o->table_, field, def);
}

uint8_t mote_options_u8(const mote_options_t *o, unsigned field, uint8_t def) {
  mote_fb_t fb = options_fb(o);
  return mote_fb_get_u8(&fb, o->table_, field, def);
}

bool mote_options_bool(const mote_options_t *o, unsigned field, bool def) {
  return mote_options_u8(o, field, def ? 1u : 0u) != 0;
}

float mote_options_f32(const mote_options_t *o, unsigned field, float def) {
  mote_fb_t fb = options_fb(o);
  return mote_fb_get_f32(&fb, o->table_, field, def);
}

mote_status_t mote_options_i32_vector(const mote_options_t *o, unsigned field,
                                      int32_t *out, uint32_t cap,
                                      uint32_t *count) {
  mote_fb_t fb = options_fb(o);
  uint32_t vec = mote_fb_ref(&fb, o->table_, field);
  uint32_t n = mote_fb_vec_len(&fb, vec);
  uint32_t i;
  *count = 0;
  if (vec == 0) {
    return MOTE_OK;
  }
  if ((vec & 3u) != 0 || !mote_fb_in(&fb, (uint64_t)vec + 4u, (uint64_t)n * 4u)) {
    return MOTE_ERR_CORRUPT_MODEL;
  }
  if (n > cap) {
    return MOTE_ERR_CAPACITY;
  }
  for (i = 0; i < n; i++) {
    out[i] = mote_fb_vec_i32(&fb, vec, i);
  }
  *count = n;
  return MOTE_OK;
}

/* --- tensors ------------------------------------------------------------- */

/* Counts a read of the model during invoke: the built-in kernels make
 * none (they keep in prepare what invoke needs), and the tests hold them
 * to it through interp->model_reads_. */
static void note_model_read(const mote_kctx_t *ctx) {
  if (ctx->phase == MOTE_PHASE_INVOKE) {
    ctx->interp->model_reads_++;
  }
}

uint32_t mote_kctx_op_table(const mote_kctx_t *ctx) {
  const mote_interp_t *in = ctx->interp;
  if (ctx->op_table != 0) {
    return ctx->op_table;
  }
  return mote_interp_op_table(in, ctx->op_index);
}

int32_t mote_kctx_op_code(const mote_kctx_t *ctx) {
  return ctx->interp->resolver_->entries_[ctx->node->entry].op;
}

uint32_t mote_kctx_input_count(const mote_kctx_t *ctx) {
  return ctx->node->input_count;
}

uint32_t mote_kctx_output_count(const mote_kctx_t *ctx) {
  return ctx->node->output_count;
}

/* The tensor index of the node's input (`first` 0) or output (`first`
 * the input count) `i` of `count`, from the copy init made: -1 when `i`
 * is beyond them or the operand is absent. */
static int32_t index_at(const mote_kctx_t *ctx, uint32_t first,
                        uint32_t count, uint32_t i) {
  if (i >= count) {
    return -1;
  }
  return mote_interp_io(ctx->interp, ctx->node->io + first + i);
}

void *mote_kctx_input_data(const mote_kctx_t *ctx, uint32_t i) {
  const int32_t ti = index_at(ctx, 0, ctx->node->input_count, i);
  return ti < 0 ? NULL : mote_interp_data(ctx->interp, (uint32_t)ti);
}

void *mote_kctx_output_data(const mote_kctx_t *ctx, uint32_t i) {
  const int32_t ti = index_at(ctx, ctx->node->input_count,
                              ctx->node->output_count, i);
  return ti < 0 ? NULL : mote_interp_data(ctx->interp, (uint32_t)ti);
}

/* The view of operand `ti`, or the failure for an index `i` beyond the
 * `count` the operator has. */
static mote_status_t view_of(mote_kctx_t *ctx, int32_t ti, uint32_t i,
                             uint32_t count, const char *role,
                             mote_tensor_t *out) {
  if (i >= count) {
    memset(out, 0, sizeof *out);
    out->flags = MOTE_TENSOR_ABSENT;
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "needs %s %u but the model gives %u", role,
                          (unsigned)i, (unsigned)count);
  }
  note_model_read(ctx);
  mote_interp_fill_view(ctx->interp, ti, out);
  return MOTE_OK;
}

mote_status_t mote_kctx_input(mote_kctx_t *ctx, uint32_t i,
                              mote_tensor_t *out) {
  const uint32_t n = ctx->node->input_count;
  return view_of(ctx, index_at(ctx, 0, n, i), i, n, "input", out);
}

mote_status_t mote_kctx_output(mote_kctx_t *ctx, uint32_t i,
                               mote_tensor_t *out) {
  const uint32_t n = ctx->node->output_count;
  return view_of(ctx, index_at(ctx, ctx->node->input_count, n, i), i, n,
                 "output", out);
}

mote_status_t mote_kctx_intermediate(mote_kctx_t *ctx, uint32_t i,
                                     mote_tensor_t *out) {
  mote_fb_t fb = mote_model_fb(ctx->interp->model_);
  const uint32_t vec =
      mote_fb_ref(&fb, mote_kctx_op_table(ctx), MOTE_OPERATOR_INTERMEDIATES);
  const uint32_t n = mote_fb_vec_len(&fb, vec);
  const int32_t ti = i < n ? mote_fb_vec_i32(&fb, vec, i) : -1;
  /* The model's index is the operator's subgraph's. */
  const uint32_t base = mote_interp_tensor_base(
      ctx->interp, mote_interp_op_subgraph(ctx->interp, ctx->op_index));
  return view_of(ctx, ti < 0 ? -1 : ti + (int32_t)base, i, n, "intermediate",
                 out);
}

int32_t mote_kctx_op_index(const mote_kctx_t *ctx) {
  return (int32_t)ctx->op_index;
}

int32_t mote_kctx_op_version(const mote_kctx_t *ctx) {
  /* Read from the model, not kept in the node: kernels ask in prepare. */
  const mote_interp_t *in = ctx->interp;
  const uint32_t sg = mote_interp_op_subgraph(in, ctx->op_index);
  mote_op_info_t info;
  note_model_read(ctx);
  if (mote_model_op(in->model_, sg, ctx->op_index - mote_interp_op_base(in, sg),
                    &info) != MOTE_OK) {
    return 0;
  }
  return info.version;
}

mote_status_t mote_kctx_builtin_options(mote_kctx_t *ctx, uint8_t union_type,
                                        mote_options_t *out) {
  const mote_model_t *m = ctx->interp->model_;
  mote_fb_t fb = mote_model_fb(m);
  const uint32_t ot = mote_kctx_op_table(ctx);
  uint8_t type = mote_fb_get_u8(&fb, ot, MOTE_OPERATOR_OPTIONS_TYPE, 0);
  note_model_read(ctx);
  out->base_ = m->data_;
  out->size_ = m->size_;
  out->table_ = mote_fb_ref(&fb, ot, MOTE_OPERATOR_OPTIONS);
  if (out->table_ == 0) {
    return MOTE_OK;
  }
  if (type != union_type) {
    out->table_ = 0;
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "options type %u, expected %u", (unsigned)type,
                          (unsigned)union_type);
  }
  return MOTE_OK;
}

void mote_kctx_custom_options(const mote_kctx_t *ctx, const uint8_t **data,
                              uint32_t *len) {
  const mote_model_t *m = ctx->interp->model_;
  mote_fb_t fb = mote_model_fb(m);
  uint32_t ot = mote_kctx_op_table(ctx);
  uint32_t vec = mote_fb_ref(&fb, ot, MOTE_OPERATOR_CUSTOM_OPTIONS);
  uint64_t off = mote_fb_get_u64(&fb, ot, MOTE_OPERATOR_LARGE_CUSTOM_OFFSET, 0);
  uint64_t size = mote_fb_get_u64(&fb, ot, MOTE_OPERATOR_LARGE_CUSTOM_SIZE, 0);
  note_model_read(ctx);
  *data = NULL;
  *len = 0;
  if (off > 1 && mote_fb_in(&fb, off, size)) {
    *data = m->data_ + off;
    *len = (uint32_t)size;
  } else if (vec != 0 && mote_fb_in(&fb, (uint64_t)vec + 4u, mote_fb_vec_len(&fb, vec))) {
    *data = m->data_ + vec + 4;
    *len = mote_fb_vec_len(&fb, vec);
  }
}

/* --- memory -------------------------------------------------------------- */

mote_status_t mote_kctx_alloc_persistent(mote_kctx_t *ctx, size_t bytes,
                                         void **out) {
  mote_arena_t *arena = ctx->interp->arena_;
  mote_status_t st;
  *out = NULL;
  if (ctx->phase != MOTE_PHASE_PREPARE) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_STATE,
                          "persistent memory requested outside prepare");
  }
  st = mote_arena_alloc_tail(arena, bytes, 8, out);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st,
                          "arena of %lu bytes is full: needs more than %lu",
                          (unsigned long)arena->size_,
                          (unsigned long)(mote_arena_used_bytes(arena) + bytes));
  }
  return MOTE_OK;
}

mote_status_t mote_kctx_alloc_state(mote_kctx_t *ctx, size_t bytes,
                                    void **out) {
  /* The header keeps the data 8-byte aligned: two pointer-sized fields. */
  size_t header = mote_align_up(sizeof(mote_state_block_t), 8);
  mote_state_block_t *block;
  void *mem;
  mote_status_t st;
  *out = NULL;
  if (bytes > (size_t)0x7FFFFFF0u) {
    return mote_kctx_fail(ctx, MOTE_ERR_ARENA_TOO_SMALL,
                          "state of %lu bytes is too large",
                          (unsigned long)bytes);
  }
  st = mote_kctx_alloc_persistent(ctx, header + bytes, &mem);
  if (st != MOTE_OK) {
    return st;
  }
  block = (mote_state_block_t *)mem;
  block->bytes = bytes;
  block->next = (mote_state_block_t *)ctx->interp->state_blocks_;
  ctx->interp->state_blocks_ = block;
  *out = (uint8_t *)mem + header;
  return MOTE_OK;
}

void mote_kctx_set_user_data(mote_kctx_t *ctx, void *data) {
  ctx->node->user_data = data;
}

void *mote_kctx_user_data(const mote_kctx_t *ctx) {
  return ctx->node->user_data;
}

/* Appends a request to the list at the head (persistent data grows at
 * the tail). */
static mote_status_t add_request(mote_kctx_t *ctx, uint32_t bytes,
                                 int32_t share_input) {
  mote_interp_t *in = ctx->interp;
  const size_t need =
      (ctx->request_count + 1u) * sizeof(mote_scratch_request_t);
  mote_scratch_request_t *r;
  if (ctx->phase != MOTE_PHASE_PREPARE) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_STATE,
                          "%s requested outside prepare",
                          share_input < 0 ? "scratch" : "share");
  }
  if (need > mote_arena_free_bytes(in->arena_)) {
    return mote_kctx_fail(ctx, MOTE_ERR_ARENA_TOO_SMALL,
                          "arena of %lu bytes is full while recording "
                          "scratch requests: needs more than %lu",
                          (unsigned long)in->arena_->size_,
                          (unsigned long)(mote_arena_used_bytes(in->arena_) +
                                          sizeof(mote_scratch_request_t)));
  }
  mote_arena_note_head(in->arena_, need);
  r = &ctx->requests[ctx->request_count++];
  r->op = ctx->op_index;
  r->bytes = bytes;
  r->share_input = share_input;
  return MOTE_OK;
}

mote_status_t mote_kctx_request_scratch(mote_kctx_t *ctx, size_t bytes,
                                        int32_t *index) {
  mote_status_t st;
  *index = -1;
  if (bytes > 0x7FFFFFF0u) {
    return mote_kctx_fail(ctx, MOTE_ERR_ARENA_TOO_SMALL,
                          "scratch of %lu bytes is too large",
                          (unsigned long)bytes);
  }
  st = add_request(ctx, (uint32_t)bytes, -1);
  if (st == MOTE_OK) {
    *index = (int32_t)ctx->interp->scratch_count_++;
  }
  return st;
}

mote_status_t mote_kctx_request_share(mote_kctx_t *ctx, uint32_t input,
                                      uint32_t rel) {
  if (input >= mote_kctx_input_count(ctx)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_ARG,
                          "share of input %u: the op has %u inputs",
                          (unsigned)input,
                          (unsigned)mote_kctx_input_count(ctx));
  }
  if ((rel & (MOTE_ARENA_ALIGN - 1u)) != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_ARG,
                          "share of input %u at %u bytes: not a multiple of "
                          "%u",
                          (unsigned)input, (unsigned)rel,
                          (unsigned)MOTE_ARENA_ALIGN);
  }
  return add_request(ctx, rel, (int32_t)input);
}

void *mote_kctx_scratch(const mote_kctx_t *ctx, int32_t index) {
  const mote_interp_t *in = ctx->interp;
  if (ctx->phase != MOTE_PHASE_INVOKE || index < 0 ||
      (uint32_t)index >= in->scratch_count_) {
    return NULL;
  }
  return in->arena_->base_ + in->scratch_[index].offset;
}

/* The parentheses keep the MOTE_NO_ERROR_STRINGS macro from expanding. */
mote_status_t(mote_kctx_fail)(mote_kctx_t *ctx, mote_status_t status,
                              const char *fmt, ...) {
  if (status == MOTE_OK) {
    status = MOTE_ERR_KERNEL; /* never MOTE_OK: see mote_kctx_failed_() */
  }
#ifdef MOTE_NO_ERROR_STRINGS
  (void)fmt;
  if (ctx->err != NULL) {
    ctx->err->status = status;
    ctx->err->message[0] = '\0';
  }
#else
  char prefix[48];
  va_list ap;
  const char *name =
      mote_node_kernel(ctx->interp, ctx->node)->name != NULL
          ? mote_node_kernel(ctx->interp, ctx->node)->name
          : mote_op_name(mote_kctx_op_code(ctx));
  {
    /* "op 12 (CONV_2D): ", "subgraph 2 op 0 (IF): " */
    mote_error_t tmp;
    const uint32_t sg = mote_interp_op_subgraph(ctx->interp, ctx->op_index);
    if (sg == 0) {
      (void)mote_error_set(&tmp, status, "op %u (%s): ",
                           (unsigned)ctx->op_index, name);
    } else {
      (void)mote_error_set(
          &tmp, status, "subgraph %u op %u (%s): ", (unsigned)sg,
          (unsigned)(ctx->op_index - mote_interp_op_base(ctx->interp, sg)),
          name);
    }
    memcpy(prefix, tmp.message, sizeof prefix - 1);
    prefix[sizeof prefix - 1] = '\0';
  }
  va_start(ap, fmt);
  (void)mote_error_set_v(ctx->err, status, prefix, fmt, ap);
  va_end(ap);
#endif
  return status;
}
