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
#include <string.h>

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

#define ACC_S8(i, k) \
  acc += (uint32_t)((int32_t)filter[k] * ((int32_t)input[i] + in_off))
#define ACC_S16(i, k) acc += (int64_t)filter[k] * (int64_t)input[i]
#define ACC_F32(i, k)                         \
  do {                                        \
    const float prod_ = input[i] * filter[k]; \
    acc += prod_;                             \
  } while (0)

void mote_depthwise_conv_2d_s8(const mote_conv_params_t *p, const int32_t *mult,
                               const int8_t *shift, const int8_t *input,
                               const int8_t *filter, const int32_t *bias,
                               int8_t *output) {
  const int32_t in_off = p->input_offset;
  const int32_t qs = mote_conv_quant_step(p);
  int32_t b, oy, ox, ic, m;
  for (b = 0; b < p->batches; ++b) {
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        for (ic = 0; ic < p->in_c; ++ic) {
          for (m = 0; m < p->depth_multiplier; ++m) {
            const int32_t oc = ic * p->depth_multiplier + m;
            uint32_t acc = 0;
            int32_t v;
            DW_WINDOW(p, b, oy, ox, ic, oc, ACC_S8);
            if (bias != NULL) {
              acc += (uint32_t)bias[oc];
            }
            v = mote_mul_by_qmult((int32_t)acc, mult[oc * qs], shift[oc * qs]);
            v = (int32_t)((uint32_t)v + (uint32_t)p->output_offset);
            *output++ = (int8_t)mote_conv_clamp(v, p->act_min, p->act_max);
          }
        }
      }
    }
  }
}

void mote_depthwise_conv_2d_s16(const mote_conv_params_t *p,
                                const int32_t *mult, const int8_t *shift,
                                const int16_t *input, const int8_t *filter,
                                const int64_t *bias, int16_t *output) {
  const int32_t qs = mote_conv_quant_step(p);
  int32_t b, oy, ox, ic, m;
  for (b = 0; b < p->batches; ++b) {
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        for (ic = 0; ic < p->in_c; ++ic) {
          for (m = 0; m < p->depth_multiplier; ++m) {
            const int32_t oc = ic * p->depth_multiplier + m;
            int64_t acc = 0;
            int32_t v;
            DW_WINDOW(p, b, oy, ox, ic, oc, ACC_S16);
            if (bias != NULL) {
              acc = mote_add_wrap64(acc, bias[oc]);
            }
            v = mote_mul_by_qmult64(acc, mult[oc * qs], shift[oc * qs]);
            *output++ = (int16_t)mote_conv_clamp(v, p->act_min, p->act_max);
          }
        }
      }
    }
  }
}

void mote_depthwise_conv_2d_f32(const mote_conv_params_t *p, const float *input,
                                const float *filter, const float *bias,
                                float *output) {
  int32_t b, oy, ox, ic, m;
  for (b = 0; b < p->batches; ++b) {
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        for (ic = 0; ic < p->in_c; ++ic) {
          for (m = 0; m < p->depth_multiplier; ++m) {
            const int32_t oc = ic * p->depth_multiplier + m;
            float acc = 0.0f;
            float v;
            DW_WINDOW(p, b, oy, ox, ic, oc, ACC_F32);
            v = acc + (bias != NULL ? bias[oc] : 0.0f);
            *output++ = mote_conv_clamp_f32(v, p->act_min_f, p->act_max_f);
          }
        }
      }
    }
  }
}

/* --- glue --------------------------------------------------------------- */

static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_conv_tensors_t t;
  mote_conv_params_t p;
  mote_conv_opts_t o;
  mote_options_t opt;
  mote_status_t st;
  if ((st = mote_kctx_builtin_options(ctx, 2, &opt)) != MOTE_OK ||
      (st = mote_conv_get_tensors(ctx, &t)) != MOTE_OK) {
    return st;
  }
  o.padding = mote_options_u8(&opt, 0, MOTE_PADDING_SAME);
  o.stride_w = mote_options_i32(&opt, 1, 0);
  o.stride_h = mote_options_i32(&opt, 2, 0);
  o.activation = mote_options_u8(&opt, 4, MOTE_ACT_NONE);
  o.dilation_w = mote_options_i32(&opt, 5, 1);
  o.dilation_h = mote_options_i32(&opt, 6, 1);

  memset(&p, 0, sizeof(p));
  p.batches = t.input.dims[0];
  p.in_h = t.input.dims[1];
  p.in_w = t.input.dims[2];
  p.in_c = t.input.dims[3];
  p.filter_h = t.filter.dims[1];
  p.filter_w = t.filter.dims[2];
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
  const mote_conv_op_t *op = (const mote_conv_op_t *)mote_kctx_user_data(ctx);
  const mote_conv_params_t *p = &op->p;
  mote_conv_tensors_t t;
  const void *bias;
  mote_status_t st = mote_conv_get_tensors(ctx, &t);
  if (st != MOTE_OK) {
    return st;
  }
  bias = op->has_bias ? t.bias.data : NULL;
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_depthwise_conv_2d_f32(p, (const float *)t.input.data,
                               (const float *)t.filter.data,
                               (const float *)bias, (float *)t.output.data);
    break;
  case MOTE_TYPE_INT8:
    mote_depthwise_conv_2d_s8(p, op->mult, op->shift,
                              (const int8_t *)t.input.data,
                              (const int8_t *)t.filter.data,
                              (const int32_t *)bias, (int8_t *)t.output.data);
    break;
  default:
    mote_depthwise_conv_2d_s16(p, op->mult, op->shift,
                               (const int16_t *)t.input.data,
                               (const int8_t *)t.filter.data,
                               (const int64_t *)bias, (int16_t *)t.output.data);
    break;
  }
  return MOTE_OK;
}

/* Version 7 is int4 filters, refused by type in prepare; 6 and 4 are
 * hybrid (float input, int8 filter), refused likewise; 5 is 16x8. */
const mote_kernel_t mote_kernel_depthwise_conv_2d = {"DEPTHWISE_CONV_2D", 7,
                                                     prepare, invoke};
