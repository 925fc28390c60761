/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The prepare step shared by AVERAGE_POOL_2D and MAX_POOL_2D.
 *
 * As TFLM: padding comes from the input size, filter and stride alone
 * (ComputePaddingHeightWidth with dilation 1; only the leading half is
 * used, the odd extra row or column falls off the end), the activation
 * range from the output's quantization, and integer inputs must carry the
 * output's scale (within 1e-6) and zero point because pooling never
 * rescales. TFLM takes the output shape from the model without checking
 * it; here it must equal the shape the padding rule gives, so every
 * window holds at least one input element.
 */
#include "kernels/pool_common.h"

#include <math.h>

#include "kernels/kernel_util.h"

/* Pool2DOptions: BuiltinOptions union index and field numbers. */
#define POOL_OPTIONS 5
#define POOL_OPT_PADDING 0
#define POOL_OPT_STRIDE_W 1
#define POOL_OPT_STRIDE_H 2
#define POOL_OPT_FILTER_W 3
#define POOL_OPT_FILTER_H 4
#define POOL_OPT_ACTIVATION 5

static mote_status_t check_tensors(mote_kctx_t *ctx, const mote_tensor_t *in,
                                   const mote_tensor_t *out) {
  mote_status_t st;
  if (in->type != MOTE_TYPE_FLOAT32 && in->type != MOTE_TYPE_INT8 &&
      in->type != MOTE_TYPE_INT16) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; pooling supports float32, "
                          "int8 and int16",
                          mote_type_name((mote_type_t)in->type));
  }
  st = mote_check_type(ctx, out, (mote_type_t)in->type, "output 0");
  if (st != MOTE_OK) {
    return st;
  }
  if (in->rank != 4 || out->rank != 4) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 and output 0 must be 4-D NHWC, have "
                          "rank %d and %d",
                          (int)in->rank, (int)out->rank);
  }
  if (in->dims[0] != out->dims[0] || in->dims[3] != out->dims[3]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 is %ldx?x?x%ld, input 0 is %ldx?x?x%ld",
                          (long)out->dims[0], (long)out->dims[3],
                          (long)in->dims[0], (long)in->dims[3]);
  }
  if (in->type != MOTE_TYPE_FLOAT32 &&
      (fabs((double)in->scale - (double)out->scale) > 1.0e-6 ||
       in->zero_point != out->zero_point)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 and output 0 are quantized differently "
                          "(zero points %ld and %ld)",
                          (long)in->zero_point, (long)out->zero_point);
  }
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx, mote_pool_params_t *p,
                             uint8_t *type) {
  mote_tensor_t in, out;
  mote_options_t opt;
  int32_t want_h, want_w, unused_offset;
  int padding, act;
  mote_status_t st;

  if ((st = mote_check_io_count(ctx, 1, 1)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, POOL_OPTIONS, &opt)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if ((st = check_tensors(ctx, &in, &out)) != MOTE_OK) {
    return st;
  }
  *type = in.type;
  padding = (int)mote_options_u8(&opt, POOL_OPT_PADDING, 0);
  p->stride_w = mote_options_i32(&opt, POOL_OPT_STRIDE_W, 0);
  p->stride_h = mote_options_i32(&opt, POOL_OPT_STRIDE_H, 0);
  p->filter_w = mote_options_i32(&opt, POOL_OPT_FILTER_W, 0);
  p->filter_h = mote_options_i32(&opt, POOL_OPT_FILTER_H, 0);
  act = (int)mote_options_u8(&opt, POOL_OPT_ACTIVATION, 0);
  if (p->stride_w <= 0 || p->stride_h <= 0 || p->filter_w <= 0 ||
      p->filter_h <= 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "stride %ldx%ld and filter %ldx%ld must be positive",
                          (long)p->stride_h, (long)p->stride_w,
                          (long)p->filter_h, (long)p->filter_w);
  }
  if (padding != MOTE_PADDING_SAME && padding != MOTE_PADDING_VALID) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED, "padding %d unknown",
                          padding);
  }

  p->batches = in.dims[0];
  p->in_h = in.dims[1];
  p->in_w = in.dims[2];
  p->depth = in.dims[3];
  p->out_h = out.dims[1];
  p->out_w = out.dims[2];
  want_h = mote_conv_out_size(padding, p->in_h, p->filter_h, p->stride_h, 1);
  want_w = mote_conv_out_size(padding, p->in_w, p->filter_w, p->stride_w, 1);
  if (want_h <= 0 || want_w <= 0 || want_h != p->out_h ||
      want_w != p->out_w) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 is %ldx%ld, %s padding gives %ldx%ld",
                          (long)p->out_h, (long)p->out_w,
                          padding == MOTE_PADDING_SAME ? "SAME" : "VALID",
                          (long)want_h, (long)want_w);
  }
  p->pad_h = mote_conv_padding(p->stride_h, 1, p->in_h, p->filter_h,
                               p->out_h, &unused_offset);
  p->pad_w = mote_conv_padding(p->stride_w, 1, p->in_w, p->filter_w,
                               p->out_w, &unused_offset);
  /* An output with depth 0 holds nothing, but the loops would still walk
   * every one of its (up to 2^31) pixels: no batches skips them at once. */
  if (out.bytes == 0) {
    p->batches = 0;
  }

  if (in.type == MOTE_TYPE_FLOAT32) {
    st = mote_act_range_f32(act, &p->act_min_f, &p->act_max_f);
  } else {
    st = mote_act_range_quant(act, (mote_type_t)out.type, out.scale,
                              out.zero_point, &p->act_min, &p->act_max);
  }
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "fused activation %d not supported", act);
  }
  return MOTE_OK;
}

mote_status_t mote_pool_prepare(mote_kctx_t *ctx, mote_pool_op_t **op) {
  void *mem;
  mote_status_t st =
      mote_kctx_alloc_persistent(ctx, sizeof(mote_pool_op_t), &mem);
  *op = NULL;
  if (st != MOTE_OK) {
    return st;
  }
  *op = (mote_pool_op_t *)mem;
  (*op)->scratch = -1;
  st = prepare(ctx, &(*op)->p, &(*op)->type);
  if (st != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, mem);
  return MOTE_OK;
}
