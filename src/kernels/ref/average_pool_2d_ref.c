/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference AVERAGE_POOL_2D (pooling.h): TFLite Micro's reference
 * kernels, bit for bit.
 *
 * The integer average is TFLite's: an int32 sum over the clipped window,
 * then (sum + count/2) / count for a positive sum and (sum - count/2) /
 * count otherwise, with C's truncating division. That is the exact
 * quotient rounded half away from zero; no multiplier is involved. The
 * float average sums in single precision in window row, column order and
 * divides by the count as a float, as TFLite does, so float bytes match
 * too. Direct loops, output pixel by channel by window: the order the
 * specification is written in; channel-vectorised schedules (sums of a
 * whole pixel row at once, CMSIS-NN's) belong to optimized families.
 *
 * The window loops are do-while: every window holds an element
 * (pooling.h), and saying so lets compilers drop the empty-loop guards
 * (GCC then uses Cortex-M55's low-overhead loops: 4 instead of 6
 * instructions per element at -Os).
 */
#include "kernels/core/requant.h"
#include "kernels/pooling.h"

/* In int64 so that a sum near the int32 limits cannot overflow. */
static int32_t round_div(int32_t sum, int32_t count) {
  const int64_t s = sum;
  return (int32_t)(s > 0 ? (s + count / 2) / count : (s - count / 2) / count);
}

/* TFLite's int32 window sum, made to wrap (a window of more than 2^16
 * int16 elements can overflow it) instead of being undefined. */
static int32_t wrap_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

/* The int8 and int16 averages are one body over their element type T:
 * this macro defines the function `name` (it refers to nothing but its
 * parameters). */
#define AVG_POOL_INT(name, T)                                                  \
  void name(const mote_pool_params_t *p, const T *input, T *output, /* NOLINT(bugprone-macro-parentheses): T is a type */ \
            void *scratch) {                                                   \
    int32_t b, oy, ox, c, y, x;                                                \
    (void)scratch;                                                             \
    for (b = 0; b < p->batches; ++b) {                                         \
      const T *img = input + b * p->in_h * p->in_w * p->depth;                 \
      for (oy = 0; oy < p->out_h; ++oy) {                                      \
        for (ox = 0; ox < p->out_w; ++ox) {                                    \
          mote_pool_window_t w;                                                \
          int32_t count;                                                       \
          mote_pool_window(p, oy, ox, &w);                                     \
          count = (w.y1 - w.y0) * (w.x1 - w.x0);                               \
          for (c = 0; c < p->depth; ++c) {                                     \
            int32_t acc = 0;                                                   \
            y = w.y0;                                                          \
            do {                                                               \
              const T *row = img + y * p->in_w * p->depth + c;                 \
              x = w.x0;                                                        \
              do {                                                             \
                acc = wrap_add(acc, row[x * p->depth]);                        \
              } while (++x < w.x1);                                            \
            } while (++y < w.y1);                                              \
            *output++ = (T)mote_clamp_i32(round_div(acc, count), p->act_min,   \
                                          p->act_max);                         \
          }                                                                    \
        }                                                                      \
      }                                                                        \
    }                                                                          \
  }

AVG_POOL_INT(mote_avg_pool_s8_ref, int8_t)
AVG_POOL_INT(mote_avg_pool_s16_ref, int16_t)

void mote_avg_pool_f32_ref(const mote_pool_params_t *p, const float *input,
                           float *output, void *scratch) {
  int32_t b, oy, ox, c, y, x;
  (void)scratch;
  for (b = 0; b < p->batches; ++b) {
    const float *img = input + b * p->in_h * p->in_w * p->depth;
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        mote_pool_window_t w;
        float count;
        mote_pool_window(p, oy, ox, &w);
        count = (float)((w.y1 - w.y0) * (w.x1 - w.x0));
        for (c = 0; c < p->depth; ++c) {
          float total = 0.0f;
          y = w.y0;
          do {
            const float *row = img + y * p->in_w * p->depth + c;
            x = w.x0;
            do {
              total += row[x * p->depth];
            } while (++x < w.x1);
          } while (++y < w.y1);
          total /= count;
          *output++ = total < p->act_min_f
                          ? p->act_min_f
                          : (total > p->act_max_f ? p->act_max_f : total);
        }
      }
    }
  }
}
