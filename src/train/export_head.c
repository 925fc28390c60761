/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The exported head (export_internal.h): its tensors and operators, and
 * its numbers. The first layer's weights carry the standardisation
 * (w / sigma, b - sum w mu / sigma). The int8 head follows TFLite's
 * quantization spec: weights int8 symmetric per output channel (scale
 * max |w| / 127), biases int32 at input scale x weight scale, activations
 * int8 asymmetric over ranges that hold 0, measured by running the float
 * head over the replay buffer (the examples the head was trained on),
 * softmax output 1/256, -128. Values are computed as they are written,
 * row by row, so no scratch holds a quantized copy.
 *
 * Rejected: per-tensor weight scales (one large row would coarsen every
 * other); ranges from interval arithmetic over the int8 input range (far
 * wider than the data, so coarser steps where the data lies).
 */
#include <math.h>
#include <string.h>

#include "mote/ops.h"
#include "train/export_internal.h"

#define ACT_RELU 1

/* --- the head's numbers -------------------------------------------------- */

static uint32_t layer_in(const exporter_t *e, uint32_t k) {
  return k == 0 ? e->l->cfg_.feature_count : e->l->cfg_.hidden_units;
}

static uint32_t layer_out(const exporter_t *e, uint32_t k) {
  return k + 1u == e->layers ? e->l->class_count_ : e->l->cfg_.hidden_units;
}

/* Weights [out][in] and biases of layer k in the learner's parameters. */
static const float *layer_w(const exporter_t *e, uint32_t k) {
  const mote_learner_config_t *c = &e->l->cfg_;
  const size_t first = (size_t)c->hidden_units * c->feature_count + c->hidden_units;
  return e->l->params_ + (e->layers == 2 && k == 1 ? first : 0u);
}

static const float *layer_b(const exporter_t *e, uint32_t k) {
  const mote_learner_config_t *c = &e->l->cfg_;
  const size_t rows = e->layers == 2 && k == 0 ? c->hidden_units : c->max_classes;
  return layer_w(e, k) + rows * layer_in(e, k);
}

/* Weight (o, i) of layer k, the first layer's with the standardisation
 * folded in. */
static float weight(const exporter_t *e, uint32_t k, uint32_t o, uint32_t i) {
  float w = layer_w(e, k)[(size_t)o * layer_in(e, k) + i];
  if (k == 0) {
    float mean, sigma;
    mote_learner_standardizer(e->l, i, &mean, &sigma);
    w /= sigma;
  }
  return w;
}

static float bias(const exporter_t *e, uint32_t k, uint32_t o) {
  float b = layer_b(e, k)[o];
  uint32_t i;
  if (k == 0) {
    for (i = 0; i < layer_in(e, 0); i++) {
      float mean, sigma;
      mote_learner_standardizer(e->l, i, &mean, &sigma);
      b -= layer_w(e, 0)[(size_t)o * layer_in(e, 0) + i] * mean / sigma;
    }
  }
  return b;
}

/* Symmetric int8 scale of output channel o of layer k. */
static float weight_scale(const exporter_t *e, uint32_t k, uint32_t o) {
  float top = 0.0f;
  uint32_t i;
  for (i = 0; i < layer_in(e, k); i++) {
    const float a = fabsf(weight(e, k, o, i));
    top = a > top ? a : top;
  }
  return top > 0.0f ? top / 127.0f : 1.0f;
}

static float input_scale(const exporter_t *e, uint32_t k) {
  return k == 0 ? e->l->cfg_.feature_scale : e->act_scale[0];
}

/* Asymmetric int8 parameters of the range [lo, hi] widened to hold 0. */
static void choose_q(float lo, float hi, float *scale, int32_t *zp) {
  float z;
  lo = lo < 0.0f ? lo : 0.0f;
  hi = hi > 0.0f ? hi : 0.0f;
  if (!(hi - lo > 1e-6f)) {
    hi = lo + 1e-6f;
  }
  *scale = (hi - lo) / 255.0f;
  z = roundf(-128.0f - lo / *scale);
  *zp = z < -128.0f ? -128 : z > 127.0f ? 127 : (int32_t)z;
}

/* Activation ranges of the float head over the replay buffer. */
void mote_export_calibrate(exporter_t *e) {
  const mote_learner_t *l = e->l;
  float hmax = 0.0f, lmin = 0.0f, lmax = 0.0f;
  uint32_t r, i;
  for (r = 0; r < l->replay_count_; r++) {
    mote_learner_head_forward(l, mote_replay_features(l, r));
    for (i = 0; e->layers == 2 && i < l->cfg_.hidden_units; i++) {
      hmax = l->h_[i] > hmax ? l->h_[i] : hmax;
    }
    for (i = 0; i < l->class_count_; i++) {
      lmin = l->logits_[i] < lmin ? l->logits_[i] : lmin;
      lmax = l->logits_[i] > lmax ? l->logits_[i] : lmax;
    }
  }
  if (e->layers == 2) {
    choose_q(0.0f, hmax, &e->act_scale[0], &e->act_zp[0]);
  }
  choose_q(lmin, lmax, &e->act_scale[e->layers - 1u], &e->act_zp[e->layers - 1u]);
}

/* --- the head's graph ---------------------------------------------------- */

static int32_t add_tensor(exporter_t *e, uint8_t role, uint32_t k, uint8_t type,
                          int32_t d0, int32_t d1, uint32_t rank, const char *name) {
  htensor_t *t = &e->t[e->nt];
  t->role = role;
  t->layer = (uint8_t)k;
  t->type = type;
  t->shape_n = rank;
  t->shape[0] = d0;
  t->shape[1] = d1;
  t->buffer = role == R_W || role == R_B ? e->nbuf++ : 0u;
  t->name = name;
  t->base_shape = 0;
  return (int32_t)(e->n_t + e->nt++);
}

static void add_op(exporter_t *e, int32_t code, int32_t a, int32_t b, int32_t c,
                   int32_t out, uint8_t act) {
  hop_t *o = &e->op[e->nop++];
  o->code = code;
  o->in[0] = a;
  o->in[1] = b;
  o->in[2] = c;
  o->nin = b < 0 ? 1u : 3u;
  o->out = out;
  o->act = act;
}

void mote_export_build_head(exporter_t *e) {
  static const char *const names[2][3] = {
      {"head/fc0/weights", "head/fc0/bias", "head/fc0/output"},
      {"head/fc1/weights", "head/fc1/bias", "head/fc1/output"}};
  const uint8_t act_type = e->int8 ? (uint8_t)MOTE_TYPE_INT8 : (uint8_t)MOTE_TYPE_FLOAT32;
  const uint8_t bias_type = e->int8 ? (uint8_t)MOTE_TYPE_INT32 : (uint8_t)MOTE_TYPE_FLOAT32;
  int32_t x = e->l->cut_;
  uint32_t k;
  e->nbuf = 1; /* new buffer 0: the empty one, for activations */
  if (!e->int8 && e->l->cfg_.feature_type == MOTE_TYPE_INT8) {
    const int32_t d = add_tensor(e, R_DEQ, 0, (uint8_t)MOTE_TYPE_FLOAT32, 1,
                                 (int32_t)e->l->cfg_.feature_count, 2, "head/dequantize");
    /* The dequantized copy has the cut's shape, whatever its rank. */
    e->t[e->nt - 1u].base_shape = mote_fb_ref(
        &e->fb, mote_fb_vec_table(&e->fb, e->tensors, (uint32_t)x), MOTE_TENSOR_SHAPE);
    add_op(e, MOTE_OP_DEQUANTIZE, x, -1, -1, d, 0);
    x = d;
  }
  for (k = 0; k < e->layers && k < 2u; k++) { /* at most two layers */
    const int32_t out = (int32_t)layer_out(e, k);
    const int32_t w = add_tensor(e, R_W, k, act_type, out, (int32_t)layer_in(e, k), 2,
                                 names[k][0]);
    const int32_t b = add_tensor(e, R_B, k, bias_type, out, 0, 1, names[k][1]);
    const int32_t a = add_tensor(e, R_ACT, k, act_type, 1, out, 2, names[k][2]);
    add_op(e, MOTE_OP_FULLY_CONNECTED, x, w, b, a,
           k + 1u < e->layers ? (uint8_t)ACT_RELU : (uint8_t)0);
    x = a;
  }
  add_op(e, MOTE_OP_SOFTMAX, x, -1, -1,
         add_tensor(e, R_PROB, 0, act_type, 1, (int32_t)e->l->class_count_, 2,
                    "head/probabilities"),
         0);
}

/* Quantization of head tensor t: channel count (0 for none), scale and
 * zero point of channel c. */
uint32_t mote_export_quant_count(const exporter_t *e, const htensor_t *t) {
  if (!e->int8) {
    return 0;
  }
  return t->role == R_W || t->role == R_B ? (uint32_t)t->shape[0] : 1u;
}

float mote_export_quant_scale(const exporter_t *e, const htensor_t *t, uint32_t c) {
  switch (t->role) {
    case R_W: return weight_scale(e, t->layer, c);
    case R_B: return input_scale(e, t->layer) * weight_scale(e, t->layer, c);
    case R_ACT: return e->act_scale[t->layer];
    default: return 1.0f / 256.0f;
  }
}

int32_t mote_export_quant_zp(const exporter_t *e, const htensor_t *t) {
  return t->role == R_ACT ? e->act_zp[t->layer] : t->role == R_PROB ? -128 : 0;
}

uint32_t mote_export_data_bytes(const exporter_t *e, const htensor_t *t) {
  const uint32_t n = (uint32_t)t->shape[0] * (t->shape_n == 2 ? (uint32_t)t->shape[1] : 1u);
  return t->role == R_W && e->int8 ? n : 4u * n;
}

static int32_t clamp_round(float v, float lo, float hi) {
  v = roundf(v);
  return v < lo ? (int32_t)lo : v > hi ? (int32_t)hi : (int32_t)v;
}

void mote_export_write_data(mote_fbw_t *w, const exporter_t *e, const htensor_t *t) {
  const uint32_t k = t->layer;
  uint32_t o, i;
  for (o = 0; o < (uint32_t)t->shape[0]; o++) {
    const float s = e->int8 ? weight_scale(e, k, o) : 1.0f;
    if (t->role == R_B) {
      const float b = bias(e, k, o);
      if (e->int8) {
        mote_fbw_u32(w, (uint32_t)clamp_round(b / (input_scale(e, k) * s),
                                              -2147483520.0f, 2147483520.0f));
      } else {
        mote_fbw_f32(w, b);
      }
      continue;
    }
    for (i = 0; i < layer_in(e, k); i++) {
      const float v = weight(e, k, o, i);
      if (e->int8) {
        mote_fbw_u8(w, (uint8_t)(clamp_round(v / s, -127.0f, 127.0f) & 0xFF));
      } else {
        mote_fbw_f32(w, v);
      }
    }
  }
}
