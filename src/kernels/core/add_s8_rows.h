/* SPDX-License-Identifier: Apache-2.0 */
/*
 * int8 ADD without the reference's per-element 64-bit rescales, for the
 * arm_dsp and portable families (add.h): bit-exact with mote_add_s8_ref
 * wherever mote_add_s8_rows_params() accepts the parameters, which is
 * every ADD the converter writes; otherwise the caller runs the reference.
 *
 * The reference does three SaturatingRoundingDoublingHighMul and three
 * RoundingDivideByPOT per element (about 120 instructions on Cortex-M4).
 * Here, per element:
 *
 *  - The larger-scale input's rescale is s / (2 s) = 1/2 exactly
 *    (multiplier 2^30, shift 0), so ((x + off) << 20) * 2^30, doubled,
 *    rounded and shifted by 31 is (x + off) << 19 exactly: one
 *    multiply-add. The same holds for both inputs when the scales are
 *    equal.
 *  - Another rescale has a right shift e >= 1. Its high multiply
 *    SaturatingRoundingDoublingHighMul(v, m) = floor((v m + 2^30) / 2^31)
 *    (dsp_util.h shows why that is TFLite's rounding for either sign) is
 *    floor((2v m + 2^31) / 2^32): the rounded high word of 2v times m,
 *    which Cortex-M's SMMULR gives in one instruction, and 2v is one
 *    multiply-add from x ((x + off) << 21 < 2^30 for |x + off| <= 512).
 *    RoundingDivideByPOT rounds half away from zero: (y + 2^(e-1)) >> e
 *    with y = t - 1 for negative t, no overflow as |t| < 2^30.
 *  - The output rescale is the same high multiply on twice the sum (the
 *    sum is below 2^29) and the same rounding shift (e >= 1 required),
 *    then the offset and the clamp.
 * No saturation is reachable: the multipliers are below 2^31 and no
 * operand is INT32_MIN.
 *
 * Each family includes this file with MOTE_ADD_MULHI2 defined as its
 * rounded high multiply of (2v, m).
 */
#ifndef MOTE_KERNELS_CORE_ADD_S8_ROWS_H
#define MOTE_KERNELS_CORE_ADD_S8_ROWS_H

#include <stdint.h>
#include <string.h>

#include "common/compiler.h"
#include "kernels/add.h"

#ifndef MOTE_ADD_MULHI2
#error "define MOTE_ADD_MULHI2(v2, m) before including add_s8_rows.h"
#endif

/* One input's rescale: a2 = x * scale + off is twice the rescaled value
 * when exact; otherwise the high multiply of x * scale + off (= 2v) by
 * mult, then the rounding shift by e. */
typedef struct mote_add_in {
  int32_t scale, off, mult, e, half;
  int exact;
} mote_add_in_t;

typedef struct mote_add_rows {
  mote_add_in_t in1, in2;
  int32_t mult, e, half; /* the output's rescale */
  int32_t offset, lo, hi;
} mote_add_rows_t;

static inline int mote_add_in_params(int32_t offset, int32_t mult, int shift,
                                     int left, mote_add_in_t *k) {
  k->exact = mult == (int32_t)0x40000000 && shift == 0;
  k->mult = mult;
  k->e = -shift;
  k->half = k->e >= 1 ? (int32_t)1 << (k->e - 1) : 0;
  /* Exact: a2 = (x + off) << left. Otherwise 2v = (x + off) << (left + 1). */
  k->scale = (int32_t)1 << (left + (k->exact ? 0 : 1));
  k->off = offset * k->scale;
  return k->exact || (shift < 0 && shift > -31);
}

/* The row parameters of p, or 0 when the arithmetic above does not cover
 * them (the caller then runs the reference). */
static inline int mote_add_s8_rows_params(const mote_arith_params_t *p,
                                          mote_add_rows_t *r) {
  const int32_t o1 = p->input1_offset, o2 = p->input2_offset;
  const int out_shift = p->rq.shift[0];
  memset(r, 0, sizeof *r);
  if (p->left_shift < 1 || p->left_shift > 20 || o1 < -256 || o1 > 256 ||
      o2 < -256 || o2 > 256 || out_shift >= 0 || out_shift <= -31 ||
      p->rq.multiplier[0] < 0 || p->input1_multiplier < 0 ||
      p->input2_multiplier < 0) {
    return 0;
  }
  if (!mote_add_in_params(o1, p->input1_multiplier, p->input1_shift,
                          p->left_shift, &r->in1) ||
      !mote_add_in_params(o2, p->input2_multiplier, p->input2_shift,
                          p->left_shift, &r->in2)) {
    return 0;
  }
  r->mult = p->rq.multiplier[0];
  r->e = -out_shift;
  r->half = (int32_t)1 << (r->e - 1);
  r->offset = p->rq.output_offset;
  r->lo = p->rq.act_min;
  r->hi = p->rq.act_max;
  return 1;
}

/* (t + 2^(e-1) - (t < 0)) >> e: RoundingDivideByPOT for e >= 1. */
static inline int32_t mote_add_round_shift(int32_t t, int32_t half,
                                           int32_t e) {
  return (t + (t >> 31) + half) >> e;
}

/* Twice the rescaled value of x. */
static inline int32_t mote_add_rescale2(const mote_add_in_t *k, int32_t x) {
  const int32_t v = x * k->scale + k->off;
  if (k->exact) {
    return v;
  }
  return 2 * mote_add_round_shift(MOTE_ADD_MULHI2(v, k->mult), k->half, k->e);
}

/* The output element of a doubled sum. */
static inline int8_t mote_add_finish(const mote_add_rows_t *r, int32_t sum2) {
  int32_t v = mote_add_round_shift(MOTE_ADD_MULHI2(sum2, r->mult), r->half,
                                   r->e) +
              r->offset;
  v = v < r->lo ? r->lo : v;
  return (int8_t)(v > r->hi ? r->hi : v);
}

/* n elements; x (y) steps by sx (sy), 0 or 1. Written so that the
 * compiler specialises the exact and step-0 cases out of the loop. */
static inline void mote_add_s8_row(const mote_add_rows_t *r, const int8_t *x,
                                   int32_t sx, const int8_t *y, int32_t sy,
                                   int8_t *out, int32_t n) {
  int32_t i;
  if (sx == 0 && sy == 1) {
    const int32_t a2 = mote_add_rescale2(&r->in1, *x);
    for (i = 0; i < n; ++i) {
      out[i] = mote_add_finish(r, a2 + mote_add_rescale2(&r->in2, y[i]));
    }
  } else if (sx == 1 && sy == 0) {
    const int32_t b2 = mote_add_rescale2(&r->in2, *y);
    for (i = 0; i < n; ++i) {
      out[i] = mote_add_finish(r, mote_add_rescale2(&r->in1, x[i]) + b2);
    }
  } else if (r->in1.exact && !r->in2.exact) {
    for (i = 0; i < n; ++i) {
      const int32_t a2 = x[i] * r->in1.scale + r->in1.off;
      out[i] = mote_add_finish(r, a2 + mote_add_rescale2(&r->in2, y[i]));
    }
  } else if (r->in2.exact && !r->in1.exact) {
    for (i = 0; i < n; ++i) {
      const int32_t b2 = y[i] * r->in2.scale + r->in2.off;
      out[i] = mote_add_finish(r, mote_add_rescale2(&r->in1, x[i]) + b2);
    }
  } else {
    for (i = 0; i < n; ++i) {
      out[i] = mote_add_finish(r, mote_add_rescale2(&r->in1, x[sx * i]) +
                                      mote_add_rescale2(&r->in2, y[sy * i]));
    }
  }
}

/* Whether the arithmetic above covers p over b. Out of line, so that the
 * entry below keeps no frame while it calls either path (the reference's
 * stack then adds nothing of this file's). */
static MOTE_NOINLINE int mote_add_s8_rows_fit(const mote_arith_params_t *p,
                                              const mote_bcast_t *b) {
  const int32_t s1 = b->stride1[MOTE_MAX_DIMS - 1];
  const int32_t s2 = b->stride2[MOTE_MAX_DIMS - 1];
  mote_add_rows_t r;
  return (s1 == 0 || s1 == 1) && (s2 == 0 || s2 == 1) &&
         mote_add_s8_rows_params(p, &r);
}

/* The whole ADD over the broadcast walk, for parameters that fit. */
static MOTE_NOINLINE void mote_add_s8_rows(const mote_arith_params_t *p,
                                           const mote_bcast_t *b,
                                           const int8_t *in1,
                                           const int8_t *in2, int8_t *out) {
  const int32_t rows = mote_bcast_rows(b);
  const int32_t n = b->dims[MOTE_MAX_DIMS - 1];
  const int32_t s1 = b->stride1[MOTE_MAX_DIMS - 1];
  const int32_t s2 = b->stride2[MOTE_MAX_DIMS - 1];
  mote_add_rows_t r;
  mote_bcast_iter_t it;
  int32_t row;
  (void)mote_add_s8_rows_params(p, &r);
  mote_bcast_begin(&it);
  for (row = 0; row < rows; ++row, out += n) {
    mote_add_s8_row(&r, in1 + it.off1, s1, in2 + it.off2, s2, out, n);
    if (row + 1 < rows) {
      mote_bcast_step(b, &it);
    }
  }
}

/* Defines a family's entry `name` (a mote_arith_s8_fn): the rows above,
 * or the reference where they do not apply. */
#define MOTE_ADD_S8_ROWS_ENTRY(name)                                           \
  mote_arith_s8_fn name;                                                       \
  void name(const mote_arith_params_t *p, const mote_bcast_t *b,               \
            const int8_t *in1, const int8_t *in2, int8_t *out) {               \
    if (mote_add_s8_rows_fit(p, b)) {                                          \
      mote_add_s8_rows(p, b, in1, in2, out);                                   \
    } else {                                                                   \
      mote_add_s8_ref(p, b, in1, in2, out);                                    \
    }                                                                          \
  }

#endif /* MOTE_KERNELS_CORE_ADD_S8_ROWS_H */
