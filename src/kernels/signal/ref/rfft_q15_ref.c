/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference int16 real FFT and inverse (rfft.h), with kissfft v130's
 * fixed-point arithmetic (FIXED_POINT=16).
 *
 * A real FFT of even length N is a complex FFT of length n = N / 2 over
 * the samples taken in pairs (even sample real, odd imaginary), followed
 * by a split step that untangles the two interleaved spectra into bins
 * 0..n; the inverse folds the bins back and runs the complex FFT with
 * conjugate twiddles. The complex FFT is mixed radix, decimation in time,
 * over the stages the plan holds (rfft.c factors n as kissfft does).
 * Fixed point loses one bit of range per radix-2 level, so every
 * butterfly scales its inputs down by its radix (kissfft's C_FIXDIV: a
 * multiply by 32767 / radix and a rounding shift), and the output is the
 * DFT divided by N. Bit-exactness with TFLM depends on every detail kept
 * here and in the shared body (ref/rfft_kiss_body.inc): the rounding
 * shift of each product, int16 wraparound of sums, the order of
 * operations inside each butterfly.
 *
 * Products are formed in int (Q15 times Q15 fits, sums of two of them
 * too) and narrowed after the rounding shift; sums are narrowed to int16,
 * which wraps as in kissfft, except inside HALF_OF in the split step,
 * where kissfft halves the int sum before storing it. Signed right shifts
 * are arithmetic, as everywhere in mote.
 */
#include "kernels/signal/rfft.h"

typedef int16_t scalar_t;

typedef struct cpx {
  scalar_t r, i;
} cpx_t;

static scalar_t add(scalar_t a, scalar_t b) {
  return (scalar_t)(a + b);
}

static scalar_t sub(scalar_t a, scalar_t b) {
  return (scalar_t)(a - b);
}

static scalar_t neg(scalar_t a) {
  return (scalar_t)-a;
}

/* kissfft sround: Q15 product back to Q0 with round half up. */
static scalar_t sround(int32_t x) {
  return (scalar_t)((x + 16384) >> 15);
}

static scalar_t s_mul(scalar_t a, scalar_t t) {
  return sround(a * t);
}

static scalar_t sub_half(scalar_t a, scalar_t b) {
  return (scalar_t)(a - (b >> 1));
}

static scalar_t half_add(scalar_t a, scalar_t b) {
  return (scalar_t)((a + b) >> 1);
}

static scalar_t half_sub(scalar_t a, scalar_t b) {
  return (scalar_t)((a - b) >> 1);
}

static cpx_t c_mul(cpx_t a, cpx_t t) {
  cpx_t m;
  m.r = sround(a.r * t.r - a.i * t.i);
  m.i = sround(a.r * t.i + a.i * t.r);
  return m;
}

/* C_FIXDIV: divide by the radix as a multiply by 32767 / radix. */
static cpx_t c_fixdiv(cpx_t c, int32_t radix) {
  const int32_t k = 32767 / radix;
  cpx_t d;
  d.r = sround(c.r * k);
  d.i = sround(c.i * k);
  return d;
}

#define RFFT_TW(plan) ((plan)->twiddles)
#define RFFT_SUPER_TW(plan) ((plan)->super_twiddles)
#define RFFT_FN mote_rfft_q15_ref
#define RFFT_INVERSE
#include "rfft_kiss_body.inc"

void mote_irfft_q15_ref(const mote_rfft_plan_t *plan, const int16_t *in,
                        int16_t *work, int16_t *out) {
  kiss_irfft(plan, in, work, out);
}
