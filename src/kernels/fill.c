/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FILL and ZEROS_LIKE glue: every output element one value, written by
 * the fill compute function (fill.h).
 *
 * FILL, as in TFLite Micro: input 0 holds the output's dimensions, a
 * constant vector (int8, int16, int32 or int64) equal to the output's
 * shape (TFLM refuses computed ones too), input 1 the value, a scalar of
 * the output's type (FILL_TYPES), constant or computed, read at invoke.
 *
 * ZEROS_LIKE, as in TFLite Micro: an output of input 0's type
 * (ZEROS_LIKE_TYPES) and element count, all zero. mote also requires the
 * same shape (TFLM checks the count only).
 */
#include "kernels/fill.h"

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"

#include "mote/ops.h"

#define FILL_TYPES                                                             \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT32))
#define ZEROS_LIKE_TYPES (FILL_TYPES | MOTE_TYPE_BIT(MOTE_TYPE_INT64))

#define DIMS_TYPES                                                             \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT16) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_INT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT64))

typedef struct fill_data {
  size_t esize;
  int32_t count;
} fill_data_t;

static mote_status_t keep(mote_kctx_t *ctx, const mote_tensor_t *out) {
  fill_data_t *f;
  void *mem;
  mote_status_t st = mote_kctx_alloc_persistent(ctx, sizeof(*f), &mem);
  if (st != MOTE_OK) {
    return st;
  }
  f = (fill_data_t *)mem;
  f->esize = mote_type_size((mote_type_t)out->type);
  f->count = mote_tensor_elements(out);
  mote_kctx_set_user_data(ctx, f);
  return MOTE_OK;
}

/* Element i of a constant int8 / int16 / int32 / int64 vector. */
static int64_t dim_at(const mote_tensor_t *t, uint32_t i) {
  const uint8_t *b = (const uint8_t *)t->data;
  if (t->type == MOTE_TYPE_INT8) {
    return (int8_t)b[i];
  }
  if (t->type == MOTE_TYPE_INT16) {
    return (int16_t)(uint16_t)(b[2 * i] | (b[2 * i + 1] << 8));
  }
  return mote_index_at(t, i);
}

/* The dims input (constant) against the output's shape. */
static mote_status_t check_dims(mote_kctx_t *ctx, mote_tensor_t *dims,
                                const mote_tensor_t *out) {
  uint32_t d;
  mote_status_t st = mote_index_input(ctx, 0, "dims", DIMS_TYPES, dims);
  if (st != MOTE_OK) {
    return st;
  }
  for (d = 0; dims->rank == 1 && dims->dims[0] == (int32_t)out->rank &&
              d < out->rank && dim_at(dims, d) == out->dims[d];
       ++d) {
  }
  if (dims->rank != 1 || d != out->rank || dims->dims[0] != (int32_t)d) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "dims input 0 (tensor %u) is not the shape of "
                          "output 0 (tensor %u)",
                          (unsigned)dims->index, (unsigned)out->index);
  }
  return MOTE_OK;
}

static mote_status_t fill_prepare(mote_kctx_t *ctx) {
  mote_tensor_t dims, value, out;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, &dims, &out)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &value)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &out, FILL_TYPES, "output 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &value, (mote_type_t)out.type,
                            "value input 1")) != MOTE_OK) {
    return st;
  }
  if (value.rank != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "value input 1 (tensor %u) has rank %d, expected a "
                          "scalar",
                          (unsigned)value.index, (int)value.rank);
  }
  if ((st = check_dims(ctx, &dims, &out)) != MOTE_OK) {
    return st;
  }
  return keep(ctx, &out);
}

static mote_status_t fill_invoke(mote_kctx_t *ctx) {
  const fill_data_t *f = (const fill_data_t *)mote_kctx_user_data(ctx);
  mote_fill(mote_kctx_output_data(ctx, 0), mote_kctx_input_data(ctx, 1),
            f->esize, f->count);
  return MOTE_OK;
}

static mote_status_t zeros_like_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  uint8_t d;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 1, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, ZEROS_LIKE_TYPES, "input 0")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  for (d = 0; d < in.rank && in.rank == out.rank; ++d) {
    if (in.dims[d] != out.dims[d]) {
      break;
    }
  }
  if (in.rank != out.rank || d != in.rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) does not have the shape of "
                          "input 0 (tensor %u)",
                          (unsigned)out.index, (unsigned)in.index);
  }
  return keep(ctx, &out);
}

static mote_status_t zeros_like_invoke(mote_kctx_t *ctx) {
  static const uint8_t zero[8] = {0};
  const fill_data_t *f = (const fill_data_t *)mote_kctx_user_data(ctx);
  mote_fill(mote_kctx_output_data(ctx, 0), zero, f->esize, f->count);
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_fill = {"FILL", 4, fill_prepare, fill_invoke};
const mote_kernel_t mote_kernel_zeros_like = {
    "ZEROS_LIKE", 1, zeros_like_prepare, zeros_like_invoke};
