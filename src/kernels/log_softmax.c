/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LOG_SOFTMAX glue: TFLite Micro's log_softmax.cc, float32 and int8; the
 * compute functions are log_softmax.h's, and so is what they compute.
 *
 * int8 prepare is TFLite's PreprocessLogSoftmaxScalingExp with beta 1 and
 * 5 integer bits: the input rescale and diff_min as SOFTMAX's
 * (mote_softmax_params_s8), then the reverse rescale 2^(31 - left shift)
 * / multiplier quantized below one. The output must be int8 at scale
 * 16/256 and zero point 127, as TFLM requires; input and output must have
 * one shape (TFLM assumes it) of rank 1 or more.
 */
#include "kernels/log_softmax.h"

#include "kernels/kernel_util.h"
#include "kernels/softmax.h"
#include "mote/ops.h"

static mote_status_t prepare_s8(mote_kctx_t *ctx, const mote_tensor_t *in,
                                const mote_tensor_t *out,
                                mote_log_softmax_params_t *p) {
  mote_softmax_params_t sp;
  int shift;
  if (!(in->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 input 0 (tensor %u) is not quantized",
                          (unsigned)in->index);
  }
  if (out->scale != 16.0f / 256.0f || out->zero_point != 127) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 output 0 needs scale 16/256 and zero point "
                          "127, has %g and %ld",
                          (double)out->scale, (long)out->zero_point);
  }
  if (mote_softmax_params_s8(1.0f, in->scale, &sp) != MOTE_OK ||
      sp.input_left_shift < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 scale %g is too small for the int8 "
                          "rescale",
                          (double)in->scale);
  }
  p->input_multiplier = sp.input_multiplier;
  p->input_left_shift = sp.input_left_shift;
  p->diff_min = sp.diff_min;
  mote_quantize_multiplier((double)((int64_t)1 << (31 - sp.input_left_shift)) /
                               (double)sp.input_multiplier,
                           &p->reverse_multiplier, &shift);
  p->reverse_shift = shift;
  return MOTE_OK;
}

typedef struct log_softmax_op {
  mote_log_softmax_params_t p;
  uint8_t type;
} log_softmax_op_t;

static mote_status_t log_softmax_prepare(mote_kctx_t *ctx) {
  const uint32_t types =
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8);
  mote_tensor_t in, out;
  mote_log_softmax_params_t p;
  log_softmax_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 1, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, types, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if ((st = mote_check_rows(ctx, &in, &out, &p.outer, &p.depth)) != MOTE_OK ||
      (in.type == MOTE_TYPE_INT8 &&
       (st = prepare_s8(ctx, &in, &out, &p)) != MOTE_OK)) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(log_softmax_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (log_softmax_op_t *)mem;
  op->p = p;
  op->type = in.type;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t log_softmax_invoke(mote_kctx_t *ctx) {
  const log_softmax_op_t *op =
      (const log_softmax_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  if (op->type == MOTE_TYPE_INT8) {
    mote_log_softmax_s8(&op->p, (const int8_t *)in, (int8_t *)out);
  } else {
    mote_log_softmax_f32(&op->p, (const float *)in, (float *)out);
  }
  return MOTE_OK;
}

/* Versions: 1 float32, 2 int8. */
const mote_kernel_t mote_kernel_log_softmax = {
    "LOG_SOFTMAX", 2, log_softmax_prepare, log_softmax_invoke};
