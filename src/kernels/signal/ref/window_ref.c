/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalWindow (window.h): TFLM's ApplyWindow, one element at
 * a time. The weight index wraps per frame with a modulo instead of a
 * nested frame loop, so one loop covers any number of frames.
 */
#include "kernels/signal/window.h"

void mote_signal_window_ref(const mote_signal_window_params_t *p,
                            const int16_t *input, const int16_t *weights,
                            int16_t *output) {
  int32_t i;
  for (i = 0; i < p->count; ++i) {
    const int32_t raw = ((int32_t)input[i] * weights[i % p->frame]) >> p->shift;
    output[i] =
        (int16_t)(raw < INT16_MIN ? INT16_MIN
                                  : (raw > INT16_MAX ? INT16_MAX : raw));
  }
}
