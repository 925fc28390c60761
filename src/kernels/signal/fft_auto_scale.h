/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFftAutoScale compute function: the seam between the op's glue
 * (fft_auto_scale.c) and its implementations (kernels/impl.h).
 *
 * Scales a frame up so its peak uses the int16 range, and returns the
 * shift so later stages (SignalFilterBankSquareRoot) can scale back
 * down. The arithmetic is TFLM's, quirks included: the peak search keeps
 * its running maximum in int16, so -32768 negates to itself and is
 * replaced by the next larger magnitude; the shift is 15 - bit length of
 * the peak, clamped at 0, with GCC's bit length of 0 being 32 (silence
 * gets shift 0); the scaled values keep the low 16 bits of the product.
 * No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_FFT_AUTO_SCALE_H
#define MOTE_KERNELS_SIGNAL_FFT_AUTO_SCALE_H

#include <stdint.h>

#include "kernels/impl.h"

/* input, output: [n]. Returns the left shift applied, 0..15. */
typedef int32_t mote_signal_fft_auto_scale_fn(const int16_t *input,
                                              int16_t *output, int32_t n);

mote_signal_fft_auto_scale_fn mote_signal_fft_auto_scale_ref;

#ifdef MOTE_IMPL_SIGNAL_FFT_AUTO_SCALE
#define mote_signal_fft_auto_scale                                             \
  MOTE_IMPL_NAME(signal_fft_auto_scale, MOTE_IMPL_SIGNAL_FFT_AUTO_SCALE)
mote_signal_fft_auto_scale_fn mote_signal_fft_auto_scale;
#else
#define mote_signal_fft_auto_scale mote_signal_fft_auto_scale_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_FFT_AUTO_SCALE_H */
