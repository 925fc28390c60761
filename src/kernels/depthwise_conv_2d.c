/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DEPTHWISE_CONV_2D glue: TFLM's prepare (conv_common.c) and the compute
 * function of depthwise_conv_2d.h that the build binds, with whatever
 * scratch it asks for. The depth multiplier comes from the shapes (filter
 * channels / input channels), not from the options field: the shapes are
 * what the memory layout obeys, and a model whose option disagrees would
 * make TFLM read out of bounds.
 */
#include "kernels/depthwise_conv_2d.h"

#include <stddef.h>

#include "kernels/conv_common.h"
#include "mote/ops.h"
#ifdef MOTE_KERNEL_INT4
#include "kernels/int4.h"
#endif

/* The bound implementation's scratch for this layer. */
static size_t scratch_bytes(const mote_conv_op_t *op) {
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    return mote_depthwise_conv_2d_f32_scratch_bytes(&op->p);
  case MOTE_TYPE_INT8:
    return mote_depthwise_conv_2d_s8_scratch_bytes(&op->p);
  default:
    return mote_depthwise_conv_2d_s16_scratch_bytes(&op->p);
  }
}


static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_conv_tensors_t t;
  mote_conv_params_t p;
  mote_conv_opts_t o;
  mote_conv_op_t *op;
  mote_status_t st = mote_conv_prepare_begin(ctx, 2, 4, &o, &t, &p);
  if (st != MOTE_OK) {
    return st;
  }
#ifdef MOTE_KERNEL_INT4
  const bool int4 = t.filter.type == MOTE_TYPE_INT4;
  if (int4 && (st = mote_conv_int4_check(ctx, &t)) != MOTE_OK) {
    return st;
  }
#endif
  p.filter_c = 1;
  p.out_c = t.filter.dims[3];
  if (t.filter.dims[0] != 1 || p.in_c < 1 || p.out_c % p.in_c != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 1 (filter) [%d,%d,%d,%d] is not [1,h,w,k*%d] "
                          "for input 0 with %d channels",
                          (int)t.filter.dims[0], (int)p.filter_h,
                          (int)p.filter_w, (int)p.out_c, (int)p.in_c,
                          (int)p.in_c);
  }
  p.depth_multiplier = p.out_c / p.in_c;
  st = mote_conv_prepare_common(ctx, &o, &t, 3, false, &p, &op);
  if (st != MOTE_OK) {
    return st;
  }
#ifdef MOTE_KERNEL_INT4
  if (int4) {
    return mote_conv_int4_prepare(ctx, op, scratch_bytes(op));
  }
#endif
  st = mote_request_scratch_if(ctx, scratch_bytes(op), &op->scratch);
  return st == MOTE_OK ? mote_conv_request_inplace(ctx, op) : st;
}

static void call(const mote_conv_op_t *op, const mote_conv_params_t *p,
                 const void *input, void *output, const mote_conv_data_t *d,
                 void *scratch) {
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_depthwise_conv_2d_f32(p, (const float *)input,
                               (const float *)d->filter,
                               (const float *)d->bias, (float *)output,
                               scratch);
    break;
  case MOTE_TYPE_INT8:
    mote_depthwise_conv_2d_s8(p, (const int8_t *)input,
                              (const int8_t *)d->filter,
                              (const int32_t *)d->bias, (int8_t *)output,
                              scratch);
    break;
  default:
    mote_depthwise_conv_2d_s16(p, (const int16_t *)input,
                               (const int8_t *)d->filter,
                               (const int64_t *)d->bias, (int16_t *)output,
                               scratch);
    break;
  }
}

static mote_status_t invoke(mote_kctx_t *ctx) {
#ifdef MOTE_KERNEL_INT4
  return mote_conv_int4_invoke(ctx, call);
#else
  mote_conv_data_t d;
  const mote_conv_op_t *op = mote_conv_invoke_data(ctx, &d);
  mote_conv_run(ctx, op, &d, mote_scratch_if(ctx, op->scratch), call);
  return MOTE_OK;
#endif
}

/* Version 7 is int4 filters, which only the _int4 variant takes; 6 and 4 are
 * hybrid (float input, int8 filter), refused likewise; 5 is 16x8. */
#ifdef MOTE_KERNEL_INT4
const mote_kernel_t mote_kernel_depthwise_conv_2d_int4 = {
    "DEPTHWISE_CONV_2D", 7, prepare, invoke};
#else
const mote_kernel_t mote_kernel_depthwise_conv_2d = {"DEPTHWISE_CONV_2D", 7,
                                                     prepare, invoke};
#endif
