/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference TRANSPOSE_CONV (transpose_conv.h): TFLM's scatter loops. A
 * gather form (each output pixel reading the input pixels that reach it)
 * needs no scratch, but it changes the order of float additions, and the
 * float result must match TFLM's bytes.
 */
#include <stddef.h>
#include <string.h>

#include "kernels/transpose_conv.h"

/* Calls `body` for every (input element, filter tap) pair that lands in
 * the output, in TFLM's order, with `ii` the input index, `fi` the filter
 * index and `oi` the output index. */
#define TCONV_SCATTER(p, body)                                                 \
  do {                                                                         \
    int32_t b_, y_, x_, ic_, ky_, kx_, oc_;                                    \
    for (b_ = 0; b_ < (p)->batches; ++b_) {                                    \
      for (y_ = 0; y_ < (p)->in_h; ++y_) {                                     \
        for (x_ = 0; x_ < (p)->in_w; ++x_) {                                   \
          for (ic_ = 0; ic_ < (p)->in_c; ++ic_) {                              \
            const ptrdiff_t ii = mote_conv_in_index(p, b_, y_, x_) + ic_;      \
            for (ky_ = 0; ky_ < (p)->filter_h; ++ky_) {                        \
              const int32_t oy_ = y_ * (p)->stride_h - (p)->pad_h + ky_;       \
              for (kx_ = 0; kx_ < (p)->filter_w; ++kx_) {                      \
                const int32_t ox_ = x_ * (p)->stride_w - (p)->pad_w + kx_;     \
                if (oy_ < 0 || oy_ >= (p)->out_h || ox_ < 0 ||                 \
                    ox_ >= (p)->out_w) {                                       \
                  continue;                                                    \
                }                                                              \
                for (oc_ = 0; oc_ < (p)->out_c; ++oc_) {                       \
                  const ptrdiff_t fi =                                         \
                      (((ptrdiff_t)oc_ * (p)->filter_h + ky_) *                \
                           (p)->filter_w +                                     \
                       kx_) *                                                  \
                          (p)->in_c +                                          \
                      ic_;                                                     \
                  const ptrdiff_t oi =                                         \
                      (((ptrdiff_t)b_ * (p)->out_h + oy_) * (p)->out_w +       \
                       ox_) *                                                  \
                          (p)->out_c +                                         \
                      oc_;                                                     \
                  body;                                                        \
                }                                                              \
              }                                                                \
            }                                                                  \
          }                                                                    \
        }                                                                      \
      }                                                                        \
    }                                                                          \
  } while (0)

static size_t out_elements(const mote_conv_params_t *p) {
  return (size_t)p->batches * (size_t)p->out_h * (size_t)p->out_w *
         (size_t)p->out_c;
}

void mote_transpose_conv_f32_ref(const mote_conv_params_t *p,
                                 const float *input, const float *filter,
                                 const float *bias, float *output) {
  const size_t n = out_elements(p);
  size_t i;
  for (i = 0; i < n; ++i) {
    output[i] = 0.0f;
  }
  TCONV_SCATTER(p, output[oi] += input[ii] * filter[fi]);
  for (i = 0; i < n; ++i) {
    const int32_t c = (int32_t)(i % (size_t)p->out_c);
    float v = output[i];
    if (bias != NULL) {
      v += bias[c];
    }
    output[i] = v < p->act_min_f ? p->act_min_f
                : v > p->act_max_f ? p->act_max_f
                                   : v;
  }
}

void mote_transpose_conv_s8_ref(const mote_conv_params_t *p,
                                const int8_t *input, const int8_t *filter,
                                const int32_t *bias, int8_t *output,
                                int32_t *scratch) {
  const size_t n = out_elements(p);
  const int32_t offset = p->input_offset;
  size_t i;
  memset(scratch, 0, n * sizeof(int32_t));
  /* Sums wrap in 32 bits, as TFLM's int32 scratch (defined here). */
  TCONV_SCATTER(p, scratch[oi] = (int32_t)((uint32_t)scratch[oi] +
                                           (uint32_t)((input[ii] + offset) *
                                                      filter[fi])));
  for (i = 0; i < n; ++i) {
    const int32_t c = (int32_t)(i % (size_t)p->out_c);
    uint32_t acc = (uint32_t)scratch[i];
    if (bias != NULL) {
      acc += (uint32_t)bias[c];
    }
    output[i] = (int8_t)mote_requant_apply(&p->rq, c, (int32_t)acc);
  }
}

void mote_transpose_conv_s16_ref(const mote_conv_params_t *p,
                                 const int16_t *input, const int8_t *filter,
                                 const int64_t *bias, int16_t *output,
                                 int64_t *scratch) {
  const size_t n = out_elements(p);
  size_t i;
  memset(scratch, 0, n * sizeof(int64_t));
  TCONV_SCATTER(p, scratch[oi] += (int64_t)input[ii] * filter[fi]);
  for (i = 0; i < n; ++i) {
    const int32_t c = (int32_t)(i % (size_t)p->out_c);
    int64_t acc = scratch[i];
    if (bias != NULL) {
      acc = mote_add_wrap64(acc, bias[c]);
    }
    output[i] = (int16_t)mote_requant_apply64(&p->rq, c, acc);
  }
}
