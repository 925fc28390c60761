/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalDelay compute function: the seam between the op's glue (delay.c)
 * and its implementations (kernels/impl.h).
 *
 * Delays each row of the input (its innermost dimension, one stream per
 * row) by `delay` samples, as TFLM's Delay: the stream starts with
 * `delay` zeros, and what does not fit into this invoke's output comes
 * out at the start of the next. The history (the last `delay` samples of
 * each row, oldest first) lives in the caller's state memory, all zeros
 * at the start of a stream. No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_DELAY_H
#define MOTE_KERNELS_SIGNAL_DELAY_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_signal_delay_params {
  int32_t rows;  /* independent streams, > 0 */
  int32_t frame; /* samples per row and invoke, > 0 */
  int32_t delay; /* delay in samples, >= 0 */
} mote_signal_delay_params_t;

/* input, output: [rows, frame]; history: [rows, delay] (NULL when delay
 * is 0), updated. */
typedef void mote_signal_delay_fn(const mote_signal_delay_params_t *p,
                                  const int16_t *input, int16_t *history,
                                  int16_t *output);

mote_signal_delay_fn mote_signal_delay_ref;

#ifdef MOTE_IMPL_SIGNAL_DELAY
#define mote_signal_delay MOTE_IMPL_NAME(signal_delay, MOTE_IMPL_SIGNAL_DELAY)
mote_signal_delay_fn mote_signal_delay;
#else
#define mote_signal_delay mote_signal_delay_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_DELAY_H */
