/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference ELU (elu.h). float32 as TFLite's reference: expm1f below
 * zero, the input itself otherwise (NaN and -0 included, since neither is
 * below zero). int8 a table lookup by the input's byte.
 */
#include <math.h>

#include "kernels/elu.h"

void mote_elu_f32_ref(const float *input, float *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const float v = input[i];
    output[i] = v < 0.0f ? expm1f(v) : v;
  }
}

void mote_elu_s8_ref(const int8_t *table, const int8_t *input, int8_t *output,
                     int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = table[(uint8_t)input[i]];
  }
}
