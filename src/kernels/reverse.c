/* SPDX-License-Identifier: Apache-2.0 */
/*
 * REVERSE_V2 glue over reverse.h.
 *
 * As TFLite Micro: float32, int32, int16, int8, uint8, int64 and bool
 * (values moved as stored), output of the input's type and shape; axis
 * input 1 int32 of rank 1, each value in [-rank, rank) (negative from the
 * end), and the axes, once sorted, contiguous (TFLM's restriction; a
 * repeated axis is not contiguous either). Constant axes are checked and
 * planned at prepare; others (a model input) are read and checked at
 * every invoke, as TFLM reads them, and axes out of range or not
 * contiguous fail the invoke before any byte is written. An empty axis
 * list is refused (TFLM would read before its axis array).
 */
#include "kernels/reverse.h"

#include <string.h>

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define REVERSE_TYPES                                                          \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT32) |         \
   MOTE_TYPE_BIT(MOTE_TYPE_INT16) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_UINT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT64) |           \
   MOTE_TYPE_BIT(MOTE_TYPE_BOOL))

typedef struct reverse_op {
  mote_reverse_params_t p; /* the plan, when the axes are constant */
  bool dynamic;            /* axes not constant: planned at every invoke */
  uint8_t rank;
  uint32_t n; /* number of axes, >= 1 */
  size_t elem_size;
  int32_t dims[MOTE_MAX_DIMS];
} reverse_op_t;

/* Plans *p from the op's shape and the axes in `axes` (int32, op->n of
 * them); fails on an axis out of range or axes that do not form one
 * contiguous run. */
static mote_status_t plan(mote_kctx_t *ctx, const reverse_op_t *op,
                          const void *axes, mote_reverse_params_t *p) {
  bool seen[MOTE_MAX_DIMS] = {false};
  const int32_t rank = op->rank;
  int32_t lo = rank, hi = -1, count = 0, a, d;
  uint32_t i;
  mote_status_t st;
  for (i = 0; i < op->n; ++i) {
    st = mote_axis_normalize(ctx, "axis input 1 value",
                             mote_index_load(axes, MOTE_TYPE_INT32, i), rank,
                             &a);
    if (st != MOTE_OK) {
      return st;
    }
    count += seen[a] ? 2 * MOTE_MAX_DIMS : 1; /* a repeat never fits */
    seen[a] = true;
    lo = a < lo ? a : lo;
    hi = a > hi ? a : hi;
  }
  if (count != hi - lo + 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "axis input 1: the %u axes in %d..%d are not "
                          "contiguous and distinct, which TFLM requires",
                          (unsigned)op->n, (int)lo, (int)hi);
  }
  p->outer = 1;
  p->mid = 1;
  p->inner = op->elem_size;
  for (d = 0; d < rank; ++d) {
    const size_t n = (size_t)op->dims[d];
    if (d < lo) {
      p->outer *= n;
    } else if (d <= hi) {
      p->mid *= n;
    } else {
      p->inner *= n;
    }
  }
  return MOTE_OK;
}

static mote_status_t reverse_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, at, out;
  reverse_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, REVERSE_TYPES, "input 0")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = mote_index_operand(ctx, 1, "axis", MOTE_TYPE_BIT(MOTE_TYPE_INT32),
                               &at)) != MOTE_OK) {
    return st;
  }
  if (at.rank != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "axis input 1 (tensor %u) has rank %d, expected 1",
                          (unsigned)at.index, (int)at.rank);
  }
  if (at.dims[0] < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "axis input 1 (tensor %u) holds no axis",
                          (unsigned)at.index);
  }
  if (!mote_same_shape(&in, &out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) is not input 0's shape",
                          (unsigned)out.index);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (reverse_op_t *)mem;
  op->dynamic = (at.flags & MOTE_TENSOR_CONST) == 0;
  op->rank = in.rank;
  op->n = (uint32_t)at.dims[0];
  op->elem_size = mote_type_size((mote_type_t)in.type);
  memcpy(op->dims, in.dims, sizeof op->dims);
  if (!op->dynamic && (st = plan(ctx, op, at.data, &op->p)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t reverse_invoke(mote_kctx_t *ctx) {
  const reverse_op_t *op = (const reverse_op_t *)mote_kctx_user_data(ctx);
  mote_reverse_params_t now;
  const mote_reverse_params_t *p = &op->p;
  mote_status_t st;
  if (op->dynamic) {
    p = &now;
    if ((st = plan(ctx, op, mote_kctx_input_data(ctx, 1), &now)) != MOTE_OK) {
      return st;
    }
  }
  mote_reverse(p, mote_kctx_input_data(ctx, 0), mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

/* Versions: 2 int8 / uint8, 3 int16. */
const mote_kernel_t mote_kernel_reverse_v2 = {"REVERSE_V2", 3, reverse_prepare,
                                              reverse_invoke};
