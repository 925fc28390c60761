/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GATHER_ND glue: each innermost row of the indices (K entries) picks one
 * slice of the input, input[i0, .., iK-1, ...], and the slices are laid
 * out one after another: output shape indices.shape[:-1] +
 * input.shape[K:]. A slice is contiguous, so each is one block copy
 * (block_copy.h) and the glue only walks the indices.
 *
 * As in TFLite Micro: float32 and int8 inputs, int32 indices of rank 1 or
 * more, K at most the input's rank and at most 5. An index outside its
 * dimension fails, at prepare when the indices are constant and at invoke
 * otherwise, before any byte is written (TFLM reads outside the input).
 * The output's shape must be exactly the one above.
 */
#include "kernels/block_copy.h"
#include "kernels/index_input.h"
#include "kernels/kernel_util.h"

#include "mote/ops.h"

#define GATHER_ND_TYPES                                                        \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8))
#define GATHER_ND_MAX_K 5

typedef struct gather_nd_data {
  int32_t slices;                /* index rows */
  int32_t k;                     /* entries per index row */
  int32_t dims[GATHER_ND_MAX_K]; /* input dims indexed */
  size_t step[GATHER_ND_MAX_K];  /* bytes per unit of each index */
  size_t slice_bytes;            /* bytes per slice */
  uint8_t index_type;
  bool checked; /* constant indices, checked */
} gather_nd_data_t;

/* The first index outside its dimension (position into *at, value into
 * *value), or false when all are inside. */
static bool find_bad(const gather_nd_data_t *g, const void *indices,
                     int64_t *at, int64_t *value) {
  int32_t i, j;
  for (i = 0; i < g->slices; ++i) {
    for (j = 0; j < g->k; ++j) {
      *at = (int64_t)i * g->k + j;
      *value = mote_index_load(indices, g->index_type, (uint32_t)*at);
      if (*value < 0 || *value >= g->dims[j]) {
        return true;
      }
    }
  }
  return false;
}

static mote_status_t fail_index(mote_kctx_t *ctx, int64_t at, int64_t value) {
  return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                        "index %ld at position %ld of input 1 is outside its "
                        "dimension of input 0",
                        (long)value, (long)at);
}

/* The output's shape against indices.shape[:-1] + input.shape[k:]. */
static bool shape_matches(const mote_tensor_t *in, const mote_tensor_t *idx,
                          const mote_tensor_t *out, int32_t k) {
  int32_t n = 0, d;
  if ((int32_t)out->rank != (int32_t)idx->rank - 1 + (int32_t)in->rank - k) {
    return false;
  }
  for (d = 0; d + 1 < (int32_t)idx->rank; ++d) {
    if (out->dims[n++] != idx->dims[d]) {
      return false;
    }
  }
  for (d = k; d < (int32_t)in->rank; ++d) {
    if (out->dims[n++] != in->dims[d]) {
      return false;
    }
  }
  return true;
}

static mote_status_t check_operands(mote_kctx_t *ctx, mote_tensor_t *in,
                                    mote_tensor_t *idx, int32_t *k) {
  mote_tensor_t out;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, in, &out)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, idx)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, in, GATHER_ND_TYPES, "input 0")) !=
          MOTE_OK ||
      (st = mote_check_type_in(ctx, idx, MOTE_TYPE_BIT(MOTE_TYPE_INT32),
                               "input 1")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in->type, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  *k = idx->rank > 0 ? idx->dims[idx->rank - 1] : 0;
  if (in->rank < 1 || idx->rank < 1 || *k < 1 || *k > (int32_t)in->rank ||
      *k > GATHER_ND_MAX_K) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "indices input 1 (tensor %u) must have rank 1 or "
                          "more and rows of 1 to %d entries, at most the rank "
                          "of input 0 (%d)",
                          (unsigned)idx->index, GATHER_ND_MAX_K, (int)in->rank);
  }
  if (!shape_matches(in, idx, &out, *k)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) is not input 0 gathered by "
                          "rows of %d indices",
                          (unsigned)out.index, (int)*k);
  }
  return MOTE_OK;
}

static mote_status_t gather_nd_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, idx;
  gather_nd_data_t *g;
  int32_t k = 0, d;
  int64_t at, value;
  void *mem;
  size_t bytes;
  mote_status_t st = check_operands(ctx, &in, &idx, &k);
  if (st != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*g), &mem)) != MOTE_OK) {
    return st;
  }
  g = (gather_nd_data_t *)mem;
  g->k = k;
  g->slices = mote_tensor_elements(&idx) / k;
  g->index_type = idx.type;
  bytes = mote_type_size((mote_type_t)in.type);
  /* Index j steps over everything inside dimension j; the slice is
   * everything inside dimension k - 1. */
  for (d = (int32_t)in.rank - 1; d >= 0; --d) {
    if (d < k) {
      g->dims[d] = in.dims[d];
      g->step[d] = bytes;
    }
    bytes *= (size_t)in.dims[d];
  }
  g->slice_bytes = g->step[k - 1];
  g->checked = (idx.flags & MOTE_TENSOR_CONST) != 0;
  if (g->checked && find_bad(g, idx.data, &at, &value)) {
    return fail_index(ctx, at, value);
  }
  mote_kctx_set_user_data(ctx, g);
  return MOTE_OK;
}

static mote_status_t gather_nd_invoke(mote_kctx_t *ctx) {
  const gather_nd_data_t *g =
      (const gather_nd_data_t *)mote_kctx_user_data(ctx);
  const uint8_t *in = (const uint8_t *)mote_kctx_input_data(ctx, 0);
  const void *indices = mote_kctx_input_data(ctx, 1);
  uint8_t *out = (uint8_t *)mote_kctx_output_data(ctx, 0);
  const mote_block_copy_t b = {1, g->slice_bytes, 0, 0};
  int64_t at, value;
  int32_t i, j;
  if (!g->checked && find_bad(g, indices, &at, &value)) {
    return fail_index(ctx, at, value);
  }
  for (i = 0; i < g->slices && g->slice_bytes > 0; ++i) {
    size_t from = 0;
    for (j = 0; j < g->k; ++j) {
      from += (size_t)mote_index_load(indices, g->index_type,
                                      (uint32_t)(i * g->k + j)) *
              g->step[j];
    }
    mote_block_copy(&b, in + from, out + (size_t)i * g->slice_bytes);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_gather_nd = {"GATHER_ND", 4, gather_nd_prepare,
                                             gather_nd_invoke};
