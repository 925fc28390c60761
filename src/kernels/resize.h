/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR compute functions: the seam
 * between the ops' glue (resize.c) and their implementations (impl.h).
 * NHWC tensors, the height and width resized, batch and depth kept. No
 * validation, no failure, no scratch: the glue checked the shapes, and that
 * the integer bilinear's fixed-point products fit int32.
 */
#ifndef MOTE_KERNELS_RESIZE_H
#define MOTE_KERNELS_RESIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_resize_params {
  int32_t batches, depth;
  int32_t in_h, in_w;   /* input [batches, in_h, in_w, depth] */
  int32_t out_h, out_w; /* output [batches, out_h, out_w, depth] */
  bool align_corners;
  bool half_pixel_centers; /* bilinear: never with align_corners */
} mote_resize_params_t;

/* Nearest neighbour of any element size (elem_size bytes), TFLite's
 * coordinate rule in single-precision float. Buffers must not overlap. */
typedef void mote_resize_nearest_fn(const mote_resize_params_t *p,
                                    size_t elem_size, const void *in,
                                    void *out);
/* Bilinear, float32: TFLite's float interpolation, term by term. */
typedef void mote_resize_bilinear_f32_fn(const mote_resize_params_t *p,
                                         const float *in, float *out);
/* Bilinear, int8: TFLite's integer path (10-bit coordinates, 20-bit
 * products, rounded half away from zero); the values are not rescaled. */
typedef void mote_resize_bilinear_s8_fn(const mote_resize_params_t *p,
                                        const int8_t *in, int8_t *out);

mote_resize_nearest_fn mote_resize_nearest_ref;
mote_resize_bilinear_f32_fn mote_resize_bilinear_f32_ref;
mote_resize_bilinear_s8_fn mote_resize_bilinear_s8_ref;

#ifdef MOTE_IMPL_RESIZE_NEAREST
#define mote_resize_nearest                                                    \
  MOTE_IMPL_NAME(resize_nearest, MOTE_IMPL_RESIZE_NEAREST)
mote_resize_nearest_fn mote_resize_nearest;
#else
#define mote_resize_nearest mote_resize_nearest_ref
#endif

#ifdef MOTE_IMPL_RESIZE_BILINEAR_F32
#define mote_resize_bilinear_f32                                               \
  MOTE_IMPL_NAME(resize_bilinear_f32, MOTE_IMPL_RESIZE_BILINEAR_F32)
mote_resize_bilinear_f32_fn mote_resize_bilinear_f32;
#else
#define mote_resize_bilinear_f32 mote_resize_bilinear_f32_ref
#endif

#ifdef MOTE_IMPL_RESIZE_BILINEAR_S8
#define mote_resize_bilinear_s8                                                \
  MOTE_IMPL_NAME(resize_bilinear_s8, MOTE_IMPL_RESIZE_BILINEAR_S8)
mote_resize_bilinear_s8_fn mote_resize_bilinear_s8;
#else
#define mote_resize_bilinear_s8 mote_resize_bilinear_s8_ref
#endif

#endif /* MOTE_KERNELS_RESIZE_H */
