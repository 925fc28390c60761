/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalFilterBankLog (filter_bank_log.h): TFLM's FilterbankLog,
 * one mote_signal_log32() per channel above 1, saturated to int16.
 */
#include "kernels/signal/filter_bank_log.h"

#include "kernels/signal/signal_math.h"

void mote_signal_filter_bank_log_ref(
    const mote_signal_filter_bank_log_params_t *p, const uint32_t *input,
    int16_t *output) {
  int32_t i;
  for (i = 0; i < p->channels; ++i) {
    const uint32_t scaled = input[i] << p->correction_bits;
    if (scaled > 1) {
      const uint32_t v = mote_signal_log32(scaled, p->output_scale);
      output[i] = (int16_t)(v < (uint32_t)INT16_MAX ? v : (uint32_t)INT16_MAX);
    } else {
      output[i] = 0;
    }
  }
}
