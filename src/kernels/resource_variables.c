// SPDX-License-Identifier: Apache-2.0
/*
 * Resource variables: VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE.
 *
 * As TFLM's MicroResourceVariables: a variable is named by its
 * VAR_HANDLE's container and shared_name, and every VAR_HANDLE of those
 * names, in whatever subgraph, gives the same variable. Its handle is an
 * int32 id written into the VAR_HANDLE's resource output at prepare
 * (4 bytes the VAR_HANDLE takes in the tail: resource tensors are never
 * planned), where the
 * variable ops' prepare reads it; invoke then goes by the variable each
 * op bound at prepare and reads nothing of the model.
 *
 * The table has a slot per VAR_HANDLE operator of the model, taken by the
 * first one to prepare: a model without resource variables pays nothing.
 * A variable's bytes are kernel state (mote_kctx_alloc_state), taken by
 * the first READ or ASSIGN to prepare, with its type and size; every
 * other must agree. They start at zero, and mote_interp_reset_state
 * zeroes them (and re-arms CALL_ONCE, which usually assigns them).
 */
#include <string.h>

#include "format/fb.h"
#include "interp/interp_internal.h"
#include "mote/ops.h"

enum { OPTIONS_VAR_HANDLE = 111 }; /* BuiltinOptions VarHandleOptions */

typedef struct resource {
  uint32_t container; /* model offsets of the name strings, 0 for none */
  uint32_t name;      /* (prepare only) */
  uint8_t *data;      /* kernel state, NULL until a READ or ASSIGN binds */
  uint32_t bytes;
  uint8_t type;
} resource_t;

static resource_t *table(const mote_interp_t *in) {
  return (resource_t *)in->resources_;
}

/* The bytes and length of string `s` (a model offset, 0 for none). */
static const uint8_t *string_at(const mote_interp_t *in, uint32_t s,
                                uint32_t *len) {
  mote_fb_t fb = mote_model_fb(in->model_);
  *len = 0;
  if (s == 0) {
    return NULL;
  }
  *len = mote_fb_vec_len(&fb, s);
  if (!mote_fb_in(&fb, (uint64_t)s + 4u, *len)) {
    *len = 0;
    return NULL;
  }
  return fb.p + s + 4;
}

static int same_string(const mote_interp_t *in, uint32_t a, uint32_t b) {
  uint32_t na;
  uint32_t nb;
  const uint8_t *pa = string_at(in, a, &na);
  const uint8_t *pb = string_at(in, b, &nb);
  return na == nb && (na == 0 || memcmp(pa, pb, na) == 0);
}

/* Takes the table, a slot for each VAR_HANDLE of the model. */
static mote_status_t make_table(mote_kctx_t *ctx) {
  mote_interp_t *in = ctx->interp;
  uint32_t n = 0;
  uint32_t i;
  void *mem;
  mote_status_t st;
  for (i = 0; i < in->op_total_; i++) {
    n += (uint32_t)(in->resolver_->entries_[in->nodes_[i].entry].op == MOTE_OP_VAR_HANDLE);
  }
  st = mote_kctx_alloc_persistent(ctx, sizeof(resource_t) * n, &mem);
  if (st == MOTE_OK) {
    in->resources_ = mem;
    in->resource_count_ = 0;
  }
  return st;
}

static mote_status_t var_handle_prepare(mote_kctx_t *ctx) {
  mote_interp_t *in = ctx->interp;
  mote_options_t o;
  mote_fb_t fb;
  mote_tensor_t out;
  uint32_t container;
  uint32_t name;
  uint32_t id;
  mote_status_t st = mote_kctx_output(ctx, 0, &out);
  if (st != MOTE_OK) {
    return st;
  }
  if (out.type == MOTE_TYPE_RESOURCE && out.data == NULL) {
    /* The handle's 4 bytes, in the tail: never planned (interp.c), they
     * hold the id from now on, for the variable ops' prepare. */
    void *mem;
    st = mote_kctx_alloc_persistent(ctx, sizeof(uint32_t), &mem);
    if (st != MOTE_OK) {
      return st;
    }
    in->tensor_at_[out.index] = (uint32_t)((uint8_t *)mem - in->arena_->base_);
    out.data = mem;
  }
  if (out.type != MOTE_TYPE_RESOURCE || (out.flags & MOTE_TENSOR_CONST)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "output 0 must be a resource tensor (not a "
                          "constant), not %s",
                          mote_type_name((mote_type_t)out.type));
  }
  st = mote_kctx_builtin_options(ctx, OPTIONS_VAR_HANDLE, &o);
  if (st == MOTE_OK && in->resources_ == NULL) {
    st = make_table(ctx);
  }
  if (st != MOTE_OK) {
    return st;
  }
  fb.p = o.base_;
  fb.n = o.size_;
  container = o.table_ == 0 ? 0 : mote_fb_ref(&fb, o.table_, 0);
  name = o.table_ == 0 ? 0 : mote_fb_ref(&fb, o.table_, 1);
  for (id = 0; id < in->resource_count_; id++) {
    const resource_t *r = &table(in)[id];
    if (same_string(in, r->container, container) &&
        same_string(in, r->name, name)) {
      break;
    }
  }
  if (id == in->resource_count_) {
    resource_t *r = &table(in)[in->resource_count_++];
    memset(r, 0, sizeof *r);
    r->container = container;
    r->name = name;
  }
  memcpy(out.data, &id, sizeof id);
  mote_kctx_set_user_data(ctx, &table(in)[id]);
  return MOTE_OK;
}

static mote_status_t var_handle_invoke(mote_kctx_t *ctx) {
  const resource_t *r = (const resource_t *)mote_kctx_user_data(ctx);
  const uint32_t id = (uint32_t)(r - table(ctx->interp));
  void *out = mote_kctx_output_data(ctx, 0);
  memcpy(out, &id, sizeof id);
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_var_handle = {"VAR_HANDLE", 1,
                                              var_handle_prepare,
                                              var_handle_invoke};

/* Binds the op to the variable its input 0 holds the handle of, with the
 * type and size of `value` (READ's output, ASSIGN's value): the first
 * binding sets them and takes the bytes, later ones must agree. */
static mote_status_t bind(mote_kctx_t *ctx, const mote_tensor_t *value) {
  mote_interp_t *in = ctx->interp;
  mote_tensor_t handle;
  resource_t *r;
  uint32_t id = 0xFFFFFFFFu;
  uint32_t len;
  const uint8_t *s;
  mote_status_t st = mote_kctx_input(ctx, 0, &handle);
  if (st != MOTE_OK) {
    return st;
  }
  if (handle.type != MOTE_TYPE_RESOURCE) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 must be a resource handle, not %s",
                          mote_type_name((mote_type_t)handle.type));
  }
  if (handle.data != NULL) {
    memcpy(&id, handle.data, sizeof id);
  }
  if (id >= in->resource_count_) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 holds no variable: mote binds variables "
                          "through a VAR_HANDLE of the same subgraph that "
                          "runs before the op");
  }
  r = &table(in)[id];
  if (r->data == NULL) {
    void *mem;
    st = mote_kctx_alloc_state(ctx, value->bytes, &mem);
    if (st != MOTE_OK) {
      return st;
    }
    r->data = (uint8_t *)mem;
    r->bytes = value->bytes;
    r->type = value->type;
  } else if (r->type != value->type || r->bytes != value->bytes) {
    char name[33];
    s = string_at(in, r->name, &len);
    len = len < sizeof name - 1u ? len : (uint32_t)(sizeof name - 1u);
    if (len > 0) {
      memcpy(name, s, len);
    }
    name[len] = '\0';
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "variable \"%s\" holds %s of %lu bytes; the op's "
                          "value is %s of %lu bytes",
                          name,
                          mote_type_name((mote_type_t)r->type),
                          (unsigned long)r->bytes,
                          mote_type_name((mote_type_t)value->type),
                          (unsigned long)value->bytes);
  }
  mote_kctx_set_user_data(ctx, r);
  return MOTE_OK;
}

static mote_status_t read_variable_prepare(mote_kctx_t *ctx) {
  mote_tensor_t out;
  const mote_status_t st = mote_kctx_output(ctx, 0, &out);
  return st != MOTE_OK ? st : bind(ctx, &out);
}

static mote_status_t read_variable_invoke(mote_kctx_t *ctx) {
  const resource_t *r = (const resource_t *)mote_kctx_user_data(ctx);
  memcpy(mote_kctx_output_data(ctx, 0), r->data, r->bytes);
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_read_variable = {"READ_VARIABLE", 1,
                                                 read_variable_prepare,
                                                 read_variable_invoke};

static mote_status_t assign_variable_prepare(mote_kctx_t *ctx) {
  mote_tensor_t value;
  const mote_status_t st = mote_kctx_input(ctx, 1, &value);
  return st != MOTE_OK ? st : bind(ctx, &value);
}

static mote_status_t assign_variable_invoke(mote_kctx_t *ctx) {
  const resource_t *r = (const resource_t *)mote_kctx_user_data(ctx);
  memmove(r->data, mote_kctx_input_data(ctx, 1), r->bytes);
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_assign_variable = {"ASSIGN_VARIABLE", 1,
                                                   assign_variable_prepare,
                                                   assign_variable_invoke};
