/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD int8, Helium (add.h): for Cortex-M55/M85 (MVE integer). No
 * alignment assumption, any length.
 *
 * The canonical broadcast (broadcast.h) is walked row by row; within a
 * row each input has element step 1 or 0 (repeated). A repeated input is
 * rescaled once per row, in scalar, with the reference's arithmetic; the
 * others run four elements to an int32 vector (VLDRB.S32):
 *   (x + offset) << left_shift   one VMLA: x * 2^left + offset * 2^left,
 *                                modulo 2^32 as the reference's wrap
 *   SaturatingRoundingDoublingHighMul, RoundingDivideByPOT
 *                                VQRDMULH, then the sign fix and VRSHL of
 *                                mve_requant.h (bit-exact, see there)
 *   the sum (VADD wraps), the output rescale (shift <= 0), offset and
 *   clamp, and a narrowing VSTRB.S32.
 * Some 26 instructions per 4 elements at -O2 against about 134 per
 * element for the reference on Cortex-M55. The last partial vector is
 * predicated (VCTP32). A row whose steps are neither 0 nor 1 cannot
 * occur after canonicalisation; should one, the whole call falls back to
 * the reference.
 *
 * In place: the planner may give the output the bytes of an input
 * (mote_request_share_elementwise). Each block of four is loaded before
 * it is stored and blocks go in increasing order, so no input element is
 * read after its output was written.
 *
 * Rejected: int16 lanes (8 per vector): the left shift by 20 and the
 * Q31 rescale need 32 bits, and emulating VQRDMULH on halves costs more
 * than the lanes save.
 */
#include "kernels/add.h"

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>

/* Declared here too: add.h declares it only when this family is bound. */
mote_arith_s8_fn mote_add_s8_arm_mve;

/* One input's rescale to the common scale, as vectors. */
typedef struct add_in {
  int32x4_t off;   /* input offset << left_shift */
  int32_t scale;   /* 2^left_shift */
  int32_t mult;    /* Q31 multiplier */
  int32x4_t right; /* shift <= 0, as a (negative) left shift */
} add_in_t;

static add_in_t add_in(int32_t offset, int32_t mult, int shift, int left) {
  add_in_t r;
  r.scale = (int32_t)((uint32_t)1 << (unsigned)left);
  r.off = vdupq_n_s32((int32_t)((uint32_t)offset << (unsigned)left));
  r.mult = mult;
  r.right = vdupq_n_s32(shift);
  return r;
}

/* RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(v, mult), -right)
 * lane by lane; right <= 0. */
static inline int32x4_t mul_lt1(int32x4_t v, int32_t mult, int32x4_t right) {
  int32x4_t fix;
  v = vqrdmulhq_n_s32(v, mult);
  fix = vshrq_n_s32(vandq_s32(v, right), 31);
  return vrshlq_s32(vqaddq_s32(v, fix), right);
}

/* Four (or, under predicate, fewer) int8 inputs at the common scale. */
static inline int32x4_t rescale(const int8_t *x, const add_in_t *k,
                                mve_pred16_t pred) {
  const int32x4_t v = vmlaq_n_s32(k->off, vldrbq_z_s32(x, pred), k->scale);
  return mul_lt1(v, k->mult, k->right);
}

/* The scalar rescale of a repeated element, the reference's. */
static int32_t rescale1(int8_t x, int32_t offset, int32_t mult, int shift,
                        int left) {
  const int32_t v = (int32_t)((uint32_t)(offset + x) << (unsigned)left);
  return mote_mul_by_quant_mult_lt1(v, mult, shift);
}

/* The output side: the sum's rescale, offset, clamp. */
typedef struct add_out {
  int32_t mult;
  int32x4_t right, lo, hi;
  int32_t offset;
} add_out_t;

static inline void finish(int32x4_t sum, const add_out_t *o, int8_t *out,
                          mve_pred16_t pred) {
  int32x4_t v = mul_lt1(sum, o->mult, o->right);
  v = vaddq_n_s32(v, o->offset);
  v = vminq_s32(vmaxq_s32(v, o->lo), o->hi);
  vstrbq_p_s32(out, v, pred);
}

/* One row of n elements: x and y step 1, or 0 with their rescaled value
 * in cx / cy (s1, s2 say which). */
static void add_row(const add_in_t *k1, const add_in_t *k2,
                    const add_out_t *o, const int8_t *x, int32_t s1,
                    int32_t cx, const int8_t *y, int32_t s2, int32_t cy,
                    int8_t *out, int32_t n) {
  const int32x4_t vx = vdupq_n_s32(cx), vy = vdupq_n_s32(cy);
  int32_t i;
  for (i = 0; i < n; i += 4) {
    const mve_pred16_t pred = vctp32q((uint32_t)(n - i));
    const int32x4_t a = s1 != 0 ? rescale(x + i, k1, pred) : vx;
    const int32x4_t b = s2 != 0 ? rescale(y + i, k2, pred) : vy;
    finish(vaddq_s32(a, b), o, out + i, pred);
  }
}

/* Both inputs step 1: the bulk of every same-shape ADD, kept apart so
 * that the loop holds no stride tests. */
static void add_row11(const add_in_t *k1, const add_in_t *k2,
                      const add_out_t *o, const int8_t *x, const int8_t *y,
                      int8_t *out, int32_t n) {
  const mve_pred16_t all = 0xffff;
  int32_t i;
  for (i = 0; i + 4 <= n; i += 4) {
    const int32x4_t a = rescale(x + i, k1, all);
    const int32x4_t b = rescale(y + i, k2, all);
    finish(vaddq_s32(a, b), o, out + i, all);
  }
  if (i < n) {
    const mve_pred16_t pred = vctp32q((uint32_t)(n - i));
    const int32x4_t a = rescale(x + i, k1, pred);
    const int32x4_t b = rescale(y + i, k2, pred);
    finish(vaddq_s32(a, b), o, out + i, pred);
  }
}

void mote_add_s8_arm_mve(const mote_arith_params_t *p, const mote_bcast_t *b,
                         const int8_t *in1, const int8_t *in2, int8_t *out) {
  const int32_t rows = mote_bcast_rows(b);
  const int32_t n = b->dims[MOTE_MAX_DIMS - 1];
  const int32_t s1 = b->stride1[MOTE_MAX_DIMS - 1];
  const int32_t s2 = b->stride2[MOTE_MAX_DIMS - 1];
  const add_in_t k1 = add_in(p->input1_offset, p->input1_multiplier,
                             p->input1_shift, p->left_shift);
  const add_in_t k2 = add_in(p->input2_offset, p->input2_multiplier,
                             p->input2_shift, p->left_shift);
  add_out_t o;
  mote_bcast_iter_t it;
  int32_t r;
  if ((s1 != 0 && s1 != 1) || (s2 != 0 && s2 != 1)) {
    mote_add_s8_ref(p, b, in1, in2, out);
    return;
  }
  o.mult = p->rq.multiplier[0];
  o.right = vdupq_n_s32(p->rq.shift[0]);
  o.offset = p->rq.output_offset;
  o.lo = vdupq_n_s32(p->rq.act_min);
  o.hi = vdupq_n_s32(p->rq.act_max);
  mote_bcast_begin(&it);
  for (r = 0; r < rows; ++r, out += n) {
    const int8_t *x = in1 + it.off1, *y = in2 + it.off2;
    if (s1 == 1 && s2 == 1) {
      add_row11(&k1, &k2, &o, x, y, out, n);
    } else {
      const int32_t cx = rescale1(*x, p->input1_offset, p->input1_multiplier,
                                  p->input1_shift, p->left_shift);
      const int32_t cy = rescale1(*y, p->input2_offset, p->input2_multiplier,
                                  p->input2_shift, p->left_shift);
      add_row(&k1, &k2, &o, x, s1, cx, y, s2, cy, out, n);
    }
    mote_bcast_step(b, &it);
  }
}

#else
/* Not a Helium target: nothing to compile (ISO C wants a declaration). */
typedef int mote_add_arm_mve_unused;
#endif
