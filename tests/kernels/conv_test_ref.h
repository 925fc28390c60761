/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Independent reference arithmetic for the CONV_2D / DEPTHWISE_CONV_2D
 * tests: TFLite's requantization written as exact long-double formulas
 * with the documented roundings, output sizes and padding from the
 * TensorFlow definitions, and a deterministic random generator. Nothing
 * here calls the library except mote_quantize_multiplier (tested on its
 * own in test_kernel_util).
 */
#ifndef MOTE_CONV_TEST_REF_H
#define MOTE_CONV_TEST_REF_H

#include <float.h>
#include <math.h>
#include <stdint.h>

#include "kernels/kernel_util.h"

static uint32_t ref_rng = 0x12345678u;

static inline uint32_t ref_rand(void) {
  ref_rng ^= ref_rng << 13;
  ref_rng ^= ref_rng >> 17;
  ref_rng ^= ref_rng << 5;
  return ref_rng;
}

/* Uniform integer in [lo, hi]. */
static inline int32_t ref_rand_range(int32_t lo, int32_t hi) {
  return lo + (int32_t)(ref_rand() % (uint32_t)(hi - lo + 1));
}

/* Uniform float in [lo, hi). */
static inline float ref_rand_f(float lo, float hi) {
  return lo + (hi - lo) * (float)(ref_rand() >> 8) / 16777216.0f;
}

/* gemmlowp's doubling high multiply: x*m/2^31, ties toward +inf,
 * saturating. */
static inline long double ref_high_mul(long double x, int32_t m) {
  long double r = floorl(x * (long double)m / 2147483648.0L + 0.5L);
  return r > 2147483647.0L ? 2147483647.0L : r;
}

/* TFLite's 32-bit MultiplyByQuantizedMultiplier (double rounding): left
 * shift first when shift > 0, else the high multiply then a divide by
 * 2^-shift rounded half away from zero. acc must fit int32 (and acc *
 * 2^shift too; the tests keep it so). */
static inline int32_t ref_requant32(int64_t acc, int32_t m, int shift) {
  long double h;
  if (shift > 0) {
    return (int32_t)ref_high_mul((long double)acc * ldexpl(1.0L, shift), m);
  }
  h = ref_high_mul((long double)acc, m) / ldexpl(1.0L, -shift);
  return (int32_t)(h < 0 ? -floorl(-h + 0.5L) : floorl(h + 0.5L));
}

/* TFLite's 64-bit MultiplyByQuantizedMultiplier: multiplier rounded to 16
 * bits, one rounding, ties toward +inf. */
static inline int32_t ref_requant64(int64_t acc, int32_t m, int shift) {
  long double reduced = m < 0x7FFF0000
                            ? floorl(((long double)m + 32768.0L) / 65536.0L)
                            : 32767.0L;
  return (int32_t)floorl((long double)acc * reduced / ldexpl(1.0L, 15 - shift) +
                         0.5L);
}

/* Output size and leading padding as TensorFlow defines them. */
static inline int32_t ref_out_size(int padding, int32_t in, int32_t k,
                                   int32_t s, int32_t d) {
  int32_t eff = (k - 1) * d + 1;
  if (padding == MOTE_PADDING_SAME) {
    return (in + s - 1) / s;
  }
  return (in - eff) / s + 1;
}
static inline int32_t ref_pad(int32_t in, int32_t k, int32_t s, int32_t d,
                              int32_t out) {
  int32_t total = (out - 1) * s + (k - 1) * d + 1 - in;
  return total > 0 ? total / 2 : 0;
}

/* Quantized activation bounds, computed the way the TFLite spec states
 * them: the real bounds 0, 6, -1, 1 quantized with round-half-away. */
static inline void ref_act_range(int act, int32_t qmin, int32_t qmax,
                                 float scale, int32_t zp, int32_t *lo,
                                 int32_t *hi) {
  *lo = qmin;
  *hi = qmax;
  if (act == MOTE_ACT_RELU || act == MOTE_ACT_RELU6) {
    int32_t z = zp;
    *lo = z > qmin ? z : qmin;
  }
  if (act == MOTE_ACT_RELU6) {
    int32_t q = zp + (int32_t)roundf(6.0f / scale);
    *hi = q < qmax ? q : qmax;
  }
  if (act == MOTE_ACT_RELU_N1_TO_1) {
    int32_t a = zp + (int32_t)roundf(-1.0f / scale);
    int32_t b = zp + (int32_t)roundf(1.0f / scale);
    *lo = a > qmin ? a : qmin;
    *hi = b < qmax ? b : qmax;
  }
}

static inline void ref_act_range_f(int act, float *lo, float *hi) {
  *lo = -FLT_MAX;
  *hi = FLT_MAX;
  if (act == MOTE_ACT_RELU || act == MOTE_ACT_RELU6) {
    *lo = 0.0f;
  }
  if (act == MOTE_ACT_RELU6) {
    *hi = 6.0f;
  }
  if (act == MOTE_ACT_RELU_N1_TO_1) {
    *lo = -1.0f;
    *hi = 1.0f;
  }
}

/* max() then min(), as TFLM clamps. */
static inline int32_t ref_clamp(int32_t v, int32_t lo, int32_t hi) {
  if (v < lo) {
    v = lo;
  }
  return v > hi ? hi : v;
}

#endif /* MOTE_CONV_TEST_REF_H */
