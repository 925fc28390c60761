/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference MAX_POOL_2D (pooling.h): TFLite Micro's reference kernels,
 * bit for bit.
 *
 * The maximum starts from the type's lowest value and keeps the running
 * value unless an element is strictly greater (std::max order), so a NaN
 * element never replaces a number, as in TFLite; the result is then
 * clamped to the activation range. Direct loops, output pixel by channel
 * by window, as the average (average_pool_2d_ref.c).
 */
#include <float.h>

#include "kernels/core/requant.h"
#include "kernels/pooling.h"

/* The int8 and int16 maxima are one body over their element type T,
 * starting from LOWEST: this macro defines the function `name` (it refers
 * to nothing but its parameters). */
#define MAX_POOL_INT(name, T, LOWEST)                                          \
  void name(const mote_pool_params_t *p, const T *input, T *output) { /* NOLINT(bugprone-macro-parentheses): T is a type */ \
    int32_t b, oy, ox, c, y, x;                                                \
    for (b = 0; b < p->batches; ++b) {                                         \
      const T *img = input + b * p->in_h * p->in_w * p->depth;                 \
      for (oy = 0; oy < p->out_h; ++oy) {                                      \
        for (ox = 0; ox < p->out_w; ++ox) {                                    \
          mote_pool_window_t w;                                                \
          mote_pool_window(p, oy, ox, &w);                                     \
          for (c = 0; c < p->depth; ++c) {                                     \
            int32_t m = LOWEST;                                                \
            for (y = w.y0; y < w.y1; ++y) {                                    \
              const T *row = img + y * p->in_w * p->depth + c;                 \
              for (x = w.x0; x < w.x1; ++x) {                                  \
                const int32_t v = row[x * p->depth];                           \
                m = m < v ? v : m;                                             \
              }                                                                \
            }                                                                  \
            *output++ = (T)mote_clamp_i32(m, p->act_min, p->act_max);          \
          }                                                                    \
        }                                                                      \
      }                                                                        \
    }                                                                          \
  }

MAX_POOL_INT(mote_max_pool_s8_ref, int8_t, INT8_MIN)
MAX_POOL_INT(mote_max_pool_s16_ref, int16_t, INT16_MIN)

void mote_max_pool_f32_ref(const mote_pool_params_t *p, const float *input,
                           float *output) {
  int32_t b, oy, ox, c, y, x;
  for (b = 0; b < p->batches; ++b) {
    const float *img = input + b * p->in_h * p->in_w * p->depth;
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        mote_pool_window_t w;
        mote_pool_window(p, oy, ox, &w);
        for (c = 0; c < p->depth; ++c) {
          float m = -FLT_MAX;
          for (y = w.y0; y < w.y1; ++y) {
            const float *row = img + y * p->in_w * p->depth + c;
            for (x = w.x0; x < w.x1; ++x) {
              const float v = row[x * p->depth];
              m = m < v ? v : m;
            }
          }
          *output++ = m < p->act_min_f ? p->act_min_f
                                       : (m > p->act_max_f ? p->act_max_f : m);
        }
      }
    }
  }
}
