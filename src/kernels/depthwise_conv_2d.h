/*
 * Framework-free DEPTHWISE_CONV_2D kernels (TFLite reference semantics).
 *
 * Filters are [1, filter_h, filter_w, out_c] with out_c = in_c *
 * depth_multiplier; output channel ic * depth_multiplier + m reads input
 * channel ic only. See conv_common.h for layouts, the parameter struct
 * and the quantization conventions. These functions do no validation and
 * cannot fail.
 *
 * Quantized variants take `mult` and `shift` with out_c entries, or one
 * entry when p->per_tensor_quant; output channel oc is rescaled by
 * mult * 2^(shift - 31). Shifts are int8_t: -31 <= shift <= 30, the
 * range of mote_quantize_multiplier() for the gains prepare accepts.
 */
#ifndef MOTE_KERNELS_DEPTHWISE_CONV_2D_H
#define MOTE_KERNELS_DEPTHWISE_CONV_2D_H

#include <stdint.h>

#include "kernels/conv_common.h"

/* DEPTHWISE_CONV_2D, int8 activations, int8 filter, int32 bias. */
void mote_depthwise_conv_2d_s8(const mote_conv_params_t *p, const int32_t *mult,
                               const int8_t *shift, const int8_t *input,
                               const int8_t *filter, const int32_t *bias,
                               int8_t *output);

/* DEPTHWISE_CONV_2D 16x8: int64 bias and accumulator (also without a
 * bias), requantized with mote_mul_by_qmult64. Needs -31 <= shift <= 7. */
void mote_depthwise_conv_2d_s16(const mote_conv_params_t *p,
                                const int32_t *mult, const int8_t *shift,
                                const int16_t *input, const int8_t *filter,
                                const int64_t *bias, int16_t *output);

/* DEPTHWISE_CONV_2D, float32: taps summed in filter_y, filter_x order,
 * bias added last, then clamped. */
void mote_depthwise_conv_2d_f32(const mote_conv_params_t *p, const float *input,
                                const float *filter, const float *bias,
                                float *output);

#endif /* MOTE_KERNELS_DEPTHWISE_CONV_2D_H */
