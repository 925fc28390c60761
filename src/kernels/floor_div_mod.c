/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FLOOR_DIV and FLOOR_MOD glue: float32 alone (TFLM fails other types at
 * invoke), inputs and output of one type, different shapes through TFLM's
 * 4-D broadcast (refused beyond), the compute functions floor_div_mod.h's.
 * TFLM's FLOOR_DIV fails its invoke when any divisor is zero (either
 * sign); so does mote's. FLOOR_MOD checks nothing.
 */
#include "kernels/floor_div_mod.h"

#include "kernels/binary_common.h"
#include "mote/ops.h"

/* The op data: the broadcast, then the divisors' count (FLOOR_DIV checks
 * them all at invoke, which reads no tensor views). */
typedef struct floor_op {
  mote_bcast_op_t bc;
  int32_t divisors;
} floor_op_t;

static mote_status_t floor_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in1, in2, out;
  void *op;
  mote_status_t st =
      mote_bcast_prepare(ctx, 0, NULL, MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32),
                         "FLOOR_DIV and FLOOR_MOD support float32",
                         sizeof(floor_op_t), &op, &in1, &in2, &out);
  if (st != MOTE_OK ||
      (st = mote_bcast_check_4d(ctx, &in1, &in2, &out)) != MOTE_OK) {
    return st;
  }
  ((floor_op_t *)op)->divisors = mote_tensor_elements(&in2);
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t floor_div_invoke(mote_kctx_t *ctx) {
  mote_bcast_t b;
  const void *x, *y;
  void *out;
  const floor_op_t *op =
      (const floor_op_t *)mote_bcast_invoke_data(ctx, &b, &x, &y, &out);
  int32_t i;
  for (i = 0; i < op->divisors; ++i) {
    if (((const float *)y)[i] == 0.0f) {
      return mote_kctx_fail(ctx, MOTE_ERR_KERNEL,
                            "input 1 element %ld is zero: division by zero",
                            (long)i);
    }
  }
  mote_floor_div_f32(&b, (const float *)x, (const float *)y, (float *)out);
  return MOTE_OK;
}

static mote_status_t floor_mod_invoke(mote_kctx_t *ctx) {
  mote_bcast_t b;
  const void *x, *y;
  void *out;
  (void)mote_bcast_invoke_data(ctx, &b, &x, &y, &out);
  mote_floor_mod_f32(&b, (const float *)x, (const float *)y, (float *)out);
  return MOTE_OK;
}

/* TFLite's versions: FLOOR_DIV 2 float32, 3 int16; FLOOR_MOD 1. */
const mote_kernel_t mote_kernel_floor_div = {"FLOOR_DIV", 2, floor_prepare,
                                             floor_div_invoke};
const mote_kernel_t mote_kernel_floor_mod = {"FLOOR_MOD", 2, floor_prepare,
                                             floor_mod_invoke};
