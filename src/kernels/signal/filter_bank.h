/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFilterBank compute function: the seam between the op's glue
 * (filter_bank.c) and its implementations (kernels/impl.h).
 *
 * A mel-style triangular filter bank over an energy spectrum,
 * accumulated in uint64. Each frequency bin feeds two neighbouring
 * channels: weight * energy to one, unweight * energy to the next, so the
 * tables describe num_channels + 1 channels whose first exists only to
 * pass its unweighted sum on. TFLM multiplies the int16 weight,
 * sign-extended to uint64, by the energy and lets the sums wrap.
 *
 * The tables are the op's inputs 1-5, so the parameters point at tensor
 * data (the glue fills them at invoke). mote_signal_filter_bank_check()
 * is the bounds check the glue runs before trusting them: constant tables
 * once in prepare, computed ones on every invoke. No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_FILTER_BANK_H
#define MOTE_KERNELS_SIGNAL_FILTER_BANK_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"

/* num_channels + 1 entries per channel table, the weight tables as long
 * as the channels' weight ranges need. */
typedef struct mote_signal_filter_bank_params {
  int32_t num_channels;
  const int16_t *weights;                  /* input 1 */
  const int16_t *unweights;                /* input 2, as long as weights */
  const int16_t *channel_frequency_starts; /* input 3: first bin */
  const int16_t *channel_weight_starts;    /* input 4: first weight */
  const int16_t *channel_widths;           /* input 5: bins */
} mote_signal_filter_bank_params_t;

/* --- prepare-time helper (filter_bank.c), for the glue and for tests ---- */

/* True when every channel with a positive width stays inside the input
 * (input_len bins) and the weight tables (weights_len entries each). On
 * failure returns false and the offending channel in *bad_channel. */
bool mote_signal_filter_bank_check(const mote_signal_filter_bank_params_t *p,
                                   int32_t input_len, int32_t weights_len,
                                   int32_t *bad_channel);

/* --- compute function --------------------------------------------------- */

/* input: energies, as long as the check was given; output:
 * [num_channels], the sums modulo 2^64. */
typedef void
mote_signal_filter_bank_fn(const mote_signal_filter_bank_params_t *p,
                           const uint32_t *input, uint64_t *output);

mote_signal_filter_bank_fn mote_signal_filter_bank_ref;

#ifdef MOTE_IMPL_SIGNAL_FILTER_BANK
#define mote_signal_filter_bank                                                \
  MOTE_IMPL_NAME(signal_filter_bank, MOTE_IMPL_SIGNAL_FILTER_BANK)
mote_signal_filter_bank_fn mote_signal_filter_bank;
#else
#define mote_signal_filter_bank mote_signal_filter_bank_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_FILTER_BANK_H */
