/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The shared integer cores (src/kernels/core): dot products, the
 * vector-matrix products of every implementation the build binds, and the
 * requantization struct, against sums written out here in 64-bit
 * arithmetic and TFLite's requantization from its definition.
 *
 * Random lengths cover the tails of blocked implementations (0 to 67
 * elements, rows not a multiple of 4); values cover the int8 and int16
 * extremes and input offsets of -127..128, where int8 sums can wrap 32
 * bits only in a test that forces it (checked separately).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/core/dot.h"
#include "kernels/core/requant.h"
#include "kernels/core/vec_mat.h"
#include "kernels/portable/requant_portable.h"
#include "test.h"

static uint32_t g_rng = 0x9E3779B9u;
static uint32_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}
static int32_t rnd_range(int32_t lo, int32_t hi) {
  return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}
/* Extremes one time in four, else uniform. */
static int8_t rnd_s8(void) {
  const uint32_t r = rnd() % 16;
  return r == 0 ? INT8_MIN : r == 1 ? INT8_MAX : (int8_t)rnd_range(-128, 127);
}
static int16_t rnd_s16(void) {
  const uint32_t r = rnd() % 16;
  return r == 0   ? INT16_MIN
         : r == 1 ? INT16_MAX
                  : (int16_t)rnd_range(-32768, 32767);
}

/* TFLite's MultiplyByQuantizedMultiplier written from its definition:
 * saturating doubling high multiply rounding half up, then a rounding
 * right shift rounding half away from zero, with floor division. */
static int32_t want_requant(int64_t acc32, int32_t m, int shift) {
  const int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
  const int32_t x = (int32_t)(uint32_t)((uint64_t)acc32 << left);
  int64_t prod, hi;
  int32_t q, mask, rem, thr;
  if (x == INT32_MIN && m == INT32_MIN) {
    q = INT32_MAX;
  } else {
    prod = (int64_t)x * m;
    hi = prod + (prod >= 0 ? (1ll << 30) : (1 - (1ll << 30)));
    q = (int32_t)(hi / (1ll << 31));
  }
  mask = (int32_t)((1ll << right) - 1);
  rem = q & mask;
  thr = (mask >> 1) + (q < 0 ? 1 : 0);
  return (q >> right) + (rem > thr ? 1 : 0);
}

static void test_dot(void) {
  int8_t x[80], w[80];
  int16_t x16[80];
  int it, i;
  for (it = 0; it < 2000; ++it) {
    const int32_t n = rnd_range(0, 67);
    const int32_t off = rnd_range(-127, 128);
    const int32_t acc0 = rnd_range(-100000, 100000);
    int64_t want = acc0, want16 = acc0;
    for (i = 0; i < n; ++i) {
      x[i] = rnd_s8();
      x16[i] = rnd_s16();
      w[i] = rnd_s8();
      want += (int64_t)w[i] * (x[i] + off);
      want16 += (int64_t)w[i] * (x16[i] + off);
    }
    CHECK_EQ_INT(mote_dot_s8(acc0, x, off, w, n), (int32_t)want);
    CHECK(mote_dot_s16_s8(acc0, x16, off, w, n) == want16);
    /* Strided: every other element of x against every third of w. */
    {
      const int32_t m = n / 3;
      int64_t ws = acc0;
      for (i = 0; i < m; ++i) {
        ws += (int64_t)w[3 * i] * (x[2 * i] + off);
      }
      CHECK_EQ_INT(mote_dot_s8_strided(acc0, x, 2, off, w, 3, m), (int32_t)ws);
    }
  }
}

/* An int8 sum past 2^31 wraps as TFLite's int32 accumulator does. */
static void test_dot_wraps(void) {
  static int8_t x[70000], w[70000];
  const int32_t n = 70000;
  uint32_t want = 0;
  int32_t i;
  for (i = 0; i < n; ++i) {
    x[i] = INT8_MIN;
    w[i] = INT8_MIN;
    want += (uint32_t)((-128 - 128) * -128);
  }
  CHECK_EQ_INT(mote_dot_s8(0, x, -128, w, n), (int32_t)want);
}

/* Rows x cols weights, per-channel or per-tensor scaling, random bias. */
typedef struct vm_case {
  int32_t rows, cols, off, out_off, lo, hi, per_channel;
  int32_t mult[40];
  int8_t shift[40];
  int32_t bias[40];
  int64_t bias64[40];
  int8_t x[70], w[40 * 70];
  int16_t x16[70];
} vm_case_t;

static void make_case(vm_case_t *c, int out16) {
  int32_t i;
  c->rows = rnd_range(1, 37);
  c->cols = rnd_range(1, 67);
  c->off = out16 ? 0 : rnd_range(-127, 128);
  c->out_off = out16 ? 0 : rnd_range(-128, 127);
  c->lo = out16 ? INT16_MIN : rnd_range(-128, 0);
  c->hi = out16 ? INT16_MAX : rnd_range(0, 127);
  c->per_channel = (int32_t)(rnd() & 1);
  for (i = 0; i < c->rows; ++i) {
    int sh = 0;
    mote_quantize_multiplier((double)rnd_range(1, 1 << 20) / (1 << 28),
                             &c->mult[i], &sh);
    c->shift[i] = (int8_t)sh;
    c->bias[i] = rnd_range(-200000, 200000);
    c->bias64[i] = (int64_t)c->bias[i] * 37;
  }
  for (i = 0; i < c->cols; ++i) {
    c->x[i] = rnd_s8();
    c->x16[i] = rnd_s16();
  }
  for (i = 0; i < c->rows * c->cols; ++i) {
    c->w[i] = rnd_s8();
  }
}

static mote_requant_t rq_of(const vm_case_t *c) {
  mote_requant_t q;
  q.multiplier = c->mult;
  q.shift = c->shift;
  q.per_channel = c->per_channel;
  q.output_offset = c->out_off;
  q.act_min = c->lo;
  q.act_max = c->hi;
  return q;
}

static int32_t clamp(int32_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

/* Row r of the int8 products, as the reference must compute it. */
static int32_t want_row_s8(const vm_case_t *c, int32_t r, int bias) {
  const int32_t e = c->per_channel ? r : 0;
  int64_t acc = bias ? c->bias[r] : 0;
  int32_t i;
  for (i = 0; i < c->cols; ++i) {
    acc += (int64_t)c->w[r * c->cols + i] * (c->x[i] + c->off);
  }
  return clamp(want_requant((int32_t)acc, c->mult[e], c->shift[e]) +
                   c->out_off,
               c->lo, c->hi);
}

static void test_vec_mat(void) {
  static vm_case_t c;
  int it, r;
  for (it = 0; it < 400; ++it) {
    const int bias = (int)(rnd() & 1);
    int8_t out8[40];
    int16_t out16[40];
    mote_requant_t q;
    make_case(&c, 0);
    q = rq_of(&c);
    mote_vec_mat_s8(c.x, c.off, c.w, bias ? c.bias : NULL, c.rows, c.cols,
                    &q, out8);
    for (r = 0; r < c.rows; ++r) {
      CHECK_EQ_INT(out8[r], want_row_s8(&c, r, bias));
    }
    mote_vec_mat_s8_s16(c.x, c.off, c.w, bias ? c.bias : NULL, c.rows,
                        c.cols, &q, out16);
    for (r = 0; r < c.rows; ++r) {
      CHECK_EQ_INT(out16[r], want_row_s8(&c, r, bias));
    }
  }
}

/* 16x8: the exact int64 sum, the int64 rescale (a 16-bit multiplier and
 * one rounding shift, TFLite's definition). */
static void test_vec_mat_s16(void) {
  static vm_case_t c;
  int it, r, i;
  for (it = 0; it < 400; ++it) {
    const int bias = (int)(rnd() & 1);
    int16_t out[40];
    mote_requant_t q;
    make_case(&c, 1);
    q = rq_of(&c);
    mote_vec_mat_s16(c.x16, 0, c.w, bias ? c.bias64 : NULL, c.rows, c.cols,
                     &q, out);
    for (r = 0; r < c.rows; ++r) {
      const int32_t e = c.per_channel ? r : 0;
      const int32_t m16 = c.mult[e] < 0x7FFF0000
                              ? (c.mult[e] + (1 << 15)) >> 16
                              : 0x7FFF;
      const int ts = 15 - c.shift[e];
      int64_t acc = bias ? c.bias64[r] : 0;
      for (i = 0; i < c.cols; ++i) {
        acc += (int64_t)c.w[r * c.cols + i] * c.x16[i];
      }
      acc = (acc * m16 + (1ll << (ts - 1))) >> ts;
      CHECK_EQ_INT(out[r], clamp((int32_t)acc, INT16_MIN, INT16_MAX));
    }
  }
}

static void test_requant_entry(void) {
  int32_t mult[3] = {1 << 30, 3 << 29, 1 << 30};
  int8_t shift[3] = {0, -1, 1};
  mote_requant_t q;
  q.multiplier = mult;
  q.shift = shift;
  q.output_offset = 5;
  q.act_min = -128;
  q.act_max = 127;
  q.per_channel = 1;
  CHECK_EQ_INT(mote_requant_apply(&q, 0, 100), 55);  /* 100 / 2 + 5 */
  CHECK_EQ_INT(mote_requant_apply(&q, 1, 100), 43);  /* 37.5 -> 38, + 5 */
  CHECK_EQ_INT(mote_requant_apply(&q, 2, 100), 105); /* 100 + 5 */
  CHECK_EQ_INT(mote_requant_apply(&q, 2, 1000), 127);
  q.per_channel = 0; /* entry 0 for every channel */
  CHECK_EQ_INT(mote_requant_apply(&q, 2, 100), 55);
}

/* The portable family's inline requantization against the core's, on
 * every shift, multipliers the glue can make (0, [2^30, 2^31)), and
 * accumulators at the extremes, uniform, and odd multiples of half the
 * shift's step (with a multiplier of 2^30, rounding ties). */
static void test_requant_portable(void) {
  static const int32_t edges[] = {INT32_MIN, INT32_MIN + 1, -1, 0, 1,
                                  INT32_MAX, 1 << 30, -(1 << 30)};
  int shift, i;
  for (shift = -31; shift <= 30; ++shift) {
    for (i = 0; i < 400; ++i) {
      const int32_t m = i % 50 == 0 ? 0
                        : i % 50 == 1 ? INT32_MAX
                        : i % 50 == 2 ? 1 << 30
                                      : (int32_t)((1u << 30) | (rnd() >> 2));
      const int k = i % 3;
      int32_t acc = i < 8 ? edges[i]
                    : k == 0 ? (int32_t)rnd()
                    : k == 1 ? rnd_range(-100000, 100000)
                             : (int32_t)((uint32_t)rnd_range(-1000, 1000)
                                         << (shift < -1 ? -shift - 1 : 0));
      const int32_t lo = i % 7 == 0 ? -128 : INT32_MIN;
      const int32_t hi = i % 7 == 0 ? 127 : INT32_MAX;
      CHECK_EQ_INT(mote_requantize_portable(acc, m, shift, 3, lo, hi),
                   mote_requantize(acc, m, shift, 3, lo, hi));
    }
  }
}

int main(void) {
  MOTE_RUN(test_requant_portable);
  MOTE_RUN(test_dot);
  MOTE_RUN(test_dot_wraps);
  MOTE_RUN(test_vec_mat);
  MOTE_RUN(test_vec_mat_s16);
  MOTE_RUN(test_requant_entry);
  return MOTE_TEST_END();
}
