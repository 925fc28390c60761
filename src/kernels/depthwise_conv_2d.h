/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DEPTHWISE_CONV_2D compute functions: the seam between the op's glue
 * (depthwise_conv_2d.c) and its implementations (impl.h). Parameters,
 * layouts and windows are in conv_params.h; the function types are
 * CONV_2D's (conv_2d.h).
 *
 * Filters are [1, filter_h, filter_w, out_c] with out_c = in_c *
 * depth_multiplier; output channel ic * depth_multiplier + m reads input
 * channel ic only. int8 sums wrap in 32 bits; 16x8 sums are exact in 64
 * bits with an int64 bias or none, scaled with the int64 rescale (shifts
 * <= 14). Float sums over the taps in row, column order, adds the bias
 * last, then clamps. No validation, no failure: the glue has checked.
 */
#ifndef MOTE_KERNELS_DEPTHWISE_CONV_2D_H
#define MOTE_KERNELS_DEPTHWISE_CONV_2D_H

#include "kernels/conv_2d.h"

mote_conv_s8_fn mote_depthwise_conv_2d_s8_ref;
mote_conv_s16_fn mote_depthwise_conv_2d_s16_ref;
mote_conv_f32_fn mote_depthwise_conv_2d_f32_ref;

#ifdef MOTE_IMPL_DEPTHWISE_CONV_2D_S8
#define mote_depthwise_conv_2d_s8                                              \
  MOTE_IMPL_NAME(depthwise_conv_2d_s8, MOTE_IMPL_DEPTHWISE_CONV_2D_S8)
#define mote_depthwise_conv_2d_s8_scratch_bytes                                \
  MOTE_IMPL_SCRATCH_NAME(depthwise_conv_2d_s8, MOTE_IMPL_DEPTHWISE_CONV_2D_S8)
mote_conv_s8_fn mote_depthwise_conv_2d_s8;
mote_conv_scratch_fn mote_depthwise_conv_2d_s8_scratch_bytes;
#else
#define mote_depthwise_conv_2d_s8 mote_depthwise_conv_2d_s8_ref
#define mote_depthwise_conv_2d_s8_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_DEPTHWISE_CONV_2D_S16
#define mote_depthwise_conv_2d_s16                                             \
  MOTE_IMPL_NAME(depthwise_conv_2d_s16, MOTE_IMPL_DEPTHWISE_CONV_2D_S16)
#define mote_depthwise_conv_2d_s16_scratch_bytes                               \
  MOTE_IMPL_SCRATCH_NAME(depthwise_conv_2d_s16, MOTE_IMPL_DEPTHWISE_CONV_2D_S16)
mote_conv_s16_fn mote_depthwise_conv_2d_s16;
mote_conv_scratch_fn mote_depthwise_conv_2d_s16_scratch_bytes;
#else
#define mote_depthwise_conv_2d_s16 mote_depthwise_conv_2d_s16_ref
#define mote_depthwise_conv_2d_s16_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_DEPTHWISE_CONV_2D_F32
#define mote_depthwise_conv_2d_f32                                             \
  MOTE_IMPL_NAME(depthwise_conv_2d_f32, MOTE_IMPL_DEPTHWISE_CONV_2D_F32)
#define mote_depthwise_conv_2d_f32_scratch_bytes                               \
  MOTE_IMPL_SCRATCH_NAME(depthwise_conv_2d_f32, MOTE_IMPL_DEPTHWISE_CONV_2D_F32)
mote_conv_f32_fn mote_depthwise_conv_2d_f32;
mote_conv_scratch_fn mote_depthwise_conv_2d_f32_scratch_bytes;
#else
#define mote_depthwise_conv_2d_f32 mote_depthwise_conv_2d_f32_ref
#define mote_depthwise_conv_2d_f32_scratch_bytes(p) ((void)(p), (size_t)0)
#endif

#endif /* MOTE_KERNELS_DEPTHWISE_CONV_2D_H */
