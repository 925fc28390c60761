/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SVDF glue: TFLite Micro's PrepareSvdf, check for check; the arithmetic
 * is in svdf_eval.c.
 *
 * The state (input 4) is a variable tensor the interpreter keeps across
 * invocations and resets with mote_interp_reset_state() (an int8 state to
 * its zero point, as TFLite Micro). The two integer rescale factors are
 * computed in float, as TFLite Micro writes them (input x feature weights
 * / state, state x time weights / output), and only then widened to double
 * for QuantizeMultiplier; the bias scale must match state x time weights
 * within 1e-5.
 *
 * Supported: float32 (version 1) and int8 with int16 or int8 time weights
 * and state, int32 bias (version 3); bias optional. Refused by name: hybrid
 * float input with int8 weights (versions 2 and 4; TFLite Micro refuses
 * them too), per-channel quantization, a state whose type differs from the
 * time weights (TFLite Micro would read it as the time-weight type), a
 * state that is not a variable tensor, a rank that does not divide the
 * filters.
 */
#include "kernels/svdf.h"

#include <stddef.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* TFLite's SVDFOptions, BuiltinOptions union index 6. */
#define SVDF_OPTIONS 6

typedef struct svdf_op {
  mote_svdf_dims_t d;
  mote_svdf_q_t q;
  int32_t scratch;
  uint8_t type;    /* input type */
  uint8_t state16; /* integer: int16 (1) or int8 (0) state */
  uint8_t act;
  uint8_t has_bias;
} svdf_op_t;

static mote_status_t check_rank2(mote_kctx_t *ctx, const mote_tensor_t *t,
                                 const char *role) {
  if (t->rank != 2) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s must have rank 2, has rank %d", role,
                          (int)t->rank);
  }
  return MOTE_OK;
}

static mote_status_t check_per_tensor(mote_kctx_t *ctx, const mote_tensor_t *t,
                                      const char *role) {
  if (t->quant_count != 1 || !(t->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "%s must be quantized per tensor with a positive "
                          "scale (has %u scales)",
                          role, (unsigned)t->quant_count);
  }
  return MOTE_OK;
}

/* Shapes: input [batch, n_input], weights_feature [n_filter, n_input],
 * weights_time [n_filter, n_memory], bias [n_unit], state [batch,
 * n_filter * n_memory], output [batch, n_unit]. */
static mote_status_t check_shapes(mote_kctx_t *ctx, const mote_tensor_t *t,
                                  int32_t rank, mote_svdf_dims_t *d) {
  const mote_tensor_t *in = &t[0];
  const mote_tensor_t *wf = &t[1];
  const mote_tensor_t *wt = &t[2];
  const mote_tensor_t *bias = &t[3];
  const mote_tensor_t *state = &t[4];
  const mote_tensor_t *out = &t[5];
  mote_status_t st;
  if ((st = check_rank2(ctx, in, "input 0")) != MOTE_OK ||
      (st = check_rank2(ctx, wf, "input 1 (weights_feature)")) != MOTE_OK ||
      (st = check_rank2(ctx, wt, "input 2 (weights_time)")) != MOTE_OK ||
      (st = check_rank2(ctx, state, "input 4 (state)")) != MOTE_OK ||
      (st = check_rank2(ctx, out, "output 0")) != MOTE_OK) {
    return st;
  }
  d->batch = in->dims[0];
  d->n_input = in->dims[1];
  d->n_filter = wf->dims[0];
  d->n_memory = wt->dims[1];
  d->rank = rank;
  if (rank <= 0 || d->n_filter % rank != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "rank %d must be positive and divide the %d "
                          "filters",
                          (int)rank, (int)d->n_filter);
  }
  if (d->batch <= 0 || d->n_input <= 0 || d->n_memory <= 0 ||
      d->n_filter <= 0 ||
      wf->dims[1] != d->n_input || wt->dims[0] != d->n_filter) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "weights_feature [%d, %d] and weights_time [%d, %d] "
                          "do not fit input [%d, %d]",
                          (int)wf->dims[0], (int)wf->dims[1],
                          (int)wt->dims[0], (int)wt->dims[1], (int)d->batch,
                          (int)d->n_input);
  }
  /* In 64 bits: the sizes come from the model. The scratch (two int32
   * per filter and batch row) must fit an int32 byte count too. */
  if (state->dims[0] != d->batch ||
      (int64_t)state->dims[1] != (int64_t)d->n_memory * d->n_filter ||
      (int64_t)d->batch * d->n_filter * 8 > INT32_MAX) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 4 (state) is [%d, %d]; expected [%d, %d "
                          "memory x %d filters]",
                          (int)state->dims[0], (int)state->dims[1],
                          (int)d->batch, (int)d->n_memory,
                          (int)d->n_filter);
  }
  if ((state->flags & MOTE_TENSOR_VARIABLE) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 4 (state) must be a variable tensor");
  }
  if (out->dims[0] != d->batch || out->dims[1] != d->n_filter / rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 is [%d, %d]; expected [%d, %d]",
                          (int)out->dims[0], (int)out->dims[1],
                          (int)d->batch, (int)(d->n_filter / rank));
  }
  if ((bias->flags & MOTE_TENSOR_ABSENT) == 0 &&
      (bias->rank != 1 || bias->dims[0] != d->n_filter / rank)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 3 (bias) must be [%d]",
                          (int)(d->n_filter / rank));
  }
  return MOTE_OK;
}

static mote_status_t prepare_int(mote_kctx_t *ctx, const mote_tensor_t *t,
                                 svdf_op_t *op) {
  const mote_tensor_t *in = &t[0];
  const mote_tensor_t *wf = &t[1];
  const mote_tensor_t *wt = &t[2];
  const mote_tensor_t *bias = &t[3];
  const mote_tensor_t *state = &t[4];
  const mote_tensor_t *out = &t[5];
  float s1;
  float s2;
  int shift;
  mote_status_t st;
  if ((st = mote_check_type(ctx, wf, MOTE_TYPE_INT8,
                            "input 1 (weights_feature)")) != MOTE_OK ||
      (st = mote_check_type(ctx, out, MOTE_TYPE_INT8, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if (wt->type != MOTE_TYPE_INT16 && wt->type != MOTE_TYPE_INT8) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 2 (weights_time) has type %s; supported: "
                          "int16, int8",
                          mote_type_name((mote_type_t)wt->type));
  }
  if ((st = mote_check_type(ctx, state, (mote_type_t)wt->type,
                            "input 4 (state, as weights_time)")) != MOTE_OK) {
    return st;
  }
  op->has_bias = (bias->flags & MOTE_TENSOR_ABSENT) == 0;
  if (op->has_bias &&
      (st = mote_check_type(ctx, bias, MOTE_TYPE_INT32, "input 3 (bias)")) !=
          MOTE_OK) {
    return st;
  }
  if ((st = check_per_tensor(ctx, in, "input 0")) != MOTE_OK ||
      (st = check_per_tensor(ctx, wf, "input 1 (weights_feature)")) !=
          MOTE_OK ||
      (st = check_per_tensor(ctx, wt, "input 2 (weights_time)")) != MOTE_OK ||
      (st = check_per_tensor(ctx, state, "input 4 (state)")) != MOTE_OK ||
      (st = check_per_tensor(ctx, out, "output 0")) != MOTE_OK) {
    return st;
  }
  /* Float arithmetic first, as TFLite Micro writes it; double only for
   * QuantizeMultiplier. */
  s1 = in->scale * wf->scale / state->scale;
  s2 = state->scale * wt->scale / out->scale;
  if (op->has_bias) {
    const float product = state->scale * wt->scale;
    const double diff = (double)bias->scale - (double)product;
    if (!((diff < 0.0 ? -diff : diff) < 1e-5)) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "input 3 (bias) scale must equal state scale x "
                            "weights_time scale");
    }
  }
  mote_quantize_multiplier((double)s1, &op->q.feature_multiplier, &shift);
  op->q.feature_shift = shift;
  mote_quantize_multiplier((double)s2, &op->q.output_multiplier, &shift);
  op->q.output_shift = shift;
  /* A left shift past 30 overflows the int32 requantization. */
  if (op->q.feature_shift > 30 || op->q.output_shift > 30) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "rescale 2^%d or 2^%d is too large",
                          (int)op->q.feature_shift, (int)op->q.output_shift);
  }
  op->q.input_zero_point = in->zero_point;
  op->q.state_zero_point = state->zero_point;
  op->q.output_zero_point = out->zero_point;
  op->state16 = wt->type == MOTE_TYPE_INT16;
  return MOTE_OK;
}

static mote_status_t prepare_f32(mote_kctx_t *ctx, const mote_tensor_t *t,
                                 svdf_op_t *op) {
  mote_status_t st;
  if ((st = mote_check_type(ctx, &t[1], MOTE_TYPE_FLOAT32,
                            "input 1 (weights_feature); hybrid SVDF is not "
                            "supported")) != MOTE_OK ||
      (st = mote_check_type(ctx, &t[2], MOTE_TYPE_FLOAT32,
                            "input 2 (weights_time)")) != MOTE_OK ||
      (st = mote_check_type(ctx, &t[4], MOTE_TYPE_FLOAT32,
                            "input 4 (state)")) != MOTE_OK ||
      (st = mote_check_type(ctx, &t[5], MOTE_TYPE_FLOAT32, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  op->has_bias = (t[3].flags & MOTE_TENSOR_ABSENT) == 0;
  if (op->has_bias) {
    return mote_check_type(ctx, &t[3], MOTE_TYPE_FLOAT32, "input 3 (bias)");
  }
  return MOTE_OK;
}

static mote_status_t svdf_prepare(mote_kctx_t *ctx) {
  mote_tensor_t t[6];
  mote_options_t opt;
  svdf_op_t *op;
  void *mem = NULL;
  uint32_t i;
  mote_status_t st;
  if (mote_kctx_input_count(ctx) != 5 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "needs 5 inputs and 1 output, has %u and %u",
                          mote_kctx_input_count(ctx),
                          mote_kctx_output_count(ctx));
  }
  for (i = 0; i < 5; ++i) {
    if ((st = mote_kctx_input(ctx, i, &t[i])) != MOTE_OK) {
      return st;
    }
    if (i != 3 && (t[i].flags & MOTE_TENSOR_ABSENT) != 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "input %u is required", (unsigned)i);
    }
  }
  if ((st = mote_kctx_output(ctx, 0, &t[5])) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, SVDF_OPTIONS, &opt)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (svdf_op_t *)mem;
  st = check_shapes(ctx, t, mote_options_i32(&opt, 0, 0), &op->d);
  if (st != MOTE_OK) {
    return st;
  }
  op->type = t[0].type;
  op->act = mote_options_u8(&opt, 1, MOTE_ACT_NONE);
  if (t[0].type == MOTE_TYPE_FLOAT32) {
    if (op->act > MOTE_ACT_SIGN_BIT) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "fused activation %d not supported",
                            (int)op->act);
    }
    st = prepare_f32(ctx, t, op);
    if (st == MOTE_OK) {
      st = mote_kctx_request_scratch(
          ctx, (size_t)mote_svdf_scratch_f32(&op->d), &op->scratch);
    }
  } else if (t[0].type == MOTE_TYPE_INT8) {
    st = prepare_int(ctx, t, op);
    if (st == MOTE_OK) {
      st = mote_kctx_request_scratch(
          ctx, (size_t)mote_svdf_scratch_int(&op->d), &op->scratch);
    }
  } else {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; supported: float32, int8",
                          mote_type_name((mote_type_t)t[0].type));
  }
  if (st == MOTE_OK) {
    mote_kctx_set_user_data(ctx, op);
  }
  return st;
}

static mote_status_t svdf_invoke(mote_kctx_t *ctx) {
  const svdf_op_t *op = (const svdf_op_t *)mote_kctx_user_data(ctx);
  void *scratch = mote_kctx_scratch(ctx, op->scratch);
  const void *in = mote_kctx_input_data(ctx, 0);
  const void *wf = mote_kctx_input_data(ctx, 1);
  const void *wt = mote_kctx_input_data(ctx, 2);
  const void *bias = op->has_bias ? mote_kctx_input_data(ctx, 3) : NULL;
  void *state = mote_kctx_input_data(ctx, 4);
  void *out = mote_kctx_output_data(ctx, 0);
  if (op->type == MOTE_TYPE_FLOAT32) {
    mote_svdf_f32(&op->d, (const float *)in, (const float *)wf,
                  (const float *)wt, (const float *)bias, (float *)state,
                  (float *)scratch, (float *)out, op->act);
  } else if (op->state16) {
    mote_svdf_s8_s16(&op->d, &op->q, (const int8_t *)in, (const int8_t *)wf,
                     (const int16_t *)wt, (const int32_t *)bias,
                     (int16_t *)state, (int32_t *)scratch, (int8_t *)out);
  } else {
    mote_svdf_s8_s8(&op->d, &op->q, (const int8_t *)in, (const int8_t *)wf,
                    (const int8_t *)wt, (const int32_t *)bias, (int8_t *)state,
                    (int32_t *)scratch, (int8_t *)out);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_svdf = {"SVDF", 3, svdf_prepare,
                                        svdf_invoke};
