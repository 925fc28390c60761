/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM glue: TFLite Micro's kernel
 * (unidirectional_sequence_lstm.cc, lstm_eval_common.cc), whose prepare
 * this mirrors check for check. The arithmetic is in lstm_eval.c, the
 * derivation of the integer parameters in lstm_quant.c.
 *
 * TFLite Micro's current integer LSTM is the "lstm_eval" design: every
 * gate's two fully connected products are requantized straight to a fixed
 * Q3.12 gate input, and the gate outputs are Q0.15. The model's
 * intermediate tensors (the quantization carriers the older TFLite kernel
 * read) are not consulted, because TFLite Micro no longer reads them.
 * The hidden and cell states (inputs 18, 19) are variable tensors the
 * interpreter keeps across invocations; mote_interp_reset_state() sets
 * them back to real 0.
 *
 * Supported, as TFLite Micro: float32; int8 activations with int8 weights,
 * int32 bias and int16 cell state; int16 activations with int8 weights,
 * int64 bias and int16 cell state (version 5). Time-major and batch-major.
 * Refused by name, as TFLite Micro refuses them: peephole, projection,
 * layer normalisation and CIFG (coupled input / forget gate) variants,
 * diagonal recurrent weights, hybrid float / int8 models, per-channel or
 * asymmetric weights, a cell gate activation other than tanh, and state
 * tensors that are not variables.
 */
#include "kernels/unidirectional_sequence_lstm.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* UnidirectionalSequenceLSTMOptions, BuiltinOptions union index 71. */
#define LSTM_OPTIONS 71

/* Operator input indices (TFLite's lstm_shared.h). */
enum {
  IN_INPUT = 0,
  IN_W_IN = 1,   /* input, forget, cell, output: 1..4 */
  IN_W_REC = 5,  /* 5..8 */
  IN_PEEP = 9,   /* 9..11 */
  IN_BIAS = 12,  /* 12..15 */
  IN_PROJ = 16,  /* weights 16, bias 17 */
  IN_HIDDEN = 18,
  IN_CELL = 19,
  IN_NORM = 20,  /* 20..23 */
  IN_COUNT = 24
};

/* TFLite's position (input, forget, cell, output) of each gate in
 * lstm_eval.c's order (forget, input, cell, output: TFLite Micro's
 * evaluation order). */
static const uint8_t kGateSlot[MOTE_LSTM_GATES] = {1, 0, 2, 3};

typedef struct lstm_op {
  mote_lstm_dims_t d;
  mote_lstm_q_t q;
  float cell_clip;
  int32_t scratch;
  uint8_t type; /* activation type */
} lstm_op_t;

static int absent(const mote_tensor_t *t) {
  return (t->flags & MOTE_TENSOR_ABSENT) != 0;
}

/* Presence rules: the standard LSTM only. */
static mote_status_t check_variant(mote_kctx_t *ctx, const mote_tensor_t *t,
                                   mote_options_t *opt) {
  uint32_t i;
  for (i = 0; i < IN_COUNT; ++i) {
    const int optional_variant = (i >= IN_PEEP && i < IN_BIAS) ||
                                 i == IN_PROJ || i == IN_PROJ + 1 ||
                                 i >= IN_NORM;
    if (optional_variant && !absent(&t[i])) {
      return mote_kctx_fail(
          ctx, MOTE_ERR_UNSUPPORTED,
          "input %u is given: %s LSTM is not supported (TFLite Micro "
          "runs the standard LSTM only)",
          (unsigned)i,
          i < IN_BIAS ? "peephole" : i < IN_HIDDEN ? "projection"
                                                   : "layer-norm");
    }
    if (!optional_variant && absent(&t[i])) {
      return mote_kctx_fail(ctx,
                            i == 1 || i == 5 || i == 12
                                ? MOTE_ERR_UNSUPPORTED
                                : MOTE_ERR_BAD_SHAPE,
                            "input %u is missing%s", (unsigned)i,
                            i == 1 || i == 5 || i == 12
                                ? " (CIFG LSTM is not supported)"
                                : "");
    }
  }
  if ((t[IN_HIDDEN].flags & MOTE_TENSOR_VARIABLE) == 0 ||
      (t[IN_CELL].flags & MOTE_TENSOR_VARIABLE) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "inputs 18 (hidden state) and 19 (cell state) "
                          "must be variable tensors");
  }
  if (mote_options_bool(opt, 5, false)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "diagonal recurrent weights are not supported");
  }
  if (mote_options_u8(opt, 0, MOTE_ACT_NONE) != MOTE_ACT_TANH) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "cell gate activation %d is not supported (only "
                          "tanh)",
                          (int)mote_options_u8(opt, 0, MOTE_ACT_NONE));
  }
  return MOTE_OK;
}

static mote_status_t check_type(mote_kctx_t *ctx, const mote_tensor_t *t,
                                unsigned index, mote_type_t want) {
  if (t->type != want) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input %u%s has type %s; expected %s", index,
                          index == IN_CELL ? " (cell state)" : "",
                          mote_type_name((mote_type_t)t->type),
                          mote_type_name(want));
  }
  return MOTE_OK;
}

/* float32 throughout; int8 activations with int8 weights, int32 bias and
 * int16 cell; int16 activations with int8 weights, int64 bias, int16
 * cell. Hidden state and output have the activation type. */
static mote_status_t check_types(mote_kctx_t *ctx, const mote_tensor_t *t,
                                 const mote_tensor_t *out) {
  const mote_type_t act = (mote_type_t)t[IN_INPUT].type;
  const int f32 = act == MOTE_TYPE_FLOAT32;
  const mote_type_t weight = f32 ? MOTE_TYPE_FLOAT32 : MOTE_TYPE_INT8;
  const mote_type_t bias = f32                       ? MOTE_TYPE_FLOAT32
                           : act == MOTE_TYPE_INT8 ? MOTE_TYPE_INT32
                                                   : MOTE_TYPE_INT64;
  uint32_t i;
  mote_status_t st;
  if (!f32 && act != MOTE_TYPE_INT8 && act != MOTE_TYPE_INT16) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; supported: float32, int8, "
                          "int16",
                          mote_type_name(act));
  }
  if ((st = mote_check_type(ctx, out, act, "output 0")) != MOTE_OK ||
      (st = check_type(ctx, &t[IN_HIDDEN], IN_HIDDEN, act)) != MOTE_OK ||
      (st = check_type(ctx, &t[IN_CELL], IN_CELL,
                       f32 ? MOTE_TYPE_FLOAT32 : MOTE_TYPE_INT16)) !=
          MOTE_OK) {
    return st;
  }
  for (i = IN_W_IN; i < IN_PROJ; ++i) {
    if (i < IN_PEEP || i >= IN_BIAS) {
      st = check_type(ctx, &t[i], i, i < IN_PEEP ? weight : bias);
      if (st != MOTE_OK) {
        return st;
      }
    }
  }
  return MOTE_OK;
}

static mote_status_t check_dims(mote_kctx_t *ctx, const mote_tensor_t *t,
                                int rank, int32_t d0, int32_t d1,
                                unsigned index) {
  if (t->rank != rank || t->dims[0] != d0 || (rank == 2 && t->dims[1] != d1)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input %u has the wrong shape; expected [%d%s%d]",
                          index, (int)d0, rank == 2 ? ", " : "",
                          rank == 2 ? (int)d1 : 0);
  }
  return MOTE_OK;
}

static mote_status_t check_shapes(mote_kctx_t *ctx, const mote_tensor_t *t,
                                  const mote_tensor_t *out, int time_major,
                                  mote_lstm_dims_t *d) {
  const mote_tensor_t *in = &t[IN_INPUT];
  uint32_t i;
  mote_status_t st;
  if (in->rank != 3 || t[IN_HIDDEN].rank != 2) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 must have rank 3 and input 18 (hidden) "
                          "rank 2; they have %d and %d",
                          (int)in->rank, (int)t[IN_HIDDEN].rank);
  }
  d->time_major = time_major;
  d->batch = time_major ? in->dims[1] : in->dims[0];
  d->time = time_major ? in->dims[0] : in->dims[1];
  d->n_input = in->dims[2];
  d->n_state = t[IN_HIDDEN].dims[1];
  if (d->batch <= 0 || d->time <= 0 || d->n_input <= 0 || d->n_state <= 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "empty input 0 or hidden state");
  }
  for (i = IN_W_IN; i < IN_W_REC; ++i) {
    if ((st = check_dims(ctx, &t[i], 2, d->n_state, d->n_input, i)) !=
            MOTE_OK ||
        (st = check_dims(ctx, &t[i + 4], 2, d->n_state, d->n_state, i + 4)) !=
            MOTE_OK ||
        (st = check_dims(ctx, &t[i + 11], 1, d->n_state, 0, i + 11)) !=
            MOTE_OK) {
      return st;
    }
  }
  /* In 64 bits (the sizes come from the model); the scratch, four int16
   * or float rows per batch, must fit an int32 byte count too. */
  if ((int64_t)mote_tensor_elements(&t[IN_HIDDEN]) !=
          (int64_t)d->batch * d->n_state ||
      (int64_t)mote_tensor_elements(&t[IN_CELL]) !=
          (int64_t)d->batch * d->n_state ||
      (int64_t)d->batch * d->n_state * 16 > INT32_MAX) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "inputs 18 and 19 (states) must hold %d x %d "
                          "elements",
                          (int)d->batch, (int)d->n_state);
  }
  if (out->rank != 3 || out->dims[0] != in->dims[0] ||
      out->dims[1] != in->dims[1] || out->dims[2] != d->n_state) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 must be [%d, %d, %d]", (int)in->dims[0],
                          (int)in->dims[1], (int)d->n_state);
  }
  return MOTE_OK;
}

static mote_status_t per_tensor(mote_kctx_t *ctx, const mote_tensor_t *t,
                                unsigned index, int symmetric) {
  if (t->quant_count != 1 || !(t->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input %u must be quantized per tensor with a "
                          "positive scale (has %u scales)",
                          index, (unsigned)t->quant_count);
  }
  if (symmetric && t->zero_point != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input %u must have zero point 0, has %d", index,
                          (int)t->zero_point);
  }
  return MOTE_OK;
}

static mote_status_t prepare_quant(mote_kctx_t *ctx, const mote_tensor_t *t,
                                   lstm_op_t *op) {
  mote_lstm_scales_t s;
  int power = 0;
  int g;
  mote_status_t st;
  if ((st = per_tensor(ctx, &t[IN_INPUT], IN_INPUT, 0)) != MOTE_OK ||
      (st = per_tensor(ctx, &t[IN_HIDDEN], IN_HIDDEN, 0)) != MOTE_OK ||
      (st = per_tensor(ctx, &t[IN_CELL], IN_CELL, 0)) != MOTE_OK) {
    return st;
  }
  s.input = t[IN_INPUT].scale;
  s.input_zero_point = t[IN_INPUT].zero_point;
  s.hidden = t[IN_HIDDEN].scale;
  s.hidden_zero_point = t[IN_HIDDEN].zero_point;
  s.hidden16 = t[IN_INPUT].type == MOTE_TYPE_INT16;
  s.cell = t[IN_CELL].scale;
  s.cell_clip = op->cell_clip;
  for (g = 0; g < MOTE_LSTM_GATES; ++g) {
    const unsigned wi = (unsigned)(IN_W_IN + kGateSlot[g]);
    const unsigned wr = (unsigned)(IN_W_REC + kGateSlot[g]);
    if ((st = per_tensor(ctx, &t[wi], wi, 1)) != MOTE_OK ||
        (st = per_tensor(ctx, &t[wr], wr, 1)) != MOTE_OK) {
      return st;
    }
    s.w_in[g] = t[wi].scale;
    s.w_rec[g] = t[wr].scale;
  }
  if (mote_lstm_quantize(&s, &op->q, &power) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 19 (cell) scale rounds to 2^%d (supported: "
                          "2^-27 .. 2^3), or a rescale is too large (left "
                          "shift past 30, or 8 or more for 16x8)",
                          power);
  }
  return MOTE_OK;
}

static mote_status_t lstm_prepare(mote_kctx_t *ctx) {
  mote_tensor_t t[IN_COUNT];
  mote_tensor_t out;
  mote_options_t opt;
  lstm_op_t *op;
  void *mem = NULL;
  uint32_t i;
  size_t elem;
  mote_status_t st;
  if (mote_kctx_input_count(ctx) != IN_COUNT ||
      mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "needs 24 inputs and 1 output, has %u and %u",
                          mote_kctx_input_count(ctx),
                          mote_kctx_output_count(ctx));
  }
  for (i = 0; i < IN_COUNT; ++i) {
    if ((st = mote_kctx_input(ctx, i, &t[i])) != MOTE_OK) {
      return st;
    }
  }
  if ((st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, LSTM_OPTIONS, &opt)) != MOTE_OK ||
      (st = check_variant(ctx, t, &opt)) != MOTE_OK ||
      (st = check_types(ctx, t, &out)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (lstm_op_t *)mem;
  op->type = t[IN_INPUT].type;
  st = check_shapes(ctx, t, &out, mote_options_bool(&opt, 3, false) ? 1 : 0,
                    &op->d);
  if (st != MOTE_OK) {
    return st;
  }
  op->cell_clip = mote_options_f32(&opt, 1, 0.0f);
  if (!(op->cell_clip >= 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "cell_clip must not be negative");
  }
  elem = sizeof(float);
  if (op->type != MOTE_TYPE_FLOAT32) {
    elem = sizeof(int16_t);
    if ((st = prepare_quant(ctx, t, op)) != MOTE_OK) {
      return st;
    }
  }
  st = mote_kctx_request_scratch(
      ctx, elem * (size_t)mote_lstm_scratch_elems(&op->d), &op->scratch);
  if (st == MOTE_OK) {
    mote_kctx_set_user_data(ctx, op);
  }
  return st;
}

static mote_status_t lstm_invoke(mote_kctx_t *ctx) {
  const lstm_op_t *op = (const lstm_op_t *)mote_kctx_user_data(ctx);
  void *scratch = mote_kctx_scratch(ctx, op->scratch);
  const void *in = mote_kctx_input_data(ctx, IN_INPUT);
  void *hidden = mote_kctx_input_data(ctx, IN_HIDDEN);
  void *cell = mote_kctx_input_data(ctx, IN_CELL);
  void *out = mote_kctx_output_data(ctx, 0);
  mote_lstm_weights_t w;
  int g;
  for (g = 0; g < MOTE_LSTM_GATES; ++g) {
    w.w_in[g] = mote_kctx_input_data(ctx, (uint32_t)(IN_W_IN + kGateSlot[g]));
    w.w_rec[g] = mote_kctx_input_data(ctx, (uint32_t)(IN_W_REC + kGateSlot[g]));
    w.bias[g] = mote_kctx_input_data(ctx, (uint32_t)(IN_BIAS + kGateSlot[g]));
  }
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_lstm_f32(&op->d, &w, op->cell_clip, (const float *)in, (float *)hidden,
                  (float *)cell, (float *)out, (float *)scratch);
    break;
  case MOTE_TYPE_INT8:
    mote_lstm_s8(&op->d, &w, &op->q, (const int8_t *)in, (int8_t *)hidden,
                 (int16_t *)cell, (int8_t *)out, (int16_t *)scratch);
    break;
  default:
    mote_lstm_s16(&op->d, &w, &op->q, (const int16_t *)in, (int16_t *)hidden,
                  (int16_t *)cell, (int16_t *)out, (int16_t *)scratch);
    break;
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_unidirectional_sequence_lstm = {
    "UNIDIRECTIONAL_SEQUENCE_LSTM", 5, lstm_prepare, lstm_invoke};
