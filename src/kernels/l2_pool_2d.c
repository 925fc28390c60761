/* SPDX-License-Identifier: Apache-2.0 */
/*
 * L2_POOL_2D glue: float32 only (TFLite Micro's one type), SAME / VALID
 * padding, any stride and filter, fused activation. Prepare is the pools'
 * (pool_common.c) once the input is known to be float32; invoke calls the
 * compute function of pooling.h.
 */
#include "kernels/kernel_util.h"
#include "kernels/pool_common.h"
#include "mote/ops.h"

static mote_status_t l2_pool_prepare(mote_kctx_t *ctx) {
  mote_pool_op_t *op;
  mote_tensor_t in;
  mote_status_t st;
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_check_type(ctx, &in, MOTE_TYPE_FLOAT32, "input 0")) !=
          MOTE_OK) {
    return st;
  }
  return mote_pool_prepare(ctx, &op);
}

static mote_status_t l2_pool_invoke(mote_kctx_t *ctx) {
  const mote_pool_op_t *op = (const mote_pool_op_t *)mote_kctx_user_data(ctx);
  mote_l2_pool_f32(&op->p, (const float *)mote_kctx_input_data(ctx, 0),
                   (float *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_l2_pool_2d = {"L2_POOL_2D", 1, l2_pool_prepare,
                                              l2_pool_invoke};
