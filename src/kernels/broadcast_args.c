/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BROADCAST_ARGS glue, as TFLite Micro: two shape vectors (rank 1, both
 * int32 or both int64, constant or computed) and their broadcast, a vector
 * of the same type as long as the longer one. Shapes that do not broadcast
 * (TFLM aborts on its check) are refused: at prepare when both are
 * constant, else at invoke.
 */
#include "kernels/broadcast_args.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct bargs_op {
  int32_t n1, n2, n;
  bool is64;
} bargs_op_t;

static mote_status_t run(mote_kctx_t *ctx, const bargs_op_t *op,
                         const void *s1, const void *s2, void *out) {
  const int32_t at =
      mote_broadcast_args(s1, op->n1, s2, op->n2, op->is64, out, op->n);
  if (at >= 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "shapes in inputs 0 and 1 do not broadcast at "
                          "output position %d",
                          (int)at);
  }
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_tensor_t s1, s2, out;
  bargs_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, &s1, &out)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &s2)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &s1,
                               MOTE_TYPE_BIT(MOTE_TYPE_INT32) |
                                   MOTE_TYPE_BIT(MOTE_TYPE_INT64),
                               "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &s2, (mote_type_t)s1.type, "input 1")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)s1.type, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if (s1.rank != 1 || s2.rank != 1 || out.rank != 1 ||
      out.dims[0] != (s1.dims[0] > s2.dims[0] ? s1.dims[0] : s2.dims[0])) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "inputs 0, 1 and output 0 must be vectors, the "
                          "output as long as the longer input");
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (bargs_op_t *)mem;
  op->n1 = s1.dims[0];
  op->n2 = s2.dims[0];
  op->n = out.dims[0];
  op->is64 = s1.type == MOTE_TYPE_INT64;
  mote_kctx_set_user_data(ctx, op);
  if ((s1.flags & MOTE_TENSOR_CONST) && (s2.flags & MOTE_TENSOR_CONST)) {
    int64_t scratch[MOTE_MAX_DIMS * 2];
    /* Constant shapes: a mismatch is the model's, found now. Longer
     * vectors cannot be tensor shapes and wait for invoke. */
    if (op->n <= MOTE_MAX_DIMS * 2) {
      return run(ctx, op, s1.data, s2.data, scratch);
    }
  }
  return MOTE_OK;
}

static mote_status_t invoke(mote_kctx_t *ctx) {
  const bargs_op_t *op = (const bargs_op_t *)mote_kctx_user_data(ctx);
  return run(ctx, op, mote_kctx_input_data(ctx, 0),
             mote_kctx_input_data(ctx, 1), mote_kctx_output_data(ctx, 0));
}

const mote_kernel_t mote_kernel_broadcast_args = {"BROADCAST_ARGS", 1, prepare,
                                                  invoke};
