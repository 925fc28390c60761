/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TRANSPOSE_CONV compute functions: the seam between the op's glue
 * (transpose_conv.c) and its implementations (impl.h).
 *
 * The parameters are conv_params.h's, read for the transposed direction:
 * input [batches, in_h, in_w, in_c], filter [out_c, filter_h, filter_w,
 * in_c] (filter_c = in_c), output [batches, out_h, out_w, out_c]. Input
 * pixel (y, x) spreads over output rows y * stride_h - pad_h + ky and
 * columns x * stride_w - pad_w + kx; taps outside the output are dropped.
 * Dilation and depth_multiplier are unused.
 *
 * As TFLM's reference, a scatter: every input pixel's products are added
 * into an accumulator per output element, in input row, column, channel
 * order, then the bias, then the scaling and clamp. Float sums accumulate
 * in the output itself (so the order of float additions is TFLM's); int8
 * sums wrap in an int32 scratch (`scratch`: out elements x 4 bytes); 16x8
 * sums are exact in an int64 scratch (x 8 bytes) and scaled with the
 * int64 rescale. Bias pointers may be NULL. No validation, no failure.
 */
#ifndef MOTE_KERNELS_TRANSPOSE_CONV_H
#define MOTE_KERNELS_TRANSPOSE_CONV_H

#include <stdint.h>

#include "kernels/conv_params.h"
#include "kernels/impl.h"

typedef void mote_tconv_f32_fn(const mote_conv_params_t *p, const float *input,
                               const float *filter, const float *bias,
                               float *output);
typedef void mote_tconv_s8_fn(const mote_conv_params_t *p, const int8_t *input,
                              const int8_t *filter, const int32_t *bias,
                              int8_t *output, int32_t *scratch);
typedef void mote_tconv_s16_fn(const mote_conv_params_t *p,
                               const int16_t *input, const int8_t *filter,
                               const int64_t *bias, int16_t *output,
                               int64_t *scratch);

mote_tconv_f32_fn mote_transpose_conv_f32_ref;
mote_tconv_s8_fn mote_transpose_conv_s8_ref;
mote_tconv_s16_fn mote_transpose_conv_s16_ref;

#define mote_transpose_conv_f32 mote_transpose_conv_f32_ref
#define mote_transpose_conv_s8 mote_transpose_conv_s8_ref
#define mote_transpose_conv_s16 mote_transpose_conv_s16_ref

#endif /* MOTE_KERNELS_TRANSPOSE_CONV_H */
