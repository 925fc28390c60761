/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalFilterBankSpectralSubtraction
 * (filter_bank_spectral_subtraction.h): TFLM's
 * FilterbankSpectralSubtraction, channel by channel, in its order: the
 * estimate is updated (and clamped) before it is subtracted.
 */
#include "kernels/signal/filter_bank_spectral_subtraction.h"

void mote_signal_spectral_sub_ref(const mote_signal_spectral_sub_params_t *p,
                                  const uint32_t *input, uint32_t *noise,
                                  uint32_t *output) {
  int32_t i;
  for (i = 0; i < p->num_channels; ++i) {
    const int odd = (i & 1) != 0;
    const uint32_t smoothing = odd ? p->alternate_smoothing : p->smoothing;
    const uint32_t keep =
        odd ? p->alternate_one_minus_smoothing : p->one_minus_smoothing;
    const uint32_t signal = input[i] << p->smoothing_bits;
    uint32_t estimate, floor_value, subtracted;
    noise[i] =
        (uint32_t)(((uint64_t)signal * smoothing + (uint64_t)noise[i] * keep) >>
                   p->spectral_subtraction_bits);
    estimate = noise[i];
    if (estimate > signal) {
      estimate = signal;
      if (p->clamping) {
        noise[i] = estimate;
      }
    }
    floor_value = (uint32_t)(((uint64_t)input[i] * p->min_signal_remaining) >>
                             p->spectral_subtraction_bits);
    subtracted = (signal - estimate) >> p->smoothing_bits;
    output[i] = subtracted > floor_value ? subtracted : floor_value;
  }
}
