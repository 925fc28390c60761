/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM compute functions, framework-free.
 *
 * The standard (Keras) LSTM cell TFLite Micro implements: four gates, no
 * peephole, projection, layer normalisation or coupled input/forget gate.
 * For every time step:
 *   gate_g = act_g(W_g x_t + b_g + R_g h)   g = forget, input, cell, output
 *            (sigmoid; tanh for the cell gate)
 *   c      = forget * c + input * cell      (then clipped to +-cell_clip)
 *   h      = output * tanh(c)
 *   y_t    = h
 * h and c are the caller's state (variable tensors) and carry over between
 * invocations.
 *
 * Layouts (row-major, as TFLite):
 *   input   [batch][time][n_input], or [time][batch][n_input] time-major
 *   output  [batch][time][n_state], or [time][batch][n_state] time-major
 *   w_in[g] [n_state][n_input], w_rec[g] [n_state][n_state], bias[g]
 *           [n_state]
 *   hidden, cell [batch][n_state]
 *   scratch 4 x step_batch x n_state (float, or int16 for the integer
 *           variants), step_batch = batch when time-major, else 1
 *
 * Integer variants: gate pre-activations are int16 Q3.12 (each of the two
 * fully connected products requantized to 2^-12 and saturating-added),
 * gate outputs Q0.15, the cell state int16 with a power-of-two scale.
 */
#ifndef MOTE_KERNELS_UNIDIRECTIONAL_SEQUENCE_LSTM_H
#define MOTE_KERNELS_UNIDIRECTIONAL_SEQUENCE_LSTM_H

#include <stdint.h>

#include "mote/status.h"

/* Gate order of the arrays below. */
enum {
  MOTE_LSTM_FORGET = 0,
  MOTE_LSTM_INPUT = 1,
  MOTE_LSTM_CELL = 2,
  MOTE_LSTM_OUTPUT = 3,
  MOTE_LSTM_GATES = 4
};

typedef struct mote_lstm_dims {
  int32_t batch;
  int32_t time;
  int32_t n_input;
  int32_t n_state;
  int32_t time_major; /* nonzero: input / output are [time][batch][...] */
} mote_lstm_dims_t;

/* Weights and biases per gate; element types as the variant says. */
typedef struct mote_lstm_weights {
  const void *w_in[MOTE_LSTM_GATES];
  const void *w_rec[MOTE_LSTM_GATES];
  const void *bias[MOTE_LSTM_GATES];
} mote_lstm_weights_t;

/* One fully connected product into the gate domain (Q3.12, int16). */
typedef struct mote_lstm_fc_q {
  int32_t multiplier;
  int32_t shift;
  int32_t input_offset; /* minus the input (or hidden) zero point */
} mote_lstm_fc_q_t;

/* One element-wise product of two Q0.15 / cell values. */
typedef struct mote_lstm_mul_q {
  int32_t multiplier;
  int32_t shift;
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
} mote_lstm_mul_q_t;

typedef struct mote_lstm_q {
  mote_lstm_fc_q_t fc_in[MOTE_LSTM_GATES];
  mote_lstm_fc_q_t fc_rec[MOTE_LSTM_GATES];
  mote_lstm_mul_q_t forget_mul; /* forget x cell -> cell */
  mote_lstm_mul_q_t input_mul;  /* input x cell gate -> cell */
  mote_lstm_mul_q_t output_mul; /* tanh(cell) x output -> hidden */
  int32_t cell_scale_power;     /* cell scale = 2^cell_scale_power */
  int32_t clip;                 /* nonzero: clip the cell state */
  int32_t cell_clip;            /* quantized clip bound (may be 0) */
} mote_lstm_q_t;

/* The scales and zero points an integer LSTM is quantized with: what
 * TFLite Micro's prepare reads from the tensors. Gate order as above. */
typedef struct mote_lstm_scales {
  float input;
  int32_t input_zero_point;
  float hidden; /* hidden state and output */
  int32_t hidden_zero_point;
  int32_t hidden16; /* nonzero: int16 activations (16x8), else int8 */
  float cell;
  float cell_clip; /* real units; <= 0: no clipping */
  float w_in[MOTE_LSTM_GATES];
  float w_rec[MOTE_LSTM_GATES];
} mote_lstm_scales_t;

/*
 * Derives the integer parameters as TFLite Micro's prepare does
 * (lstm_quant.c says how). MOTE_ERR_UNSUPPORTED, with *q filled all the
 * same, when the cell scale is not within a rounding of 2^-27 .. 2^3
 * (*power says which power it rounded to) or a rescale would shift left
 * by more than 30 (by 8 or more for a 16x8 gate product, where TFLite's
 * 64-bit requantization is not defined).
 */
mote_status_t mote_lstm_quantize(const mote_lstm_scales_t *s,
                                 mote_lstm_q_t *q, int *power);

/* Scratch elements (not bytes) every variant needs. */
int32_t mote_lstm_scratch_elems(const mote_lstm_dims_t *d);

/* float32 weights and biases; cell_clip <= 0 means no clipping. */
void mote_lstm_f32(const mote_lstm_dims_t *d, const mote_lstm_weights_t *w,
                   float cell_clip, const float *input, float *hidden,
                   float *cell, float *output, float *scratch);

/* int8 input / hidden / output, int8 weights, int32 bias, int16 cell. */
void mote_lstm_s8(const mote_lstm_dims_t *d, const mote_lstm_weights_t *w,
                  const mote_lstm_q_t *q, const int8_t *input,
                  int8_t *hidden, int16_t *cell, int8_t *output,
                  int16_t *scratch);

/* 16x8: int16 input / hidden / output, int8 weights, int64 bias, int16
 * cell; the products accumulate in int64 and use TFLite's 64-bit
 * requantization (every fc shift must be below 8). */
void mote_lstm_s16(const mote_lstm_dims_t *d, const mote_lstm_weights_t *w,
                   const mote_lstm_q_t *q, const int16_t *input,
                   int16_t *hidden, int16_t *cell, int16_t *output,
                   int16_t *scratch);

#endif /* MOTE_KERNELS_UNIDIRECTIONAL_SEQUENCE_LSTM_H */
