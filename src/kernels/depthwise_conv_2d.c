/*
 * DEPTHWISE_CONV_2D: TFLM's reference depthwise convolution
 * (reference_integer_ops::DepthwiseConvPerChannel and
 * reference_ops::DepthwiseConv).
 *
 * Direct loops in TFLM's order: output pixel, input channel, multiplier,
 * then filter taps, skipping taps in the padding. The depth multiplier
 * comes from the shapes (filter channels / input channels), not from the
 * options field: the shapes are what the memory layout obeys, and a model
 * whose option disagrees would make TFLM read out of bounds.
 *
 * As in CONV_2D, int8 accumulators wrap in uint32 and float products are
 * kept out of FMA contraction; see conv_2d.c.
 */
#include "kernels/depthwise_conv_2d.h"

#include <stddef.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* Sums input channel `ic` against filter channel `oc` over the window of
 * output pixel (oy, ox). ACCUMULATE(i, k) adds input[i] * filter[k]. */
#define DW_WINDOW(p, b, oy, ox, ic, oc, ACCUMULATE)                       \
  do {                                                                    \
    const int32_t y0_ = (oy) * (p)->stride_h - (p)->pad_h;                \
    const int32_t x0_ = (ox) * (p)->stride_w - (p)->pad_w;                \
    int32_t ky_, kx_;                                                     \
    for (ky_ = 0; ky_ < (p)->filter_h; ++ky_) {                           \
      const int32_t iy_ = y0_ + (p)->dilation_h * ky_;                    \
      for (kx_ = 0; kx_ < (p)->filter_w; ++kx_) {                         \
        const int32_t ix_ = x0_ + (p)->dilation_w * kx_;                  \
        if (ix_ >= 0 && ix_ < (p)->in_w && iy_ >= 0 && iy_ < (p)->in_h) { \
          const ptrdiff_t i_ =                                            \
              (((ptrdiff_t)(b) * (p)->in_h + iy_) * (p)->in_w + ix_) *    \
                  (p)->in_c +                                             \
              (ic);                                                       \
          const ptrdiff_t k_ =                                            \
              ((ptrdiff_t)ky_ * (p)->filter_w + kx_) * (p)->out_c + (oc); \
          ACCUMULATE(i_, k_);                                             \
        }                                                                 \
      }                                                                   \
    }                                                                     \
  } while (0)

/* Every variant's loop nest, in TFLM's order: output pixel, input
 * channel, multiplier; the window summed into `acc` (a TACC from 0), then
 * *output++ = FINISH(acc, oc). */
#define DW_EACH_OUTPUT(p, TACC, ACCUMULATE, FINISH)                            \
  do {                                                                         \
    int32_t b_, oy_, ox_, ic_, m_;                                             \
    for (b_ = 0; b_ < (p)->batches; ++b_) {                                    \
      for (oy_ = 0; oy_ < (p)->out_h; ++oy_) {                                 \
        for (ox_ = 0; ox_ < (p)->out_w; ++ox_) {                               \
          for (ic_ = 0; ic_ < (p)->in_c; ++ic_) {                              \
            for (m_ = 0; m_ < (p)->depth_multiplier; ++m_) {                   \
              const int32_t oc_ = ic_ * (p)->depth_multiplier + m_;            \
              TACC acc = 0;                                                    \
              DW_WINDOW(p, b_, oy_, ox_, ic_, oc_, ACCUMULATE);                \
              *output++ = FINISH(acc, oc_);                                    \
            }                                                                  \
          }                                                                    \
        }                                                                      \
      }                                                                        \
    }                                                                          \
  } while (0)

void mote_depthwise_conv_2d_s8(const mote_conv_params_t *p, const int32_t *mult,
                               const int8_t *shift, const int8_t *input,
                               const int8_t *filter, const int32_t *bias,
                               int8_t *output) {
  const int32_t in_off = p->input_offset;
  const int32_t qs = mote_conv_quant_step(p);
  DW_EACH_OUTPUT(p, uint32_t, MOTE_CONV_ACC_S8, MOTE_CONV_FINISH_S8);
}

void mote_depthwise_conv_2d_s16(const mote_conv_params_t *p,
                                const int32_t *mult, const int8_t *shift,
                                const int16_t *input, const int8_t *filter,
                                const int64_t *bias, int16_t *output) {
  const int32_t qs = mote_conv_quant_step(p);
  DW_EACH_OUTPUT(p, int64_t, MOTE_CONV_ACC_S16_64, MOTE_CONV_FINISH_S16_64);
}

void mote_depthwise_conv_2d_f32(const mote_conv_params_t *p, const float *input,
                                const float *filter, const float *bias,
                                float *output) {
  DW_EACH_OUTPUT(p, float, MOTE_CONV_ACC_F32, MOTE_CONV_FINISH_F32);
}

/* --- glue --------------------------------------------------------------- */

static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_conv_tensors_t t;
  mote_conv_params_t p;
  mote_conv_opts_t o;
  mote_status_t st = mote_conv_prepare_begin(ctx, 2, 4, &o, &t, &p);
  if (st != MOTE_OK) {
    return st;
  }
  p.filter_c = 1;
  p.out_c = t.filter.dims[3];
  if (t.filter.dims[0] != 1 || p.in_c < 1 || p.out_c % p.in_c != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 1 (filter) [%d,%d,%d,%d] is not [1,h,w,k*%d] "
                          "for input 0 with %d channels",
                          (int)t.filter.dims[0], (int)p.filter_h,
                          (int)p.filter_w, (int)p.out_c, (int)p.in_c,
                          (int)p.in_c);
  }
  p.depth_multiplier = p.out_c / p.in_c;
  return mote_conv_prepare_common(ctx, &o, &t, 3, false, &p);
}

static mote_status_t invoke(mote_kctx_t *ctx) {
  mote_conv_data_t d;
  const mote_conv_op_t *op = mote_conv_invoke_data(ctx, &d);
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_depthwise_conv_2d_f32(&op->p, (const float *)d.input,
                               (const float *)d.filter, (const float *)d.bias,
                               (float *)d.output);
    break;
  case MOTE_TYPE_INT8:
    mote_depthwise_conv_2d_s8(&op->p, op->mult, op->shift,
                              (const int8_t *)d.input, (const int8_t *)d.filter,
                              (const int32_t *)d.bias, (int8_t *)d.output);
    break;
  default:
    mote_depthwise_conv_2d_s16(
        &op->p, op->mult, op->shift, (const int16_t *)d.input,
        (const int8_t *)d.filter, (const int64_t *)d.bias, (int16_t *)d.output);
    break;
  }
  return MOTE_OK;
}

/* Version 7 is int4 filters, refused by type in prepare; 6 and 4 are
 * hybrid (float input, int8 filter), refused likewise; 5 is 16x8. */
const mote_kernel_t mote_kernel_depthwise_conv_2d = {"DEPTHWISE_CONV_2D", 7,
                                                     prepare, invoke};
