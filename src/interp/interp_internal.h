/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interpreter internals shared by interp.c and kctx.c.
 */
#ifndef MOTE_INTERP_INTERNAL_H
#define MOTE_INTERP_INTERNAL_H

#include "common/align.h"
#include "format/tflite.h"
#include "memory/arena.h"
#include "mote/interp.h"
#include "mote/kernel.h"
#include "mote/resolver.h"

/* interp->state_ */
enum { MOTE_STATE_NONE = 0, MOTE_STATE_INIT = 1, MOTE_STATE_PREPARED = 2 };

/* One per operator, in the arena tail: what invoke needs of the operator,
 * copied from the model at init so that invoke never reads the flatbuffer
 * (model.h: the bytes may change after open). Its tensor indices are
 * entries io .. io + input_count + output_count of interp->io_, inputs
 * first (mote_interp_io). The kernel is entry `entry` of the resolver,
 * which outlives the interpreter and holds the op code too: a node is 12
 * bytes on a 32-bit CPU, not 16 with a kernel pointer and the code, which
 * is 2% of a small model's arena. The operator version and the Operator
 * table are looked up again only when a kernel asks for them, which the
 * built-in kernels do only in prepare. */
struct mote_node {
  void *user_data;
  uint16_t io;          /* first entry in interp->io_ */
  uint8_t input_count;
  uint8_t output_count;
  uint16_t entry;       /* the kernel's entry in interp->resolver_ */
};

/* Index of the resolver entry mote_resolver_find() would return, or -1. */
int32_t mote_resolver_find_entry(const mote_resolver_t *r, int32_t op,
                                 const char *custom_name);

static inline const mote_kernel_t *mote_node_kernel(const mote_interp_t *in,
                                                    const mote_node_t *node) {
  return in->resolver_->entries_[node->entry].kernel;
}

/* interp->io_ entry of an absent (-1) operand, 16-bit entries. Tensor
 * indices are below it: init refuses subgraphs of 65535 tensors or more,
 * and models whose operators name more than 65535 operands in all
 * (node->io is 16 bits) or an operator more than 255 inputs or outputs.
 * Subgraphs of fewer than 255 tensors keep 8-bit entries, with
 * MOTE_NO_TENSOR8 for an absent operand (interp->io_narrow_). */
#define MOTE_NO_TENSOR 0xFFFFu
#define MOTE_NO_TENSOR8 0xFFu

/* Tensor index of interp->io_ entry `k`, or -1 for an absent operand
 * (interp.c; out of line: called once an operand, it is smaller so). */
int32_t mote_interp_io(const mote_interp_t *in, uint32_t k);

/* interp->tensor_at_: where a tensor's data is, in 32 bits whatever the
 * pointer size (a 64-bit host would spend twice the bytes on pointers):
 * MOTE_AT_NONE, a byte offset into the model with MOTE_AT_MODEL set
 * (constants; models are below 2 GiB), or a byte offset from the arena
 * base (activations, variables; init refuses arenas of 2 GiB or more). */
#define MOTE_AT_NONE 0xFFFFFFFFu
#define MOTE_AT_MODEL 0x80000000u

static inline void *mote_interp_data(const mote_interp_t *in, uint32_t ti) {
  const uint32_t at = in->tensor_at_[ti];
  if (at == MOTE_AT_NONE) {
    return NULL;
  }
  if ((at & MOTE_AT_MODEL) != 0) {
    return (void *)(uintptr_t)(in->model_->data_ + (at & ~MOTE_AT_MODEL));
  }
  return in->arena_->base_ + at;
}

/* A run of variable (state) tensors that lie one after the other in the
 * tail and reset to the same byte, for mote_interp_reset_state: from the
 * data of `tensor` on, `bytes` bytes (alignment gaps included), all set
 * to `fill`. Kept at prepare so that a reset reads nothing of the model;
 * runs, not one record per tensor, because float states all fill with 0. */
struct mote_variable {
  uint32_t bytes;
  uint16_t tensor;
  int16_t fill; /* an int8 state's zero point; 0 for other types */
};

/* A model input or output as prepared: an application writes or reads
 * `bytes` bytes at its data, so they must not come from model bytes that
 * may have changed since. */
struct mote_io_tensor {
  uint32_t bytes;
  uint16_t tensor;
  uint8_t type;
  uint8_t reserved_;
};

/* A subgraph of a model of several (control flow), in the arena tail:
 * its tensors are tensor_at_[tensor_base ..) and its operators
 * nodes_[op_base ..); its inputs and then its outputs are io_ entries
 * from `io` on (tensor indices across subgraphs, as every io_ entry).
 * Single-subgraph models have no table: subgraph 0 starts at 0. */
struct mote_subgraph {
  uint32_t tensor_base;
  uint32_t tensor_count;
  uint32_t op_base;
  uint32_t op_count;
  uint16_t io;
  uint16_t input_count;
  uint16_t output_count;
  uint16_t reserved_;
};

/* Nesting of control flow that prepare accepts: a subgraph calls others
 * at most this deep, which bounds invoke's recursion (and its stack). */
#define MOTE_MAX_SUBGRAPH_DEPTH 8

/* WHILE iterations one call from subgraph 0 may run, all loops under it
 * together (control_flow.c), so that a
 * condition that never turns false (a malformed or hostile model) fails
 * the invoke instead of hanging it. TFLM sets no bound; raise it with
 * -DMOTE_MAX_LOOP_ITERATIONS=... for models that loop longer. */
#ifndef MOTE_MAX_LOOP_ITERATIONS
#define MOTE_MAX_LOOP_ITERATIONS 1000000u
#endif

/* After prepare: where each scratch buffer lives, from the arena base. */
struct mote_scratch {
  uint32_t offset;
};

/* Kernel state memory (mote_kctx_alloc_state): a header in the arena tail
 * followed by the bytes, listed so that reset can zero them. */
typedef struct mote_state_block {
  struct mote_state_block *next;
  size_t bytes;
} mote_state_block_t;

/* A request recorded during prepare (in head temp memory): scratch of
 * `bytes` (share_input -1), or leave to write output 0 over input
 * `share_input` when it starts `bytes` after the output. */
typedef struct mote_scratch_request {
  uint32_t op;
  uint32_t bytes;
  int32_t share_input;
} mote_scratch_request_t;

/* MOTE_PHASE_SUPPORT: init asks a control-flow kernel (IF, WHILE,
 * CALL_ONCE) for the subgraph support, which its prepare puts in
 * ctx->support (subgraph.c). */
enum { MOTE_PHASE_PREPARE = 1, MOTE_PHASE_INVOKE = 2, MOTE_PHASE_SUPPORT = 3 };

/* What init needs for a model of several subgraphs, reached through the
 * control-flow kernels so that a firmware that registers none links none
 * of it (subgraph.c):
 *   count: every subgraph's tensors and operators into tensor_total_ and
 *          op_total_, and the io_ entries their inputs and outputs take;
 *   bind:  after the io_ table, the subgraph table, each subgraph's
 *          inputs and outputs copied into io_ from entry `at`;
 *   check: after the nodes, refuses calls of a subgraph out of range, of
 *          the main one or the caller's own, cycles, and nesting deeper
 *          than MOTE_MAX_SUBGRAPH_DEPTH. */
typedef struct mote_subgraph_support {
  mote_status_t (*count)(mote_interp_t *in, uint32_t *io, mote_error_t *err);
  mote_status_t (*bind)(mote_interp_t *in, uint32_t at, mote_error_t *err);
  mote_status_t (*check)(mote_interp_t *in, mote_error_t *err);
  /* The subgraph whose range holds tensor (`ops` 0) or operator `i`. */
  uint32_t (*locate)(const mote_interp_t *in, uint32_t i, int ops);
} mote_subgraph_support_t;

extern const mote_subgraph_support_t mote_subgraph_support;

/* The subgraph that holds tensor `ti` or operator `op` (indices across
 * subgraphs), and subgraph `sg`'s first tensor and operator. A model of
 * one subgraph (subgraphs_ NULL) answers inline; several go through the
 * support the control-flow kernels bring (interp->support_), so that a
 * firmware without them links none of it. */
static inline uint32_t mote_interp_tensor_subgraph(const mote_interp_t *in,
                                                   uint32_t ti) {
  return in->subgraphs_ == NULL
             ? 0u
             : ((const mote_subgraph_support_t *)in->support_)->locate(in, ti, 0);
}

static inline uint32_t mote_interp_op_subgraph(const mote_interp_t *in,
                                               uint32_t op) {
  return in->subgraphs_ == NULL
             ? 0u
             : ((const mote_subgraph_support_t *)in->support_)->locate(in, op, 1);
}

static inline uint32_t mote_interp_tensor_base(const mote_interp_t *in,
                                               uint32_t sg) {
  return in->subgraphs_ == NULL ? 0u : in->subgraphs_[sg].tensor_base;
}

static inline uint32_t mote_interp_op_base(const mote_interp_t *in,
                                           uint32_t sg) {
  return in->subgraphs_ == NULL ? 0u : in->subgraphs_[sg].op_base;
}

/* The Tensor / Operator table of tensor `ti` / operator `op` (indices
 * across subgraphs) in the model (interp.c). */
uint32_t mote_interp_tensor_table(const mote_interp_t *in, uint32_t ti);
uint32_t mote_interp_op_table(const mote_interp_t *in, uint32_t op);

struct mote_kctx {
  mote_interp_t *interp;
  mote_node_t *node;
  uint32_t op_index;
  /* Offset of the Operator table; 0 when not looked up (invoke looks it
   * up only when a kernel asks: mote_kctx_op_table()). */
  uint32_t op_table;
  int phase;
  mote_error_t *err;
  /* Head temp memory for scratch and share requests during prepare. */
  mote_scratch_request_t *requests;
  uint32_t request_count;
  /* MOTE_PHASE_SUPPORT: where a control-flow kernel answers. */
  const mote_subgraph_support_t *support;
};

/* The operator's Operator table offset (ctx->op_table, or looked up). */
uint32_t mote_kctx_op_table(const mote_kctx_t *ctx);

/* The operator's builtin code (from its node). */
int32_t mote_kctx_op_code(const mote_kctx_t *ctx);

/* The tensor view of tensor index `ti` with its runtime data pointer. */
void mote_interp_fill_view(const mote_interp_t *interp, int32_t ti,
                           mote_tensor_t *out);

/* Fails init (MOTE_ERR_UNSUPPORTED_OP) naming every operator kind from
 * operator `first` on that the resolver has no kernel for, each with its
 * first operator index and how many more use it; kinds beyond the message
 * buffer are counted ("...and N more"). */
mote_status_t mote_interp_fail_missing(const mote_interp_t *interp,
                                       uint32_t first, mote_error_t *err);

/* --- several subgraphs (subgraph.c) --- */

/* The subgraph record of `sg` (below subgraph_count_, above 0). */
const mote_subgraph_t *mote_interp_subgraph(const mote_interp_t *in,
                                            uint32_t sg);

/* Runs operators [begin, end) in order (interp.c). */
mote_status_t mote_interp_run_ops(mote_interp_t *in, uint32_t begin,
                                  uint32_t end, mote_error_t *err);

#endif /* MOTE_INTERP_INTERNAL_H */
