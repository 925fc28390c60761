/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CUMSUM glue: TFLite Micro's cumsum.cc, float32 and int8; the compute
 * functions are cumsum.h's, and so is what they compute.
 *
 * The axis is input 1, a constant int32 of one element (TFLM reads it in
 * prepare too), negative counting from the end. Options: CumsumOptions
 * (field 0 exclusive, field 1 reverse). int8 prepare is TFLM's: a left
 * shift of 20, the input rescaled by 1/2 (s_in / 2 s_in) and the output
 * by 2 s_in / (2^20 s_out), both quantized below one; a rescale that is
 * not below one (s_out under 2^-19 s_in) is refused, as TFLite aborts.
 */
#include "kernels/cumsum.h"

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define CUMSUM_OPTIONS 102

static mote_status_t prepare_s8(mote_kctx_t *ctx, const mote_tensor_t *in,
                                const mote_tensor_t *out,
                                mote_cumsum_params_t *p) {
  const double twice = 2.0 * (double)in->scale;
  double out_real;
  int shift;
  if (!(in->scale > 0.0f) || !(out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 CUMSUM needs quantized input 0 and output 0");
  }
  out_real = twice / ((double)(1 << 20) * (double)out->scale);
  if (!(out_real < 1.0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "output 0 scale %g is too small for input 0 scale "
                          "%g (rescale not below one)",
                          (double)out->scale, (double)in->scale);
  }
  p->input_offset = -in->zero_point;
  p->output_offset = out->zero_point;
  mote_quantize_multiplier((double)in->scale / twice, &p->input_multiplier,
                           &shift);
  p->input_shift = shift;
  mote_quantize_multiplier(out_real, &p->output_multiplier, &shift);
  p->output_shift = shift;
  return MOTE_OK;
}

typedef struct cumsum_op {
  mote_cumsum_params_t p;
  uint8_t type;
} cumsum_op_t;

static mote_status_t cumsum_prepare(mote_kctx_t *ctx) {
  const uint32_t types =
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8);
  mote_tensor_t in, out;
  mote_options_t opt;
  mote_cumsum_params_t p;
  cumsum_op_t *op;
  void *mem;
  int32_t axis, d;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, &in, &out)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, CUMSUM_OPTIONS, &opt)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, types, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if (in.rank == 0 || !mote_same_shape(&in, &out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 must have rank 1 or more and output 0 "
                          "its shape");
  }
  if ((st = mote_axis_input(ctx, 1, (int32_t)in.rank, &axis)) != MOTE_OK) {
    return st;
  }
  p.outer = 1;
  p.inner = 1;
  p.axis = in.dims[axis];
  for (d = 0; d < (int32_t)in.rank; ++d) {
    if (d < axis) {
      p.outer *= in.dims[d];
    } else if (d > axis) {
      p.inner *= in.dims[d];
    }
  }
  p.exclusive = mote_options_bool(&opt, 0, false);
  p.reverse = mote_options_bool(&opt, 1, false);
  if (in.type == MOTE_TYPE_INT8 &&
      (st = prepare_s8(ctx, &in, &out, &p)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(cumsum_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (cumsum_op_t *)mem;
  op->p = p;
  op->type = in.type;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t cumsum_invoke(mote_kctx_t *ctx) {
  const cumsum_op_t *op = (const cumsum_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  if (op->type == MOTE_TYPE_INT8) {
    mote_cumsum_s8(&op->p, (const int8_t *)in, (int8_t *)out);
  } else {
    mote_cumsum_f32(&op->p, (const float *)in, (float *)out);
  }
  return MOTE_OK;
}

/* Versions: 1 (float32 and int8 alike in TFLite's versioning). */
const mote_kernel_t mote_kernel_cumsum = {"CUMSUM", 1, cumsum_prepare,
                                          cumsum_invoke};
