/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MAXIMUM / MINIMUM compute functions: the seam between the ops' glue
 * (maximum_minimum.c) and their implementations (impl.h). Broadcasting is
 * broadcast.h's.
 *
 * out = is_max ? (x > y ? x : y) : (x < y ? x : y) per element pair,
 * b->count elements in row-major order: with a NaN operand the second one
 * wins, as in TFLM. Quantization plays no part (both inputs and the
 * output share it, or the result means nothing; TFLM does not check).
 * No validation, no failure.
 */
#ifndef MOTE_KERNELS_MAXIMUM_MINIMUM_H
#define MOTE_KERNELS_MAXIMUM_MINIMUM_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/broadcast.h"
#include "kernels/impl.h"

typedef void mote_max_min_s8_fn(bool is_max, const mote_bcast_t *b,
                                const int8_t *in1, const int8_t *in2,
                                int8_t *out);
typedef void mote_max_min_s16_fn(bool is_max, const mote_bcast_t *b,
                                 const int16_t *in1, const int16_t *in2,
                                 int16_t *out);
typedef void mote_max_min_s32_fn(bool is_max, const mote_bcast_t *b,
                                 const int32_t *in1, const int32_t *in2,
                                 int32_t *out);
typedef void mote_max_min_s64_fn(bool is_max, const mote_bcast_t *b,
                                 const int64_t *in1, const int64_t *in2,
                                 int64_t *out);
typedef void mote_max_min_f32_fn(bool is_max, const mote_bcast_t *b,
                                 const float *in1, const float *in2,
                                 float *out);

mote_max_min_s8_fn mote_max_min_s8_ref;
mote_max_min_s16_fn mote_max_min_s16_ref;
mote_max_min_s32_fn mote_max_min_s32_ref;
mote_max_min_s64_fn mote_max_min_s64_ref;
mote_max_min_f32_fn mote_max_min_f32_ref;

#ifdef MOTE_IMPL_MAX_MIN_S8
#define mote_max_min_s8 MOTE_IMPL_NAME(max_min_s8, MOTE_IMPL_MAX_MIN_S8)
mote_max_min_s8_fn mote_max_min_s8;
#else
#define mote_max_min_s8 mote_max_min_s8_ref
#endif
#ifdef MOTE_IMPL_MAX_MIN_S16
#define mote_max_min_s16 MOTE_IMPL_NAME(max_min_s16, MOTE_IMPL_MAX_MIN_S16)
mote_max_min_s16_fn mote_max_min_s16;
#else
#define mote_max_min_s16 mote_max_min_s16_ref
#endif
#ifdef MOTE_IMPL_MAX_MIN_S32
#define mote_max_min_s32 MOTE_IMPL_NAME(max_min_s32, MOTE_IMPL_MAX_MIN_S32)
mote_max_min_s32_fn mote_max_min_s32;
#else
#define mote_max_min_s32 mote_max_min_s32_ref
#endif
#ifdef MOTE_IMPL_MAX_MIN_S64
#define mote_max_min_s64 MOTE_IMPL_NAME(max_min_s64, MOTE_IMPL_MAX_MIN_S64)
mote_max_min_s64_fn mote_max_min_s64;
#else
#define mote_max_min_s64 mote_max_min_s64_ref
#endif
#ifdef MOTE_IMPL_MAX_MIN_F32
#define mote_max_min_f32 MOTE_IMPL_NAME(max_min_f32, MOTE_IMPL_MAX_MIN_F32)
mote_max_min_f32_fn mote_max_min_f32;
#else
#define mote_max_min_f32 mote_max_min_f32_ref
#endif

#endif /* MOTE_KERNELS_MAXIMUM_MINIMUM_H */
