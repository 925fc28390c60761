/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GATHER glue: output[b, o, c, i] = input[b, o, indices[b, c], i], where b
 * runs over the first batch_dims dimensions (shared by input and
 * indices), o over the input's other dimensions in front of the axis, c
 * over the remaining indices dimensions and i over the input's
 * dimensions after the axis. For each (b, c) that is one block copy
 * (block_copy.h) of `outer` rows of the inner bytes, so the compute is
 * the shared copy and the glue only walks the indices.
 *
 * As in TFLite Micro: GatherOptions.axis and batch_dims (negative ones
 * count from the end of the input's and the indices' ranks), batch_dims
 * at most the axis, the first batch_dims dimensions equal; the types
 * TFLM gathers (GATHER_TYPES) with int32 indices. An index outside
 * [0, axis size) fails: at prepare when the indices are constant, at
 * invoke otherwise (TFLM fails its invoke too), before any byte is
 * written. The output's shape must be exactly
 * input[:axis] + indices[batch_dims:] + input[axis + 1:].
 */
#include "kernels/block_copy.h"
#include "kernels/index_input.h"
#include "kernels/kernel_util.h"

#include "mote/ops.h"

#define GATHER_TYPES                                                           \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8))
#define GATHER_INDEX_TYPES (MOTE_TYPE_BIT(MOTE_TYPE_INT32))

typedef struct gather_data {
  int32_t batches;    /* product of the first batch_dims dimensions */
  int32_t outer;      /* input dims from batch_dims to the axis */
  int32_t axis_size;  /* input dim at the axis */
  int32_t coords;     /* indices per batch */
  size_t inner_bytes; /* input dims after the axis x element size */
  uint8_t index_type; /* MOTE_TYPE_INT32 or MOTE_TYPE_INT64 */
  bool checked;       /* constant indices, checked at prepare */
} gather_data_t;

static int32_t product(const int32_t *dims, int32_t from, int32_t to) {
  int32_t n = 1, d;
  for (d = from; d < to; ++d) {
    n *= dims[d];
  }
  return n;
}

/* The first index of `indices` outside [0, axis_size), or -1. */
static int64_t first_bad(const gather_data_t *g, const void *indices,
                         int64_t *value) {
  const uint32_t n = (uint32_t)(g->batches * g->coords);
  uint32_t i;
  for (i = 0; i < n; ++i) {
    *value = mote_index_load(indices, g->index_type, i);
    if (*value < 0 || *value >= g->axis_size) {
      return (int64_t)i;
    }
  }
  return -1;
}

static mote_status_t fail_index(mote_kctx_t *ctx, const gather_data_t *g,
                                int64_t at, int64_t value) {
  return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                        "index %ld at position %ld of input 1 is outside "
                        "[0, %ld)",
                        (long)value, (long)at, (long)g->axis_size);
}

/* The output's shape against input[:axis] + indices[batch_dims:] +
 * input[axis + 1:]. */
static bool shape_matches(const mote_tensor_t *in, const mote_tensor_t *idx,
                          const mote_tensor_t *out, int32_t axis,
                          int32_t batch_dims) {
  int32_t want[2 * MOTE_MAX_DIMS], n = 0, d;
  for (d = 0; d < axis; ++d) {
    want[n++] = in->dims[d];
  }
  for (d = batch_dims; d < (int32_t)idx->rank; ++d) {
    want[n++] = idx->dims[d];
  }
  for (d = axis + 1; d < (int32_t)in->rank; ++d) {
    want[n++] = in->dims[d];
  }
  if (n != (int32_t)out->rank) {
    return false;
  }
  for (d = 0; d < n; ++d) {
    if (want[d] != out->dims[d]) {
      return false;
    }
  }
  return true;
}

/* axis and batch_dims from the options, checked as TFLM checks them. */
static mote_status_t read_axes(mote_kctx_t *ctx, const mote_tensor_t *in,
                               const mote_tensor_t *idx, int32_t *axis,
                               int32_t *batch_dims) {
  mote_options_t opt;
  int32_t b, d;
  mote_status_t st = mote_kctx_builtin_options(ctx, 23, &opt);
  if (st != MOTE_OK || (st = mote_axis_normalize(
                            ctx, "axis option", mote_options_i32(&opt, 0, 0),
                            (int32_t)in->rank, axis)) != MOTE_OK) {
    return st;
  }
  b = mote_options_i32(&opt, 1, 0);
  b += b < 0 ? (int32_t)idx->rank : 0;
  if (b < 0 || b > *axis || b > (int32_t)idx->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "batch_dims option %ld must be in [0, %d] (the "
                          "axis and the rank of input 1)",
                          (long)mote_options_i32(&opt, 1, 0), (int)*axis);
  }
  for (d = 0; d < b; ++d) {
    if (in->dims[d] != idx->dims[d]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "batch dimension %d is %ld in input 0 but %ld in "
                            "input 1",
                            (int)d, (long)in->dims[d], (long)idx->dims[d]);
    }
  }
  *batch_dims = b;
  return MOTE_OK;
}

static mote_status_t gather_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, idx, out;
  gather_data_t *g;
  int32_t axis = 0, batch_dims = 0;
  int64_t at, value;
  void *mem;
  mote_status_t st;

  if ((st = mote_check_io_first(ctx, 2, 1, &in, &out)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &idx)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, GATHER_TYPES, "input 0")) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &idx, GATHER_INDEX_TYPES, "input 1")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = read_axes(ctx, &in, &idx, &axis, &batch_dims)) != MOTE_OK) {
    return st;
  }
  if (!shape_matches(&in, &idx, &out, axis, batch_dims)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) is not input 0 gathered "
                          "along axis %d",
                          (unsigned)out.index, (int)axis);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*g), &mem)) != MOTE_OK) {
    return st;
  }
  g = (gather_data_t *)mem;
  g->batches = product(in.dims, 0, batch_dims);
  g->outer = product(in.dims, batch_dims, axis);
  g->axis_size = in.dims[axis];
  g->coords = product(idx.dims, batch_dims, (int32_t)idx.rank);
  g->inner_bytes = (size_t)product(in.dims, axis + 1, (int32_t)in.rank) *
                   mote_type_size((mote_type_t)in.type);
  g->index_type = idx.type;
  g->checked = (idx.flags & MOTE_TENSOR_CONST) != 0;
  if (g->checked && (at = first_bad(g, idx.data, &value)) >= 0) {
    return fail_index(ctx, g, at, value);
  }
  mote_kctx_set_user_data(ctx, g);
  return MOTE_OK;
}

static mote_status_t gather_invoke(mote_kctx_t *ctx) {
  const gather_data_t *g = (const gather_data_t *)mote_kctx_user_data(ctx);
  const uint8_t *in = (const uint8_t *)mote_kctx_input_data(ctx, 0);
  const void *indices = mote_kctx_input_data(ctx, 1);
  uint8_t *out = (uint8_t *)mote_kctx_output_data(ctx, 0);
  const size_t batch_in = (size_t)g->outer * (size_t)g->axis_size;
  const size_t batch_out = (size_t)g->outer * (size_t)g->coords;
  mote_block_copy_t b;
  int64_t at, value;
  int32_t k, c;
  if (!g->checked && (at = first_bad(g, indices, &value)) >= 0) {
    return fail_index(ctx, g, at, value);
  }
  b.rows = g->outer;
  b.bytes = g->inner_bytes;
  b.src_step = (size_t)g->axis_size * g->inner_bytes;
  b.dst_step = (size_t)g->coords * g->inner_bytes;
  for (k = 0; k < g->batches && g->inner_bytes > 0 && g->outer > 0; ++k) {
    for (c = 0; c < g->coords; ++c) {
      const int64_t i = mote_index_load(indices, g->index_type,
                                        (uint32_t)(k * g->coords + c));
      mote_block_copy(
          &b, in + ((size_t)k * batch_in + (size_t)i) * g->inner_bytes,
          out + ((size_t)k * batch_out + (size_t)c) * g->inner_bytes);
    }
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_gather = {"GATHER", 7, gather_prepare,
                                          gather_invoke};
