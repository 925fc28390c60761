/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference element-wise unary ops (unary.h): TFLM's loops, one element
 * at a time. The float functions are single-precision C library calls, as
 * TFLM's std:: overloads for float; the quantized ABS and RSQRT use the
 * gemmlowp-style helpers of kernels/core.
 */
#include <math.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/core/requant.h"
#include "kernels/unary.h"

/* Every float function is this loop around an expression of x. */
#define UNARY_F32(name, expr)                                                  \
  void name(const float *input, float *output, int32_t n) {                    \
    int32_t i;                                                                 \
    for (i = 0; i < n; ++i) {                                                  \
      const float x = input[i];                                                \
      output[i] = (expr);                                                      \
    }                                                                          \
  }

/* TFLite's RoundToNearest: halves go to the even neighbour. The int cast
 * only happens for a fraction of exactly 1/2, so |x| < 2^23. */
static float round_half_even(float x) {
  const float f = floorf(x);
  const float diff = x - f;
  if (diff < 0.5f || (diff == 0.5f && (int32_t)f % 2 == 0)) {
    return f;
  }
  return f + 1.0f;
}

UNARY_F32(mote_abs_f32_ref, fabsf(x))
UNARY_F32(mote_neg_f32_ref, -x)
UNARY_F32(mote_square_f32_ref, x *x)
UNARY_F32(mote_sqrt_f32_ref, sqrtf(x))
UNARY_F32(mote_rsqrt_f32_ref, 1.0f / sqrtf(x))
UNARY_F32(mote_exp_f32_ref, expf(x))
UNARY_F32(mote_log_f32_ref, logf(x))
UNARY_F32(mote_sin_f32_ref, sinf(x))
UNARY_F32(mote_cos_f32_ref, cosf(x))
UNARY_F32(mote_floor_f32_ref, floorf(x))
UNARY_F32(mote_ceil_f32_ref, ceilf(x))
UNARY_F32(mote_round_f32_ref, round_half_even(x))

void mote_abs_s16_plain_ref(const int16_t *input, int16_t *output,
                            int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const int32_t x = input[i];
    /* TFLM's std::abs in int, then the cast back: -32768 stays. */
    output[i] = (int16_t)(uint16_t)(uint32_t)(x < 0 ? -x : x);
  }
}

static int32_t clamp_add(int32_t v, int32_t zp, int32_t lo, int32_t hi) {
  const int64_t s = (int64_t)v + zp;
  return s < lo ? lo : (s > hi ? hi : (int32_t)s);
}

/* ABS over an integer type T with limits lo, hi. */
#define ABS_Q(name, T, lo, hi)                                                 \
  void name(const mote_unary_q_t *q, const T *input, T *output, int32_t n) { /* NOLINT(bugprone-macro-parentheses): T is a type */ \
    int32_t i;                                                                 \
    for (i = 0; i < n; ++i) {                                                  \
      const int32_t d = (int32_t)input[i] - q->input_zero_point;               \
      int32_t v = d < 0 ? -d : d;                                              \
      if (q->rescale) {                                                        \
        v = mote_mul_by_quant_mult(v, q->multiplier, (int)q->shift);           \
      }                                                                        \
      output[i] = (T)clamp_add(v, q->output_zero_point, lo, hi);               \
    }                                                                          \
  }

ABS_Q(mote_abs_s8_ref, int8_t, INT8_MIN, INT8_MAX)
ABS_Q(mote_abs_s16_ref, int16_t, INT16_MIN, INT16_MAX)

int32_t mote_rsqrt_s8_ref(const mote_unary_q_t *q, const int8_t *input,
                          int8_t *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const int32_t v = (int32_t)input[i] - q->input_zero_point;
    int32_t m = INT32_MAX, data, out;
    int s = 0;
    if (v < 0) {
      return i;
    }
    if (v == 0) {
      output[i] = INT8_MAX;
      continue;
    }
    if (v > 1) {
      m = mote_fp_inv_sqrt(v, &s);
    }
    /* 2^20 of headroom keeps the intermediate an integer. */
    data = mote_mul_by_quant_mult(1, m, s + 20);
    out = mote_mul_by_quant_mult(data, q->multiplier, (int)q->shift - 20);
    output[i] = (int8_t)clamp_add(out, q->output_zero_point, INT8_MIN,
                                  INT8_MAX);
  }
  return -1;
}

void mote_logical_not_ref(const bool *input, bool *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = !input[i];
  }
}
