/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference ABS, NEG and SQUARE (abs_neg.h).
 */
#include <math.h>

#include "kernels/abs_neg.h"
#include "kernels/core/requant.h"

void mote_unary_f32_ref(mote_unary_op_t op, const float *input, float *output,
                        int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const float x = input[i];
    output[i] = op == MOTE_UNARY_ABS   ? fabsf(x)
                : op == MOTE_UNARY_NEG ? -x
                                       : x * x;
  }
}

/* One quantized |x|, saturated to [lo, hi]. */
static int32_t abs_q(const mote_abs_params_t *p, int32_t x, int32_t lo,
                     int32_t hi) {
  int32_t v = x - p->input_offset;
  v = v < 0 ? -v : v;
  if (p->rescale) {
    v = mote_mul_by_quant_mult(v, p->multiplier, p->shift);
  }
  v = (int32_t)((uint32_t)v + (uint32_t)p->output_offset);
  return v < lo ? lo : v > hi ? hi : v;
}

void mote_abs_q_ref(const mote_abs_params_t *p, const void *input,
                    void *output) {
  const int32_t n = p->n;
  int32_t i;
  if (!p->wide) {
    const int8_t *x = (const int8_t *)input;
    int8_t *y = (int8_t *)output;
    for (i = 0; i < n; ++i) {
      y[i] = (int8_t)abs_q(p, x[i], -128, 127);
    }
    return;
  }
  for (i = 0; i < n; ++i) {
    const int32_t x = ((const int16_t *)input)[i];
    /* Unquantized, |-32768| wraps back to -32768 in int16, as in TFLM. */
    ((int16_t *)output)[i] =
        p->quantized ? (int16_t)abs_q(p, x, -32768, 32767)
                     : (int16_t)(uint16_t)(uint32_t)(x < 0 ? -x : x);
  }
}
