/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MUL compute functions: the seam between the op's glue (mul.c) and its
 * implementations (impl.h). Parameters and broadcasting are broadcast.h's.
 *
 * int8 and int16: (x + input1_offset) * (y + input2_offset) in int32
 * (wrapping), then p->rq: one MultiplyByQuantizedMultiplier by s1 * s2 /
 * s_out (a shift of either sign), the output zero point, the clamp (int16
 * zero points are 0; the product of two int16 values fits int32).
 * float32: in1 * in2 in single precision, then the clamp. int32: in1 *
 * in2 modulo 2^32, clamped to [rq.act_min, rq.act_max].
 */
#ifndef MOTE_KERNELS_MUL_H
#define MOTE_KERNELS_MUL_H

#include "kernels/broadcast.h"
#include "kernels/impl.h"

mote_arith_s8_fn mote_mul_s8_ref;
mote_arith_s16_fn mote_mul_s16_ref;
mote_arith_s32_fn mote_mul_s32_ref;
mote_arith_f32_fn mote_mul_f32_ref;

#ifdef MOTE_IMPL_MUL_S8
#define mote_mul_s8 MOTE_IMPL_NAME(mul_s8, MOTE_IMPL_MUL_S8)
mote_arith_s8_fn mote_mul_s8;
#else
#define mote_mul_s8 mote_mul_s8_ref
#endif
#ifdef MOTE_IMPL_MUL_S16
#define mote_mul_s16 MOTE_IMPL_NAME(mul_s16, MOTE_IMPL_MUL_S16)
mote_arith_s16_fn mote_mul_s16;
#else
#define mote_mul_s16 mote_mul_s16_ref
#endif
#ifdef MOTE_IMPL_MUL_S32
#define mote_mul_s32 MOTE_IMPL_NAME(mul_s32, MOTE_IMPL_MUL_S32)
mote_arith_s32_fn mote_mul_s32;
#else
#define mote_mul_s32 mote_mul_s32_ref
#endif
#ifdef MOTE_IMPL_MUL_F32
#define mote_mul_f32 MOTE_IMPL_NAME(mul_f32, MOTE_IMPL_MUL_F32)
mote_arith_f32_fn mote_mul_f32;
#else
#define mote_mul_f32 mote_mul_f32_ref
#endif

#endif /* MOTE_KERNELS_MUL_H */
