/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalStacker compute function: the seam between the op's glue
 * (stacker.c) and its implementations (kernels/impl.h).
 *
 * Stacks consecutive input frames of `channels` values into one output
 * of `width` frames (left context + 1 + right context), as TFLM's
 * Stacker: each invoke appends the input to the pending frames (the very
 * first input of a stream also `left` more times, to pad the left
 * context); once `width` frames are pending they are the output, *ready
 * is set and the oldest `step` frames are dropped. Otherwise the output
 * is zeros and *ready is cleared.
 *
 * The pending frames (oldest first) and their count live in the
 * caller's state memory; all zeros is the start of a stream. No failure,
 * no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_STACKER_H
#define MOTE_KERNELS_SIGNAL_STACKER_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_signal_stacker_params {
  int32_t channels; /* values per input frame, > 0 */
  int32_t left;     /* copies of the first frame a stream starts with */
  int32_t width;    /* frames per output: left + 1 + right context */
  int32_t step;     /* frames dropped after each output, 1..width */
} mote_signal_stacker_params_t;

/* The caller's state: pending frames and what is known of the stream. */
typedef struct mote_signal_stacker_state {
  int32_t frames;  /* pending frames */
  int32_t started; /* 0 until the stream's first input */
} mote_signal_stacker_state_t;

/* input: [channels]; output: [width * channels]; pending: [width *
 * channels] and *state, both updated; *ready as above. */
typedef void mote_signal_stacker_fn(const mote_signal_stacker_params_t *p,
                                    const int16_t *input, int16_t *pending,
                                    mote_signal_stacker_state_t *state,
                                    int16_t *output, bool *ready);

mote_signal_stacker_fn mote_signal_stacker_ref;

#ifdef MOTE_IMPL_SIGNAL_STACKER
#define mote_signal_stacker                                                    \
  MOTE_IMPL_NAME(signal_stacker, MOTE_IMPL_SIGNAL_STACKER)
mote_signal_stacker_fn mote_signal_stacker;
#else
#define mote_signal_stacker mote_signal_stacker_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_STACKER_H */
