/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalRfft and SignalIrfft plans: the prepare-time helpers of rfft.h
 * (kissfft's factoring of N / 2 and its twiddles in each element type).
 * Apart from the glue (rfft.c) because the glue is compiled once per
 * element type (rfft_int16.c, ...) and these must exist once.
 */
#include <math.h>

#include "kernels/signal/rfft.h"

mote_status_t mote_rfft_plan_factor(mote_rfft_plan_t *plan,
                                    int32_t fft_length) {
  int32_t n, p = 4, stages = 0;
  double floor_sqrt;
  /* N = 2 would be a radix-1 stage, which kissfft sends to its generic
   * butterfly: rejected with the other generic radices. */
  if (fft_length < 4 || fft_length > (1 << 24) || (fft_length & 1) != 0) {
    return MOTE_ERR_UNSUPPORTED;
  }
  plan->fft_length = fft_length;
  plan->n = n = fft_length / 2;
  plan->inverse = 0;
  /* kissfft takes the bound once, from the full length. */
  floor_sqrt = floor(sqrt((double)n));
  do {
    while (n % p != 0) {
      p = p == 4 ? 2 : (p == 2 ? 3 : p + 2);
      if ((double)p > floor_sqrt) {
        p = n;
      }
    }
    if (p > 5 || stages == MOTE_RFFT_MAX_STAGES) {
      return MOTE_ERR_UNSUPPORTED;
    }
    n /= p;
    plan->radix[stages] = p;
    plan->sub_length[stages] = n;
    ++stages;
  } while (n > 1);
  plan->stages = stages;
  return MOTE_OK;
}

int32_t mote_rfft_q15_twiddle_values(const mote_rfft_plan_t *plan) {
  return 2 * (plan->n + plan->n / 2);
}

/* The phases of kissfft's twiddles, in the same double expressions:
 * (-2 * pi * k) / n for the n FFT twiddles, then -pi * ((k + 1) / n + .5)
 * for the n / 2 of the split step; entry k of the concatenation. The
 * inverse negates the phase (not the rounded value: in fixed point the
 * two differ where the scaled sine rounds a tie). */
static double twiddle_phase(const mote_rfft_plan_t *plan, int32_t k) {
  const double pi = 3.14159265358979323846;
  const int32_t n = plan->n;
  const double phase = k < n ? -2 * pi * (double)k / (double)n
                             : -pi * ((double)(k - n + 1) / (double)n + 0.5);
  return plan->inverse ? -phase : phase;
}

/* Stores one twiddle component, cos or sin of the phase, at storage[at]
 * in the element type, as kissfft's kf_cexp of that type does. */
typedef void twiddle_store_fn(void *storage, int32_t at, double v);

/* Fixed point: round half up of 32767 (FIXED_POINT=16) or 2147483647
 * (FIXED_POINT=32) times the value. */
static void store_q15(void *storage, int32_t at, double v) {
  ((int16_t *)storage)[at] = (int16_t)floor(0.5 + 32767.0 * v);
}

static void store_q31(void *storage, int32_t at, double v) {
  ((int32_t *)storage)[at] = (int32_t)floor(0.5 + 2147483647.0 * v);
}

/* Float: the double value rounded to float. */
static void store_f32(void *storage, int32_t at, double v) {
  ((float *)storage)[at] = (float)v;
}

static void fill_twiddles(const mote_rfft_plan_t *plan, void *storage,
                          twiddle_store_fn *store) {
  const int32_t count = plan->n + plan->n / 2;
  int32_t k;
  for (k = 0; k < count; ++k) {
    const double phase = twiddle_phase(plan, k);
    store(storage, 2 * k, cos(phase));
    store(storage, 2 * k + 1, sin(phase));
  }
}

void mote_rfft_q15_init(mote_rfft_plan_t *plan, int16_t *storage) {
  plan->twiddles = storage;
  plan->super_twiddles = storage + 2 * plan->n;
  fill_twiddles(plan, storage, store_q15);
}

void mote_rfft_q31_init(mote_rfft_plan_t *plan, int32_t *storage) {
  plan->twiddles_wide = storage;
  fill_twiddles(plan, storage, store_q31);
}

void mote_rfft_f32_init(mote_rfft_plan_t *plan, float *storage) {
  plan->twiddles_wide = storage;
  fill_twiddles(plan, storage, store_f32);
}
