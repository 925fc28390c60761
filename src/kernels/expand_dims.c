/* SPDX-License-Identifier: Apache-2.0 */
/*
 * EXPAND_DIMS glue: checks, then RESHAPE's copy (reshape.h). Inserting a
 * size-1 dimension keeps the bytes in order, so the compute is the same
 * copy and the op has no compute function of its own.
 *
 * Input 1 is the axis, read at prepare: a constant int32 tensor of rank 0
 * or 1 whose first element is taken, as TFLite Micro does; TFLM refuses
 * an int64 axis ("Axis type INT64 not supported"), and so does mote
 * (negative axes count from the end of the output). The output must be
 * the input with a 1 inserted at that axis. TFLM's kernel copies only
 * float32, int8 and int16, so other types are refused here too.
 *
 * Stricter than TFLM, on purpose: an axis computed by the graph (TFLM
 * reads whatever its arena holds at prepare) or below -(rank + 1) (TFLM
 * then compares dimensions outside the input's shape) is refused, and
 * the output type must equal the input type (TFLM overwrites it).
 */
#include "kernels/kernel_util.h"
#include "kernels/reshape.h"

#include "mote/kernel.h"
#include "mote/ops.h"

/* Constants live in the model buffer, which need not be aligned. */
static int32_t read_i32_le(const void *base) {
  const uint8_t *b = (const uint8_t *)base;
  return (int32_t)((uint32_t)b[0] | ((uint32_t)b[1] << 8) |
                   ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24));
}

/* The axis from input 1, in 0..in_rank, into *axis. */
static mote_status_t read_axis(mote_kctx_t *ctx, uint8_t in_rank,
                               int32_t *axis) {
  mote_tensor_t a;
  mote_status_t st = mote_kctx_input(ctx, 1, &a);
  int32_t v;
  if (st != MOTE_OK) {
    return st;
  }
  if ((a.flags & MOTE_TENSOR_CONST) == 0 || a.rank > 1 ||
      mote_tensor_elements(&a) < 1 ||
      a.type != MOTE_TYPE_INT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "axis input 1 (tensor %u) must be a constant int32 "
                          "of one element, is %s rank %d",
                          (unsigned)a.index, mote_type_name((mote_type_t)a.type),
                          (int)a.rank);
  }
  v = read_i32_le(a.data);
  if (v < 0 && v >= -(int32_t)in_rank - 1) {
    v += (int32_t)in_rank + 1;
  }
  if (v < 0 || v > in_rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "axis input 1 (tensor %u) is outside [-%d, %d]",
                          (unsigned)a.index, (int)in_rank + 1, (int)in_rank);
  }
  *axis = v;
  return MOTE_OK;
}

/* Whether `out` is `in` with a 1 inserted at `axis`. */
static bool expanded_shape_matches(const mote_tensor_t *in, int32_t axis,
                                   const mote_tensor_t *out) {
  int32_t i;
  if (out->rank != in->rank + 1) {
    return false;
  }
  for (i = 0; i < (int32_t)out->rank; ++i) {
    const int32_t want = i < axis ? in->dims[i] : i == axis ? 1 : in->dims[i - 1];
    if (out->dims[i] != want) {
      return false;
    }
  }
  return true;
}

static mote_status_t expand_dims_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  int32_t axis = 0;
  mote_status_t st;

  if (mote_kctx_input_count(ctx) != 2 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expects 2 inputs and 1 output, has %u and %u",
                          (unsigned)mote_kctx_input_count(ctx),
                          (unsigned)mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (in.type != MOTE_TYPE_FLOAT32 && in.type != MOTE_TYPE_INT8 &&
      in.type != MOTE_TYPE_INT16) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 (tensor %u) has type %s; EXPAND_DIMS runs "
                          "float32, int8 and int16",
                          (unsigned)in.index,
                          mote_type_name((mote_type_t)in.type));
  }
  if (in.type != out.type) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 is %s but output 0 is %s",
                          mote_type_name((mote_type_t)in.type),
                          mote_type_name((mote_type_t)out.type));
  }
  if ((st = read_axis(ctx, in.rank, &axis)) != MOTE_OK) {
    return st;
  }
  if (!expanded_shape_matches(&in, axis, &out) || in.bytes != out.bytes) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) is not input 0 (tensor %u) "
                          "with a 1 inserted at axis %d",
                          (unsigned)out.index, (unsigned)in.index, (int)axis);
  }
  return mote_reshape_copy_prepare(ctx, &in, &out);
}

const mote_kernel_t mote_kernel_expand_dims = {"EXPAND_DIMS", 2,
                                               expand_dims_prepare,
                                               mote_reshape_copy_invoke};
