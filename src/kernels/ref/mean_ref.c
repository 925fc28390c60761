/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference MEAN (mean.h): TFLite Micro's reduce.cc (EvalMeanHelper),
 * bit for bit.
 *
 * One walk for every type (reduce_walk.h): the input in row-major order,
 * each element added to its output cell's sum. TFLM's special case for a
 * 4-D float mean over axes {1, 2} sums each (batch, channel) over rows then columns: the same additions
 * in the same order, so this one path gives its bytes too. The integer
 * means then rescale each int32 sum in place and narrow it to the output.
 */
#include "kernels/mean.h"
#include "kernels/ref/reduce_walk.h"

/* TFLite's int32 sum, wrapping instead of undefined. */
static int32_t wrap_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

static float add_f32(float s, float x) {
  return s + x;
}

/* Sums into m->out_count cells (reduce_walk.h). */
MOTE_REDUCE_WALK(static, sum_f32, float, float, 0.0f, add_f32)
MOTE_REDUCE_WALK(static, sum_s8, int8_t, int32_t, 0, wrap_add)
MOTE_REDUCE_WALK(static, sum_s16, int16_t, int32_t, 0, wrap_add)

void mote_mean_f32_ref(const mote_mean_plan_t *m, const float *input,
                       float *output) {
  int32_t i;
  sum_f32(m, input, output);
  if (m->n == 0) {
    return;
  }
  for (i = 0; i < m->out_count; ++i) {
    output[i] = output[i] / (float)m->n;
  }
}

/* Each sum in acc replaced by its output value: less the input zero
 * point's n-fold, then rq (its fields in locals, not reloaded per
 * output). The int64 difference keeps TFLM's int32 result. */
static void requantize_sums(const mote_mean_params_t *p,
                            const mote_mean_plan_t *m, int32_t *acc) {
  const int64_t zp_n = (int64_t)p->input_zero_point * m->n;
  const int32_t mult = p->rq.multiplier[0];
  const int shift = p->rq.shift[0];
  const int32_t offset = p->rq.output_offset;
  const int32_t lo = p->rq.act_min, hi = p->rq.act_max;
  int32_t i;
  if (m->n == 0) {
    return;
  }
  for (i = 0; i < m->out_count; ++i) {
    acc[i] = mote_requantize((int32_t)((int64_t)acc[i] - zp_n), mult, shift,
                             offset, lo, hi);
  }
}

/* Defines the integer mean `name` over element type T, summed by SUM
 * (it refers to nothing but its parameters). */
#define MEAN_INT(name, T, SUM)                                                 \
  void name(const mote_mean_params_t *p, const mote_mean_plan_t *m,            \
            const T *input, T *output, int32_t *acc) { /* NOLINT(bugprone-macro-parentheses): T is a type */ \
    int32_t i;                                                                 \
    SUM(m, input, acc);                                                        \
    requantize_sums(p, m, acc);                                                \
    for (i = 0; i < m->out_count; ++i) {                                       \
      output[i] = (T)acc[i];                                                   \
    }                                                                          \
  }

MEAN_INT(mote_mean_s8_ref, int8_t, sum_s8)
MEAN_INT(mote_mean_s16_ref, int16_t, sum_s16)
