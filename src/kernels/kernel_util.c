/*
 * Fixed-point requantization, activation ranges and padding shared by the
 * reference kernels.
 *
 * Conformance is byte-for-byte against TFLite Micro's default build, which
 * uses gemmlowp's "double rounding" requantization: a saturating rounding
 * doubling high multiply (ties toward +infinity on the 64-bit product)
 * followed by a rounding divide by a power of two (ties away from zero). The
 * single-rounding variant (TFLITE_SINGLE_ROUNDING) gives different bytes on
 * ties and is deliberately not offered.
 *
 * Signed right shifts are arithmetic on every compiler mote targets (C99
 * leaves them implementation-defined); TFLite relies on the same. Products
 * that TFLite computes in wrapping int32 (x * (1 << left_shift)) are formed
 * in uint32 here so that the wrap is defined rather than undefined.
 */
#include "kernels/kernel_util.h"

#include <float.h>
#include <math.h>

int32_t mote_srdhm(int32_t a, int32_t b) {
  int64_t ab;
  int64_t nudge;
  /* The only product whose doubled high half does not fit. */
  if (a == INT32_MIN && b == INT32_MIN) {
    return INT32_MAX;
  }
  ab = (int64_t)a * (int64_t)b;
  nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
  /* Division, not a shift: it truncates toward zero, and with the signed
   * nudge that rounds ties toward +infinity (0.5 -> 1, -0.5 -> 0). */
  return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

int32_t mote_rdbpot(int32_t x, int exponent) {
  const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * 2^left_shift with int32 wraparound, as TFLite's plain int32 multiply
 * behaves on every target it runs on. */
static int32_t shl_wrap(int32_t x, int left_shift) {
  return (int32_t)((uint32_t)x << (unsigned)left_shift);
}

int32_t mote_mul_by_qmult(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return mote_rdbpot(mote_srdhm(shl_wrap(x, left_shift), multiplier),
                     right_shift);
}

int32_t mote_mul_by_qmult64(int64_t x, int32_t multiplier, int shift) {
  /* TFLite narrows the multiplier to 16 bits (rounded) so that the product
   * with a 48-bit accumulator fits in 64 bits, then rounds once (half up,
   * toward +inf) with a single shift. Valid for -31 <= shift <= 7. */
  const int32_t reduced =
      multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int total_shift = 15 - shift;
  /* TFLite assumes |x| < 2^47 (an accumulator plus a bias) and overflows
   * past it, where there is no byte pattern to match; a corrupt model can
   * store any int64 bias, so saturate x to that range instead. */
  const int64_t lim = (int64_t)1 << 47;
  const int64_t xs = x < -lim ? -lim : (x > lim - 1 ? lim - 1 : x);
  const int64_t v = xs * (int64_t)reduced + ((int64_t)1 << (total_shift - 1));
  return (int32_t)(v >> total_shift);
}

int32_t mote_mul_by_qmult_lt1(int32_t x, int32_t multiplier, int left_shift) {
  return mote_rdbpot(mote_srdhm(x, multiplier), -left_shift);
}

int32_t mote_mul_by_qmult_gt1(int32_t x, int32_t multiplier, int left_shift) {
  return mote_srdhm(shl_wrap(x, left_shift), multiplier);
}

void mote_quantize_multiplier(double real, int32_t *multiplier, int *shift) {
  double q;
  int64_t q_fixed;
  int exp = 0;
  if (real == 0.0) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  /* Only a corrupt model gets here (a scale ratio with a zero divisor or
   * an infinite or NaN option): give a shift no requantizer accepts, so
   * the caller's range check refuses it, instead of converting NaN or
   * infinity to an integer (undefined). */
  if (!(real > -DBL_MAX && real < DBL_MAX)) {
    *multiplier = INT32_MAX;
    *shift = MOTE_QMULT_BAD_SHIFT;
    return;
  }
  q = frexp(real, &exp);
  /* round() is half away from zero, as TFLite's TfLiteRound (std::round). */
  q_fixed = (int64_t)round(q * (double)((int64_t)1 << 31));
  /* q in [0.5, 1) can round up to exactly 2^31: renormalize. */
  if (q_fixed == ((int64_t)1 << 31)) {
    q_fixed /= 2;
    ++exp;
  }
  /* Below 2^-31 every product would shift out: TFLite flushes to zero
   * rather than shift by more than 31. */
  if (exp < -31) {
    exp = 0;
    q_fixed = 0;
  }
  *multiplier = (int32_t)q_fixed;
  *shift = exp;
}

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

mote_status_t mote_check_type(mote_kctx_t *ctx, const mote_tensor_t *t,
                              mote_type_t type, const char *role) {
  if (t->type == (uint8_t)type) {
    return MOTE_OK;
  }
  return mote_kctx_fail(
      ctx, MOTE_ERR_UNSUPPORTED_TYPE, "%s has type %s, expected %s", role,
      mote_type_name((mote_type_t)t->type), mote_type_name(type));
}
