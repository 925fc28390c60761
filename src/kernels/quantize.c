/* SPDX-License-Identifier: Apache-2.0 */
/*
 * QUANTIZE glue: TFLite Micro's prepare, then the compute function of
 * quantize.h that the build binds.
 *
 * The conversions are exactly those TFLite Micro's quantize kernel
 * accepts at run time:
 *   float32 -> int8, int16            (AffineQuantize)
 *   int8    -> int8, uint8, int16, int32
 *   uint8   -> int8
 *   int16   -> int8, int16, int32
 *   int32   -> int8, int16            (Requantize)
 * The output must be quantized per tensor (TFLM requires one scale; a
 * per-channel output is version 3, not implemented). Requantization uses
 * QuantizeMultiplier(s_in / s_out) in double, as TFLM.
 *
 * The persistent op data is not the compute parameters (their
 * mote_requant_t alone takes 24 bytes on 32-bit targets) but the 24 bytes
 * they are assembled from on the stack at invoke: a dozen instructions
 * against a loop over every element, for less arena than either.
 */
#include "kernels/quantize.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* Per-operator state, in persistent memory. */
typedef struct quantize_op {
  int32_t multiplier;        /* integer input: input / output scale */
  int32_t input_offset;      /* integer input: minus its zero point */
  int32_t output_zero_point; /* all */
  float scale;               /* float input: the output scale */
  int32_t count;             /* elements */
  int8_t shift;              /* with multiplier; in [-31, 30] */
  uint8_t in_type;
  uint8_t out_type;
} quantize_op_t;

/* Whether TFLM's quantize kernel converts `in` to `out`. */
static bool supported(uint8_t in, uint8_t out) {
  switch (in) {
  case MOTE_TYPE_FLOAT32:
    return out == MOTE_TYPE_INT8 || out == MOTE_TYPE_INT16;
  case MOTE_TYPE_INT8:
    return out == MOTE_TYPE_INT8 || out == MOTE_TYPE_UINT8 ||
           out == MOTE_TYPE_INT16 || out == MOTE_TYPE_INT32;
  case MOTE_TYPE_UINT8:
    return out == MOTE_TYPE_INT8;
  case MOTE_TYPE_INT16:
    return out == MOTE_TYPE_INT8 || out == MOTE_TYPE_INT16 ||
           out == MOTE_TYPE_INT32;
  case MOTE_TYPE_INT32:
    return out == MOTE_TYPE_INT8 || out == MOTE_TYPE_INT16;
  default:
    return false;
  }
}

/* Types, quantization and element counts of input 0 and output 0. */
static mote_status_t check_tensors(mote_kctx_t *ctx, const mote_tensor_t *in,
                                   const mote_tensor_t *out) {
  if (!supported(in->type, out->type)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "quantizing %s input 0 to %s output 0 is not "
                          "supported",
                          mote_type_name((mote_type_t)in->type),
                          mote_type_name((mote_type_t)out->type));
  }
  if (out->quant_count != 1 || !(out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "output 0 must be quantized per tensor (has %u "
                          "scales)",
                          (unsigned)out->quant_count);
  }
  if (in->type != MOTE_TYPE_FLOAT32 &&
      (in->quant_count != 1 || !(in->scale > 0.0f))) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 must be quantized per tensor (has %u "
                          "scales)",
                          (unsigned)in->quant_count);
  }
  if (mote_tensor_elements(in) != mote_tensor_elements(out)) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "input 0 has %ld elements, output 0 has %ld",
        (long)mote_tensor_elements(in), (long)mote_tensor_elements(out));
  }
  return MOTE_OK;
}

static mote_status_t quantize_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  quantize_op_t *op;
  void *mem;
  int shift = 0;
  mote_status_t st;

  if ((st = mote_check_io_count(ctx, 1, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK ||
      (st = check_tensors(ctx, &in, &out)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(quantize_op_t), &mem)) !=
          MOTE_OK) {
    return st;
  }
  op = (quantize_op_t *)mem;
  op->scale = out.scale;
  op->count = mote_tensor_elements(&in);
  op->in_type = in.type;
  op->out_type = out.type;
  /* Minus the zero point, wrapping as the int32 subtraction it replaces. */
  op->input_offset = (int32_t)(0u - (uint32_t)in.zero_point);
  op->output_zero_point = out.zero_point;
  if (in.type != MOTE_TYPE_FLOAT32) {
    mote_quantize_multiplier((double)in.scale / (double)out.scale,
                             &op->multiplier, &shift);
    /* Past a left shift of 30 TFLite's requantization is undefined, so
     * there is no byte pattern to match. */
    if (shift > 30) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "rescale 2^%d (input scale over output scale) "
                            "is too large",
                            shift);
    }
    op->shift = (int8_t)shift; /* >= -31: mote_quantize_multiplier */
  }
  mote_kctx_set_user_data(ctx, op);
  /* Element-wise: where the sizes match (int8 to int8, int16 to int16),
   * the output may go over an input that dies here. */
  return mote_request_share_elementwise(ctx, 0, &in, &out);
}

/* The range of an integer output type. */
static void type_range(uint8_t type, int32_t *lo, int32_t *hi) {
  switch (type) {
  case MOTE_TYPE_UINT8:
    *lo = 0;
    *hi = UINT8_MAX;
    break;
  case MOTE_TYPE_INT16:
    *lo = INT16_MIN;
    *hi = INT16_MAX;
    break;
  case MOTE_TYPE_INT32:
    *lo = INT32_MIN;
    *hi = INT32_MAX;
    break;
  default:
    *lo = INT8_MIN;
    *hi = INT8_MAX;
    break;
  }
}

static mote_status_t quantize_invoke(mote_kctx_t *ctx) {
  const quantize_op_t *op = (const quantize_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  mote_quantize_params_t p;
  p.rq.multiplier = &op->multiplier;
  p.rq.shift = &op->shift;
  p.rq.per_channel = 0;
  p.rq.output_offset = op->output_zero_point;
  type_range(op->out_type, &p.rq.act_min, &p.rq.act_max);
  p.input_offset = op->input_offset;
  p.scale = op->scale;
  p.in_type = op->in_type;
  p.out_type = op->out_type;
  if (op->in_type != MOTE_TYPE_FLOAT32) {
    mote_quantize_requantize(&p, in, out, op->count);
  } else if (op->out_type == MOTE_TYPE_INT8) {
    mote_quantize_f32_s8(&p, (const float *)in, (int8_t *)out, op->count);
  } else {
    mote_quantize_f32_s16(&p, (const float *)in, (int16_t *)out, op->count);
  }
  return MOTE_OK;
}

/* Versions: 1, and 2 for an int16 output. 3 (per-channel output) and 4
 * (int4) are not implemented. */
const mote_kernel_t mote_kernel_quantize = {"QUANTIZE", 2, quantize_prepare,
                                            quantize_invoke};
