/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CUMSUM compute functions: the seam between the op's glue (cumsum.c)
 * and its implementations.
 *
 * The input is seen as [outer, axis, inner] around the summed axis; each
 * (outer, inner) line is summed along the axis, from its end when
 * `reverse`, and each output is the running sum including its own element
 * or, when `exclusive`, the sum before it (the first is 0). float32 sums
 * in single precision in that order, as TFLite's CumSum. int8 is TFLM's
 * quantized CumSum, ADD's arithmetic: every (x - input zero point) is
 * shifted left by 20 and rescaled by s_in / (2 s_in), the running sum
 * kept in int32 (wrapping), and each output the sum rescaled by
 * 2 s_in / (2^20 s_out) plus the output zero point, clamped to int8. As
 * in TFLM the sum does not start at 0 but at -input zero point, rescaled
 * the same way: TFLM's bytes, not the real cumulative sum. No
 * validation, no failure.
 */
#ifndef MOTE_KERNELS_CUMSUM_H
#define MOTE_KERNELS_CUMSUM_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_cumsum_params {
  int32_t outer, axis, inner;
  bool exclusive, reverse;
  /* int8 only. Shifts are left shifts <= 0. */
  int32_t input_offset; /* -input zero point */
  int32_t input_multiplier, input_shift;
  int32_t output_multiplier, output_shift;
  int32_t output_offset; /* output zero point */
} mote_cumsum_params_t;

typedef void mote_cumsum_f32_fn(const mote_cumsum_params_t *p,
                                const float *input, float *output);
typedef void mote_cumsum_s8_fn(const mote_cumsum_params_t *p,
                               const int8_t *input, int8_t *output);

mote_cumsum_f32_fn mote_cumsum_f32_ref;
mote_cumsum_s8_fn mote_cumsum_s8_ref;

#ifdef MOTE_IMPL_CUMSUM_F32
#define mote_cumsum_f32 MOTE_IMPL_NAME(cumsum_f32, MOTE_IMPL_CUMSUM_F32)
mote_cumsum_f32_fn mote_cumsum_f32;
#else
#define mote_cumsum_f32 mote_cumsum_f32_ref
#endif
#ifdef MOTE_IMPL_CUMSUM_S8
#define mote_cumsum_s8 MOTE_IMPL_NAME(cumsum_s8, MOTE_IMPL_CUMSUM_S8)
mote_cumsum_s8_fn mote_cumsum_s8;
#else
#define mote_cumsum_s8 mote_cumsum_s8_ref
#endif

#endif /* MOTE_KERNELS_CUMSUM_H */
