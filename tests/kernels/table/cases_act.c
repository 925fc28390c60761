/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the activations RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU,
 * HARD_SWISH, PRELU and ELU.
 *
 * The index enumerates the type (float32, int8, int16, and for the ops
 * TFLM has no int16 of, one int16 case that both sides must refuse);
 * shapes of rank 1..4 are drawn. Quantized inputs and outputs get
 * unrelated scales and zero points (output scales from a third to three
 * times the input's, so both saturation and fine steps show), int16 zero
 * points 0 but in one case in four. LEAKY_RELU enumerates alphas below
 * and above 1, negative and 0; PRELU enumerates alpha shapes (the
 * input's, one per channel, a broadcast of lower rank) and puts the
 * constant alpha in the model, as converters do. The last third of each
 * op's cases fill inputs with special values.
 */
#include "cases_gen.h"

static int act_shape(uint32_t *rng, int32_t *shape) {
  const int rank = kt_rand_int(rng, 1, 4);
  int d;
  for (d = 0; d < rank; ++d) {
    shape[d] = kt_rand_int(rng, 1, d == rank - 1 ? 33 : 4);
  }
  return rank;
}

/* Quantization of an activation's input i and output o of `type`. */
static void act_quant(kt_case_t *c, uint32_t *rng, int index, int type, int i,
                      int o) {
  const float s = kt_rand_scale(rng, 0.002f, 0.1f);
  int32_t zi = 0, zo = 0;
  if (type == KT_I8) {
    zi = kt_rand_int(rng, -128, 127);
    zo = kt_rand_int(rng, -128, 127);
  } else if (index % 4 == 3) {
    zi = kt_rand_int(rng, -300, 300);
    zo = kt_rand_int(rng, -300, 300);
  }
  kt_quant(c, i, s, zi);
  kt_quant(c, o, s * kt_rand_scale(rng, 0.33f, 3.0f), zo);
}

/* A one-input activation case of `type`; returns the input's index. */
static int act_case(int index, kt_case_t *c, uint32_t *rng, int type,
                    int same_quant) {
  int32_t shape[4];
  const int rank = act_shape(rng, shape);
  const int in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  const int out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  c->version = type == KT_F32 ? 1 : type == KT_I8 ? 2 : 3;
  if (type == KT_I8 || type == KT_I16) {
    act_quant(c, rng, index, type, in, out);
    if (same_quant) {
      kt_quant(c, out, c->t[in].scale, c->t[in].zero_point);
    }
  } else {
    kt_range(c, in, -10.0, 10.0);
  }
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, in);
  return in;
}

static const int kActTypes[3] = {KT_F32, KT_I8, KT_I16};

void kt_gen_relu(int index, kt_case_t *c, uint32_t *rng) {
  act_case(index, c, rng, kActTypes[index % 3], 0);
  if (index >= 20) {
    kt_special_values(c);
  }
}

/* TFLM clamps RELU6 on the input's quantization and ignores the
 * output's, so the cases give both the same one. */
void kt_gen_relu6(int index, kt_case_t *c, uint32_t *rng) {
  act_case(index, c, rng, kActTypes[index % 3], 1);
  if (index >= 20) {
    kt_special_values(c);
  }
}

/* float32 and int8 (TFLite's types). TFLM's resolver has no kernel, so
 * every case is a known difference (TFLM refuses) and checks mote's build
 * against its reference only; tests/kernels/test_relu.c checks values. */
void kt_gen_relu_n1_to_1(int index, kt_case_t *c, uint32_t *rng) {
  act_case(index, c, rng, kActTypes[index % 2], 0);
  if (index >= 2) {
    kt_special_values(c);
  }
}

void kt_gen_leaky_relu(int index, kt_case_t *c, uint32_t *rng) {
  static const float alphas[6] = {0.2f, 0.01f, 0.5f, 1.5f, -0.3f, 0.0f};
  const float alpha = alphas[(index / 3) % 6];
  act_case(index, c, rng, kActTypes[index % 3], 0);
  c->options_type = 75;
  kt_opt_f32(c, 0, alpha);
  kt_name_n(c, " alpha/100 ", (int64_t)(alpha * 100.0f));
  if (index >= 20) {
    kt_special_values(c);
  }
}

/* float32 and int8, and int16 (case 2) that both sides refuse. Output
 * scales keep input_scale / 128 below the output scale, as TFLM requires. */
void kt_gen_hard_swish(int index, kt_case_t *c, uint32_t *rng) {
  const int type = index == 2 ? KT_I16 : kActTypes[index % 2];
  const int in = act_case(index, c, rng, type, 0);
  c->version = 1;
  if (type == KT_I8) {
    kt_quant(c, in, kt_rand_scale(rng, 0.01f, 0.1f), c->t[in].zero_point);
    kt_quant(c, in + 1, c->t[in].scale * kt_rand_scale(rng, 0.1f, 3.0f),
             c->t[in + 1].zero_point);
  }
  if (index >= 20) {
    kt_special_values(c);
  }
}

/* PRELU's alpha shape for output `out` (rank r): mode 0 the same, 1 one
 * per channel (the last dimension), 2 each dimension full or 1, dropping
 * leading ones. */
static int prelu_alpha_shape(uint32_t *rng, int mode, const int32_t *out, int r,
                             int32_t *a) {
  int d, drop;
  if (mode == 1) {
    a[0] = out[r - 1];
    return 1;
  }
  drop = mode == 0 ? 0 : kt_rand_int(rng, 0, r - 1);
  for (d = drop; d < r; ++d) {
    a[d - drop] = mode == 0 || kt_rand_int(rng, 0, 1) ? out[d] : 1;
  }
  return r - drop;
}

/* float32 and int8, and int16 (case 2) that both sides refuse. */
void kt_gen_prelu(int index, kt_case_t *c, uint32_t *rng) {
  const int type = index == 2 ? KT_I16 : kActTypes[index % 2];
  const int mode = (index / 2) % 3;
  int32_t shape[4], ashape[4];
  const int rank = act_shape(rng, shape);
  const int ra = prelu_alpha_shape(rng, mode, shape, rank, ashape);
  const int in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  const int al = kt_add(c, index % 4 == 3 ? KT_INPUT : KT_CONST, (uint8_t)type,
                        ra, ashape);
  const int out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  if (type == KT_F32) {
    kt_range(c, in, -10.0, 10.0);
    kt_range(c, al, -1.0, 1.0);
  } else {
    act_quant(c, rng, index, type, in, out);
    kt_quant(c, al, kt_rand_scale(rng, 0.001f, 0.05f),
             type == KT_I8 ? kt_rand_int(rng, -128, 127) : 0);
  }
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name(c, " alpha ");
  kt_name_shape(c, al);
  if (index >= 20) {
    kt_special_values(c);
  }
}

/* float32 and int8, TFLM's types; the int8 table saturates at both ends
 * for the wider output scales. */
void kt_gen_elu(int index, kt_case_t *c, uint32_t *rng) {
  act_case(index, c, rng, index % 2 ? KT_I8 : KT_F32, 0);
  c->version = 1;
  if (index >= 16) {
    kt_special_values(c);
  }
}
