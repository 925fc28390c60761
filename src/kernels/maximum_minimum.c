/*
 * MAXIMUM and MINIMUM: element-wise larger / smaller of two tensors with
 * broadcasting, for float32, int8, int16, int32 and int64.
 *
 * As TFLM: max is `a > b ? a : b`, min `a < b ? a : b`, so with a NaN
 * operand the second one is returned; quantization parameters are not
 * looked at (they must be equal for the result to mean anything, and
 * TFLM does not check them either).
 */
#include "kernels/maximum_minimum.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define MM_WALK(T, OP)                                                         \
  do {                                                                         \
    const T *x_ = (const T *)in1;                                              \
    const T *y_ = (const T *)in2;                                              \
    T *o_ = (T *)out;                                                          \
    const int32_t rows_ = mote_bcast_rows(b);                                  \
    const int32_t n_ = b->dims[MOTE_MAX_DIMS - 1];                             \
    const int32_t s1_ = b->stride1[MOTE_MAX_DIMS - 1];                         \
    const int32_t s2_ = b->stride2[MOTE_MAX_DIMS - 1];                         \
    mote_bcast_iter_t it_;                                                     \
    int32_t r_, i_;                                                            \
    mote_bcast_begin(&it_);                                                    \
    for (r_ = 0; r_ < rows_; ++r_) {                                           \
      const T *a_ = x_ + it_.off1;                                             \
      const T *c_ = y_ + it_.off2;                                             \
      for (i_ = 0; i_ < n_; ++i_) {                                            \
        const T u_ = a_[i_ * s1_];                                             \
        const T v_ = c_[i_ * s2_];                                             \
        *o_++ = u_ OP v_ ? u_ : v_;                                            \
      }                                                                        \
      mote_bcast_step(b, &it_);                                                \
    }                                                                          \
  } while (0)

#define MM_TYPED(T)                                                            \
  do {                                                                         \
    if (is_max) {                                                              \
      MM_WALK(T, >);                                                           \
    } else {                                                                   \
      MM_WALK(T, <);                                                           \
    }                                                                          \
  } while (0)

void mote_maximum_minimum(bool is_max, mote_type_t type, const mote_bcast_t *b,
                          const void *in1, const void *in2, void *out) {
  switch (type) {
  case MOTE_TYPE_FLOAT32:
    MM_TYPED(float);
    break;
  case MOTE_TYPE_INT8:
    MM_TYPED(int8_t);
    break;
  case MOTE_TYPE_INT16:
    MM_TYPED(int16_t);
    break;
  case MOTE_TYPE_INT32:
    MM_TYPED(int32_t);
    break;
  default: /* int64 */
    MM_TYPED(int64_t);
    break;
  }
}

static mote_status_t mm_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in1, in2, out;
  mote_bcast_t bcast;
  int bad;
  mote_status_t st;
  if (mote_kctx_input_count(ctx) != 2 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expects 2 inputs and 1 output, has %u and %u",
                          (unsigned)mote_kctx_input_count(ctx),
                          (unsigned)mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &in1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &in2)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  switch (out.type) {
  case MOTE_TYPE_FLOAT32:
  case MOTE_TYPE_INT8:
  case MOTE_TYPE_INT16:
  case MOTE_TYPE_INT32:
  case MOTE_TYPE_INT64:
    break;
  default:
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "output 0 has type %s; supported: float32, int8, "
                          "int16, int32, int64",
                          mote_type_name((mote_type_t)out.type));
  }
  if ((st = mote_check_type(ctx, &in1, (mote_type_t)out.type, "input 0")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &in2, (mote_type_t)out.type, "input 1")) !=
          MOTE_OK) {
    return st;
  }
  if (mote_bcast_init(&bcast, in1.dims, in1.rank, in2.dims, in2.rank, out.dims,
                      out.rank, &bad) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "inputs of rank %d and %d do not broadcast to "
                          "output 0 of rank %d (dim %d)",
                          (int)in1.rank, (int)in2.rank, (int)out.rank, bad);
  }
  return MOTE_OK;
}

static mote_status_t mm_invoke(mote_kctx_t *ctx, bool is_max) {
  mote_tensor_t in1, in2, out;
  mote_bcast_t bcast;
  int bad;
  mote_status_t st;
  if ((st = mote_kctx_input(ctx, 0, &in1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &in2)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (mote_bcast_init(&bcast, in1.dims, in1.rank, in2.dims, in2.rank, out.dims,
                      out.rank, &bad) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "shapes changed since prepare (dim %d)", bad);
  }
  mote_maximum_minimum(is_max, (mote_type_t)out.type, &bcast, in1.data,
                       in2.data, out.data);
  return MOTE_OK;
}

static mote_status_t maximum_invoke(mote_kctx_t *ctx) {
  return mm_invoke(ctx, true);
}

static mote_status_t minimum_invoke(mote_kctx_t *ctx) {
  return mm_invoke(ctx, false);
}

/* Versions: 2 int8, 3 broadcasting beyond 4-D, 4 int16. */
const mote_kernel_t mote_kernel_maximum = {"MAXIMUM", 4, mm_prepare,
                                           maximum_invoke};
const mote_kernel_t mote_kernel_minimum = {"MINIMUM", 4, mm_prepare,
                                           minimum_invoke};
