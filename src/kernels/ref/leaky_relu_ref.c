/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference LEAKY_RELU (leaky_relu.h): TFLM's QuantizeLeakyRelu and float
 * loop, one element at a time. The zero point is added in int32 through
 * uint32 (TFLM's plain int32 sum, without C's undefined overflow).
 */
#include "kernels/core/requant.h"
#include "kernels/leaky_relu.h"

void mote_leaky_relu_f32_ref(const mote_leaky_relu_params_t *p,
                             const float *input, float *output, int32_t n) {
  const float alpha = p->alpha;
  int32_t i;
  for (i = 0; i < n; ++i) {
    const float x = input[i];
    output[i] = x > 0.0f ? x : x * alpha;
  }
}

static int32_t leaky_q(const mote_leaky_relu_params_t *p, int32_t x, int32_t lo,
                       int32_t hi) {
  const int32_t d = x - p->input_zero_point;
  const int32_t v =
      (int32_t)((uint32_t)p->output_zero_point +
                (uint32_t)(d >= 0
                               ? mote_mul_by_quant_mult(d,
                                                        p->identity_multiplier,
                                                        (int)p->identity_shift)
                               : mote_mul_by_quant_mult(d, p->alpha_multiplier,
                                                        (int)p->alpha_shift)));
  return v < lo ? lo : (v > hi ? hi : v);
}

void mote_leaky_relu_s8_ref(const mote_leaky_relu_params_t *p,
                            const int8_t *input, int8_t *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = (int8_t)leaky_q(p, input[i], INT8_MIN, INT8_MAX);
  }
}

void mote_leaky_relu_s16_ref(const mote_leaky_relu_params_t *p,
                             const int16_t *input, int16_t *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = (int16_t)leaky_q(p, input[i], INT16_MIN, INT16_MAX);
  }
}
