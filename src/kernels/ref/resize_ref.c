/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR (resize.h). The
 * coordinate arithmetic is TFLite's, operation for operation, because the
 * bytes must equal TFLM's: the nearest neighbour and float bilinear
 * compute scales and source coordinates in single-precision float (float
 * rounding decides which pixel is picked), the int8 bilinear in 10-bit
 * fixed point with 64-bit products. Each source coordinate pair is worked
 * out once per output pixel, then the depth runs as an inner loop.
 */
#include <math.h>
#include <string.h>

#include "kernels/resize.h"

/* TFLite's nearest-neighbour source index for output index `o`. */
static int32_t nearest(int32_t o, int32_t in_size, int32_t out_size, bool align,
                       bool half) {
  const float scale = (align && out_size > 1)
                          ? (float)(in_size - 1) / (float)(out_size - 1)
                          : (float)in_size / (float)out_size;
  const float v = ((float)o + (half ? 0.5f : 0.0f)) * scale;
  int32_t i = align ? (int32_t)roundf(v) : (int32_t)floorf(v);
  if (i > in_size - 1) {
    i = in_size - 1;
  }
  if (half && i < 0) {
    i = 0;
  }
  return i;
}

void mote_resize_nearest_ref(const mote_resize_params_t *p, size_t elem_size,
                             const void *in, void *out) {
  const uint8_t *src = (const uint8_t *)in;
  uint8_t *dst = (uint8_t *)out;
  const size_t pixel = (size_t)p->depth * elem_size;
  const size_t row = (size_t)p->in_w * pixel;
  int32_t b, y, x;
  for (b = 0; b < p->batches; ++b) {
    const uint8_t *image = src + (size_t)b * (size_t)p->in_h * row;
    for (y = 0; y < p->out_h; ++y) {
      const uint8_t *line =
          image + (size_t)nearest(y, p->in_h, p->out_h, p->align_corners,
                                  p->half_pixel_centers) *
                      row;
      for (x = 0; x < p->out_w; ++x) {
        const int32_t ix = nearest(x, p->in_w, p->out_w, p->align_corners,
                                   p->half_pixel_centers);
        memcpy(dst, line + (size_t)ix * pixel, pixel);
        dst += pixel;
      }
    }
  }
}

/* Input scale per axis: in/out, or (in-1)/(out-1) with align_corners. */
static float scale_f32(int32_t in, int32_t out, bool align) {
  return (align && out > 1) ? (float)(in - 1) / (float)(out - 1)
                            : (float)in / (float)out;
}

/* TFLite's ComputeInterpolationValues: the source coordinate of output
 * index `o` and its two neighbours. */
static void coord_f32(int32_t o, float scale, bool half, int32_t in_size,
                      float *v, int32_t *lo, int32_t *hi) {
  int32_t l, h;
  *v = half ? ((float)o + 0.5f) * scale - 0.5f : (float)o * scale;
  l = (int32_t)floorf(*v);
  h = (int32_t)ceilf(*v);
  *lo = l > 0 ? l : 0;
  *hi = h < in_size - 1 ? h : in_size - 1;
}

/* Offsets of the four source pixels (y0 x0, y1 x0, y0 x1, y1 x1) in an
 * image of `row` elements per line and `d` per pixel. */
static void corners(int32_t y0, int32_t y1, int32_t x0, int32_t x1, size_t row,
                    size_t d, size_t at[4]) {
  at[0] = (size_t)y0 * row + (size_t)x0 * d;
  at[1] = (size_t)y1 * row + (size_t)x0 * d;
  at[2] = (size_t)y0 * row + (size_t)x1 * d;
  at[3] = (size_t)y1 * row + (size_t)x1 * d;
}

void mote_resize_bilinear_f32_ref(const mote_resize_params_t *p,
                                  const float *in, float *out) {
  const float sh = scale_f32(p->in_h, p->out_h, p->align_corners);
  const float sw = scale_f32(p->in_w, p->out_w, p->align_corners);
  const size_t d = (size_t)p->depth;
  const size_t row = (size_t)p->in_w * d;
  int32_t b, y, x;
  size_t c;
  for (b = 0; b < p->batches; ++b) {
    const float *image = in + (size_t)b * (size_t)p->in_h * row;
    for (y = 0; y < p->out_h; ++y) {
      float fy, dy;
      int32_t y0, y1;
      coord_f32(y, sh, p->half_pixel_centers, p->in_h, &fy, &y0, &y1);
      dy = fy - (float)y0;
      for (x = 0; x < p->out_w; ++x) {
        float fx, dx;
        int32_t x0, x1;
        size_t at[4];
        coord_f32(x, sw, p->half_pixel_centers, p->in_w, &fx, &x0, &x1);
        dx = fx - (float)x0;
        corners(y0, y1, x0, x1, row, d, at);
        /* TFLite's sum, in its order, and its "+ 0" (a float output's
         * rounding offset), which turns -0 into +0. */
        for (c = 0; c < d; ++c) {
          *out++ = image[at[0] + c] * (1.0f - dy) * (1.0f - dx) +
                   image[at[1] + c] * dy * (1.0f - dx) +
                   image[at[2] + c] * (1.0f - dy) * dx +
                   image[at[3] + c] * dy * dx + 0.0f;
        }
      }
    }
  }
}

/* The 10-bit fixed-point scale: in/out rounded, (in-1)/(out-1) with
 * align_corners. */
static int32_t scale_q10(int32_t in, int32_t out, bool align) {
  if (align && out > 1) {
    return (1024 * (in - 1) + (out - 1) / 2) / (out - 1);
  }
  return (1024 * in + out / 2) / out;
}

/* TFLite's ComputeInterpolationValuesInteger (C division truncates, as
 * C++'s). */
static void coord_q10(int32_t o, int32_t scale, bool half, int32_t in_size,
                      int32_t *v, int32_t *lo, int32_t *hi) {
  int32_t l, h;
  *v = half ? o * scale + scale / 2 - 512 : o * scale;
  l = *v / 1024;
  h = (*v + 1023) / 1024;
  *lo = l > 0 ? l : 0;
  *hi = h < in_size - 1 ? h : in_size - 1;
}

void mote_resize_bilinear_s8_ref(const mote_resize_params_t *p,
                                 const int8_t *in, int8_t *out) {
  const int32_t sh = scale_q10(p->in_h, p->out_h, p->align_corners);
  const int32_t sw = scale_q10(p->in_w, p->out_w, p->align_corners);
  const size_t d = (size_t)p->depth;
  const size_t row = (size_t)p->in_w * d;
  int32_t b, y, x;
  size_t c;
  for (b = 0; b < p->batches; ++b) {
    const int8_t *image = in + (size_t)b * (size_t)p->in_h * row;
    for (y = 0; y < p->out_h; ++y) {
      int32_t fy, y0, y1;
      int64_t w[4]; /* the weights of rows y0 and y1, columns x0 and x1 */
      coord_q10(y, sh, p->half_pixel_centers, p->in_h, &fy, &y0, &y1);
      w[1] = (int64_t)fy - 1024 * (int64_t)y0;
      w[0] = 1024 - w[1];
      for (x = 0; x < p->out_w; ++x) {
        int32_t fx, x0, x1;
        size_t at[4];
        coord_q10(x, sw, p->half_pixel_centers, p->in_w, &fx, &x0, &x1);
        w[3] = (int64_t)fx - 1024 * (int64_t)x0;
        w[2] = 1024 - w[3];
        corners(y0, y1, x0, x1, row, d, at);
        for (c = 0; c < d; ++c) {
          const int64_t sum =
              image[at[0] + c] * w[0] * w[2] + image[at[1] + c] * w[1] * w[2] +
              image[at[2] + c] * w[0] * w[3] + image[at[3] + c] * w[1] * w[3];
          /* Half away from zero, then truncation: TFLite's double
           * rounding; the cast keeps the low byte, as TFLite's. */
          const int64_t r =
              (sum + (sum > 0 ? (1 << 19) : -(1 << 19))) / (1 << 20);
          *out++ = (int8_t)(uint8_t)(uint64_t)r;
        }
      }
    }
  }
}
