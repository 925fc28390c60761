/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SQUARED_DIFFERENCE compute functions: the seam between the op's glue
 * (squared_difference.c) and its implementations (impl.h), with
 * broadcast.h's parameters and signatures. (in1 - in2)^2: float32 in
 * single precision; int32 modulo 2^32, as TFLite's int32 product wraps;
 * int8 and int16 SUB's scaled difference (left shifts 7 and 0), squared
 * modulo 2^32, then p->rq. The four are bound as one family
 * (MOTE_IMPL_SQUARED_DIFFERENCE), since an implementation would bring all
 * four.
 */
#ifndef MOTE_KERNELS_SQUARED_DIFFERENCE_H
#define MOTE_KERNELS_SQUARED_DIFFERENCE_H

#include "kernels/broadcast.h"
#include "kernels/impl.h"

mote_arith_s8_fn mote_squared_difference_s8_ref;
mote_arith_s16_fn mote_squared_difference_s16_ref;
mote_arith_s32_fn mote_squared_difference_s32_ref;
mote_arith_f32_fn mote_squared_difference_f32_ref;

/* The bound function for type suffix t (s8, s16, s32, f32). */
#ifdef MOTE_IMPL_SQUARED_DIFFERENCE
#define mote_squared_difference(t)                                             \
  MOTE_IMPL_NAME(squared_difference_##t, MOTE_IMPL_SQUARED_DIFFERENCE)
#else
#define mote_squared_difference(t) mote_squared_difference_##t##_ref
#endif

#endif /* MOTE_KERNELS_SQUARED_DIFFERENCE_H */
