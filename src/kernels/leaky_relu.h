/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LEAKY_RELU compute functions: the seam between the op's glue
 * (leaky_relu.c) and its implementations (impl.h). Element-wise over `n`
 * elements:
 *   float32: x > 0 ? x : x * alpha (alpha may be above 1 or negative, so
 *            not a max), TFLM's reference;
 *   int8, int16: d = x - input_zero_point; out = output_zero_point +
 *            MultiplyByQuantizedMultiplier(d, identity or alpha multiplier
 *            and shift, by d >= 0), saturated to the type.
 * `output` may be `input` (element i is read before it is written). No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_LEAKY_RELU_H
#define MOTE_KERNELS_LEAKY_RELU_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_leaky_relu_params {
  int32_t input_zero_point, output_zero_point;
  int32_t identity_multiplier, identity_shift; /* input / output scale */
  int32_t alpha_multiplier, alpha_shift;       /* input x alpha / output */
  float alpha;
} mote_leaky_relu_params_t;

typedef void mote_leaky_relu_f32_fn(const mote_leaky_relu_params_t *p,
                                    const float *input, float *output,
                                    int32_t n);
typedef void mote_leaky_relu_s8_fn(const mote_leaky_relu_params_t *p,
                                   const int8_t *input, int8_t *output,
                                   int32_t n);
typedef void mote_leaky_relu_s16_fn(const mote_leaky_relu_params_t *p,
                                    const int16_t *input, int16_t *output,
                                    int32_t n);

mote_leaky_relu_f32_fn mote_leaky_relu_f32_ref;
mote_leaky_relu_s8_fn mote_leaky_relu_s8_ref;
mote_leaky_relu_s16_fn mote_leaky_relu_s16_ref;

#ifdef MOTE_IMPL_LEAKY_RELU_F32
#define mote_leaky_relu_f32                                                    \
  MOTE_IMPL_NAME(leaky_relu_f32, MOTE_IMPL_LEAKY_RELU_F32)
mote_leaky_relu_f32_fn mote_leaky_relu_f32;
#else
#define mote_leaky_relu_f32 mote_leaky_relu_f32_ref
#endif
#ifdef MOTE_IMPL_LEAKY_RELU_S8
#define mote_leaky_relu_s8                                                     \
  MOTE_IMPL_NAME(leaky_relu_s8, MOTE_IMPL_LEAKY_RELU_S8)
mote_leaky_relu_s8_fn mote_leaky_relu_s8;
#else
#define mote_leaky_relu_s8 mote_leaky_relu_s8_ref
#endif
#ifdef MOTE_IMPL_LEAKY_RELU_S16
#define mote_leaky_relu_s16                                                    \
  MOTE_IMPL_NAME(leaky_relu_s16, MOTE_IMPL_LEAKY_RELU_S16)
mote_leaky_relu_s16_fn mote_leaky_relu_s16;
#else
#define mote_leaky_relu_s16 mote_leaky_relu_s16_ref
#endif

#endif /* MOTE_KERNELS_LEAKY_RELU_H */
