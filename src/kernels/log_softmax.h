/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LOG_SOFTMAX compute functions: the seam between the op's glue
 * (log_softmax.c) and its implementations.
 *
 * Rows of `depth` elements (the innermost dimension), `outer` of them.
 * float32 is TFLite's reference: the row's maximum (from the lowest
 * float, a NaN never taken), the single-precision sum of expf(x - max) in
 * order, then x - max - logf(sum). int8 is TFLite's fixed-point path:
 * differences from the row's maximum at or above diff_min are rescaled
 * into Q5.26, their exps summed in Q12.19, the log of the sum taken in
 * Q5.26 (mote_fp_log_x_ge_1); an element whose difference exceeds the
 * larger of diff_min - 1 and that log rescaled back to input units gives
 * (its Q5.26 difference - the log) in steps of 1/16 plus 127, clamped to
 * int8; any other gives -128. Output scale 16/256, zero point 127. No
 * validation, no failure.
 */
#ifndef MOTE_KERNELS_LOG_SOFTMAX_H
#define MOTE_KERNELS_LOG_SOFTMAX_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_log_softmax_params {
  int32_t outer, depth;
  /* int8: input differences into Q5.26 (multiplier, left shift >= 0),
   * back from Q5.26 (reverse multiplier, shift <= 0), the smallest
   * difference that counts. */
  int32_t input_multiplier, input_left_shift;
  int32_t reverse_multiplier, reverse_shift;
  int32_t diff_min;
} mote_log_softmax_params_t;

typedef void mote_log_softmax_f32_fn(const mote_log_softmax_params_t *p,
                                     const float *input, float *output);
typedef void mote_log_softmax_s8_fn(const mote_log_softmax_params_t *p,
                                    const int8_t *input, int8_t *output);

mote_log_softmax_f32_fn mote_log_softmax_f32_ref;
mote_log_softmax_s8_fn mote_log_softmax_s8_ref;

#ifdef MOTE_IMPL_LOG_SOFTMAX_F32
#define mote_log_softmax_f32                                                   \
  MOTE_IMPL_NAME(log_softmax_f32, MOTE_IMPL_LOG_SOFTMAX_F32)
mote_log_softmax_f32_fn mote_log_softmax_f32;
#else
#define mote_log_softmax_f32 mote_log_softmax_f32_ref
#endif
#ifdef MOTE_IMPL_LOG_SOFTMAX_S8
#define mote_log_softmax_s8                                                    \
  MOTE_IMPL_NAME(log_softmax_s8, MOTE_IMPL_LOG_SOFTMAX_S8)
mote_log_softmax_s8_fn mote_log_softmax_s8;
#else
#define mote_log_softmax_s8 mote_log_softmax_s8_ref
#endif

#endif /* MOTE_KERNELS_LOG_SOFTMAX_H */
