// SPDX-License-Identifier: Apache-2.0
/*
 * Control flow: IF, WHILE and CALL_ONCE run other subgraphs of the model
 * (interp/subgraph.c prepares them all with the model and checks that
 * calls neither recurse nor nest too deep).
 *
 * Operands move by copy, as in TFLM: the operator's inputs into the
 * called subgraph's inputs, its outputs back into the operator's outputs.
 * Prepare requires each pair to have one type and one size (the dynamic
 * shapes TFLite allows there are not supported), so invoke copies sizes
 * kept in the op data and reads nothing of the model.
 */
#include <string.h>

#include "interp/interp_internal.h"
#include "mote/ops.h"

enum {
  OPTIONS_IF = 92,        /* BuiltinOptions IfOptions */
  OPTIONS_WHILE = 93,     /* WhileOptions */
  OPTIONS_CALL_ONCE = 103 /* CallOnceOptions */
};

/* What invoke needs: the subgraphs called (IF: then, else; WHILE: cond,
 * body; CALL_ONCE: init) and the bytes of each operand moved (IF: inputs
 * after the condition, then outputs; WHILE: each loop variable). */
typedef struct cf_data {
  uint16_t sub[2];
  uint8_t *done; /* CALL_ONCE: state, 1 once the init subgraph ran */
  uint32_t bytes[1];
} cf_data_t;

static const mote_subgraph_t *subgraph_of(mote_kctx_t *ctx, int32_t index,
                                          const char *role) {
  const mote_interp_t *in = ctx->interp;
  if (index < 1 || (uint32_t)index >= in->subgraph_count_) {
    (void)mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                         "%s subgraph index %ld is out of range: the model "
                         "has %u subgraphs and 0 is the main one",
                         role, (long)index, (unsigned)in->subgraph_count_);
    return NULL;
  }
  return mote_interp_subgraph(in, (uint32_t)index);
}

/* Operand lists are 16-bit in models of several subgraphs (interp.c). */
static const uint16_t *node_ins(const mote_kctx_t *ctx) {
  return (const uint16_t *)ctx->interp->io_ + ctx->node->io;
}

static const uint16_t *node_outs(const mote_kctx_t *ctx) {
  return node_ins(ctx) + ctx->node->input_count;
}

static const uint16_t *sub_ins(const mote_interp_t *in,
                               const mote_subgraph_t *s) {
  return (const uint16_t *)in->io_ + s->io;
}

static const uint16_t *sub_outs(const mote_interp_t *in,
                                const mote_subgraph_t *s) {
  return (const uint16_t *)in->io_ + s->io + s->input_count;
}

/* Data moves from tensor `src` to tensor `dst` (indices across subgraphs):
 * one type, one size, and `dst` must be memory the run may write. */
static mote_status_t check_pair(mote_kctx_t *ctx, uint16_t src, uint16_t dst,
                                const char *src_name, uint32_t src_k,
                                const char *dst_name, uint32_t dst_k,
                                uint32_t *bytes) {
  mote_tensor_t s;
  mote_tensor_t d;
  if (src == MOTE_NO_TENSOR || dst == MOTE_NO_TENSOR) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "%s %u or %s %u is absent",
                          src_name, (unsigned)src_k, dst_name,
                          (unsigned)dst_k);
  }
  mote_interp_fill_view(ctx->interp, src, &s);
  mote_interp_fill_view(ctx->interp, dst, &d);
  if (s.type != d.type || s.bytes != d.bytes) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s %u (%s, %lu bytes) does not match %s %u (%s, "
                          "%lu bytes)",
                          src_name, (unsigned)src_k,
                          mote_type_name((mote_type_t)s.type),
                          (unsigned long)s.bytes, dst_name, (unsigned)dst_k,
                          mote_type_name((mote_type_t)d.type),
                          (unsigned long)d.bytes);
  }
  if ((d.flags & MOTE_TENSOR_CONST) != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "%s %u is a constant",
                          dst_name, (unsigned)dst_k);
  }
  *bytes = s.bytes;
  return MOTE_OK;
}

/* A condition: one bool. */
static mote_status_t check_cond(mote_kctx_t *ctx, uint16_t ti,
                                const char *what) {
  mote_tensor_t t;
  if (ti == MOTE_NO_TENSOR) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "%s is absent", what);
  }
  mote_interp_fill_view(ctx->interp, ti, &t);
  if (t.type != MOTE_TYPE_BOOL || t.bytes != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "%s must be one bool, not %s of %lu bytes", what,
                          mote_type_name((mote_type_t)t.type),
                          (unsigned long)t.bytes);
  }
  return MOTE_OK;
}

static mote_status_t alloc_data(mote_kctx_t *ctx, uint32_t n, cf_data_t **out) {
  void *mem;
  const mote_status_t st = mote_kctx_alloc_persistent(
      ctx, sizeof(cf_data_t) + sizeof(uint32_t) * n, &mem);
  *out = (cf_data_t *)mem;
  if (st == MOTE_OK) {
    memset(mem, 0, sizeof(cf_data_t));
    mote_kctx_set_user_data(ctx, mem);
  }
  return st;
}

static mote_status_t read_indices(mote_kctx_t *ctx, uint8_t options_type,
                                  int32_t out[2]) {
  mote_options_t o;
  const mote_status_t st = mote_kctx_builtin_options(ctx, options_type, &o);
  out[0] = mote_options_i32(&o, 0, 0);
  out[1] = mote_options_i32(&o, 1, 0);
  return st;
}

/* Copies `n` tensors' data from `src` to `dst` (io_ entries). */
static void move(const mote_interp_t *in, const uint16_t *dst,
                 const uint16_t *src, const uint32_t *bytes, uint32_t n) {
  uint32_t k;
  for (k = 0; k < n; k++) {
    void *d = mote_interp_data(in, dst[k]);
    const void *s = mote_interp_data(in, src[k]);
    if (d != s && d != NULL && s != NULL) {
      memmove(d, s, bytes[k]);
    }
  }
}

/* Before a call from subgraph 0 (an outermost one): the loop budget of
 * every WHILE under it (MOTE_MAX_LOOP_ITERATIONS). Kept here rather than
 * in every invoke, which control flow would not otherwise touch. */
static void arm_budget(const mote_kctx_t *ctx) {
  if (ctx->op_index < ctx->interp->op_count_) {
    ctx->interp->loop_budget_ = MOTE_MAX_LOOP_ITERATIONS;
  }
}

static mote_status_t run(mote_kctx_t *ctx, const mote_subgraph_t *s) {
  return mote_interp_run_ops(ctx->interp, s->op_base, s->op_base + s->op_count,
                             ctx->err);
}

/* Answers init's request for the subgraph support (the phase of no
 * operator, interp_internal.h): only these kernels link it in. */
static int answer_support(mote_kctx_t *ctx) {
  if (ctx->phase != MOTE_PHASE_SUPPORT) {
    return 0;
  }
  ctx->support = &mote_subgraph_support;
  return 1;
}

/* --- IF ------------------------------------------------------------------ */

static mote_status_t if_check(mote_kctx_t *ctx) {
  const uint32_t nin = ctx->node->input_count;
  const uint32_t nout = ctx->node->output_count;
  const char *const role[2] = {"then", "else"};
  const char *const sub_in[2] = {"then subgraph input", "else subgraph input"};
  const char *const sub_out[2] = {"then subgraph output",
                                  "else subgraph output"};
  int32_t index[2];
  cf_data_t *d = NULL;
  uint32_t b;
  uint32_t k;
  mote_status_t st = read_indices(ctx, OPTIONS_IF, index);
  if (st != MOTE_OK) {
    return st;
  }
  if (nin < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "needs a condition input");
  }
  st = check_cond(ctx, node_ins(ctx)[0], "condition (input 0)");
  if (st == MOTE_OK) {
    st = alloc_data(ctx, nin - 1u + nout, &d);
  }
  for (b = 0; b < 2 && st == MOTE_OK; b++) {
    const mote_subgraph_t *s = subgraph_of(ctx, index[b], role[b]);
    if (s == NULL) {
      return MOTE_ERR_CORRUPT_MODEL;
    }
    if (s->input_count != nin - 1u || s->output_count != nout) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "%s subgraph %ld has %u inputs and %u outputs; "
                            "the op passes %u and takes %u",
                            role[b], (long)index[b], (unsigned)s->input_count,
                            (unsigned)s->output_count, (unsigned)(nin - 1u),
                            (unsigned)nout);
    }
    for (k = 0; k + 1u < nin && st == MOTE_OK; k++) {
      st = check_pair(ctx, node_ins(ctx)[k + 1u], sub_ins(ctx->interp, s)[k],
                      "input", k + 1u, sub_in[b], k, &d->bytes[k]);
    }
    for (k = 0; k < nout && st == MOTE_OK; k++) {
      st = check_pair(ctx, sub_outs(ctx->interp, s)[k], node_outs(ctx)[k],
                      sub_out[b], k, "output", k,
                      &d->bytes[nin - 1u + k]);
    }
    d->sub[b] = (uint16_t)index[b];
  }
  return st;
}

static mote_status_t if_invoke(mote_kctx_t *ctx) {
  const mote_interp_t *in = ctx->interp;
  const cf_data_t *d = (const cf_data_t *)mote_kctx_user_data(ctx);
  const uint8_t *cond = (const uint8_t *)mote_kctx_input_data(ctx, 0);
  const uint32_t n = ctx->node->input_count - 1u;
  const mote_subgraph_t *s =
      mote_interp_subgraph(in, d->sub[cond[0] != 0 ? 0 : 1]);
  mote_status_t st;
  arm_budget(ctx);
  move(in, sub_ins(in, s), node_ins(ctx) + 1, d->bytes, n);
  st = run(ctx, s);
  if (st == MOTE_OK) {
    move(in, node_outs(ctx), sub_outs(in, s), d->bytes + n,
         ctx->node->output_count);
  }
  return st;
}

static mote_status_t if_prepare(mote_kctx_t *ctx) {
  return answer_support(ctx) ? MOTE_OK : if_check(ctx);
}

const mote_kernel_t mote_kernel_if = {"IF", 1, if_prepare, if_invoke};

/* --- WHILE --------------------------------------------------------------- */

static mote_status_t while_check(mote_kctx_t *ctx) {
  const uint32_t n = ctx->node->input_count;
  const mote_subgraph_t *cond;
  const mote_subgraph_t *body;
  int32_t index[2];
  cf_data_t *d = NULL;
  uint32_t k;
  mote_status_t st = read_indices(ctx, OPTIONS_WHILE, index);
  if (st != MOTE_OK) {
    return st;
  }
  cond = subgraph_of(ctx, index[0], "cond");
  body = cond == NULL ? NULL : subgraph_of(ctx, index[1], "body");
  if (body == NULL) {
    return MOTE_ERR_CORRUPT_MODEL;
  }
  if (ctx->node->output_count != n || cond->input_count != n ||
      cond->output_count != 1 || body->input_count != n ||
      body->output_count != n) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%u inputs and %u outputs, cond subgraph %ld %u "
                          "inputs and %u outputs, body subgraph %ld %u and "
                          "%u: all must be the loop's %u but cond's 1 output",
                          (unsigned)n, (unsigned)ctx->node->output_count,
                          (long)index[0], (unsigned)cond->input_count,
                          (unsigned)cond->output_count, (long)index[1],
                          (unsigned)body->input_count,
                          (unsigned)body->output_count, (unsigned)n);
  }
  st = check_cond(ctx, sub_outs(ctx->interp, cond)[0],
                  "cond subgraph output 0");
  if (st == MOTE_OK) {
    st = alloc_data(ctx, n, &d);
  }
  for (k = 0; k < n && st == MOTE_OK; k++) {
    const uint16_t x = node_ins(ctx)[k];
    st = check_pair(ctx, x, node_outs(ctx)[k], "input", k, "output", k,
                    &d->bytes[k]);
    if (st == MOTE_OK) {
      st = check_pair(ctx, x, sub_ins(ctx->interp, cond)[k], "input", k,
                      "cond subgraph input", k, &d->bytes[k]);
    }
    if (st == MOTE_OK) {
      st = check_pair(ctx, x, sub_ins(ctx->interp, body)[k], "input", k,
                      "body subgraph input", k, &d->bytes[k]);
    }
    if (st == MOTE_OK) {
      st = check_pair(ctx, sub_outs(ctx->interp, body)[k], node_outs(ctx)[k],
                      "body subgraph output", k, "output", k, &d->bytes[k]);
    }
  }
  if (st == MOTE_OK) {
    d->sub[0] = (uint16_t)index[0];
    d->sub[1] = (uint16_t)index[1];
  }
  return st;
}

/* Evaluates the condition on the loop variables at `vars`. */
static mote_status_t test(mote_kctx_t *ctx, const mote_subgraph_t *cond,
                          const uint16_t *vars, const uint32_t *bytes,
                          int *value) {
  const mote_interp_t *in = ctx->interp;
  const uint8_t *go;
  mote_status_t st;
  move(in, sub_ins(in, cond), vars, bytes, cond->input_count);
  st = run(ctx, cond);
  /* Prepare checked the output (one bool, with memory). */
  go = (const uint8_t *)mote_interp_data(in, sub_outs(in, cond)[0]);
  *value = st == MOTE_OK && go != NULL && *go != 0;
  return st;
}

/* As TFLM: the outputs hold the loop variables between iterations (the
 * inputs when the body never runs). */
static mote_status_t while_invoke(mote_kctx_t *ctx) {
  const mote_interp_t *in = ctx->interp;
  const cf_data_t *d = (const cf_data_t *)mote_kctx_user_data(ctx);
  const mote_subgraph_t *cond = mote_interp_subgraph(in, d->sub[0]);
  const mote_subgraph_t *body = mote_interp_subgraph(in, d->sub[1]);
  const uint32_t n = ctx->node->input_count;
  int go = 0;
  mote_status_t st;
  arm_budget(ctx);
  st = test(ctx, cond, node_ins(ctx), d->bytes, &go);
  move(in, node_outs(ctx), node_ins(ctx), d->bytes, n);
  while (st == MOTE_OK && go) {
    if (ctx->interp->loop_budget_ == 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_KERNEL,
                            "more than %lu loop iterations "
                            "(MOTE_MAX_LOOP_ITERATIONS)",
                            (unsigned long)MOTE_MAX_LOOP_ITERATIONS);
    }
    ctx->interp->loop_budget_--;
    move(in, sub_ins(in, body), node_outs(ctx), d->bytes, n);
    st = run(ctx, body);
    if (st == MOTE_OK) {
      move(in, node_outs(ctx), sub_outs(in, body), d->bytes, n);
      st = test(ctx, cond, node_outs(ctx), d->bytes, &go);
    }
  }
  return st;
}

static mote_status_t while_prepare(mote_kctx_t *ctx) {
  return answer_support(ctx) ? MOTE_OK : while_check(ctx);
}

const mote_kernel_t mote_kernel_while = {"WHILE", 1, while_prepare,
                                         while_invoke};

/* --- CALL_ONCE ----------------------------------------------------------- */

/* The flag is kernel state: mote_interp_reset_state clears it with the
 * resource variables, so the init subgraph runs again on the next invoke. */
static mote_status_t call_once_check(mote_kctx_t *ctx) {
  int32_t index[2];
  const mote_subgraph_t *s;
  cf_data_t *d = NULL;
  void *flag = NULL;
  mote_status_t st = read_indices(ctx, OPTIONS_CALL_ONCE, index);
  if (st != MOTE_OK) {
    return st;
  }
  s = subgraph_of(ctx, index[0], "init");
  if (s == NULL) {
    return MOTE_ERR_CORRUPT_MODEL;
  }
  if (s->input_count != 0 || s->output_count != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "init subgraph %ld has %u inputs and %u outputs; "
                          "it must have none",
                          (long)index[0], (unsigned)s->input_count,
                          (unsigned)s->output_count);
  }
  st = alloc_data(ctx, 0, &d);
  if (st == MOTE_OK) {
    st = mote_kctx_alloc_state(ctx, 1, &flag);
  }
  if (st == MOTE_OK) {
    d->sub[0] = (uint16_t)index[0];
    d->done = (uint8_t *)flag;
  }
  return st;
}

static mote_status_t call_once_invoke(mote_kctx_t *ctx) {
  const cf_data_t *d = (const cf_data_t *)mote_kctx_user_data(ctx);
  mote_status_t st = MOTE_OK;
  if (*d->done == 0) {
    arm_budget(ctx);
    st = run(ctx, mote_interp_subgraph(ctx->interp, d->sub[0]));
    *d->done = (uint8_t)(st == MOTE_OK);
  }
  return st;
}

static mote_status_t call_once_prepare(mote_kctx_t *ctx) {
  return answer_support(ctx) ? MOTE_OK : call_once_check(ctx);
}

const mote_kernel_t mote_kernel_call_once = {"CALL_ONCE", 1, call_once_prepare,
                                             call_once_invoke};
