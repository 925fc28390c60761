/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the element-wise unary ops LOGISTIC, TANH, QUANTIZE,
 * DEQUANTIZE and CAST.
 *
 * LOGISTIC and TANH enumerate int8, int16 and float32 and draw input
 * scales across the range where the int16 kernels switch between their
 * power-of-two and general multiplier paths (and int8 inputs with zero
 * points); outputs use the fixed scales TFLite requires. QUANTIZE covers
 * float -> int8/int16 and every integer requantization pair; DEQUANTIZE
 * int8, int16 and uint8; CAST every pair of the types either side might
 * have, so that refusals are compared too.
 */
#include "cases_gen.h"

static int rank_shape(uint32_t *rng, int32_t *shape) {
  const int rank = kt_rand_int(rng, 1, 4);
  int d;
  for (d = 0; d < rank; ++d) {
    shape[d] = kt_rand_int(rng, 1, d == rank - 1 ? 33 : 4);
  }
  return rank;
}

static void gen_act(int index, kt_case_t *c, uint32_t *rng, int is_tanh) {
  static const int types[3] = {KT_I8, KT_I16, KT_F32};
  const int type = types[index % 3];
  int32_t shape[4];
  const int rank = rank_shape(rng, shape);
  int in, out;
  c->version = type == KT_F32 ? 1 : type == KT_I8 ? 2 : 3;
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  if (type == KT_I8) {
    kt_quant(c, in, kt_rand_scale(rng, 0.005f, 0.2f),
             kt_rand_int(rng, -128, 127));
    if (is_tanh) {
      kt_quant(c, out, 1.0f / 128.0f, 0);
    } else {
      kt_quant(c, out, 1.0f / 256.0f, -128);
    }
  } else if (type == KT_I16) {
    /* Power-of-two scales (3 in 4 cases: 2^-12 .. 2^-9) and others. */
    static const float pot[4] = {1.0f / 4096, 1.0f / 2048, 1.0f / 1024,
                                 1.0f / 512};
    const int k = (index / 3) % 4;
    kt_quant(c, in,
             k < 3 ? pot[kt_rand_int(rng, 0, 3)]
                   : kt_rand_scale(rng, 0.00005f, 0.002f),
             0);
    kt_quant(c, out, 1.0f / 32768.0f, 0);
  } else {
    kt_range(c, in, -10.0, 10.0);
  }
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, in);
  if (index >= 20) {
    kt_special_values(c);
  }
}

void kt_gen_logistic(int index, kt_case_t *c, uint32_t *rng) {
  gen_act(index, c, rng, 0);
}

void kt_gen_tanh(int index, kt_case_t *c, uint32_t *rng) {
  gen_act(index, c, rng, 1);
}

/* A per-tensor quantization for `type` (non-zero zero points where the
 * type allows them). */
static void quant_any(kt_case_t *c, uint32_t *rng, int i, int type) {
  const float s = kt_rand_scale(rng, 0.001f, 0.5f);
  switch (type) {
  case KT_I8:
    kt_quant(c, i, s, kt_rand_int(rng, -128, 127));
    break;
  case KT_U8:
    kt_quant(c, i, s, kt_rand_int(rng, 0, 255));
    break;
  case KT_I16:
    kt_quant(c, i, s, 0);
    break;
  default:
    kt_quant(c, i, s, 0);
    break;
  }
}

/* Per-channel scales (zero points 0) for tensor i along dimension 0. */
static void per_channel(kt_case_t *c, uint32_t *rng, int i, int rank,
                        const int32_t *shape) {
  float scales[40]; /* rank_shape: dimension 0 is at most 33 */
  int k;
  for (k = 0; k < shape[0] && k < 40; ++k) {
    scales[k] = kt_rand_scale(rng, 0.005f, 0.5f);
  }
  (void)rank;
  kt_quant_pc(c, i, 0, scales, shape[0]);
  kt_name(c, "per-channel ");
}

/* QUANTIZE cases 6 and 7, one element each: float32 -NaN to int8
 * (zero point -47) and FLT_MAX to int16. TFLM converts the out-of-range
 * quotient with a plain static_cast (undefined; x86 gives INT32_MIN,
 * plus the zero point), mote saturates (NaN to the lowest value). */
static void special_quantize(int index, kt_case_t *c, int in, int out) {
  static const int32_t neg_nan = (int32_t)0xffc00000u, flt_max = 0x7f7fffff;
  const int32_t one = 1;
  c->t[in].rank = c->t[out].rank = 1;
  c->t[in].shape[0] = c->t[out].shape[0] = one;
  kt_values(c, in, index == 6 ? &neg_nan : &flt_max, 1);
  kt_quant(c, out, index == 6 ? 0.00486555137f : 0.0023875318f,
           index == 6 ? -47 : 0);
}

void kt_gen_quantize(int index, kt_case_t *c, uint32_t *rng) {
  static const int pairs[10][2] = {
      {KT_F32, KT_I8}, {KT_F32, KT_I16}, {KT_I8, KT_I8},  {KT_I16, KT_I16},
      {KT_I16, KT_I8}, {KT_I8, KT_I16},  {KT_I8, KT_I32}, {KT_I16, KT_I32},
      {KT_U8, KT_I8},  {KT_I8, KT_U8}};
  /* Case 38: float32 to int8 with per-channel output scales. */
  const int *p = index == 38 || index == 6 ? pairs[0]
                 : index == 7              ? pairs[1]
                                           : pairs[index % 10];
  int32_t shape[4];
  const int rank = rank_shape(rng, shape);
  int in, out;
  c->version = 2;
  shape[0] = index == 38 ? 3 : shape[0]; /* three channels */
  in = kt_add(c, KT_INPUT, (uint8_t)p[0], rank, shape);
  out = kt_add(c, KT_OUTPUT, (uint8_t)p[1], rank, shape);
  if (index == 38) {
    per_channel(c, rng, out, rank, shape);
  }
  if (p[0] == KT_F32) {
    kt_range(c, in, -300.0, 300.0);
  } else {
    quant_any(c, rng, in, p[0]);
  }
  if (index != 38) {
    quant_any(c, rng, out, p[1]);
  }
  if (p[0] == KT_F32 && (index / 10) % 2 == 1 && index != 38) {
    /* Whole numbers at scale 2: every odd one is a rounding tie. */
    kt_quant(c, out, 2.0f, c->t[out].zero_point);
    kt_range(c, in, p[1] == KT_I8 ? -300 : -70000, p[1] == KT_I8 ? 300 : 70000);
    c->t[in].fill = KT_FILL_INTEGRAL;
  } else if (p[0] == KT_F32) {
    /* Floats over about the output's range, and past it. */
    const float s = c->t[out].scale * (p[1] == KT_I8 ? 160.0f : 40000.0f);
    kt_range(c, in, -(double)s, (double)s);
  }
  if (index == 6 || index == 7) {
    special_quantize(index, c, in, out);
  }
  kt_name_type(c, p[0]);
  kt_name(c, "->");
  kt_name_type(c, p[1]);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name(c, c->t[in].fill == KT_FILL_INTEGRAL ? " ties" : "");
  kt_name(c, index == 6 ? " -NaN" : index == 7 ? " FLT_MAX" : "");
  if (index >= 30 && p[0] != KT_F32) {
    kt_special_values(c);
  }
}

void kt_gen_dequantize(int index, kt_case_t *c, uint32_t *rng) {
  /* Case 4: int8 with per-channel scales; case 5: float16. */
  static const int types[3] = {KT_I8, KT_I16, KT_U8};
  const int type = index == 5 ? KT_F16 : index == 4 ? KT_I8 : types[index % 3];
  int32_t shape[4];
  const int rank = index == 4 || index == 5 ? 1 : rank_shape(rng, shape);
  int in;
  shape[0] = index == 4 ? 2 : index == 5 ? 1 : shape[0]; /* smallest */
  c->version = type == KT_I16 ? 3 : 2;
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  kt_add(c, KT_OUTPUT, KT_F32, rank, shape);
  if (index == 4) {
    per_channel(c, rng, in, rank, shape);
  } else if (type != KT_F16) {
    quant_any(c, rng, in, type);
  }
  kt_name_type(c, type);
  kt_name(c, "->f32 ");
  kt_name_shape(c, in);
}

void kt_gen_cast(int index, kt_case_t *c, uint32_t *rng) {
  /* Every pair of six types, identity included (uint8 and int64 neither
   * side casts). */
  static const int types[6] = {KT_F32, KT_I8, KT_I16, KT_I32, KT_BOOL, KT_U32};
  const int from = types[index % 6];
  const int to = types[(index / 6 + 1 + index % 6) % 6];
  int32_t shape[4];
  const int rank = rank_shape(rng, shape);
  int in;
  in = kt_add(c, KT_INPUT, (uint8_t)from, rank, shape);
  kt_add(c, KT_OUTPUT, (uint8_t)to, rank, shape);
  if (from == KT_F32) {
    kt_range(c, in, -200.0, 200.0);
  } else if (from == KT_I32) {
    kt_range(c, in, -100000, 100000);
  }
  kt_name_type(c, from);
  kt_name(c, "->");
  kt_name_type(c, to);
  kt_name(c, " ");
  kt_name_shape(c, in);
}
