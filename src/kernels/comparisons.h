/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Compute functions of the comparisons (EQUAL, NOT_EQUAL, LESS,
 * LESS_EQUAL, GREATER, GREATER_EQUAL) and the logical ops (LOGICAL_AND,
 * LOGICAL_OR): the seam between their glue (comparisons.c) and their
 * implementations. Broadcasting is broadcast.h's.
 *
 * out = x OP y per element pair over the broadcast b, b->count bool
 * outputs (bytes 0 / 1) in row-major order. Float comparisons are C's
 * (false with a NaN but for NOT_EQUAL). int8 compares after
 * TFLM's rescale of each input: (x - zero point) << left_shift, then
 * MultiplyByQuantizedMultiplierSmallerThanOneExp by the input's scale,
 * so inputs of different quantizations compare as real values. Bool
 * inputs are bytes; LOGICAL_AND / LOGICAL_OR treat any nonzero byte as
 * true and take only bool. No validation, no failure.
 */
#ifndef MOTE_KERNELS_COMPARISONS_H
#define MOTE_KERNELS_COMPARISONS_H

#include <stdint.h>

#include "kernels/broadcast.h"
#include "kernels/impl.h"

/* The operation, in mote_compare_params_t.op. */
typedef enum mote_compare_op {
  MOTE_CMP_EQUAL = 0,
  MOTE_CMP_NOT_EQUAL,
  MOTE_CMP_LESS,
  MOTE_CMP_LESS_EQUAL,
  MOTE_CMP_GREATER,
  MOTE_CMP_GREATER_EQUAL,
  MOTE_CMP_LOGICAL_AND,
  MOTE_CMP_LOGICAL_OR
} mote_compare_op_t;

/* The operation and, for int8, each input's rescale (TFLite's
 * ComparisonParams): offsets are minus the zero points, shifts <= 0. */
typedef struct mote_compare_params {
  int32_t input1_offset, input2_offset;
  int32_t input1_multiplier, input2_multiplier;
  int8_t input1_shift, input2_shift;
  int8_t left_shift;
  uint8_t op; /* mote_compare_op_t */
} mote_compare_params_t;

typedef void mote_compare_b8_fn(const mote_compare_params_t *p,
                                const mote_bcast_t *b, const uint8_t *in1,
                                const uint8_t *in2, uint8_t *out);
typedef void mote_compare_s8_fn(const mote_compare_params_t *p,
                                const mote_bcast_t *b, const int8_t *in1,
                                const int8_t *in2, uint8_t *out);
typedef void mote_compare_s32_fn(const mote_compare_params_t *p,
                                 const mote_bcast_t *b, const int32_t *in1,
                                 const int32_t *in2, uint8_t *out);
typedef void mote_compare_s64_fn(const mote_compare_params_t *p,
                                 const mote_bcast_t *b, const int64_t *in1,
                                 const int64_t *in2, uint8_t *out);
typedef void mote_compare_f32_fn(const mote_compare_params_t *p,
                                 const mote_bcast_t *b, const float *in1,
                                 const float *in2, uint8_t *out);

mote_compare_b8_fn mote_compare_b8_ref;
mote_compare_s8_fn mote_compare_s8_ref;
mote_compare_s32_fn mote_compare_s32_ref;
mote_compare_s64_fn mote_compare_s64_ref;
mote_compare_f32_fn mote_compare_f32_ref;

#ifdef MOTE_IMPL_COMPARE_B8
#define mote_compare_b8 MOTE_IMPL_NAME(compare_b8, MOTE_IMPL_COMPARE_B8)
mote_compare_b8_fn mote_compare_b8;
#else
#define mote_compare_b8 mote_compare_b8_ref
#endif
#ifdef MOTE_IMPL_COMPARE_S8
#define mote_compare_s8 MOTE_IMPL_NAME(compare_s8, MOTE_IMPL_COMPARE_S8)
mote_compare_s8_fn mote_compare_s8;
#else
#define mote_compare_s8 mote_compare_s8_ref
#endif
#ifdef MOTE_IMPL_COMPARE_S32
#define mote_compare_s32 MOTE_IMPL_NAME(compare_s32, MOTE_IMPL_COMPARE_S32)
mote_compare_s32_fn mote_compare_s32;
#else
#define mote_compare_s32 mote_compare_s32_ref
#endif
#ifdef MOTE_IMPL_COMPARE_S64
#define mote_compare_s64 MOTE_IMPL_NAME(compare_s64, MOTE_IMPL_COMPARE_S64)
mote_compare_s64_fn mote_compare_s64;
#else
#define mote_compare_s64 mote_compare_s64_ref
#endif
#ifdef MOTE_IMPL_COMPARE_F32
#define mote_compare_f32 MOTE_IMPL_NAME(compare_f32, MOTE_IMPL_COMPARE_F32)
mote_compare_f32_fn mote_compare_f32;
#else
#define mote_compare_f32 mote_compare_f32_ref
#endif

#endif /* MOTE_KERNELS_COMPARISONS_H */
