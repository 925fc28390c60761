/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalWindow compute function: the seam between the op's glue
 * (window.c) and its implementations (kernels/impl.h).
 *
 * Multiplies each frame of the input by a fixed window in Q(shift), as
 * TFLM's ApplyWindow: output[i] = saturate16((input[i] *
 * weights[i % frame]) >> shift), the product in int32 and the shift
 * arithmetic (it floors). The glue guarantees a whole number of frames
 * and 0 <= shift <= 31. No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_WINDOW_H
#define MOTE_KERNELS_SIGNAL_WINDOW_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_signal_window_params {
  int32_t frame; /* values per frame: the window's length, > 0 */
  int32_t count; /* input values, a multiple of frame */
  int32_t shift; /* right shift of each product, 0..31 */
} mote_signal_window_params_t;

/* input, output: [count]; weights: [frame]. */
typedef void mote_signal_window_fn(const mote_signal_window_params_t *p,
                                   const int16_t *input, const int16_t *weights,
                                   int16_t *output);

mote_signal_window_fn mote_signal_window_ref;

#ifdef MOTE_IMPL_SIGNAL_WINDOW
#define mote_signal_window                                                     \
  MOTE_IMPL_NAME(signal_window, MOTE_IMPL_SIGNAL_WINDOW)
mote_signal_window_fn mote_signal_window;
#else
#define mote_signal_window mote_signal_window_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_WINDOW_H */
