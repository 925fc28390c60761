/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Glue shared by the element-wise unary ops (unary.h): ABS, NEG, SQUARE,
 * SQRT, RSQRT, EXP, LOG, SIN, COS, FLOOR, CEIL, ROUND, LOGICAL_NOT. Each
 * op is a unary_kernel_t naming the input types TFLM's reference kernel
 * takes and the compute functions for them; prepare checks one input and
 * one output of that type and element count, and forms the quantized ABS
 * and RSQRT parameters as TFLM does. TFLM refuses another type at prepare
 * (EXP, CEIL, ROUND, RSQRT int16) or only at invoke (the others); mote
 * refuses the same types, always at prepare.
 *
 *  - ABS int8, and int16 when the input is quantized: zero points (int16:
 *    0), and a multiplier of in_scale / out_scale (in double) only when
 *    the two float scales differ; an int16 input without quantization
 *    takes a plain |x|;
 *  - RSQRT int8: a multiplier of 1 / (sqrt(in_scale) * out_scale), in
 *    double, always.
 * Each op's descriptor points only at its own functions, so a firmware
 * links no other op's.
 */
#include "kernels/unary.h"

#include <math.h>
#include <string.h>

#include "kernels/activation_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef enum unary_quant { UQ_NONE, UQ_ABS, UQ_RSQRT } unary_quant_t;

typedef struct unary_kernel {
  uint32_t types;        /* MOTE_TYPE_BIT flags */
  const char *supported; /* the refusal's list of types */
  unary_quant_t quant;
  mote_unary_f32_fn *f32;
  mote_unary_s8_fn *s8;
  mote_unary_s16_fn *s16;
  mote_abs_s16_plain_fn *s16_plain;
  mote_rsqrt_s8_fn *rsqrt_s8;
  mote_logical_not_fn *not_bool;
} unary_kernel_t;

/* Persistent per-operator data. */
typedef struct unary_op {
  mote_unary_q_t q;
  int32_t n;
  uint8_t type;
  uint8_t plain; /* int16 ABS without quantization */
} unary_op_t;

static mote_status_t unary_prepare_quant(mote_kctx_t *ctx,
                                         const unary_kernel_t *k,
                                         const mote_tensor_t *in,
                                         const mote_tensor_t *out,
                                         unary_op_t *op) {
  if (k->quant == UQ_ABS && in->type == MOTE_TYPE_INT16 &&
      in->quant_count == 0) {
    op->plain = 1;
    return MOTE_OK;
  }
  if (in->quant_count == 0 || out->quant_count == 0 || !(in->scale > 0.0f) ||
      !(out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 and output 0 need quantization with "
                          "positive scales");
  }
  op->q.input_zero_point = in->zero_point;
  op->q.output_zero_point = out->zero_point;
  if (in->type == MOTE_TYPE_INT16 &&
      (in->zero_point != 0 || out->zero_point != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 zero points must be 0 (input 0 %d, output "
                          "0 %d)",
                          (int)in->zero_point, (int)out->zero_point);
  }
  if (k->quant == UQ_ABS) {
    if (in->scale == out->scale) {
      return MOTE_OK;
    }
    op->q.rescale = 1;
    return mote_quantize_multiplier_checked(
        ctx, (double)in->scale / (double)out->scale, "input 0 to output 0",
        &op->q.multiplier, &op->q.shift);
  }
  {
    int shift = 0;
    mote_quantize_multiplier(
        1.0 / (sqrt((double)in->scale) * (double)out->scale),
        &op->q.multiplier, &shift);
    /* The second product shifts by shift - 20 (TFLM's headroom). */
    if (shift - 20 < -31 || shift - 20 > 30) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "rescale 1 / (sqrt(input 0 scale) * output 0 "
                            "scale) out of range (shift %d)",
                            shift);
    }
    op->q.shift = shift;
  }
  return MOTE_OK;
}

static mote_status_t unary_prepare(mote_kctx_t *ctx, const unary_kernel_t *k) {
  mote_tensor_t in, out;
  unary_op_t *op;
  void *mem;
  mote_status_t st =
      mote_act_check_io(ctx, k->types, k->supported, false, &in, &out);
  if (st != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (unary_op_t *)mem;
  memset(op, 0, sizeof(*op));
  op->n = mote_tensor_elements(&in);
  op->type = in.type;
  if ((in.type == MOTE_TYPE_INT8 || in.type == MOTE_TYPE_INT16) &&
      (st = unary_prepare_quant(ctx, k, &in, &out, op)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  /* Element-wise: the output may go over an input that dies here. */
  return mote_request_share_elementwise(ctx, 0, &in, &out);
}

/* Unreachable after a successful prepare; the check makes that visible
 * to the analyzers (and keeps a broken table from calling NULL). */
static mote_status_t unary_no_function(mote_kctx_t *ctx) {
  return mote_kctx_fail(ctx, MOTE_ERR_KERNEL, "no compute function for this type");
}

static mote_status_t unary_invoke(mote_kctx_t *ctx, const unary_kernel_t *k) {
  const unary_op_t *op = (const unary_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  int32_t bad;
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    if (k->f32 == NULL) { /* prepare admits only types with a function */
      return unary_no_function(ctx);
    }
    k->f32((const float *)in, (float *)out, op->n);
    break;
  case MOTE_TYPE_BOOL:
    if (k->not_bool == NULL) {
      return unary_no_function(ctx);
    }
    k->not_bool((const bool *)in, (bool *)out, op->n);
    break;
  case MOTE_TYPE_INT16:
    if (k->s16_plain == NULL || k->s16 == NULL) {
      return unary_no_function(ctx);
    }
    if (op->plain) {
      k->s16_plain((const int16_t *)in, (int16_t *)out, op->n);
    } else {
      k->s16(&op->q, (const int16_t *)in, (int16_t *)out, op->n);
    }
    break;
  default: /* int8 */
    if (k->quant == UQ_ABS) {
      if (k->s8 == NULL) {
        return unary_no_function(ctx);
      }
      k->s8(&op->q, (const int8_t *)in, (int8_t *)out, op->n);
      break;
    }
    if (k->rsqrt_s8 == NULL) {
      return unary_no_function(ctx);
    }
    bad = k->rsqrt_s8(&op->q, (const int8_t *)in, (int8_t *)out, op->n);
    if (bad >= 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_KERNEL,
                            "input 0 element %ld is below the zero point "
                            "%d: RSQRT is defined for non-negative values",
                            (long)bad, (int)op->q.input_zero_point);
    }
    break;
  }
  return MOTE_OK;
}

#define F32_ONLY MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32), "supported: float32"

/* One kernel: its descriptor, prepare and invoke over the shared glue. */
#define UNARY_KERNEL(op, name, version, ...)                                   \
  static const unary_kernel_t k_##op = {__VA_ARGS__};                          \
  static mote_status_t op##_prepare(mote_kctx_t *ctx) {                        \
    return unary_prepare(ctx, &k_##op);                                        \
  }                                                                            \
  static mote_status_t op##_invoke(mote_kctx_t *ctx) {                         \
    return unary_invoke(ctx, &k_##op);                                         \
  }                                                                            \
  const mote_kernel_t mote_kernel_##op = {name, version, op##_prepare,         \
                                          op##_invoke};

/* ABS versions: 2 int8, 3 int16 quantized, 4 int16 plain, 5 more. */
UNARY_KERNEL(abs, "ABS", 5,
             MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |
                 MOTE_TYPE_BIT(MOTE_TYPE_INT16),
             "supported: float32, int8, int16", UQ_ABS, mote_abs_f32,
             mote_abs_s8, mote_abs_s16, mote_abs_s16_plain, NULL,
             NULL)
UNARY_KERNEL(neg, "NEG", 1, F32_ONLY, UQ_NONE, mote_neg_f32, NULL, NULL,
             NULL, NULL, NULL)
UNARY_KERNEL(square, "SQUARE", 1, F32_ONLY, UQ_NONE, mote_square_f32,
             NULL, NULL, NULL, NULL, NULL)
UNARY_KERNEL(sqrt, "SQRT", 1, F32_ONLY, UQ_NONE, mote_sqrt_f32, NULL,
             NULL, NULL, NULL, NULL)
/* RSQRT versions: 2 int8, 3 int16 (TFLM has no int16). */
UNARY_KERNEL(rsqrt, "RSQRT", 2,
             MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8),
             "supported: float32, int8", UQ_RSQRT, mote_rsqrt_f32, NULL,
             NULL, NULL, mote_rsqrt_s8, NULL)
UNARY_KERNEL(exp, "EXP", 1, F32_ONLY, UQ_NONE, mote_exp_f32, NULL, NULL,
             NULL, NULL, NULL)
UNARY_KERNEL(log, "LOG", 1, F32_ONLY, UQ_NONE, mote_log_f32, NULL, NULL,
             NULL, NULL, NULL)
UNARY_KERNEL(sin, "SIN", 1, F32_ONLY, UQ_NONE, mote_sin_f32, NULL, NULL,
             NULL, NULL, NULL)
UNARY_KERNEL(cos, "COS", 1, F32_ONLY, UQ_NONE, mote_cos_f32, NULL, NULL,
             NULL, NULL, NULL)
UNARY_KERNEL(floor, "FLOOR", 1, F32_ONLY, UQ_NONE, mote_floor_f32, NULL,
             NULL, NULL, NULL, NULL)
UNARY_KERNEL(ceil, "CEIL", 1, F32_ONLY, UQ_NONE, mote_ceil_f32, NULL,
             NULL, NULL, NULL, NULL)
UNARY_KERNEL(round, "ROUND", 1, F32_ONLY, UQ_NONE, mote_round_f32, NULL,
             NULL, NULL, NULL, NULL)
UNARY_KERNEL(logical_not, "LOGICAL_NOT", 1, MOTE_TYPE_BIT(MOTE_TYPE_BOOL),
             "supported: bool", UQ_NONE, NULL, NULL, NULL, NULL, NULL,
             mote_logical_not)
