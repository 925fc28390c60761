/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference L2_POOL_2D (pooling.h): TFLite's L2Pool, whose float sums are
 * order-dependent, so the loops keep its order (channel, then window rows,
 * then columns) and its single-precision sum, divide and square root.
 */
#include <math.h>

#include "kernels/pooling.h"

void mote_l2_pool_f32_ref(const mote_pool_params_t *p, const float *input,
                          float *output) {
  int32_t b, oy, ox, c, y, x;
  for (b = 0; b < p->batches; ++b) {
    const float *img = input + b * p->in_h * p->in_w * p->depth;
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        mote_pool_window_t w;
        float count;
        mote_pool_window(p, oy, ox, &w);
        count = (float)((w.y1 - w.y0) * (w.x1 - w.x0));
        for (c = 0; c < p->depth; ++c) {
          float squares = 0.0f, r;
          for (y = w.y0; y < w.y1; ++y) {
            const float *row = img + y * p->in_w * p->depth + c;
            for (x = w.x0; x < w.x1; ++x) {
              const float v = row[x * p->depth];
              squares += v * v;
            }
          }
          r = sqrtf(squares / count);
          *output++ = r < p->act_min_f ? p->act_min_f
                                       : (r > p->act_max_f ? p->act_max_f : r);
        }
      }
    }
  }
}
