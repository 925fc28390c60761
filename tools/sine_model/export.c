/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Exporting the sine MLP as .tflite: float32 as is, and int8 after
 * post-training quantization done the way the TFLite converter does it.
 *
 * Quantization (full integer, int8):
 *   - activations (model input, both hidden outputs, model output):
 *     asymmetric, from the min / max seen while running the float model
 *     over the calibration inputs, the range widened to include 0, the zero
 *     point nudged to an integer from whichever end gives the smaller error
 *     (TFLite's GetAsymmetricQuantizationParams);
 *   - weights: symmetric per tensor, zero point 0, values in [-127, 127]
 *     (the narrow range TFLite uses for weights), scale max|w| / 127;
 *   - biases: int32, scale input_scale * weight_scale, zero point 0.
 * Per-tensor weights match TFLM's own hello_world_int8.tflite.
 *
 * The int8 forward pass here uses TFLite's reference fixed-point arithmetic
 * (QuantizeMultiplier, SaturatingRoundingDoublingHighMul and
 * RoundingDivideByPOT), so its numbers are what a correct int8
 * FULLY_CONNECTED kernel must produce.
 *
 * Operator versions follow the converter: FULLY_CONNECTED version 1 for
 * float, 4 for int8 activations and weights with an int32 bias.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sine_model.h"
#include "tflite_build.h"

#define OP_FULLY_CONNECTED 9
#define TYPE_FLOAT32 0
#define TYPE_INT32 2
#define TYPE_INT8 9
#define FC_FUSED_ACTIVATION 0 /* FullyConnectedOptions field */
#define ACT_RELU 1

/* ---- quantization ----------------------------------------------------- */

static sine_qparams_t asymmetric_params(double rmin, double rmax) {
  const double qmin = -128.0, qmax = 127.0;
  sine_qparams_t q;
  double scale, zp_min, zp_max, err_min, err_max, zp;
  if (rmin > 0.0) {
    rmin = 0.0;
  }
  if (rmax < 0.0) {
    rmax = 0.0;
  }
  if (rmax == rmin) { /* an all-zero tensor */
    q.scale = 1.0f;
    q.zero_point = 0;
    return q;
  }
  scale = (rmax - rmin) / (qmax - qmin);
  zp_min = qmin - rmin / scale;
  zp_max = qmax - rmax / scale;
  err_min = fabs(qmin) + fabs(rmin / scale);
  err_max = fabs(qmax) + fabs(rmax / scale);
  zp = err_min < err_max ? zp_min : zp_max;
  q.scale = (float)scale;
  if (zp < qmin) {
    q.zero_point = (int32_t)qmin;
  } else if (zp > qmax) {
    q.zero_point = (int32_t)qmax;
  } else {
    q.zero_point = (int32_t)lround(zp);
  }
  return q;
}

static float quantize_weights(const double *w, int n, int8_t *out) {
  double maxabs = 0.0;
  float scale;
  int i;
  for (i = 0; i < n; i++) {
    double a = fabs((double)(float)w[i]);
    if (a > maxabs) {
      maxabs = a;
    }
  }
  scale = maxabs > 0.0 ? (float)(maxabs / 127.0) : 1.0f;
  for (i = 0; i < n; i++) {
    long v = lround((double)(float)w[i] / (double)scale);
    out[i] = (int8_t)(v > 127 ? 127 : v < -127 ? -127 : v);
  }
  return scale;
}

static void quantize_bias(const double *b, int n, float in_scale,
                          float w_scale, int32_t *out) {
  float scale = (float)((double)in_scale * (double)w_scale);
  int i;
  for (i = 0; i < n; i++) {
    double r = (double)(float)b[i] / (double)scale;
    if (r > 2147483647.0) r = 2147483647.0;
    if (r < -2147483647.0) r = -2147483647.0;
    out[i] = (int32_t)llround(r);
  }
}

/* Float32 forward pass that also reports both hidden layers. */
static float forward_acts(const sine_mlp_t *mlp, float x, float *h1,
                          float *h2) {
  const double *p = mlp->p;
  float y = 0.0f;
  int i, j;
  for (i = 0; i < SINE_HIDDEN; i++) {
    float a = (float)p[SINE_W1 + i] * x + (float)p[SINE_B1 + i];
    h1[i] = a > 0.0f ? a : 0.0f;
  }
  for (i = 0; i < SINE_HIDDEN; i++) {
    float a = 0.0f;
    for (j = 0; j < SINE_HIDDEN; j++) {
      a += (float)p[SINE_W2 + i * SINE_HIDDEN + j] * h1[j];
    }
    a += (float)p[SINE_B2 + i];
    h2[i] = a > 0.0f ? a : 0.0f;
    y += (float)p[SINE_W3 + i] * h2[i];
  }
  return y + (float)p[SINE_B3];
}

void sine_quantize(const sine_mlp_t *mlp, const double *cal, int ncal,
                   sine_qmodel_t *q) {
  double lo[4] = {0, 0, 0, 0}, hi[4] = {0, 0, 0, 0};
  float h1[SINE_HIDDEN], h2[SINE_HIDDEN];
  int i, k;

  memset(q, 0, sizeof *q);
  for (i = 0; i < ncal; i++) {
    float x = (float)cal[i];
    float y = forward_acts(mlp, x, h1, h2);
    double v[4];
    v[0] = x;
    v[1] = h1[0];
    v[2] = h2[0];
    v[3] = y;
    for (k = 0; k < SINE_HIDDEN; k++) {
      if (h1[k] > v[1]) v[1] = h1[k];
      if (h2[k] > v[2]) v[2] = h2[k];
    }
    /* Hidden outputs are post-ReLU: their minimum is 0, already in the
     * initial range; only their maxima need tracking. */
    for (k = 0; k < 4; k++) {
      if (i == 0 || v[k] < lo[k]) lo[k] = v[k];
      if (i == 0 || v[k] > hi[k]) hi[k] = v[k];
    }
  }
  lo[1] = lo[2] = 0.0;
  q->input = asymmetric_params(lo[0], hi[0]);
  q->act1 = asymmetric_params(lo[1], hi[1]);
  q->act2 = asymmetric_params(lo[2], hi[2]);
  q->output = asymmetric_params(lo[3], hi[3]);

  q->wscale[0] = quantize_weights(mlp->p + SINE_W1, SINE_HIDDEN, q->w1);
  q->wscale[1] =
      quantize_weights(mlp->p + SINE_W2, SINE_HIDDEN * SINE_HIDDEN, q->w2);
  q->wscale[2] = quantize_weights(mlp->p + SINE_W3, SINE_HIDDEN, q->w3);
  quantize_bias(mlp->p + SINE_B1, SINE_HIDDEN, q->input.scale, q->wscale[0],
                q->b1);
  quantize_bias(mlp->p + SINE_B2, SINE_HIDDEN, q->act1.scale, q->wscale[1],
                q->b2);
  quantize_bias(mlp->p + SINE_B3, 1, q->act2.scale, q->wscale[2], q->b3);
}

/* ---- TFLite reference fixed-point arithmetic --------------------------- */

static void quantize_multiplier(double m, int32_t *q, int *shift) {
  double f;
  long long qf;
  if (m == 0.0) {
    *q = 0;
    *shift = 0;
    return;
  }
  f = frexp(m, shift);
  qf = llround(f * 2147483648.0);
  if (qf == 2147483648LL) {
    qf /= 2;
    ++*shift;
  }
  if (*shift < -31) {
    *shift = 0;
    qf = 0;
  }
  *q = (int32_t)qf;
}

static int32_t rounding_doubling_high_mul(int32_t a, int32_t b) {
  int64_t ab;
  int64_t nudge;
  if (a == b && a == INT32_MIN) {
    return INT32_MAX;
  }
  ab = (int64_t)a * (int64_t)b;
  nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

static int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
  int32_t remainder = x & mask;
  int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  /* Arithmetic (flooring) shift, written without relying on how the
   * compiler shifts negative numbers. */
  int32_t shifted =
      x >= 0 ? x >> exponent
             : (int32_t)(-((-(int64_t)x - 1) >> exponent) - 1);
  return shifted + (remainder > threshold ? 1 : 0);
}

static int32_t multiply_by_quantized_multiplier(int32_t x, int32_t q,
                                                int shift) {
  int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
  int64_t scaled = (int64_t)x * ((int64_t)1 << left);
  if (scaled > INT32_MAX) scaled = INT32_MAX;
  if (scaled < INT32_MIN) scaled = INT32_MIN;
  return rounding_divide_by_pot(
      rounding_doubling_high_mul((int32_t)scaled, q), right);
}

static void fc_int8(const int8_t *in, int nin, sine_qparams_t inq,
                    const int8_t *w, float wscale, const int32_t *bias,
                    int nout, sine_qparams_t outq, int relu, int8_t *out) {
  double real = (double)inq.scale * (double)wscale / (double)outq.scale;
  int32_t mult, lo = relu ? (outq.zero_point > -128 ? outq.zero_point : -128)
                          : -128;
  int shift, i, j;
  quantize_multiplier(real, &mult, &shift);
  for (i = 0; i < nout; i++) {
    int32_t acc = bias[i];
    for (j = 0; j < nin; j++) {
      acc += (int32_t)w[i * nin + j] * ((int32_t)in[j] - inq.zero_point);
    }
    acc = multiply_by_quantized_multiplier(acc, mult, shift) +
          outq.zero_point;
    if (acc < lo) acc = lo;
    if (acc > 127) acc = 127;
    out[i] = (int8_t)acc;
  }
}

float sine_forward_int8(const sine_qmodel_t *q, float x) {
  int8_t xq[1], h1[SINE_HIDDEN], h2[SINE_HIDDEN], y[1];
  long v = lroundf(x / q->input.scale) + q->input.zero_point;
  xq[0] = (int8_t)(v > 127 ? 127 : v < -128 ? -128 : v);
  fc_int8(xq, 1, q->input, q->w1, q->wscale[0], q->b1, SINE_HIDDEN, q->act1,
          1, h1);
  fc_int8(h1, SINE_HIDDEN, q->act1, q->w2, q->wscale[1], q->b2, SINE_HIDDEN,
          q->act2, 1, h2);
  fc_int8(h2, SINE_HIDDEN, q->act2, q->w3, q->wscale[2], q->b3, 1, q->output,
          0, y);
  return q->output.scale * (float)(y[0] - q->output.zero_point);
}

/* ---- serialization ---------------------------------------------------- */

static void put_le32(uint8_t *dst, uint32_t v) {
  dst[0] = (uint8_t)v;
  dst[1] = (uint8_t)(v >> 8);
  dst[2] = (uint8_t)(v >> 16);
  dst[3] = (uint8_t)(v >> 24);
}

/* Little-endian float32 bytes of n doubles, into a buffer of the model. */
static int add_f32_buffer(tfb_model_t *m, const double *v, int n) {
  uint8_t bytes[SINE_HIDDEN * SINE_HIDDEN * 4];
  int i;
  for (i = 0; i < n; i++) {
    float f = (float)v[i];
    uint32_t u;
    memcpy(&u, &f, 4);
    put_le32(bytes + 4 * i, u);
  }
  return tfb_add_buffer(m, bytes, (size_t)n * 4);
}

static int add_i32_buffer(tfb_model_t *m, const int32_t *v, int n) {
  uint8_t bytes[SINE_HIDDEN * 4];
  int i;
  for (i = 0; i < n; i++) {
    put_le32(bytes + 4 * i, (uint32_t)v[i]);
  }
  return tfb_add_buffer(m, bytes, (size_t)n * 4);
}

/* The converter records the oldest TFLite runtime that has every op
 * version used, as a 16-byte zero-padded string. */
static void add_runtime_metadata(tfb_model_t *m, const char *version) {
  char text[16];
  memset(text, 0, sizeof text);
  strncpy(text, version, sizeof text - 1);
  tfb_add_metadata(m, "min_runtime_version",
                   tfb_add_buffer(m, text, sizeof text));
}

/* Tensors and ops shared by both models. Tensor layout:
 *   0 input [1,1]          1 dense_1/weights [16,1]   2 dense_1/bias [16]
 *   3 dense_1/relu [1,16]  4 dense_2/weights [16,16]  5 dense_2/bias [16]
 *   6 dense_2/relu [1,16]  7 dense_3/weights [1,16]   8 dense_3/bias [1]
 *   9 output [1,1]
 * `wbuf` / `bbuf` are the weight / bias buffers of the three layers;
 * `aq` are the quantization parameters of input, act1, act2, output and
 * `wq`, `bq` those of the weights and biases (all NULL for float). */
static int add_graph(tfb_model_t *m, int version, int wtype, int btype,
                     const int *wbuf, const int *bbuf,
                     const sine_qparams_t *aq, const float *wq,
                     const float *bq) {
  static const char *const names[10] = {
      "input",           "dense_1/weights", "dense_1/bias", "dense_1/relu",
      "dense_2/weights", "dense_2/bias",    "dense_2/relu", "dense_3/weights",
      "dense_3/bias",    "output"};
  const int32_t s11[2] = {1, 1}, s116[2] = {1, SINE_HIDDEN};
  const int32_t s161[2] = {SINE_HIDDEN, 1}, s16[1] = {SINE_HIDDEN};
  const int32_t s1616[2] = {SINE_HIDDEN, SINE_HIDDEN}, s1[1] = {1};
  const int32_t *wshape[3] = {s161, s1616, s116};
  const int32_t *bshape[3] = {s16, s16, s1};
  const int32_t *oshape[3] = {s116, s116, s11};
  int atype = wq != NULL ? TYPE_INT8 : TYPE_FLOAT32;
  int fc = tfb_add_opcode(m, OP_FULLY_CONNECTED, NULL, version);
  int64_t zp_in = aq ? aq[0].zero_point : 0;
  int layer, prev;
  int32_t io[2];

  prev = tfb_add_tensor(m, names[0], atype, s11, 2, 0,
                        aq ? &aq[0].scale : NULL, &zp_in, aq ? 1 : 0, 0,
                        false);
  for (layer = 0; layer < 3; layer++) {
    tfb_options_t o;
    int32_t ins[3], outs[1];
    int64_t zp_out = aq ? aq[layer + 1].zero_point : 0;
    ins[0] = prev;
    ins[1] = tfb_add_tensor(m, names[1 + 3 * layer], wtype, wshape[layer], 2,
                            wbuf[layer], wq ? &wq[layer] : NULL, NULL,
                            wq ? 1 : 0, 0, false);
    ins[2] = tfb_add_tensor(m, names[2 + 3 * layer], btype, bshape[layer], 1,
                            bbuf[layer], bq ? &bq[layer] : NULL, NULL,
                            bq ? 1 : 0, 0, false);
    outs[0] = tfb_add_tensor(m, names[3 + 3 * layer], atype, oshape[layer], 2,
                             0, aq ? &aq[layer + 1].scale : NULL, &zp_out,
                             aq ? 1 : 0, 0, false);
    tfb_options_init(&o);
    if (layer < 2) {
      tfb_opt_u8(&o, FC_FUSED_ACTIVATION, ACT_RELU);
    }
    tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, &o, NULL,
               0);
    prev = outs[0];
  }
  io[0] = 0;
  io[1] = prev;
  return tfb_set_io(m, &io[0], 1, &io[1], 1);
}

static int finish(tfb_model_t *m, uint8_t **out, size_t *len,
                  const char *what) {
  int rc = tfb_finish(m, out, len);
  if (rc != 0) {
    fprintf(stderr, "mote-sine-fit: building the %s model failed: %s\n", what,
            tfb_error(m));
  }
  tfb_free(m);
  return rc;
}

int sine_export_float(const sine_mlp_t *mlp, uint8_t **out, size_t *len) {
  tfb_model_t *m = tfb_new();
  int wbuf[3], bbuf[3];
  if (m == NULL) {
    fprintf(stderr, "mote-sine-fit: out of memory\n");
    return -1;
  }
  tfb_set_description(m, "mote-sine-fit: y = sin(x), 1-16-16-1 MLP, float32");
  wbuf[0] = add_f32_buffer(m, mlp->p + SINE_W1, SINE_HIDDEN);
  bbuf[0] = add_f32_buffer(m, mlp->p + SINE_B1, SINE_HIDDEN);
  wbuf[1] = add_f32_buffer(m, mlp->p + SINE_W2, SINE_HIDDEN * SINE_HIDDEN);
  bbuf[1] = add_f32_buffer(m, mlp->p + SINE_B2, SINE_HIDDEN);
  wbuf[2] = add_f32_buffer(m, mlp->p + SINE_W3, SINE_HIDDEN);
  bbuf[2] = add_f32_buffer(m, mlp->p + SINE_B3, 1);
  add_graph(m, 1, TYPE_FLOAT32, TYPE_FLOAT32, wbuf, bbuf, NULL, NULL, NULL);
  add_runtime_metadata(m, "1.5.0");
  return finish(m, out, len, "float");
}

int sine_export_int8(const sine_qmodel_t *q, uint8_t **out, size_t *len) {
  tfb_model_t *m = tfb_new();
  sine_qparams_t aq[4];
  float bq[3];
  int wbuf[3], bbuf[3], i;
  if (m == NULL) {
    fprintf(stderr, "mote-sine-fit: out of memory\n");
    return -1;
  }
  tfb_set_description(m, "mote-sine-fit: y = sin(x), 1-16-16-1 MLP, int8");
  aq[0] = q->input;
  aq[1] = q->act1;
  aq[2] = q->act2;
  aq[3] = q->output;
  for (i = 0; i < 3; i++) {
    bq[i] = (float)((double)aq[i].scale * (double)q->wscale[i]);
  }
  wbuf[0] = tfb_add_buffer(m, q->w1, sizeof q->w1);
  bbuf[0] = add_i32_buffer(m, q->b1, SINE_HIDDEN);
  wbuf[1] = tfb_add_buffer(m, q->w2, sizeof q->w2);
  bbuf[1] = add_i32_buffer(m, q->b2, SINE_HIDDEN);
  wbuf[2] = tfb_add_buffer(m, q->w3, sizeof q->w3);
  bbuf[2] = add_i32_buffer(m, q->b3, 1);
  add_graph(m, 4, TYPE_INT8, TYPE_INT32, wbuf, bbuf, aq, q->wscale, bq);
  add_runtime_metadata(m, "1.14.0");
  return finish(m, out, len, "int8");
}
