/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HARD_SWISH compute functions: the seam between the op's glue
 * (hard_swish.c) and its implementations (impl.h). Element-wise over `n`
 * elements:
 *   float32: x * min(6, max(0, x + 3)) / 6 in single precision, TFLM's
 *            order (a NaN x + 3 gives max 0);
 *   int8:    TFLite's 16-bit fixed-point pipeline. d = x - in_zp on the
 *            "hires" scale (d * 2^7); its value on the output scale before
 *            the final shift (int16 rounding doubling high multiply by
 *            output_multiplier); the "relu-ish" factor: d rescaled by
 *            reluish_multiplier and reluish_exponent (saturating left
 *            shifts, or a rounding right shift) to [-1, 1] as Q0.15 and
 *            mapped to [0, 1]; their non-rounding doubling high product;
 *            a rounding right shift by -output_exponent; plus out_zp in
 *            int16 (wrapping, as TFLite's int16 sum) and the int8 clamp.
 * `output` may be `input` (element i is read before it is written). No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_HARD_SWISH_H
#define MOTE_KERNELS_HARD_SWISH_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_hard_swish_params {
  int32_t input_zero_point, output_zero_point;
  int16_t output_multiplier;  /* Q0.15 */
  int16_t reluish_multiplier; /* Q0.15 */
  int32_t output_exponent;    /* <= 0 */
  int32_t reluish_exponent;
} mote_hard_swish_params_t;

typedef void mote_hard_swish_f32_fn(const float *input, float *output,
                                    int32_t n);
typedef void mote_hard_swish_s8_fn(const mote_hard_swish_params_t *p,
                                   const int8_t *input, int8_t *output,
                                   int32_t n);

mote_hard_swish_f32_fn mote_hard_swish_f32_ref;
mote_hard_swish_s8_fn mote_hard_swish_s8_ref;

#ifdef MOTE_IMPL_HARD_SWISH_F32
#define mote_hard_swish_f32                                                    \
  MOTE_IMPL_NAME(hard_swish_f32, MOTE_IMPL_HARD_SWISH_F32)
mote_hard_swish_f32_fn mote_hard_swish_f32;
#else
#define mote_hard_swish_f32 mote_hard_swish_f32_ref
#endif
#ifdef MOTE_IMPL_HARD_SWISH_S8
#define mote_hard_swish_s8                                                     \
  MOTE_IMPL_NAME(hard_swish_s8, MOTE_IMPL_HARD_SWISH_S8)
mote_hard_swish_s8_fn mote_hard_swish_s8;
#else
#define mote_hard_swish_s8 mote_hard_swish_s8_ref
#endif

#endif /* MOTE_KERNELS_HARD_SWISH_H */
