/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFilterBankSquareRoot compute function: the seam between the op's
 * glue (filter_bank_square_root.c) and its implementations
 * (kernels/impl.h).
 *
 * output[i] = sqrt(input[i]) >> shift: the square root rounded to
 * nearest with TFLM's saturation (mote_signal_sqrt64() in
 * signal_math.h), then shifted down by the scale bits SignalFftAutoScale
 * applied. The shift arrives as a tensor at run time; the glue checks it
 * lies in 0..31 before the call. No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_FILTER_BANK_SQUARE_ROOT_H
#define MOTE_KERNELS_SIGNAL_FILTER_BANK_SQUARE_ROOT_H

#include <stdint.h>

#include "kernels/impl.h"

/* input, output: [n]. */
typedef void mote_signal_filter_bank_sqrt_fn(const uint64_t *input,
                                             uint32_t *output, int32_t n,
                                             int32_t shift);

mote_signal_filter_bank_sqrt_fn mote_signal_filter_bank_sqrt_ref;

#ifdef MOTE_IMPL_SIGNAL_FILTER_BANK_SQRT
#define mote_signal_filter_bank_sqrt                                           \
  MOTE_IMPL_NAME(signal_filter_bank_sqrt, MOTE_IMPL_SIGNAL_FILTER_BANK_SQRT)
mote_signal_filter_bank_sqrt_fn mote_signal_filter_bank_sqrt;
#else
#define mote_signal_filter_bank_sqrt mote_signal_filter_bank_sqrt_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_FILTER_BANK_SQUARE_ROOT_H */
