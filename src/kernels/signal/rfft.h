/*
 * Real-input FFT with the arithmetic of kissfft v130 (fixed point,
 * FIXED_POINT=16), the FFT behind TFLM's SignalRfft for int16.
 *
 * A real FFT of even length N is a complex FFT of length n = N / 2 over
 * the samples taken in pairs (even sample real, odd imaginary), followed
 * by a split step that untangles the two interleaved spectra into bins
 * 0..n. The complex FFT is mixed radix, decimation in time: n is
 * factored into radices 4 first, then 2, then odd numbers from 3 up (any
 * factor above sqrt(n) taken whole), and the stages run innermost first.
 * Fixed point loses one bit of range per radix-2 level, so every
 * butterfly scales its inputs down by its radix (kissfft's C_FIXDIV: a
 * multiply by 32767 / radix and a rounding shift), and the output is the
 * DFT divided by N.
 *
 * Bit-exactness with TFLM depends on every detail kept here: the factor
 * order, twiddles as floor(0.5 + 32767 * cos/sin) of the double phase, the
 * rounding shift of each product, int16 wraparound of sums, the order of
 * operations inside each butterfly. Radices above 5 are rejected: TFLM's
 * patched kissfft has no memory for its generic butterfly and crashes.
 *
 * Memory: the plan keeps the twiddles (n + n / 2 complex int16) in
 * caller-provided storage. The transform writes the complex FFT straight
 * into the output and does the split step in place, so it needs no
 * scratch at all (TFLM copies the input into a scratch buffer and keeps a
 * complex work buffer in its persistent state).
 */
#ifndef MOTE_KERNELS_SIGNAL_RFFT_H
#define MOTE_KERNELS_SIGNAL_RFFT_H

#include <stdint.h>

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
 * int16s, kept by the plan). */
void mote_rfft_q15_init(mote_rfft_plan_t *plan, int16_t *storage);

/*
 * One real FFT: in[0..in_len) zero-padded to N (in_len <= N), out[0..2n+2)
 * receives bins 0..n as re, im pairs, scaled by 1 / N like kissfft. out
 * must not overlap in.
 */
void mote_rfft_q15(const mote_rfft_plan_t *plan, const int16_t *in,
                   int32_t in_len, int16_t *out);

#endif /* MOTE_KERNELS_SIGNAL_RFFT_H */
