/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalFilterBank (filter_bank.h): TFLM's FilterbankAccumulate
 * channel by channel. uint64 addition is associative, so adding the
 * previous channel's unweighted sum first (TFLM adds it last) gives the
 * same bits and needs no work area: the running `carry` is the only
 * state between channels.
 */
#include "kernels/signal/filter_bank.h"

void mote_signal_filter_bank_ref(const mote_signal_filter_bank_params_t *p,
                                 const uint32_t *input, uint64_t *output) {
  uint64_t carry = 0;
  int32_t i, j;
  for (i = 0; i <= p->num_channels; ++i) {
    const uint32_t *e = input + p->channel_frequency_starts[i];
    const int32_t w0 = p->channel_weight_starts[i];
    uint64_t weighted = carry;
    carry = 0;
    for (j = 0; j < p->channel_widths[i]; ++j) {
      weighted += (uint64_t)(int64_t)p->weights[w0 + j] * e[j];
      carry += (uint64_t)(int64_t)p->unweights[w0 + j] * e[j];
    }
    if (i > 0) {
      output[i - 1] = weighted;
    }
  }
}
