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

/* interp->state_ */
enum { MOTE_STATE_NONE = 0, MOTE_STATE_INIT = 1, MOTE_STATE_PREPARED = 2 };

/* One per operator, in the arena tail. The model offsets of the
 * operator's input and output tensor-index vectors are read once at init
 * so that finding an operand's data at invoke is two bounds-checked reads
 * (the vector length and the index) and no table walk; the Operator table
 * itself is looked up again only when a kernel asks for its options. */
struct mote_node {
  const mote_kernel_t *kernel;
  void *user_data;
  uint32_t inputs;  /* [int] vector offset, 0 when absent */
  uint32_t outputs; /* [int] vector offset, 0 when absent */
};

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

enum { MOTE_PHASE_PREPARE = 1, MOTE_PHASE_INVOKE = 2 };

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
};

/* The operator's Operator table offset (ctx->op_table, or looked up). */
uint32_t mote_kctx_op_table(const mote_kctx_t *ctx);

/* The operator's builtin code, and its version when `version` is not
 * NULL, read from the model. */
int32_t mote_kctx_op_code(const mote_kctx_t *ctx, int32_t *version);

/* The tensor view of tensor index `ti` with its runtime data pointer. */
void mote_interp_fill_view(const mote_interp_t *interp, int32_t ti,
                           mote_tensor_t *out);

#endif /* MOTE_INTERP_INTERNAL_H */
