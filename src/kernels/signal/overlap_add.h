/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalOverlapAdd compute functions: the seam between the op's glue
 * (overlap_add.c) and its implementations (kernels/impl.h).
 *
 * Rebuilds a signal from overlapping frames of `size` samples that start
 * `step` samples apart, as TFLM's OverlapAdd: each frame is added onto a
 * running sum of `size` samples per row, whose first `step` samples are
 * then complete and go out, and the sum moves down by `step` with zeros
 * behind. int16 saturates each sum to int16 (the sum itself, not only
 * the output); float32 adds in the same order as TFLM.
 *
 * The running sum of each row lives in the caller's state memory, all
 * zeros at the start of a stream. No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_OVERLAP_ADD_H
#define MOTE_KERNELS_SIGNAL_OVERLAP_ADD_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_signal_overlap_add_params {
  int32_t rows;   /* independent streams, > 0 */
  int32_t frames; /* frames per row and invoke, > 0 */
  int32_t size;   /* samples per frame, > 0 */
  int32_t step;   /* output samples per frame, 1..size */
} mote_signal_overlap_add_params_t;

/* input: [rows, frames, size]; output: [rows, frames * step]; sum:
 * [rows, size], updated. */
typedef void mote_signal_overlap_add_s16_fn(
    const mote_signal_overlap_add_params_t *p, const int16_t *input,
    int16_t *sum, int16_t *output);
typedef void mote_signal_overlap_add_f32_fn(
    const mote_signal_overlap_add_params_t *p, const float *input, float *sum,
    float *output);

mote_signal_overlap_add_s16_fn mote_signal_overlap_add_s16_ref;
mote_signal_overlap_add_f32_fn mote_signal_overlap_add_f32_ref;

#ifdef MOTE_IMPL_SIGNAL_OVERLAP_ADD_S16
#define mote_signal_overlap_add_s16                                            \
  MOTE_IMPL_NAME(signal_overlap_add_s16, MOTE_IMPL_SIGNAL_OVERLAP_ADD_S16)
mote_signal_overlap_add_s16_fn mote_signal_overlap_add_s16;
#else
#define mote_signal_overlap_add_s16 mote_signal_overlap_add_s16_ref
#endif

#ifdef MOTE_IMPL_SIGNAL_OVERLAP_ADD_F32
#define mote_signal_overlap_add_f32                                            \
  MOTE_IMPL_NAME(signal_overlap_add_f32, MOTE_IMPL_SIGNAL_OVERLAP_ADD_F32)
mote_signal_overlap_add_f32_fn mote_signal_overlap_add_f32;
#else
#define mote_signal_overlap_add_f32 mote_signal_overlap_add_f32_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_OVERLAP_ADD_H */
