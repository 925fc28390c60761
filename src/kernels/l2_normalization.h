/* SPDX-License-Identifier: Apache-2.0 */
/*
 * L2_NORMALIZATION compute functions: the seam between the op's glue
 * (l2_normalization.c) and its implementations.
 *
 * Rows of `depth` elements (the innermost dimension), `outer` of them,
 * each divided by its L2 norm. float32 is TFLite's reference: the
 * single-precision sum of squares in order, sqrtf, raised to at least
 * 1e-6 (a NaN norm stays NaN), then x / norm. int8 is TFLite's integer
 * path: the int32 sum of squared (x - input_zero_point), its inverse
 * square root as a multiplier and shift (mote_fp_inv_sqrt), each
 * difference rescaled by it and 2^7 (output scale 1/128, zero point 0)
 * and clamped to int8. No validation, no failure.
 */
#ifndef MOTE_KERNELS_L2_NORMALIZATION_H
#define MOTE_KERNELS_L2_NORMALIZATION_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_l2norm_params {
  int32_t outer, depth;
  int32_t input_zero_point; /* int8 */
} mote_l2norm_params_t;

typedef void mote_l2norm_f32_fn(const mote_l2norm_params_t *p,
                                const float *input, float *output);
typedef void mote_l2norm_s8_fn(const mote_l2norm_params_t *p,
                               const int8_t *input, int8_t *output);

mote_l2norm_f32_fn mote_l2norm_f32_ref;
mote_l2norm_s8_fn mote_l2norm_s8_ref;

#ifdef MOTE_IMPL_L2NORM_F32
#define mote_l2norm_f32 MOTE_IMPL_NAME(l2norm_f32, MOTE_IMPL_L2NORM_F32)
mote_l2norm_f32_fn mote_l2norm_f32;
#else
#define mote_l2norm_f32 mote_l2norm_f32_ref
#endif
#ifdef MOTE_IMPL_L2NORM_S8
#define mote_l2norm_s8 MOTE_IMPL_NAME(l2norm_s8, MOTE_IMPL_L2NORM_S8)
mote_l2norm_s8_fn mote_l2norm_s8;
#else
#define mote_l2norm_s8 mote_l2norm_s8_ref
#endif

#endif /* MOTE_KERNELS_L2_NORMALIZATION_H */
