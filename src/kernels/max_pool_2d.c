/*
 * MAX_POOL_2D: float32, int8 and int16, SAME / VALID padding, any stride
 * and filter size, fused activation (TFLite Micro reference semantics; see
 * pooling.h and pooling.c).
 *
 * The maximum starts from the type's lowest value and keeps the running
 * value unless an element is strictly greater (std::max order), so a NaN
 * element never replaces a number, as in TFLite; the result is then
 * clamped to the activation range. Max pooling never rescales, which is
 * why pooling.c insists on equal input and output quantization.
 */
#include <float.h>

#include "kernels/kernel_util.h"
#include "kernels/pooling.h"
#include "mote/ops.h"

/* Integer maximum over every output element; T is the element type and
 * LOWEST its smallest value. */
#define MAX_POOL_INT(T, LOWEST)                                             \
  do {                                                                      \
    int32_t b_, oy_, ox_, c_, y_, x_;                                       \
    for (b_ = 0; b_ < p->batches; ++b_) {                                   \
      const T *img_ = in + b_ * p->in_h * p->in_w * p->depth;               \
      for (oy_ = 0; oy_ < p->out_h; ++oy_) {                                \
        for (ox_ = 0; ox_ < p->out_w; ++ox_) {                              \
          mote_pool_window_t w_;                                            \
          mote_pool_window(p, oy_, ox_, &w_);                               \
          for (c_ = 0; c_ < p->depth; ++c_) {                               \
            int32_t m_ = LOWEST;                                            \
            for (y_ = w_.y0; y_ < w_.y1; ++y_) {                            \
              const T *row_ = img_ + y_ * p->in_w * p->depth + c_;          \
              for (x_ = w_.x0; x_ < w_.x1; ++x_) {                          \
                const int32_t v_ = row_[x_ * p->depth];                     \
                m_ = m_ < v_ ? v_ : m_;                                     \
              }                                                             \
            }                                                               \
            *out++ = (T)mote_clamp_i32(m_, p->act_min, p->act_max);         \
          }                                                                 \
        }                                                                   \
      }                                                                     \
    }                                                                       \
  } while (0)

void mote_max_pool_s8(const mote_pool_params_t *p, const int8_t *in,
                      int8_t *out) {
  MAX_POOL_INT(int8_t, INT8_MIN);
}

void mote_max_pool_s16(const mote_pool_params_t *p, const int16_t *in,
                       int16_t *out) {
  MAX_POOL_INT(int16_t, INT16_MIN);
}

void mote_max_pool_f32(const mote_pool_params_t *p, const float *in,
                       float *out) {
  int32_t b, oy, ox, c, y, x;
  for (b = 0; b < p->batches; ++b) {
    const float *img = in + b * p->in_h * p->in_w * p->depth;
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
          *out++ = mote_clamp_f32(m, p->act_min_f, p->act_max_f);
        }
      }
    }
  }
}

/* --- kernel glue ------------------------------------------------------ */

static mote_status_t max_pool_invoke(mote_kctx_t *ctx) {
  const void *in;
  void *out;
  uint8_t type;
  const mote_pool_params_t *p = mote_pool_invoke_data(ctx, &type, &in, &out);
  switch (type) {
  case MOTE_TYPE_INT8:
    mote_max_pool_s8(p, (const int8_t *)in, (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    mote_max_pool_s16(p, (const int16_t *)in, (int16_t *)out);
    break;
  default:
    mote_max_pool_f32(p, (const float *)in, (float *)out);
    break;
  }
  return MOTE_OK;
}

/* Versions: 1 float32, 2 int8, 3 int16. */
const mote_kernel_t mote_kernel_max_pool_2d = {
    "MAX_POOL_2D", 3, mote_pool_prepare, max_pool_invoke};
