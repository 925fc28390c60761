/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalRfft compute function: the seam between the op's glue (rfft.c)
 * and its implementations (kernels/impl.h).
 *
 * int16 real FFT with the arithmetic of kissfft v130 (fixed point,
 * FIXED_POINT=16), the FFT behind TFLM's SignalRfft for int16: one frame
 * of N = fft_length samples, zero-padded, into bins 0..N/2 scaled by 1/N,
 * bit for bit as kissfft computes them (ref/rfft_q15_ref.c says how).
 *
 * The plan is the parameter: kissfft's factoring of N / 2 (radix 4
 * first, then 2, then odd numbers from 3 up, any factor above sqrt(N / 2)
 * taken whole; stages outermost first) and its twiddles, floor(0.5 +
 * 32767 * cos/sin) of the double phase, in storage the caller provides.
 * Both are prepare-time helpers (rfft.c), because which factors and
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
  int16_t *twiddles;       /* n complex: exp(-2 pi i k / n), re, im */
  int16_t *super_twiddles; /* n / 2 complex for the split step */
} mote_rfft_plan_t;

/* --- prepare-time helpers (rfft.c), for the glue and for tests --------- */

/*
 * Factors N / 2 as kissfft does into plan->radix / sub_length and sets
 * fft_length, n and stages. MOTE_ERR_UNSUPPORTED when N is odd, below 4,
 * above 2^24, or N / 2 has a prime factor above 5.
 */
mote_status_t mote_rfft_plan_factor(mote_rfft_plan_t *plan, int32_t fft_length);

/* int16 values of twiddle storage a factored plan needs:
 * 2 * (n + n / 2). */
int32_t mote_rfft_q15_twiddle_values(const mote_rfft_plan_t *plan);

/* Fills the twiddles into `storage` (mote_rfft_q15_twiddle_values()
 * int16s, caller-owned, kept by the plan for as long as it is used). */
void mote_rfft_q15_init(mote_rfft_plan_t *plan, int16_t *storage);

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

#endif /* MOTE_KERNELS_SIGNAL_RFFT_H */
