/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BROADCAST_TO glue, as TFLite Micro: input 0 (any fixed-size type, rank
 * up to 5) repeated to the shape held by input 1, a constant int32 or
 * int64 vector of the output's rank (at least the input's, at most 5)
 * that equals the output's shape; every input dimension is 1 or the
 * output's. The broadcast is the binary ops' (broadcast.h), the output's
 * shape its second operand.
 */
#include "kernels/broadcast_to.h"

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define MAX_RANK 5 /* TFLM's */

typedef struct bto_op {
  mote_bcast_t b;
  size_t esize;
} bto_op_t;

static mote_status_t check_shape(mote_kctx_t *ctx, const mote_tensor_t *shape,
                                 const mote_tensor_t *out) {
  uint32_t d;
  if (shape->rank != 1 || shape->dims[0] != (int32_t)out->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "shape input 1 (tensor %u) must be a vector of "
                          "output 0's rank %u",
                          (unsigned)shape->index, (unsigned)out->rank);
  }
  for (d = 0; d < out->rank; ++d) {
    if (mote_index_at(shape, d) != out->dims[d]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "shape input 1 (tensor %u) is not the shape of "
                            "output 0 (tensor %u)",
                            (unsigned)shape->index, (unsigned)out->index);
    }
  }
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, shape, out;
  bto_op_t *op;
  void *mem;
  int bad = 0;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = mote_index_input(ctx, 1, "shape",
                             MOTE_TYPE_BIT(MOTE_TYPE_INT32) |
                                 MOTE_TYPE_BIT(MOTE_TYPE_INT64),
                             &shape)) != MOTE_OK ||
      (st = check_shape(ctx, &shape, &out)) != MOTE_OK) {
    return st;
  }
  if (mote_type_size((mote_type_t)in.type) == 0 || in.type == MOTE_TYPE_INT4) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 (tensor %u) has type %s, which has no "
                          "fixed element size",
                          (unsigned)in.index,
                          mote_type_name((mote_type_t)in.type));
  }
  if (out.rank > MAX_RANK) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "output 0 (tensor %u) has rank %u; at most %d",
                          (unsigned)out.index, (unsigned)out.rank, MAX_RANK);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (bto_op_t *)mem;
  op->esize = mote_type_size((mote_type_t)in.type);
  /* The output as the second operand: it broadcasts to itself, so the
   * walk checks and merges the input's dimensions alone. */
  if (mote_bcast_init(&op->b, in.dims, in.rank, out.dims, out.rank, out.dims,
                      out.rank, &bad) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (tensor %u) does not broadcast to output 0 "
                          "(tensor %u) at dimension %d",
                          (unsigned)in.index, (unsigned)out.index, bad);
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t invoke(mote_kctx_t *ctx) {
  const bto_op_t *op = (const bto_op_t *)mote_kctx_user_data(ctx);
  mote_broadcast_to(&op->b, mote_kctx_input_data(ctx, 0),
                    mote_kctx_output_data(ctx, 0), op->esize);
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_broadcast_to = {"BROADCAST_TO", 3, prepare,
                                                invoke};
