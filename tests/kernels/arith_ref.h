/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference arithmetic for the element-wise, pooling, reduction and
 * quantization kernel tests, written independently of src/: exact
 * rationals in long double with explicit rounding rules, TFLite's
 * multiplier derivation re-derived from its definition (real = m * 2^(e -
 * 31) with 2^30 <= m < 2^31, m rounded half away from zero), and NumPy
 * broadcasting by brute-force index arithmetic.
 */
#ifndef MOTE_TEST_ARITH_REF_H
#define MOTE_TEST_ARITH_REF_H

#include <math.h>
#include <stdint.h>

static uint32_t ref_rng_state = 2463534242u;

/* xorshift32, as the golden data generator. */
static inline uint32_t ref_rand(void) {
  uint32_t x = ref_rng_state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  ref_rng_state = x;
  return x;
}

/* Uniform integer in [lo, hi]. */
static inline int32_t ref_rand_range(int32_t lo, int32_t hi) {
  return lo + (int32_t)(ref_rand() % (uint32_t)(hi - lo + 1));
}

/* Uniform float in [-a, a). */
static inline float ref_rand_float(float a) {
  return ((float)(ref_rand() >> 8) / 16777216.0f * 2.0f - 1.0f) * a;
}

/* x rounded to the nearest integer, ties away from zero. */
static inline long double ref_round(long double x) {
  return x < 0 ? -floorl(-x + 0.5L) : floorl(x + 0.5L);
}

/* TFLite QuantizeMultiplier, from its definition. */
static inline void ref_qmult(double real, int32_t *m, int *e) {
  long double r = (long double)real;
  long double q;
  int exp = 0;
  if (real == 0.0) {
    *m = 0;
    *e = 0;
    return;
  }
  while (r >= 1.0L) {
    r /= 2.0L;
    ++exp;
  }
  while (r < 0.5L) {
    r *= 2.0L;
    --exp;
  }
  q = ref_round(r * 2147483648.0L);
  if (q == 2147483648.0L) {
    q /= 2.0L;
    ++exp;
  }
  if (exp < -31) {
    *m = 0;
    *e = 0;
    return;
  }
  *m = (int32_t)q;
  *e = exp;
}

/* a * b / 2^31 rounded half toward +infinity, saturating. */
static inline int32_t ref_srdhm(int32_t a, int32_t b) {
  long double v = floorl((long double)a * b / 2147483648.0L + 0.5L);
  return v > 2147483647.0L ? INT32_MAX : (int32_t)v;
}

/* x / 2^e rounded half away from zero. */
static inline int32_t ref_rdbpot(int32_t x, int e) {
  return (int32_t)ref_round((long double)x / ldexpl(1.0L, e));
}

/* TFLite MultiplyByQuantizedMultiplier (double rounding); the left shift
 * wraps like TFLite's int32 multiply. */
static inline int32_t ref_mbqm(int32_t x, int32_t m, int shift) {
  if (shift > 0) {
    x = (int32_t)((uint32_t)x << shift);
    shift = 0;
  }
  return ref_rdbpot(ref_srdhm(x, m), -shift);
}

static inline int32_t ref_clamp(int64_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : (int32_t)v);
}

/* TFLite CalculateActivationRangeQuantized for act 0..3 (NONE, RELU,
 * RELU_N1_TO_1, RELU6) on a [qmin, qmax] type. */
static inline void ref_act_q(int act, float scale, int32_t zp, int32_t qmin,
                             int32_t qmax, int32_t *lo, int32_t *hi) {
  float l = -INFINITY, h = INFINITY;
  if (act == 1) {
    l = 0.0f;
  } else if (act == 2) {
    l = -1.0f;
    h = 1.0f;
  } else if (act == 3) {
    l = 0.0f;
    h = 6.0f;
  }
  *lo = qmin;
  *hi = qmax;
  if (l > -INFINITY && zp + (int32_t)roundf(l / scale) > qmin) {
    *lo = zp + (int32_t)roundf(l / scale);
  }
  if (h < INFINITY && zp + (int32_t)roundf(h / scale) < qmax) {
    *hi = zp + (int32_t)roundf(h / scale);
  }
}

/* Flat offset into a rank-r input of shape d for the output multi-index
 * idx of rank ro >= r (NumPy broadcasting: extent-1 dims repeat). */
static inline int32_t ref_bcast_offset(const int32_t *d, int r,
                                       const int32_t *idx, int ro) {
  int32_t off = 0;
  int k;
  for (k = 0; k < r; ++k) {
    const int32_t i = idx[ro - r + k];
    off = off * d[k] + (d[k] == 1 ? 0 : i);
  }
  return off;
}

/* Advances a row-major multi-index over shape d (rank r). */
static inline void ref_next_index(int32_t *idx, const int32_t *d, int r) {
  int k;
  for (k = r - 1; k >= 0; --k) {
    if (++idx[k] < d[k]) {
      return;
    }
    idx[k] = 0;
  }
}

#endif /* MOTE_TEST_ARITH_REF_H */
