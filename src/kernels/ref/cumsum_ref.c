/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference CUMSUM (cumsum.h): TFLite's CumSum, float32 and TFLM's int8
 * path, one (outer, inner) line at a time along the axis.
 */
#include "kernels/cumsum.h"

#include "kernels/core/requant.h"

/* Element k of the line's walk: from the end when reversing. */
static int32_t at(const mote_cumsum_params_t *p, int32_t base, int32_t k) {
  const int32_t i = p->reverse ? p->axis - 1 - k : k;
  return base + i * p->inner;
}

void mote_cumsum_f32_ref(const mote_cumsum_params_t *p, const float *input,
                         float *output) {
  int32_t o, j, k;
  for (o = 0; o < p->outer; ++o) {
    for (j = 0; j < p->inner; ++j) {
      const int32_t base = o * p->axis * p->inner + j;
      float acc = 0.0f;
      for (k = 0; k < p->axis; ++k) {
        const int32_t e = at(p, base, k);
        if (p->exclusive) {
          output[e] = acc;
          acc += input[e];
        } else {
          acc += input[e];
          output[e] = acc;
        }
      }
    }
  }
}

/* The running sum as an output value. */
static int8_t out_s8(const mote_cumsum_params_t *p, int32_t acc) {
  const int32_t v = mote_mul_by_quant_mult_lt1(acc, p->output_multiplier,
                                               p->output_shift) +
                    p->output_offset;
  return (int8_t)(v > INT8_MAX ? INT8_MAX : v < INT8_MIN ? INT8_MIN : v);
}

/* An offset input value in the sum's units: shifted left by 20 (fits:
 * |v| <= 255) and rescaled by 1/2. */
static int32_t scaled(const mote_cumsum_params_t *p, int32_t v) {
  return mote_mul_by_quant_mult_lt1(v * (1 << 20), p->input_multiplier,
                                    p->input_shift);
}

void mote_cumsum_s8_ref(const mote_cumsum_params_t *p, const int8_t *input,
                        int8_t *output) {
  int32_t o, j, k;
  for (o = 0; o < p->outer; ++o) {
    for (j = 0; j < p->inner; ++j) {
      const int32_t base = o * p->axis * p->inner + j;
      /* TFLM starts the sum at the input offset, rescaled like an
       * element: an empty sum reads as -zero point, not 0. */
      int32_t acc = scaled(p, p->input_offset);
      for (k = 0; k < p->axis; ++k) {
        const int32_t e = at(p, base, k);
        const int32_t x = scaled(p, p->input_offset + input[e]);
        if (p->exclusive) {
          output[e] = out_s8(p, acc);
        }
        acc = (int32_t)((uint32_t)acc + (uint32_t)x);
        if (!p->exclusive) {
          output[e] = out_s8(p, acc);
        }
      }
    }
  }
}
