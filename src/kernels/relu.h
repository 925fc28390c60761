/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RELU, RELU6 and RELU_N1_TO_1 compute functions: the seam between the
 * ops' glue (relu.c) and their implementations (impl.h). Element-wise
 * over `n` elements:
 *   float32: x > max_f ? max_f : (x < min_f ? min_f : x), TFLM's order of
 *            comparisons (a NaN passes through; -0 stays -0). RELU has
 *            max_f = +infinity.
 *   int8, int16: with `rescale`, out_zp + MultiplyByQuantizedMultiplier(
 *            x - in_zp, multiplier, shift), TFLM's ReluQuantized (RELU and
 *            RELU_N1_TO_1); without (RELU6, which TFLM clamps on the
 *            input's scale), x itself. Then the clamp [act_min, act_max].
 * `output` may be `input` (element i is read before it is written). No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_RELU_H
#define MOTE_KERNELS_RELU_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_relu_params {
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier; /* Q0.31 */
  int32_t shift;      /* in [-31, 30] */
  int32_t act_min, act_max;
  int32_t rescale; /* 0: no requantization (RELU6) */
  float min_f, max_f;
} mote_relu_params_t;

typedef void mote_relu_f32_fn(const mote_relu_params_t *p, const float *input,
                              float *output, int32_t n);
typedef void mote_relu_s8_fn(const mote_relu_params_t *p, const int8_t *input,
                             int8_t *output, int32_t n);
typedef void mote_relu_s16_fn(const mote_relu_params_t *p, const int16_t *input,
                              int16_t *output, int32_t n);

mote_relu_f32_fn mote_relu_f32_ref;
mote_relu_s8_fn mote_relu_s8_ref;
mote_relu_s16_fn mote_relu_s16_ref;

#ifdef MOTE_IMPL_RELU_F32
#define mote_relu_f32 MOTE_IMPL_NAME(relu_f32, MOTE_IMPL_RELU_F32)
mote_relu_f32_fn mote_relu_f32;
#else
#define mote_relu_f32 mote_relu_f32_ref
#endif
#ifdef MOTE_IMPL_RELU_S8
#define mote_relu_s8 MOTE_IMPL_NAME(relu_s8, MOTE_IMPL_RELU_S8)
mote_relu_s8_fn mote_relu_s8;
#else
#define mote_relu_s8 mote_relu_s8_ref
#endif
#ifdef MOTE_IMPL_RELU_S16
#define mote_relu_s16 MOTE_IMPL_NAME(relu_s16, MOTE_IMPL_RELU_S16)
mote_relu_s16_fn mote_relu_s16;
#else
#define mote_relu_s16 mote_relu_s16_ref
#endif

#endif /* MOTE_KERNELS_RELU_H */
