/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helium (MVE) helpers the arm_mve implementations share: the
 * requantization of four int32 accumulators at once, bit-exact with
 * mote_requantize (core/requant.h), and the offset-folded initial sums.
 * Included only under __ARM_FEATURE_MVE (Cortex-M55/M85).
 *
 * Requantization is TFLite's double rounding, lane by lane:
 *   v = SaturatingRoundingDoublingHighMul(acc << left, multiplier)
 *   v = RoundingDivideByPOT(v, right)
 * VQRDMULH is exactly gemmlowp's SaturatingRoundingDoublingHighMul
 * (round half up of 2ab / 2^32, INT32_MIN^2 saturating), and VSHL by a
 * positive register amount wraps as mote_mul_by_quant_mult's left shift
 * does. VRSHL by a negative amount rounds half up, where
 * RoundingDivideByPOT rounds half away from zero: subtracting 1 from a
 * negative value first (the sign of v & right, with right < 0 only when
 * there is a right shift) turns one into the other; VQADD keeps INT32_MIN
 * from wrapping, and INT32_MIN / 2^e is exact either way. Then the output
 * offset (wrapping, as TFLite's int32 add), max() then min() (TFLM's
 * clamp order), and a truncating narrow store.
 */
#ifndef MOTE_KERNELS_ARM_MVE_MVE_REQUANT_H
#define MOTE_KERNELS_ARM_MVE_MVE_REQUANT_H

#include <arm_mve.h>
#include <stdint.h>

#include "kernels/core/requant.h"

/* The scaling of four channels: multiplier, left shift (>= 0) and right
 * shift as a negative left shift (<= 0). */
typedef struct mote_mve_scale {
  int32x4_t mult, left, right;
} mote_mve_scale_t;

/* The scaling of channels [c, c + 4) under q; lanes past `p` read
 * nothing (zero). A per-tensor q gives the same in every lane. */
static inline mote_mve_scale_t mote_mve_scale_at(const mote_requant_t *q,
                                                 int32_t c, mve_pred16_t p) {
  const int32x4_t zero = vdupq_n_s32(0);
  mote_mve_scale_t s;
  int32x4_t shift;
  if (q->per_channel) {
    s.mult = vldrwq_z_s32(q->multiplier + c, p);
    shift = vldrbq_z_s32(q->shift + c, p);
  } else {
    s.mult = vdupq_n_s32(q->multiplier[0]);
    shift = vdupq_n_s32(q->shift[0]);
  }
  s.left = vmaxq_s32(shift, zero);
  s.right = vminq_s32(shift, zero);
  return s;
}

/* mote_mul_by_quant_mult of four accumulators. */
static inline int32x4_t mote_mve_scale(int32x4_t acc,
                                       const mote_mve_scale_t *s) {
  int32x4_t v = vqrdmulhq_s32(vshlq_s32(acc, s->left), s->mult);
  const int32x4_t fix = vshrq_n_s32(vandq_s32(v, s->right), 31);
  v = vqaddq_s32(v, fix);
  return vrshlq_s32(v, s->right);
}

/* The rest of mote_requantize: output offset, then the clamp. */
static inline int32x4_t mote_mve_finish(int32x4_t v, const mote_requant_t *q) {
  v = vaddq_n_s32(v, q->output_offset);
  v = vmaxq_s32(v, vdupq_n_s32(q->act_min));
  return vminq_s32(v, vdupq_n_s32(q->act_max));
}

/* sum[i] = (bias ? bias[i] : 0) + x_offset * sum_k w[i][k] for i < rows
 * (w [rows][cols]), modulo 2^32: the input offset folded out of the
 * inner loops, since sum w * (x + off) = sum w * x + off * sum w. */
static inline void mote_mve_offset_sums(const int8_t *w, int32_t rows,
                                        int32_t cols, int32_t x_offset,
                                        const int32_t *bias, int32_t *sum) {
  const int32_t tail = cols & 15;
  const mve_pred16_t q = vctp8q((uint32_t)tail);
  int32_t r, n;
  for (r = 0; r < rows; ++r) {
    int32_t s = 0;
    /* Whole vectors unpredicated, the tail once: a VCTP and VPSTs per
     * step cost GCC 12 some 10 instructions per 16 instead of 3. */
    for (n = cols >> 4; n > 0; --n, w += 16) {
      s = vaddvaq_s8(s, vldrbq_s8(w));
    }
    if (tail != 0) {
      s = vaddvaq_s8(s, vldrbq_z_s8(w, q));
      w += tail;
    }
    s = (int32_t)((uint32_t)s * (uint32_t)x_offset);
    sum[r] = bias != NULL ? (int32_t)((uint32_t)s + (uint32_t)bias[r]) : s;
  }
}

#endif /* MOTE_KERNELS_ARM_MVE_MVE_REQUANT_H */
