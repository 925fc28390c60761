/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Prepare-time glue shared by CONV_2D and DEPTHWISE_CONV_2D.
 *
 * Everything here mirrors TFLM's conv_common.cc / depthwise_conv_common.cc
 * and TFLite's PopulateConvolutionQuantizationParams: output size from
 * ComputeOutSize, padding from ComputePaddingWithOffset, and per-channel
 * multipliers from input_scale * filter_scale / output_scale evaluated in
 * double (each float scale widened first), then QuantizeMultiplier.
 *
 * Where TFLM trusts the model (debug-only checks, zero points it ignores),
 * mote checks and refuses: an output shape that disagrees with the
 * options, asymmetric int8 filters, int16 activations with a zero point.
 * TFLM would compute something else for those; mote names the problem
 * instead.
 */
#include "kernels/conv_common.h"

#include <string.h>

#include "kernels/kernel_util.h"

static mote_status_t check_4d(mote_kctx_t *ctx, const mote_tensor_t *t,
                              const char *role) {
  if (t->flags & MOTE_TENSOR_ABSENT) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "%s is absent", role);
  }
  if (t->rank != 4) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s must be 4-D, has rank %u", role,
                          (unsigned)t->rank);
  }
  return MOTE_OK;
}

static mote_status_t get_tensors(mote_kctx_t *ctx, mote_conv_tensors_t *t) {
  const uint32_t inputs = mote_kctx_input_count(ctx);
  mote_status_t st;
  if (inputs != 2 && inputs != 3) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expected 2 or 3 inputs, got %u", inputs);
  }
  if (mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "expected 1 output, got %u",
                          mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &t->input)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &t->filter)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &t->output)) != MOTE_OK) {
    return st;
  }
  if (inputs == 3) {
    if ((st = mote_kctx_input(ctx, 2, &t->bias)) != MOTE_OK) {
      return st;
    }
  } else {
    memset(&t->bias, 0, sizeof(t->bias));
    t->bias.flags = MOTE_TENSOR_ABSENT;
  }
  if ((st = check_4d(ctx, &t->input, "input 0")) != MOTE_OK ||
      (st = check_4d(ctx, &t->filter, "input 1 (filter)")) != MOTE_OK ||
      (st = check_4d(ctx, &t->output, "output 0")) != MOTE_OK) {
    return st;
  }
  return MOTE_OK;
}

mote_status_t mote_conv_prepare_begin(mote_kctx_t *ctx, uint8_t options_type,
                                      unsigned act_field, mote_conv_opts_t *o,
                                      mote_conv_tensors_t *t,
                                      mote_conv_params_t *p) {
  mote_options_t opt;
  mote_status_t st;
  if ((st = mote_kctx_builtin_options(ctx, options_type, &opt)) != MOTE_OK ||
      (st = get_tensors(ctx, t)) != MOTE_OK) {
    return st;
  }
  o->padding = mote_options_u8(&opt, 0, MOTE_PADDING_SAME);
  o->stride_w = mote_options_i32(&opt, 1, 0);
  o->stride_h = mote_options_i32(&opt, 2, 0);
  o->activation = mote_options_u8(&opt, act_field, MOTE_ACT_NONE);
  o->dilation_w = mote_options_i32(&opt, act_field + 1u, 1);
  o->dilation_h = mote_options_i32(&opt, act_field + 2u, 1);

  memset(p, 0, sizeof(*p));
  p->batches = t->input.dims[0];
  p->in_h = t->input.dims[1];
  p->in_w = t->input.dims[2];
  p->in_c = t->input.dims[3];
  p->filter_h = t->filter.dims[1];
  p->filter_w = t->filter.dims[2];
  return MOTE_OK;
}

const mote_conv_op_t *mote_conv_invoke_data(mote_kctx_t *ctx,
                                            mote_conv_data_t *d) {
  const mote_conv_op_t *op = (const mote_conv_op_t *)mote_kctx_user_data(ctx);
  d->input = mote_kctx_input_data(ctx, 0);
  d->filter = mote_kctx_input_data(ctx, 1);
  d->bias = op->has_bias ? mote_kctx_input_data(ctx, 2) : NULL;
  d->output = mote_kctx_output_data(ctx, 0);
  return op;
}

static mote_status_t check_geometry(mote_kctx_t *ctx, const mote_conv_opts_t *o,
                                    const mote_tensor_t *out,
                                    mote_conv_params_t *p) {
  int32_t offset = 0;
  if (o->stride_w < 1 || o->stride_h < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "stride %d x %d (w x h) is invalid", (int)o->stride_w,
                          (int)o->stride_h);
  }
  if (o->dilation_w < 1 || o->dilation_h < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "dilation %d x %d (w x h) is invalid",
                          (int)o->dilation_w, (int)o->dilation_h);
  }
  if (o->padding != MOTE_PADDING_SAME && o->padding != MOTE_PADDING_VALID) {
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "padding %d is neither SAME nor VALID", o->padding);
  }
  p->stride_w = o->stride_w;
  p->stride_h = o->stride_h;
  p->dilation_w = o->dilation_w;
  p->dilation_h = o->dilation_h;
  p->out_h = mote_conv_out_size(o->padding, p->in_h, p->filter_h, o->stride_h,
                                o->dilation_h);
  p->out_w = mote_conv_out_size(o->padding, p->in_w, p->filter_w, o->stride_w,
                                o->dilation_w);
  if (p->out_h < 1 || p->out_w < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "filter %dx%d (dilation %dx%d, stride %dx%d) gives "
                          "no output for input %dx%d with %s padding",
                          (int)p->filter_h, (int)p->filter_w,
                          (int)o->dilation_h, (int)o->dilation_w,
                          (int)o->stride_h, (int)o->stride_w, (int)p->in_h,
                          (int)p->in_w,
                          o->padding == MOTE_PADDING_SAME ? "SAME" : "VALID");
  }
  if (out->dims[0] != p->batches || out->dims[1] != p->out_h ||
      out->dims[2] != p->out_w || out->dims[3] != p->out_c) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 is [%d,%d,%d,%d], expected [%d,%d,%d,%d]",
                          (int)out->dims[0], (int)out->dims[1],
                          (int)out->dims[2], (int)out->dims[3], (int)p->batches,
                          (int)p->out_h, (int)p->out_w, (int)p->out_c);
  }
  p->pad_h = mote_conv_padding(o->stride_h, o->dilation_h, p->in_h, p->filter_h,
                               p->out_h, &offset);
  p->pad_w = mote_conv_padding(o->stride_w, o->dilation_w, p->in_w, p->filter_w,
                               p->out_w, &offset);
  return MOTE_OK;
}

static mote_status_t check_types(mote_kctx_t *ctx, const mote_conv_tensors_t *t,
                                 bool s16_bias32) {
  const mote_type_t type = (mote_type_t)t->input.type;
  const mote_type_t ftype = (mote_type_t)t->filter.type;
  const mote_type_t btype = (mote_type_t)t->bias.type;
  const bool has_bias = !(t->bias.flags & MOTE_TENSOR_ABSENT);
  mote_status_t st;
  if ((st = mote_check_type(ctx, &t->output, type, "output 0")) != MOTE_OK) {
    return st;
  }
  switch (type) {
  case MOTE_TYPE_FLOAT32:
    st =
        mote_check_type(ctx, &t->filter, MOTE_TYPE_FLOAT32, "input 1 (filter)");
    if (st == MOTE_OK && has_bias) {
      st = mote_check_type(ctx, &t->bias, MOTE_TYPE_FLOAT32, "input 2 (bias)");
    }
    return st;
  case MOTE_TYPE_INT8:
    if (ftype == MOTE_TYPE_INT4) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                            "input 1 (filter) is int4: register "
                            "mote_kernel_%s_int4",
                            s16_bias32 ? "conv_2d" : "depthwise_conv_2d");
    }
    st = mote_check_type(ctx, &t->filter, MOTE_TYPE_INT8, "input 1 (filter)");
    if (st == MOTE_OK && has_bias) {
      st = mote_check_type(ctx, &t->bias, MOTE_TYPE_INT32, "input 2 (bias)");
    }
    return st;
  case MOTE_TYPE_INT16:
    st = mote_check_type(ctx, &t->filter, MOTE_TYPE_INT8, "input 1 (filter)");
    if (st != MOTE_OK || !has_bias || btype == MOTE_TYPE_INT64 ||
        (s16_bias32 && btype == MOTE_TYPE_INT32)) {
      return st;
    }
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 2 (bias) has type %s, expected int64%s",
                          mote_type_name(btype), s16_bias32 ? " or int32" : "");
  default:
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; supported: float32, int8, "
                          "int16",
                          mote_type_name(type));
  }
}

/* Multipliers and shifts into persistent memory, one entry per output
 * channel, or one when the filter has one scale (see conv_common.h): the
 * real rescale in double, each float scale widened first, as TFLite's
 * PopulateConvolutionQuantizationParams. */
static mote_status_t store_multipliers(mote_kctx_t *ctx,
                                       const mote_conv_tensors_t *t,
                                       mote_conv_op_t *op) {
  const mote_tensor_t *in = &t->input, *f = &t->filter, *out = &t->output;
  const int32_t nq = f->quant_count == 1 ? 1 : op->p.out_c;
  int32_t c;
  int32_t *mult;
  int8_t *shifts;
  void *mem;
  mote_status_t st = mote_kctx_alloc_persistent(
      ctx, (size_t)nq * (sizeof(int32_t) + sizeof(int8_t)), &mem);
  if (st != MOTE_OK) {
    return st;
  }
  mult = (int32_t *)mem;
  shifts = (int8_t *)(mult + nq);
  for (c = 0; c < nq; ++c) {
    const uint32_t q = (uint32_t)c;
    const float fs = mote_tensor_channel_scale(f, q);
    int shift = 0;
    if (mote_tensor_channel_zero_point(f, q) != 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "input 1 (filter) channel %d has zero point %d; "
                            "filters must be symmetric",
                            (int)c, (int)mote_tensor_channel_zero_point(f, q));
    }
    if (!(fs > 0.0f)) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "input 1 (filter) channel %d has no positive "
                            "scale",
                            (int)c);
    }
    mote_quantize_multiplier(
        (double)in->scale * (double)fs / (double)out->scale, &mult[c],
        &shift);
    /* The requantizers' shift ranges: beyond them TFLite's own arithmetic
     * is undefined, so there is no byte pattern to match (requant.h). */
    if (shift > (op->acc64 ? 14 : 30)) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "channel %d rescale 2^%d is too large", (int)c,
                            shift);
    }
    /* mote_quantize_multiplier never returns a shift below -31, so with
     * the check above it fits int8_t. */
    shifts[c] = (int8_t)shift;
  }
  op->p.rq.multiplier = mult;
  op->p.rq.shift = shifts;
  op->p.rq.per_channel = nq > 1;
  return MOTE_OK;
}

mote_status_t mote_conv_prepare_quant(mote_kctx_t *ctx, int activation,
                                     const mote_conv_tensors_t *t,
                                     int32_t quant_dim, const char *input_name,
                                     mote_conv_op_t *op) {
  const mote_tensor_t *in = &t->input, *f = &t->filter, *out = &t->output;
  const int32_t out_c = op->p.out_c;
  const uint32_t nscales = f->quant_count;
  mote_status_t st;
  if (!(in->scale > 0.0f) || !(out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "%s and output 0 need a positive scale",
                          input_name);
  }
  if (nscales != 1 && nscales != (uint32_t)out_c) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 1 (filter) has %u scales, expected 1 or %d",
                          nscales, (int)out_c);
  }
  if (nscales > 1 && f->quant_dim != quant_dim) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 1 (filter) is quantized along dimension "
                          "%d, expected %d",
                          (int)f->quant_dim, (int)quant_dim);
  }
  if (op->type == MOTE_TYPE_INT16 &&
      (in->zero_point != 0 || out->zero_point != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 %s / output 0 need zero point 0, have %d / "
                          "%d",
                          input_name, (int)in->zero_point,
                          (int)out->zero_point);
  }
  if ((st = store_multipliers(ctx, t, op)) != MOTE_OK) {
    return st;
  }
  st = mote_act_range_quant(activation, (mote_type_t)op->type, out->scale,
                            out->zero_point, &op->p.rq.act_min,
                            &op->p.rq.act_max);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st,
                          "fused activation %d not supported for %s output",
                          activation, mote_type_name((mote_type_t)op->type));
  }
  if (op->type == MOTE_TYPE_INT8) {
    op->p.input_offset = -in->zero_point;
    op->p.rq.output_offset = out->zero_point;
  }
  return MOTE_OK;
}

mote_status_t mote_conv_prepare_common(mote_kctx_t *ctx,
                                       const mote_conv_opts_t *opts,
                                       const mote_conv_tensors_t *t,
                                       int32_t quant_dim, bool s16_bias32,
                                       mote_conv_params_t *p,
                                       mote_conv_op_t **op_out) {
  const bool has_bias = !(t->bias.flags & MOTE_TENSOR_ABSENT);
  mote_conv_op_t *op;
  mote_status_t st;
  void *mem;
  if ((st = check_geometry(ctx, opts, &t->output, p)) != MOTE_OK ||
      (st = check_types(ctx, t, s16_bias32)) != MOTE_OK) {
    return st;
  }
  if (has_bias && mote_tensor_elements(&t->bias) != p->out_c) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 2 (bias) has %d elements, expected %d",
                          (int)mote_tensor_elements(&t->bias), (int)p->out_c);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (mote_conv_op_t *)mem;
  op->scratch = -1;
  op->ring = -1;
  op->ring_rows = 0;
  op->rel = 0;
  op->type = t->input.type;
  op->has_bias = has_bias;
  op->bias_type = has_bias ? t->bias.type : (uint8_t)MOTE_TYPE_INT32;
  /* TFLM's int16 CONV_2D picks its accumulator from the bias type (32 bits
   * when there is none); DEPTHWISE_CONV_2D always uses 64 bits. */
  op->acc64 = op->type == MOTE_TYPE_INT16 &&
              (has_bias ? op->bias_type == MOTE_TYPE_INT64 : !s16_bias32);
  op->p = *p;
  if (op->type == MOTE_TYPE_FLOAT32) {
    st = mote_act_range_f32(opts->activation, &op->p.act_min_f,
                            &op->p.act_max_f);
    if (st != MOTE_OK) {
      return mote_kctx_fail(ctx, st,
                            "fused activation %d not supported for float32",
                            opts->activation);
    }
  } else if ((st = mote_conv_prepare_quant(ctx, opts->activation, t,
                                           quant_dim, "input 0", op)) !=
             MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  *op_out = op;
  return MOTE_OK;
}
