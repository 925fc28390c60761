/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference HARD_SWISH (hard_swish.h): TFLite's reference, bit for bit.
 * The int8 path lives in int16 arithmetic, so the helpers below are the
 * 16-bit forms of gemmlowp's primitives, each converting back to int16
 * where TFLite's int16 variables do (those conversions wrap, as on every
 * compiler mote targets).
 */
#include "kernels/hard_swish.h"

void mote_hard_swish_f32_ref(const float *input, float *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const float x = input[i];
    const float r = x + 3.0f;
    const float lo = 0.0f < r ? r : 0.0f;  /* std::max(0, r) */
    const float m = lo < 6.0f ? lo : 6.0f; /* std::min(6, lo) */
    output[i] = x * m / 6.0f;
  }
}

/* gemmlowp SaturatingRoundingDoublingHighMul on int16. */
static int16_t srdhm16(int16_t a, int16_t b) {
  const int32_t ab = (int32_t)a * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  if (a == INT16_MIN && b == INT16_MIN) {
    return INT16_MAX;
  }
  return (int16_t)((ab + nudge) / (1 << 15));
}

/* TFLite's SaturatingDoublingHighMul on int16: truncating, no nudge. */
static int16_t sdhm16(int16_t a, int16_t b) {
  if (a == INT16_MIN && b == INT16_MIN) {
    return INT16_MAX;
  }
  return (int16_t)(((int32_t)a * b) / (1 << 15));
}

/* gemmlowp RoundingDivideByPOT on int16: mask, remainder and threshold
 * are int16 values (a mask past 15 bits wraps, as in TFLite). */
static int16_t rdbp16(int16_t x, int exponent) {
  const int16_t mask = (int16_t)(((int64_t)1 << exponent) - 1);
  const int16_t remainder = (int16_t)(x & mask);
  const int16_t threshold = (int16_t)((mask >> 1) + (x < 0 ? 1 : 0));
  return (int16_t)((x >> exponent) + (remainder > threshold ? 1 : 0));
}

/* TFLite's SaturatingLeftShift on int16. */
static int16_t sat_shl16(int16_t x, int amount) {
  const int64_t r = (int64_t)x * ((int64_t)1 << amount);
  return (int16_t)(r > INT16_MAX ? INT16_MAX : (r < INT16_MIN ? INT16_MIN : r));
}

static int8_t hard_swish_q(const mote_hard_swish_params_t *p, int8_t x) {
  const int16_t d = (int16_t)(x - p->input_zero_point);
  const int16_t hires = (int16_t)(d * (1 << 7));
  const int16_t preshift = srdhm16(hires, p->output_multiplier);
  int16_t reluish = hires;
  int16_t v;
  if (p->reluish_exponent > 0) {
    reluish = sat_shl16(reluish, (int)p->reluish_exponent - 1);
  }
  reluish = srdhm16(reluish, p->reluish_multiplier);
  if (p->reluish_exponent > 0) {
    reluish = sat_shl16(reluish, 1);
  }
  if (p->reluish_exponent < 0) {
    reluish = rdbp16(reluish, (int)-p->reluish_exponent);
  }
  reluish = (int16_t)((reluish + (1 << 15)) >> 1);
  v = rdbp16(sdhm16(reluish, preshift), (int)-p->output_exponent);
  v = (int16_t)(v + p->output_zero_point);
  return (int8_t)(v > INT8_MAX ? INT8_MAX : (v < INT8_MIN ? INT8_MIN : v));
}

void mote_hard_swish_s8_ref(const mote_hard_swish_params_t *p,
                            const int8_t *input, int8_t *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = hard_swish_q(p, input[i]);
  }
}
