/* SPDX-License-Identifier: Apache-2.0 */
/*
 * AVERAGE_POOL_2D and MAX_POOL_2D compute functions: the seam between the
 * ops' glue (average_pool_2d.c, max_pool_2d.c over pool_common.c) and
 * their implementations (impl.h).
 *
 * Layout is NHWC: input [batches, in_h, in_w, depth], output [batches,
 * out_h, out_w, depth]. Output (oy, ox) pools the input window starting at
 * (oy * stride_h - pad_h, ox * stride_w - pad_w) of filter_h x filter_w,
 * clipped to the input: padding contributes nothing and, for the average,
 * is not counted. Every window holds at least one input element, because
 * the glue accepts only the output shape the padding rule gives.
 *
 * Average: integers sum in int32 (wrapping) and divide rounding half away
 * from zero ((sum +- count/2) / count, truncating), then clamp to
 * [act_min, act_max]; float sums in single precision in row, column order
 * and divides by the count, then clamps to [act_min_f, act_max_f]. Max:
 * the window's maximum, a NaN never replacing a number (std::max order),
 * then the clamp. Pooling never rescales: input and output share their
 * quantization. `scratch` holds *_scratch_bytes(p) bytes, 16-byte aligned
 * (NULL when 0): CMSIS-NN's average pool keeps per-channel sums there. No
 * validation, no failure: the glue has checked.
 */
#ifndef MOTE_KERNELS_POOLING_H
#define MOTE_KERNELS_POOLING_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_pool_params {
  int32_t batches, in_h, in_w, depth;
  int32_t out_h, out_w;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w;
  int32_t pad_h, pad_w;       /* padding before the first row / column */
  int32_t act_min, act_max;   /* int8 / int16 activation range */
  float act_min_f, act_max_f; /* float32 activation range */
} mote_pool_params_t;

/* The input window of output (oy, ox), clipped to the input: rows
 * [y0, y1) and columns [x0, x1) in input coordinates. */
typedef struct mote_pool_window {
  int32_t y0, y1, x0, x1;
} mote_pool_window_t;

static inline void mote_pool_window(const mote_pool_params_t *p, int32_t oy,
                                    int32_t ox, mote_pool_window_t *w) {
  const int32_t iy = oy * p->stride_h - p->pad_h;
  const int32_t ix = ox * p->stride_w - p->pad_w;
  w->y0 = iy < 0 ? 0 : iy;
  w->x0 = ix < 0 ? 0 : ix;
  w->y1 = iy + p->filter_h < p->in_h ? iy + p->filter_h : p->in_h;
  w->x1 = ix + p->filter_w < p->in_w ? ix + p->filter_w : p->in_w;
}

typedef size_t mote_pool_scratch_fn(const mote_pool_params_t *p);
typedef void mote_avg_pool_s8_fn(const mote_pool_params_t *p,
                                 const int8_t *input, int8_t *output,
                                 void *scratch);
typedef void mote_avg_pool_s16_fn(const mote_pool_params_t *p,
                                  const int16_t *input, int16_t *output,
                                  void *scratch);
typedef void mote_avg_pool_f32_fn(const mote_pool_params_t *p,
                                  const float *input, float *output,
                                  void *scratch);
typedef void mote_max_pool_s8_fn(const mote_pool_params_t *p,
                                 const int8_t *input, int8_t *output);
typedef void mote_max_pool_s16_fn(const mote_pool_params_t *p,
                                  const int16_t *input, int16_t *output);
typedef void mote_max_pool_f32_fn(const mote_pool_params_t *p,
                                  const float *input, float *output);

mote_avg_pool_s8_fn mote_avg_pool_s8_ref;
mote_avg_pool_s16_fn mote_avg_pool_s16_ref;
mote_avg_pool_f32_fn mote_avg_pool_f32_ref;
mote_max_pool_s8_fn mote_max_pool_s8_ref;
mote_max_pool_s16_fn mote_max_pool_s16_ref;
mote_max_pool_f32_fn mote_max_pool_f32_ref;

#ifdef MOTE_IMPL_AVG_POOL_S8
#define mote_avg_pool_s8 MOTE_IMPL_NAME(avg_pool_s8, MOTE_IMPL_AVG_POOL_S8)
#define mote_avg_pool_s8_scratch_bytes                                         \
  MOTE_IMPL_SCRATCH_NAME(avg_pool_s8, MOTE_IMPL_AVG_POOL_S8)
mote_avg_pool_s8_fn mote_avg_pool_s8;
mote_pool_scratch_fn mote_avg_pool_s8_scratch_bytes;
#else
#define mote_avg_pool_s8 mote_avg_pool_s8_ref
#define mote_avg_pool_s8_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_AVG_POOL_S16
#define mote_avg_pool_s16 MOTE_IMPL_NAME(avg_pool_s16, MOTE_IMPL_AVG_POOL_S16)
#define mote_avg_pool_s16_scratch_bytes                                        \
  MOTE_IMPL_SCRATCH_NAME(avg_pool_s16, MOTE_IMPL_AVG_POOL_S16)
mote_avg_pool_s16_fn mote_avg_pool_s16;
mote_pool_scratch_fn mote_avg_pool_s16_scratch_bytes;
#else
#define mote_avg_pool_s16 mote_avg_pool_s16_ref
#define mote_avg_pool_s16_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_AVG_POOL_F32
#define mote_avg_pool_f32 MOTE_IMPL_NAME(avg_pool_f32, MOTE_IMPL_AVG_POOL_F32)
#define mote_avg_pool_f32_scratch_bytes                                        \
  MOTE_IMPL_SCRATCH_NAME(avg_pool_f32, MOTE_IMPL_AVG_POOL_F32)
mote_avg_pool_f32_fn mote_avg_pool_f32;
mote_pool_scratch_fn mote_avg_pool_f32_scratch_bytes;
#else
#define mote_avg_pool_f32 mote_avg_pool_f32_ref
#define mote_avg_pool_f32_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_MAX_POOL_S8
#define mote_max_pool_s8 MOTE_IMPL_NAME(max_pool_s8, MOTE_IMPL_MAX_POOL_S8)
mote_max_pool_s8_fn mote_max_pool_s8;
#else
#define mote_max_pool_s8 mote_max_pool_s8_ref
#endif
#ifdef MOTE_IMPL_MAX_POOL_S16
#define mote_max_pool_s16 MOTE_IMPL_NAME(max_pool_s16, MOTE_IMPL_MAX_POOL_S16)
mote_max_pool_s16_fn mote_max_pool_s16;
#else
#define mote_max_pool_s16 mote_max_pool_s16_ref
#endif
#ifdef MOTE_IMPL_MAX_POOL_F32
#define mote_max_pool_f32 MOTE_IMPL_NAME(max_pool_f32, MOTE_IMPL_MAX_POOL_F32)
mote_max_pool_f32_fn mote_max_pool_f32;
#else
#define mote_max_pool_f32 mote_max_pool_f32_ref
#endif

/* L2_POOL_2D (float32 only, as TFLite): per channel, the squares summed in
 * single precision in row, column order, divided by the count, the square
 * root, then the clamp to [act_min_f, act_max_f]. */
typedef void mote_l2_pool_f32_fn(const mote_pool_params_t *p,
                                 const float *input, float *output);
mote_l2_pool_f32_fn mote_l2_pool_f32_ref;
#ifdef MOTE_IMPL_L2_POOL_F32
#define mote_l2_pool_f32 MOTE_IMPL_NAME(l2_pool_f32, MOTE_IMPL_L2_POOL_F32)
mote_l2_pool_f32_fn mote_l2_pool_f32;
#else
#define mote_l2_pool_f32 mote_l2_pool_f32_ref
#endif

#endif /* MOTE_KERNELS_POOLING_H */
