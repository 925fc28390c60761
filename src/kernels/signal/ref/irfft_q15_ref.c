/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference int16 inverse real FFT (rfft.h), kissfft v130's kiss_fftri at
 * FIXED_POINT=16: Q15 products with round half up, sums wrapping at 16
 * bits, C_FIXDIV by the radix, over the shared body
 * ref/rfft_kiss_body.inc. The forward int16 FFT keeps its own file
 * (ref/rfft_q15_ref.c), which runs the audio front end in fewer
 * instructions on Cortex-M than the body does for int16.
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

static cpx_t c_mul(cpx_t a, cpx_t t) {
  cpx_t m;
  m.r = sround(a.r * t.r - a.i * t.i);
  m.i = sround(a.r * t.i + a.i * t.r);
  return m;
}

/* C_FIXDIV: a multiply by 32767 / radix. */
static cpx_t c_fixdiv(cpx_t c, int32_t radix) {
  const int32_t k = 32767 / radix;
  cpx_t d;
  d.r = sround(c.r * k);
  d.i = sround(c.i * k);
  return d;
}

#define RFFT_TW(plan) ((plan)->twiddles)
#define RFFT_SUPER_TW(plan) ((plan)->super_twiddles)
#define RFFT_INVERSE
#include "rfft_kiss_body.inc"

void mote_irfft_q15_ref(const mote_rfft_plan_t *plan, const int16_t *in,
                        int16_t *work, int16_t *out) {
  kiss_irfft(plan, in, work, out);
}
