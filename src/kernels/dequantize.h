/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DEQUANTIZE compute functions: the seam between the op's glue
 * (dequantize.c) and its implementations (impl.h). TFLite Micro's
 * reference semantics, element-wise over `n` elements into float32 (input
 * and output may not overlap):
 *
 *   int8, uint8, int16: out = p->scale * (in - p->zero_point) rounded once
 *     to float, which is what TFLite's double product narrowed to float
 *     gives (the exact product fits a double). |in - zero_point| must
 *     stay below 2^24.
 *   float16: IEEE binary16 bit patterns widened to float32: exact,
 *     subnormals normalised, infinities kept, NaN payloads kept in the top
 *     mantissa bits.
 *
 * No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_DEQUANTIZE_H
#define MOTE_KERNELS_DEQUANTIZE_H

#include <stdint.h>

#include "kernels/impl.h"
#include "mote/tensor.h"

typedef struct mote_dequantize_params {
  float scale; /* the input's, per tensor */
  int32_t zero_point;
  uint8_t in_type; /* mote_type_t: int8, uint8 or int16 */
} mote_dequantize_params_t;

/* int8, uint8 or int16 input, by p->in_type. */
typedef void mote_dequantize_fn(const mote_dequantize_params_t *p,
                                const void *input, float *output, int32_t n);
typedef void mote_dequantize_f16_fn(const uint16_t *input, float *output,
                                    int32_t n);

mote_dequantize_fn mote_dequantize_ref;
mote_dequantize_f16_fn mote_dequantize_f16_ref;

#ifdef MOTE_IMPL_DEQUANTIZE
#define mote_dequantize MOTE_IMPL_NAME(dequantize, MOTE_IMPL_DEQUANTIZE)
mote_dequantize_fn mote_dequantize;
#else
#define mote_dequantize mote_dequantize_ref
#endif
#ifdef MOTE_IMPL_DEQUANTIZE_F16
#define mote_dequantize_f16                                                    \
  MOTE_IMPL_NAME(dequantize_f16, MOTE_IMPL_DEQUANTIZE_F16)
mote_dequantize_f16_fn mote_dequantize_f16;
#else
#define mote_dequantize_f16 mote_dequantize_f16_ref
#endif

#endif /* MOTE_KERNELS_DEQUANTIZE_H */
