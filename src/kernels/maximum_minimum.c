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

#define MM_TYPES                                                               \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT16) | MOTE_TYPE_BIT(MOTE_TYPE_INT32) |           \
   MOTE_TYPE_BIT(MOTE_TYPE_INT64))

#define MM_MAX(u, v) ((u) > (v) ? (u) : (v))
#define MM_MIN(u, v) ((u) < (v) ? (u) : (v))

#define MM_TYPED(T)                                                            \
  do {                                                                         \
    const T *x_ = (const T *)in1;                                              \
    const T *y_ = (const T *)in2;                                              \
    T *o_ = (T *)out;                                                          \
    if (is_max) {                                                              \
      MOTE_BCAST_WALK(b, T, x_, y_, o_, MM_MAX, 0);                            \
    } else {                                                                   \
      MOTE_BCAST_WALK(b, T, x_, y_, o_, MM_MIN, 0);                            \
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
  void *op;
  mote_status_t st = mote_bcast_prepare(
      ctx, 0, NULL, MM_TYPES, "supported: float32, int8, int16, int32, int64",
      sizeof(mote_bcast_op_t), &op, &in1, &in2, &out);
  if (st == MOTE_OK) {
    mote_kctx_set_user_data(ctx, op);
  }
  return st;
}

static mote_status_t mm_invoke(mote_kctx_t *ctx, bool is_max) {
  mote_bcast_t b;
  const void *in1, *in2;
  void *out;
  const mote_bcast_op_t *op = mote_bcast_invoke_data(ctx, &b, &in1, &in2, &out);
  mote_maximum_minimum(is_max, (mote_type_t)op->type, &b, in1, in2, out);
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
