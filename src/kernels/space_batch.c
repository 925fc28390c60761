/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND glue over space_batch.h.
 *
 * As TFLite Micro: float32 and int8, 3-D [N, H, C] or 4-D [N, H, W, C]
 * input and output of one type; block_shape input 1 (int32, one value per
 * spatial dimension) and paddings / crops input 2 (int32 [spatial, 2],
 * before/after). SPACE_TO_BATCH_ND pads with zero bytes, int8 too: TFLM
 * leaves its output offset at 0, so an int8 pad is the integer 0 whatever
 * the zero point (the real value -zero_point * scale), and mote matches
 * its bytes. Constant block_shape and paddings / crops are checked and
 * planned at prepare; when either is not constant (a model input), both
 * are read and checked at every invoke, as TFLM reads them, against the
 * output shape the model fixes, and a misfit fails the invoke before any
 * byte is written. Where mote is stricter: blocks >= 1 and paddings /
 * crops >= 0 (TFLM divides by the blocks and indexes with the rest
 * unchecked), and the output shape must be the one they give: for
 * SPACE_TO_BATCH_ND [N * bh * bw, (H + pads) / bh, (W + pads) / bw, C]
 * with the padded sizes divisible, for BATCH_TO_SPACE_ND
 * [N / (bh * bw), H * bh - crops, W * bw - crops, C] with N divisible.
 */
#include "kernels/space_batch.h"

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct space_batch_op {
  mote_space_batch_params_t p; /* first: what the compute functions see */
  uint8_t sp;                  /* spatial dims, 1 or 2 */
  bool to_batch;
  bool dynamic; /* an operand not constant: planned at every invoke */
} space_batch_op_t;

/* Checks block_shape (input 1) and paddings / crops (input 2) of `sp`
 * spatial dims: shapes and types; their values may be unknown yet. */
static mote_status_t check_operands(mote_kctx_t *ctx, int sp, bool to_batch,
                                    mote_tensor_t *bt, mote_tensor_t *et) {
  const char *what = to_batch ? "paddings" : "crops";
  const uint32_t i32 = MOTE_TYPE_BIT(MOTE_TYPE_INT32);
  mote_status_t st;
  if ((st = mote_index_operand(ctx, 1, "block_shape", i32, bt)) != MOTE_OK ||
      (st = mote_index_operand(ctx, 2, what, i32, et)) != MOTE_OK) {
    return st;
  }
  if (bt->rank != 1 || bt->dims[0] != sp) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "block_shape input 1 (tensor %u) is not [%d]",
                          (unsigned)bt->index, sp);
  }
  if (et->rank != 2 || et->dims[0] != sp || et->dims[1] != 2) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s input 2 (tensor %u) is not [%d, 2]", what,
                          (unsigned)et->index, sp);
  }
  return MOTE_OK;
}

/* The values of block_shape and paddings / crops into blocks[] and
 * edges[] (before, after per dim), checking their signs. */
static mote_status_t read_values(mote_kctx_t *ctx, const space_batch_op_t *op,
                                 const void *bdata, const void *edata,
                                 int32_t *blocks, int32_t *edges) {
  const char *what = op->to_batch ? "paddings" : "crops";
  int d;
  for (d = 0; d < op->sp; ++d) {
    blocks[d] = (int32_t)mote_index_load(bdata, MOTE_TYPE_INT32, (uint32_t)d);
    edges[2 * d] =
        (int32_t)mote_index_load(edata, MOTE_TYPE_INT32, 2u * (uint32_t)d);
    edges[2 * d + 1] =
        (int32_t)mote_index_load(edata, MOTE_TYPE_INT32, 2u * (uint32_t)d + 1u);
    if (blocks[d] < 1) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "block_shape input 1 value %d is %ld, below 1", d,
                            (long)blocks[d]);
    }
    if (edges[2 * d] < 0 || edges[2 * d + 1] < 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "%s input 2 row %d is %ld/%ld, below 0", what, d,
                            (long)edges[2 * d], (long)edges[2 * d + 1]);
    }
  }
  return MOTE_OK;
}

/* The output shape the operands give (4-D view) into want[], or fails. */
static mote_status_t plan(mote_kctx_t *ctx, bool to_batch,
                          const int32_t *blocks, const int32_t *edges,
                          const mote_space_batch_params_t *p, int64_t *want) {
  const int64_t bb = (int64_t)blocks[0] * blocks[1];
  int d;
  want[3] = p->in[3];
  if (to_batch) {
    want[0] = p->in[0] * bb;
  } else {
    want[0] = bb > 0 ? p->in[0] / bb : 0;
    if (p->in[0] % bb != 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "input 0 batch %ld is not a multiple of the "
                            "block_shape product %ld",
                            (long)p->in[0], (long)bb);
    }
  }
  for (d = 0; d < 2; ++d) {
    const int64_t edge = (int64_t)edges[2 * d] + edges[2 * d + 1];
    if (to_batch) {
      const int64_t padded = p->in[1 + d] + edge;
      if (padded % blocks[d] != 0) {
        return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                              "padded input 0 dim %d (%ld) is not a multiple "
                              "of block_shape %ld",
                              1 + d, (long)padded, (long)blocks[d]);
      }
      want[1 + d] = padded / blocks[d];
    } else {
      want[1 + d] = (int64_t)p->in[1 + d] * blocks[d] - edge;
      if (want[1 + d] < 0) {
        return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                              "crops input 2 remove more than input 0 dim "
                              "%d holds",
                              1 + d);
      }
    }
  }
  return MOTE_OK;
}

/* From the operands' values, the blocks and edges of *p (whose in[] and
 * out[] are set), checked against the output shape. */
static mote_status_t resolve(mote_kctx_t *ctx, const space_batch_op_t *op,
                             const void *bdata, const void *edata,
                             mote_space_batch_params_t *p) {
  int32_t blocks[2] = {1, 1}, edges[4] = {0, 0, 0, 0};
  int64_t want[4];
  mote_status_t st;
  int d;
  if ((st = read_values(ctx, op, bdata, edata, blocks, edges)) != MOTE_OK ||
      (st = plan(ctx, op->to_batch, blocks, edges, p, want)) != MOTE_OK) {
    return st;
  }
  for (d = 0; d < 4; ++d) {
    if (p->out[d] != want[d]) {
      return mote_kctx_fail(
          ctx, MOTE_ERR_BAD_SHAPE,
          "output 0 dim %d is %ld; input 0, block_shape "
          "input 1 %ldx%ld and %s input 2 %ld,%ld,%ld,%ld "
          "give %ld",
          op->sp == 1 && d == 3 ? 2 : d, (long)p->out[d], (long)blocks[0],
          (long)blocks[1], op->to_batch ? "paddings" : "crops", (long)edges[0],
          (long)edges[1], (long)edges[2], (long)edges[3], (long)want[d]);
    }
  }
  p->block_h = blocks[0];
  p->block_w = blocks[1];
  p->top = edges[0];
  p->left = edges[2];
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx, bool to_batch) {
  const uint32_t types =
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8);
  mote_tensor_t in, out, bt, et;
  space_batch_op_t *op;
  mote_space_batch_params_t *p;
  void *mem;
  mote_status_t st;
  int sp;
  if ((st = mote_check_io_first(ctx, 3, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, types, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if ((in.rank != 3 && in.rank != 4) || out.rank != in.rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 and output 0 have ranks %d and %d; both "
                          "must be 3 or 4",
                          (int)in.rank, (int)out.rank);
  }
  sp = (int)in.rank - 2;
  if ((st = check_operands(ctx, sp, to_batch, &bt, &et)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (space_batch_op_t *)mem;
  op->sp = (uint8_t)sp;
  op->to_batch = to_batch;
  op->dynamic = ((bt.flags & et.flags) & MOTE_TENSOR_CONST) == 0;
  p = &op->p;
  /* A 3-D [N, H, C] is [N, H, 1, C] with block width 1, as TFLite. */
  p->in[0] = in.dims[0];
  p->in[1] = in.dims[1];
  p->in[2] = sp == 2 ? in.dims[2] : 1;
  p->in[3] = in.dims[in.rank - 1];
  p->out[0] = out.dims[0];
  p->out[1] = out.dims[1];
  p->out[2] = sp == 2 ? out.dims[2] : 1;
  p->out[3] = out.dims[out.rank - 1];
  p->elem_size = mote_type_size((mote_type_t)in.type);
  p->pad_byte = 0u; /* TFLM's, for both types (see the top) */
  if (!op->dynamic && (st = resolve(ctx, op, bt.data, et.data, p)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t space_to_batch_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, true);
}

static mote_status_t batch_to_space_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, false);
}

/* Runs `fn` with prepare's params, or with params planned now from the
 * operands' values when they are not constant. */
static mote_status_t run(mote_kctx_t *ctx, mote_space_batch_fn *fn) {
  const space_batch_op_t *op =
      (const space_batch_op_t *)mote_kctx_user_data(ctx);
  const mote_space_batch_params_t *p = &op->p;
  mote_space_batch_params_t now;
  mote_status_t st;
  if (op->dynamic) {
    now = op->p;
    p = &now;
    if ((st = resolve(ctx, op, mote_kctx_input_data(ctx, 1),
                      mote_kctx_input_data(ctx, 2), &now)) != MOTE_OK) {
      return st;
    }
  }
  fn(p, mote_kctx_input_data(ctx, 0), mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

static mote_status_t space_to_batch_invoke(mote_kctx_t *ctx) {
  return run(ctx, mote_space_to_batch);
}

static mote_status_t batch_to_space_invoke(mote_kctx_t *ctx) {
  return run(ctx, mote_batch_to_space);
}

const mote_kernel_t mote_kernel_space_to_batch_nd = {
    "SPACE_TO_BATCH_ND", 4, space_to_batch_prepare, space_to_batch_invoke};
const mote_kernel_t mote_kernel_batch_to_space_nd = {
    "BATCH_TO_SPACE_ND", 4, batch_to_space_prepare, batch_to_space_invoke};
