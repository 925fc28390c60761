/* SPDX-License-Identifier: Apache-2.0 */
/*
 * REVERSE_V2 glue over reverse.h.
 *
 * As TFLite Micro: float32, int32, int16, int8, uint8, int64 and bool
 * (values moved as stored), output of the input's type and shape; axis
 * input 1 int32 of rank 1, each value in [-rank, rank) (negative from the
 * end), and the axes, once sorted, contiguous (TFLM's restriction; a
 * repeated axis is not contiguous either). Where mote differs: the axes
 * must be constant (TFLM reads them at invoke; mote plans at prepare), so
 * an empty axis list, which has no buffer, is refused too (TFLM would read
 * before its axis array).
 */
#include "kernels/reverse.h"

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define REVERSE_TYPES                                                          \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT32) |         \
   MOTE_TYPE_BIT(MOTE_TYPE_INT16) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_UINT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT64) |           \
   MOTE_TYPE_BIT(MOTE_TYPE_BOOL))

/* The normalized axes' first and last into *lo, *hi (lo > hi: none);
 * fails unless they form one contiguous run. */
static mote_status_t axis_run(mote_kctx_t *ctx, const mote_tensor_t *at,
                              int32_t rank, int32_t *lo, int32_t *hi) {
  bool seen[MOTE_MAX_DIMS] = {false};
  const int32_t n = mote_tensor_elements(at);
  int32_t i, count = 0;
  mote_status_t st;
  *lo = rank;
  *hi = -1;
  for (i = 0; i < n; ++i) {
    int32_t a;
    st = mote_axis_normalize(ctx, "axis input 1",
                             mote_index_at(at, (uint32_t)i), rank, &a);
    if (st != MOTE_OK) {
      return st;
    }
    count += seen[a] ? 2 * MOTE_MAX_DIMS : 1; /* a repeat never fits */
    seen[a] = true;
    *lo = a < *lo ? a : *lo;
    *hi = a > *hi ? a : *hi;
  }
  if (n > 0 && count != *hi - *lo + 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "axis input 1 (tensor %u): the axes are not "
                          "contiguous and distinct, which TFLM requires",
                          (unsigned)at->index);
  }
  return MOTE_OK;
}

static mote_status_t reverse_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, at, out;
  mote_reverse_params_t *p;
  int32_t lo, hi, d;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, REVERSE_TYPES, "input 0")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = mote_index_input(ctx, 1, "axis", MOTE_TYPE_BIT(MOTE_TYPE_INT32),
                             &at)) != MOTE_OK) {
    return st;
  }
  if (at.rank != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "axis input 1 (tensor %u) has rank %d, expected 1",
                          (unsigned)at.index, (int)at.rank);
  }
  if (!mote_same_shape(&in, &out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) is not input 0's shape",
                          (unsigned)out.index);
  }
  if ((st = axis_run(ctx, &at, in.rank, &lo, &hi)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*p), &mem)) != MOTE_OK) {
    return st;
  }
  p = (mote_reverse_params_t *)mem;
  p->outer = 1;
  p->mid = 1;
  p->inner = mote_type_size((mote_type_t)in.type);
  for (d = 0; d < (int32_t)in.rank; ++d) {
    const size_t n = (size_t)in.dims[d];
    if (d < lo) {
      p->outer *= n;
    } else if (d <= hi) {
      p->mid *= n;
    } else {
      p->inner *= n;
    }
  }
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

static mote_status_t reverse_invoke(mote_kctx_t *ctx) {
  mote_reverse((const mote_reverse_params_t *)mote_kctx_user_data(ctx),
               mote_kctx_input_data(ctx, 0), mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

/* Versions: 2 int8 / uint8, 3 int16. */
const mote_kernel_t mote_kernel_reverse_v2 = {"REVERSE_V2", 3, reverse_prepare,
                                              reverse_invoke};
