/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference RELU, RELU6 and RELU_N1_TO_1 (relu.h): TFLM's loops, one
 * element at a time, the choice between requantizing and plain clamping
 * made once per call.
 */
#include "kernels/core/requant.h"
#include "kernels/relu.h"

void mote_relu_f32_ref(const mote_relu_params_t *p, const float *input,
                       float *output, int32_t n) {
  const float lo = p->min_f, hi = p->max_f;
  int32_t i;
  for (i = 0; i < n; ++i) {
    const float x = input[i];
    output[i] = x > hi ? hi : (x < lo ? lo : x);
  }
}

/* a + b modulo 2^32: TFLM adds the zero point in plain int32. */
static int32_t relu_wrap_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

/* Every integer type's function is this body over its element type T. */
#define RELU_Q(name, T)                                                        \
  void name(const mote_relu_params_t *p, const T *input, T *output, /* NOLINT(bugprone-macro-parentheses): T is a type */ \
            int32_t n) {                                                       \
    int32_t i;                                                                 \
    for (i = 0; i < n; ++i) {                                                  \
      int32_t v = input[i];                                                    \
      if (p->rescale) {                                                        \
        v = relu_wrap_add(p->output_zero_point,                                \
                          mote_mul_by_quant_mult(v - p->input_zero_point,      \
                                                 p->multiplier,                \
                                                 (int)p->shift));              \
      }                                                                        \
      output[i] = (T)(v < p->act_min ? p->act_min                              \
                                     : (v > p->act_max ? p->act_max : v));     \
    }                                                                          \
  }

RELU_Q(mote_relu_s8_ref, int8_t)
RELU_Q(mote_relu_s16_ref, int16_t)
