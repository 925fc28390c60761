/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LOGISTIC compute functions: the seam between the op's glue (logistic.c,
 * activation_common.c) and its implementations (impl.h). Element-wise over
 * `n` elements, signatures as activation_q.h's mote_act_*_fn:
 *   float32: 1 / (1 + exp(-x)) with TFLite's cutoffs (1 above 16.619,
 *            exp(x) below -9);
 *   int8:    output scale 1/256, zero point -128; gemmlowp logistic on the
 *            input rescaled to Q4.27, p from mote_act_params_s8(input
 *            scale, input zero point);
 *   int16:   zero points 0, output scale 2^-15; the shared sigmoid table
 *            with linear interpolation, p from mote_act_params_s16(input
 *            scale, 0).
 * The output scale is fixed, so there is no output requantization. No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_LOGISTIC_H
#define MOTE_KERNELS_LOGISTIC_H

#include <stdint.h>

#include "kernels/activation_q.h"
#include "kernels/impl.h"

typedef mote_act_f32_fn mote_logistic_f32_fn;
typedef mote_act_s8_fn mote_logistic_s8_fn;
typedef mote_act_s16_fn mote_logistic_s16_fn;

mote_logistic_f32_fn mote_logistic_f32_ref;
mote_logistic_s8_fn mote_logistic_s8_ref;
mote_logistic_s16_fn mote_logistic_s16_ref;

#ifdef MOTE_IMPL_LOGISTIC_F32
#define mote_logistic_f32 MOTE_IMPL_NAME(logistic_f32, MOTE_IMPL_LOGISTIC_F32)
mote_logistic_f32_fn mote_logistic_f32;
#else
#define mote_logistic_f32 mote_logistic_f32_ref
#endif
#ifdef MOTE_IMPL_LOGISTIC_S8
#define mote_logistic_s8 MOTE_IMPL_NAME(logistic_s8, MOTE_IMPL_LOGISTIC_S8)
mote_logistic_s8_fn mote_logistic_s8;
#else
#define mote_logistic_s8 mote_logistic_s8_ref
#endif
#ifdef MOTE_IMPL_LOGISTIC_S16
#define mote_logistic_s16 MOTE_IMPL_NAME(logistic_s16, MOTE_IMPL_LOGISTIC_S16)
mote_logistic_s16_fn mote_logistic_s16;
#else
#define mote_logistic_s16 mote_logistic_s16_ref
#endif

#endif /* MOTE_KERNELS_LOGISTIC_H */
