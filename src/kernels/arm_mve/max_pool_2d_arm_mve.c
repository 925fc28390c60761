/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MAX_POOL_2D int8, Helium (pooling.h): for Cortex-M55/M85 (MVE
 * integer). No alignment assumption, any depth or window.
 *
 * Channels are the lanes, 16 int8 channels per vector: for each output
 * pixel and block of 16 channels, VMAX over the window from INT8_MIN (the
 * reference's start), then the clamp (max then min, TFLM's order) and
 * one store; 2 instructions per 16 channel-elements. The last block of a
 * pixel is predicated (VCTP8): its loads read nothing past the depth and
 * its store writes nothing past it.
 */
#include "kernels/pooling.h"

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>

/* Declared here too: pooling.h declares it only when this family is
 * bound. */
mote_max_pool_s8_fn mote_max_pool_s8_arm_mve;

/* Channels [0, 16) of window w, predicated by `pred` (all 16 when
 * full, a constant once inlined), stored clamped to out. */
static inline void window_max(const mote_pool_params_t *p, const int8_t *img,
                              const mote_pool_window_t *w, mve_pred16_t pred,
                              int full, int8_t *out) {
  const int32_t depth = p->depth;
  int8x16_t m = vdupq_n_s8(INT8_MIN);
  int32_t y, x;
  for (y = w->y0; y < w->y1; ++y) {
    const int8_t *q = img + (y * p->in_w + w->x0) * depth;
    for (x = w->x0; x < w->x1; ++x, q += depth) {
      m = vmaxq_s8(m, full ? vldrbq_s8(q) : vldrbq_z_s8(q, pred));
    }
  }
  m = vmaxq_s8(m, vdupq_n_s8((int8_t)p->act_min));
  m = vminq_s8(m, vdupq_n_s8((int8_t)p->act_max));
  if (full) {
    vstrbq_s8(out, m);
  } else {
    vstrbq_p_s8(out, m, pred);
  }
}

void mote_max_pool_s8_arm_mve(const mote_pool_params_t *p, const int8_t *input,
                              int8_t *output) {
  int32_t b, oy, ox, c;
  for (b = 0; b < p->batches; ++b) {
    const int8_t *img = input + b * p->in_h * p->in_w * p->depth;
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox, output += p->depth) {
        mote_pool_window_t w;
        mote_pool_window(p, oy, ox, &w);
        for (c = 0; c + 16 <= p->depth; c += 16) {
          window_max(p, img + c, &w, 0xffff, 1, output + c);
        }
        if (c < p->depth) {
          const mve_pred16_t pred = vctp8q((uint32_t)(p->depth - c));
          window_max(p, img + c, &w, pred, 0, output + c);
        }
      }
    }
  }
}

#else
/* Not a Helium target: nothing to compile (ISO C wants a declaration). */
typedef int mote_max_pool_2d_arm_mve_unused;
#endif
