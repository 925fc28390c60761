/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers the arm_dsp implementations share: unaligned word loads, the
 * byte-to-halfword widening SMLAD wants, and the requantization of one
 * int32 accumulator, bit-exact with mote_requantize (core/requant.h).
 * Included only under __ARM_FEATURE_DSP (Cortex-M4, M7, M33; M55 too).
 *
 * Widening: SXTB16 sign-extends bytes 0 and 2 of a word into its two
 * halfwords, and SXTB16 with ROR #8 bytes 1 and 3, so one word of four
 * int8 values becomes two SMLAD operands (even and odd elements); the
 * other operand of each SMLAD must be paired the same way. ACLE (GCC 12's
 * arm_acle.h) has __sxtb16 and __sxtab16 but neither __ror nor the
 * rotated forms, and GCC does not fold a rotate into them: the rotated
 * forms are one-instruction inline assembly here, where C would cost two.
 *
 * Requantization is TFLite's double rounding without a division:
 *   SaturatingRoundingDoublingHighMul(a, m) = (a * m + 2^30) >> 31
 * (arithmetic shift, i.e. floor): for a product of either sign this is
 * gemmlowp's round-half-up of 2am / 2^32 (its nudge of 1 - 2^30 for a
 * negative product, then truncation toward zero, is the same floor). The
 * one saturating case, a = m = INT32_MIN, cannot occur where multipliers
 * come from positive scales, in [0, 2^31) (a caller that cannot promise
 * it checks). One SMLAL onto 2^30, then the high word shifted left once
 * with the low word's top bit; the result is above INT32_MIN (|a * m| <
 * 2^62). RoundingDivideByPOT(v, e) rounds half away from zero: with y =
 * v - 1 for negative v (no overflow, by the above), it is
 * (y >> e) + bit e-1 of y, floor((y + 2^(e-1)) / 2^e) without the
 * overflow of that sum near INT32_MAX. For e = 0 the CPU's register
 * shift by e - 1 = -1 (255 in its low byte) fills with the sign, and
 * y + (y < 0) is v again: no branch on the shift's sign. The shift is
 * inline assembly because C leaves a negative shift undefined.
 */
#ifndef MOTE_KERNELS_ARM_DSP_DSP_UTIL_H
#define MOTE_KERNELS_ARM_DSP_DSP_UTIL_H

#include <arm_acle.h>
#include <stdint.h>
#include <string.h>

#include "kernels/core/requant.h"

/* The kernels' inner loops are inline assembly that needs up to all 14
 * allocatable registers (r0-r12, lr). An unoptimised build keeps r7 for
 * the frame pointer, and GCC 12 for Helium CPUs (where this family is a
 * fallback behind arm_mve) does not always find an allocation: those
 * builds get the same loops in C (ACLE), bit-identical, slower. */
#if defined(__OPTIMIZE__) && !defined(__ARM_FEATURE_MVE)
#define MOTE_DSP_ASM 1
#else
#define MOTE_DSP_ASM 0
#endif

/* Four bytes at p, any alignment (LDR; Cortex-M4 and up load unaligned
 * words, and memcpy of 4 bytes compiles to one). */
static inline int32_t mote_dsp_load32(const void *p) {
  int32_t v;
  memcpy(&v, p, 4);
  return v;
}

/* Bytes 1 and 3 of x, sign-extended to halfwords: SXTB16 x, ROR #8. */
static inline int32_t mote_dsp_sxtb16_ror8(int32_t x) {
  int32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}

/* a + bytes 1 and 3 of x, halfword by halfword: SXTAB16 a, x, ROR #8. */
static inline int32_t mote_dsp_sxtab16_ror8(int32_t a, int32_t x) {
  int32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
  return r;
}

/* The even (0, 2) and odd (1, 3) halfword pairs of a partial group of
 * `rem` (1..3) int8 weights at w, read byte by byte so as never to read
 * past a filter row; missing weights are 0 (the widened inputs they
 * would meet are 0 too). */
static inline void mote_dsp_tail_pairs(const int8_t *w, int32_t rem,
                                       int32_t *even, int32_t *odd) {
  const uint32_t w2 = rem > 2 ? (uint32_t)w[2] : 0u;
  *even = (int32_t)(((uint32_t)w[0] & 0xFFFFu) | (w2 << 16));
  *odd = rem > 1 ? w[1] : 0;
}

/* v in both halfwords (the low 16 bits of v). */
static inline int32_t mote_dsp_dup16(int32_t v) {
  return (int32_t)(((uint32_t)v & 0xFFFFu) * 0x10001u);
}

/* x >> n as the CPU's ASR by register: n modulo 256, and 32 or more
 * fills with the sign. */
static inline int32_t mote_dsp_asr(int32_t x, int32_t n) {
  int32_t r;
  __asm__("asr %0, %1, %2" : "=r"(r) : "r"(x), "r"(n));
  return r;
}

/* An op's output scaling, copied into locals: an int8 store may alias
 * the requant struct, so a loop reading it after each store reloads it. */
typedef struct mote_dsp_out {
  const int32_t *mult;
  const int8_t *shift;
  int32_t step; /* entry step per channel: 1 per-channel, 0 per-tensor */
  int32_t offset, lo, hi;
} mote_dsp_out_t;

static inline mote_dsp_out_t mote_dsp_out(const mote_requant_t *q) {
  mote_dsp_out_t o;
  o.mult = q->multiplier;
  o.shift = q->shift;
  o.step = q->per_channel ? 1 : 0;
  o.offset = q->output_offset;
  o.lo = q->act_min;
  o.hi = q->act_max;
  return o;
}

/* One channel's scaling: left shift (>= 0), multiplier, right shift
 * (>= 0; one of the two shifts is 0). */
typedef struct mote_dsp_scale {
  int32_t mult, left, right;
} mote_dsp_scale_t;

/* The scaling of channel c. */
static inline mote_dsp_scale_t mote_dsp_scale_at(const mote_dsp_out_t *o,
                                                 int32_t c) {
  const int32_t shift = o->shift[c * o->step];
  mote_dsp_scale_t s;
  s.mult = o->mult[c * o->step];
  s.left = shift > 0 ? shift : 0;
  s.right = shift > 0 ? 0 : -shift;
  return s;
}

/* mote_mul_by_quant_mult(acc, mult, shift), division-free and
 * branch-free; mult != INT32_MIN. */
static inline int32_t mote_dsp_scale(int32_t acc, const mote_dsp_scale_t *s) {
  const int32_t x = (int32_t)((uint32_t)acc << s->left);
  const int32_t v =
      (int32_t)(((int64_t)x * s->mult + ((int64_t)1 << 30)) >> 31);
  const int32_t y = v + (v >> 31);
  return (y >> s->right) + (mote_dsp_asr(y, s->right - 1) & 1);
}

/* mote_requantize of acc under scaling s: scaled, offset (wrapping),
 * then clamped, max() before min() as TFLM. */
static inline int8_t mote_dsp_requant(const mote_dsp_out_t *o,
                                      const mote_dsp_scale_t *s, int32_t acc) {
  int32_t v = (int32_t)((uint32_t)mote_dsp_scale(acc, s) + (uint32_t)o->offset);
  v = v < o->lo ? o->lo : v;
  return (int8_t)(v > o->hi ? o->hi : v);
}

#endif /* MOTE_KERNELS_ARM_DSP_DSP_UTIL_H */
