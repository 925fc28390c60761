/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SOFTMAX glue: TFLite Micro's prepare, then the compute function of
 * softmax.h that the build binds.
 *
 * Prepare turns beta and the input scale into a fixed-point multiplier
 * (int8) or a multiplier plus two lookup tables (int16) in persistent
 * memory; invoke hands the rows to the compute function. The int16 tables
 * are generated with the same float arithmetic as TFLite's LUTPopulate.
 * The output quantization of the integer variants is fixed by the TFLite
 * spec and anything else is refused, as TFLite Micro refuses it.
 *
 * Rejected: uint8 (TFLite Micro has no uint8 softmax), int16 -> int8, and
 * beta * input_scale too small for the int8 multiplier (TFLite aborts).
 */
#include "kernels/softmax.h"

#include <math.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

mote_status_t mote_softmax_params_s8(float beta, float input_scale,
                                     mote_softmax_params_t *p) {
  const double max_real = 2147483647.0; /* 2^31 - 1 */
  double real = (double)beta * (double)input_scale *
                (double)(1 << (31 - MOTE_SOFTMAX_DIFF_INT_BITS));
  int shift = 0;
  double radius;
  if (real > max_real) {
    real = max_real;
  }
  if (!(real > 1.0)) {
    return MOTE_ERR_UNSUPPORTED;
  }
  mote_quantize_multiplier(real, &p->input_multiplier, &shift);
  p->input_left_shift = shift;
  /* Largest input difference whose rescaled value still fits in Q5.26,
   * floored so the rescale cannot overflow. */
  radius = floor((double)((1 << MOTE_SOFTMAX_DIFF_INT_BITS) - 1) *
                 (double)((int64_t)1 << (31 - MOTE_SOFTMAX_DIFF_INT_BITS)) /
                 (double)((int64_t)1 << shift));
  p->diff_min = -(int32_t)radius;
  return MOTE_OK;
}

mote_status_t mote_softmax_params_s16(float beta, float input_scale,
                                      mote_softmax_params_t *p) {
  int shift = 0;
  const double real = (double)input_scale * (double)beta / (10.0 / 65535.0);
  mote_quantize_multiplier(real, &p->input_multiplier, &shift);
  p->input_left_shift = shift;
  p->diff_min = 0;
  /* A left shift past 30 overflows the rescale (undefined in TFLite). */
  return shift > 30 ? MOTE_ERR_UNSUPPORTED : MOTE_OK;
}

static float exp_f(float x) {
  return expf(x);
}
static float one_over_one_plus_f(float x) {
  return 1.0f / (1.0f + x);
}

void mote_softmax_luts_s16(int16_t *luts) {
  /* exp over [-10, 0] and 1 / (1 + x) over [0, 1], both onto [-1, 1],
   * expressed as int16 quantizations the way TFLite states them. */
  const float range = 65535.0f;
  mote_lut16_populate(10.0f / range, INT16_MAX, 2.0f / range, 0, exp_f, luts);
  mote_lut16_populate(1.0f / range, INT16_MIN, 2.0f / range, 0,
                      one_over_one_plus_f, luts + MOTE_LUT16_SIZE);
}

/* --- kernel glue -------------------------------------------------------- */

/* Per-operator state, in persistent memory: the compute parameters (the
 * int16 tables in a separate allocation they point to) and the types. */
typedef struct softmax_op {
  mote_softmax_params_t p;
  uint8_t in_type;
  uint8_t out_type;
} softmax_op_t;

static bool same_shape(const mote_tensor_t *a, const mote_tensor_t *b) {
  int i;
  if (a->rank != b->rank) {
    return false;
  }
  for (i = 0; i < a->rank; ++i) {
    if (a->dims[i] != b->dims[i]) {
      return false;
    }
  }
  return true;
}

/* TF_LITE_ENSURE_NEAR in float. */
static bool near_f(float a, float b, float eps) {
  const float d = a > b ? a - b : b - a;
  return !(d > eps);
}

static mote_status_t check_quant(mote_kctx_t *ctx, const mote_tensor_t *in,
                                 const mote_tensor_t *out) {
  if (in->type == MOTE_TYPE_INT16) {
    if (out->type != MOTE_TYPE_INT16) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                            "int16 input needs an int16 output, not %s",
                            mote_type_name((mote_type_t)out->type));
    }
    if (in->zero_point != 0 || out->zero_point != 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 zero points must be 0 (input %d, output %d)",
                            (int)in->zero_point, (int)out->zero_point);
    }
    if (!near_f(out->scale, 1.0f / 32768, 0.001f * 1.0f / 32768)) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 output scale must be 1/32768");
    }
    return MOTE_OK;
  }
  if (out->type == MOTE_TYPE_INT16) {
    if (out->zero_point != -32768 ||
        !near_f(out->scale, 1.0f / 65536, 0.001f * 1.0f / 65536)) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 output of int8 input needs scale 1/65536 "
                            "and zero point -32768 (has %d)",
                            (int)out->zero_point);
    }
    return MOTE_OK;
  }
  if (out->type != MOTE_TYPE_INT8) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "int8 input needs an int8 or int16 output, not %s",
                          mote_type_name((mote_type_t)out->type));
  }
  if (out->zero_point != -128 || out->scale != 1.0f / 256) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 output needs scale 1/256 and zero point -128 "
                          "(has %d)",
                          (int)out->zero_point);
  }
  return MOTE_OK;
}

/* The type-specific half of prepare: output type and quantization, and the
 * input scaling (and int16 tables) into op->p. */
static mote_status_t prepare_type(mote_kctx_t *ctx, const mote_tensor_t *in,
                                  const mote_tensor_t *out, softmax_op_t *op) {
  void *mem = NULL;
  mote_status_t st;
  switch (in->type) {
  case MOTE_TYPE_FLOAT32:
    return mote_check_type(ctx, out, MOTE_TYPE_FLOAT32, "output 0");
  case MOTE_TYPE_INT8:
    if ((st = check_quant(ctx, in, out)) != MOTE_OK) {
      return st;
    }
    if (mote_softmax_params_s8(op->p.beta, in->scale, &op->p) != MOTE_OK) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "beta * input scale * 2^26 must exceed 1 for "
                            "int8");
    }
    return MOTE_OK;
  case MOTE_TYPE_INT16:
    if ((st = check_quant(ctx, in, out)) != MOTE_OK ||
        (st = mote_kctx_alloc_persistent(
             ctx, 2 * MOTE_LUT16_SIZE * sizeof(int16_t), &mem)) != MOTE_OK) {
      return st;
    }
    mote_softmax_luts_s16((int16_t *)mem);
    op->p.luts = (const int16_t *)mem;
    if (mote_softmax_params_s16(op->p.beta, in->scale, &op->p) != MOTE_OK) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "beta * int16 input scale too large");
    }
    return MOTE_OK;
  default:
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; supported: float32, int8, "
                          "int16",
                          mote_type_name((mote_type_t)in->type));
  }
}

static mote_status_t softmax_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in;
  mote_tensor_t out;
  mote_options_t opt;
  softmax_op_t *op;
  void *mem = NULL;
  mote_status_t st;
  if ((st = mote_check_io_count(ctx, 1, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, 9, &opt)) != MOTE_OK) {
    return st;
  }
  if (in.rank < 1 || !same_shape(&in, &out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (rank %u) and output 0 (rank %u) must have "
                          "the same shape of rank >= 1",
                          (unsigned)in.rank, (unsigned)out.rank);
  }
  st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem);
  if (st != MOTE_OK) {
    return st;
  }
  op = (softmax_op_t *)mem;
  op->p.beta = mote_options_f32(&opt, 0, 0.0f);
  op->p.depth = mote_tensor_dim(&in, -1);
  op->p.outer = op->p.depth > 0 ? mote_tensor_elements(&in) / op->p.depth : 0;
  op->in_type = in.type;
  op->out_type = out.type;
  if ((st = prepare_type(ctx, &in, &out, op)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t softmax_invoke(mote_kctx_t *ctx) {
  const softmax_op_t *op = (const softmax_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  mote_status_t st;
  switch (op->in_type) {
  case MOTE_TYPE_FLOAT32:
    mote_softmax_f32(&op->p, (const float *)in, (float *)out);
    return MOTE_OK;
  case MOTE_TYPE_INT8:
    st = op->out_type == MOTE_TYPE_INT8
             ? mote_softmax_s8(&op->p, (const int8_t *)in, (int8_t *)out)
             : mote_softmax_s8_s16(&op->p, (const int8_t *)in, (int16_t *)out);
    break;
  default:
    st = mote_softmax_s16(&op->p, (const int16_t *)in, (int16_t *)out);
    break;
  }
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st,
                          "sum of exponentials out of range in a row of %d",
                          (int)op->p.depth);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_softmax = {"SOFTMAX", 3, softmax_prepare,
                                           softmax_invoke};
