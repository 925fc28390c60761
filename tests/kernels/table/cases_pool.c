/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: AVERAGE_POOL_2D, MAX_POOL_2D, L2_POOL_2D, MEAN and
 * SOFTMAX, the
 * reductions over windows, axes and rows.
 *
 * Pools enumerate type (int8, int16, float32), padding and activation and
 * draw windows up to 5x5 (some larger than the input, SAME) with strides
 * up to 3; quantized pools keep the input's scale and zero point, as the
 * converter writes them. MEAN draws rank-2..4 inputs, one to all axes
 * (negative ones too), keep_dims, and for int8 / int16 an output scale
 * equal to the input's or not (the requantizing path). SOFTMAX covers
 * int8 -> int8, int8 -> int16, int16 -> int16 and float32 at several
 * betas and input scales.
 */
#include "cases_gen.h"

static const int kTypes3[3] = {KT_I8, KT_I16, KT_F32};

/* Drawn pool `index` with inputs of `type`. */
static void gen_pool_as(int index, int type, kt_case_t *c, uint32_t *rng) {
  const int padding = (index / 3) % 2;
  const int act = kt_act_for(rng, index / 6, 1);
  int32_t shape[4], fh, fw, sh, sw, oh, ow;
  int in, out;
  shape[0] = kt_rand_int(rng, 0, 4) == 0 ? 2 : 1;
  shape[1] = kt_rand_int(rng, 1, 12);
  shape[2] = kt_rand_int(rng, 1, 12);
  shape[3] = kt_rand_int(rng, 1, 19);
  fh = kt_rand_int(rng, 1, 5);
  fw = kt_rand_int(rng, 1, 5);
  sh = kt_rand_int(rng, 1, 3);
  sw = kt_rand_int(rng, 1, 3);
  if (padding == KT_VALID) {
    fh = fh < shape[1] ? fh : shape[1];
    fw = fw < shape[2] ? fw : shape[2];
    oh = (shape[1] - fh + sh) / sh;
    ow = (shape[2] - fw + sw) / sw;
  } else {
    oh = (shape[1] + sh - 1) / sh;
    ow = (shape[2] + sw - 1) / sw;
  }
  c->version = type == KT_F32 ? 1 : type == KT_I8 ? 2 : 3;
  in = kt_add(c, KT_INPUT, (uint8_t)type, 4, shape);
  shape[1] = oh, shape[2] = ow;
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, 4, shape);
  if (type != KT_F32) {
    /* Real values within about +-2..16, where the fused activations cut. */
    const float s = type == KT_I8 ? kt_rand_scale(rng, 0.01f, 0.06f)
                                  : kt_rand_scale(rng, 0.00006f, 0.0005f);
    const int32_t zp = type == KT_I8 ? kt_rand_int(rng, -128, 127) : 0;
    kt_quant(c, in, s, zp);
    kt_quant(c, out, s, zp);
  } else {
    kt_range(c, in, -8.0, 8.0);
  }
  c->options_type = 5;
  kt_opt(c, 0, KT_OPT_INT8, padding);
  kt_opt(c, 1, KT_OPT_INT32, sw);
  kt_opt(c, 2, KT_OPT_INT32, sh);
  kt_opt(c, 3, KT_OPT_INT32, fw);
  kt_opt(c, 4, KT_OPT_INT32, fh);
  kt_opt(c, 5, KT_OPT_INT8, act);
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name_n(c, " f", fh);
  kt_name_n(c, "x", fw);
  kt_name_n(c, " s", sh);
  kt_name_n(c, ",", sw);
  kt_name(c, padding == KT_SAME ? " SAME" : " VALID");
  kt_name_act(c, act);
  if (index >= 36) {
    kt_special_values(c);
  }
}

static void gen_pool(int index, kt_case_t *c, uint32_t *rng) {
  gen_pool_as(index, kTypes3[index % 3], c, rng);
}

/* L2_POOL_2D, float32 only (TFLM's type): the float variant of drawn pool
 * 3 * index, so padding alternates, activations cycle and the second half
 * has special values. */
void kt_gen_l2_pool_2d(int index, kt_case_t *c, uint32_t *rng) {
  gen_pool_as(3 * index, KT_F32, c, rng);
}

/* int8 pools at model sizes (the global pools closing kws, vww,
 * person_detect and resnet8), odd channel counts, padding, a batch of 2,
 * and a window of more than 256 elements. */
static void gen_pool_layer(int index, kt_case_t *c, uint32_t *rng) {
  /* n, h, w, c, filter h, w, stride, SAME */
  static const int32_t kLayers[KT_POOL_LAYER_CASES][8] = {
      {1, 25, 5, 64, 25, 5, 1, 0}, {1, 8, 8, 64, 8, 8, 1, 0},
      {1, 3, 3, 256, 3, 3, 1, 0},  {1, 7, 7, 37, 7, 7, 1, 0},
      {1, 6, 6, 21, 3, 3, 2, 1},   {2, 5, 5, 40, 2, 2, 2, 0},
      {1, 17, 17, 9, 17, 17, 1, 0}};
  const int32_t *m = kLayers[index];
  const int act = kt_act_for(rng, index, 1);
  const int same = (int)m[7];
  const float s = kt_rand_scale(rng, 0.01f, 0.06f);
  const int32_t zp = kt_rand_int(rng, -128, 127);
  int32_t shape[4];
  int in, out;
  shape[0] = m[0], shape[1] = m[1], shape[2] = m[2], shape[3] = m[3];
  in = kt_add(c, KT_INPUT, KT_I8, 4, shape);
  shape[1] = same ? (m[1] + m[6] - 1) / m[6] : (m[1] - m[4] + m[6]) / m[6];
  shape[2] = same ? (m[2] + m[6] - 1) / m[6] : (m[2] - m[5] + m[6]) / m[6];
  out = kt_add(c, KT_OUTPUT, KT_I8, 4, shape);
  c->version = 2;
  kt_quant(c, in, s, zp);
  kt_quant(c, out, s, zp);
  c->options_type = 5;
  kt_opt(c, 0, KT_OPT_INT8, same ? KT_SAME : KT_VALID);
  kt_opt(c, 1, KT_OPT_INT32, m[6]);
  kt_opt(c, 2, KT_OPT_INT32, m[6]);
  kt_opt(c, 3, KT_OPT_INT32, m[5]);
  kt_opt(c, 4, KT_OPT_INT32, m[4]);
  kt_opt(c, 5, KT_OPT_INT8, act);
  kt_name(c, "i8 layer ");
  kt_name_shape(c, in);
  kt_name_n(c, " f", m[4]);
  kt_name_n(c, "x", m[5]);
  kt_name_n(c, " s", m[6]);
  kt_name(c, same ? " SAME" : " VALID");
  kt_name_act(c, act);
}

void kt_gen_average_pool_2d(int index, kt_case_t *c, uint32_t *rng) {
  if (index >= KT_POOL_DRAWN_CASES) {
    gen_pool_layer(index - KT_POOL_DRAWN_CASES, c, rng);
    return;
  }
  gen_pool(index, c, rng);
}

void kt_gen_max_pool_2d(int index, kt_case_t *c, uint32_t *rng) {
  if (index >= KT_POOL_DRAWN_CASES) {
    gen_pool_layer(index - KT_POOL_DRAWN_CASES, c, rng);
    return;
  }
  gen_pool(index, c, rng);
}

/* MEAN: from KT_MEAN_INPUT_CASE on the axes are a model input, and the
 * last case declares one output element more than they give. */
void kt_gen_mean(int index, kt_case_t *c, uint32_t *rng) {
  const int dynamic = index >= KT_MEAN_INPUT_CASE;
  const int misfit = index == KT_MEAN_CASES - 1;
  const int type = kTypes3[index % 3];
  const int keep = (index / 3) % 2;
  const int requant = (index / 6) % 2;
  const int rank = kt_rand_int(rng, 2, 4);
  int32_t shape[4], oshape[4], axes[4], naxes = 0, d, on = 0;
  int in, ax, out, used[4] = {0, 0, 0, 0};
  for (d = 0; d < rank; ++d) {
    shape[d] = kt_rand_int(rng, 1, d == 0 ? 2 : 9);
  }
  /* The common [1, 2] of 4D inputs (global average pooling) often. */
  if (rank == 4 && index % 4 == 0) {
    axes[naxes++] = 1, axes[naxes++] = 2;
    used[1] = used[2] = 1;
  } else {
    const int want = kt_rand_int(rng, 1, rank);
    while (naxes < want) {
      d = kt_rand_int(rng, 0, rank - 1);
      if (!used[d]) {
        used[d] = 1;
        axes[naxes++] = kt_rand_int(rng, 0, 2) == 0 ? d - rank : d;
      }
    }
  }
  for (d = 0; d < rank; ++d) {
    if (!used[d]) {
      oshape[on++] = shape[d];
    } else if (keep) {
      oshape[on++] = 1;
    }
  }
  if (misfit && on > 0) {
    ++oshape[on - 1];
  } else if (misfit) {
    oshape[on++] = 2;
  }
  c->version = type == KT_F32 ? 1 : 2;
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  ax = kt_add1(c, dynamic ? KT_INPUT : KT_CONST, KT_I32, naxes);
  kt_values(c, ax, axes, naxes);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, on, oshape);
  if (type != KT_F32) {
    const float s = kt_rand_scale(rng, 0.001f, 0.5f);
    const int32_t zp = type == KT_I8 ? kt_rand_int(rng, -128, 127) : 0;
    kt_quant(c, in, s, zp);
    if (requant) {
      kt_quant(c, out, s * kt_rand_float(rng, 0.3f, 3.0f),
               type == KT_I8 ? kt_rand_int(rng, -128, 127) : 0);
    } else {
      kt_quant(c, out, s, zp);
    }
  }
  c->options_type = 27;
  kt_opt(c, 0, KT_OPT_BOOL, keep);
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name(c, " axes");
  for (d = 0; d < naxes; ++d) {
    kt_name(c, d ? "," : " ");
    kt_name_int(c, axes[d]);
  }
  kt_name(c, dynamic ? " (an input)" : "");
  kt_name(c, keep ? " keep_dims" : "");
  kt_name(c, requant ? " requant" : "");
  kt_name(c, misfit ? ", one output element more" : "");
  if (index >= 36) {
    kt_special_values(c);
  }
}

void kt_gen_softmax(int index, kt_case_t *c, uint32_t *rng) {
  static const float betas[4] = {1.0f, 0.5f, 2.0f, 0.1f};
  const int variant = index % 4; /* i8->i8, i8->i16, i16->i16, f32 */
  const float beta = betas[(index / 4) % 4];
  const int rank = kt_rand_int(rng, 1, 4);
  const int in_type = variant < 2 ? KT_I8 : variant == 2 ? KT_I16 : KT_F32;
  const int out_type = variant == 0 ? KT_I8 : variant == 3 ? KT_F32 : KT_I16;
  int32_t shape[4], d;
  int in, out;
  for (d = 0; d < rank; ++d) {
    shape[d] = kt_rand_int(rng, 1, d == rank - 1 ? 40 : 4);
  }
  c->version = variant == 3 ? 1 : variant == 0 ? 2 : 3;
  in = kt_add(c, KT_INPUT, (uint8_t)in_type, rank, shape);
  out = kt_add(c, KT_OUTPUT, (uint8_t)out_type, rank, shape);
  if (in_type == KT_I8) {
    kt_quant(c, in, kt_rand_scale(rng, 0.01f, 0.5f),
             kt_rand_int(rng, -128, 127));
  } else if (in_type == KT_I16) {
    kt_quant(c, in, kt_rand_scale(rng, 0.0001f, 0.01f), 0);
  } else {
    kt_range(c, in, -10.0, 10.0);
  }
  if (out_type == KT_I8) {
    kt_quant(c, out, 1.0f / 256.0f, -128);
  } else if (out_type == KT_I16 && in_type == KT_I8) {
    kt_quant(c, out, 1.0f / 65536.0f, -32768);
  } else if (out_type == KT_I16) {
    kt_quant(c, out, 1.0f / 32768.0f, 0);
  }
  c->options_type = 9;
  kt_opt_f32(c, 0, beta);
  kt_name_type(c, in_type);
  kt_name(c, "->");
  kt_name_type(c, out_type);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name_n(c, " beta ", (int64_t)(beta * 10.0f));
  kt_name(c, "/10");
  if (index >= 32) {
    kt_special_values(c);
  }
}
