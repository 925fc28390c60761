/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONV_2D compute functions: the seam between the op's glue (conv_2d.c)
 * and its implementations (impl.h). Parameters, layouts and windows are
 * in conv_params.h.
 *
 * Filters are [out_c, filter_h, filter_w, filter_c] with filter_c =
 * in_c / groups; output channel oc reads the input channels of group
 * oc / (out_c / groups). Integer sums wrap in 32 bits (int8, and 16x8
 * with an int32 bias or none) or are exact in 64 bits (16x8 with an int64
 * bias, scaled with the int64 rescale: shifts <= 14), bias added, then
 * p->rq. Float sums in filter_y, filter_x, channel order, adds the bias
 * last, then clamps to [act_min_f, act_max_f]. `scratch` holds
 * *_scratch_bytes(p) bytes, 16-byte aligned (NULL when 0). No validation,
 * no failure: the glue has checked.
 */
#ifndef MOTE_KERNELS_CONV_2D_H
#define MOTE_KERNELS_CONV_2D_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/conv_params.h"
#include "kernels/impl.h"

typedef size_t mote_conv_scratch_fn(const mote_conv_params_t *p);
typedef void mote_conv_s8_fn(const mote_conv_params_t *p, const int8_t *input,
                             const int8_t *filter, const int32_t *bias,
                             int8_t *output, void *scratch);
typedef void mote_conv_s16_fn(const mote_conv_params_t *p, const int16_t *input,
                              const int8_t *filter, const int64_t *bias,
                              int16_t *output, void *scratch);
typedef void mote_conv_s16_b32_fn(const mote_conv_params_t *p,
                                  const int16_t *input, const int8_t *filter,
                                  const int32_t *bias, int16_t *output,
                                  void *scratch);
typedef void mote_conv_f32_fn(const mote_conv_params_t *p, const float *input,
                              const float *filter, const float *bias,
                              float *output, void *scratch);

mote_conv_s8_fn mote_conv_2d_s8_ref;
mote_conv_s16_fn mote_conv_2d_s16_ref;
mote_conv_s16_b32_fn mote_conv_2d_s16_b32_ref;
mote_conv_f32_fn mote_conv_2d_f32_ref;

#ifdef MOTE_IMPL_CONV_2D_S8
#define mote_conv_2d_s8 MOTE_IMPL_NAME(conv_2d_s8, MOTE_IMPL_CONV_2D_S8)
#define mote_conv_2d_s8_scratch_bytes                                          \
  MOTE_IMPL_SCRATCH_NAME(conv_2d_s8, MOTE_IMPL_CONV_2D_S8)
mote_conv_s8_fn mote_conv_2d_s8;
mote_conv_scratch_fn mote_conv_2d_s8_scratch_bytes;
#else
#define mote_conv_2d_s8 mote_conv_2d_s8_ref
#define mote_conv_2d_s8_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_CONV_2D_S16
#define mote_conv_2d_s16 MOTE_IMPL_NAME(conv_2d_s16, MOTE_IMPL_CONV_2D_S16)
#define mote_conv_2d_s16_scratch_bytes                                         \
  MOTE_IMPL_SCRATCH_NAME(conv_2d_s16, MOTE_IMPL_CONV_2D_S16)
mote_conv_s16_fn mote_conv_2d_s16;
mote_conv_scratch_fn mote_conv_2d_s16_scratch_bytes;
#else
#define mote_conv_2d_s16 mote_conv_2d_s16_ref
#define mote_conv_2d_s16_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_CONV_2D_S16_B32
#define mote_conv_2d_s16_b32                                                   \
  MOTE_IMPL_NAME(conv_2d_s16_b32, MOTE_IMPL_CONV_2D_S16_B32)
#define mote_conv_2d_s16_b32_scratch_bytes                                     \
  MOTE_IMPL_SCRATCH_NAME(conv_2d_s16_b32, MOTE_IMPL_CONV_2D_S16_B32)
mote_conv_s16_b32_fn mote_conv_2d_s16_b32;
mote_conv_scratch_fn mote_conv_2d_s16_b32_scratch_bytes;
#else
#define mote_conv_2d_s16_b32 mote_conv_2d_s16_b32_ref
#define mote_conv_2d_s16_b32_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_CONV_2D_F32
#define mote_conv_2d_f32 MOTE_IMPL_NAME(conv_2d_f32, MOTE_IMPL_CONV_2D_F32)
#define mote_conv_2d_f32_scratch_bytes                                         \
  MOTE_IMPL_SCRATCH_NAME(conv_2d_f32, MOTE_IMPL_CONV_2D_F32)
mote_conv_f32_fn mote_conv_2d_f32;
mote_conv_scratch_fn mote_conv_2d_f32_scratch_bytes;
#else
#define mote_conv_2d_f32 mote_conv_2d_f32_ref
#define mote_conv_2d_f32_scratch_bytes(p) ((void)(p), (size_t)0)
#endif

#endif /* MOTE_KERNELS_CONV_2D_H */
