/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Requantization: how every quantized kernel turns an integer accumulator
 * into an output value, and the fixed-point primitives under it.
 *
 * TFLite's quantization spec defines a real rescale factor (input scale x
 * filter scale / output scale, per tensor or per output channel) and
 * represents it as a Q0.31 multiplier and a power-of-two shift: real =
 * multiplier * 2^(shift - 31). Applying it is gemmlowp's "double rounding":
 * a saturating rounding doubling high multiply, then a rounding right
 * shift. TFLite Micro's default build uses exactly that, and conformance is
 * byte for byte, so so do we. The single-rounding variant
 * (TFLITE_SINGLE_ROUNDING) gives other bytes on ties and is not offered.
 *
 * Names, with TFLite's (gemmlowp's) in brackets:
 *   mote_doubling_high_mul      [SaturatingRoundingDoublingHighMul]
 *   mote_rounding_shift_right   [RoundingDivideByPOT]
 *   mote_mul_by_quant_mult      [MultiplyByQuantizedMultiplier, int32]
 *   mote_mul_by_quant_mult64    [MultiplyByQuantizedMultiplier, int64]
 *   mote_mul_by_quant_mult_lt1  [...SmallerThanOneExp]
 *   mote_mul_by_quant_mult_gt1  [...GreaterThanOne]
 *   mote_quantize_multiplier    [QuantizeMultiplier]
 *
 * One parameter struct, mote_requant_t, carries an op's output scaling for
 * every kernel, per-tensor and per-channel alike: multiplier and shift
 * arrays with one entry per channel, or a single entry every channel
 * shares (a per-tensor filter keeps one copy, not out_c identical ones:
 * requantization data is the bulk of a MobileNet's persistent memory).
 * Shifts are int8_t because TFLite's lie in [-31, 30].
 *
 * Signed right shifts are arithmetic on every compiler mote targets (C99
 * leaves them implementation-defined; TFLite relies on the same). Sums that
 * TFLite forms in plain int32 go through uint32_t here, so that a wrap is
 * defined instead of undefined.
 *
 * No framework dependency: compute functions of every implementation
 * include this, glue code reaches it through kernel_util.h.
 */
#ifndef MOTE_KERNELS_CORE_REQUANT_H
#define MOTE_KERNELS_CORE_REQUANT_H

#include <stdint.h>

/* Saturating rounding doubling high multiply: the high 32 bits of 2ab,
 * rounded half toward +infinity; INT32_MIN * INT32_MIN saturates. */
int32_t mote_doubling_high_mul(int32_t a, int32_t b);

/* x / 2^exponent rounded to nearest, ties away from zero; 0 <= exponent
 * <= 31. */
int32_t mote_rounding_shift_right(int32_t x, int exponent);

/* x * multiplier * 2^(shift - 31), TFLite's double rounding; -31 <= shift
 * <= 30. A left shift wraps in 32 bits first, as TFLite's int32 product. */
int32_t mote_mul_by_quant_mult(int32_t x, int32_t multiplier, int shift);

/* The same for an int64 accumulator (16x8 kernels): the multiplier is
 * narrowed to 16 bits and the product rounded once. -31 <= shift <= 14
 * (TFLite's release build; the low 32 bits of a result past int32 are
 * kept, as its cast does); |x| is saturated to 2^47 (TFLite overflows
 * there). */
int32_t mote_mul_by_quant_mult64(int64_t x, int32_t multiplier, int shift);

/* Variants for a known shift sign: right shift by -left_shift (<= 0 given
 * as left_shift), or left shift (>= 0) without the final rounding shift. */
int32_t mote_mul_by_quant_mult_lt1(int32_t x, int32_t multiplier,
                                   int left_shift);
int32_t mote_mul_by_quant_mult_gt1(int32_t x, int32_t multiplier,
                                   int left_shift);

/* real = *multiplier * 2^(*shift - 31), *multiplier in [2^30, 2^31) or 0.
 * Below 2^-31 flushes to 0 (shift 0). The shift is not bounded above and
 * is MOTE_QMULT_BAD_SHIFT for an infinite or NaN real: callers check it
 * against the range their requantizer supports. */
void mote_quantize_multiplier(double real, int32_t *multiplier, int *shift);
#define MOTE_QMULT_BAD_SHIFT 10000

/* An op's output scaling. Channel c uses entry (per_channel ? c : 0). */
typedef struct mote_requant {
  const int32_t *multiplier; /* [channels], or [1] when !per_channel */
  const int8_t *shift;       /* likewise; -31 <= shift <= 30 (14 for int64) */
  int32_t per_channel;       /* nonzero: one entry per channel */
  int32_t output_offset;     /* added after scaling: the output zero point */
  int32_t act_min, act_max;  /* clamp, in output units, applied last */
} mote_requant_t;

/* Entry of channel `c` in the multiplier and shift arrays. */
static inline int32_t mote_requant_entry(const mote_requant_t *q, int32_t c) {
  return q->per_channel ? c : 0;
}

/* The fused-activation clamp as TFLM applies it: max() then min(). The
 * order matters only when an odd zero point puts lo above hi; then hi
 * wins, as in TFLM. */
static inline int32_t mote_clamp_i32(int32_t v, int32_t lo, int32_t hi) {
  v = v < lo ? lo : v;
  return v > hi ? hi : v;
}

/* The requantization every integer kernel ends with: a 32-bit
 * accumulator (bias included) scaled by multiplier * 2^(shift - 31),
 * offset (wrapping, as TFLite's int32 add) and clamped. */
static inline int32_t mote_requantize(int32_t acc, int32_t multiplier,
                                      int shift, int32_t offset, int32_t lo,
                                      int32_t hi) {
  const int32_t v = mote_mul_by_quant_mult(acc, multiplier, shift);
  return mote_clamp_i32((int32_t)((uint32_t)v + (uint32_t)offset), lo, hi);
}

/* The same from a 64-bit accumulator, with the int64 rescale. */
static inline int32_t mote_requantize64(int64_t acc, int32_t multiplier,
                                        int shift, int32_t offset, int32_t lo,
                                        int32_t hi) {
  const int32_t v = mote_mul_by_quant_mult64(acc, multiplier, shift);
  return mote_clamp_i32((int32_t)((uint32_t)v + (uint32_t)offset), lo, hi);
}

/* Output value of channel `c` under `q`. Loops over many channels may
 * instead walk the arrays themselves (entry step q->per_channel) and keep
 * the offset and bounds in locals: an int8 store can alias anything, so a
 * compiler reloads *q after every output otherwise. */
static inline int32_t mote_requant_apply(const mote_requant_t *q, int32_t c,
                                         int32_t acc) {
  const int32_t e = mote_requant_entry(q, c);
  return mote_requantize(acc, q->multiplier[e], q->shift[e], q->output_offset,
                         q->act_min, q->act_max);
}

static inline int32_t mote_requant_apply64(const mote_requant_t *q, int32_t c,
                                           int64_t acc) {
  const int32_t e = mote_requant_entry(q, c);
  return mote_requantize64(acc, q->multiplier[e], q->shift[e],
                           q->output_offset, q->act_min, q->act_max);
}

/* a + b modulo 2^64, for adding an int64 bias to an accumulator: a
 * corrupt model can store any bias, and TFLite's plain sum would then
 * overflow (undefined) where this wraps. */
static inline int64_t mote_add_wrap64(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a + (uint64_t)b);
}

#endif /* MOTE_KERNELS_CORE_REQUANT_H */
