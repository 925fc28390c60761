/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SVDF arithmetic: TFLite Micro's reference (svdf_common.cc,
 * EvalFloatSvdfReference / EvalIntegerSvdfReference), bit for bit.
 *
 * Every invocation shifts the state one step and appends the newest
 * feature column, so outputs depend on every earlier invocation until the
 * state is reset. The shift is one memmove over the whole state, as
 * TFLite's element loop: the value that crosses a filter boundary lands in
 * a newest slot, which the feature product then overwrites.
 *
 * Integer: the feature product saturates to the state type before the
 * state zero point is added, so an int8 state with a zero point can wrap.
 * That is TFLite Micro's reference code as far as we can tell at the
 * conformance commit: its issue #2721 reports the wrap, and the fix (pull
 * request #3627, July 2026, adding the zero point before saturating) was
 * still open. No golden case tells the two orders apart. Time products and unit sums wrap in 32 bits, as TFLite's int32 sums
 * do. The fused activation is not applied (TFLite Micro only saturates to
 * int8); the float path applies it with ActivationValFloat's clamps.
 * int8 and int16 state share one body that loads through the state type.
 * The feature product is the shared int8 dot product (core/dot.h).
 */
#include "kernels/svdf.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "common/compiler.h"
#include "kernels/core/dot.h"
#include "kernels/kernel_util.h"

int32_t mote_svdf_scratch_f32(const mote_svdf_dims_t *d) {
  return d->batch * d->n_filter * (int32_t)sizeof(float);
}

int32_t mote_svdf_scratch_int(const mote_svdf_dims_t *d) {
  return d->batch * d->n_filter * (int32_t)sizeof(int32_t);
}

/* TFLite Micro's ActivationValFloat. */
static float act_f32(int act, float a) {
  switch (act) {
  case MOTE_ACT_RELU:
    return 0.0f < a ? a : 0.0f;
  case MOTE_ACT_RELU_N1_TO_1: {
    const float t = 1.0f < a ? 1.0f : a;
    return -1.0f < t ? t : -1.0f;
  }
  case MOTE_ACT_RELU6: {
    const float t = 6.0f < a ? 6.0f : a;
    return 0.0f < t ? t : 0.0f;
  }
  case MOTE_ACT_TANH:
    return tanhf(a);
  case MOTE_ACT_SIGN_BIT:
    return signbit(a) ? 1.0f : 0.0f;
  default:
    return a;
  }
}

void mote_svdf_f32(const mote_svdf_dims_t *d, const float *input,
                   const float *weights_feature, const float *weights_time,
                   const float *bias, float *state, float *scratch,
                   float *output, int act) {
  const int32_t n_unit = d->n_filter / d->rank;
  const int32_t per_batch = d->n_filter * d->n_memory;
  int32_t b;
  int32_t f;
  int32_t i;
  memmove(state, state + 1,
          sizeof(float) * (size_t)(d->batch * per_batch - 1));
  for (b = 0; b < d->batch; ++b) {
    const float *x = input + (ptrdiff_t)b * d->n_input;
    for (f = 0; f < d->n_filter; ++f) {
      const float *w = weights_feature + (ptrdiff_t)f * d->n_input;
      float dot = 0.0f;
      for (i = 0; i < d->n_input; ++i) {
        dot += w[i] * x[i];
      }
      state[(ptrdiff_t)b * per_batch + (ptrdiff_t)f * d->n_memory +
            d->n_memory - 1] = dot;
    }
  }
  for (b = 0; b < d->batch; ++b) {
    const float *s = state + (ptrdiff_t)b * per_batch;
    const float *w = weights_time;
    for (f = 0; f < d->n_filter; ++f) {
      float dot = 0.0f;
      for (i = 0; i < d->n_memory; ++i) {
        dot += *w++ * *s++;
      }
      scratch[(ptrdiff_t)b * d->n_filter + f] = dot;
    }
  }
  for (b = 0; b < d->batch; ++b) {
    float *out = output + (ptrdiff_t)b * n_unit;
    const float *s = scratch + (ptrdiff_t)b * d->n_filter;
    for (i = 0; i < n_unit; ++i) {
      int32_t r;
      out[i] = bias != NULL ? bias[i] : 0.0f;
      for (r = 0; r < d->rank; ++r) {
        out[i] += *s++;
      }
      out[i] = act_f32(act, out[i]);
    }
  }
}

/* The integer variants differ only in the state / time-weight type; one
 * body reads and writes both through these. */
static int32_t load(const void *p, int is16, ptrdiff_t i) {
  return is16 ? (int32_t)((const int16_t *)p)[i]
              : (int32_t)((const int8_t *)p)[i];
}

/* Step 1: the newest feature of every filter, into the state's last
 * slot. A function of its own so that its dot product keeps its
 * registers (the state loop around it otherwise spills them at -Os). */
MOTE_NOINLINE static void feature_product(const mote_svdf_dims_t *d, const mote_svdf_q_t *q,
                            const int8_t *input, const int8_t *weights,
                            void *state, int is16) {
  const int32_t lo = is16 ? INT16_MIN : INT8_MIN;
  const int32_t hi = is16 ? INT16_MAX : INT8_MAX;
  const int32_t per_batch = d->n_filter * d->n_memory;
  int32_t b, f;
  for (b = 0; b < d->batch; ++b) {
    const int8_t *x = input + (ptrdiff_t)b * d->n_input;
    ptrdiff_t at = (ptrdiff_t)b * per_batch + d->n_memory - 1;
    for (f = 0; f < d->n_filter; ++f, at += d->n_memory) {
      int32_t dot = mote_dot_s8(0, x, -q->input_zero_point,
                                weights + (ptrdiff_t)f * d->n_input,
                                d->n_input);
      dot = mote_mul_by_quant_mult(dot, q->feature_multiplier,
                                   q->feature_shift);
      /* Saturate, then add the zero point and narrow with wraparound
       * (TFLite Micro issue #2721; see the note at the top). */
      dot = q->state_zero_point + mote_clamp_i32(dot, lo, hi);
      if (is16) {
        ((int16_t *)state)[at] = (int16_t)(uint16_t)(uint32_t)dot;
      } else {
        ((int8_t *)state)[at] = (int8_t)(uint8_t)(uint32_t)dot;
      }
    }
  }
}

/* Step 2: each filter's memory against its time weights, into
 * scratch[batch][n_filter]. */
MOTE_NOINLINE static void time_product(const mote_svdf_dims_t *d, const mote_svdf_q_t *q,
                         const void *weights_time, const void *state,
                         int is16, int32_t *scratch) {
  const int32_t per_batch = d->n_filter * d->n_memory;
  int32_t b, f, i;
  for (b = 0; b < d->batch; ++b) {
    ptrdiff_t s = (ptrdiff_t)b * per_batch;
    ptrdiff_t w = 0;
    for (f = 0; f < d->n_filter; ++f) {
      /* TFLite sums in int32 and wraps; unsigned makes the wrap defined. */
      uint32_t dot = 0;
      for (i = 0; i < d->n_memory; ++i, ++s, ++w) {
        dot += (uint32_t)((int64_t)load(weights_time, is16, w) *
                          (load(state, is16, s) - q->state_zero_point));
      }
      scratch[(ptrdiff_t)b * d->n_filter + f] = (int32_t)dot;
    }
  }
}

/* Step 3: groups of `rank` filters summed into units with the bias, then
 * the output requantization (saturating to int8, no activation). */
MOTE_NOINLINE static void unit_output(const mote_svdf_dims_t *d, const mote_svdf_q_t *q,
                        const int32_t *bias, const int32_t *scratch,
                        int8_t *output) {
  const int32_t n_unit = d->n_filter / d->rank;
  const int8_t shift = (int8_t)q->output_shift; /* in [-31, 30]: prepare */
  mote_requant_t rq;
  int32_t b, i, r;
  rq.multiplier = &q->output_multiplier;
  rq.shift = &shift;
  rq.per_channel = 0;
  rq.output_offset = q->output_zero_point;
  rq.act_min = INT8_MIN;
  rq.act_max = INT8_MAX;
  for (b = 0; b < d->batch; ++b) {
    for (i = 0; i < n_unit; ++i) {
      uint32_t acc = bias != NULL ? (uint32_t)bias[i] : 0u;
      for (r = 0; r < d->rank; ++r) {
        acc += (uint32_t)*scratch++;
      }
      *output++ = (int8_t)mote_requant_apply(&rq, 0, (int32_t)acc);
    }
  }
}

static void svdf_int(const mote_svdf_dims_t *d, const mote_svdf_q_t *q,
                     const int8_t *input, const int8_t *weights_feature,
                     const void *weights_time, const int32_t *bias,
                     void *state, int is16, int32_t *scratch,
                     int8_t *output) {
  const size_t elem = is16 ? 2u : 1u;
  memmove(state, (uint8_t *)state + elem,
          elem * (size_t)(d->batch * d->n_filter * d->n_memory - 1));
  feature_product(d, q, input, weights_feature, state, is16);
  time_product(d, q, weights_time, state, is16, scratch);
  unit_output(d, q, bias, scratch, output);
}

void mote_svdf_s8_s16(const mote_svdf_dims_t *d, const mote_svdf_q_t *q,
                      const int8_t *input, const int8_t *weights_feature,
                      const int16_t *weights_time, const int32_t *bias,
                      int16_t *state, int32_t *scratch, int8_t *output) {
  svdf_int(d, q, input, weights_feature, weights_time, bias, state, 1,
           scratch, output);
}

void mote_svdf_s8_s8(const mote_svdf_dims_t *d, const mote_svdf_q_t *q,
                     const int8_t *input, const int8_t *weights_feature,
                     const int8_t *weights_time, const int32_t *bias,
                     int8_t *state, int32_t *scratch, int8_t *output) {
  svdf_int(d, q, input, weights_feature, weights_time, bias, state, 0,
           scratch, output);
}
