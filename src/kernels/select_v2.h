/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SELECT_V2 compute functions: the seam between the op's glue
 * (select_v2.c) and its implementations.
 *
 * out = cond ? x : y per element over the broadcast of the three inputs
 * to the output (at most 5-D, TFLM's BroadcastSelect5DSlow), in row-major
 * order: each input's element along output index i is at
 * sum_d i[d] * stride[k][d], stride 0 where that input has extent 1.
 * Values are copied as stored (TFLM ignores quantization). A condition
 * byte is true when nonzero. No validation, no failure.
 */
#ifndef MOTE_KERNELS_SELECT_V2_H
#define MOTE_KERNELS_SELECT_V2_H

#include <stdint.h>

#include "kernels/impl.h"

#define MOTE_SELECT_DIMS 5

typedef struct mote_select_params {
  int32_t dims[MOTE_SELECT_DIMS]; /* output extents, padded in front with 1s */
  /* Element steps of the condition (0), x (1) and y (2) per dimension. */
  int32_t stride[3][MOTE_SELECT_DIMS];
} mote_select_params_t;

typedef void mote_select_s8_fn(const mote_select_params_t *p,
                               const uint8_t *cond, const int8_t *x,
                               const int8_t *y, int8_t *out);
typedef void mote_select_s16_fn(const mote_select_params_t *p,
                                const uint8_t *cond, const int16_t *x,
                                const int16_t *y, int16_t *out);
typedef void mote_select_f32_fn(const mote_select_params_t *p,
                                const uint8_t *cond, const float *x,
                                const float *y, float *out);

mote_select_s8_fn mote_select_s8_ref;
mote_select_s16_fn mote_select_s16_ref;
mote_select_f32_fn mote_select_f32_ref;

#ifdef MOTE_IMPL_SELECT_S8
#define mote_select_s8 MOTE_IMPL_NAME(select_s8, MOTE_IMPL_SELECT_S8)
mote_select_s8_fn mote_select_s8;
#else
#define mote_select_s8 mote_select_s8_ref
#endif
#ifdef MOTE_IMPL_SELECT_S16
#define mote_select_s16 MOTE_IMPL_NAME(select_s16, MOTE_IMPL_SELECT_S16)
mote_select_s16_fn mote_select_s16;
#else
#define mote_select_s16 mote_select_s16_ref
#endif
#ifdef MOTE_IMPL_SELECT_F32
#define mote_select_f32 MOTE_IMPL_NAME(select_f32, MOTE_IMPL_SELECT_F32)
mote_select_f32_fn mote_select_f32;
#else
#define mote_select_f32 mote_select_f32_ref
#endif

#endif /* MOTE_KERNELS_SELECT_V2_H */
