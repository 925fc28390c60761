/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM arithmetic: TFLite Micro's lstm_eval
 * (LstmStep and its helpers), bit for bit.
 *
 * One time step runs the gates in TFLite Micro's order and buffer
 * assignment (forget -> b0, input -> b1, cell -> b2, b3 the recurrent
 * product), updates the cell in place and writes the new hidden state,
 * then copies it to the output. Time-major sequences step all batches at
 * once; batch-major ones step one batch row at a time, as TFLite Micro
 * does.
 *
 * Integer gates: each of the two fully connected products is requantized
 * to Q3.12 and saturated to int16 on its own, then the two are added with
 * int16 saturation; sigmoid and tanh are the int16 LOGISTIC / TANH
 * kernels' table interpolation (logistic.c, tanh.c), so the same code
 * serves both. The cell tanh takes the cell's power-of-two scale as a
 * shift (or a multiply by 3 and a rounding right shift below 2^-12).
 * Element-wise products requantize an int32 product of two int16 values
 * with the usual double-rounding multiplier. The int8 variant accumulates
 * in int32 (wrapping, as TFLite), the 16x8 variant in int64 with TFLite's
 * 64-bit requantization, for the recurrent product too.
 *
 * The gates' matrix products are the shared vector-matrix cores
 * (core/vec_mat.h), so an implementation family that speeds those up
 * speeds up the LSTM too. float32 uses the reference FULLY_CONNECTED
 * (mote_fc_f32_ref, which needs no scratch) with no activation bounds,
 * TFLite's clamped logistic, tanhf, and plain products and sums, in
 * TFLite's order.
 */
#include "kernels/unidirectional_sequence_lstm.h"

#include <stddef.h>
#include <string.h>

#include "kernels/core/vec_mat.h"
#include "kernels/fully_connected.h"
#include "kernels/kernel_util.h"
#include "kernels/logistic.h"
#include "kernels/tanh.h"

/* std::numeric_limits<float>::max(): TFLite's "no activation" bound. */
#define LSTM_FLT_MAX 3.40282346638528859812e+38f

int32_t mote_lstm_scratch_elems(const mote_lstm_dims_t *d) {
  return 4 * (d->time_major ? d->batch : 1) * d->n_state;
}

/* Runs `step` over the sequence with TFLite Micro's offsets. */
typedef struct lstm_seq {
  const mote_lstm_dims_t *d;
  const mote_lstm_weights_t *w;
  const mote_lstm_q_t *q;
  size_t act_size; /* bytes per input / hidden / output element */
  float cell_clip; /* float only */
} lstm_seq_t;

typedef void (*lstm_step_fn)(const lstm_seq_t *s, const void *x, void *h,
                             void *c, void *y, int32_t nb, void *scratch);

static void run_sequence(const lstm_seq_t *s, lstm_step_fn step,
                         const void *input, void *hidden, void *cell,
                         size_t cell_size, void *output, void *scratch) {
  const mote_lstm_dims_t *d = s->d;
  const uint8_t *x = (const uint8_t *)input;
  uint8_t *h = (uint8_t *)hidden;
  uint8_t *c = (uint8_t *)cell;
  uint8_t *y = (uint8_t *)output;
  const size_t in_row = s->act_size * (size_t)d->n_input;
  const size_t state_row = s->act_size * (size_t)d->n_state;
  const size_t cell_row = cell_size * (size_t)d->n_state;
  int32_t b;
  int32_t t;
  if (d->time_major) {
    for (t = 0; t < d->time; ++t) {
      const size_t row = (size_t)t * (size_t)d->batch;
      step(s, x + row * in_row, h, c, y + row * state_row, d->batch,
           scratch);
    }
    return;
  }
  for (b = 0; b < d->batch; ++b) {
    for (t = 0; t < d->time; ++t) {
      const size_t row = (size_t)b * (size_t)d->time + (size_t)t;
      step(s, x + row * in_row, h + (size_t)b * state_row,
           c + (size_t)b * cell_row, y + row * state_row, 1, scratch);
    }
  }
}

/* --- float32 ------------------------------------------------------------ */

static void gate_f32(const lstm_seq_t *s, int g, const float *x,
                     const float *h, int32_t nb, float *gate, float *tmp) {
  const int32_t n = nb * s->d->n_state;
  mote_fc_params_t fc;
  int32_t i;
  memset(&fc, 0, sizeof fc);
  fc.batches = nb;
  fc.out_depth = s->d->n_state;
  fc.out.act_f.min = -LSTM_FLT_MAX;
  fc.out.act_f.max = LSTM_FLT_MAX;
  fc.accum_depth = s->d->n_input;
  mote_fc_f32_ref(&fc, x, (const float *)s->w->w_in[g],
                  (const float *)s->w->bias[g], gate, NULL);
  fc.accum_depth = s->d->n_state;
  mote_fc_f32_ref(&fc, h, (const float *)s->w->w_rec[g], NULL, tmp, NULL);
  for (i = 0; i < n; ++i) {
    gate[i] = gate[i] + tmp[i];
  }
  if (g == MOTE_LSTM_CELL) {
    mote_tanh_f32(gate, gate, n);
  } else {
    mote_logistic_f32(gate, gate, n);
  }
}

static void mul_f32(const float *a, const float *b, float *out, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    out[i] = mote_clamp_f32(a[i] * b[i], -LSTM_FLT_MAX, LSTM_FLT_MAX);
  }
}

static void step_f32(const lstm_seq_t *s, const void *xv, void *hv, void *cv,
                     void *yv, int32_t nb, void *scratch) {
  const int32_t n = nb * s->d->n_state;
  float *h = (float *)hv;
  float *c = (float *)cv;
  float *b0 = (float *)scratch;
  float *b1 = b0 + n;
  float *b2 = b1 + n;
  float *b3 = b2 + n;
  int32_t i;
  gate_f32(s, MOTE_LSTM_FORGET, (const float *)xv, h, nb, b0, b3);
  gate_f32(s, MOTE_LSTM_INPUT, (const float *)xv, h, nb, b1, b3);
  gate_f32(s, MOTE_LSTM_CELL, (const float *)xv, h, nb, b2, b3);
  mul_f32(b0, c, c, n);
  mul_f32(b1, b2, b1, n);
  for (i = 0; i < n; ++i) {
    c[i] = c[i] + b1[i];
  }
  if (s->cell_clip > 0.0f) {
    const float clip = s->cell_clip;
    for (i = 0; i < n; ++i) {
      const float lo = c[i] < clip ? c[i] : clip;
      c[i] = lo < -clip ? -clip : lo;
    }
  }
  gate_f32(s, MOTE_LSTM_OUTPUT, (const float *)xv, h, nb, b1, b3);
  mote_tanh_f32(c, b0, n);
  mul_f32(b0, b1, h, n);
  memcpy(yv, h, sizeof(float) * (size_t)n);
}

void mote_lstm_f32(const mote_lstm_dims_t *d, const mote_lstm_weights_t *w,
                   float cell_clip, const float *input, float *hidden,
                   float *cell, float *output, float *scratch) {
  lstm_seq_t s;
  s.d = d;
  s.w = w;
  s.q = NULL;
  s.act_size = sizeof(float);
  s.cell_clip = cell_clip;
  run_sequence(&s, step_f32, input, hidden, cell, sizeof(float), output,
               scratch);
}

/* --- integer ------------------------------------------------------------ */

static int16_t sat16(int32_t v) {
  return (int16_t)mote_clamp_i32(v, INT16_MIN, INT16_MAX);
}

/* out[nb][n_out] = sat16(requant(w . (x + offset) + bias)), for int8
 * (int32 sum, int32 bias) or int16 (int64 sum, int64 bias) activations. */
static void fc_q(const void *x, int act16, const int8_t *w, const void *bias,
                 const mote_lstm_fc_q_t *q, int32_t nb, int32_t n_in,
                 int32_t n_out, int16_t *out) {
  const int8_t shift = (int8_t)q->shift; /* in [-31, 30]: lstm_quant.c */
  mote_requant_t rq;
  int32_t b;
  rq.multiplier = &q->multiplier;
  rq.shift = &shift;
  rq.per_channel = 0;
  rq.output_offset = 0;
  rq.act_min = INT16_MIN;
  rq.act_max = INT16_MAX;
  for (b = 0; b < nb; ++b) {
    if (act16) {
      mote_vec_mat_s16((const int16_t *)x + (ptrdiff_t)b * n_in,
                       q->input_offset, w, (const int64_t *)bias, n_out, n_in,
                       &rq, out + (ptrdiff_t)b * n_out);
    } else {
      mote_vec_mat_s8_s16((const int8_t *)x + (ptrdiff_t)b * n_in,
                          q->input_offset, w, (const int32_t *)bias, n_out,
                          n_in, &rq, out + (ptrdiff_t)b * n_out);
    }
  }
}

static void gate_q(const lstm_seq_t *s, int g, const void *x, const void *h,
                   int32_t nb, int16_t *gate, int16_t *tmp) {
  const int act16 = s->act_size == 2;
  const int32_t n = nb * s->d->n_state;
  mote_act_params_t p;
  int32_t i;
  fc_q(x, act16, (const int8_t *)s->w->w_in[g], s->w->bias[g],
       &s->q->fc_in[g], nb, s->d->n_input, s->d->n_state, gate);
  fc_q(h, act16, (const int8_t *)s->w->w_rec[g], NULL, &s->q->fc_rec[g], nb,
       s->d->n_state, s->d->n_state, tmp);
  for (i = 0; i < n; ++i) {
    gate[i] = sat16((int32_t)gate[i] + (int32_t)tmp[i]);
  }
  /* Q3.12 in: the tables take it without a multiplier. */
  memset(&p, 0, sizeof p);
  if (g == MOTE_LSTM_CELL) {
    mote_tanh_s16(&p, gate, gate, n);
  } else {
    mote_logistic_s16(&p, gate, gate, n);
  }
}

/* out = clamp(offset + requant(a * b)); out is int16 or (out8) int8. */
static void mul_q(const int16_t *a, const int16_t *b, void *out, int out8,
                  const mote_lstm_mul_q_t *m, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const int32_t v =
        mote_requantize((int32_t)a[i] * (int32_t)b[i], m->multiplier,
                        (int)m->shift, m->output_offset, m->act_min,
                        m->act_max);
    if (out8) {
      ((int8_t *)out)[i] = (int8_t)v;
    } else {
      ((int16_t *)out)[i] = (int16_t)v;
    }
  }
}

static void step_q(const lstm_seq_t *s, const void *x, void *h, void *cv,
                   void *y, int32_t nb, void *scratch) {
  const mote_lstm_q_t *q = s->q;
  const int32_t n = nb * s->d->n_state;
  int16_t *c = (int16_t *)cv;
  int16_t *b0 = (int16_t *)scratch;
  int16_t *b1 = b0 + n;
  int16_t *b2 = b1 + n;
  int16_t *b3 = b2 + n;
  mote_act_params_t p;
  int32_t shift;
  int32_t i;
  gate_q(s, MOTE_LSTM_FORGET, x, h, nb, b0, b3);
  gate_q(s, MOTE_LSTM_INPUT, x, h, nb, b1, b3);
  gate_q(s, MOTE_LSTM_CELL, x, h, nb, b2, b3);
  mul_q(b0, c, c, 0, &q->forget_mul, n);
  mul_q(b1, b2, b1, 0, &q->input_mul, n);
  for (i = 0; i < n; ++i) {
    c[i] = sat16((int32_t)c[i] + (int32_t)b1[i]);
  }
  if (q->clip) {
    const int16_t hi = (int16_t)q->cell_clip;
    const int16_t lo = (int16_t)-q->cell_clip;
    for (i = 0; i < n; ++i) {
      const int16_t v = (int16_t)(c[i] < hi ? c[i] : hi);
      c[i] = (int16_t)(v > lo ? v : lo);
    }
  }
  gate_q(s, MOTE_LSTM_OUTPUT, x, h, nb, b1, b3);
  /* tanh wants Q3.12: shift a 2^p cell scale left by p + 12, or below
   * 2^-12 multiply by 3 (the table's stretch) and round right. */
  memset(&p, 0, sizeof p);
  shift = 15 + q->cell_scale_power - 3;
  if (shift < 0) {
    p.input_multiplier = 3;
    shift = -shift;
  }
  p.input_left_shift = shift;
  mote_tanh_s16(&p, c, b0, n);
  mul_q(b0, b1, h, s->act_size == 1, &q->output_mul, n);
  memcpy(y, h, s->act_size * (size_t)n);
}

void mote_lstm_s8(const mote_lstm_dims_t *d, const mote_lstm_weights_t *w,
                  const mote_lstm_q_t *q, const int8_t *input,
                  int8_t *hidden, int16_t *cell, int8_t *output,
                  int16_t *scratch) {
  lstm_seq_t s;
  s.d = d;
  s.w = w;
  s.q = q;
  s.act_size = 1;
  s.cell_clip = 0.0f;
  run_sequence(&s, step_q, input, hidden, cell, sizeof(int16_t), output,
               scratch);
}

void mote_lstm_s16(const mote_lstm_dims_t *d, const mote_lstm_weights_t *w,
                   const mote_lstm_q_t *q, const int16_t *input,
                   int16_t *hidden, int16_t *cell, int16_t *output,
                   int16_t *scratch) {
  lstm_seq_t s;
  s.d = d;
  s.w = w;
  s.q = q;
  s.act_size = 2;
  s.cell_clip = 0.0f;
  run_sequence(&s, step_q, input, hidden, cell, sizeof(int16_t), output,
               scratch);
}
