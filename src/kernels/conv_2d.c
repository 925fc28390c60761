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

/* Every variant's loop nest: output pixel by output channel, the window
 * summed into `acc` (a TACC from 0), then *output++ = FINISH(acc, oc). */
#define CONV_EACH_OUTPUT(p, TACC, ACCUMULATE, FINISH)                          \
  do {                                                                         \
    int32_t b_, oy_, ox_, oc_;                                                 \
    for (b_ = 0; b_ < (p)->batches; ++b_) {                                    \
      for (oy_ = 0; oy_ < (p)->out_h; ++oy_) {                                 \
        for (ox_ = 0; ox_ < (p)->out_w; ++ox_) {                               \
          for (oc_ = 0; oc_ < (p)->out_c; ++oc_) {                             \
            TACC acc = 0;                                                      \
            CONV_WINDOW(p, b_, oy_, ox_, oc_, ACCUMULATE);                     \
            *output++ = FINISH(acc, oc_);                                      \
          }                                                                    \
        }                                                                      \
      }                                                                        \
    }                                                                          \
  } while (0)

/* Only CONV_2D's int16 takes a 32-bit bias (and then a 32-bit sum). */
#define ACC_S16_32(i, k) \
  acc += (uint32_t)((int32_t)filter[k] * (int32_t)input[i])
#define FINISH_S16_32(acc, oc)                                                 \
  (int16_t) mote_conv_requant32(p, acc, bias, oc, mult[qs * (oc)],             \
                                shift[qs * (oc)], 0)

void mote_conv_2d_s8(const mote_conv_params_t *p, const int32_t *mult,
                     const int8_t *shift, const int8_t *input,
                     const int8_t *filter, const int32_t *bias,
                     int8_t *output) {
  const int32_t in_off = p->input_offset;
  const int32_t qs = mote_conv_quant_step(p);
  CONV_EACH_OUTPUT(p, uint32_t, MOTE_CONV_ACC_S8, MOTE_CONV_FINISH_S8);
}

void mote_conv_2d_s16(const mote_conv_params_t *p, const int32_t *mult,
                      const int8_t *shift, const int16_t *input,
                      const int8_t *filter, const int64_t *bias,
                      int16_t *output) {
  const int32_t qs = mote_conv_quant_step(p);
  CONV_EACH_OUTPUT(p, int64_t, MOTE_CONV_ACC_S16_64, MOTE_CONV_FINISH_S16_64);
}

void mote_conv_2d_s16_b32(const mote_conv_params_t *p, const int32_t *mult,
                          const int8_t *shift, const int16_t *input,
                          const int8_t *filter, const int32_t *bias,
                          int16_t *output) {
  const int32_t qs = mote_conv_quant_step(p);
  CONV_EACH_OUTPUT(p, uint32_t, ACC_S16_32, FINISH_S16_32);
}

void mote_conv_2d_f32(const mote_conv_params_t *p, const float *input,
                      const float *filter, const float *bias, float *output) {
  CONV_EACH_OUTPUT(p, float, MOTE_CONV_ACC_F32, MOTE_CONV_FINISH_F32);
}

/* --- glue --------------------------------------------------------------- */

static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_conv_tensors_t t;
  mote_conv_params_t p;
  mote_conv_opts_t o;
  mote_status_t st = mote_conv_prepare_begin(ctx, 1, 3, &o, &t, &p);
  if (st != MOTE_OK) {
    return st;
  }
  p.out_c = t.filter.dims[0];
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
  mote_conv_data_t d;
  const mote_conv_op_t *op = mote_conv_invoke_data(ctx, &d);
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_conv_2d_f32(&op->p, (const float *)d.input, (const float *)d.filter,
                     (const float *)d.bias, (float *)d.output);
    break;
  case MOTE_TYPE_INT8:
    mote_conv_2d_s8(&op->p, op->mult, op->shift, (const int8_t *)d.input,
                    (const int8_t *)d.filter, (const int32_t *)d.bias,
                    (int8_t *)d.output);
    break;
  default:
    if (op->acc64) {
      mote_conv_2d_s16(&op->p, op->mult, op->shift, (const int16_t *)d.input,
                       (const int8_t *)d.filter, (const int64_t *)d.bias,
                       (int16_t *)d.output);
    } else {
      mote_conv_2d_s16_b32(&op->p, op->mult, op->shift,
                           (const int16_t *)d.input, (const int8_t *)d.filter,
                           (const int32_t *)d.bias, (int16_t *)d.output);
    }
    break;
  }
  return MOTE_OK;
}

/* Version 8 adds quantized_bias_type for 16x8 (the bias tensor's own type
 * decides here); 7 is int4 filters, refused by type in prepare; 6 is
 * grouped convolution. */
const mote_kernel_t mote_kernel_conv_2d = {"CONV_2D", 8, prepare, invoke};
