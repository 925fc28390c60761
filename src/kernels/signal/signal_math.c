/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Integer helpers of the signal operators: bit length, rounded square
 * roots and the fixed-point natural log, with TFLM's exact rounding.
 *
 * The square roots are the classic digit-by-digit method (exact floor),
 * then round to nearest: sqrt(x) >= r + 1/2 exactly when x - r*r > r for
 * integers. TFLM saturates the rounding step at the top of the result
 * type, and its 64-bit root takes the 32-bit path (saturating at 0xFFFF)
 * whenever the upper word is clear; both quirks are kept.
 *
 * The log follows TFLM's Log32: log2 as integer part plus a fraction
 * refined through a 128-segment table of log2(1 + f) - f, converted to ln
 * with ln 2 in Q16, then scaled, each product rounded half up. Its
 * in-segment interpolation is nearly a no-op (see log2_fraction), which
 * makes the result up to ~0.0024 off ln(x); mote keeps that, since the
 * features must match TFLM's, not the true log.
 */
#include "kernels/signal/signal_math.h"

uint32_t mote_signal_msb32(uint32_t x) {
  uint32_t n = 0;
  if (x == 0) {
    return 32; /* GCC's __builtin_clz path in TFLM; the golden build. */
  }
  while (x != 0) {
    x >>= 1;
    ++n;
  }
  return n;
}

uint32_t mote_signal_msb64(uint64_t x) {
  uint32_t n = 0;
  if (x == 0) {
    return 64;
  }
  while (x != 0) {
    x >>= 1;
    ++n;
  }
  return n;
}

/* floor(sqrt(x)), one result bit per step from the top. */
static uint64_t isqrt64(uint64_t x) {
  uint64_t res = 0;
  uint64_t bit = (uint64_t)1 << 62;
  while (bit > x) {
    bit >>= 2;
  }
  while (bit != 0) {
    if (x >= res + bit) {
      x -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  return res;
}

uint16_t mote_signal_sqrt32(uint32_t x) {
  uint32_t r = (uint32_t)isqrt64(x);
  if (x - r * r > r && r != 0xFFFFu) {
    ++r;
  }
  return (uint16_t)r;
}

uint32_t mote_signal_sqrt64(uint64_t x) {
  uint64_t r;
  if ((x >> 32) == 0) {
    return mote_signal_sqrt32((uint32_t)x);
  }
  r = isqrt64(x);
  if (x - r * r > r && r != 0xFFFFFFFFu) {
    ++r;
  }
  return (uint32_t)r;
}

/* round(65536 * (log2(1 + i/128) - i/128)) for i = 0..128, and a pad. */
static const uint16_t kLogLut[130] = {
    0,    224,  442,  654,  861,  1063, 1259, 1450, 1636, 1817, 1992, 2163,
    2329, 2490, 2646, 2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848,
    3960, 4068, 4172, 4272, 4368, 4460, 4549, 4633, 4714, 4791, 4864, 4934,
    5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408, 5444, 5477, 5507,
    5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633,
    5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370,
    5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762,
    4697, 4630, 4561, 4490, 4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848,
    3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981, 2875, 2768, 2659,
    2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
    1094, 963,  830,  695,  559,  421,  282,  142,  0,    0};

const uint16_t *mote_signal_log_lut(void) {
  return kLogLut;
}

/* Fractional part of log2(x) in Q16, x in [2^ilog, 2^(ilog+1)). */
static uint32_t log2_fraction(uint32_t x, uint32_t ilog) {
  /* x - 2^ilog scaled to Q16; below 2^16 it is exact, above truncated. */
  int32_t frac = (int32_t)(x - ((uint32_t)1 << ilog));
  uint32_t seg;
  int32_t c0, c1, rel;
  if (ilog < 16) {
    frac = (int32_t)((uint32_t)frac << (16 - ilog));
  } else {
    frac = (int32_t)((uint32_t)frac >> (ilog - 16));
  }
  seg = (uint32_t)frac >> 9; /* 512 = 65536 / 128 per segment */
  c0 = kLogLut[seg];
  c1 = kLogLut[seg + 1];
  /* TFLM's "interpolation": the product of the segment's step and the
   * 9-bit position inside it is shifted by 16, not 9, so it adds at most
   * one unit and the table acts as steps. Kept, floored like TFLM's
   * arithmetic shift of the signed product. */
  rel = (c1 - c0) * (frac - (int32_t)(seg * 512u));
  rel = rel >= 0 ? rel >> 16 : -(int32_t)(((uint32_t)-rel + 65535u) >> 16);
  return (uint32_t)(frac + c0 + rel);
}

uint32_t mote_signal_log32(uint32_t x, uint32_t out_scale) {
  const uint32_t ilog = mote_signal_msb32(x) - 1;
  const uint32_t log2 = (ilog << 16) + log2_fraction(x, ilog);
  /* ln 2 = 45426 / 65536. */
  const uint32_t loge = (uint32_t)(((uint64_t)45426u * log2 + 32768u) >> 16);
  return (out_scale * loge + 32768u) >> 16;
}
