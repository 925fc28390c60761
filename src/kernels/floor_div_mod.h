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

typedef void mote_floor_f32_fn(const mote_bcast_t *b, const float *in1,
                               const float *in2, float *out);

/* Only the reference exists; the glue calls these names. */
mote_floor_f32_fn mote_floor_div_f32_ref;
mote_floor_f32_fn mote_floor_mod_f32_ref;

#endif /* MOTE_KERNELS_FLOOR_DIV_MOD_H */
