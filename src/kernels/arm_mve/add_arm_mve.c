/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD int8, Helium (add.h): for Cortex-M55/M85 (MVE integer). No
 * alignment assumption, any length.
 *
 * The canonical broadcast (broadcast.h) is walked row by row; within a
 * row each input has element step 1 or 0 (repeated). Four elements go to
 * an int32 vector (VLDRB.S32), with the reference's arithmetic lane by
 * lane: (x + offset) << left_shift as one VMLA (x * 2^left + offset *
 * 2^left), SaturatingRoundingDoublingHighMul and RoundingDivideByPOT as
 * VQRDMULH, a sign fix and VRSHL (mve_requant.h explains why that is
 * bit-exact), the wrapping sum, the output rescale, offset and clamp, and
 * a narrowing VSTRB.S32; the last partial vector is predicated (VCTP32).
 *
 * Fast path (add_same: rows where both inputs step 1, every same-shape
 * ADD): the larger-scale input's rescale is exactly a halving (see
 * fast_in), one VMLA, and the other rescales have a right shift, so the
 * sign fix needs no mask: some 20 instructions per four elements.
 * resnet8's three ADDs (28,672 elements): 174,081 instructions at -O2 on
 * Cortex-M55, against 238,299 for the general row loop (32 per four,
 * spilling Q registers), 3,859,340 for the reference and 396,259 for
 * TFLM+CMSIS-NN. Other rows (broadcasts, a rescale without a right shift)
 * take the general loop, with a repeated input rescaled once per row in
 * scalar; a row step other than 0 or 1 cannot occur after
 * canonicalisation, and should one, the call falls back to the
 * reference.
 *
 * In place: the planner may give the output the bytes of an input
 * (mote_request_share_elementwise). Each block of four is loaded before
 * it is stored and blocks go in increasing order, so no input element is
 * read after its output was written.
 *
 * Not tried: int16 lanes (8 per vector); the left shift by 20 and the
 * Q31 rescales need 32-bit lanes.
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

/* The same-shape fast path. An input whose multiplier is 2^30 with shift
 * 0 (the larger-scale input: its real rescale s / (2 s) is exactly 1/2)
 * is "exact": (x + off) << left is even, so VQRDMULH by 2^30 halves it
 * exactly, and with |off| < 256 and left <= 22 nothing wraps: the whole
 * rescale is one VMLA by 2^(left - 1). Any other input rescale and the
 * output's need a right shift (shift < 0, so the sign fix is a plain
 * VSHR #31 and no mask), and scalar-operand forms keep the loop's Q
 * registers to the two offsets and the clamp: some 20 instructions per
 * four elements instead of 32 with spills. */
typedef struct fast_in {
  int32x4_t off; /* offset << (left - exact) */
  int32_t scale; /* 2^(left - exact) */
  int32_t mult;
  int32_t shift; /* < 0 unless exact */
} fast_in_t;

static int fast_in(int32_t offset, int32_t mult, int shift, int left,
                   fast_in_t *f) {
  const int exact = mult == (int32_t)0x40000000 && shift == 0;
  /* Every field set, used or not: GCC 12 -O2 cannot tell that a refused
   * input's fields are never read. */
  f->mult = mult;
  f->shift = shift;
  f->scale = 0;
  f->off = vdupq_n_s32(0);
  if (offset <= -256 || offset >= 256 || left < 1 || left > 22 ||
      (!exact && shift >= 0)) {
    return -1;
  }
  f->scale = (int32_t)1 << (left - exact);
  f->off = vdupq_n_s32(offset * f->scale);
  return exact;
}

/* RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(v, mult), -shift)
 * for shift < 0: v - 1 cannot wrap, as |VQRDMULH(v, mult)| < 2^31 for
 * 0 <= mult < 2^31. */
static inline int32x4_t mul_rshift(int32x4_t v, int32_t mult, int32_t shift) {
  v = vqrdmulhq_n_s32(v, mult);
  v = vaddq_s32(v, vshrq_n_s32(v, 31));
  return vrshlq_n_s32(v, shift);
}

static inline int32x4_t fast_rescale(int32x4_t x, const fast_in_t *k,
                                     int exact) {
  const int32x4_t v = vmlaq_n_s32(k->off, x, k->scale);
  return exact ? v : mul_rshift(v, k->mult, k->shift);
}

static inline void fast_finish(int32x4_t sum, const fast_in_t *o, int32_t lo,
                               int32_t hi, int8_t *out, mve_pred16_t pred,
                               int full) {
  int32x4_t v = vaddq_n_s32(mul_rshift(sum, o->mult, o->shift), o->scale);
  v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(lo)), vdupq_n_s32(hi));
  if (full) {
    vstrbq_s32(out, v);
  } else {
    vstrbq_p_s32(out, v, pred);
  }
}

/* n elements of x (rescale ka, exact or not: ea) + y (kb, eb); inlined
 * with constant ea, eb. o: the output's multiplier and shift, its offset
 * in o->scale. */
static inline void fast_row(const fast_in_t *ka, int ea, const fast_in_t *kb,
                            int eb, const fast_in_t *o, int32_t lo, int32_t hi,
                            const int8_t *x, const int8_t *y, int8_t *out,
                            int32_t n) {
  int32_t i;
  for (i = 0; i + 4 <= n; i += 4) {
    const int32x4_t a = fast_rescale(vldrbq_s32(x + i), ka, ea);
    const int32x4_t b = fast_rescale(vldrbq_s32(y + i), kb, eb);
    fast_finish(vaddq_s32(a, b), o, lo, hi, out + i, 0, 1);
  }
  if (i < n) {
    const mve_pred16_t pred = vctp32q((uint32_t)(n - i));
    const int32x4_t a = fast_rescale(vldrbq_z_s32(x + i, pred), ka, ea);
    const int32x4_t b = fast_rescale(vldrbq_z_s32(y + i, pred), kb, eb);
    fast_finish(vaddq_s32(a, b), o, lo, hi, out + i, pred, 0);
  }
}

/* A row where both inputs step 1: the fast path when the rescales
 * allow it (returns 0), else -1 and nothing written. */
static int add_same(const mote_arith_params_t *p, const int8_t *in1,
                    const int8_t *in2, int8_t *out, int32_t n) {
  fast_in_t k1, k2, o;
  const int e1 = fast_in(p->input1_offset, p->input1_multiplier,
                         p->input1_shift, p->left_shift, &k1);
  const int e2 = fast_in(p->input2_offset, p->input2_multiplier,
                         p->input2_shift, p->left_shift, &k2);
  const int32_t lo = p->rq.act_min, hi = p->rq.act_max;
  if (e1 < 0 || e2 < 0 || p->rq.shift[0] >= 0) {
    return -1;
  }
  o.mult = p->rq.multiplier[0];
  o.shift = p->rq.shift[0];
  o.scale = p->rq.output_offset;
  /* The sum wraps, so the order of the operands is free: the exact one
   * first, leaving three loops instead of four. */
  if (e1 && e2) {
    fast_row(&k1, 1, &k2, 1, &o, lo, hi, in1, in2, out, n);
  } else if (e1) {
    fast_row(&k1, 1, &k2, 0, &o, lo, hi, in1, in2, out, n);
  } else if (e2) {
    fast_row(&k2, 1, &k1, 0, &o, lo, hi, in2, in1, out, n);
  } else {
    fast_row(&k1, 0, &k2, 0, &o, lo, hi, in1, in2, out, n);
  }
  return 0;
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
    if (s1 == 1 && s2 == 1 && add_same(p, x, y, out, n) == 0) {
      /* done by the fast path */
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
