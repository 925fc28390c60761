/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference CONV_2D (conv_2d.h): TFLM's reference convolution
 * (reference_integer_ops::ConvPerChannel and reference_ops::Conv),
 * including grouped convolution.
 *
 * Direct loops, output pixel by output channel, each window a sum of
 * channel runs over the taps inside the input (conv_loops.h computes
 * which, once per pixel). That is the slowest sensible schedule, kept
 * because it is the one the byte-exact specification uses; im2col and
 * channel-blocked schedules belong to the optimized families.
 */
#include <stdbool.h>
#include <stddef.h>

#include "kernels/conv_2d.h"
#include "kernels/core/dot.h"
#include "common/compiler.h"
#include "kernels/ref/conv_loops.h"

/* Offset of filter tap (ky, kx) within one output channel's filter. */
static ptrdiff_t filter_tap(const mote_conv_params_t *p, int32_t ky,
                            int32_t kx) {
  return ((ptrdiff_t)ky * p->filter_w + kx) * p->filter_c;
}

/* Output channels per group: out_c / groups, groups = in_c / filter_c. */
static int32_t group_size(const mote_conv_params_t *p) {
  return p->out_c / (p->in_c / p->filter_c);
}

/*
 * A window is summed row by row. Without groups and dilation the taps of
 * a row are adjacent pixels whose channels sit end to end in the input
 * and in the filter alike, so each row is one dot product of (kx1 - kx0)
 * * in_c elements (`rows_*`, which keeps few values live so the inner loop
 * stays in registers). Otherwise (`taps_*`) each tap is a run of filter_c.
 * Both visit taps and channels in TFLite's order, so float sums are the
 * same either way.
 */
typedef struct rows {
  int32_t count;     /* window rows (ky1 - ky0) */
  int32_t len;       /* elements per row when contiguous */
  ptrdiff_t in_row;  /* input elements from one row to the next */
  ptrdiff_t f_row;   /* filter elements from one row to the next */
  ptrdiff_t in_at;   /* input offset of tap (ky0, kx0) */
  ptrdiff_t f_at;    /* filter offset of tap (ky0, kx0) */
  int contiguous;
} rows_t;

static void window_rows(const mote_conv_params_t *p,
                        const mote_conv_window_t *w, rows_t *r) {
  r->count = w->ky1 - w->ky0;
  r->len = (w->kx1 - w->kx0) * p->in_c;
  r->in_row = (ptrdiff_t)p->dilation_h * p->in_w * p->in_c;
  r->f_row = (ptrdiff_t)p->filter_w * p->filter_c;
  r->in_at = mote_conv_tap_index(p, w, w->ky0, w->kx0);
  r->f_at = filter_tap(p, w->ky0, w->kx0);
  r->contiguous = p->filter_c == p->in_c && p->dilation_w == 1;
}

static int32_t rows_s8(const int8_t *in, const int8_t *f, int32_t rows,
                       int32_t len, ptrdiff_t in_row, ptrdiff_t f_row,
                       int32_t offset) {
  int32_t acc = 0;
  for (; rows > 0; --rows, in += in_row, f += f_row) {
    acc = mote_dot_s8(acc, in, offset, f, len);
  }
  return acc;
}

static int32_t taps_s8(const mote_conv_params_t *p,
                       const mote_conv_window_t *w, const int8_t *in,
                       const int8_t *f) {
  int32_t acc = 0;
  int32_t ky, kx;
  for (ky = w->ky0; ky < w->ky1; ++ky) {
    for (kx = w->kx0; kx < w->kx1; ++kx) {
      acc = mote_dot_s8(acc, in + mote_conv_tap_index(p, w, ky, kx),
                        p->input_offset, f + filter_tap(p, ky, kx),
                        p->filter_c);
    }
  }
  return acc;
}

/* The window of one output channel: `in` at the batch and the group's
 * first channel, `f` at the channel's filter. int8 sums wrap. */
static int32_t window_s8(const mote_conv_params_t *p,
                          const mote_conv_window_t *w, const rows_t *r,
                          const int8_t *in, const int8_t *f) {
  return r->contiguous ? rows_s8(in + r->in_at, f + r->f_at, r->count, r->len,
                                 r->in_row, r->f_row, p->input_offset)
                       : taps_s8(p, w, in, f);
}

static int64_t window_s16(const mote_conv_params_t *p,
                          const mote_conv_window_t *w, const rows_t *r,
                          const int16_t *in, const int8_t *f) {
  int64_t acc = 0;
  int32_t ky, kx;
  if (r->contiguous) {
    in += r->in_at;
    f += r->f_at;
    for (ky = 0; ky < r->count; ++ky, in += r->in_row, f += r->f_row) {
      acc = mote_dot_s16_s8(acc, in, 0, f, r->len);
    }
    return acc;
  }
  for (ky = w->ky0; ky < w->ky1; ++ky) {
    for (kx = w->kx0; kx < w->kx1; ++kx) {
      acc = mote_dot_s16_s8(acc, in + mote_conv_tap_index(p, w, ky, kx), 0,
                            f + filter_tap(p, ky, kx), p->filter_c);
    }
  }
  return acc;
}

static float rows_f32(const float *in, const float *f, int32_t rows,
                      int32_t len, ptrdiff_t in_row, ptrdiff_t f_row) {
  float acc = 0.0f;
  for (; rows > 0; --rows, in += in_row, f += f_row) {
    acc = mote_dot_f32(acc, in, f, len);
  }
  return acc;
}

static float window_f32(const mote_conv_params_t *p,
                        const mote_conv_window_t *w, const rows_t *r,
                        const float *in, const float *f) {
  float acc = 0.0f;
  int32_t ky, kx;
  if (r->contiguous) {
    return rows_f32(in + r->in_at, f + r->f_at, r->count, r->len, r->in_row,
                    r->f_row);
  }
  for (ky = w->ky0; ky < w->ky1; ++ky) {
    for (kx = w->kx0; kx < w->kx1; ++kx) {
      acc = mote_dot_f32(acc, in + mote_conv_tap_index(p, w, ky, kx),
                         f + filter_tap(p, ky, kx), p->filter_c);
    }
  }
  return acc;
}

/* Each pixel function walks groups, then the group's output channels,
 * so that the group needs no division per channel. */
static void pixel_s8(const mote_conv_params_t *p, const mote_conv_window_t *w,
                     const void *in, const void *filter, const void *bias,
                     void *out) {
  const int32_t per_group = group_size(p);
  const ptrdiff_t f_size = filter_tap(p, p->filter_h, 0);
  rows_t r;
  const int8_t *f = (const int8_t *)filter;
  const int32_t *b = (const int32_t *)bias;
  int8_t *o = (int8_t *)out;
  int32_t g, j, oc = 0;
  window_rows(p, w, &r);
  for (g = 0; oc < p->out_c; ++g) {
    const int8_t *in_g = (const int8_t *)in + (ptrdiff_t)g * p->filter_c;
    for (j = 0; j < per_group; ++j, ++oc, f += f_size) {
      uint32_t acc = (uint32_t)window_s8(p, w, &r, in_g, f);
      if (b != NULL) {
        acc += (uint32_t)b[oc];
      }
      o[oc] = (int8_t)mote_requant_apply(&p->rq, oc, (int32_t)acc);
    }
  }
}

/* 16x8 with an int64 bias (requantized from 64 bits) or, as some
 * converters write, an int32 bias: TFLM's int32 accumulator then holds
 * the exact sum modulo 2^32. One body for both, out of line, because
 * 16x8 convolutions are rare and every firmware with CONV_2D links it. */
static MOTE_NOINLINE void pixel_16x8(const mote_conv_params_t *p,
                                     const mote_conv_window_t *w,
                                     const void *in, const void *filter,
                                     const void *bias, void *out,
                                     bool bias32) {
  const int32_t per_group = group_size(p);
  const ptrdiff_t f_size = filter_tap(p, p->filter_h, 0);
  rows_t r;
  const int8_t *f = (const int8_t *)filter;
  int16_t *o = (int16_t *)out;
  int32_t g, j, oc = 0;
  window_rows(p, w, &r);
  for (g = 0; oc < p->out_c; ++g) {
    const int16_t *in_g = (const int16_t *)in + (ptrdiff_t)g * p->filter_c;
    for (j = 0; j < per_group; ++j, ++oc, f += f_size) {
      const int64_t acc = window_s16(p, w, &r, in_g, f);
      if (bias32) {
        uint32_t acc32 = (uint32_t)(uint64_t)acc;
        if (bias != NULL) {
          acc32 += (uint32_t)((const int32_t *)bias)[oc];
        }
        o[oc] = (int16_t)mote_requant_apply(&p->rq, oc, (int32_t)acc32);
      } else {
        const int64_t sum = bias != NULL
            ? mote_add_wrap64(acc, ((const int64_t *)bias)[oc]) : acc;
        o[oc] = (int16_t)mote_requant_apply64(&p->rq, oc, sum);
      }
    }
  }
}

static void pixel_s16(const mote_conv_params_t *p, const mote_conv_window_t *w,
                      const void *in, const void *filter, const void *bias,
                      void *out) {
  pixel_16x8(p, w, in, filter, bias, out, false);
}

static void pixel_s16_b32(const mote_conv_params_t *p,
                          const mote_conv_window_t *w, const void *in,
                          const void *filter, const void *bias, void *out) {
  pixel_16x8(p, w, in, filter, bias, out, true);
}

static void pixel_f32(const mote_conv_params_t *p, const mote_conv_window_t *w,
                      const void *in, const void *filter, const void *bias,
                      void *out) {
  const int32_t per_group = group_size(p);
  const ptrdiff_t f_size = filter_tap(p, p->filter_h, 0);
  rows_t r;
  const float *f = (const float *)filter;
  const float *b = (const float *)bias;
  float *o = (float *)out;
  int32_t g, j, oc = 0;
  window_rows(p, w, &r);
  for (g = 0; oc < p->out_c; ++g) {
    const float *in_g = (const float *)in + (ptrdiff_t)g * p->filter_c;
    for (j = 0; j < per_group; ++j, ++oc, f += f_size) {
      /* TFLM adds 0.0f when there is no bias, so -0 becomes +0. */
      const float v = window_f32(p, w, &r, in_g, f) + (b != NULL ? b[oc] : 0.0f);
      o[oc] = v < p->act_min_f ? p->act_min_f
                               : (v > p->act_max_f ? p->act_max_f : v);
    }
  }
}

void mote_conv_2d_s8_ref(const mote_conv_params_t *p, const int8_t *input,
                         const int8_t *filter, const int32_t *bias,
                         int8_t *output, void *scratch) {
  (void)scratch;
  mote_conv_each_pixel(p, pixel_s8, sizeof(int8_t), input, filter, bias,
                       output);
}

void mote_conv_2d_s16_ref(const mote_conv_params_t *p, const int16_t *input,
                          const int8_t *filter, const int64_t *bias,
                          int16_t *output, void *scratch) {
  (void)scratch;
  mote_conv_each_pixel(p, pixel_s16, sizeof(int16_t), input, filter, bias,
                       output);
}

void mote_conv_2d_s16_b32_ref(const mote_conv_params_t *p,
                              const int16_t *input, const int8_t *filter,
                              const int32_t *bias, int16_t *output,
                              void *scratch) {
  (void)scratch;
  mote_conv_each_pixel(p, pixel_s16_b32, sizeof(int16_t), input, filter,
                       bias, output);
}

void mote_conv_2d_f32_ref(const mote_conv_params_t *p, const float *input,
                          const float *filter, const float *bias,
                          float *output, void *scratch) {
  (void)scratch;
  mote_conv_each_pixel(p, pixel_f32, sizeof(float), input, filter, bias,
                       output);
}
