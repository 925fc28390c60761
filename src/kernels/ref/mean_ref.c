/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference MEAN (mean.h): TFLite Micro's reduce.cc (EvalMeanHelper),
 * bit for bit.
 *
 * One walk for every type: the input in row-major order, each element
 * added to its output cell's sum, a row of the plan's innermost dimension
 * at a time. TFLM's special case for a 4-D float mean over axes {1, 2}
 * sums each (batch, channel) over rows then columns: the same additions
 * in the same order, so this one path gives its bytes too. The integer
 * means then rescale each int32 sum in place and narrow it to the output.
 */
#include "kernels/mean.h"

/* TFLite's int32 sum, wrapping instead of undefined. */
static int32_t wrap_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

static float add_f32(float s, float x) {
  return s + x;
}

/* Moves the output offset to the next input row (odometer over every
 * dimension but the innermost). */
static int32_t next_row(const mote_mean_plan_t *m, int32_t *idx, int32_t off) {
  int d;
  for (d = MOTE_MAX_DIMS - 2; d >= 0; --d) {
    off += m->ostride[d];
    if (++idx[d] < m->dims[d]) {
      return off;
    }
    off -= m->ostride[d] * m->dims[d];
    idx[d] = 0;
  }
  return off;
}

/* Zeroes m->out_count sums, then adds every input element into its
 * cell's with ADD(sum, x) unless there is nothing to sum. One body over
 * the input and sum types: the macro defines the function `name` (it
 * refers to nothing but its parameters). */
#define SUM(name, TIN, TSUM, ADD)                                              \
  static void name(const mote_mean_plan_t *m, const TIN *in, TSUM *sums) { /* NOLINT(bugprone-macro-parentheses): TSUM is a type */ \
    int32_t idx[MOTE_MAX_DIMS] = {0, 0, 0, 0, 0, 0};                           \
    const int32_t len = m->dims[MOTE_MAX_DIMS - 1];                            \
    const int32_t os = m->ostride[MOTE_MAX_DIMS - 1];                          \
    const int32_t rows = len == 0 ? 0 : m->in_count / len;                     \
    int32_t off = 0, r, i;                                                     \
    for (i = 0; i < m->out_count; ++i) {                                       \
      sums[i] = 0;                                                             \
    }                                                                          \
    if (m->n == 0) {                                                           \
      return;                                                                  \
    }                                                                          \
    for (r = 0; r < rows; ++r) {                                               \
      for (i = 0; i < len; ++i) {                                              \
        sums[off + i * os] = ADD(sums[off + i * os], in[i]);                   \
      }                                                                        \
      in += len;                                                               \
      off = next_row(m, idx, off);                                             \
    }                                                                          \
  }

SUM(sum_f32, float, float, add_f32)
SUM(sum_s8, int8_t, int32_t, wrap_add)
SUM(sum_s16, int16_t, int32_t, wrap_add)

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
