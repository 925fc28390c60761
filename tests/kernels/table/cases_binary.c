/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the element-wise binary ops ADD, SUB, MUL, DIV,
 * MAXIMUM and MINIMUM.
 *
 * The index enumerates the type and the broadcast pattern (same shapes;
 * per-dimension broadcasting, including a second input of lower rank;
 * a scalar or one-element second input) and the activation; shapes of
 * rank 1..5 are drawn. Quantized inputs get unrelated scales and zero
 * points (int16: zero points 0, as TFLite requires); DIV keeps divisors
 * away from zero so both sides run every element, and int8 DIV keeps its
 * shifts where TFLite's arithmetic is defined, but for one case.
 */
#include "cases_gen.h"

/* Draws output dims and the two input shapes for broadcast `mode`. */
static void draw_shapes(uint32_t *rng, int mode, int32_t *out, int *rank,
                        int32_t *a, int *ra, int32_t *b, int *rb) {
  int d;
  *rank = kt_rand_int(rng, 0, 4) == 0 ? kt_rand_int(rng, 5, 6)
                                      : kt_rand_int(rng, 1, 4);
  for (d = 0; d < *rank; ++d) {
    out[d] = kt_rand_int(rng, 1, d == *rank - 1 ? 19 : 5);
    a[d] = out[d];
  }
  *ra = *rank;
  if (mode == 0) {
    *rb = *rank;
    for (d = 0; d < *rank; ++d) {
      b[d] = out[d];
    }
  } else if (mode == 1) {
    /* Either side may be 1 in any dimension; b may drop leading ones. */
    const int drop = kt_rand_int(rng, 0, *rank - 1);
    *rb = *rank - drop;
    for (d = 0; d < *rank; ++d) {
      const int k = kt_rand_int(rng, 0, 2);
      if (k == 1) {
        a[d] = 1;
      }
      if (d >= drop) {
        b[d - drop] = k == 2 ? 1 : out[d];
      }
    }
    for (d = 0; d < *rank; ++d) { /* the output is the broadcast */
      const int32_t bd = d >= drop ? b[d - drop] : 1;
      out[d] = a[d] > bd ? a[d] : bd;
    }
  } else {
    *rb = kt_rand_int(rng, 0, 1); /* rank 0 or [1] */
    b[0] = 1;
  }
}

/* A binary case of `type`, returning the two inputs' and the output's
 * indices. */
static void binary_case(kt_case_t *c, uint32_t *rng, int type, int mode,
                        int swap, int *i1, int *i2, int *o) {
  int32_t out[6], a[6], b[6];
  int rank, ra, rb;
  draw_shapes(rng, mode, out, &rank, a, &ra, b, &rb);
  if (swap) { /* the broadcast input first */
    *i2 = kt_add(c, KT_INPUT, (uint8_t)type, ra, a);
    *i1 = kt_add(c, KT_INPUT, (uint8_t)type, rb, b);
  } else {
    *i1 = kt_add(c, KT_INPUT, (uint8_t)type, ra, a);
    *i2 = kt_add(c, KT_INPUT, (uint8_t)type, rb, b);
  }
  *o = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, out);
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, 0);
  kt_name(c, " , ");
  kt_name_shape(c, 1);
  c->version = type == KT_F32 ? 1 : 2;
}

static int32_t zp_for(uint32_t *rng, int type) {
  return type == KT_I8 ? kt_rand_int(rng, -128, 127) : 0;
}

static void quant_inputs(kt_case_t *c, uint32_t *rng, int i1, int i2,
                         int type) {
  if (type == KT_I8 || type == KT_I16) {
    kt_quant(c, i1, kt_rand_scale(rng, 0.001f, 0.5f), zp_for(rng, type));
    kt_quant(c, i2, kt_rand_scale(rng, 0.001f, 0.5f), zp_for(rng, type));
  } else if (type == KT_I32 || type == KT_I64) {
    kt_range(c, i1, -50000, 50000);
    kt_range(c, i2, -50000, 50000);
  } else {
    kt_range(c, i1, -4.0, 4.0);
    kt_range(c, i2, -4.0, 4.0);
  }
}

static const int kTypes4[4] = {KT_I8, KT_I16, KT_F32, KT_I32};

/* ADD, MUL and SUB (is_sub: SUB, whose int32 also takes the activation). */
static void gen_add_mul(int index, kt_case_t *c, uint32_t *rng, int is_mul,
                        int is_sub) {
  const int type = kTypes4[index % 4];
  const int mode = (index / 4) % 3;
  const int act =
      type == KT_I32 && !is_sub ? KT_ACT_NONE : kt_act_for(rng, index / 12, 1);
  int i1, i2, o;
  binary_case(c, rng, type, mode, index % 2, &i1, &i2, &o);
  quant_inputs(c, rng, i1, i2, type);
  if (type == KT_I8 || type == KT_I16) {
    const float s1 = c->t[i1].scale, s2 = c->t[i2].scale;
    /* Sum: about the larger scale; product: their product x a range. */
    const float base = is_mul ? s1 * s2 * (type == KT_I8 ? 128.0f : 32768.0f)
                              : (s1 > s2 ? s1 : s2) * 2.0f;
    kt_quant(c, o, base * kt_rand_scale(rng, 0.1f, 10.0f), zp_for(rng, type));
  }
  c->options_type = is_mul ? 21 : is_sub ? 28 : 11;
  kt_opt(c, 0, KT_OPT_INT8, act);
  if (!is_mul && type == KT_I16 && index % 8 < 4) {
    kt_opt(c, 1, KT_OPT_BOOL, 0); /* pot_scale_int16 = false */
  }
  kt_name_act(c, act);
  if (index >= 40) {
    kt_special_values(c);
  }
}

/* int8 ADD at model sizes (resnet8's residual sums) and at lengths that
 * are not multiples of a vector: same shapes, a row broadcast, a scalar. */
static void gen_add_layer(int index, kt_case_t *c, uint32_t *rng) {
  static const int32_t kShapes[KT_ADD_LAYER_CASES][4] = {
      {1, 32, 32, 16}, {1, 16, 16, 32}, {1, 8, 8, 64}, {1, 7, 7, 37},
      {1, 1, 1, 1003}, {1, 5, 5, 64},   {1, 5, 5, 19}, {1, 3, 1, 21}};
  const int32_t *shape = kShapes[index];
  const int32_t row = shape[3], one = 1;
  const int act = kt_act_for(rng, index, 1);
  int i1, i2, o;
  float s1, s2;
  i1 = kt_add(c, KT_INPUT, KT_I8, 4, shape);
  if (index == 5) {
    i2 = kt_add(c, KT_INPUT, KT_I8, 1, &row);
  } else if (index == 6) {
    i2 = kt_add(c, KT_INPUT, KT_I8, 1, &one);
  } else {
    i2 = kt_add(c, KT_INPUT, KT_I8, 4, shape);
  }
  o = kt_add(c, KT_OUTPUT, KT_I8, 4, shape);
  kt_name(c, "i8 layer ");
  kt_name_shape(c, 0);
  kt_name(c, " , ");
  kt_name_shape(c, 1);
  c->version = 2;
  quant_inputs(c, rng, i1, i2, KT_I8);
  if (index == 7) { /* equal scales: both rescales are exact halvings */
    kt_quant(c, i2, c->t[i1].scale, zp_for(rng, KT_I8));
  }
  s1 = c->t[i1].scale, s2 = c->t[i2].scale;
  kt_quant(c, o, (s1 > s2 ? s1 : s2) * 2.0f * kt_rand_scale(rng, 0.3f, 3.0f),
           zp_for(rng, KT_I8));
  c->options_type = 11;
  kt_opt(c, 0, KT_OPT_INT8, act);
  kt_name_act(c, act);
}

void kt_gen_add(int index, kt_case_t *c, uint32_t *rng) {
  if (index >= KT_ADD_DRAWN_CASES) {
    gen_add_layer(index - KT_ADD_DRAWN_CASES, c, rng);
    return;
  }
  gen_add_mul(index, c, rng, 0, 0);
}

void kt_gen_sub(int index, kt_case_t *c, uint32_t *rng) {
  gen_add_mul(index, c, rng, 0, 1);
}

void kt_gen_mul(int index, kt_case_t *c, uint32_t *rng) {
  gen_add_mul(index, c, rng, 1, 0);
}

/* int8 DIV data whose shifts stay inside TFLite's rounding helper: the
 * dividend |x - zp| >= 8, the divisor 1..8 away from its zero point and a
 * rescale in [0.5, 1), so the total right shift is at most 31. */
static void div_q8(kt_case_t *c, uint32_t *rng, int index, int i1, int i2,
                   int o) {
  const int32_t zp1 = kt_rand_int(rng, -100, 100);
  const int32_t zp2 = kt_rand_int(rng, -100, 100);
  const float s1 = kt_rand_scale(rng, 0.01f, 0.2f);
  const float s2 = kt_rand_scale(rng, 0.01f, 0.2f);
  kt_quant(c, i1, s1, zp1);
  kt_quant(c, i2, s2, zp2);
  kt_range(c, i1, index % 2 ? zp1 + 8 : -128, index % 2 ? 127 : zp1 - 8);
  kt_range(c, i2, index % 4 < 2 ? zp2 + 1 : zp2 - 8,
           index % 4 < 2 ? zp2 + 8 : zp2 - 1);
  kt_quant(c, o, s1 / (s2 * kt_rand_float(rng, 0.5f, 0.99f)),
           kt_rand_int(rng, -60, 60));
}

/* DIV case 1, the smallest disagreement found: 26 / 71 (offsets applied)
 * at scales whose total right shift is 32. TFLite's reference shifts an
 * int32 by 32 there (undefined; x86 shifts by 0 and saturates to 127);
 * mote rounds the tiny quotient to 0, the zero point. */
static void div_shift32(kt_case_t *c, int i1, int i2, int o) {
  static const int32_t x = 99, y = 80;
  kt_quant(c, i1, 0.0176764578f, 73);
  kt_quant(c, i2, 0.0971726328f, 9);
  kt_quant(c, o, 0.225433409f, -92);
  kt_values(c, i1, &x, 1);
  kt_values(c, i2, &y, 1);
}

void kt_gen_div(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[3] = {KT_F32, KT_I8, KT_I32};
  const int type = types[index % 3];
  const int mode = (index / 3) % 3;
  const int act = kt_act_for(rng, index / 9, 1);
  int i1, i2, o;
  if (index == 1) {
    const int32_t one = 1;
    i1 = kt_add(c, KT_INPUT, KT_I8, 1, &one);
    i2 = kt_add(c, KT_INPUT, KT_I8, 1, &one);
    o = kt_add(c, KT_OUTPUT, KT_I8, 1, &one);
    div_shift32(c, i1, i2, o);
    kt_name(c, "i8 1 , 1 total shift 32");
  } else {
    binary_case(c, rng, type, mode, 0, &i1, &i2, &o);
  }
  if (index == 1) {
    c->version = 2;
  } else if (type == KT_F32) {
    kt_range(c, i1, -4.0, 4.0);
    kt_range(c, i2, index % 2 ? -3.0 : 0.25, index % 2 ? -0.25 : 3.0);
  } else if (type == KT_I8) {
    div_q8(c, rng, index, i1, i2, o);
  } else {
    kt_range(c, i1, -100000, 100000);
    kt_range(c, i2, 1, 300);
  }
  c->options_type = 29;
  kt_opt(c, 0, KT_OPT_INT8, act);
  kt_name_act(c, act);
  if (index >= 15) {
    kt_special_values(c);
  }
}

static void gen_max_min(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[5] = {KT_I8, KT_I16, KT_F32, KT_I32, KT_I64};
  const int type = types[index % 5];
  const int mode = (index / 5) % 3;
  int i1, i2, o;
  binary_case(c, rng, type, mode, index % 2, &i1, &i2, &o);
  quant_inputs(c, rng, i1, i2, type);
  if (type == KT_I8 || type == KT_I16) {
    /* Compared as stored: TFLite wants one quantization for all three. */
    kt_quant(c, i2, c->t[i1].scale, c->t[i1].zero_point);
    kt_quant(c, o, c->t[i1].scale, c->t[i1].zero_point);
  }
  c->options_type = 39;
  if (index >= 20) {
    kt_special_values(c);
  }
}

void kt_gen_maximum(int index, kt_case_t *c, uint32_t *rng) {
  gen_max_min(index, c, rng);
}

void kt_gen_minimum(int index, kt_case_t *c, uint32_t *rng) {
  gen_max_min(index, c, rng);
}

/* SQUARED_DIFFERENCE: the four types over the three broadcast modes, no
 * activation; quantized outputs scaled about the square of the larger
 * input range. */
void kt_gen_squared_difference(int index, kt_case_t *c, uint32_t *rng) {
  const int type = kTypes4[index % 4];
  int i1, i2, o;
  binary_case(c, rng, type, (index / 4) % 3, index % 2, &i1, &i2, &o);
  quant_inputs(c, rng, i1, i2, type);
  if (type == KT_I8 || type == KT_I16) {
    const float s =
        c->t[i1].scale > c->t[i2].scale ? c->t[i1].scale : c->t[i2].scale;
    const float range = type == KT_I8 ? 256.0f : 32768.0f;
    kt_quant(c, o,
             s * s * range *
                 kt_rand_scale(rng, type == KT_I8 ? 0.25f : 0.5f,
                               type == KT_I8 ? 4.0f : 60.0f),
             zp_for(rng, type));
  }
  if (type == KT_I32) {
    kt_range(c, i1, -3000, 3000);
    kt_range(c, i2, -3000, 3000);
  }
  c->version = type == KT_F32 ? 1 : 2;
}
