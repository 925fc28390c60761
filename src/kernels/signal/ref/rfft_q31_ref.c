/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference int32 real FFT (rfft.h), with kissfft v130's fixed-point
 * arithmetic at FIXED_POINT=32: products in 64 bits, brought back to 31
 * fractional bits with round half up (sround), each butterfly's inputs
 * divided by its radix as a multiply by 2147483647 / radix (C_FIXDIV),
 * halving as an arithmetic shift. Sums wrap at 32 bits as kissfft's int32
 * adds do on every target TFLM runs on; here they are formed in uint32,
 * where wrapping is defined, and converted back (mote assumes two's
 * complement conversions, as everywhere). The butterflies, the gather
 * and the split step are ref/rfft_kiss_body.inc.
 */
#include "kernels/signal/rfft.h"

typedef int32_t scalar_t;

typedef struct cpx {
  scalar_t r, i;
} cpx_t;

static scalar_t wrap(uint32_t v) {
  return (scalar_t)v;
}

static scalar_t add(scalar_t a, scalar_t b) {
  return wrap((uint32_t)a + (uint32_t)b);
}

static scalar_t sub(scalar_t a, scalar_t b) {
  return wrap((uint32_t)a - (uint32_t)b);
}

static scalar_t neg(scalar_t a) {
  return wrap(0u - (uint32_t)a);
}

/* kissfft sround at 31 fractional bits, narrowed to int32. Products of a
 * value and a twiddle (|t| < 2^31) and sums of two of them stay inside
 * int64 with the rounding constant added. */
static scalar_t sround(int64_t x) {
  return wrap((uint32_t)(uint64_t)((x + ((int64_t)1 << 30)) >> 31));
}

static scalar_t s_mul(scalar_t a, scalar_t t) {
  return sround((int64_t)a * t);
}

static scalar_t sub_half(scalar_t a, scalar_t b) {
  return sub(a, b >> 1);
}

static scalar_t half_add(scalar_t a, scalar_t b) {
  return add(a, b) >> 1;
}

static scalar_t half_sub(scalar_t a, scalar_t b) {
  return sub(a, b) >> 1;
}

static cpx_t c_mul(cpx_t a, cpx_t t) {
  cpx_t m;
  m.r = sround((int64_t)a.r * t.r - (int64_t)a.i * t.i);
  m.i = sround((int64_t)a.r * t.i + (int64_t)a.i * t.r);
  return m;
}

static cpx_t c_fixdiv(cpx_t c, int32_t radix) {
  const int32_t k = 2147483647 / radix;
  cpx_t d;
  d.r = s_mul(c.r, k);
  d.i = s_mul(c.i, k);
  return d;
}

#define RFFT_FN mote_rfft_q31_ref
#define RFFT_TW(plan) ((const int32_t *)(plan)->twiddles_wide)
#define RFFT_SUPER_TW(plan) (RFFT_TW(plan) + 2 * (plan)->n)
#define RFFT_INVERSE
#include "rfft_kiss_body.inc"

void mote_irfft_q31_ref(const mote_rfft_plan_t *plan, const int32_t *in,
                        int32_t *work, int32_t *out) {
  kiss_irfft(plan, in, work, out);
}
