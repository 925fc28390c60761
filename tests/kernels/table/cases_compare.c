/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the comparisons (EQUAL, NOT_EQUAL, LESS, LESS_EQUAL,
 * GREATER, GREATER_EQUAL) and the logical ops (LOGICAL_AND, LOGICAL_OR),
 * each with a bool output.
 *
 * The index enumerates the type and the broadcast pattern (equal shapes
 * of rank up to 6; per-dimension broadcasting with the second input of
 * lower rank; a scalar or one-element input), which input comes first,
 * and for int8 / int16 whether the inputs share one quantization (ties
 * compare equal) or have unrelated ones (compared after TFLM's rescale).
 * Numbers are drawn from small integral ranges so that ties occur; later
 * float cases mix in NaNs, infinities and signed zeros. Inputs of
 * different shapes stay within 4-D: TFLM's broadcast aborts beyond.
 */
#include "cases_gen.h"

/* Output dims and the two input shapes for broadcast `mode` (0 equal
 * shapes, 1 per-dimension, 2 a scalar or [1] second input). */
static void cmp_shapes(uint32_t *rng, int mode, int32_t *out, int *rank,
                       int32_t *a, int *ra, int32_t *b, int *rb) {
  int d, drop;
  *rank = mode == 0 && kt_rand_int(rng, 0, 3) == 0 ? kt_rand_int(rng, 5, 6)
                                                   : kt_rand_int(rng, 1, 4);
  drop = mode == 1 ? kt_rand_int(rng, 0, *rank - 1) : 0;
  *ra = *rank;
  *rb = mode == 2 ? kt_rand_int(rng, 0, 1) : *rank - drop;
  b[0] = 1;
  for (d = 0; d < *rank; ++d) {
    /* 1: input 1 repeats along d, 2: input 2 does (where it has d). */
    const int pick = mode == 1 && d >= drop ? kt_rand_int(rng, 0, 2) : 0;
    out[d] = kt_rand_int(rng, 1, d == *rank - 1 ? 17 : 4);
    a[d] = pick == 1 ? 1 : out[d];
    if (mode != 2 && d >= drop) {
      b[d - drop] = pick == 2 ? 1 : out[d];
    }
  }
}

/* A two-input, bool-output case of `type`; returns the inputs' indices. */
static void cmp_case(kt_case_t *c, uint32_t *rng, int type, int mode, int swap,
                     int *i1, int *i2) {
  int32_t out[6], a[6], b[6];
  int rank, ra, rb;
  cmp_shapes(rng, mode, out, &rank, a, &ra, b, &rb);
  *i1 = kt_add(c, KT_INPUT, (uint8_t)type, swap ? rb : ra, swap ? b : a);
  *i2 = kt_add(c, KT_INPUT, (uint8_t)type, swap ? ra : rb, swap ? a : b);
  kt_add(c, KT_OUTPUT, KT_BOOL, rank, out);
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, 0);
  kt_name(c, " , ");
  kt_name_shape(c, 1);
}

/* Data of a comparison: few distinct values, so ties are common. */
/* `alt`: int8 inputs of unrelated quantizations, integers over a wide
 * range (no ties). */
static void cmp_data(kt_case_t *c, uint32_t *rng, int index, int type, int alt,
                     int i1, int i2) {
  int i;
  if (type == KT_I8 || type == KT_I16) {
    const int wide = type == KT_I16 ? 300 : 127;
    const float s = kt_rand_scale(rng, 0.002f, 0.9f);
    const int32_t zp = kt_rand_int(rng, -20, 20);
    kt_quant(c, i1, s, zp);
    if (!alt) {
      kt_quant(c, i2, s, zp);
    } else {
      kt_quant(c, i2, kt_rand_scale(rng, 0.002f, 0.9f),
               kt_rand_int(rng, -20, 20));
      kt_name(c, " requant");
    }
    for (i = 0; i < 2; ++i) {
      kt_range(c, i == 0 ? i1 : i2, -wide, wide);
    }
    return;
  }
  if (type == KT_BOOL) {
    return; /* 0 or 1 */
  }
  for (i = 0; i < 2; ++i) {
    const int t = i == 0 ? i1 : i2;
    if (type != KT_F32 && alt) {
      kt_range(c, t, type == KT_I64 ? -5e12 : -2e9,
               type == KT_I64 ? 5e12 : 2e9);
    } else {
      kt_range(c, t, -3, 3);
      c->t[t].fill = KT_FILL_INTEGRAL;
    }
  }
  if (type == KT_F32 && index >= 16) {
    for (i = 0; i < 2; ++i) {
      c->t[i == 0 ? i1 : i2].fill = KT_FILL_RANDOM;
    }
    kt_special_values(c);
  }
}

static const int kEqTypes[5] = {KT_I8, KT_F32, KT_I32, KT_I64, KT_BOOL};
/* int16 last: only GREATER's known-difference case takes it. */
static const int kOrderTypes[5] = {KT_I8, KT_F32, KT_I32, KT_I64, KT_I16};

/* A comparison with the first `ntypes` of `types`. */
static void gen_compare(int index, kt_case_t *c, uint32_t *rng,
                        const int *types, int ntypes) {
  const int type = types[index % ntypes];
  int i1, i2;
  cmp_case(c, rng, type, (index / ntypes) % 3, index % 2, &i1, &i2);
  cmp_data(c, rng, index, type, (index / ntypes) % 2, i1, i2);
  c->version = type == KT_I8 ? 2 : type == KT_I16 ? 3 : 1;
}

void kt_gen_equal(int index, kt_case_t *c, uint32_t *rng) {
  gen_compare(index, c, rng, kEqTypes, 5);
}

void kt_gen_not_equal(int index, kt_case_t *c, uint32_t *rng) {
  gen_compare(index, c, rng, kEqTypes, 5);
}

void kt_gen_less(int index, kt_case_t *c, uint32_t *rng) {
  gen_compare(index, c, rng, kOrderTypes, 4);
}

void kt_gen_less_equal(int index, kt_case_t *c, uint32_t *rng) {
  gen_compare(index, c, rng, kOrderTypes, 4);
}

/* The last case is int16, which the oracle's TFLM evaluates without
 * setting its rescale (all false): mote refuses it (a known difference). */
void kt_gen_greater(int index, kt_case_t *c, uint32_t *rng) {
  if (index == KT_GREATER_INT16_CASE) {
    gen_compare(4, c, rng, kOrderTypes, 5);
  } else {
    gen_compare(index, c, rng, kOrderTypes, 4);
  }
}

void kt_gen_greater_equal(int index, kt_case_t *c, uint32_t *rng) {
  gen_compare(index, c, rng, kOrderTypes, 4);
}

/* LOGICAL_AND and LOGICAL_OR: bool only, every broadcast pattern. */
static void gen_logical(int index, kt_case_t *c, uint32_t *rng) {
  int i1, i2;
  cmp_case(c, rng, KT_BOOL, index % 3, (index / 3) % 2, &i1, &i2);
}

void kt_gen_logical_and(int index, kt_case_t *c, uint32_t *rng) {
  gen_logical(index, c, rng);
}

void kt_gen_logical_or(int index, kt_case_t *c, uint32_t *rng) {
  gen_logical(index, c, rng);
}

/* SELECT_V2: a bool condition, x and y of float32, int8 or int16 (values
 * copied as stored, so x and y may be quantized differently), all three
 * shapes drawn against one output of rank up to 5 (equal shapes: up to
 * 6); each input keeps or drops leading dimensions and repeats along
 * others. Case 23 is int32, which TFLM fails at invoke and mote refuses. */
void kt_gen_select_v2(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[3] = {KT_F32, KT_I8, KT_I16};
  const int type = index == 23 ? KT_I32 : types[index % 3];
  const int mode = (index / 3) % 3; /* equal, broadcast, 1-element cond */
  int32_t out[6], s[3][6];
  int r[3], rank, k, d;
  rank = mode == 0 ? kt_rand_int(rng, 1, 6) : kt_rand_int(rng, 1, 5);
  for (d = 0; d < rank; ++d) {
    out[d] = kt_rand_int(rng, 1, d == rank - 1 ? 9 : 3);
  }
  for (k = 0; k < 3; ++k) {
    /* x or y keeps the output's rank: TFLM wants it to be the largest. */
    const int drop =
        mode == 0 || k == 1 + index % 2 ? 0 : kt_rand_int(rng, 0, rank);
    r[k] = mode == 2 && k == 0 ? kt_rand_int(rng, 0, 1) : rank - drop;
    for (d = 0; d < r[k]; ++d) {
      const int repeat = mode == 1 && kt_rand_int(rng, 0, 2) == 0;
      s[k][d] = mode == 2 && k == 0 ? 1 : repeat ? 1 : out[d + rank - r[k]];
    }
  }
  /* The output is their broadcast: 1 where every input repeats. */
  for (d = 0; d < rank; ++d) {
    int32_t m = 1;
    for (k = 0; k < 3; ++k) {
      const int id = d - (rank - r[k]);
      if (id >= 0 && s[k][id] > m) {
        m = s[k][id];
      }
    }
    out[d] = m;
  }
  kt_add(c, KT_INPUT, KT_BOOL, r[0], s[0]);
  for (k = 1; k < 3; ++k) {
    kt_add(c, KT_INPUT, (uint8_t)type, r[k], s[k]);
    if (type == KT_I8 || type == KT_I16) {
      kt_quant(c, k, kt_rand_scale(rng, 0.01f, 0.5f),
               type == KT_I8 ? kt_rand_int(rng, -30, 30) : 0);
    }
  }
  k = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, out);
  if (type == KT_I8 || type == KT_I16) {
    kt_quant(c, k, c->t[1].scale, c->t[1].zero_point);
  }
  kt_name_type(c, type);
  kt_name(c, " ");
  for (k = 0; k < 3; ++k) {
    kt_name_shape(c, k);
    kt_name(c, k < 2 ? " , " : "");
  }
  c->version = type == KT_F32 ? 1 : 2;
  if (type == KT_F32 && index >= 12) {
    kt_special_values(c);
  }
}

/* FLOOR_DIV and FLOOR_MOD: float32 over the comparisons' shapes; signs
 * mixed so the floor and the remainder's sign fix matter; FLOOR_DIV's
 * divisors kept from zero but in case 15, all zeros, on which both sides
 * fail; FLOOR_MOD's later cases special values (zero divisors,
 * infinities, NaNs). */
static void gen_floor(int index, kt_case_t *c, uint32_t *rng, int is_mod) {
  int i1, i2;
  cmp_case(c, rng, KT_F32, index % 3, (index / 3) % 2, &i1, &i2);
  c->t[c->nin].type = KT_F32; /* the output: the inputs' type, not bool */
  kt_range(c, i1, -20.0, 20.0);
  kt_range(c, i2, 0.5, 6.0);
  if (index % 2 == 1) {
    kt_range(c, i2, -6.0, -0.5);
  }
  if (!is_mod && index == 15) {
    kt_range(c, i2, 0.0, 0.0);
    kt_name(c, " zero divisors");
  } else if (index >= 12) {
    c->t[i1].fill = KT_FILL_INTEGRAL; /* exact quotients and remainders 0 */
    if (is_mod) {
      kt_special_values(c);
    }
  }
  c->version = 1;
}

void kt_gen_floor_div(int index, kt_case_t *c, uint32_t *rng) {
  gen_floor(index, c, rng, 0);
}

void kt_gen_floor_mod(int index, kt_case_t *c, uint32_t *rng) {
  gen_floor(index, c, rng, 1);
}
