/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference PRELU (prelu.h): TFLM's BroadcastPrelu4DSlow, one output
 * element at a time over the shared broadcast walk. The product d * a
 * stays within int16 magnitudes for int8 data, so it cannot overflow.
 */
#include "kernels/core/requant.h"
#include "kernels/prelu.h"

static float prelu_f32(const mote_prelu_params_t *p, float x, float a) {
  (void)p;
  return x >= 0.0f ? x : x * a;
}

static int32_t prelu_q(const mote_prelu_params_t *p, int32_t x, int32_t a) {
  const int32_t d = p->input_offset + x;
  const int32_t v =
      p->output_offset +
      (d >= 0 ? mote_mul_by_quant_mult(d, p->multiplier_1, (int)p->shift_1)
              : mote_mul_by_quant_mult(d * (p->alpha_offset + a),
                                       p->multiplier_2, (int)p->shift_2));
  return v < INT8_MIN ? INT8_MIN : (v > INT8_MAX ? INT8_MAX : v);
}

void mote_prelu_f32_ref(const mote_prelu_params_t *p, const mote_bcast_t *b,
                        const float *input, const float *alpha, float *output) {
  MOTE_BCAST_WALK(b, float, input, alpha, output, prelu_f32, p, 0);
}

void mote_prelu_s8_ref(const mote_prelu_params_t *p, const mote_bcast_t *b,
                       const int8_t *input, const int8_t *alpha,
                       int8_t *output) {
  MOTE_BCAST_WALK(b, int8_t, input, alpha, output, prelu_q, p, 0);
}
