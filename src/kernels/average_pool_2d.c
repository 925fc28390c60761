/* SPDX-License-Identifier: Apache-2.0 */
/*
 * AVERAGE_POOL_2D glue: float32, int8 and int16, SAME / VALID padding, any
 * stride and filter size, fused activation (TFLite Micro reference
 * semantics). Prepare is the one MAX_POOL_2D shares (pool_common.c) plus
 * the bound implementation's scratch; invoke calls the compute function
 * of pooling.h for the type. The integer average needs no multiplier, so
 * there is nothing to precompute beyond the padding.
 */
#include "kernels/kernel_util.h"
#include "kernels/pool_common.h"
#include "mote/ops.h"

/* The bound implementation's scratch for this layer. */
static size_t scratch_bytes(const mote_pool_op_t *op) {
  switch (op->type) {
  case MOTE_TYPE_INT8:
    return mote_avg_pool_s8_scratch_bytes(&op->p);
  case MOTE_TYPE_INT16:
    return mote_avg_pool_s16_scratch_bytes(&op->p);
  default:
    return mote_avg_pool_f32_scratch_bytes(&op->p);
  }
}

static mote_status_t avg_pool_prepare(mote_kctx_t *ctx) {
  mote_pool_op_t *op;
  mote_status_t st = mote_pool_prepare(ctx, &op);
  if (st != MOTE_OK) {
    return st;
  }
  return mote_request_scratch_if(ctx, scratch_bytes(op), &op->scratch);
}

static mote_status_t avg_pool_invoke(mote_kctx_t *ctx) {
  const mote_pool_op_t *op = (const mote_pool_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  void *scratch = mote_scratch_if(ctx, op->scratch);
  switch (op->type) {
  case MOTE_TYPE_INT8:
    mote_avg_pool_s8(&op->p, (const int8_t *)in, (int8_t *)out, scratch);
    break;
  case MOTE_TYPE_INT16:
    mote_avg_pool_s16(&op->p, (const int16_t *)in, (int16_t *)out, scratch);
    break;
  default:
    mote_avg_pool_f32(&op->p, (const float *)in, (float *)out, scratch);
    break;
  }
  return MOTE_OK;
}

/* Versions: 1 float32, 2 int8, 3 int16. */
const mote_kernel_t mote_kernel_average_pool_2d = {
    "AVERAGE_POOL_2D", 3, avg_pool_prepare, avg_pool_invoke};
