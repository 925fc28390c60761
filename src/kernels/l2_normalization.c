/* SPDX-License-Identifier: Apache-2.0 */
/*
 * L2_NORMALIZATION glue: TFLite Micro's l2norm.cc, float32 and int8; the
 * compute functions are l2_normalization.h's, and so is what they
 * compute.
 *
 * Prepare checks what TFLite does: no fused activation (no kernel has
 * one), the output of the input's type and shape, and for int8 the
 * output quantization the integer path assumes (scale 1/128, zero point
 * 0). Input and output must have one shape of rank 1 or more (TFLM
 * assumes it). The options are L2NormOptions (its field 0 the fused
 * activation).
 */
#include "kernels/l2_normalization.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define L2NORM_OPTIONS 12

typedef struct l2norm_op {
  mote_l2norm_params_t p;
  uint8_t type;
} l2norm_op_t;

static mote_status_t l2norm_prepare(mote_kctx_t *ctx) {
  const uint32_t types =
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8);
  mote_tensor_t in, out;
  mote_options_t opt;
  mote_l2norm_params_t p;
  l2norm_op_t *op;
  void *mem;
  int act;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 1, 1, &in, &out)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, L2NORM_OPTIONS, &opt)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, types, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  act = (int)mote_options_u8(&opt, 0, MOTE_ACT_NONE);
  if (act != MOTE_ACT_NONE) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "fused activation %d: L2_NORMALIZATION takes none",
                          act);
  }
  if ((st = mote_check_rows(ctx, &in, &out, &p.outer, &p.depth)) != MOTE_OK) {
    return st;
  }
  if (in.type == MOTE_TYPE_INT8 &&
      (out.scale != 1.0f / 128.0f || out.zero_point != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 output 0 needs scale 1/128 and zero point 0, "
                          "has %g and %ld",
                          (double)out.scale, (long)out.zero_point);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(l2norm_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (l2norm_op_t *)mem;
  p.input_zero_point = in.type == MOTE_TYPE_INT8 ? in.zero_point : 0;
  op->p = p;
  op->type = in.type;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t l2norm_invoke(mote_kctx_t *ctx) {
  const l2norm_op_t *op = (const l2norm_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  if (op->type == MOTE_TYPE_INT8) {
    mote_l2norm_s8(&op->p, (const int8_t *)in, (int8_t *)out);
  } else {
    mote_l2norm_f32(&op->p, (const float *)in, (float *)out);
  }
  return MOTE_OK;
}

/* Versions: 1 float32, 2 int8. */
const mote_kernel_t mote_kernel_l2_normalization = {
    "L2_NORMALIZATION", 2, l2norm_prepare, l2norm_invoke};
