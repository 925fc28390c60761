/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference FULLY_CONNECTED (fully_connected.h): TFLite Micro's reference
 * kernel, bit for bit. int8 and 16x8 with an int64 bias are a
 * vector-matrix product per batch row (core/vec_mat.h); 16x8 with an
 * int32 bias forms the exact int64 sum and keeps it modulo 2^32, which is
 * what TFLM's int32 accumulator holds, then uses the int32 rescale. Float
 * sums in index order and adds the bias last, as TFLite.
 */
#include <stddef.h>

#include "kernels/core/dot.h"
#include "kernels/core/vec_mat.h"
#include "kernels/fully_connected.h"
#include "kernels/ref/vec_mat_body.h"

void mote_fc_s8_ref(const mote_fc_params_t *p, const int8_t *input,
                    const int8_t *filter, const int32_t *bias, int8_t *output,
                    void *scratch) {
  int32_t b;
  (void)scratch;
  for (b = 0; b < p->batches; ++b) {
    mote_vec_mat_s8_body(input + (ptrdiff_t)b * p->accum_depth,
                         p->input_offset, filter, bias, p->out_depth,
                         p->accum_depth, &p->out.rq,
                         output + (ptrdiff_t)b * p->out_depth, 0);
  }
}

void mote_fc_s16_ref(const mote_fc_params_t *p, const int16_t *input,
                     const int8_t *filter, const int64_t *bias,
                     int16_t *output, void *scratch) {
  int32_t b;
  (void)scratch;
  for (b = 0; b < p->batches; ++b) {
    mote_vec_mat_s16_ref(input + (ptrdiff_t)b * p->accum_depth, 0, filter,
                         bias, p->out_depth, p->accum_depth, &p->out.rq,
                         output + (ptrdiff_t)b * p->out_depth);
  }
}

void mote_fc_s16_b32_ref(const mote_fc_params_t *p, const int16_t *input,
                         const int8_t *filter, const int32_t *bias,
                         int16_t *output, void *scratch) {
  int32_t b;
  int32_t o;
  (void)scratch;
  for (b = 0; b < p->batches; ++b) {
    const int16_t *in = input + (ptrdiff_t)b * p->accum_depth;
    for (o = 0; o < p->out_depth; ++o) {
      const int64_t sum = mote_dot_s16_s8(
          0, in, 0, filter + (ptrdiff_t)o * p->accum_depth, p->accum_depth);
      uint32_t acc = (uint32_t)(uint64_t)sum;
      if (bias != NULL) {
        acc += (uint32_t)bias[o];
      }
      output[(ptrdiff_t)b * p->out_depth + o] =
          (int16_t)mote_requant_apply(&p->out.rq, o, (int32_t)acc);
    }
  }
}

void mote_fc_f32_ref(const mote_fc_params_t *p, const float *input,
                     const float *filter, const float *bias, float *output,
                     void *scratch) {
  /* Bounds in locals: the float stores could alias *p, so the compiler
   * would reload them for every output (+2% on the float LSTM). */
  const float lo = p->out.act_f.min;
  const float hi = p->out.act_f.max;
  int32_t b;
  int32_t o;
  (void)scratch;
  for (b = 0; b < p->batches; ++b) {
    const float *in = input + (ptrdiff_t)b * p->accum_depth;
    for (o = 0; o < p->out_depth; ++o) {
      const float total = mote_dot_f32(
          0.0f, in, filter + (ptrdiff_t)o * p->accum_depth, p->accum_depth);
      const float v = total + (bias != NULL ? bias[o] : 0.0f);
      output[(ptrdiff_t)b * p->out_depth + o] =
          v < lo ? lo : (v > hi ? hi : v);
    }
  }
}
