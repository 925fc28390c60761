/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Constant index operands (index_input.h).
 */
#include "kernels/index_input.h"

#include "kernels/kernel_util.h"

int64_t mote_index_load(const void *data, uint8_t type, uint32_t i) {
  const size_t width = type == MOTE_TYPE_INT64 ? 8u : 4u;
  const uint8_t *b = (const uint8_t *)data + width * i;
  uint64_t v = 0;
  size_t k;
  for (k = width; k > 0; --k) {
    v = (v << 8) | b[k - 1];
  }
  if (width == 4) {
    return (int64_t)(int32_t)(uint32_t)v;
  }
  return (int64_t)v;
}

int64_t mote_index_at(const mote_tensor_t *t, uint32_t i) {
  return mote_index_load(t->data, t->type, i);
}

mote_status_t mote_index_operand(mote_kctx_t *ctx, uint32_t input,
                                 const char *what, uint32_t types,
                                 mote_tensor_t *t) {
  mote_status_t st = mote_kctx_input(ctx, input, t);
  if (st != MOTE_OK) {
    return st;
  }
  if ((t->flags & MOTE_TENSOR_ABSENT) != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "%s input %u (tensor %u) is absent", what,
                          (unsigned)input, (unsigned)t->index);
  }
  if ((MOTE_TYPE_BIT(t->type) & types) == 0) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_UNSUPPORTED_TYPE, "%s input %u (tensor %u) has type %s%s",
        what, (unsigned)input, (unsigned)t->index,
        mote_type_name((mote_type_t)t->type),
        types == MOTE_TYPE_BIT(MOTE_TYPE_INT32) ? ", expected int32"
        : types == (MOTE_TYPE_BIT(MOTE_TYPE_INT32) |
                    MOTE_TYPE_BIT(MOTE_TYPE_INT64))
            ? ", expected int32 or int64"
            : ", expected an integer type");
  }
  return MOTE_OK;
}

mote_status_t mote_index_input(mote_kctx_t *ctx, uint32_t input,
                               const char *what, uint32_t types,
                               mote_tensor_t *t) {
  mote_status_t st = mote_index_operand(ctx, input, what, types, t);
  if (st == MOTE_OK && (t->flags & MOTE_TENSOR_CONST) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "%s input %u (tensor %u) is not constant", what,
                          (unsigned)input, (unsigned)t->index);
  }
  return st;
}

mote_status_t mote_axis_normalize(mote_kctx_t *ctx, const char *what,
                                  int64_t value, int32_t rank, int32_t *axis) {
  if (value < -(int64_t)rank || value >= (int64_t)rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s %ld is outside [-%d, %d) for rank %d", what,
                          (long)value, (int)rank, (int)rank, (int)rank);
  }
  *axis = (int32_t)(value < 0 ? value + rank : value);
  return MOTE_OK;
}

mote_status_t mote_axis_split(mote_kctx_t *ctx, const char *what, int64_t value,
                              int32_t rank, const int32_t *dims, int32_t *outer,
                              int32_t *size, int32_t *inner) {
  int32_t axis, d;
  const mote_status_t st = mote_axis_normalize(ctx, what, value, rank, &axis);
  if (st != MOTE_OK) {
    return st;
  }
  *outer = 1;
  *inner = 1;
  *size = dims[axis];
  for (d = 0; d < rank; ++d) {
    if (d < axis) {
      *outer *= dims[d];
    } else if (d > axis) {
      *inner *= dims[d];
    }
  }
  return MOTE_OK;
}

mote_status_t mote_axis_input(mote_kctx_t *ctx, uint32_t input, int32_t rank,
                              int32_t *axis) {
  mote_tensor_t a;
  mote_status_t st =
      mote_index_input(ctx, input, "axis", MOTE_TYPE_BIT(MOTE_TYPE_INT32), &a);
  if (st != MOTE_OK) {
    return st;
  }
  if (a.rank > 1 || mote_tensor_elements(&a) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "axis input %u (tensor %u) must hold one element",
                          (unsigned)input, (unsigned)a.index);
  }
  return mote_axis_normalize(ctx, "axis", mote_index_at(&a, 0), rank, axis);
}
