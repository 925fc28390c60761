/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Multiply-accumulate counts, from the tensor shapes stored in the model.
 *
 * Only operators whose cost is dominated by multiply-accumulates are
 * counted; elementwise ops (ADD, MUL, activations), pooling and data
 * movement count 0, because calling their element operations MACs would
 * make the total meaningless as a compute figure. The formulas, with
 * TFLite's tensor layouts:
 *
 *   CONV_2D            output [N, OH, OW, OC], filter [OC, KH, KW, IC/groups]
 *                      N*OH*OW*OC * KH*KW*IC/groups
 *   DEPTHWISE_CONV_2D  output [N, OH, OW, OC], filter [1, KH, KW, OC]
 *                      N*OH*OW*OC * KH*KW
 *   FULLY_CONNECTED    weights [OUT, IN]: output elements (= batch*OUT) * IN
 *   LSTM, UNIDIRECTIONAL_SEQUENCE_LSTM
 *                      per step (batch row x time step) every weight matrix
 *                      is used once: steps * (elements of the 8 gate
 *                      weights + the projection weights), steps = input
 *                      elements / n_input
 *   SVDF               input [batch, IN], weights_feature [F, IN],
 *                      weights_time [F, MEMORY]:
 *                      batch * (F*IN + F*MEMORY)
 *
 * Counts are 64-bit: large convolutions overflow 32 bits quickly. Bias adds,
 * peepholes, layer norm and requantization are not counted.
 */
#include "cli.h"

/* Reads operator input / output `k` as a tensor; 0 when absent. */
static int op_tensor(const mote_model_t *m, uint32_t sg, uint32_t op,
                     uint32_t k, int output, mote_tensor_t *t) {
  int32_t ti = output ? mote_model_op_output(m, sg, op, k)
                      : mote_model_op_input(m, sg, op, k);
  if (ti < 0) {
    return 0;
  }
  return mote_model_tensor(m, sg, (uint32_t)ti, t) == MOTE_OK;
}

static uint64_t elements(const mote_tensor_t *t) {
  uint64_t n = 1;
  uint8_t i;
  for (i = 0; i < t->rank; i++) {
    n *= t->dims[i] > 0 ? (uint64_t)t->dims[i] : 0u;
  }
  return n;
}

static uint64_t dim(const mote_tensor_t *t, int i) {
  int32_t d = mote_tensor_dim(t, i);
  return d > 0 ? (uint64_t)d : 0u;
}

static uint64_t lstm_macs(const mote_model_t *m, uint32_t sg, uint32_t op) {
  /* Input-to-gate weights are inputs 1..4, recurrent-to-gate 5..8,
   * projection weights 16. */
  static const uint32_t weights[] = {1, 2, 3, 4, 5, 6, 7, 8, 16};
  mote_tensor_t in;
  mote_tensor_t w;
  uint64_t n_input;
  uint64_t per_step = 0;
  size_t i;
  if (!op_tensor(m, sg, op, 0, 0, &in) || !op_tensor(m, sg, op, 2, 0, &w)) {
    return 0;
  }
  /* input_to_forget_weights [n_cell, n_input] is never optional. */
  n_input = dim(&w, -1);
  if (n_input == 0) {
    return 0;
  }
  for (i = 0; i < sizeof weights / sizeof weights[0]; i++) {
    if (op_tensor(m, sg, op, weights[i], 0, &w)) {
      per_step += elements(&w);
    }
  }
  return elements(&in) / n_input * per_step;
}

static uint64_t svdf_macs(const mote_model_t *m, uint32_t sg, uint32_t op) {
  mote_tensor_t in;
  mote_tensor_t feature;
  mote_tensor_t time;
  uint64_t in_size;
  if (!op_tensor(m, sg, op, 0, 0, &in) ||
      !op_tensor(m, sg, op, 1, 0, &feature) ||
      !op_tensor(m, sg, op, 2, 0, &time)) {
    return 0;
  }
  in_size = dim(&feature, -1);
  if (in_size == 0) {
    return 0;
  }
  return elements(&in) / in_size * (elements(&feature) + elements(&time));
}

uint64_t cli_op_macs(const mote_model_t *m, uint32_t sg, uint32_t op) {
  mote_op_info_t info;
  mote_tensor_t out;
  mote_tensor_t filter;
  if (mote_model_op(m, sg, op, &info) != MOTE_OK) {
    return 0;
  }
  switch (info.builtin) {
  case MOTE_OP_CONV_2D:
    if (!op_tensor(m, sg, op, 0, 1, &out) ||
        !op_tensor(m, sg, op, 1, 0, &filter)) {
      return 0;
    }
    return elements(&out) * dim(&filter, 1) * dim(&filter, 2) *
           dim(&filter, 3);
  case MOTE_OP_DEPTHWISE_CONV_2D:
    if (!op_tensor(m, sg, op, 0, 1, &out) ||
        !op_tensor(m, sg, op, 1, 0, &filter)) {
      return 0;
    }
    return elements(&out) * dim(&filter, 1) * dim(&filter, 2);
  case MOTE_OP_FULLY_CONNECTED:
    if (!op_tensor(m, sg, op, 0, 1, &out) ||
        !op_tensor(m, sg, op, 1, 0, &filter)) {
      return 0;
    }
    return elements(&out) * dim(&filter, -1);
  case 16: /* LSTM: not a mote op code yet, same input layout */
  case MOTE_OP_UNIDIRECTIONAL_SEQUENCE_LSTM:
    return lstm_macs(m, sg, op);
  case MOTE_OP_SVDF:
    return svdf_macs(m, sg, op);
  default:
    return 0;
  }
}
