/*
 * DEQUANTIZE: int8, int16 or uint8 to float32, per-tensor quantization.
 *
 * TFLM keeps the scale as a double and computes scale * (q - zero_point)
 * in double before narrowing to float. That product of a 24-bit and a
 * 17-bit integer is exact in double, so the narrowing is its only
 * rounding: exactly what one single-precision multiply does. The float
 * multiply is used here, sparing MCUs with a single-precision FPU a
 * software double per element. TFLM's micro kernel
 * accepts int8 and int16; uint8 is the same formula (TFLite's version 1)
 * and is accepted as well. A per-channel input (version 5) is rejected by
 * name: TFLM would silently use the first channel's scale. float16 input
 * (also version 3, for half-precision weights) is widened bit by bit,
 * which is exact, so any implementation gives the same floats.
 */
#include "kernels/dequantize.h"

#include <string.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

void mote_dequantize(mote_type_t in_type, const void *in, int32_t count,
                     float scale, int32_t zero_point, float *out) {
  int32_t i;
  switch (in_type) {
  case MOTE_TYPE_UINT8:
    for (i = 0; i < count; ++i) {
      out[i] = scale * (float)(((const uint8_t *)in)[i] - zero_point);
    }
    break;
  case MOTE_TYPE_INT16:
    for (i = 0; i < count; ++i) {
      out[i] = scale * (float)(((const int16_t *)in)[i] - zero_point);
    }
    break;
  default:
    for (i = 0; i < count; ++i) {
      out[i] = scale * (float)(((const int8_t *)in)[i] - zero_point);
    }
    break;
  }
}

void mote_dequantize_f16(const uint16_t *in, int32_t count, float *out) {
  int32_t i;
  for (i = 0; i < count; ++i) {
    const uint32_t h = in[i];
    const uint32_t sign = (h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1Fu;
    uint32_t man = h & 0x3FFu;
    uint32_t bits;
    if (exp == 0x1Fu) {
      bits = sign | 0x7F800000u | (man << 13);
    } else if (exp != 0) {
      bits = sign | ((exp + 112u) << 23) | (man << 13);
    } else if (man == 0) {
      bits = sign;
    } else {
      /* Subnormal half: value man * 2^-24; shift the leading 1 up to
       * bit 10, which sets the float exponent. */
      uint32_t e = 113u;
      while ((man & 0x400u) == 0) {
        man <<= 1;
        --e;
      }
      bits = sign | (e << 23) | ((man & 0x3FFu) << 13);
    }
    memcpy(&out[i], &bits, sizeof bits);
  }
}

/* --- kernel glue ------------------------------------------------------ */

typedef struct dequantize_op {
  float scale;
  int32_t zero_point;
  int32_t count;
  uint8_t type; /* of the input */
} dequantize_op_t;

static mote_status_t dequantize_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  dequantize_op_t *op;
  void *mem;
  mote_status_t st;

  if ((st = mote_check_io_count(ctx, 1, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (in.type != MOTE_TYPE_INT8 && in.type != MOTE_TYPE_INT16 &&
      in.type != MOTE_TYPE_UINT8 && in.type != MOTE_TYPE_FLOAT16) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; DEQUANTIZE supports int8, "
                          "int16, uint8 and float16",
                          mote_type_name((mote_type_t)in.type));
  }
  if ((st = mote_check_type(ctx, &out, MOTE_TYPE_FLOAT32, "output 0")) !=
      MOTE_OK) {
    return st;
  }
  if (in.type != MOTE_TYPE_FLOAT16 && in.quant_count != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 has %u scales; only per-tensor "
                          "quantization is supported",
                          (unsigned)in.quant_count);
  }
  if (mote_tensor_elements(&in) != mote_tensor_elements(&out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has %ld elements, output 0 has %ld",
                          (long)mote_tensor_elements(&in),
                          (long)mote_tensor_elements(&out));
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(dequantize_op_t),
                                       &mem)) != MOTE_OK) {
    return st;
  }
  op = (dequantize_op_t *)mem;
  op->scale = in.scale;
  op->zero_point = in.zero_point;
  op->count = mote_tensor_elements(&in);
  op->type = in.type;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t dequantize_invoke(mote_kctx_t *ctx) {
  const dequantize_op_t *op =
      (const dequantize_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  float *out = (float *)mote_kctx_output_data(ctx, 0);
  if (op->type == MOTE_TYPE_FLOAT16) {
    mote_dequantize_f16((const uint16_t *)in, op->count, out);
  } else {
    mote_dequantize((mote_type_t)op->type, in, op->count, op->scale,
                    op->zero_point, out);
  }
  return MOTE_OK;
}

/* Versions: 1 (uint8), 2 int8, 3 int16 and float16. 4 and 5 (per-channel)
 * and 6 (int4) are not implemented. */
const mote_kernel_t mote_kernel_dequantize = {"DEQUANTIZE", 3,
                                              dequantize_prepare,
                                              dequantize_invoke};
