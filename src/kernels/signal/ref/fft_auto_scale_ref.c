/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalFftAutoScale (fft_auto_scale.h): TFLM's MaxAbs16 peak
 * search and scaling, two passes over the frame. The peak comparison is
 * written as TFLM's (positive, then negated, against an int16 maximum)
 * rather than as an absolute value, because that order is what decides
 * how -32768 is treated.
 */
#include "kernels/signal/fft_auto_scale.h"

#include "kernels/signal/signal_math.h"

int32_t mote_signal_fft_auto_scale_ref(const int16_t *input, int16_t *output,
                                       int32_t n) {
  int16_t max = 0;
  int32_t i, bits;
  for (i = 0; i < n; ++i) {
    if (input[i] > max) {
      max = input[i];
    } else if (-input[i] > max) {
      max = (int16_t)-input[i];
    }
  }
  bits = 15 - (int32_t)mote_signal_msb32((uint32_t)(int32_t)max);
  if (bits < 0) {
    bits = 0;
  }
  for (i = 0; i < n; ++i) {
    output[i] = (int16_t)(uint16_t)((uint32_t)(int32_t)input[i] << bits);
  }
  return bits;
}
