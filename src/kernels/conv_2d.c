/*
 * CONV_2D: TFLM's reference convolution (reference_integer_ops::
 * ConvPerChannel and reference_ops::Conv), including grouped convolution.
 *
 * The compute functions are direct loops, output pixel by output channel,
 * skipping taps that fall in the padding. That is the slowest sensible
 * schedule, chosen because it is the one the byte-exact reference uses:
 * im2col or channel-blocked variants belong in optimized kernels with the
 * same signatures.
 *
 * Integer accumulators are summed in uint32 so that a (theoretical) int32
 * overflow wraps as it does on TFLM's targets instead of being undefined.
 * Float products are formed in a separate statement so compilers cannot
 * fuse them into FMAs that TFLM's build does not use. Output is written in
 * NHWC order, so the output pointer simply advances.
 */
#include "kernels/conv_2d.h"

#include <stddef.h>
#include <string.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* Index of input element (b, y, x, c) and of filter element (oc, ky, kx,
 * 0); ptrdiff_t so that large tensors cannot overflow int32 products. */
static ptrdiff_t in_index(const mote_conv_params_t *p, int32_t b, int32_t y,
                          int32_t x) {
  return (((ptrdiff_t)b * p->in_h + y) * p->in_w + x) * p->in_c;
}
static ptrdiff_t filter_index(const mote_conv_params_t *p, int32_t oc,
                              int32_t ky, int32_t kx) {
  return (((ptrdiff_t)oc * p->filter_h + ky) * p->filter_w + kx) * p->filter_c;
}

/*
 * The loop nest every variant shares; ACCUMULATE(i, k) adds input[i] *
 * filter[k] for one tap and channel. Spelled out as a macro rather than
 * four copies so the traversal (and thus the float summation order) is
 * provably the same in all of them.
 */
#define CONV_WINDOW(p, b, oy, ox, oc, ACCUMULATE)                            \
  do {                                                                       \
    const int32_t y0_ = (oy) * (p)->stride_h - (p)->pad_h;                   \
    const int32_t x0_ = (ox) * (p)->stride_w - (p)->pad_w;                   \
    const int32_t g_ =                                                       \
        ((oc) / ((p)->out_c / ((p)->in_c / (p)->filter_c))) * (p)->filter_c; \
    int32_t ky_, kx_, ic_;                                                   \
    for (ky_ = 0; ky_ < (p)->filter_h; ++ky_) {                              \
      const int32_t iy_ = y0_ + (p)->dilation_h * ky_;                       \
      if (iy_ < 0 || iy_ >= (p)->in_h) {                                     \
        continue;                                                            \
      }                                                                      \
      for (kx_ = 0; kx_ < (p)->filter_w; ++kx_) {                            \
        const int32_t ix_ = x0_ + (p)->dilation_w * kx_;                     \
        ptrdiff_t i_, k_;                                                    \
        if (ix_ < 0 || ix_ >= (p)->in_w) {                                   \
          continue;                                                          \
        }                                                                    \
        i_ = in_index((p), (b), iy_, ix_) + g_;                              \
        k_ = filter_index((p), (oc), ky_, kx_);                              \
        for (ic_ = 0; ic_ < (p)->filter_c; ++ic_) {                          \
          ACCUMULATE(i_ + ic_, k_ + ic_);                                    \
        }                                                                    \
      }                                                                      \
    }                                                                        \
  } while (0)

#define ACC_S8(i, k) \
  acc += (uint32_t)((int32_t)filter[k] * ((int32_t)input[i] + in_off))
#define ACC_S16_64(i, k) acc += (int64_t)filter[k] * (int64_t)input[i]
#define ACC_S16_32(i, k) \
  acc += (uint32_t)((int32_t)filter[k] * (int32_t)input[i])
#define ACC_F32(i, k)                         \
  do {                                        \
    const float prod_ = input[i] * filter[k]; \
    acc += prod_;                             \
  } while (0)

void mote_conv_2d_s8(const mote_conv_params_t *p, const int32_t *mult,
                     const int8_t *shift, const int8_t *input,
                     const int8_t *filter, const int32_t *bias,
                     int8_t *output) {
  const int32_t in_off = p->input_offset;
  const int32_t qs = mote_conv_quant_step(p);
  int32_t b, oy, ox, oc;
  for (b = 0; b < p->batches; ++b) {
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        for (oc = 0; oc < p->out_c; ++oc) {
          uint32_t acc = 0;
          int32_t v;
          CONV_WINDOW(p, b, oy, ox, oc, ACC_S8);
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

void mote_conv_2d_s16(const mote_conv_params_t *p, const int32_t *mult,
                      const int8_t *shift, const int16_t *input,
                      const int8_t *filter, const int64_t *bias,
                      int16_t *output) {
  const int32_t qs = mote_conv_quant_step(p);
  int32_t b, oy, ox, oc;
  for (b = 0; b < p->batches; ++b) {
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        for (oc = 0; oc < p->out_c; ++oc) {
          int64_t acc = 0;
          int32_t v;
          CONV_WINDOW(p, b, oy, ox, oc, ACC_S16_64);
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

void mote_conv_2d_s16_b32(const mote_conv_params_t *p, const int32_t *mult,
                          const int8_t *shift, const int16_t *input,
                          const int8_t *filter, const int32_t *bias,
                          int16_t *output) {
  const int32_t qs = mote_conv_quant_step(p);
  int32_t b, oy, ox, oc;
  for (b = 0; b < p->batches; ++b) {
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        for (oc = 0; oc < p->out_c; ++oc) {
          uint32_t acc = 0;
          int32_t v;
          CONV_WINDOW(p, b, oy, ox, oc, ACC_S16_32);
          if (bias != NULL) {
            acc += (uint32_t)bias[oc];
          }
          v = mote_mul_by_qmult((int32_t)acc, mult[oc * qs], shift[oc * qs]);
          *output++ = (int16_t)mote_conv_clamp(v, p->act_min, p->act_max);
        }
      }
    }
  }
}

void mote_conv_2d_f32(const mote_conv_params_t *p, const float *input,
                      const float *filter, const float *bias, float *output) {
  int32_t b, oy, ox, oc;
  for (b = 0; b < p->batches; ++b) {
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox) {
        for (oc = 0; oc < p->out_c; ++oc) {
          float acc = 0.0f;
          float v;
          CONV_WINDOW(p, b, oy, ox, oc, ACC_F32);
          /* TFLM adds a 0.0f bias when there is none (-0 becomes +0). */
          v = acc + (bias != NULL ? bias[oc] : 0.0f);
          *output++ = mote_conv_clamp_f32(v, p->act_min_f, p->act_max_f);
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
  if ((st = mote_kctx_builtin_options(ctx, 1, &opt)) != MOTE_OK ||
      (st = mote_conv_get_tensors(ctx, &t)) != MOTE_OK) {
    return st;
  }
  o.padding = mote_options_u8(&opt, 0, MOTE_PADDING_SAME);
  o.stride_w = mote_options_i32(&opt, 1, 0);
  o.stride_h = mote_options_i32(&opt, 2, 0);
  o.activation = mote_options_u8(&opt, 3, MOTE_ACT_NONE);
  o.dilation_w = mote_options_i32(&opt, 4, 1);
  o.dilation_h = mote_options_i32(&opt, 5, 1);

  memset(&p, 0, sizeof(p));
  p.batches = t.input.dims[0];
  p.in_h = t.input.dims[1];
  p.in_w = t.input.dims[2];
  p.in_c = t.input.dims[3];
  p.out_c = t.filter.dims[0];
  p.filter_h = t.filter.dims[1];
  p.filter_w = t.filter.dims[2];
  p.filter_c = t.filter.dims[3];
  if (p.filter_c < 1 || p.in_c < 1 || p.in_c % p.filter_c != 0 ||
      p.out_c % (p.in_c / p.filter_c) != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 1 (filter) [%d,%d,%d,%d] does not group "
                          "input 0 with %d channels",
                          (int)p.out_c, (int)p.filter_h, (int)p.filter_w,
                          (int)p.filter_c, (int)p.in_c);
  }
  return mote_conv_prepare_common(ctx, &o, &t, 0, true, &p);
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
    mote_conv_2d_f32(p, (const float *)t.input.data,
                     (const float *)t.filter.data, (const float *)bias,
                     (float *)t.output.data);
    break;
  case MOTE_TYPE_INT8:
    mote_conv_2d_s8(p, op->mult, op->shift, (const int8_t *)t.input.data,
                    (const int8_t *)t.filter.data, (const int32_t *)bias,
                    (int8_t *)t.output.data);
    break;
  default:
    if (op->acc64) {
      mote_conv_2d_s16(p, op->mult, op->shift, (const int16_t *)t.input.data,
                       (const int8_t *)t.filter.data, (const int64_t *)bias,
                       (int16_t *)t.output.data);
    } else {
      mote_conv_2d_s16_b32(p, op->mult, op->shift,
                           (const int16_t *)t.input.data,
                           (const int8_t *)t.filter.data, (const int32_t *)bias,
                           (int16_t *)t.output.data);
    }
    break;
  }
  return MOTE_OK;
}

/* Version 8 adds quantized_bias_type for 16x8 (the bias tensor's own type
 * decides here); 7 is int4 filters, refused by type in prepare; 6 is
 * grouped convolution. */
const mote_kernel_t mote_kernel_conv_2d = {"CONV_2D", 8, prepare, invoke};
