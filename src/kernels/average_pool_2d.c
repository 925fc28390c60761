/*
 * AVERAGE_POOL_2D: float32, int8 and int16, SAME / VALID padding, any
 * stride and filter size, fused activation (TFLite Micro reference
 * semantics; see pooling.h and pooling.c).
 *
 * The integer average is TFLite's: an int32 sum over the clipped window,
 * then (sum + count/2) / count for a positive sum and (sum - count/2) /
 * count otherwise, with C's truncating division. That is the exact
 * quotient rounded half away from zero; no multiplier is involved, so
 * there is nothing to precompute beyond the padding. The float average
 * sums in single precision in window row, column order and divides by the
 * count as a float, as TFLite does, so float bytes match too.
 */
#include "kernels/kernel_util.h"
#include "kernels/pooling.h"
#include "mote/ops.h"

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

/* Integer average over every output element; T is the element type. */
#define AVG_POOL_INT(T)                                                     \
  do {                                                                      \
    int32_t b_, oy_, ox_, c_, y_, x_;                                       \
    for (b_ = 0; b_ < p->batches; ++b_) {                                   \
      const T *img_ = in + b_ * p->in_h * p->in_w * p->depth;               \
      for (oy_ = 0; oy_ < p->out_h; ++oy_) {                                \
        for (ox_ = 0; ox_ < p->out_w; ++ox_) {                              \
          mote_pool_window_t w_;                                            \
          int32_t count_;                                                   \
          mote_pool_window(p, oy_, ox_, &w_);                               \
          count_ = (w_.y1 - w_.y0) * (w_.x1 - w_.x0);                       \
          if (w_.y1 <= w_.y0 || w_.x1 <= w_.x0) {                           \
            return MOTE_ERR_BAD_SHAPE;                                      \
          }                                                                 \
          for (c_ = 0; c_ < p->depth; ++c_) {                               \
            int32_t acc_ = 0;                                               \
            for (y_ = w_.y0; y_ < w_.y1; ++y_) {                            \
              const T *row_ = img_ + y_ * p->in_w * p->depth + c_;          \
              for (x_ = w_.x0; x_ < w_.x1; ++x_) {                          \
                acc_ = wrap_add(acc_, row_[x_ * p->depth]);                 \
              }                                                             \
            }                                                               \
            *out++ = (T)mote_clamp_i32(round_div(acc_, count_), p->act_min, \
                                       p->act_max);                         \
          }                                                                 \
        }                                                                   \
      }                                                                     \
    }                                                                       \
  } while (0)

mote_status_t mote_avg_pool_s8(const mote_pool_params_t *p, const int8_t *in,
                               int8_t *out) {
  AVG_POOL_INT(int8_t);
  return MOTE_OK;
}

mote_status_t mote_avg_pool_s16(const mote_pool_params_t *p,
                                const int16_t *in, int16_t *out) {
  AVG_POOL_INT(int16_t);
  return MOTE_OK;
}

mote_status_t mote_avg_pool_f32(const mote_pool_params_t *p, const float *in,
                                float *out) {
  int32_t b, oy, ox, c, y, x;
  for (b = 0; b < p->batches; ++b) {
    const float *img = in + b * p->in_h * p->in_w * p->depth;
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        mote_pool_window_t w;
        float count;
        mote_pool_window(p, oy, ox, &w);
        if (w.y1 <= w.y0 || w.x1 <= w.x0) {
          return MOTE_ERR_BAD_SHAPE;
        }
        count = (float)((w.y1 - w.y0) * (w.x1 - w.x0));
        for (c = 0; c < p->depth; ++c) {
          float total = 0.0f;
          for (y = w.y0; y < w.y1; ++y) {
            const float *row = img + y * p->in_w * p->depth + c;
            for (x = w.x0; x < w.x1; ++x) {
              total += row[x * p->depth];
            }
          }
          *out++ = mote_clamp_f32(total / count, p->act_min_f, p->act_max_f);
        }
      }
    }
  }
  return MOTE_OK;
}

/* --- kernel glue ------------------------------------------------------ */

static mote_status_t avg_pool_invoke(mote_kctx_t *ctx) {
  const void *in;
  void *out;
  uint8_t type;
  const mote_pool_params_t *p = mote_pool_invoke_data(ctx, &type, &in, &out);
  mote_status_t st;
  switch (type) {
  case MOTE_TYPE_INT8:
    st = mote_avg_pool_s8(p, (const int8_t *)in, (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    st = mote_avg_pool_s16(p, (const int16_t *)in, (int16_t *)out);
    break;
  default:
    st = mote_avg_pool_f32(p, (const float *)in, (float *)out);
    break;
  }
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "a pooling window holds no input");
  }
  return MOTE_OK;
}

/* Versions: 1 float32, 2 int8, 3 int16. */
const mote_kernel_t mote_kernel_average_pool_2d = {
    "AVERAGE_POOL_2D", 3, mote_pool_prepare, avg_pool_invoke};
