/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFilterBankSpectralSubtraction compute function: the seam between
 * the op's glue (filter_bank_spectral_subtraction.c) and its
 * implementations (kernels/impl.h).
 *
 * Noise reduction by subtracting a slowly tracking per-channel noise
 * estimate. The estimate is a one-pole low-pass of the signal, kept with
 * smoothing_bits extra fraction bits in uint32 and carried from one call
 * to the next by the caller (the glue keeps it in state memory, zeroed
 * at prepare and by mote_interp_reset_state(), as TFLM resets it). Odd
 * channels use the alternate coefficients. The output never drops below
 * min_signal_remaining of the input. All the arithmetic is TFLM's: uint32
 * shifts that drop high bits, a uint64 blend truncated back to uint32.
 * No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_FILTER_BANK_SPECTRAL_SUBTRACTION_H
#define MOTE_KERNELS_SIGNAL_FILTER_BANK_SPECTRAL_SUBTRACTION_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"

/* The coefficients are fractions in Q(spectral_subtraction_bits). */
typedef struct mote_signal_spectral_sub_params {
  int32_t num_channels;
  uint32_t smoothing;                     /* even channels */
  uint32_t one_minus_smoothing;           /* even channels */
  uint32_t alternate_smoothing;           /* odd channels */
  uint32_t alternate_one_minus_smoothing; /* odd channels */
  uint32_t min_signal_remaining;
  uint32_t smoothing_bits;            /* 0..31 */
  uint32_t spectral_subtraction_bits; /* 0..63 */
  bool clamping; /* the estimate never exceeds the signal it tracks */
} mote_signal_spectral_sub_params_t;

/* input, noise, output: [num_channels]. Updates the running estimate in
 * noise (read, then written) and writes the noise-reduced channels to
 * output. */
typedef void
mote_signal_spectral_sub_fn(const mote_signal_spectral_sub_params_t *p,
                            const uint32_t *input, uint32_t *noise,
                            uint32_t *output);

mote_signal_spectral_sub_fn mote_signal_spectral_sub_ref;

#ifdef MOTE_IMPL_SIGNAL_SPECTRAL_SUB
#define mote_signal_spectral_sub                                               \
  MOTE_IMPL_NAME(signal_spectral_sub, MOTE_IMPL_SIGNAL_SPECTRAL_SUB)
mote_signal_spectral_sub_fn mote_signal_spectral_sub;
#else
#define mote_signal_spectral_sub mote_signal_spectral_sub_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_FILTER_BANK_SPECTRAL_SUBTRACTION_H */
