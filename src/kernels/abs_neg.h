/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ABS, NEG and SQUARE compute functions: the seam between their glue
 * (abs_neg.c) and implementations (impl.h). float32 for all three, as
 * TFLite's reference: fabsf, negation (a NaN's sign flips too) and x * x.
 * Quantized ABS as TFLite Micro: |x - input zero point|, rescaled by
 * input_scale / output_scale unless the scales are equal, plus the output
 * zero point, saturated; int16 without quantization is |x| in int16
 * (TFLM returns -32768 for -32768, and so does mote). No validation, no
 * failure, no scratch; output may be input.
 */
#ifndef MOTE_KERNELS_ABS_NEG_H
#define MOTE_KERNELS_ABS_NEG_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"

/* Which float function mote_unary_f32 computes. */
typedef enum mote_unary_op {
  MOTE_UNARY_ABS = 0,
  MOTE_UNARY_NEG = 1,
  MOTE_UNARY_SQUARE = 2
} mote_unary_op_t;

typedef struct mote_abs_params {
  int32_t input_offset;  /* input zero point */
  int32_t output_offset; /* output zero point */
  int32_t multiplier;    /* input_scale / output_scale, when rescale */
  int32_t shift;
  bool rescale;   /* scales differ */
  bool quantized; /* false: int16 without quantization */
  bool wide;      /* int16 (else int8) */
  int32_t n;      /* elements */
} mote_abs_params_t;

/* output[i] = op(input[i]) for i < n. */
typedef void mote_unary_f32_fn(mote_unary_op_t op, const float *input,
                               float *output, int32_t n);
mote_unary_f32_fn mote_unary_f32_ref;
#ifdef MOTE_IMPL_UNARY_F32
#define mote_unary_f32 MOTE_IMPL_NAME(unary_f32, MOTE_IMPL_UNARY_F32)
mote_unary_f32_fn mote_unary_f32;
#else
#define mote_unary_f32 mote_unary_f32_ref
#endif

/* output[i] = quantized |input[i]| for i < p->n: int8 elements, or int16
 * when p->wide. */
typedef void mote_abs_q_fn(const mote_abs_params_t *p, const void *input,
                           void *output);
mote_abs_q_fn mote_abs_q_ref;
#ifdef MOTE_IMPL_ABS_Q
#define mote_abs_q MOTE_IMPL_NAME(abs_q, MOTE_IMPL_ABS_Q)
mote_abs_q_fn mote_abs_q;
#else
#define mote_abs_q mote_abs_q_ref
#endif

#endif /* MOTE_KERNELS_ABS_NEG_H */
