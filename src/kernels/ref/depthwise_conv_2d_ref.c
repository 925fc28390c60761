/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference DEPTHWISE_CONV_2D (depthwise_conv_2d.h): TFLM's reference
 * depthwise convolution (reference_integer_ops::DepthwiseConvPerChannel
 * and reference_ops::DepthwiseConv).
 *
 * TFLM's order: output pixel, input channel, multiplier, then the taps
 * inside the input (conv_loops.h), each row of taps a strided dot product
 * of one input channel against one filter channel.
 */
#include <stddef.h>

#include "kernels/core/dot.h"
#include "kernels/depthwise_conv_2d.h"
#include "kernels/ref/conv_loops.h"

/* Element strides of one row of taps: the input steps dilation_w pixels,
 * the filter one tap (out_c channels). */
static int32_t in_step(const mote_conv_params_t *p) {
  return p->dilation_w * p->in_c;
}

/* Offset of filter tap (ky, kx0) of channel 0. */
static ptrdiff_t filter_row(const mote_conv_params_t *p,
                            const mote_conv_window_t *w, int32_t ky) {
  return ((ptrdiff_t)ky * p->filter_w + w->kx0) * p->out_c;
}

/* The window of input channel ic (`in` at the batch) against output
 * channel oc (`f` the filter). int8 sums wrap. */
static uint32_t window_s8(const mote_conv_params_t *p,
                          const mote_conv_window_t *w, const int8_t *in,
                          const int8_t *f, int32_t ic, int32_t oc) {
  int32_t acc = 0;
  int32_t ky;
  for (ky = w->ky0; ky < w->ky1; ++ky) {
    acc = mote_dot_s8_strided(
        acc, in + mote_conv_tap_index(p, w, ky, w->kx0) + ic, in_step(p),
        p->input_offset, f + filter_row(p, w, ky) + oc, p->out_c,
        w->kx1 - w->kx0);
  }
  return (uint32_t)acc;
}

static int64_t window_s16(const mote_conv_params_t *p,
                          const mote_conv_window_t *w, const int16_t *in,
                          const int8_t *f, int32_t ic, int32_t oc) {
  int64_t acc = 0;
  int32_t ky;
  for (ky = w->ky0; ky < w->ky1; ++ky) {
    acc = mote_dot_s16_s8_strided(
        acc, in + mote_conv_tap_index(p, w, ky, w->kx0) + ic, in_step(p), 0,
        f + filter_row(p, w, ky) + oc, p->out_c, w->kx1 - w->kx0);
  }
  return acc;
}

static float window_f32(const mote_conv_params_t *p,
                        const mote_conv_window_t *w, const float *in,
                        const float *f, int32_t ic, int32_t oc) {
  float acc = 0.0f;
  int32_t ky;
  for (ky = w->ky0; ky < w->ky1; ++ky) {
    acc = mote_dot_f32_strided(
        acc, in + mote_conv_tap_index(p, w, ky, w->kx0) + ic, in_step(p),
        f + filter_row(p, w, ky) + oc, p->out_c, w->kx1 - w->kx0);
  }
  return acc;
}

/* Output channel oc = ic * depth_multiplier + m reads input channel ic;
 * the pixel functions walk oc in order and step ic every multiplier. */
static void pixel_s8(const mote_conv_params_t *p, const mote_conv_window_t *w,
                     const void *in, const void *filter, const void *bias,
                     void *out) {
  const int32_t *b = (const int32_t *)bias;
  int8_t *o = (int8_t *)out;
  int32_t ic, m, oc = 0;
  for (ic = 0; ic < p->in_c; ++ic) {
    for (m = 0; m < p->depth_multiplier; ++m, ++oc) {
      uint32_t acc = window_s8(p, w, (const int8_t *)in,
                               (const int8_t *)filter, ic, oc);
      if (b != NULL) {
        acc += (uint32_t)b[oc];
      }
      o[oc] = (int8_t)mote_requant_apply(&p->rq, oc, (int32_t)acc);
    }
  }
}

static void pixel_s16(const mote_conv_params_t *p, const mote_conv_window_t *w,
                      const void *in, const void *filter, const void *bias,
                      void *out) {
  const int64_t *b = (const int64_t *)bias;
  int16_t *o = (int16_t *)out;
  int32_t ic, m, oc = 0;
  for (ic = 0; ic < p->in_c; ++ic) {
    for (m = 0; m < p->depth_multiplier; ++m, ++oc) {
      int64_t acc = window_s16(p, w, (const int16_t *)in,
                               (const int8_t *)filter, ic, oc);
      if (b != NULL) {
        acc = mote_add_wrap64(acc, b[oc]);
      }
      o[oc] = (int16_t)mote_requant_apply64(&p->rq, oc, acc);
    }
  }
}

static void pixel_f32(const mote_conv_params_t *p, const mote_conv_window_t *w,
                      const void *in, const void *filter, const void *bias,
                      void *out) {
  const float *b = (const float *)bias;
  float *o = (float *)out;
  int32_t ic, m, oc = 0;
  for (ic = 0; ic < p->in_c; ++ic) {
    for (m = 0; m < p->depth_multiplier; ++m, ++oc) {
      /* TFLM adds 0.0f when there is no bias, so -0 becomes +0. */
      const float v = window_f32(p, w, (const float *)in,
                                 (const float *)filter, ic, oc) +
                      (b != NULL ? b[oc] : 0.0f);
      o[oc] = v < p->act_min_f ? p->act_min_f
                               : (v > p->act_max_f ? p->act_max_f : v);
    }
  }
}

void mote_depthwise_conv_2d_s8_ref(const mote_conv_params_t *p,
                                   const int8_t *input, const int8_t *filter,
                                   const int32_t *bias, int8_t *output,
                                   void *scratch) {
  (void)scratch;
  mote_conv_each_pixel(p, pixel_s8, sizeof(int8_t), input, filter, bias,
                       output);
}

void mote_depthwise_conv_2d_s16_ref(const mote_conv_params_t *p,
                                    const int16_t *input, const int8_t *filter,
                                    const int64_t *bias, int16_t *output,
                                    void *scratch) {
  (void)scratch;
  mote_conv_each_pixel(p, pixel_s16, sizeof(int16_t), input, filter, bias,
                       output);
}

void mote_depthwise_conv_2d_f32_ref(const mote_conv_params_t *p,
                                    const float *input, const float *filter,
                                    const float *bias, float *output,
                                    void *scratch) {
  (void)scratch;
  mote_conv_each_pixel(p, pixel_f32, sizeof(float), input, filter, bias,
                       output);
}
