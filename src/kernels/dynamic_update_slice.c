/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DYNAMIC_UPDATE_SLICE glue, as TFLite Micro: input 0 the operand, input 1
 * an update of the same type and rank with no dimension larger, input 2
 * the start indices (int32 or int64, one per dimension, constant or
 * computed); the output has the operand's shape. Each start index is
 * clamped into [0, operand dim - update dim] at invoke, as TFLM. Types
 * as TFLM: float32, int8, int16, int32. The planner may put the output over the
 * operand when the operand dies here (the update only overwrites).
 */
#include "kernels/dynamic_update_slice.h"

#include <string.h>

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define DUS_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT16) | MOTE_TYPE_BIT(MOTE_TYPE_INT32))

typedef struct dus_op {
  mote_dus_params_t p;
  uint8_t index_type;
} dus_op_t;

static mote_status_t check_shapes(mote_kctx_t *ctx, const mote_tensor_t *in,
                                  const mote_tensor_t *upd,
                                  const mote_tensor_t *idx,
                                  const mote_tensor_t *out) {
  uint32_t d;
  if (in->rank < 1 || upd->rank != in->rank || idx->rank != 1 ||
      idx->dims[0] != (int32_t)in->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "update input 1 and start input 2 need input 0's "
                          "rank %u (as rank and length)",
                          (unsigned)in->rank);
  }
  for (d = 0; d < in->rank; ++d) {
    if (upd->dims[d] > in->dims[d]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "update input 1 dimension %u (%d) is larger than "
                            "input 0's (%d)",
                            (unsigned)d, (int)upd->dims[d], (int)in->dims[d]);
    }
  }
  if (!mote_same_shape(in, out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) does not have the shape of "
                          "input 0 (tensor %u)",
                          (unsigned)out->index, (unsigned)in->index);
  }
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, upd, idx, out;
  dus_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 3, 1, &in, &out)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &upd)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 2, &idx)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, DUS_TYPES, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &upd, (mote_type_t)in.type,
                            "update input 1")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = mote_check_type_in(ctx, &idx,
                               MOTE_TYPE_BIT(MOTE_TYPE_INT32) |
                                   MOTE_TYPE_BIT(MOTE_TYPE_INT64),
                               "start input 2")) != MOTE_OK ||
      (st = check_shapes(ctx, &in, &upd, &idx, &out)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (dus_op_t *)mem;
  op->p.rank = in.rank;
  memcpy(op->p.dims, in.dims, sizeof(op->p.dims));
  memcpy(op->p.upd, upd.dims, sizeof(op->p.upd));
  op->p.esize = mote_type_size((mote_type_t)in.type);
  op->index_type = idx.type;
  mote_kctx_set_user_data(ctx, op);
  /* The output may take the operand's place: element i is read (copied)
   * before anything is written, and the update writes over it only. */
  return mote_request_share_elementwise(ctx, 0, &in, &out);
}

static mote_status_t invoke(mote_kctx_t *ctx) {
  const dus_op_t *op = (const dus_op_t *)mote_kctx_user_data(ctx);
  const void *idx = mote_kctx_input_data(ctx, 2);
  int32_t start[MOTE_MAX_DIMS];
  int32_t d;
  for (d = 0; d < op->p.rank; ++d) {
    const int64_t hi = (int64_t)op->p.dims[d] - op->p.upd[d];
    const int64_t v = mote_index_load(idx, op->index_type, (uint32_t)d);
    start[d] = (int32_t)(v < 0 ? 0 : v > hi ? hi : v);
  }
  mote_dynamic_update_slice(&op->p, mote_kctx_input_data(ctx, 0),
                            mote_kctx_input_data(ctx, 1), start,
                            mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_dynamic_update_slice = {
    "DYNAMIC_UPDATE_SLICE", 4, prepare, invoke};
