/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Window arithmetic of CONV_2D and DEPTHWISE_CONV_2D (conv_params.h).
 */
#include "kernels/conv_params.h"

#include <string.h>

/* The taps k in [0, taps) with 0 <= start + step * k < limit form the
 * range [*lo, *hi) (empty when *lo == *hi). The common step of 1 needs no
 * division. Dilated windows round up in uint32: prepare has bounded in +
 * filter extent to int32 and the padding is below the extent, so limit -
 * start and -start stay below 2^31 and each sum below 2^32. */
static void tap_range(int32_t start, int32_t step, int32_t limit,
                      int32_t taps, int32_t *lo, int32_t *hi) {
  int32_t a;
  int32_t b;
  if (step == 1) {
    a = start < 0 ? -start : 0;
    b = limit - start;
  } else {
    const uint32_t d = (uint32_t)step;
    a = start < 0 ? (int32_t)(((uint32_t)-start + d - 1u) / d) : 0;
    b = limit > start ? (int32_t)(((uint32_t)(limit - start) + d - 1u) / d)
                      : 0;
  }
  a = a < taps ? a : taps;
  b = b < taps ? b : taps;
  *lo = a;
  *hi = b > a ? b : a;
}

void mote_conv_window(const mote_conv_params_t *p, int32_t oy, int32_t ox,
                      mote_conv_window_t *w) {
  w->y0 = oy * p->stride_h - p->pad_h;
  w->x0 = ox * p->stride_w - p->pad_w;
  tap_range(w->y0, p->dilation_h, p->in_h, p->filter_h, &w->ky0, &w->ky1);
  tap_range(w->x0, p->dilation_w, p->in_w, p->filter_w, &w->kx0, &w->kx1);
}

/* n bytes from src to dst, a word at a time: runs are a few to a few
 * hundred bytes, where a size-optimised libc's byte loop would cost the
 * gather as much as a small layer's MACs. */
static void copy_run(int8_t *dst, const int8_t *src, int32_t n) {
  for (; n >= 4; n -= 4, src += 4, dst += 4) {
    memcpy(dst, src, 4);
  }
  for (; n > 0; --n) {
    *dst++ = *src++;
  }
}

void mote_conv_im2col_s8(const mote_conv_params_t *p, const int8_t *in,
                         int32_t oy, int32_t ox, int8_t *col) {
  const int zero_point = (int8_t)-p->input_offset;
  const int32_t y0 = oy * p->stride_h - p->pad_h;
  const int32_t x0 = ox * p->stride_w - p->pad_w;
  const int32_t row = p->filter_w * p->in_c;
  const int32_t xe = x0 + (p->filter_w - 1) * p->dilation_w;
  int32_t ky, kx;
  for (ky = 0; ky < p->filter_h; ++ky, col += row) {
    const int32_t y = y0 + ky * p->dilation_h;
    if (y < 0 || y >= p->in_h) {
      memset(col, zero_point, (size_t)row);
    } else if (p->dilation_w == 1 && x0 >= 0 && xe < p->in_w) {
      copy_run(col, in + mote_conv_in_index(p, 0, y, x0), row);
    } else {
      for (kx = 0; kx < p->filter_w; ++kx) {
        const int32_t x = x0 + kx * p->dilation_w;
        int8_t *dst = col + kx * p->in_c;
        if (x < 0 || x >= p->in_w) {
          memset(dst, zero_point, (size_t)p->in_c);
        } else {
          copy_run(dst, in + mote_conv_in_index(p, 0, y, x), p->in_c);
        }
      }
    }
  }
}

void mote_conv_dw_filter_as_conv_s8(const int8_t *filter, int32_t taps,
                                    int32_t out_c, int8_t *t) {
  int32_t i, c;
  for (c = 0; c < out_c; ++c) {
    const int8_t *f = filter + c;
    for (i = 0; i < taps; ++i, f += out_c) {
      *t++ = *f;
    }
  }
}
