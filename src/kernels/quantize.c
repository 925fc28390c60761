/*
 * QUANTIZE: float32 to int8 / int16, and integer requantization.
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
 * QuantizeMultiplier(s_in / s_out) in double and one double-rounding
 * MultiplyByQuantizedMultiplier; TFLM's int8 <-> uint8 "xor 0x80" fast
 * path gives the same bytes as the general formula, so it is not a
 * separate path. Integer inputs are converted 32 elements at a time into
 * an int32 buffer so each type pair needs no code of its own.
 */
#include "kernels/quantize.h"

#include <math.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define CHUNK 32

static int32_t quantize_one(float x, float scale, int32_t zero_point,
                            int32_t lo, int32_t hi) {
  const float r = roundf(x / scale);
  int64_t v;
  if (r != r || r < -2147483648.0f) {
    return lo;
  }
  if (r >= 2147483648.0f) {
    return hi;
  }
  v = (int64_t)(int32_t)r + zero_point;
  return v < lo ? lo : (v > hi ? hi : (int32_t)v);
}

void mote_quantize_f32_s8(const float *in, int32_t count, float scale,
                          int32_t zero_point, int8_t *out) {
  int32_t i;
  for (i = 0; i < count; ++i) {
    out[i] = (int8_t)quantize_one(in[i], scale, zero_point, INT8_MIN,
                                  INT8_MAX);
  }
}

void mote_quantize_f32_s16(const float *in, int32_t count, float scale,
                           int32_t zero_point, int16_t *out) {
  int32_t i;
  for (i = 0; i < count; ++i) {
    out[i] = (int16_t)quantize_one(in[i], scale, zero_point, INT16_MIN,
                                   INT16_MAX);
  }
}

static void load(mote_type_t type, const void *in, int32_t base, int32_t n,
                 int32_t *buf) {
  int32_t i;
  switch (type) {
  case MOTE_TYPE_UINT8:
    for (i = 0; i < n; ++i) buf[i] = ((const uint8_t *)in)[base + i];
    break;
  case MOTE_TYPE_INT16:
    for (i = 0; i < n; ++i) buf[i] = ((const int16_t *)in)[base + i];
    break;
  case MOTE_TYPE_INT32:
    for (i = 0; i < n; ++i) buf[i] = ((const int32_t *)in)[base + i];
    break;
  default:
    for (i = 0; i < n; ++i) buf[i] = ((const int8_t *)in)[base + i];
    break;
  }
}

static void store(mote_type_t type, void *out, int32_t base, int32_t n,
                  const int32_t *buf) {
  int32_t i;
  switch (type) {
  case MOTE_TYPE_UINT8:
    for (i = 0; i < n; ++i) ((uint8_t *)out)[base + i] = (uint8_t)buf[i];
    break;
  case MOTE_TYPE_INT16:
    for (i = 0; i < n; ++i) ((int16_t *)out)[base + i] = (int16_t)buf[i];
    break;
  case MOTE_TYPE_INT32:
    for (i = 0; i < n; ++i) ((int32_t *)out)[base + i] = buf[i];
    break;
  default:
    for (i = 0; i < n; ++i) ((int8_t *)out)[base + i] = (int8_t)buf[i];
    break;
  }
}

static void type_range(mote_type_t type, int32_t *lo, int32_t *hi) {
  switch (type) {
  case MOTE_TYPE_UINT8: *lo = 0; *hi = UINT8_MAX; break;
  case MOTE_TYPE_INT16: *lo = INT16_MIN; *hi = INT16_MAX; break;
  case MOTE_TYPE_INT32: *lo = INT32_MIN; *hi = INT32_MAX; break;
  default: *lo = INT8_MIN; *hi = INT8_MAX; break;
  }
}

void mote_quantize_requantize(const mote_requant_params_t *p, mote_type_t in_type,
                     const void *in, mote_type_t out_type, void *out,
                     int32_t count) {
  int32_t buf[CHUNK];
  int32_t lo, hi, base, n, i;
  type_range(out_type, &lo, &hi);
  for (base = 0; base < count; base += n) {
    n = count - base < CHUNK ? count - base : CHUNK;
    load(in_type, in, base, n, buf);
    for (i = 0; i < n; ++i) {
      /* TFLite's plain int32 arithmetic, made to wrap. */
      const int32_t x =
          (int32_t)((uint32_t)buf[i] - (uint32_t)p->input_zero_point);
      const int32_t y = mote_mul_by_quant_mult(x, p->multiplier, p->shift);
      buf[i] = mote_clamp_i32(
          (int32_t)((uint32_t)y + (uint32_t)p->output_zero_point), lo, hi);
    }
    store(out_type, out, base, n, buf);
  }
}

/* --- kernel glue ------------------------------------------------------ */

typedef struct quantize_op {
  mote_requant_params_t rq;
  float scale; /* float input: the output scale */
  int32_t count;
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

static mote_status_t quantize_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  quantize_op_t *op;
  void *mem;
  mote_status_t st;

  if ((st = mote_check_io_count(ctx, 1, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (!supported(in.type, out.type)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "quantizing %s input 0 to %s output 0 is not "
                          "supported",
                          mote_type_name((mote_type_t)in.type),
                          mote_type_name((mote_type_t)out.type));
  }
  if (out.quant_count != 1 || !(out.scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "output 0 must be quantized per tensor (has %u "
                          "scales)",
                          (unsigned)out.quant_count);
  }
  if (in.type != MOTE_TYPE_FLOAT32 &&
      (in.quant_count != 1 || !(in.scale > 0.0f))) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 must be quantized per tensor (has %u "
                          "scales)",
                          (unsigned)in.quant_count);
  }
  if (mote_tensor_elements(&in) != mote_tensor_elements(&out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has %ld elements, output 0 has %ld",
                          (long)mote_tensor_elements(&in),
                          (long)mote_tensor_elements(&out));
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(quantize_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (quantize_op_t *)mem;
  op->scale = out.scale;
  op->count = mote_tensor_elements(&in);
  op->in_type = in.type;
  op->out_type = out.type;
  op->rq.input_zero_point = in.zero_point;
  op->rq.output_zero_point = out.zero_point;
  if (in.type != MOTE_TYPE_FLOAT32) {
    mote_quantize_multiplier((double)in.scale / (double)out.scale,
                             &op->rq.multiplier, &op->rq.shift);
    /* Past a left shift of 30 TFLite's requantization is undefined, so
     * there is no byte pattern to match. */
    if (op->rq.shift > 30) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "rescale 2^%d (input scale over output scale) "
                            "is too large",
                            op->rq.shift);
    }
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t quantize_invoke(mote_kctx_t *ctx) {
  const quantize_op_t *op = (const quantize_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  if (op->in_type != MOTE_TYPE_FLOAT32) {
    mote_quantize_requantize(&op->rq, (mote_type_t)op->in_type, in,
                    (mote_type_t)op->out_type, out, op->count);
  } else if (op->out_type == MOTE_TYPE_INT8) {
    mote_quantize_f32_s8((const float *)in, op->count, op->scale,
                         op->rq.output_zero_point, (int8_t *)out);
  } else {
    mote_quantize_f32_s16((const float *)in, op->count, op->scale,
                          op->rq.output_zero_point, (int16_t *)out);
  }
  return MOTE_OK;
}

/* Versions: 1, and 2 for an int16 output. 3 (per-channel output) and 4
 * (int4) are not implemented. */
const mote_kernel_t mote_kernel_quantize = {"QUANTIZE", 2, quantize_prepare,
                                            quantize_invoke};
