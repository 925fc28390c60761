/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ELU glue: float32 and int8, as TFLite Micro (elu.h computes).
 *
 * The int8 table is built at prepare the way TFLM builds it, in float:
 * for each input byte v, x = input_scale * (v - input_zero_point), then
 * expf(x) - 1 below zero (not expm1f: TFLM's table uses exp), times
 * 1 / output_scale, rounded half away from zero, plus the output zero
 * point, clamped to int8. TFLM converts that float to int32 before it
 * clamps, which is undefined beyond int32's range; mote clamps first,
 * which gives the same byte wherever TFLM's is defined.
 */
#include "kernels/elu.h"

#include <math.h>

#include "kernels/activation_common.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define ELU_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8))

typedef struct elu_op {
  int8_t table[256];
  int32_t n;
  bool s8;
} elu_op_t;

static void build_table(const mote_tensor_t *in, const mote_tensor_t *out,
                        int8_t *table) {
  const float inverse_scale = 1.0f / out->scale;
  int32_t v;
  for (v = -128; v <= 127; ++v) {
    const float x = in->scale * (float)(v - in->zero_point);
    const float y = x < 0.0f ? expf(x) - 1.0f : x;
    const float q = roundf(y * inverse_scale) + (float)out->zero_point;
    const float c = q < -128.0f ? -128.0f : q > 127.0f ? 127.0f : q;
    table[(uint8_t)(int8_t)v] = (int8_t)(int32_t)c;
  }
}

static mote_status_t elu_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  void *mem = NULL;
  const mote_status_t st =
      mote_act_check_alloc(ctx, ELU_TYPES, "supported: float32, int8", true,
                           sizeof(elu_op_t), &in, &out, &mem);
  elu_op_t *op = (elu_op_t *)mem;
  if (st != MOTE_OK) {
    return st;
  }
  op->n = mote_tensor_elements(&in);
  op->s8 = in.type == MOTE_TYPE_INT8;
  if (op->s8) {
    build_table(&in, &out, op->table);
  }
  /* Element-wise: the output may go over an input that dies here. */
  return mote_request_share_elementwise(ctx, 0, &in, &out);
}

static mote_status_t elu_invoke(mote_kctx_t *ctx) {
  const elu_op_t *op = (const elu_op_t *)mote_kctx_user_data(ctx);
  if (op->s8) {
    mote_elu_s8(op->table, (const int8_t *)mote_kctx_input_data(ctx, 0),
                (int8_t *)mote_kctx_output_data(ctx, 0), op->n);
  } else {
    mote_elu_f32((const float *)mote_kctx_input_data(ctx, 0),
                 (float *)mote_kctx_output_data(ctx, 0), op->n);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_elu = {"ELU", 2, elu_prepare, elu_invoke};
