/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference float32 real FFT (rfft.h), kissfft v130 with
 * kiss_fft_scalar float: no scaling (C_FIXDIV is nothing), products and
 * sums in float, one operation at a time and in kissfft's order, so that
 * every rounding is the same as TFLM's. kissfft's HALF_OF multiplies by
 * the double constant .5, which makes "a - HALF_OF(b)" a double
 * expression rounded once to float; kept as such (it differs from float
 * arithmetic when b is subnormal). This needs
 * FLT_EVAL_METHOD 0 and no contraction into fused multiply-adds
 * (mote builds with -ffp-contract=off where the compiler would fuse).
 * The butterflies, the gather and the split step are
 * ref/rfft_kiss_body.inc.
 */
#include "kernels/signal/rfft.h"

typedef float scalar_t;

typedef struct cpx {
  scalar_t r, i;
} cpx_t;

static scalar_t add(scalar_t a, scalar_t b) {
  return a + b;
}

static scalar_t sub(scalar_t a, scalar_t b) {
  return a - b;
}

static scalar_t neg(scalar_t a) {
  return -a;
}

static scalar_t s_mul(scalar_t a, scalar_t t) {
  return a * t;
}

static scalar_t sub_half(scalar_t a, scalar_t b) {
  return (scalar_t)((double)a - (double)b * .5);
}

/* HALF_OF of a float sum: the double product by .5 is exact, so rounding
 * it to float gives what the float product gives. */
static scalar_t half_add(scalar_t a, scalar_t b) {
  return (a + b) * .5f;
}

static scalar_t half_sub(scalar_t a, scalar_t b) {
  return (a - b) * .5f;
}

static cpx_t c_mul(cpx_t a, cpx_t t) {
  cpx_t m;
  m.r = a.r * t.r - a.i * t.i;
  m.i = a.r * t.i + a.i * t.r;
  return m;
}

static cpx_t c_fixdiv(cpx_t c, int32_t radix) {
  (void)radix;
  return c;
}

#define RFFT_FN mote_rfft_f32_ref
#define RFFT_TW(plan) ((const float *)(plan)->twiddles_wide)
#define RFFT_SUPER_TW(plan) (RFFT_TW(plan) + 2 * (plan)->n)
#define RFFT_INVERSE
#include "rfft_kiss_body.inc"

void mote_irfft_f32_ref(const mote_rfft_plan_t *plan, const float *in,
                        float *work, float *out) {
  const float length = (float)plan->fft_length;
  int32_t i;
  kiss_irfft(plan, in, work, out);
  /* kissfft's inverse is unscaled; TFLM divides by N. */
  for (i = 0; i < plan->fft_length; ++i) {
    out[i] /= length;
  }
}
