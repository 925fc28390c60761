/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFramer compute function: the seam between the op's glue
 * (framer.c) and its implementations (kernels/impl.h).
 *
 * Cuts each row of the input (one stream per row) into frames of `size`
 * samples that start `step` samples apart, as TFLM's Framer: every
 * `step` new samples are appended to the row's pending samples, and once
 * at least `size` are pending the oldest `size` make a frame and the
 * oldest `step` are dropped. A frame with too few pending samples is
 * written as zeros and clears *ready. With `prefill` the stream starts
 * with size - step zeros, so every frame is ready.
 *
 * The pending samples of each row (oldest first, at most `capacity`)
 * live in the caller's state memory, with their count stored relative to
 * the prefill so that all-zero state is the start of a stream. No
 * failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_FRAMER_H
#define MOTE_KERNELS_SIGNAL_FRAMER_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_signal_framer_params {
  int32_t rows;     /* independent streams, > 0 */
  int32_t frames;   /* frames per row and invoke, > 0 */
  int32_t size;     /* samples per frame, > 0 */
  int32_t step;     /* new samples per frame, > 0 */
  int32_t capacity; /* pending samples a row can hold: size rounded up to
                       a multiple of step */
  int32_t prefill;  /* zeros the stream starts with: size - step, or 0 */
} mote_signal_framer_params_t;

/* input: [rows, frames * step]; output: [rows, frames, size]; pending:
 * [rows, capacity] and *count (pending samples per row minus prefill),
 * both updated; *ready: whether every frame was ready. */
typedef void mote_signal_framer_fn(const mote_signal_framer_params_t *p,
                                   const int16_t *input, int16_t *pending,
                                   int32_t *count, int16_t *output,
                                   bool *ready);

mote_signal_framer_fn mote_signal_framer_ref;

#ifdef MOTE_IMPL_SIGNAL_FRAMER
#define mote_signal_framer                                                     \
  MOTE_IMPL_NAME(signal_framer, MOTE_IMPL_SIGNAL_FRAMER)
mote_signal_framer_fn mote_signal_framer;
#else
#define mote_signal_framer mote_signal_framer_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_FRAMER_H */
