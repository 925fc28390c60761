/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFilterBankLog compute function: the seam between the op's glue
 * (filter_bank_log.c) and its implementations (kernels/impl.h).
 *
 * Natural log of each channel in fixed point: output[i] =
 * min(ln(input[i] << correction_bits) * output_scale, INT16_MAX) through
 * TFLM's Log32 (mote_signal_log32() in signal_math.h), 0 when the shifted
 * value is 0 or 1. The shift is uint32 and drops high bits, as in TFLM;
 * output_scale is TFLM's int32 read as uint32, and the scaling product
 * wraps in 32 bits like TFLM's. No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_FILTER_BANK_LOG_H
#define MOTE_KERNELS_SIGNAL_FILTER_BANK_LOG_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_signal_filter_bank_log_params {
  int32_t channels;
  uint32_t output_scale;   /* the log's multiplier */
  int32_t correction_bits; /* left shift of each input, 0..31 */
} mote_signal_filter_bank_log_params_t;

/* input, output: [channels]. */
typedef void
mote_signal_filter_bank_log_fn(const mote_signal_filter_bank_log_params_t *p,
                               const uint32_t *input, int16_t *output);

mote_signal_filter_bank_log_fn mote_signal_filter_bank_log_ref;

#ifdef MOTE_IMPL_SIGNAL_FILTER_BANK_LOG
#define mote_signal_filter_bank_log                                            \
  MOTE_IMPL_NAME(signal_filter_bank_log, MOTE_IMPL_SIGNAL_FILTER_BANK_LOG)
mote_signal_filter_bank_log_fn mote_signal_filter_bank_log;
#else
#define mote_signal_filter_bank_log mote_signal_filter_bank_log_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_FILTER_BANK_LOG_H */
