/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FLOOR_DIV and FLOOR_MOD compute functions (float32, the one type TFLM
 * has): the seam between the ops' glue (floor_div_mod.c) and their
 * implementations. Broadcasting is broadcast.h's.
 *
 * FLOOR_DIV: floor(x / y), the quotient and floor in double, rounded to
 * float once (TFLM's FloorDiv). FLOOR_MOD: r = fmod(x, y), then r + y
 * when r is nonzero and its sign differs from y's (TFLM's FloorMod; the
 * sum in float). b->count elements in row-major order. No validation, no
 * failure (a zero divisor gives IEEE results; the glue refuses it for
 * FLOOR_DIV as TFLM does).
 */
#ifndef MOTE_KERNELS_FLOOR_DIV_MOD_H
#define MOTE_KERNELS_FLOOR_DIV_MOD_H

#include "kernels/broadcast.h"
#include "kernels/impl.h"

typedef void mote_floor_f32_fn(const mote_bcast_t *b, const float *in1,
                               const float *in2, float *out);

mote_floor_f32_fn mote_floor_div_f32_ref;
mote_floor_f32_fn mote_floor_mod_f32_ref;

#ifdef MOTE_IMPL_FLOOR_DIV_F32
#define mote_floor_div_f32                                                     \
  MOTE_IMPL_NAME(floor_div_f32, MOTE_IMPL_FLOOR_DIV_F32)
mote_floor_f32_fn mote_floor_div_f32;
#else
#define mote_floor_div_f32 mote_floor_div_f32_ref
#endif
#ifdef MOTE_IMPL_FLOOR_MOD_F32
#define mote_floor_mod_f32                                                     \
  MOTE_IMPL_NAME(floor_mod_f32, MOTE_IMPL_FLOOR_MOD_F32)
mote_floor_f32_fn mote_floor_mod_f32;
#else
#define mote_floor_mod_f32 mote_floor_mod_f32_ref
#endif

#endif /* MOTE_KERNELS_FLOOR_DIV_MOD_H */
