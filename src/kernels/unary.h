/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Element-wise unary compute functions (ABS, NEG, SQUARE, SQRT, RSQRT,
 * EXP, LOG, SIN, COS, FLOOR, CEIL, ROUND, LOGICAL_NOT): the seam between
 * the ops' shared glue (unary.c) and their implementations, bound as
 * impl.h describes (the reference: ref/unary_ref.c). Each runs over `n`
 * elements; `output` may be `input` (element i is read before it is
 * written). No validation, no scratch.
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

#include "kernels/impl.h"

typedef struct mote_unary_q {
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier; /* Q0.31 */
  int32_t shift;      /* TFLite's exponent (ABS: in [-31, 30]) */
  int32_t rescale;    /* ABS: 0 when the scales are equal */
} mote_unary_q_t;

typedef void mote_unary_f32_fn(const float *input, float *output, int32_t n);
typedef void mote_unary_s8_fn(const mote_unary_q_t *q, const int8_t *input,
                              int8_t *output, int32_t n);
typedef void mote_unary_s16_fn(const mote_unary_q_t *q, const int16_t *input,
                               int16_t *output, int32_t n);
/* ABS of int16 without quantization: |x| in int16 (-32768 stays). */
typedef void mote_abs_s16_plain_fn(const int16_t *input, int16_t *output,
                                   int32_t n);
typedef int32_t mote_rsqrt_s8_fn(const mote_unary_q_t *q, const int8_t *input,
                                 int8_t *output, int32_t n);
typedef void mote_logical_not_fn(const bool *input, bool *output, int32_t n);

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
mote_unary_s8_fn mote_abs_s8_ref;
mote_unary_s16_fn mote_abs_s16_ref;
mote_abs_s16_plain_fn mote_abs_s16_plain_ref;
mote_rsqrt_s8_fn mote_rsqrt_s8_ref;
mote_logical_not_fn mote_logical_not_ref;

/* The names the glue calls, bound as impl.h describes. */
#ifdef MOTE_IMPL_ABS_F32
#define mote_abs_f32 MOTE_IMPL_NAME(abs_f32, MOTE_IMPL_ABS_F32)
mote_unary_f32_fn mote_abs_f32;
#else
#define mote_abs_f32 mote_abs_f32_ref
#endif
#ifdef MOTE_IMPL_NEG_F32
#define mote_neg_f32 MOTE_IMPL_NAME(neg_f32, MOTE_IMPL_NEG_F32)
mote_unary_f32_fn mote_neg_f32;
#else
#define mote_neg_f32 mote_neg_f32_ref
#endif
#ifdef MOTE_IMPL_SQUARE_F32
#define mote_square_f32 MOTE_IMPL_NAME(square_f32, MOTE_IMPL_SQUARE_F32)
mote_unary_f32_fn mote_square_f32;
#else
#define mote_square_f32 mote_square_f32_ref
#endif
#ifdef MOTE_IMPL_SQRT_F32
#define mote_sqrt_f32 MOTE_IMPL_NAME(sqrt_f32, MOTE_IMPL_SQRT_F32)
mote_unary_f32_fn mote_sqrt_f32;
#else
#define mote_sqrt_f32 mote_sqrt_f32_ref
#endif
#ifdef MOTE_IMPL_RSQRT_F32
#define mote_rsqrt_f32 MOTE_IMPL_NAME(rsqrt_f32, MOTE_IMPL_RSQRT_F32)
mote_unary_f32_fn mote_rsqrt_f32;
#else
#define mote_rsqrt_f32 mote_rsqrt_f32_ref
#endif
#ifdef MOTE_IMPL_EXP_F32
#define mote_exp_f32 MOTE_IMPL_NAME(exp_f32, MOTE_IMPL_EXP_F32)
mote_unary_f32_fn mote_exp_f32;
#else
#define mote_exp_f32 mote_exp_f32_ref
#endif
#ifdef MOTE_IMPL_LOG_F32
#define mote_log_f32 MOTE_IMPL_NAME(log_f32, MOTE_IMPL_LOG_F32)
mote_unary_f32_fn mote_log_f32;
#else
#define mote_log_f32 mote_log_f32_ref
#endif
#ifdef MOTE_IMPL_SIN_F32
#define mote_sin_f32 MOTE_IMPL_NAME(sin_f32, MOTE_IMPL_SIN_F32)
mote_unary_f32_fn mote_sin_f32;
#else
#define mote_sin_f32 mote_sin_f32_ref
#endif
#ifdef MOTE_IMPL_COS_F32
#define mote_cos_f32 MOTE_IMPL_NAME(cos_f32, MOTE_IMPL_COS_F32)
mote_unary_f32_fn mote_cos_f32;
#else
#define mote_cos_f32 mote_cos_f32_ref
#endif
#ifdef MOTE_IMPL_FLOOR_F32
#define mote_floor_f32 MOTE_IMPL_NAME(floor_f32, MOTE_IMPL_FLOOR_F32)
mote_unary_f32_fn mote_floor_f32;
#else
#define mote_floor_f32 mote_floor_f32_ref
#endif
#ifdef MOTE_IMPL_CEIL_F32
#define mote_ceil_f32 MOTE_IMPL_NAME(ceil_f32, MOTE_IMPL_CEIL_F32)
mote_unary_f32_fn mote_ceil_f32;
#else
#define mote_ceil_f32 mote_ceil_f32_ref
#endif
#ifdef MOTE_IMPL_ROUND_F32
#define mote_round_f32 MOTE_IMPL_NAME(round_f32, MOTE_IMPL_ROUND_F32)
mote_unary_f32_fn mote_round_f32;
#else
#define mote_round_f32 mote_round_f32_ref
#endif
#ifdef MOTE_IMPL_ABS_S8
#define mote_abs_s8 MOTE_IMPL_NAME(abs_s8, MOTE_IMPL_ABS_S8)
mote_unary_s8_fn mote_abs_s8;
#else
#define mote_abs_s8 mote_abs_s8_ref
#endif
#ifdef MOTE_IMPL_ABS_S16
#define mote_abs_s16 MOTE_IMPL_NAME(abs_s16, MOTE_IMPL_ABS_S16)
mote_unary_s16_fn mote_abs_s16;
#else
#define mote_abs_s16 mote_abs_s16_ref
#endif
#ifdef MOTE_IMPL_ABS_S16_PLAIN
#define mote_abs_s16_plain MOTE_IMPL_NAME(abs_s16_plain, MOTE_IMPL_ABS_S16_PLAIN)
mote_abs_s16_plain_fn mote_abs_s16_plain;
#else
#define mote_abs_s16_plain mote_abs_s16_plain_ref
#endif
#ifdef MOTE_IMPL_RSQRT_S8
#define mote_rsqrt_s8 MOTE_IMPL_NAME(rsqrt_s8, MOTE_IMPL_RSQRT_S8)
mote_rsqrt_s8_fn mote_rsqrt_s8;
#else
#define mote_rsqrt_s8 mote_rsqrt_s8_ref
#endif
#ifdef MOTE_IMPL_LOGICAL_NOT
#define mote_logical_not MOTE_IMPL_NAME(logical_not, MOTE_IMPL_LOGICAL_NOT)
mote_logical_not_fn mote_logical_not;
#else
#define mote_logical_not mote_logical_not_ref
#endif

#endif /* MOTE_KERNELS_UNARY_H */
