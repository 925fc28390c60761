/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SUB glue: element-wise difference with broadcasting and a fused
 * activation, TFLite Micro's semantics; the compute functions are sub.h's.
 *
 * TFLM's SUB is ADD's prepare with a difference: int8 and int16 take the
 * general rescaling path (left_shift 20 and 15, pot_scale_int16 read but
 * unused), float32 clamps to the activation range, and int32 wraps and,
 * unlike ADD, clamps to the activation's integer range and accepts
 * quantized inputs (TFLM never looks at their quantization). The shared
 * prepare and op data are binary_common.h's.
 */
#include "kernels/sub.h"

#include "kernels/binary_common.h"
#include "mote/ops.h"

/* SUB's BuiltinOptions union index (SubOptions). */
#define SUB_OPTIONS 28

#define SUB_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT16) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT32))

static mote_status_t sub_prepare(mote_kctx_t *ctx) {
  return mote_addsub_prepare(ctx, SUB_OPTIONS, SUB_TYPES,
                             "SUB supports int8, int16, float32 and int32",
                             true);
}

static const mote_addsub_fns_t sub_fns = {mote_sub_s8, mote_sub_s16,
                                          mote_sub_f32, mote_sub_s32};

static mote_status_t sub_invoke(mote_kctx_t *ctx) {
  return mote_addsub_invoke(ctx, &sub_fns);
}

/* Versions: 2 int8, 3 int16 / broadcasting beyond 4-D, 5 int16 with
 * pot_scale_int16 false; 4 (int64) is not implemented but TFLM has no
 * int64 SUB either. */
const mote_kernel_t mote_kernel_sub = {"SUB", 5, sub_prepare, sub_invoke};
