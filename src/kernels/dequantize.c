/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DEQUANTIZE glue: TFLite Micro's prepare, then the compute function of
 * dequantize.h that the build binds for the input type.
 *
 * int8, int16 or uint8 to float32, per-tensor quantization. TFLM's micro
 * kernel accepts int8 and int16; uint8 is the same formula (TFLite's
 * version 1) and is accepted as well. A per-channel input (version 5) is
 * rejected by name: TFLM would silently use the first channel's scale.
 * float16 input (also version 3, for half-precision weights) is widened
 * bit by bit.
 */
#include "kernels/dequantize.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* Per-operator state, in persistent memory. */
typedef struct dequantize_op {
  mote_dequantize_params_t p; /* in_type may be float16 here */
  int32_t count;
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
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "input 0 has %ld elements, output 0 has %ld",
        (long)mote_tensor_elements(&in), (long)mote_tensor_elements(&out));
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(dequantize_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (dequantize_op_t *)mem;
  op->p.scale = in.scale;
  op->p.zero_point = in.zero_point;
  op->count = mote_tensor_elements(&in);
  op->p.in_type = in.type;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t dequantize_invoke(mote_kctx_t *ctx) {
  const dequantize_op_t *op = (const dequantize_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  float *out = (float *)mote_kctx_output_data(ctx, 0);
  if (op->p.in_type == MOTE_TYPE_FLOAT16) {
    mote_dequantize_f16((const uint16_t *)in, out, op->count);
  } else {
    mote_dequantize(&op->p, in, out, op->count);
  }
  return MOTE_OK;
}

/* Versions: 1 (uint8), 2 int8, 3 int16 and float16. 4 and 5 (per-channel)
 * and 6 (int4) are not implemented. */
const mote_kernel_t mote_kernel_dequantize = {
    "DEQUANTIZE", 3, dequantize_prepare, dequantize_invoke};
