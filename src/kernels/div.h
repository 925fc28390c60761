/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DIV compute functions: the seam between the op's glue (div.c) and its
 * implementations (impl.h). Parameters and broadcasting are broadcast.h's.
 *
 * float32: in1 / in2 in single precision (IEEE: x / 0 is an infinity or
 * NaN), then the clamp. int32: C's truncating quotient, clamped to
 * [rq.act_min, rq.act_max]. int8: both operands offset, the divisor's
 * sign moved to the dividend, then TFLite's fixed-point x * (1 / y): the
 * reciprocal of y as a Q0.31 value with its exponent, x pre-shifted by its
 * headroom, a doubling high multiply, then p->rq with its shift less both
 * exponents (a rescale that leaves nothing below 2^-31 gives 0 before the
 * zero point and clamp).
 *
 * Each returns the flat output index of the first element it could not
 * compute (a zero divisor, or INT32_MIN / -1 for int32), having written
 * the elements before it, or -1 when all are written; float32 always
 * gives -1. A quantized rescale above 2^22 (the glue refuses it) could
 * need a left shift TFLite's rounding cannot take.
 */
#ifndef MOTE_KERNELS_DIV_H
#define MOTE_KERNELS_DIV_H

#include <stdint.h>

#include "kernels/broadcast.h"
#include "kernels/impl.h"

typedef int32_t mote_div_s8_fn(const mote_arith_params_t *p,
                               const mote_bcast_t *b, const int8_t *in1,
                               const int8_t *in2, int8_t *out);
typedef int32_t mote_div_s32_fn(const mote_arith_params_t *p,
                                const mote_bcast_t *b, const int32_t *in1,
                                const int32_t *in2, int32_t *out);
typedef int32_t mote_div_f32_fn(const mote_arith_params_t *p,
                                const mote_bcast_t *b, const float *in1,
                                const float *in2, float *out);

mote_div_s8_fn mote_div_s8_ref;
mote_div_s32_fn mote_div_s32_ref;
mote_div_f32_fn mote_div_f32_ref;

#ifdef MOTE_IMPL_DIV_S8
#define mote_div_s8 MOTE_IMPL_NAME(div_s8, MOTE_IMPL_DIV_S8)
mote_div_s8_fn mote_div_s8;
#else
#define mote_div_s8 mote_div_s8_ref
#endif
#ifdef MOTE_IMPL_DIV_S32
#define mote_div_s32 MOTE_IMPL_NAME(div_s32, MOTE_IMPL_DIV_S32)
mote_div_s32_fn mote_div_s32;
#else
#define mote_div_s32 mote_div_s32_ref
#endif
#ifdef MOTE_IMPL_DIV_F32
#define mote_div_f32 MOTE_IMPL_NAME(div_f32, MOTE_IMPL_DIV_F32)
mote_div_f32_fn mote_div_f32;
#else
#define mote_div_f32 mote_div_f32_ref
#endif

#endif /* MOTE_KERNELS_DIV_H */
