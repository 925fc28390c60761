/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TRANSPOSE_CONV glue, as TFLite Micro: input 0 the output shape (int32,
 * [4]), input 1 the filter [out_c, filter_h, filter_w, in_c], input 2 the
 * input [batches, in_h, in_w, in_c], input 3 an optional bias (absent, -1,
 * or left out). TransposeConvOptions: padding, stride_w, stride_h, fused
 * activation (newer converters; absent means none).
 *
 * Padding is TFLM's: that of the convolution this op transposes, a conv
 * from the output's size to the input's (ComputePaddingHeightWidth on the
 * output's height and width). TFLM never checks that the input has the
 * size that conv would give, nor the output shape input against the output
 * tensor; mote refuses both mismatches, naming them.
 *
 * Types: float32 (float bias); int8 with an int8 filter (per-tensor or per
 * output channel, symmetric) and an int32 bias; int16 activations with an
 * int8 filter and an int64 bias (TFLM's 16x8, 64-bit sums), or an int16
 * bias, which TFLM (and mote) widens into scratch at every invoke. The quantized
 * checks and multipliers are CONV_2D's (conv_common.c). The scratch holds
 * the accumulators of the whole output, as TFLM's.
 */
#include "kernels/transpose_conv.h"

#include <string.h>

#include "kernels/conv_common.h"
#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define TCONV_OPTIONS 49 /* BuiltinOptions_TransposeConvOptions */

typedef struct tconv_op {
  mote_conv_op_t c;
  int32_t bias_scratch; /* int16 bias widened to int64, or -1 */
} tconv_op_t;

static mote_status_t get_tensors(mote_kctx_t *ctx, mote_conv_tensors_t *t,
                                 mote_tensor_t *shape) {
  const uint32_t n = mote_kctx_input_count(ctx);
  mote_status_t st;
  if ((n != 3 && n != 4) || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expects 3 or 4 inputs and 1 output, has %u and %u",
                          (unsigned)n, (unsigned)mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, shape)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &t->filter)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 2, &t->input)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &t->output)) != MOTE_OK) {
    return st;
  }
  memset(&t->bias, 0, sizeof(t->bias));
  t->bias.flags = MOTE_TENSOR_ABSENT;
  if (n == 4 && (st = mote_kctx_input(ctx, 3, &t->bias)) != MOTE_OK) {
    return st;
  }
  if (t->input.rank != 4 || t->filter.rank != 4 || t->output.rank != 4 ||
      (t->filter.flags & MOTE_TENSOR_ABSENT) ||
      (t->input.flags & MOTE_TENSOR_ABSENT)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 2, filter input 1 and output 0 must be 4-D, "
                          "have ranks %u, %u and %u",
                          (unsigned)t->input.rank, (unsigned)t->filter.rank,
                          (unsigned)t->output.rank);
  }
  return MOTE_OK;
}

/* The output shape input: int32 [4]; when constant, the output's shape. */
static mote_status_t check_shape_input(mote_kctx_t *ctx,
                                       const mote_tensor_t *shape,
                                       const mote_tensor_t *out) {
  uint32_t d;
  if (shape->type != MOTE_TYPE_INT32 || shape->rank != 1 ||
      shape->dims[0] != 4) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output shape input 0 (tensor %u) must be int32 "
                          "[4]",
                          (unsigned)shape->index);
  }
  for (d = 0; (shape->flags & MOTE_TENSOR_CONST) && d < 4; ++d) {
    if (mote_index_at(shape, d) != out->dims[d]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output shape input 0 (tensor %u) is not the "
                            "shape of output 0 (tensor %u)",
                            (unsigned)shape->index, (unsigned)out->index);
    }
  }
  return MOTE_OK;
}

/* Options, geometry and padding into op->p; the shapes against each other. */
static mote_status_t geometry(mote_kctx_t *ctx, const mote_conv_tensors_t *t,
                              int *act, mote_conv_params_t *p) {
  mote_options_t opt;
  int32_t offset = 0, conv_h, conv_w;
  int padding;
  mote_status_t st = mote_kctx_builtin_options(ctx, TCONV_OPTIONS, &opt);
  if (st != MOTE_OK) {
    return st;
  }
  padding = mote_options_u8(&opt, 0, MOTE_PADDING_SAME);
  memset(p, 0, sizeof(*p));
  p->stride_w = mote_options_i32(&opt, 1, 0);
  p->stride_h = mote_options_i32(&opt, 2, 0);
  *act = mote_options_u8(&opt, 3, MOTE_ACT_NONE);
  p->dilation_h = p->dilation_w = 1;
  if (p->stride_w < 1 || p->stride_h < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "stride %d x %d (w x h) is invalid", (int)p->stride_w,
                          (int)p->stride_h);
  }
  if (padding != MOTE_PADDING_SAME && padding != MOTE_PADDING_VALID) {
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "padding %d is neither SAME nor VALID", padding);
  }
  p->batches = t->input.dims[0];
  p->in_h = t->input.dims[1];
  p->in_w = t->input.dims[2];
  p->in_c = p->filter_c = t->input.dims[3];
  p->out_c = t->filter.dims[0];
  p->filter_h = t->filter.dims[1];
  p->filter_w = t->filter.dims[2];
  p->out_h = t->output.dims[1];
  p->out_w = t->output.dims[2];
  if (t->filter.dims[3] != p->in_c || t->output.dims[0] != p->batches ||
      t->output.dims[3] != p->out_c) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "filter input 1 [%d,%d,%d,%d] does not take input 2 "
                          "with %d channels to output 0 with %d",
                          (int)p->out_c, (int)p->filter_h, (int)p->filter_w,
                          (int)t->filter.dims[3], (int)p->in_c,
                          (int)t->output.dims[3]);
  }
  conv_h = mote_conv_out_size(padding, p->out_h, p->filter_h, p->stride_h, 1);
  conv_w = mote_conv_out_size(padding, p->out_w, p->filter_w, p->stride_w, 1);
  if (conv_h != p->in_h || conv_w != p->in_w || p->batches < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 2 is %dx%d, but output 0 (%dx%d) with filter "
                          "%dx%d, stride %dx%d and %s padding needs %dx%d",
                          (int)p->in_h, (int)p->in_w, (int)p->out_h,
                          (int)p->out_w, (int)p->filter_h, (int)p->filter_w,
                          (int)p->stride_h, (int)p->stride_w,
                          padding == MOTE_PADDING_SAME ? "SAME" : "VALID",
                          (int)conv_h, (int)conv_w);
  }
  p->pad_h = mote_conv_padding(p->stride_h, 1, p->out_h, p->filter_h, p->in_h,
                               &offset);
  p->pad_w = mote_conv_padding(p->stride_w, 1, p->out_w, p->filter_w, p->in_w,
                               &offset);
  return MOTE_OK;
}

static mote_status_t check_types(mote_kctx_t *ctx,
                                 const mote_conv_tensors_t *t) {
  const mote_type_t type = (mote_type_t)t->input.type;
  const bool has_bias = !(t->bias.flags & MOTE_TENSOR_ABSENT);
  mote_type_t ftype = MOTE_TYPE_INT8, btype;
  mote_status_t st;
  switch (type) {
  case MOTE_TYPE_FLOAT32:
    ftype = btype = MOTE_TYPE_FLOAT32;
    break;
  case MOTE_TYPE_INT8:
    btype = MOTE_TYPE_INT32;
    break;
  case MOTE_TYPE_INT16:
    btype = MOTE_TYPE_INT64;
    break;
  default:
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 2 has type %s; supported: float32, int8, "
                          "int16",
                          mote_type_name(type));
  }
  if (type == MOTE_TYPE_INT16 && has_bias && t->bias.type == MOTE_TYPE_INT16) {
    btype = MOTE_TYPE_INT16;
  }
  if ((st = mote_check_type(ctx, &t->output, type, "output 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &t->filter, ftype, "input 1 (filter)")) !=
          MOTE_OK ||
      (has_bias &&
       (st = mote_check_type(ctx, &t->bias, btype, "input 3 (bias)")) !=
           MOTE_OK)) {
    return st;
  }
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_conv_tensors_t t;
  mote_tensor_t shape;
  tconv_op_t *top;
  mote_conv_op_t *op;
  void *mem;
  int act = MOTE_ACT_NONE;
  size_t esize;
  mote_status_t st;
  if ((st = get_tensors(ctx, &t, &shape)) != MOTE_OK ||
      (st = check_shape_input(ctx, &shape, &t.output)) != MOTE_OK ||
      (st = check_types(ctx, &t)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*top), &mem)) != MOTE_OK) {
    return st;
  }
  top = (tconv_op_t *)mem;
  top->bias_scratch = -1;
  op = &top->c;
  if ((st = geometry(ctx, &t, &act, &op->p)) != MOTE_OK) {
    return st;
  }
  op->scratch = op->ring = -1;
  op->type = t.input.type;
  op->has_bias = !(t.bias.flags & MOTE_TENSOR_ABSENT);
  op->bias_type = op->has_bias ? t.bias.type : (uint8_t)MOTE_TYPE_INT32;
  op->acc64 = op->type == MOTE_TYPE_INT16;
  if (op->has_bias && mote_tensor_elements(&t.bias) != op->p.out_c) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 3 (bias) has %d elements, expected %d",
                          (int)mote_tensor_elements(&t.bias),
                          (int)op->p.out_c);
  }
  if (op->type == MOTE_TYPE_FLOAT32) {
    if (mote_act_range_f32(act, &op->p.act_min_f, &op->p.act_max_f) !=
        MOTE_OK) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "fused activation %d not supported for float32",
                            act);
    }
    mote_kctx_set_user_data(ctx, top);
    return MOTE_OK;
  }
  if ((st = mote_conv_prepare_quant(ctx, act, &t, 0, "input 2", op)) != MOTE_OK) {
    return st;
  }
  esize = op->acc64 ? sizeof(int64_t) : sizeof(int32_t);
  mote_kctx_set_user_data(ctx, top);
  if (op->has_bias && op->bias_type == MOTE_TYPE_INT16 &&
      (st = mote_kctx_request_scratch(
           ctx, (size_t)op->p.out_c * sizeof(int64_t), &top->bias_scratch)) !=
          MOTE_OK) {
    return st;
  }
  return mote_kctx_request_scratch(
      ctx, (size_t)mote_tensor_elements(&t.output) * esize, &op->scratch);
}

/* An int16 bias widened into scratch, as TFLM does at every invoke. */
static const int64_t *wide_bias(mote_kctx_t *ctx, const tconv_op_t *top,
                                const int16_t *bias) {
  int64_t *b = (int64_t *)mote_kctx_scratch(ctx, top->bias_scratch);
  int32_t c;
  for (c = 0; c < top->c.p.out_c; ++c) {
    b[c] = bias[c];
  }
  return b;
}

static mote_status_t invoke(mote_kctx_t *ctx) {
  const tconv_op_t *top = (const tconv_op_t *)mote_kctx_user_data(ctx);
  const mote_conv_op_t *op = &top->c;
  const void *filter = mote_kctx_input_data(ctx, 1);
  const void *input = mote_kctx_input_data(ctx, 2);
  const void *bias = op->has_bias ? mote_kctx_input_data(ctx, 3) : NULL;
  void *output = mote_kctx_output_data(ctx, 0);
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_transpose_conv_f32(&op->p, (const float *)input,
                            (const float *)filter, (const float *)bias,
                            (float *)output);
    break;
  case MOTE_TYPE_INT8:
    mote_transpose_conv_s8(&op->p, (const int8_t *)input,
                           (const int8_t *)filter, (const int32_t *)bias,
                           (int8_t *)output,
                           (int32_t *)mote_kctx_scratch(ctx, op->scratch));
    break;
  default:
    if (top->bias_scratch >= 0 && bias != NULL) {
      bias = wide_bias(ctx, top, (const int16_t *)bias);
    }
    mote_transpose_conv_s16(&op->p, (const int16_t *)input,
                            (const int8_t *)filter, (const int64_t *)bias,
                            (int16_t *)output,
                            (int64_t *)mote_kctx_scratch(ctx, op->scratch));
    break;
  }
  return MOTE_OK;
}

/* Version 4 adds the fused activation, 5 the quantized_bias_type (the
 * bias tensor's own type decides here). */
const mote_kernel_t mote_kernel_transpose_conv = {"TRANSPOSE_CONV", 5, prepare,
                                                  invoke};
