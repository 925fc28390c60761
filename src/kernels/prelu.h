/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PRELU compute functions: the seam between the op's glue (prelu.c) and
 * its implementations (impl.h). out = f(input, alpha) over the broadcast
 * b (broadcast.h), b->count elements in row-major order:
 *   float32: x >= 0 ? x : x * a, TFLM's reference;
 *   int8:    d = input_offset + x; d >= 0 ? MultiplyByQuantizedMultiplier(
 *            d, multiplier_1, shift_1) : MultiplyByQuantizedMultiplier(
 *            d * (alpha_offset + a), multiplier_2, shift_2); plus the
 *            output zero point, saturated to int8.
 * `output` may be `input` or `alpha` where it has the output's shape. No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_PRELU_H
#define MOTE_KERNELS_PRELU_H

#include <stdint.h>

#include "kernels/broadcast.h"
#include "kernels/impl.h"

typedef struct mote_prelu_params {
  int32_t input_offset, alpha_offset; /* minus the zero points */
  int32_t output_offset;
  int32_t multiplier_1, shift_1; /* input / output scale */
  int32_t multiplier_2, shift_2; /* input x alpha / output scale */
} mote_prelu_params_t;

typedef void mote_prelu_f32_fn(const mote_prelu_params_t *p,
                               const mote_bcast_t *b, const float *input,
                               const float *alpha, float *output);
typedef void mote_prelu_s8_fn(const mote_prelu_params_t *p,
                              const mote_bcast_t *b, const int8_t *input,
                              const int8_t *alpha, int8_t *output);

mote_prelu_f32_fn mote_prelu_f32_ref;
mote_prelu_s8_fn mote_prelu_s8_ref;

#ifdef MOTE_IMPL_PRELU_F32
#define mote_prelu_f32 MOTE_IMPL_NAME(prelu_f32, MOTE_IMPL_PRELU_F32)
mote_prelu_f32_fn mote_prelu_f32;
#else
#define mote_prelu_f32 mote_prelu_f32_ref
#endif
#ifdef MOTE_IMPL_PRELU_S8
#define mote_prelu_s8 MOTE_IMPL_NAME(prelu_s8, MOTE_IMPL_PRELU_S8)
mote_prelu_s8_fn mote_prelu_s8;
#else
#define mote_prelu_s8 mote_prelu_s8_ref
#endif

#endif /* MOTE_KERNELS_PRELU_H */
