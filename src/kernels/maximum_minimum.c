/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MAXIMUM and MINIMUM glue: element-wise larger / smaller of two tensors
 * with broadcasting, for float32, int8, int16, int32 and int64, TFLM's
 * semantics; the compute functions are maximum_minimum.h's. The op data
 * is the broadcast alone (binary_common.h); both ops share prepare and
 * differ only in the flag invoke passes.
 */
#include "kernels/maximum_minimum.h"

#include "kernels/binary_common.h"
#include "mote/ops.h"

#define MM_TYPES                                                               \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT16) | MOTE_TYPE_BIT(MOTE_TYPE_INT32) |           \
   MOTE_TYPE_BIT(MOTE_TYPE_INT64))

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
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_max_min_f32(is_max, &b, (const float *)in1, (const float *)in2,
                     (float *)out);
    break;
  case MOTE_TYPE_INT8:
    mote_max_min_s8(is_max, &b, (const int8_t *)in1, (const int8_t *)in2,
                    (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    mote_max_min_s16(is_max, &b, (const int16_t *)in1, (const int16_t *)in2,
                     (int16_t *)out);
    break;
  case MOTE_TYPE_INT32:
    mote_max_min_s32(is_max, &b, (const int32_t *)in1, (const int32_t *)in2,
                     (int32_t *)out);
    break;
  default: /* int64 */
    mote_max_min_s64(is_max, &b, (const int64_t *)in1, (const int64_t *)in2,
                     (int64_t *)out);
    break;
  }
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
