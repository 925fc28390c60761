/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Element-wise unary compute functions (ABS, NEG, SQUARE, SQRT, RSQRT,
 * EXP, LOG, SIN, COS, FLOOR, CEIL, ROUND, LOGICAL_NOT): the seam between
 * the ops' shared glue (unary.c) and their reference loops
 * (ref/unary_ref.c). Each runs over `n` elements; `output` may be `input`
 * (element i is read before it is written). No validation, no scratch.
 *
 * float32 functions apply the C library function TFLM's kernel applies to
 * a float (fabsf, sqrtf, 1/sqrtf, expf, logf, sinf, cosf, floorf, ceilf),
 * -x, x*x, or TFLite's round half to even.
 *
 * The quantized ABS and RSQRT follow TFLM's elementwise kernel:
 *   ABS:   |x - in_zp|, then (rescale) MultiplyByQuantizedMultiplier by the
 *          ratio of the scales, + out_zp, clamped to the type;
 *   RSQRT: x - in_zp = 0 gives the type's maximum; otherwise its inverse
 *          square root as TFLite's GetInvSqrtQuantizedMultiplierExp, then
 *          two MultiplyByQuantizedMultiplier steps (a 2^20 headroom), +
 *          out_zp, clamped. It returns the index of the first input below
 *          in_zp (TFLM fails the invoke there), or -1.
 */
#ifndef MOTE_KERNELS_UNARY_H
#define MOTE_KERNELS_UNARY_H

#include <stdbool.h>
#include <stdint.h>

typedef struct mote_unary_q {
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier; /* Q0.31 */
  int32_t shift;      /* TFLite's exponent (ABS: in [-31, 30]) */
  int32_t rescale;    /* ABS: 0 when the scales are equal */
} mote_unary_q_t;

typedef void mote_unary_f32_fn(const float *input, float *output, int32_t n);

mote_unary_f32_fn mote_abs_f32_ref;
mote_unary_f32_fn mote_neg_f32_ref;
mote_unary_f32_fn mote_square_f32_ref;
mote_unary_f32_fn mote_sqrt_f32_ref;
mote_unary_f32_fn mote_rsqrt_f32_ref;
mote_unary_f32_fn mote_exp_f32_ref;
mote_unary_f32_fn mote_log_f32_ref;
mote_unary_f32_fn mote_sin_f32_ref;
mote_unary_f32_fn mote_cos_f32_ref;
mote_unary_f32_fn mote_floor_f32_ref;
mote_unary_f32_fn mote_ceil_f32_ref;
mote_unary_f32_fn mote_round_f32_ref;

/* ABS of int16 without quantization: |x| in int16 (-32768 stays). */
void mote_abs_s16_plain_ref(const int16_t *input, int16_t *output, int32_t n);
void mote_abs_s8_ref(const mote_unary_q_t *q, const int8_t *input,
                     int8_t *output, int32_t n);
void mote_abs_s16_ref(const mote_unary_q_t *q, const int16_t *input,
                      int16_t *output, int32_t n);
int32_t mote_rsqrt_s8_ref(const mote_unary_q_t *q, const int8_t *input,
                          int8_t *output, int32_t n);
void mote_logical_not_ref(const bool *input, bool *output, int32_t n);

#endif /* MOTE_KERNELS_UNARY_H */
