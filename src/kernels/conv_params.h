/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The parameters CONV_2D and DEPTHWISE_CONV_2D compute functions take,
 * and the window arithmetic every implementation of them shares.
 *
 * Layouts are TFLite's, NHWC and dense: input [batches, in_h, in_w, in_c],
 * output [batches, out_h, out_w, out_c]; CONV_2D filters [out_c,
 * filter_h, filter_w, filter_c] (filter_c = in_c / groups), DEPTHWISE
 * filters [1, filter_h, filter_w, out_c] (out_c = in_c *
 * depth_multiplier). Bias pointers may be NULL. Output pixel (oy, ox)
 * reads input rows oy * stride_h - pad_h + dilation_h * ky (and likewise
 * columns); taps that fall in the padding contribute nothing.
 *
 * Quantized variants scale through `rq` (channel = output channel): for a
 * per-tensor filter it holds one multiplier and shift, not out_c copies.
 * Framework-free: no kernel context, so tests and every implementation
 * can include it.
 */
#ifndef MOTE_KERNELS_CONV_PARAMS_H
#define MOTE_KERNELS_CONV_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/core/requant.h"

typedef struct mote_conv_params {
  int32_t batches;
  int32_t in_h, in_w, in_c;
  int32_t filter_h, filter_w;
  int32_t filter_c; /* CONV_2D: input channels per group */
  int32_t out_h, out_w, out_c;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_h, pad_w;     /* padding before the first row / column */
  int32_t depth_multiplier; /* DEPTHWISE_CONV_2D only */
  /* Nonzero when this call is a later band of rows of the same op in the
   * same invoke (kernels/inplace.h): the scratch still holds whatever the
   * implementation derived from the filter and bias in the call before,
   * so per-invoke set-up (offset sums, repacked filters) may be skipped.
   * The reference ignores it. */
  int32_t reuse_scratch;
  /* Quantized: added to every input value; minus the input zero point
   * for int8, 0 for int16. */
  int32_t input_offset;
  mote_requant_t rq;          /* quantized: output scaling and clamp */
  float act_min_f, act_max_f; /* float32: the fused activation clamp */
} mote_conv_params_t;

/* The filter taps of one output pixel that land inside the input: rows
 * ky in [ky0, ky1) and columns kx in [kx0, kx1), with (y0, x0) the input
 * position of tap (0, 0) (possibly negative). */
typedef struct mote_conv_window {
  int32_t y0, x0;
  int32_t ky0, ky1, kx0, kx1;
} mote_conv_window_t;

/* The window of output pixel (oy, ox). Out of line: every variant of
 * both ops and every implementation shares one copy, and it runs once
 * per pixel, against out_c windows of MACs. */
void mote_conv_window(const mote_conv_params_t *p, int32_t oy, int32_t ox,
                      mote_conv_window_t *w);

/* The window of output pixel (oy, ox) as one row of filter_h * filter_w
 * * in_c int8 values, [ky][kx][channel] (im2col of one pixel), for
 * implementations that gather windows: `in` is the batch's input, and
 * taps outside it read the input zero point (-input_offset), so that
 * with the offset added they contribute nothing. */
void mote_conv_im2col_s8(const mote_conv_params_t *p, const int8_t *in,
                         int32_t oy, int32_t ox, int8_t *col);

/* A depthwise filter [1][taps][out_c] of a one-channel input as the
 * CONV_2D filter [out_c][taps][1] it equals (output channel m reads the
 * only input channel), into `t` (taps * out_c bytes): implementations run
 * such layers (person_detect's and micro_speech's first) as a
 * convolution. */
void mote_conv_dw_filter_as_conv_s8(const int8_t *filter, int32_t taps,
                                    int32_t out_c, int8_t *t);

/* Index of input element (b, y, x, 0); ptrdiff_t so that large tensors
 * cannot overflow int32 products. */
static inline ptrdiff_t mote_conv_in_index(const mote_conv_params_t *p,
                                           int32_t b, int32_t y, int32_t x) {
  return (((ptrdiff_t)b * p->in_h + y) * p->in_w + x) * p->in_c;
}

#endif /* MOTE_KERNELS_CONV_PARAMS_H */
