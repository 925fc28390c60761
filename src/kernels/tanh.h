/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TANH compute functions: the seam between the op's glue (tanh.c,
 * activation_common.c) and its implementations (impl.h). Element-wise over
 * `n` elements, signatures as activation_q.h's mote_act_*_fn:
 *   float32: tanhf();
 *   int8:    output scale 1/128, zero point 0 (TFLite Micro assumes it and
 *            does not check); gemmlowp tanh on the input rescaled to Q4.27,
 *            p from mote_act_params_s8(input scale, input zero point);
 *   int16:   zero points 0, output scale 2^-15; tanh(x) = 2 sigmoid(2x) - 1
 *            through the shared sigmoid table, p from
 *            mote_act_params_s16(input scale, 1).
 * The output scale is fixed, so there is no output requantization. No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_TANH_H
#define MOTE_KERNELS_TANH_H

#include <stdint.h>

#include "kernels/activation_q.h"
#include "kernels/impl.h"

typedef mote_act_f32_fn mote_tanh_f32_fn;
typedef mote_act_s8_fn mote_tanh_s8_fn;
typedef mote_act_s16_fn mote_tanh_s16_fn;

mote_tanh_f32_fn mote_tanh_f32_ref;
mote_tanh_s8_fn mote_tanh_s8_ref;
mote_tanh_s16_fn mote_tanh_s16_ref;

#ifdef MOTE_IMPL_TANH_F32
#define mote_tanh_f32 MOTE_IMPL_NAME(tanh_f32, MOTE_IMPL_TANH_F32)
mote_tanh_f32_fn mote_tanh_f32;
#else
#define mote_tanh_f32 mote_tanh_f32_ref
#endif
#ifdef MOTE_IMPL_TANH_S8
#define mote_tanh_s8 MOTE_IMPL_NAME(tanh_s8, MOTE_IMPL_TANH_S8)
mote_tanh_s8_fn mote_tanh_s8;
#else
#define mote_tanh_s8 mote_tanh_s8_ref
#endif
#ifdef MOTE_IMPL_TANH_S16
#define mote_tanh_s16 MOTE_IMPL_NAME(tanh_s16, MOTE_IMPL_TANH_S16)
mote_tanh_s16_fn mote_tanh_s16;
#else
#define mote_tanh_s16 mote_tanh_s16_ref
#endif

#endif /* MOTE_KERNELS_TANH_H */
