/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CUMSUM glue: TFLite Micro's cumsum.cc, float32 and int8; the compute
 * functions are cumsum.h's, and so is what they compute.
 *
 * The axis is input 1, an int32 of one element, negative counting from
 * the end: constant, checked and planned at prepare, or a model input,
 * read and checked at every invoke as TFLM reads it (out of range fails
 * the invoke before any byte is written). Options: CumsumOptions
 * (field 0 exclusive, field 1 reverse). int8 prepare is TFLM's: a left
 * shift of 20, the input rescaled by 1/2 (s_in / 2 s_in) and the output
 * by 2 s_in / (2^20 s_out), both quantized below one; a rescale that is
 * not below one (s_out under 2^-19 s_in) is refused, as TFLite aborts.
 */
#include "kernels/cumsum.h"

#include <string.h>

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
  mote_cumsum_params_t p; /* outer, axis, inner: when the axis is constant */
  uint8_t type;
  uint8_t rank;
  bool dynamic; /* the axis a model input: planned at every invoke */
  int32_t dims[MOTE_MAX_DIMS];
} cumsum_op_t;

/* outer, axis and inner of *p from the axis `value`. */
static mote_status_t plan_axis(mote_kctx_t *ctx, const cumsum_op_t *op,
                               int64_t value, mote_cumsum_params_t *p) {
  return mote_axis_split(ctx, "axis", value, op->rank, op->dims, &p->outer,
                         &p->axis, &p->inner);
}

static mote_status_t cumsum_prepare(mote_kctx_t *ctx) {
  const uint32_t types =
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8);
  mote_tensor_t in, out, a;
  mote_options_t opt;
  cumsum_op_t *op;
  void *mem;
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
  if ((st = mote_index_operand(ctx, 1, "axis", MOTE_TYPE_BIT(MOTE_TYPE_INT32),
                               &a)) != MOTE_OK) {
    return st;
  }
  if (a.rank > 1 || mote_tensor_elements(&a) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "axis input 1 (tensor %u) must hold one element",
                          (unsigned)a.index);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(cumsum_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (cumsum_op_t *)mem;
  op->type = in.type;
  op->rank = in.rank;
  op->dynamic = (a.flags & MOTE_TENSOR_CONST) == 0;
  memcpy(op->dims, in.dims, sizeof op->dims);
  op->p.exclusive = mote_options_bool(&opt, 0, false);
  op->p.reverse = mote_options_bool(&opt, 1, false);
  if ((!op->dynamic &&
       (st = plan_axis(ctx, op, mote_index_at(&a, 0), &op->p)) != MOTE_OK) ||
      (in.type == MOTE_TYPE_INT8 &&
       (st = prepare_s8(ctx, &in, &out, &op->p)) != MOTE_OK)) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t cumsum_invoke(mote_kctx_t *ctx) {
  const cumsum_op_t *op = (const cumsum_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  const mote_cumsum_params_t *p = &op->p;
  mote_cumsum_params_t now;
  mote_status_t st;
  if (op->dynamic) {
    now = op->p;
    p = &now;
    if ((st = plan_axis(
             ctx, op,
             mote_index_load(mote_kctx_input_data(ctx, 1), MOTE_TYPE_INT32, 0),
             &now)) != MOTE_OK) {
      return st;
    }
  }
  if (op->type == MOTE_TYPE_INT8) {
    mote_cumsum_s8(p, (const int8_t *)in, (int8_t *)out);
  } else {
    mote_cumsum_f32(p, (const float *)in, (float *)out);
  }
  return MOTE_OK;
}

/* Versions: 1 (float32 and int8 alike in TFLite's versioning). */
const mote_kernel_t mote_kernel_cumsum = {"CUMSUM", 1, cumsum_prepare,
                                          cumsum_invoke};
