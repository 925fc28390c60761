/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Prepare-time helpers shared by the kernels' glue: activation ranges,
 * output sizes and padding, operand-count and type checks. The arithmetic
 * the compute functions share lives in core/ (requant.h, dot.h).
 */
#include "kernels/kernel_util.h"

#include <float.h>
#include <math.h>

/* TFLite's Quantize() helper for activation bounds: float division and
 * float rounding, then the zero point added in int32. */
static mote_status_t quantize_bound(float scale, int32_t zero_point, float f,
                                    int32_t *q) {
  const float tmp = roundf(f / scale);
  /* TFLite admits tmp == 2^31 and then converts out of range; refuse it
   * (and NaN) instead. */
  if (!(tmp >= -2147483648.0f && tmp < 2147483648.0f)) {
    return MOTE_ERR_UNSUPPORTED;
  }
  *q = zero_point + (int32_t)tmp;
  return MOTE_OK;
}

mote_status_t mote_act_range_quant(int act, mote_type_t type, float scale,
                                   int32_t zero_point, int32_t *min,
                                   int32_t *max) {
  int32_t qmin;
  int32_t qmax;
  int32_t lo = 0;
  int32_t hi = 0;
  mote_status_t st = MOTE_OK;
  switch (type) {
  case MOTE_TYPE_INT8:
    qmin = INT8_MIN;
    qmax = INT8_MAX;
    break;
  case MOTE_TYPE_INT16:
    qmin = INT16_MIN;
    qmax = INT16_MAX;
    break;
  case MOTE_TYPE_UINT8:
    qmin = 0;
    qmax = UINT8_MAX;
    break;
  default:
    return MOTE_ERR_UNSUPPORTED_TYPE;
  }
  switch (act) {
  case MOTE_ACT_NONE:
    *min = qmin;
    *max = qmax;
    return MOTE_OK;
  case MOTE_ACT_RELU:
    st = quantize_bound(scale, zero_point, 0.0f, &lo);
    hi = qmax;
    break;
  case MOTE_ACT_RELU6:
    st = quantize_bound(scale, zero_point, 0.0f, &lo);
    if (st == MOTE_OK) {
      st = quantize_bound(scale, zero_point, 6.0f, &hi);
    }
    break;
  case MOTE_ACT_RELU_N1_TO_1:
    st = quantize_bound(scale, zero_point, -1.0f, &lo);
    if (st == MOTE_OK) {
      st = quantize_bound(scale, zero_point, 1.0f, &hi);
    }
    break;
  default:
    /* TFLite silently skips clamping for TANH / SIGN_BIT; a fused tanh
     * that is not applied is a wrong answer, so refuse it. */
    return MOTE_ERR_UNSUPPORTED;
  }
  if (st != MOTE_OK) {
    return st;
  }
  *min = lo > qmin ? lo : qmin;
  *max = hi < qmax ? hi : qmax;
  return MOTE_OK;
}

mote_status_t mote_act_range_f32(int act, float *min, float *max) {
  switch (act) {
  case MOTE_ACT_NONE:
    *min = -FLT_MAX;
    *max = FLT_MAX;
    return MOTE_OK;
  case MOTE_ACT_RELU:
    *min = 0.0f;
    *max = FLT_MAX;
    return MOTE_OK;
  case MOTE_ACT_RELU6:
    *min = 0.0f;
    *max = 6.0f;
    return MOTE_OK;
  case MOTE_ACT_RELU_N1_TO_1:
    *min = -1.0f;
    *max = 1.0f;
    return MOTE_OK;
  default:
    return MOTE_ERR_UNSUPPORTED;
  }
}

mote_status_t mote_act_range_i32(int act, int32_t *min, int32_t *max) {
  switch (act) {
  case MOTE_ACT_NONE:
    *min = INT32_MIN;
    *max = INT32_MAX;
    return MOTE_OK;
  case MOTE_ACT_RELU:
    *min = 0;
    *max = INT32_MAX;
    return MOTE_OK;
  case MOTE_ACT_RELU6:
    *min = 0;
    *max = 6;
    return MOTE_OK;
  case MOTE_ACT_RELU_N1_TO_1:
    *min = -1;
    *max = 1;
    return MOTE_OK;
  default:
    return MOTE_ERR_UNSUPPORTED;
  }
}

/* Window geometry is computed in int64 and refused when it leaves int32:
 * the kernels' window loops form in + stride and in + dilated filter
 * extents in int32, so bounding those here keeps every loop defined. */
int32_t mote_conv_out_size(int padding, int32_t in, int32_t filter,
                           int32_t stride, int32_t dilation) {
  const int64_t effective = ((int64_t)filter - 1) * dilation + 1;
  if (stride <= 0 || in < 0 || filter < 1 || dilation < 1 ||
      (int64_t)in + stride > INT32_MAX || (int64_t)in + effective > INT32_MAX) {
    return 0;
  }
  switch (padding) {
  case MOTE_PADDING_SAME:
    return (int32_t)(((int64_t)in + stride - 1) / stride);
  case MOTE_PADDING_VALID:
    return (int32_t)(((int64_t)in + stride - effective) / stride);
  default:
    return 0;
  }
}

int32_t mote_conv_padding(int32_t stride, int32_t dilation, int32_t in,
                          int32_t filter, int32_t out, int32_t *offset) {
  const int64_t effective = ((int64_t)filter - 1) * dilation + 1;
  int64_t total = ((int64_t)out - 1) * stride + effective - in;
  if (total < 0) {
    total = 0;
  }
  if (total > INT32_MAX) {
    total = INT32_MAX; /* only for shapes mote_conv_out_size refuses */
  }
  *offset = (int32_t)(total % 2);
  return (int32_t)(total / 2);
}

mote_status_t mote_check_io_count(mote_kctx_t *ctx, uint32_t inputs,
                                  uint32_t outputs) {
  const uint32_t has_in = mote_kctx_input_count(ctx);
  const uint32_t has_out = mote_kctx_output_count(ctx);
  if (has_in == inputs && has_out == outputs) {
    return MOTE_OK;
  }
  return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                        "expects %u input%s and %u output%s, has %u and %u",
                        (unsigned)inputs, inputs == 1 ? "" : "s",
                        (unsigned)outputs, outputs == 1 ? "" : "s",
                        (unsigned)has_in, (unsigned)has_out);
}

mote_status_t mote_check_io_first(mote_kctx_t *ctx, uint32_t inputs,
                                  uint32_t outputs, mote_tensor_t *in,
                                  mote_tensor_t *out) {
  mote_status_t st = mote_check_io_count(ctx, inputs, outputs);
  if (st == MOTE_OK) {
    st = mote_kctx_input(ctx, 0, in);
  }
  return st != MOTE_OK ? st : mote_kctx_output(ctx, 0, out);
}

mote_status_t mote_check_type_in(mote_kctx_t *ctx, const mote_tensor_t *t,
                                 uint32_t types, const char *role) {
  if (t->type < 32 && (MOTE_TYPE_BIT(t->type) & types) != 0) {
    return MOTE_OK;
  }
  return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                        "%s (tensor %u) has type %s, which is not supported",
                        role, (unsigned)t->index,
                        mote_type_name((mote_type_t)t->type));
}

mote_status_t mote_check_type(mote_kctx_t *ctx, const mote_tensor_t *t,
                              mote_type_t type, const char *role) {
  if (t->type == (uint8_t)type) {
    return MOTE_OK;
  }
  return mote_kctx_fail(
      ctx, MOTE_ERR_UNSUPPORTED_TYPE, "%s has type %s, expected %s", role,
      mote_type_name((mote_type_t)t->type), mote_type_name(type));
}

mote_status_t mote_request_share_elementwise(mote_kctx_t *ctx, uint32_t input,
                                             const mote_tensor_t *in,
                                             const mote_tensor_t *out) {
  if (in->bytes == 0 || in->bytes != out->bytes ||
      mote_tensor_elements(in) != mote_tensor_elements(out)) {
    return MOTE_OK;
  }
  return mote_kctx_request_share(ctx, input, 0);
}

mote_status_t mote_quantize_multiplier_checked(mote_kctx_t *ctx, double real,
                                               const char *what,
                                               int32_t *multiplier,
                                               int32_t *shift) {
  int s;
  mote_quantize_multiplier(real, multiplier, &s);
  if (s > 30) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "%s rescale is too large (2^%d)", what, s);
  }
  *shift = s;
  return MOTE_OK;
}

bool mote_same_shape(const mote_tensor_t *a, const mote_tensor_t *b) {
  int d;
  if (a->rank != b->rank) {
    return false;
  }
  for (d = 0; d < (int)a->rank; ++d) {
    if (a->dims[d] != b->dims[d]) {
      return false;
    }
  }
  return true;
}

mote_status_t mote_check_rows(mote_kctx_t *ctx, const mote_tensor_t *in,
                              const mote_tensor_t *out, int32_t *outer,
                              int32_t *depth) {
  if (in->rank == 0 || !mote_same_shape(in, out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 must have rank 1 or more and output 0 "
                          "its shape");
  }
  *depth = in->dims[in->rank - 1];
  *outer = *depth == 0 ? 0 : mote_tensor_elements(in) / *depth;
  return MOTE_OK;
}
