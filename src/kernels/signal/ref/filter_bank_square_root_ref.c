/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalFilterBankSquareRoot (filter_bank_square_root.h): one
 * mote_signal_sqrt64() per channel, the digit-by-digit root whose
 * rounding and saturation are TFLM's.
 */
#include "kernels/signal/filter_bank_square_root.h"

#include "kernels/signal/signal_math.h"

void mote_signal_filter_bank_sqrt_ref(const uint64_t *input, uint32_t *output,
                                      int32_t n, int32_t shift) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = mote_signal_sqrt64(input[i]) >> shift;
  }
}
