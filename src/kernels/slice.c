/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SLICE glue: the block of input 0 that starts at `begin` (input 1) and
 * has `size` (input 2) elements per dimension, a size of -1 meaning "to
 * the end". It is a STRIDED_SLICE with unit strides and no masks, so
 * prepare plans it with STRIDED_SLICE's planner and invoke runs
 * STRIDED_SLICE's compute function (strided_slice.h).
 *
 * As in TFLite Micro: begin and size are int32 or int64 (the same type),
 * one entry per input dimension; each begin is in [0, dim] and each size
 * in [0, dim - begin] or -1; float32, int8, int16, int32 and bool are
 * copied. TFLM reads begin and size at every invoke, so a graph may
 * compute them: constant ones are checked and planned at prepare, others
 * read, checked and planned at every invoke, where a misfit fails before
 * any byte is written. TFLM checks only the output's element count; mote
 * requires the output's shape to be the slice's. Ranks up to
 * MOTE_MAX_DIMS (TFLM: 5).
 */
#include <string.h>

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "kernels/strided_slice.h"

#include "mote/ops.h"

#define SLICE_TYPES                                                            \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT16) | MOTE_TYPE_BIT(MOTE_TYPE_INT32) |           \
   MOTE_TYPE_BIT(MOTE_TYPE_BOOL))

#define INDEX_TYPES                                                            \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT64))

/* What invoke needs when begin or size is a model input. */
typedef struct slice_dyn {
  int32_t in_dims[MOTE_MAX_DIMS];
  int32_t out_dims[MOTE_MAX_DIMS];
  uint8_t rank;       /* of input 0 and output 0 */
  uint8_t index_type; /* of begin and size */
} slice_dyn_t;

typedef struct slice_op {
  mote_strided_slice_params_t p; /* first: STRIDED_SLICE's op data */
  const slice_dyn_t *dyn;        /* NULL when begin and size are constant */
} slice_op_t;

/* begin and size (`type`, at bdata / sdata) into spec->begin / spec->end
 * (begin + resolved size), each checked against the input's dims. */
static mote_status_t read_spec(mote_kctx_t *ctx, const void *bdata,
                               const void *sdata, uint8_t type,
                               const int32_t *dims, uint8_t rank,
                               mote_strided_slice_spec_t *spec) {
  uint32_t d;
  memset(spec, 0, sizeof(*spec));
  spec->count = rank;
  for (d = 0; d < rank; ++d) {
    const int64_t begin = mote_index_load(bdata, type, d);
    const int64_t size = mote_index_load(sdata, type, d);
    const int64_t left = (int64_t)dims[d] - begin;
    if (begin < 0 || left < 0 || size < -1 || size > left) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "begin %ld, size %ld of dimension %u is outside "
                            "input 0's %ld",
                            (long)begin, (long)size, (unsigned)d,
                            (long)dims[d]);
    }
    spec->begin[d] = (int32_t)begin;
    spec->end[d] = (int32_t)(size == -1 ? dims[d] : begin + size);
    spec->strides[d] = 1;
  }
  return MOTE_OK;
}

/* Keeps what invoke needs to plan a begin or size that is a model input. */
static mote_status_t prepare_dyn(mote_kctx_t *ctx, const mote_tensor_t *in,
                                 const mote_tensor_t *out, uint8_t type) {
  slice_op_t *op;
  slice_dyn_t *dyn;
  void *mem, *dmem;
  mote_status_t st;
  if (out->rank != in->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "slice has rank %d, output 0 has rank %d",
                          (int)in->rank, (int)out->rank);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*dyn), &dmem)) != MOTE_OK) {
    return st;
  }
  op = (slice_op_t *)mem;
  dyn = (slice_dyn_t *)dmem;
  memcpy(dyn->in_dims, in->dims, sizeof dyn->in_dims);
  memcpy(dyn->out_dims, out->dims, sizeof dyn->out_dims);
  dyn->rank = in->rank;
  dyn->index_type = type;
  op->p.elem_size = mote_type_size((mote_type_t)in->type);
  op->dyn = dyn;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t slice_prepare(mote_kctx_t *ctx) {
  mote_strided_slice_spec_t spec;
  mote_tensor_t in, out, b, s;
  mote_status_t st;

  if ((st = mote_check_io_first(ctx, 3, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, SLICE_TYPES, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = mote_index_operand(ctx, 1, "begin", INDEX_TYPES, &b)) != MOTE_OK ||
      (st = mote_index_operand(ctx, 2, "size", INDEX_TYPES, &s)) != MOTE_OK) {
    return st;
  }
  if (b.type != s.type || b.rank != 1 || s.rank != 1 ||
      b.dims[0] != (int32_t)in.rank || s.dims[0] != (int32_t)in.rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "begin (tensor %u) and size (tensor %u) must be "
                          "vectors of one type with %d entries, the rank of "
                          "input 0",
                          (unsigned)b.index, (unsigned)s.index, (int)in.rank);
  }
  if (((b.flags & s.flags) & MOTE_TENSOR_CONST) == 0) {
    return prepare_dyn(ctx, &in, &out, b.type);
  }
  if ((st = read_spec(ctx, b.data, s.data, b.type, in.dims, in.rank, &spec)) !=
          MOTE_OK ||
      (st = mote_strided_slice_prepare_walk(ctx, &spec, &in, &out,
                                            sizeof(slice_op_t))) != MOTE_OK) {
    return st;
  }
  ((slice_op_t *)mote_kctx_user_data(ctx))->dyn = NULL;
  return MOTE_OK;
}

/* Plans *p from begin and size read now, against the output's shape. */
static mote_status_t plan_now(mote_kctx_t *ctx, const slice_dyn_t *dyn,
                              mote_strided_slice_params_t *p) {
  mote_strided_slice_spec_t spec;
  int32_t dims[MOTE_MAX_DIMS];
  uint8_t rank = 0;
  const char *reason = "";
  int d;
  mote_status_t st =
      read_spec(ctx, mote_kctx_input_data(ctx, 1), mote_kctx_input_data(ctx, 2),
                dyn->index_type, dyn->in_dims, dyn->rank, &spec);
  if (st != MOTE_OK) {
    return st;
  }
  if ((st = mote_strided_slice_plan(&spec, dyn->in_dims, dyn->rank, p, dims,
                                    &rank, &reason)) != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "%s", reason);
  }
  for (d = 0; d < (int)rank; ++d) {
    if (dims[d] != dyn->out_dims[d]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "begin input 1 %ld and size input 2 give dim %d "
                            "%ld long, output 0 has %ld",
                            (long)spec.begin[d], d, (long)dims[d],
                            (long)dyn->out_dims[d]);
    }
  }
  return MOTE_OK;
}

static mote_status_t slice_invoke(mote_kctx_t *ctx) {
  const slice_op_t *op = (const slice_op_t *)mote_kctx_user_data(ctx);
  mote_strided_slice_params_t now;
  mote_status_t st;
  if (op->dyn == NULL) {
    return mote_strided_slice_invoke(ctx);
  }
  if ((st = plan_now(ctx, op->dyn, &now)) != MOTE_OK) {
    return st;
  }
  now.elem_size = op->p.elem_size;
  mote_strided_slice(&now, mote_kctx_input_data(ctx, 0),
                     mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_slice = {"SLICE", 6, slice_prepare,
                                         slice_invoke};
