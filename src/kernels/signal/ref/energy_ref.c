/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalEnergy (energy.h): one pass over every output bin,
 * squares in int32 (each below 2^30), summed as uint32 for TFLM's
 * wrapped bits.
 */
#include "kernels/signal/energy.h"

void mote_signal_energy_ref(const mote_signal_energy_params_t *p,
                            const int16_t *spectrum, uint32_t *output) {
  int32_t i;
  for (i = 0; i < p->bins; ++i) {
    if (i >= p->start && i < p->end) {
      const int32_t re = spectrum[2 * i];
      const int32_t im = spectrum[2 * i + 1];
      output[i] = (uint32_t)(re * re) + (uint32_t)(im * im);
    } else {
      output[i] = 0;
    }
  }
}
