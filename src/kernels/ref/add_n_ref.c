/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference ADD_N (add_n.h): element by element, every input in order.
 */
#include "kernels/add_n.h"

#include "kernels/core/requant.h"

void mote_add_n_f32_ref(const mote_add_n_params_t *p,
                        const float *const *inputs, float *out) {
  int32_t i, j;
  for (i = 0; i < p->count; ++i) {
    float x = 0.0f;
    for (j = 0; j < p->n; ++j) {
      x += inputs[j][i];
    }
    out[i] = x;
  }
}

/* (x + offset) << 20 at half scale. */
static int32_t scaled(const mote_add_n_params_t *p, int32_t x) {
  return mote_mul_by_quant_mult_lt1(
      (int32_t)((uint32_t)(x + p->input_offset) << 20), p->input_multiplier,
      (int)p->input_shift);
}

void mote_add_n_s8_ref(const mote_add_n_params_t *p,
                       const int8_t *const *inputs, int8_t *out) {
  int32_t i, j;
  for (i = 0; i < p->count; ++i) {
    uint32_t sum = (uint32_t)scaled(p, 0);
    int32_t v;
    for (j = 0; j < p->n; ++j) {
      sum += (uint32_t)scaled(p, inputs[j][i]);
    }
    v = mote_mul_by_quant_mult_lt1((int32_t)sum, p->output_multiplier,
                                   (int)p->output_shift) +
        p->output_offset;
    out[i] = (int8_t)mote_clamp_i32(v, INT8_MIN, INT8_MAX);
  }
}
