/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: CONV_2D and DEPTHWISE_CONV_2D, and the quantization of
 * conv-like layers that FULLY_CONNECTED shares (kt_quant_layer).
 *
 * The index enumerates the variant (int8 per-channel, int8 per-tensor,
 * 16x8 with int64 bias, 16x8 with int32 bias, float32, and a sixth per op:
 * grouped conv / a depth multiplier > 1), the fused activation and the
 * padding; shapes, strides, dilations and scales are drawn. Shapes stay
 * small enough (a few 100k MACs at most) that the whole table runs in
 * about a minute through real TFLM, and include 1x1 inputs, filters
 * larger than the input (SAME), odd channel counts and batch > 1.
 *
 * After the drawn cases, int8 layers with fixed shapes (model_layer_t):
 * the shapes of the shared models' layers (kws, vww, person_detect,
 * resnet8, micro_speech), scaled down in height and width but not in
 * channels, and the edges of the optimized implementations' blocking:
 * odd channel and pixel counts, depths that are not multiples of 4,
 * depth 1, strides 2, dilations, both paddings, per-tensor and
 * per-channel filters. Only their data and scales are drawn.
 *
 * Last, KT_INT4_CASES of packed int4 filters (gen_int4).
 */
#include "cases_gen.h"

/* sqrt without libm: Newton from above, for the accumulator estimate. */
static float approx_sqrt(float x) {
  float r = x > 1.0f ? x : 1.0f;
  int i;
  for (i = 0; i < 40; ++i) {
    r = 0.5f * (r + x / r);
  }
  return r;
}

static void quant_layer(kt_case_t *c, uint32_t *rng, int in, int filt, int bias,
                        int out, int per_channel, int fdim, int32_t depth) {
  const int type = c->t[in].type;
  const int nch = c->t[filt].shape[fdim];
  float ws[KT_MAX_FVALS], bs[KT_MAX_FVALS];
  float s_in, w_base, w_mean = 0.0f, acc_std, s_out, gain;
  const int kind = kt_rand_int(rng, 0, 9);
  int ch;
  if (type == KT_F32) {
    kt_range(c, filt, -1.0, 1.0);
    if (bias >= 0) {
      kt_range(c, bias, -2.0, 2.0);
    }
    return;
  }
  if (nch > KT_MAX_FVALS) {
    c->overflow = 1;
    return;
  }
  /* Typical |accumulator| of a depth-`depth` dot product of uniform
   * data; filter scales put its real value near 2, so the fused
   * activations (RELU6, RELU_N1_TO_1) cut into the results, not all of
   * them. */
  acc_std =
      approx_sqrt((float)depth) * 73.0f * (type == KT_I8 ? 74.0f : 18900.0f);
  s_in = kt_rand_scale(rng, 0.002f, 0.2f);
  w_base = 2.0f / (acc_std * s_in);
  for (ch = 0; ch < nch; ++ch) {
    ws[ch] = per_channel ? w_base * kt_rand_float(rng, 0.3f, 3.0f) : w_base;
    w_mean += ws[ch] / (float)nch;
  }
  /* Per-channel extremes: one channel whose multiplier is below 2^-31
   * (it quantizes to 0), or one far above 1. */
  if (per_channel && (kind == 2 || kind == 3)) {
    ws[kt_rand_int(rng, 0, nch - 1)] *= kind == 2 ? 1e-9f : 1e3f;
  }
  for (ch = 0; ch < nch; ++ch) {
    bs[ch] = s_in * ws[ch];
  }
  /* Most cases keep the result mid-range; one in ten has a multiplier
   * above 1 (saturating), one in ten a tiny one (results near zero). */
  gain = kind == 0   ? 1.0f / 2000.0f
         : kind == 1 ? 300.0f
                     : kt_rand_scale(rng, 0.25f, 4.0f);
  s_out = acc_std * s_in * w_mean / (type == KT_I8 ? 40.0f : 9000.0f) * gain;
  if (type == KT_I8) {
    const int zk = kt_rand_int(rng, 0, 3);
    kt_quant(c, in, s_in,
             zk == 0   ? 0
             : zk == 1 ? -128
                       : kt_rand_int(rng, -128, 127));
    kt_quant(c, out, s_out, kt_rand_int(rng, -100, 100));
    kt_range(c, filt, -127, 127);
  } else {
    kt_quant(c, in, s_in, 0);
    kt_quant(c, out, s_out, 0);
    kt_range(c, filt, -127, 127);
  }
  if (per_channel) {
    kt_quant_pc(c, filt, fdim, ws, nch);
  } else {
    kt_quant(c, filt, ws[0], 0);
  }
  if (bias >= 0) {
    const double b = (double)acc_std * (c->t[bias].type == KT_I64 ? 3.0 : 1.0);
    if (per_channel) {
      kt_quant_pc(c, bias, 0, bs, nch);
    } else {
      kt_quant(c, bias, bs[0], 0);
    }
    kt_range(c, bias, -b, b);
  }
}

void kt_quant_layer(kt_case_t *c, uint32_t *rng, int in, int filt, int bias,
                    int out, int per_channel, int fdim, int32_t depth) {
  quant_layer(c, rng, in, filt, bias, out, per_channel, fdim, depth);
  if (c->t[filt].type == KT_I4) {
    kt_range(c, filt, 0, 255); /* packed bytes: any two nibbles */
    kt_name(c, "int4 filter ");
  }
}

void kt_big_rescale(kt_case_t *c, int in, int filt, int bias, int out) {
  static const int32_t one = 1, zero = 0;
  kt_quant(c, in, 1.0f, 0);
  kt_quant(c, filt, 1.0f, 0);
  kt_quant(c, bias, 1.0f, 0);
  kt_quant(c, out, 0.005f, 0);
  kt_values(c, in, &one, 1);
  kt_values(c, filt, &one, 1);
  kt_values(c, bias, &zero, 1);
}

uint8_t kt_filter_type(int index, int type) {
  return type == KT_F32 ? KT_F32 : index == 6 ? KT_I4 : KT_I8;
}

/* Output size of a padded window, TFLite's ComputeOutSize. */
static int32_t out_size(int padding, int32_t in, int32_t f, int32_t s,
                        int32_t d) {
  const int32_t eff = (f - 1) * d + 1;
  return padding == KT_SAME ? (in + s - 1) / s : (in - eff + s) / s;
}

typedef struct conv_geom {
  int32_t n, ih, iw, fh, fw, sh, sw, dh, dw, oh, ow;
} conv_geom_t;

/* Draws a window geometry whose output is not empty and whose MACs per
 * output channel and input channel stay under `budget`. */
static void draw_geom(uint32_t *rng, int padding, int32_t budget,
                      conv_geom_t *g) {
  g->n = kt_rand_int(rng, 0, 4) == 0 ? kt_rand_int(rng, 2, 3) : 1;
  g->ih = kt_rand_int(rng, 1, 12);
  g->iw = kt_rand_int(rng, 1, 12);
  g->fh = kt_rand_int(rng, 1, 5);
  g->fw = kt_rand_int(rng, 1, 5);
  g->sh = kt_rand_int(rng, 1, 3);
  g->sw = kt_rand_int(rng, 1, 3);
  g->dh = kt_rand_int(rng, 0, 3) == 0 ? kt_rand_int(rng, 2, 3) : 1;
  g->dw = kt_rand_int(rng, 0, 3) == 0 ? kt_rand_int(rng, 2, 3) : 1;
  /* VALID needs the dilated filter inside the input. */
  while (padding == KT_VALID && (g->fh - 1) * g->dh + 1 > g->ih) {
    if (g->dh > 1)
      --g->dh;
    else
      --g->fh;
  }
  while (padding == KT_VALID && (g->fw - 1) * g->dw + 1 > g->iw) {
    if (g->dw > 1)
      --g->dw;
    else
      --g->fw;
  }
  g->oh = out_size(padding, g->ih, g->fh, g->sh, g->dh);
  g->ow = out_size(padding, g->iw, g->fw, g->sw, g->dw);
  while (g->n * g->oh * g->ow * g->fh * g->fw > budget && g->ih > 1) {
    g->ih = (g->ih + 1) / 2;
    g->iw = (g->iw + 1) / 2;
    g->fh = g->fh < g->ih ? g->fh : g->ih;
    g->fw = g->fw < g->iw ? g->fw : g->iw;
    g->dh = g->dw = 1;
    g->oh = out_size(padding, g->ih, g->fh, g->sh, g->dh);
    g->ow = out_size(padding, g->iw, g->fw, g->sw, g->dw);
  }
}

static void smallest_geom(conv_geom_t *g) {
  g->n = g->ih = g->iw = g->fh = g->fw = g->sh = g->sw = g->dh = g->dw = 1;
  g->oh = g->ow = 1;
}

static void name_geom(kt_case_t *c, const conv_geom_t *g, int padding,
                      int act) {
  kt_name_n(c, " f", g->fh);
  kt_name_n(c, "x", g->fw);
  kt_name_n(c, " s", g->sh);
  kt_name_n(c, ",", g->sw);
  if (g->dh > 1 || g->dw > 1) {
    kt_name_n(c, " d", g->dh);
    kt_name_n(c, ",", g->dw);
  }
  kt_name(c, padding == KT_SAME ? " SAME" : " VALID");
  kt_name_act(c, act);
}

/* The variant's types: activations, bias (-1 none) and whether filters
 * are per-channel. */
static void variant_types(int variant, int *type, int *bias_type, int *pc) {
  static const int types[6] = {KT_I8, KT_I8, KT_I16, KT_I16, KT_F32, KT_I8};
  static const int biases[6] = {KT_I32, KT_I32, KT_I64, KT_I32, KT_F32, -1};
  *type = types[variant];
  *bias_type = biases[variant];
  *pc = variant != 1 && variant != 4;
}

static const char *const kVariantNames[6] = {
    "i8 pc", "i8 per-tensor", "16x8 b64", "16x8 b32", "f32", "i8 pc"};

/* An int8 layer of fixed shape: input [n, ih, iw, ic], a filter of
 * fh x fw, `oc` output channels (CONV_2D) or depth multiplier
 * (DEPTHWISE_CONV_2D). */
typedef struct model_layer {
  const char *name;
  int16_t n, ih, iw, ic, oc, fh, fw, sh, sw, dh, dw;
  int8_t padding, per_channel;
} model_layer_t;

static const model_layer_t kConvLayers[KT_CONV_LAYER_CASES] = {
    {"kws conv1 (depth 1, 10x4)", 1, 20, 10, 1, 64, 10, 4, 2, 2, 1, 1, KT_SAME, 1},
    {"kws 1x1", 1, 5, 5, 64, 64, 1, 1, 1, 1, 1, 1, KT_VALID, 1},
    {"kws 1x1 per-tensor", 1, 5, 5, 64, 64, 1, 1, 1, 1, 1, 1, KT_VALID, 0},
    {"vww conv1 (depth 3)", 1, 12, 12, 3, 8, 3, 3, 2, 2, 1, 1, KT_SAME, 1},
    {"vww 1x1 odd pixels", 1, 7, 7, 32, 64, 1, 1, 1, 1, 1, 1, KT_VALID, 1},
    {"person_detect conv1 (depth 1)", 1, 16, 16, 1, 8, 3, 3, 2, 2, 1, 1, KT_SAME, 1},
    {"resnet8 3x3", 1, 8, 8, 16, 16, 3, 3, 1, 1, 1, 1, KT_SAME, 1},
    {"resnet8 3x3 s2", 1, 8, 8, 16, 32, 3, 3, 2, 2, 1, 1, KT_SAME, 1},
    {"resnet8 1x1 s2", 1, 8, 8, 16, 32, 1, 1, 2, 2, 1, 1, KT_VALID, 1},
    {"odd channels dilated", 1, 6, 5, 7, 13, 3, 3, 1, 1, 2, 2, KT_SAME, 1},
    {"1x1 depth 5 oc 3", 1, 4, 4, 5, 3, 1, 1, 1, 1, 1, 1, KT_VALID, 1},
    {"1x1 depth 1", 1, 6, 6, 1, 4, 1, 1, 1, 1, 1, 1, KT_VALID, 0},
    {"batch 2 odd pixels", 2, 3, 3, 6, 5, 2, 2, 1, 1, 1, 1, KT_VALID, 1},
    {"oc 1 depth 6", 1, 5, 3, 6, 1, 3, 3, 1, 2, 1, 1, KT_SAME, 1},
    {"1x1 SAME s2 odd", 1, 5, 7, 9, 11, 1, 1, 2, 2, 1, 1, KT_SAME, 0},
    {"5x5 depth 10 stride 3", 1, 11, 9, 10, 6, 5, 5, 3, 3, 1, 1, KT_SAME, 1},
    /* Depth 8k + 1..7 and pixel counts not multiples of 4 (the portable
     * family's groups of 8 and blocks of 4 pixels). */
    {"1x1 depth 17 oc 9 odd pixels", 1, 3, 5, 17, 9, 1, 1, 1, 1, 1, 1, KT_VALID, 1},
    {"3x3 depth 3 oc 16 stride 2 (K 27)", 1, 9, 7, 3, 16, 3, 3, 2, 2, 1, 1, KT_SAME, 1},
    {"2x3 depth 12 oc 7 pad every side", 1, 4, 5, 12, 7, 4, 3, 1, 1, 1, 1, KT_SAME, 0},
    {"1x1 depth 8 oc 24 one pixel", 1, 1, 1, 8, 24, 1, 1, 1, 1, 1, 1, KT_VALID, 1},
    {"3x3 depth 15 dilated 2,1 stride 1,2", 2, 7, 8, 15, 5, 3, 3, 1, 2, 2, 1, KT_SAME, 1},
};

static const model_layer_t kDwLayers[KT_DW_LAYER_CASES] = {
    {"kws dw 3x3", 1, 10, 5, 64, 1, 3, 3, 1, 1, 1, 1, KT_SAME, 1},
    {"kws dw 3x3 per-tensor", 1, 10, 5, 64, 1, 3, 3, 1, 1, 1, 1, KT_SAME, 0},
    {"vww dw 3x3 s2", 1, 12, 12, 8, 1, 3, 3, 2, 2, 1, 1, KT_SAME, 1},
    {"dw 18 channels VALID", 1, 6, 6, 18, 1, 3, 3, 1, 1, 1, 1, KT_VALID, 1},
    {"dw 5x5 12 channels", 1, 8, 8, 12, 1, 5, 5, 1, 1, 1, 1, KT_SAME, 1},
    {"dw dilated 3x3", 1, 9, 9, 8, 1, 3, 3, 1, 1, 2, 2, KT_SAME, 1},
    {"micro_speech dw (depth 1, mult 8)", 1, 20, 10, 1, 8, 10, 8, 2, 2, 1, 1,
     KT_SAME, 1},
    {"dw 3 channels", 1, 6, 6, 3, 1, 3, 3, 1, 1, 1, 1, KT_SAME, 1},
    {"dw mult 2", 1, 6, 6, 4, 2, 3, 3, 1, 1, 1, 1, KT_SAME, 1},
    {"dw 4 channels s2 VALID", 1, 7, 7, 4, 1, 3, 3, 2, 2, 1, 1, KT_VALID, 1},
    {"dw 7 channels 3x2 batch 2", 2, 5, 6, 7, 1, 3, 2, 1, 2, 1, 1, KT_SAME, 1},
    {"dw 1x1 filter", 1, 4, 4, 20, 1, 1, 1, 1, 1, 1, 1, KT_VALID, 0},
    /* Channel counts around the portable family's blocks of 16 and 8. */
    {"dw 25 channels (16+8+1)", 1, 5, 6, 25, 1, 3, 3, 1, 1, 1, 1, KT_SAME, 1},
    {"dw 31 channels s2 dilated", 1, 7, 7, 31, 1, 3, 3, 2, 2, 2, 2, KT_SAME, 1},
    {"dw 48 channels per-tensor 5x3", 1, 6, 5, 48, 1, 5, 3, 1, 1, 1, 1, KT_SAME, 0},
    {"dw depth 1 mult 16", 1, 9, 8, 1, 16, 3, 3, 2, 1, 1, 1, KT_SAME, 1},
    {"dw depth 1 mult 27", 1, 6, 6, 1, 27, 3, 3, 1, 1, 1, 1, KT_SAME, 1},
    {"dw mult 3 channels 5", 1, 5, 5, 5, 3, 3, 3, 1, 1, 1, 1, KT_SAME, 1},
    /* Helium's 3x3 assembly: whole blocks of 8 then a partial one, border
     * windows on every side, a second batch. */
    {"dw 3x3 20 channels batch 2 s2,1", 2, 5, 6, 20, 1, 3, 3, 2, 1, 1, 1,
     KT_SAME, 0},
};

/* Builds layer m as an int8 CONV_2D or DEPTHWISE_CONV_2D case. */
static void gen_layer(const model_layer_t *m, int depthwise, int index,
                      kt_case_t *c, uint32_t *rng) {
  const int act = kt_act_for(rng, index, 1);
  const int32_t oc = depthwise ? m->ic * m->oc : m->oc;
  const int32_t oh = out_size(m->padding, m->ih, m->fh, m->sh, m->dh);
  const int32_t ow = out_size(m->padding, m->iw, m->fw, m->sw, m->dw);
  int32_t shape[4];
  int in, f, b, out;
  c->version = 3;
  shape[0] = m->n, shape[1] = m->ih, shape[2] = m->iw, shape[3] = m->ic;
  in = kt_add(c, KT_INPUT, KT_I8, 4, shape);
  shape[0] = depthwise ? 1 : oc, shape[1] = m->fh, shape[2] = m->fw;
  shape[3] = depthwise ? oc : m->ic;
  f = kt_add(c, KT_CONST, KT_I8, 4, shape);
  b = kt_add1(c, KT_CONST, KT_I32, oc);
  shape[0] = m->n, shape[1] = oh, shape[2] = ow, shape[3] = oc;
  out = kt_add(c, KT_OUTPUT, KT_I8, 4, shape);
  /* Not the draws of a tiny or a saturating rescale (quant_layer's first
   * draw, kinds 0 and 1): these cases are for the arithmetic of the
   * shapes, and would mostly produce one output value. */
  for (;;) {
    uint32_t peek = *rng;
    if (kt_rand_int(&peek, 0, 9) > 1) {
      break;
    }
    kt_rand(rng);
  }
  kt_quant_layer(c, rng, in, f, b, out, m->per_channel, depthwise ? 3 : 0,
                 m->fh * m->fw * (depthwise ? 1 : m->ic));
  c->options_type = (uint8_t)(depthwise ? 2 : 1);
  kt_opt(c, 0, KT_OPT_INT8, m->padding);
  kt_opt(c, 1, KT_OPT_INT32, m->sw);
  kt_opt(c, 2, KT_OPT_INT32, m->sh);
  if (depthwise) {
    kt_opt(c, 3, KT_OPT_INT32, m->oc);
  }
  kt_opt(c, depthwise ? 4 : 3, KT_OPT_INT8, act);
  kt_opt(c, depthwise ? 5 : 4, KT_OPT_INT32, m->dw);
  kt_opt(c, depthwise ? 6 : 5, KT_OPT_INT32, m->dh);
  kt_name(c, "i8 layer ");
  kt_name(c, m->name);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name_n(c, depthwise ? " mult" : " oc", m->oc);
  kt_name_act(c, act);
}

/* Rounds an odd-making filter extent down (1 stays), keeping a VALID
 * window inside the input. */
static int32_t odd_down(int32_t v) { return v % 2 == 0 ? v - 1 : v; }

/* Case k of the packed int4 filters: per-channel and per-tensor in turn; a
 * bias, an absent one (input -1) and two inputs in turn (depthwise: an
 * absent bias in case 11 alone, on which TFLM crashes); both paddings;
 * drawn geometry (strides, dilations, batches) with the filter's element
 * count odd in three cases of four (the last packed byte half used).
 * The last two cases are 16x8 (int64 bias), which TFLM refuses with an
 * int4 filter, and so does mote. */
static void gen_int4(int depthwise, int k, kt_case_t *c, uint32_t *rng) {
  const int pc = k % 2, padding = (k / 6) % 2;
  const int bias_mode = !depthwise     ? (k / 2) % 3
                        : k == 11       ? 1
                        : k % 3 == 2    ? 2
                                        : 0;
  const int s16 = k >= KT_INT4_CASES - 2;
  const int type = s16 ? KT_I16 : KT_I8;
  const int act = kt_act_for(rng, k, 1);
  int in, f, b = -1, out;
  int32_t ic, oc, mult = 1, shape[4];
  conv_geom_t g;
  draw_geom(rng, padding, 400, &g);
  ic = kt_rand_int(rng, 1, 13);
  oc = kt_rand_int(rng, 1, 13);
  if (depthwise) {
    mult = kt_rand_int(rng, 0, 2) == 0 ? kt_rand_int(rng, 2, 3) : 1;
    oc = ic * mult;
  }
  if (k % 4 != 3) { /* an odd count: every factor odd */
    ic |= 1, oc |= 1, mult |= 1;
    oc = depthwise ? ic * mult : oc;
    g.fh = odd_down(g.fh), g.fw = odd_down(g.fw);
    g.oh = out_size(padding, g.ih, g.fh, g.sh, g.dh);
    g.ow = out_size(padding, g.iw, g.fw, g.sw, g.dw);
  }
  c->version = 7;
  shape[0] = g.n, shape[1] = g.ih, shape[2] = g.iw, shape[3] = ic;
  in = kt_add(c, KT_INPUT, (uint8_t)type, 4, shape);
  shape[0] = depthwise ? 1 : oc, shape[1] = g.fh, shape[2] = g.fw;
  shape[3] = depthwise ? oc : ic;
  f = kt_add(c, KT_CONST, KT_I4, 4, shape);
  if (bias_mode == 0 || s16) {
    b = kt_add1(c, KT_CONST, s16 ? KT_I64 : KT_I32, oc);
  } else if (bias_mode == 1) {
    kt_add(c, KT_ABSENT, KT_I32, 0, shape); /* bias input -1 */
  }
  shape[0] = g.n, shape[1] = g.oh, shape[2] = g.ow, shape[3] = oc;
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, 4, shape);
  kt_quant_layer(c, rng, in, f, b, out, pc, depthwise ? 3 : 0,
                 g.fh * g.fw * (depthwise ? 1 : ic));
  c->options_type = (uint8_t)(depthwise ? 2 : 1);
  kt_opt(c, 0, KT_OPT_INT8, padding);
  kt_opt(c, 1, KT_OPT_INT32, g.sw);
  kt_opt(c, 2, KT_OPT_INT32, g.sh);
  if (depthwise) {
    kt_opt(c, 3, KT_OPT_INT32, mult);
  }
  kt_opt(c, depthwise ? 4 : 3, KT_OPT_INT8, act);
  kt_opt(c, depthwise ? 5 : 4, KT_OPT_INT32, g.dw);
  kt_opt(c, depthwise ? 6 : 5, KT_OPT_INT32, g.dh);
  kt_name(c, s16 ? "16x8 " : "i8 ");
  kt_name(c, pc ? "pc " : "per-tensor ");
  kt_name(c, b >= 0 ? "" : bias_mode == 1 ? "nobias " : "2 inputs ");
  kt_name_shape(c, in);
  kt_name_n(c, depthwise ? " mult" : " oc", depthwise ? mult : oc);
  kt_name_n(c, " elements ", g.fh * g.fw * (depthwise ? oc : oc * ic));
  name_geom(c, &g, padding, act);
}

void kt_gen_conv_2d(int index, kt_case_t *c, uint32_t *rng) {
  const int variant = index % 6;
  const int act = kt_act_for(rng, index / 6, 1);
  const int padding = (index / 24) % 2;
  int type, bias_type, pc, in, f, b = -1, out;
  int32_t groups = 1, ic, oc, shape[4];
  conv_geom_t g;
  if (index >= KT_CONV_DRAWN_CASES + KT_CONV_LAYER_CASES) {
    gen_int4(0, index - KT_CONV_DRAWN_CASES - KT_CONV_LAYER_CASES, c, rng);
    return;
  }
  if (index >= KT_CONV_DRAWN_CASES) {
    gen_layer(&kConvLayers[index - KT_CONV_DRAWN_CASES], 0, index, c, rng);
    return;
  }
  variant_types(variant, &type, &bias_type, &pc);
  draw_geom(rng, padding, 400, &g);
  /* Mostly under 20 channels; one case in eight up to 48 (wider than
   * any unrolled or SIMD block). */
  ic = kt_rand_int(rng, 1, kt_rand_int(rng, 0, 7) == 0 ? 48 : 19);
  oc = kt_rand_int(rng, 1, kt_rand_int(rng, 0, 7) == 0 ? 48 : 19);
  if (variant == 5 || kt_rand_int(rng, 0, 9) == 0) {
    /* Grouped: input channels = groups x filter channels. */
    groups = kt_rand_int(rng, 2, 4);
    ic = groups * kt_rand_int(rng, 1, 5);
    oc = groups * kt_rand_int(rng, 1, 4);
    if (variant == 5) {
      bias_type = KT_I32;
    }
  }
  if (index == 6 || index == 8) { /* int4, rescale 200: smallest shapes */
    smallest_geom(&g);
    ic = index == 6 ? 2 : 1, oc = 1, groups = 1;
  }
  if (variant == 5 && (index / 6) % 2 == 1) {
    bias_type = -1; /* no bias */
  }
  c->version = type == KT_F32 ? 1 : type == KT_I8 ? 3 : 4;
  shape[0] = g.n, shape[1] = g.ih, shape[2] = g.iw, shape[3] = ic;
  in = kt_add(c, KT_INPUT, (uint8_t)type, 4, shape);
  shape[0] = oc, shape[1] = g.fh, shape[2] = g.fw, shape[3] = ic / groups;
  f = kt_add(c, KT_CONST, kt_filter_type(index, type), 4, shape);
  if (bias_type >= 0) {
    b = kt_add1(c, KT_CONST, (uint8_t)bias_type, oc);
  } else if ((index / 12) % 2 == 0) {
    b = kt_add(c, KT_ABSENT, KT_I32, 0, shape); /* bias input -1 */
  }                                             /* else only two inputs */
  shape[0] = g.n, shape[1] = g.oh, shape[2] = g.ow, shape[3] = oc;
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, 4, shape);
  kt_quant_layer(c, rng, in, f, bias_type >= 0 ? b : -1, out, pc, 0,
                 g.fh * g.fw * (ic / groups));
  if (index == 8) {
    kt_big_rescale(c, in, f, b, out);
  }
  c->options_type = 1;
  kt_opt(c, 0, KT_OPT_INT8, padding);
  kt_opt(c, 1, KT_OPT_INT32, g.sw);
  kt_opt(c, 2, KT_OPT_INT32, g.sh);
  kt_opt(c, 3, KT_OPT_INT8, act);
  kt_opt(c, 4, KT_OPT_INT32, g.dw);
  kt_opt(c, 5, KT_OPT_INT32, g.dh);
  kt_name(c, kVariantNames[variant]);
  kt_name(c, bias_type >= 0 ? " " : c->nin == 2 ? " 2 inputs " : " nobias ");
  kt_name_shape(c, in);
  kt_name_n(c, " oc", oc);
  if (groups > 1) {
    kt_name_n(c, " groups", groups);
  }
  name_geom(c, &g, padding, act);
  kt_name(c, index == 8 ? " rescale 200" : "");
  if (index >= 300) {
    kt_special_values(c);
  }
}

void kt_gen_depthwise_conv_2d(int index, kt_case_t *c, uint32_t *rng) {
  const int variant = index % 6;
  const int act = kt_act_for(rng, index / 6, 1);
  const int padding = (index / 24) % 2;
  int type, bias_type, pc, in, f, b, out;
  int32_t ic, mult, shape[4];
  conv_geom_t g;
  if (index >= KT_DW_DRAWN_CASES + KT_DW_LAYER_CASES) {
    gen_int4(1, index - KT_DW_DRAWN_CASES - KT_DW_LAYER_CASES, c, rng);
    return;
  }
  if (index >= KT_DW_DRAWN_CASES) {
    gen_layer(&kDwLayers[index - KT_DW_DRAWN_CASES], 1, index, c, rng);
    return;
  }
  variant_types(variant, &type, &bias_type, &pc);
  if (variant == 5) {
    bias_type = KT_I32;
  }
  /* 16x8 depthwise takes an int64 bias only in TFLM (it reads the bias
   * as int64 whatever its type); one case keeps int32 to pin down what
   * each side does with it, the rest use per-tensor filters instead. */
  if (variant == 3 && index != 3) {
    bias_type = KT_I64;
    pc = 0;
  }
  draw_geom(rng, padding, 2000, &g);
  ic = kt_rand_int(rng, 1, kt_rand_int(rng, 0, 7) == 0 ? 40 : 21);
  if (index == 3 || index == 6 || index == 8) { /* smallest shapes */
    smallest_geom(&g);
    ic = index == 6 ? 2 : 1;
  }
  mult =
      variant == 5 || kt_rand_int(rng, 0, 5) == 0 ? kt_rand_int(rng, 2, 4) : 1;
  mult = index == 3 || index == 6 || index == 8 || ic * mult > 96
             ? 1
             : mult; /* scales fit fval */
  c->version = type == KT_F32 ? 1 : type == KT_I8 ? 3 : 5;
  shape[0] = g.n, shape[1] = g.ih, shape[2] = g.iw, shape[3] = ic;
  in = kt_add(c, KT_INPUT, (uint8_t)type, 4, shape);
  shape[0] = 1, shape[1] = g.fh, shape[2] = g.fw, shape[3] = ic * mult;
  f = kt_add(c, KT_CONST, kt_filter_type(index, type), 4, shape);
  b = kt_add1(c, KT_CONST, (uint8_t)bias_type, ic * mult);
  shape[0] = g.n, shape[1] = g.oh, shape[2] = g.ow, shape[3] = ic * mult;
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, 4, shape);
  kt_quant_layer(c, rng, in, f, b, out, pc, 3, g.fh * g.fw);
  if (index == 8) {
    kt_big_rescale(c, in, f, b, out);
  }
  c->options_type = 2;
  kt_opt(c, 0, KT_OPT_INT8, padding);
  kt_opt(c, 1, KT_OPT_INT32, g.sw);
  kt_opt(c, 2, KT_OPT_INT32, g.sh);
  kt_opt(c, 3, KT_OPT_INT32, mult);
  kt_opt(c, 4, KT_OPT_INT8, act);
  kt_opt(c, 5, KT_OPT_INT32, g.dw);
  kt_opt(c, 6, KT_OPT_INT32, g.dh);
  kt_name(c, variant == 3 && pc == 0 ? "16x8 b64 per-tensor"
                                     : kVariantNames[variant]);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name_n(c, " mult", mult);
  name_geom(c, &g, padding, act);
  kt_name(c, index == 8 ? " rescale 200" : "");
  if (index >= 260) {
    kt_special_values(c);
  }
}
