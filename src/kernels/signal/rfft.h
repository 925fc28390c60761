/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalRfft compute function: the seam between the op's glue (rfft.c)
 * and its implementations (kernels/impl.h).
 *
 * Real FFTs with the arithmetic of kissfft v130, the FFT behind TFLM's
 * SignalRfft: one frame of N = fft_length samples, zero-padded, into bins
 * 0..N/2, bit for bit as kissfft computes them. Three element types, each
 * its own compute function so that a firmware links only what it calls:
 * int16 (FIXED_POINT=16, bins scaled by 1/N; ref/rfft_q15_ref.c says
 * how), int32 (FIXED_POINT=32, the same with 64-bit products and 31
 * fractional bits) and float32 (unscaled); the last two, and the inverse
 * transforms of all three, share one body, ref/rfft_kiss_body.inc.
 *
 * The plan is the parameter: kissfft's factoring of N / 2 (radix 4
 * first, then 2, then odd numbers from 3 up, any factor above sqrt(N / 2)
 * taken whole; stages outermost first) and its twiddles in the element
 * type, from the double phase: floor(0.5 + 32767 * cos/sin) for int16,
 * floor(0.5 + 2147483647 * cos/sin) for int32, (float)cos/sin for
 * float32, in storage the caller provides.
 * Both are prepare-time helpers (rfft_plan.c), because which factors and
 * twiddles kissfft uses is part of what makes the result TFLM's. Radices
 * above 5 are rejected: TFLM's patched kissfft has no memory for its
 * generic butterfly and crashes.
 *
 * The transform writes the complex FFT straight into the output and does
 * the split step in place, so it needs no scratch (TFLM copies the input
 * into a scratch buffer and keeps a complex work buffer in its persistent
 * state). No failure.
 */
#ifndef MOTE_KERNELS_SIGNAL_RFFT_H
#define MOTE_KERNELS_SIGNAL_RFFT_H

#include <stdint.h>

#include "kernels/impl.h"
#include "mote/status.h"

/* Stages a length up to 2^24 can need: radix 4 is taken first, so at
 * most one stage has radix 2 and the rest at least 3, and 3^15 > 2^23.
 * (kissfft reserves 32.) */
#define MOTE_RFFT_MAX_STAGES 16

typedef struct mote_rfft_plan {
  int32_t fft_length; /* N, the real length: even, >= 4 */
  int32_t n;          /* N / 2, the complex length */
  int32_t stages;
  int32_t radix[MOTE_RFFT_MAX_STAGES]; /* p of each stage, outermost first */
  int32_t sub_length[MOTE_RFFT_MAX_STAGES]; /* m = remaining length / p */
  int32_t inverse; /* 0: SignalRfft; 1: SignalIrfft, conjugate twiddles */
  /* The twiddles: n complex values exp(-2 pi i k / n) as (re, im), then
   * n / 2 for the split step. int16 plans point at them twice, typed;
   * int32 and float32 plans keep one untyped pointer (fewer bytes of
   * persistent arena per op), read through the ref files' RFFT_TW. */
  int16_t *twiddles;
  int16_t *super_twiddles;
  void *twiddles_wide;
} mote_rfft_plan_t;

/* --- prepare-time helpers (rfft_plan.c), for the glue and for tests ---- */

/*
 * Factors N / 2 as kissfft does into plan->radix / sub_length and sets
 * fft_length, n and stages, and inverse to 0 (the caller sets it to 1
 * before the twiddles are filled, for an inverse plan).
 * MOTE_ERR_UNSUPPORTED when N is odd, below 4,
 * above 2^24, or N / 2 has a prime factor above 5.
 */
mote_status_t mote_rfft_plan_factor(mote_rfft_plan_t *plan, int32_t fft_length);

/* Values of twiddle storage a factored plan needs, in its element type
 * (the same count for every type): 2 * (n + n / 2). */
int32_t mote_rfft_q15_twiddle_values(const mote_rfft_plan_t *plan);

/* Fill the twiddles of one element type into `storage`, those of the
 * inverse transform if plan->inverse
 * (mote_rfft_q15_twiddle_values() values, caller-owned, kept by the plan
 * for as long as it is used). */
void mote_rfft_q15_init(mote_rfft_plan_t *plan, int16_t *storage);
void mote_rfft_q31_init(mote_rfft_plan_t *plan, int32_t *storage);
void mote_rfft_f32_init(mote_rfft_plan_t *plan, float *storage);

/* --- compute function --------------------------------------------------- */

/* One real FFT of a factored, initialised plan: in[0..in_len) zero-padded
 * to N (0 < in_len <= N); out: [N / 2 + 1][2], bins 0..N/2 as (re, im)
 * pairs. out must not overlap in. */
typedef void mote_rfft_q15_fn(const mote_rfft_plan_t *plan, const int16_t *in,
                              int32_t in_len, int16_t *out);

mote_rfft_q15_fn mote_rfft_q15_ref;

#ifdef MOTE_IMPL_RFFT_Q15
#define mote_rfft_q15 MOTE_IMPL_NAME(rfft_q15, MOTE_IMPL_RFFT_Q15)
mote_rfft_q15_fn mote_rfft_q15;
#else
#define mote_rfft_q15 mote_rfft_q15_ref
#endif

/* The same for int32 (bins scaled by 1/N) and float32 (unscaled), over a
 * plan initialised with mote_rfft_q31_init / mote_rfft_f32_init. */
typedef void mote_rfft_q31_fn(const mote_rfft_plan_t *plan, const int32_t *in,
                              int32_t in_len, int32_t *out);
typedef void mote_rfft_f32_fn(const mote_rfft_plan_t *plan, const float *in,
                              int32_t in_len, float *out);

mote_rfft_q31_fn mote_rfft_q31_ref;
mote_rfft_f32_fn mote_rfft_f32_ref;

/*
 * Inverse real FFTs (SignalIrfft), kissfft's kiss_fftri over an inverse
 * plan: in: [N / 2 + 1][2], bins 0..N/2 as (re, im); out: N reals. work:
 * N values of scratch (the folded spectrum), caller-owned; none of the
 * three buffers may overlap. int16 and int32 scale by 1/N through the
 * butterflies as the forward transforms do; float32 is kissfft's
 * unscaled inverse divided by N, as TFLM divides it.
 */
typedef void mote_irfft_q15_fn(const mote_rfft_plan_t *plan, const int16_t *in,
                               int16_t *work, int16_t *out);
typedef void mote_irfft_q31_fn(const mote_rfft_plan_t *plan, const int32_t *in,
                               int32_t *work, int32_t *out);
typedef void mote_irfft_f32_fn(const mote_rfft_plan_t *plan, const float *in,
                               float *work, float *out);

mote_irfft_q15_fn mote_irfft_q15_ref;
mote_irfft_q31_fn mote_irfft_q31_ref;
mote_irfft_f32_fn mote_irfft_f32_ref;

#define mote_irfft_q15 mote_irfft_q15_ref
#define mote_irfft_q31 mote_irfft_q31_ref
#define mote_irfft_f32 mote_irfft_f32_ref

#ifdef MOTE_IMPL_RFFT_Q31
#define mote_rfft_q31 MOTE_IMPL_NAME(rfft_q31, MOTE_IMPL_RFFT_Q31)
mote_rfft_q31_fn mote_rfft_q31;
#else
#define mote_rfft_q31 mote_rfft_q31_ref
#endif

#ifdef MOTE_IMPL_RFFT_F32
#define mote_rfft_f32 MOTE_IMPL_NAME(rfft_f32, MOTE_IMPL_RFFT_F32)
mote_rfft_f32_fn mote_rfft_f32;
#else
#define mote_rfft_f32 mote_rfft_f32_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_RFFT_H */
