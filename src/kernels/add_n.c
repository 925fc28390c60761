/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD_N glue, as TFLite Micro: two or more inputs of one shape and type
 * (float32, or int8 with one scale and zero point for all) summed into an
 * output of that shape and type; no broadcasting, no activation. int8
 * rescales as TFLM: each input to half its scale after a left shift of
 * 20, the sum to the output's scale. The compute function takes the
 * inputs' data pointers as an array, which lives in planned scratch (as
 * in TFLM), so no input count limit is built in.
 */
#include "kernels/add_n.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct add_n_op {
  mote_add_n_params_t p;
  int32_t scratch;
  uint8_t type;
} add_n_op_t;

/* Input i against input 0: shape, type and (int8) quantization. */
static mote_status_t check_input(mote_kctx_t *ctx, uint32_t i,
                                 const mote_tensor_t *first) {
  mote_tensor_t t;
  mote_status_t st = mote_kctx_input(ctx, i, &t);
  if (st != MOTE_OK) {
    return st;
  }
  if (!mote_same_shape(&t, first) || t.type != first->type) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input %u (tensor %u) differs from input 0 in shape "
                          "or type",
                          (unsigned)i, (unsigned)t.index);
  }
  if (t.type == MOTE_TYPE_INT8 &&
      (t.scale != first->scale || t.zero_point != first->zero_point)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input %u (tensor %u) has another scale or zero "
                          "point than input 0",
                          (unsigned)i, (unsigned)t.index);
  }
  return MOTE_OK;
}

static mote_status_t prepare_s8(mote_kctx_t *ctx, const mote_tensor_t *in,
                                const mote_tensor_t *out,
                                mote_add_n_params_t *p) {
  int shift_in = 0, shift_out = 0;
  if (!(in->scale > 0.0f) || !(out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 and output 0 need a positive scale");
  }
  /* TFLM's real multipliers, in double: s / 2s, and 2s / (2^20 s_out). */
  mote_quantize_multiplier((double)in->scale / (2.0 * (double)in->scale),
                           &p->input_multiplier, &shift_in);
  mote_quantize_multiplier(2.0 * (double)in->scale /
                               (1048576.0 * (double)out->scale),
                           &p->output_multiplier, &shift_out);
  if (shift_out > 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "output 0 scale is too small for the inputs' "
                          "(rescale 2^%d)",
                          shift_out);
  }
  p->input_shift = shift_in;
  p->output_shift = shift_out;
  p->input_offset = -in->zero_point;
  p->output_offset = out->zero_point;
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx) {
  const uint32_t n = mote_kctx_input_count(ctx);
  mote_tensor_t in, out;
  add_n_op_t *op;
  void *mem;
  uint32_t i;
  mote_status_t st;
  if (n < 2 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expects 2 or more inputs and 1 output, has %u and "
                          "%u",
                          (unsigned)n, (unsigned)mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in,
                               MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) |
                                   MOTE_TYPE_BIT(MOTE_TYPE_INT8),
                               "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if (!mote_same_shape(&in, &out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) does not have the shape of "
                          "input 0 (tensor %u)",
                          (unsigned)out.index, (unsigned)in.index);
  }
  for (i = 1; i < n; ++i) {
    if ((st = check_input(ctx, i, &in)) != MOTE_OK) {
      return st;
    }
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (add_n_op_t *)mem;
  op->type = in.type;
  op->p.n = (int32_t)n;
  op->p.count = mote_tensor_elements(&out);
  if (in.type == MOTE_TYPE_INT8 &&
      (st = prepare_s8(ctx, &in, &out, &op->p)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return mote_kctx_request_scratch(ctx, n * sizeof(void *), &op->scratch);
}

static mote_status_t invoke(mote_kctx_t *ctx) {
  const add_n_op_t *op = (const add_n_op_t *)mote_kctx_user_data(ctx);
  const void **inputs = (const void **)mote_kctx_scratch(ctx, op->scratch);
  int32_t i;
  for (i = 0; i < op->p.n; ++i) {
    inputs[i] = mote_kctx_input_data(ctx, (uint32_t)i);
  }
  if (op->type == MOTE_TYPE_FLOAT32) {
    mote_add_n_f32(&op->p, (const float *const *)inputs,
                   (float *)mote_kctx_output_data(ctx, 0));
  } else {
    mote_add_n_s8(&op->p, (const int8_t *const *)inputs,
                  (int8_t *)mote_kctx_output_data(ctx, 0));
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_add_n = {"ADD_N", 2, prepare, invoke};
