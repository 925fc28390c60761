/* SPDX-License-Identifier: Apache-2.0 */
/*
 * QUANTIZE compute functions: the seam between the op's glue (quantize.c)
 * and its implementations (impl.h). TFLite Micro's reference semantics:
 *
 *   float32 -> int8 / int16 (AffineQuantize): out = clamp(roundf(in /
 *     p->scale) + zero point), the division in single precision and roundf
 *     rounding half away from zero, as TfLiteRound. Quotients beyond int32
 *     saturate and NaN gives the lower bound (TFLite's conversion is
 *     undefined there; the minimum is what its x86-64 build produces).
 *   integer -> integer (Requantize): out = clamp(MultiplyByQuantized
 *     Multiplier(in + p->input_offset, multiplier, shift) + zero point),
 *     TFLite's int32 arithmetic (wrapping here, where TFLite's would be
 *     undefined). in_type and out_type are each int8, uint8, int16 or
 *     int32, in the pairs TFLM converts (quantize.c lists them).
 *
 * Both end in the shared output stage of core/requant.h: p->rq holds the
 * output zero point (output_offset) and the output type's range
 * (act_min, act_max), and for integer input the one multiplier and shift
 * of input scale / output scale (per tensor: per_channel 0). Element-wise
 * over `n` elements; input and output may not overlap. No validation, no
 * failure, no scratch.
 */
#ifndef MOTE_KERNELS_QUANTIZE_H
#define MOTE_KERNELS_QUANTIZE_H

#include <stdint.h>

#include "kernels/core/requant.h"
#include "kernels/impl.h"
#include "mote/tensor.h"

typedef struct mote_quantize_params {
  mote_requant_t rq;    /* output zero point and range; integer input: the
                           rescale too */
  int32_t input_offset; /* integer input: minus the input zero point */
  float scale;          /* float32 input: the output scale */
  uint8_t in_type;      /* integer input: mote_type_t of the input */
  uint8_t out_type;     /* integer input: mote_type_t of the output */
} mote_quantize_params_t;

typedef void mote_quantize_f32_s8_fn(const mote_quantize_params_t *p,
                                     const float *input, int8_t *output,
                                     int32_t n);
typedef void mote_quantize_f32_s16_fn(const mote_quantize_params_t *p,
                                      const float *input, int16_t *output,
                                      int32_t n);
typedef void mote_quantize_requantize_fn(const mote_quantize_params_t *p,
                                         const void *input, void *output,
                                         int32_t n);

mote_quantize_f32_s8_fn mote_quantize_f32_s8_ref;
mote_quantize_f32_s16_fn mote_quantize_f32_s16_ref;
mote_quantize_requantize_fn mote_quantize_requantize_ref;

#ifdef MOTE_IMPL_QUANTIZE_F32_S8
#define mote_quantize_f32_s8                                                   \
  MOTE_IMPL_NAME(quantize_f32_s8, MOTE_IMPL_QUANTIZE_F32_S8)
mote_quantize_f32_s8_fn mote_quantize_f32_s8;
#else
#define mote_quantize_f32_s8 mote_quantize_f32_s8_ref
#endif
#ifdef MOTE_IMPL_QUANTIZE_F32_S16
#define mote_quantize_f32_s16                                                  \
  MOTE_IMPL_NAME(quantize_f32_s16, MOTE_IMPL_QUANTIZE_F32_S16)
mote_quantize_f32_s16_fn mote_quantize_f32_s16;
#else
#define mote_quantize_f32_s16 mote_quantize_f32_s16_ref
#endif
#ifdef MOTE_IMPL_QUANTIZE_REQUANTIZE
#define mote_quantize_requantize                                               \
  MOTE_IMPL_NAME(quantize_requantize, MOTE_IMPL_QUANTIZE_REQUANTIZE)
mote_quantize_requantize_fn mote_quantize_requantize;
#else
#define mote_quantize_requantize mote_quantize_requantize_ref
#endif

#endif /* MOTE_KERNELS_QUANTIZE_H */
