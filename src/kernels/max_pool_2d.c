/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MAX_POOL_2D glue: float32, int8 and int16, SAME / VALID padding, any
 * stride and filter size, fused activation (TFLite Micro reference
 * semantics). Prepare is the one AVERAGE_POOL_2D shares (pool_common.c);
 * invoke calls the compute function of pooling.h for the type. Max
 * pooling never rescales, which is why prepare insists on equal input and
 * output quantization.
 */
#include "kernels/pool_common.h"
#include "mote/ops.h"

static mote_status_t max_pool_prepare(mote_kctx_t *ctx) {
  mote_pool_op_t *op;
  return mote_pool_prepare(ctx, &op);
}

static mote_status_t max_pool_invoke(mote_kctx_t *ctx) {
  const mote_pool_op_t *op = (const mote_pool_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  switch (op->type) {
  case MOTE_TYPE_INT8:
    mote_max_pool_s8(&op->p, (const int8_t *)in, (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    mote_max_pool_s16(&op->p, (const int16_t *)in, (int16_t *)out);
    break;
  default:
    mote_max_pool_f32(&op->p, (const float *)in, (float *)out);
    break;
  }
  return MOTE_OK;
}

/* Versions: 1 float32, 2 int8, 3 int16. */
const mote_kernel_t mote_kernel_max_pool_2d = {
    "MAX_POOL_2D", 3, max_pool_prepare, max_pool_invoke};
