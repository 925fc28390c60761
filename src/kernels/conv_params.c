/*
 * Window arithmetic of CONV_2D and DEPTHWISE_CONV_2D (conv_params.h).
 */
#include "kernels/conv_params.h"

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
