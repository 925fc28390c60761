/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD glue: element-wise sum with broadcasting and a fused activation,
 * TFLite Micro's semantics; the compute functions are add.h's.
 *
 *  - int8 and int16 take the general rescaling path with left_shift 20
 *    for int8 and 15 for int16, multipliers from the scales in double as
 *    TFLM's CalculateOpDataAdd. TFLM takes this path for int16 even when
 *    pot_scale_int16 is set, so the option is read but changes nothing,
 *    and int16 zero points need not be 0;
 *  - float32 sums and clamps to the activation range;
 *  - int32 requires unquantized inputs and wraps on overflow; TFLM ignores
 *    the fused activation for int32 and so does this kernel.
 * Broadcasting, the op data and the parameters rebuilt from it at invoke
 * are binary_common.h's, and so is the quantized prepare ADD shares with
 * SUB (the input rescales).
 */
#include "kernels/add.h"

#include "kernels/binary_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* ADD's BuiltinOptions union index (AddOptions). */
#define ADD_OPTIONS 11

#define ADD_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_INT8) | MOTE_TYPE_BIT(MOTE_TYPE_INT16) |            \
   MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT32))

static mote_status_t add_prepare(mote_kctx_t *ctx) {
  return mote_addsub_prepare(ctx, ADD_OPTIONS, ADD_TYPES,
                             "ADD supports int8, int16, float32 and int32",
                             false);
}

static const mote_addsub_fns_t add_fns = {mote_add_s8, mote_add_s16,
                                          mote_add_f32, mote_add_s32};

static mote_status_t add_invoke(mote_kctx_t *ctx) {
  return mote_addsub_invoke(ctx, &add_fns);
}

/* Version 3 is int16 with pot_scale_int16 false; 4 (int64) and 5
 * (unquantized int16) are not implemented. */
const mote_kernel_t mote_kernel_add = {"ADD", 3, add_prepare, add_invoke};
