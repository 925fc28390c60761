/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD compute functions: the seam between the op's glue (add.c) and its
 * implementations (impl.h). Parameters and broadcasting are broadcast.h's.
 *
 * int8 and int16 follow TFLite's general rescaling path (TFLM takes it for
 * every int16 ADD, whatever pot_scale_int16 says): each input offset by
 * minus its zero point, shifted left by p->left_shift, brought to the
 * common scale by its own multiplier and shift (double rounding), the two
 * summed in int32 (wrapping), then p->rq: the sum's rescale, the output
 * zero point, the clamp. float32: in1 + in2 in single precision, then the
 * clamp. int32: in1 + in2 modulo 2^32, unclamped (TFLM ignores the fused
 * activation there).
 */
#ifndef MOTE_KERNELS_ADD_H
#define MOTE_KERNELS_ADD_H

#include "kernels/broadcast.h"
#include "kernels/impl.h"

mote_arith_s8_fn mote_add_s8_ref;
mote_arith_s16_fn mote_add_s16_ref;
mote_arith_s32_fn mote_add_s32_ref;
mote_arith_f32_fn mote_add_f32_ref;

#ifdef MOTE_IMPL_ADD_S8
#define mote_add_s8 MOTE_IMPL_NAME(add_s8, MOTE_IMPL_ADD_S8)
mote_arith_s8_fn mote_add_s8;
#else
#define mote_add_s8 mote_add_s8_ref
#endif
#ifdef MOTE_IMPL_ADD_S16
#define mote_add_s16 MOTE_IMPL_NAME(add_s16, MOTE_IMPL_ADD_S16)
mote_arith_s16_fn mote_add_s16;
#else
#define mote_add_s16 mote_add_s16_ref
#endif
#ifdef MOTE_IMPL_ADD_S32
#define mote_add_s32 MOTE_IMPL_NAME(add_s32, MOTE_IMPL_ADD_S32)
mote_arith_s32_fn mote_add_s32;
#else
#define mote_add_s32 mote_add_s32_ref
#endif
#ifdef MOTE_IMPL_ADD_F32
#define mote_add_f32 MOTE_IMPL_NAME(add_f32, MOTE_IMPL_ADD_F32)
mote_arith_f32_fn mote_add_f32;
#else
#define mote_add_f32 mote_add_f32_ref
#endif

#endif /* MOTE_KERNELS_ADD_H */
