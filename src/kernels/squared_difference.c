/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SQUARED_DIFFERENCE glue: (in1 - in2)^2 with broadcasting, TFLite
 * Micro's semantics (squared_difference.h computes); the prepare checks,
 * op data and invoke are ADD's and SUB's (binary_common.h).
 *
 * As in TFLM: float32, int32, int8 and int16, no fused activation. int8
 * and int16 rescale as SUB does with left shifts 7 and 0 and an output
 * multiplier of (2 max(s1, s2))^2 / (2^(2 left_shift) s_out), clamped to
 * the type; int16 needs zero points 0. TFLM broadcasts up to 4-D; mote up
 * to MOTE_MAX_DIMS.
 */
#include "kernels/squared_difference.h"

#include "kernels/binary_common.h"
#include "mote/ops.h"

#define SQDIFF_TYPES                                                           \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT16) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT32))

static mote_status_t sqdiff_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in1, in2, out;
  void *mem = NULL;
  mote_status_t st = mote_bcast_prepare(
      ctx, 76 /* SquaredDifferenceOptions */, NULL, SQDIFF_TYPES,
      "SQUARED_DIFFERENCE supports int8, int16, float32 and int32",
      sizeof(mote_addsub_op_t), &mem, &in1, &in2, &out);
  mote_addsub_op_t *op = (mote_addsub_op_t *)mem;
  if (st != MOTE_OK) {
    return st;
  }
  if (out.type == MOTE_TYPE_INT16 &&
      (in1.zero_point != 0 || in2.zero_point != 0 || out.zero_point != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 inputs and output need zero points 0");
  }
  if ((out.type == MOTE_TYPE_INT8 || out.type == MOTE_TYPE_INT16) &&
      (st = mote_scaled_diff_prepare_quant(ctx, op, &in1, &in2, &out,
                                           out.type == MOTE_TYPE_INT8 ? 7 : 0,
                                           true, MOTE_ACT_NONE)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static const mote_addsub_fns_t sqdiff_fns = {
    mote_squared_difference(s8), mote_squared_difference(s16),
    mote_squared_difference(f32), mote_squared_difference(s32)};

static mote_status_t sqdiff_invoke(mote_kctx_t *ctx) {
  return mote_addsub_invoke(ctx, &sqdiff_fns);
}

const mote_kernel_t mote_kernel_squared_difference = {
    "SQUARED_DIFFERENCE", 2, sqdiff_prepare, sqdiff_invoke};
