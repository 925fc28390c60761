/*
 * Framework-free AVERAGE_POOL_2D and MAX_POOL_2D kernels (TFLite Micro
 * reference semantics) and the prepare step both operators share.
 *
 * Layout is NHWC: input [batches, in_h, in_w, depth], output [batches,
 * out_h, out_w, depth]. Output (oy, ox) pools the input window starting at
 * (oy * stride_h - pad_h, ox * stride_w - pad_w) of filter_h x filter_w,
 * clipped to the input: padding contributes nothing and, for the average,
 * is not counted. The average and the maximum live in separate objects
 * (average_pool_2d.c, max_pool_2d.c) so the linker keeps only what the
 * application registers.
 */
#ifndef MOTE_KERNELS_POOLING_H
#define MOTE_KERNELS_POOLING_H

#include <stdint.h>

#include "mote/kernel.h"

typedef struct mote_pool_params {
  int32_t batches, in_h, in_w, depth;
  int32_t out_h, out_w;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w;
  int32_t pad_h, pad_w; /* padding before the first row / column */
  int32_t act_min, act_max;     /* int8 / int16 activation range */
  float act_min_f, act_max_f;   /* float32 activation range */
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

/*
 * Average pooling. Integers sum in int32 and divide rounding half away
 * from zero ((sum +- count/2) / count, truncating), then clamp; float sums
 * in single precision in row, column order and divides by the count.
 * MOTE_ERR_BAD_SHAPE when a window holds no input element (the output
 * shape does not come from the padding rule); MOTE_OK otherwise.
 */
mote_status_t mote_avg_pool_s8(const mote_pool_params_t *p, const int8_t *in,
                               int8_t *out);
mote_status_t mote_avg_pool_s16(const mote_pool_params_t *p,
                                const int16_t *in, int16_t *out);
mote_status_t mote_avg_pool_f32(const mote_pool_params_t *p, const float *in,
                                float *out);

/* Max pooling: the maximum of the window (the type's lowest value for an
 * empty one), clamped to the activation range. Cannot fail. */
void mote_max_pool_s8(const mote_pool_params_t *p, const int8_t *in,
                      int8_t *out);
void mote_max_pool_s16(const mote_pool_params_t *p, const int16_t *in,
                       int16_t *out);
void mote_max_pool_f32(const mote_pool_params_t *p, const float *in,
                       float *out);

/*
 * The prepare both operators run: reads Pool2DOptions, checks one 4-D
 * input and output of the same type (float32, int8 or int16; integers
 * with the same scale and zero point), that the output shape is the one
 * SAME / VALID padding gives, and keeps a mote_pool_params_t (padding,
 * activation range) and the element type in persistent memory as the op's
 * user data. Fails through mote_kctx_fail() with the reason.
 */
mote_status_t mote_pool_prepare(mote_kctx_t *ctx);

/* At invoke: the element type (mote_type_t), the input and output data,
 * and the params prepare kept. */
const mote_pool_params_t *mote_pool_invoke_data(mote_kctx_t *ctx, uint8_t *type,
                                                const void **in, void **out);

#endif /* MOTE_KERNELS_POOLING_H */
