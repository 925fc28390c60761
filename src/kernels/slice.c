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
 * compute them; mote reads them once at prepare and refuses them unless
 * they are constants (a converter always writes constants). TFLM checks
 * only the output's element count; mote requires the output's shape to
 * be the slice's. Ranks up to MOTE_MAX_DIMS (TFLM: 5).
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

/* begin and size into spec->begin / spec->end (begin + resolved size),
 * each checked against the input's dimensions. */
static mote_status_t read_spec(mote_kctx_t *ctx, const mote_tensor_t *in,
                               mote_strided_slice_spec_t *spec) {
  mote_tensor_t b, s;
  uint32_t d;
  mote_status_t st;
  if ((st = mote_index_input(ctx, 1, "begin", INDEX_TYPES, &b)) != MOTE_OK ||
      (st = mote_index_input(ctx, 2, "size", INDEX_TYPES, &s)) != MOTE_OK) {
    return st;
  }
  if (b.type != s.type || b.rank != 1 || s.rank != 1 ||
      b.dims[0] != (int32_t)in->rank || s.dims[0] != (int32_t)in->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "begin (tensor %u) and size (tensor %u) must be "
                          "vectors of one type with %d entries, the rank of "
                          "input 0",
                          (unsigned)b.index, (unsigned)s.index, (int)in->rank);
  }
  memset(spec, 0, sizeof(*spec));
  spec->count = in->rank;
  for (d = 0; d < in->rank; ++d) {
    const int64_t begin = mote_index_at(&b, d), size = mote_index_at(&s, d);
    const int64_t left = (int64_t)in->dims[d] - begin;
    if (begin < 0 || left < 0 || size < -1 || size > left) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "begin %ld, size %ld of dimension %u is outside "
                            "input 0's %ld",
                            (long)begin, (long)size, (unsigned)d,
                            (long)in->dims[d]);
    }
    spec->begin[d] = (int32_t)begin;
    spec->end[d] = (int32_t)(size == -1 ? in->dims[d] : begin + size);
    spec->strides[d] = 1;
  }
  return MOTE_OK;
}

static mote_status_t slice_prepare(mote_kctx_t *ctx) {
  mote_strided_slice_spec_t spec;
  mote_tensor_t in, out;
  mote_status_t st;

  if ((st = mote_check_io_first(ctx, 3, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, SLICE_TYPES, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = read_spec(ctx, &in, &spec)) != MOTE_OK) {
    return st;
  }
  return mote_strided_slice_prepare_walk(ctx, &spec, &in, &out);
}

const mote_kernel_t mote_kernel_slice = {"SLICE", 6, slice_prepare,
                                         mote_strided_slice_invoke};
