/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SUB compute functions: the seam between the op's glue (sub.c) and its
 * implementations (impl.h). Parameters and broadcasting are broadcast.h's.
 *
 * in1 - in2, the arithmetic of ADD (add.h) with a difference in place of
 * the sum: int8 and int16 each input offset, shifted left by
 * p->left_shift and brought to the common scale by its own multiplier and
 * shift, the two subtracted in int32 (wrapping), then p->rq. float32:
 * in1 - in2 in single precision, then the clamp. int32: in1 - in2 modulo
 * 2^32, then the clamp of p->rq (TFLM applies the fused activation there,
 * unlike ADD).
 */
#ifndef MOTE_KERNELS_SUB_H
#define MOTE_KERNELS_SUB_H

#include "kernels/broadcast.h"
#include "kernels/impl.h"

mote_arith_s8_fn mote_sub_s8_ref;
mote_arith_s16_fn mote_sub_s16_ref;
mote_arith_s32_fn mote_sub_s32_ref;
mote_arith_f32_fn mote_sub_f32_ref;

#ifdef MOTE_IMPL_SUB_S8
#define mote_sub_s8 MOTE_IMPL_NAME(sub_s8, MOTE_IMPL_SUB_S8)
mote_arith_s8_fn mote_sub_s8;
#else
#define mote_sub_s8 mote_sub_s8_ref
#endif
#ifdef MOTE_IMPL_SUB_S16
#define mote_sub_s16 MOTE_IMPL_NAME(sub_s16, MOTE_IMPL_SUB_S16)
mote_arith_s16_fn mote_sub_s16;
#else
#define mote_sub_s16 mote_sub_s16_ref
#endif
#ifdef MOTE_IMPL_SUB_S32
#define mote_sub_s32 MOTE_IMPL_NAME(sub_s32, MOTE_IMPL_SUB_S32)
mote_arith_s32_fn mote_sub_s32;
#else
#define mote_sub_s32 mote_sub_s32_ref
#endif
#ifdef MOTE_IMPL_SUB_F32
#define mote_sub_f32 MOTE_IMPL_NAME(sub_f32, MOTE_IMPL_SUB_F32)
mote_arith_f32_fn mote_sub_f32;
#else
#define mote_sub_f32 mote_sub_f32_ref
#endif

#endif /* MOTE_KERNELS_SUB_H */
