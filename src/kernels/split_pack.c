/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPLIT, SPLIT_V, PACK and UNPACK: what tells them apart, over the glue
 * they share (axis_parts.h reads the count and axis, checks the parts and
 * copies them). As in TFLite Micro:
 *  - SPLIT cuts input 1 into equal parts, one per output, along the axis
 *    in input 0 (a constant int32); float32, int8, int16, int32.
 *  - SPLIT_V cuts input 0 into parts the outputs' shapes size, along the
 *    axis in input 2; the same types. TFLM never reads size_splits
 *    (input 1); mote cross-checks it against the outputs when it is a
 *    constant int32 or int64 vector (one entry per output, each the
 *    output's extent or -1, at most one, TFLite's "the rest") and ignores
 *    it when the graph computes it.
 *  - PACK stacks its inputs along a new axis of the output
 *    (PackOptions.axis, in the output's dimensions); float32, int8,
 *    int16, int32, int64.
 *  - UNPACK cuts input 0 into one output per index of UnpackOptions.axis,
 *    each without that axis; float32, int8, int16, int32.
 * Negative axes count from the end. TFLM reads PACK's values_count and
 * UNPACK's num to know how many operands to visit and never SPLIT's
 * num_splits; mote requires each, when given, to equal the operand count
 * (values_count and num must be given), as TFLite does.
 */
#include "kernels/axis_parts.h"
#include "kernels/index_input.h"
#include "kernels/kernel_util.h"

#include "mote/ops.h"

#define COPY_TYPES                                                             \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT16) | MOTE_TYPE_BIT(MOTE_TYPE_INT32))

/* split, keep_axis, equal, count_needed, options, axis_input, inputs,
 * whole, types, count_name */
static const mote_axis_parts_op_t kSplit = {
    true, true, true, false, 35, 0, 2, 1, COPY_TYPES, "num_splits"};
static const mote_axis_parts_op_t kSplitV = {
    true, true, false, false, 79, 2, 3, 0, COPY_TYPES, "num_splits"};
static const mote_axis_parts_op_t kPack = {false,
                                           false,
                                           true,
                                           true,
                                           59,
                                           -1,
                                           0,
                                           0,
                                           COPY_TYPES |
                                               MOTE_TYPE_BIT(MOTE_TYPE_INT64),
                                           "values_count"};
static const mote_axis_parts_op_t kUnpack = {
    true, false, true, true, 64, -1, 1, 0, COPY_TYPES, "num"};

/* size_splits against the outputs' extents along `axis`. */
static mote_status_t check_sizes(mote_kctx_t *ctx, int32_t axis) {
  const uint32_t n_out = mote_kctx_output_count(ctx);
  mote_tensor_t sizes, out;
  uint32_t i, inferred = 0;
  mote_status_t st = mote_kctx_input(ctx, 1, &sizes);
  if (st != MOTE_OK) {
    return st;
  }
  if ((sizes.flags & MOTE_TENSOR_CONST) == 0) {
    return MOTE_OK; /* computed: the outputs' shapes are authoritative */
  }
  if ((st = mote_index_input(ctx, 1, "size_splits",
                             MOTE_TYPE_BIT(MOTE_TYPE_INT32) |
                                 MOTE_TYPE_BIT(MOTE_TYPE_INT64),
                             &sizes)) != MOTE_OK) {
    return st;
  }
  if (sizes.rank != 1 || (uint32_t)sizes.dims[0] != n_out) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "size_splits input 1 (tensor %u) must be a vector "
                          "of %u entries, one per output",
                          (unsigned)sizes.index, (unsigned)n_out);
  }
  for (i = 0; i < n_out; ++i) {
    const int64_t v = mote_index_at(&sizes, i);
    if ((st = mote_kctx_output(ctx, i, &out)) != MOTE_OK) {
      return st;
    }
    inferred += v == -1 ? 1u : 0u;
    if ((v != -1 && v != out.dims[axis]) || inferred > 1) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "size_splits entry %u is %ld, output %u has %ld "
                            "along axis %d",
                            (unsigned)i, (long)v, (unsigned)i,
                            (long)out.dims[axis], (int)axis);
    }
  }
  return MOTE_OK;
}

static mote_status_t split_prepare(mote_kctx_t *ctx) {
  int32_t axis;
  return mote_axis_parts_prepare(ctx, &kSplit, &axis);
}

static mote_status_t split_v_prepare(mote_kctx_t *ctx) {
  int32_t axis;
  mote_status_t st = mote_axis_parts_prepare(ctx, &kSplitV, &axis);
  return st != MOTE_OK ? st : check_sizes(ctx, axis);
}

static mote_status_t pack_prepare(mote_kctx_t *ctx) {
  int32_t axis;
  return mote_axis_parts_prepare(ctx, &kPack, &axis);
}

static mote_status_t unpack_prepare(mote_kctx_t *ctx) {
  int32_t axis;
  return mote_axis_parts_prepare(ctx, &kUnpack, &axis);
}

const mote_kernel_t mote_kernel_split = {"SPLIT", 4, split_prepare,
                                         mote_axis_parts_split};
const mote_kernel_t mote_kernel_split_v = {"SPLIT_V", 3, split_v_prepare,
                                           mote_axis_parts_split};
const mote_kernel_t mote_kernel_pack = {"PACK", 4, pack_prepare,
                                        mote_axis_parts_join};
const mote_kernel_t mote_kernel_unpack = {"UNPACK", 4, unpack_prepare,
                                          mote_axis_parts_split};
