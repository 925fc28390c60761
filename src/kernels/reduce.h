/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SUM, REDUCE_MAX, REDUCE_MIN and REDUCE_ALL compute functions beside
 * MEAN's (mean.h,
 * whose plan they walk and whose glue, mean.c, runs them).
 *
 * Each output cell starts at the reduction's identity as TFLite's
 * ReduceGeneric sets it (0 for SUM; the type's lowest value for MAX, which
 * for float32 is -FLT_MAX, not -inf; its highest for MIN; true for ALL,
 * the logical and of bool values) and takes every
 * input element of its cell in row-major order: float32 SUM adds in
 * single precision, MAX keeps the running value unless the element is
 * strictly greater (MIN: less), so a NaN never replaces it. With nothing
 * to reduce (n = 0) the outputs stay at the identity. int8 MAX / MIN
 * compare the stored values (input and output share a quantization;
 * TFLM has no int16 MAX / MIN);
 * integer SUM is MEAN's integer path with the rescale left unfolded
 * (mote_mean_s8 / _s16). No validation, no failure.
 */
#ifndef MOTE_KERNELS_REDUCE_H
#define MOTE_KERNELS_REDUCE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"
#include "kernels/mean.h"

typedef void mote_reduce_f32_fn(const mote_mean_plan_t *m, const float *input,
                                float *output);
typedef void mote_reduce_s8_fn(const mote_mean_plan_t *m, const int8_t *input,
                               int8_t *output);
typedef void mote_reduce_bool_fn(const mote_mean_plan_t *m, const bool *input,
                                 bool *output);

mote_reduce_f32_fn mote_sum_f32_ref;
mote_reduce_f32_fn mote_reduce_max_f32_ref;
mote_reduce_f32_fn mote_reduce_min_f32_ref;
mote_reduce_s8_fn mote_reduce_max_s8_ref;
mote_reduce_s8_fn mote_reduce_min_s8_ref;
mote_reduce_bool_fn mote_reduce_all_ref;

#ifdef MOTE_IMPL_SUM_F32
#define mote_sum_f32 MOTE_IMPL_NAME(sum_f32, MOTE_IMPL_SUM_F32)
mote_reduce_f32_fn mote_sum_f32;
#else
#define mote_sum_f32 mote_sum_f32_ref
#endif
#ifdef MOTE_IMPL_REDUCE_MAX_F32
#define mote_reduce_max_f32 MOTE_IMPL_NAME(reduce_max_f32, MOTE_IMPL_REDUCE_MAX_F32)
mote_reduce_f32_fn mote_reduce_max_f32;
#else
#define mote_reduce_max_f32 mote_reduce_max_f32_ref
#endif
#ifdef MOTE_IMPL_REDUCE_MIN_F32
#define mote_reduce_min_f32 MOTE_IMPL_NAME(reduce_min_f32, MOTE_IMPL_REDUCE_MIN_F32)
mote_reduce_f32_fn mote_reduce_min_f32;
#else
#define mote_reduce_min_f32 mote_reduce_min_f32_ref
#endif
#ifdef MOTE_IMPL_REDUCE_MAX_S8
#define mote_reduce_max_s8 MOTE_IMPL_NAME(reduce_max_s8, MOTE_IMPL_REDUCE_MAX_S8)
mote_reduce_s8_fn mote_reduce_max_s8;
#else
#define mote_reduce_max_s8 mote_reduce_max_s8_ref
#endif
#ifdef MOTE_IMPL_REDUCE_MIN_S8
#define mote_reduce_min_s8 MOTE_IMPL_NAME(reduce_min_s8, MOTE_IMPL_REDUCE_MIN_S8)
mote_reduce_s8_fn mote_reduce_min_s8;
#else
#define mote_reduce_min_s8 mote_reduce_min_s8_ref
#endif

#ifdef MOTE_IMPL_REDUCE_ALL
#define mote_reduce_all MOTE_IMPL_NAME(reduce_all, MOTE_IMPL_REDUCE_ALL)
mote_reduce_bool_fn mote_reduce_all;
#else
#define mote_reduce_all mote_reduce_all_ref
#endif

#endif /* MOTE_KERNELS_REDUCE_H */
