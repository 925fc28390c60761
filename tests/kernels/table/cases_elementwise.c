/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the element-wise unary ops of TFLM's elementwise, neg,
 * exp, floor, ceil and round kernels (ABS, NEG, SQUARE, SQRT, RSQRT, EXP,
 * LOG, SIN, COS, FLOOR, CEIL, ROUND, LOGICAL_NOT), over exactly the types
 * TFLM's kernels take.
 *
 * Float cases draw shapes of rank 1..4 and inputs over a range that takes
 * each function through its domain's edges (negatives into SQRT and LOG,
 * EXP past overflow, SIN and COS far from 0); the last third fill inputs
 * with special values (NaN, infinities, signed zeros, subnormals, FLT_MAX).
 * FLOOR, CEIL and ROUND have one case of explicit halves and whole numbers
 * (ROUND's ties go to even). ABS enumerates float32, int8, int16 with
 * quantization (zero points 0) and int16 without; the quantized cases
 * alternate equal scales (TFLM then only moves the zero point) with
 * unrelated ones. RSQRT int8 inputs stay at or above the zero point but
 * for the last case, which both sides must fail at invoke.
 */
#include <string.h>

#include "cases_gen.h"

static int ew_shape(uint32_t *rng, int32_t *shape) {
  const int rank = kt_rand_int(rng, 1, 4);
  int d;
  for (d = 0; d < rank; ++d) {
    shape[d] = kt_rand_int(rng, 1, d == rank - 1 ? 33 : 4);
  }
  return rank;
}

/* One input and one output of `type` and a drawn shape; returns the
 * input's index (the output is the next). */
static int ew_case(kt_case_t *c, uint32_t *rng, int type, int version) {
  int32_t shape[4];
  const int rank = ew_shape(rng, shape);
  const int in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  c->version = version;
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, in);
  return in;
}

/* A float32 case: inputs in [lo, hi], wide_lo/hi for one case in three,
 * special values from index `specials` on. */
static void ew_float(int index, kt_case_t *c, uint32_t *rng, double lo,
                     double hi, double wide_lo, double wide_hi, int specials) {
  const int in = ew_case(c, rng, KT_F32, 1);
  if (index % 3 == 2) {
    kt_range(c, in, wide_lo, wide_hi);
    kt_name(c, " wide");
  } else {
    kt_range(c, in, lo, hi);
  }
  if (index >= specials) {
    kt_special_values(c);
  }
}

/* Halves, whole numbers and signed zeros, as float32 bit patterns. */
static void ew_halves(kt_case_t *c) {
  static const float v[16] = {-3.5f, -2.5f, -1.5f, -0.5f, -0.0f, 0.0f,
                              0.5f,  1.5f,  2.5f,  3.5f,  -2.0f, 7.0f,
                              0.49999997f, -0.50000006f, 8388607.5f,
                              -1048576.5f};
  int32_t bits[16];
  const int32_t n = 16;
  int in;
  memcpy(bits, v, sizeof bits);
  in = kt_add1(c, KT_INPUT, KT_F32, n);
  kt_add1(c, KT_OUTPUT, KT_F32, n);
  c->version = 1;
  kt_values(c, in, bits, n);
  kt_name(c, "float32 16 halves");
}

#define EW_FLOAT_GEN(fn, lo, hi, wlo, whi)                                     \
  void fn(int index, kt_case_t *c, uint32_t *rng) {                            \
    ew_float(index, c, rng, lo, hi, wlo, whi, 8);                              \
  }

EW_FLOAT_GEN(kt_gen_neg, -10.0, 10.0, -3e38, 3e38)
EW_FLOAT_GEN(kt_gen_square, -10.0, 10.0, -3e20, 3e20)
EW_FLOAT_GEN(kt_gen_sqrt, -1.0, 100.0, 0.0, 3e38)
EW_FLOAT_GEN(kt_gen_exp, -10.0, 10.0, -120.0, 120.0)
EW_FLOAT_GEN(kt_gen_log, -1.0, 100.0, 0.0, 3e38)
EW_FLOAT_GEN(kt_gen_sin, -10.0, 10.0, -1e6, 1e6)
EW_FLOAT_GEN(kt_gen_cos, -10.0, 10.0, -1e6, 1e6)

/* FLOOR, CEIL, ROUND: case 0 the halves, then drawn. */
#define EW_ROUNDING_GEN(fn)                                                    \
  void fn(int index, kt_case_t *c, uint32_t *rng) {                            \
    if (index == 0) {                                                          \
      ew_halves(c);                                                            \
      return;                                                                  \
    }                                                                          \
    ew_float(index, c, rng, -10.0, 10.0, -1e9, 1e9, 8);                        \
  }

EW_ROUNDING_GEN(kt_gen_floor)
EW_ROUNDING_GEN(kt_gen_ceil)
EW_ROUNDING_GEN(kt_gen_round)

/* ABS: index % 4 picks float32, int8, int16 quantized, int16 plain. */
void kt_gen_abs(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[4] = {KT_F32, KT_I8, KT_I16, KT_I16};
  static const int versions[4] = {1, 2, 3, 4};
  const int kind = index % 4;
  const int in = ew_case(c, rng, types[kind], versions[kind]);
  const int out = in + 1;
  if (kind == 0) {
    kt_range(c, in, -10.0, 10.0);
  } else if (kind != 3) {
    const float s = kt_rand_scale(rng, 0.002f, 0.1f);
    const int same = (index / 4) % 2 == 0;
    const int32_t zi = kind == 1 ? kt_rand_int(rng, -128, 127) : 0;
    const int32_t zo = kind == 1 ? kt_rand_int(rng, -128, 127) : 0;
    kt_quant(c, in, s, zi);
    kt_quant(c, out, same ? s : s * kt_rand_scale(rng, 0.33f, 3.0f), zo);
    kt_name(c, same ? " same scale" : " rescaled");
  } else {
    kt_name(c, " unquantized");
  }
  if (index >= 16) {
    kt_special_values(c);
  }
}

/* RSQRT: even cases float32, odd int8 (inputs >= the zero point but in
 * the last case). */
void kt_gen_rsqrt(int index, kt_case_t *c, uint32_t *rng) {
  const int type = index % 2 == 0 ? KT_F32 : KT_I8;
  const int in = ew_case(c, rng, type, type == KT_F32 ? 1 : 2);
  if (type == KT_F32) {
    kt_range(c, in, index % 4 == 2 ? -1.0 : 0.0, 100.0);
    if (index >= 12) {
      kt_special_values(c);
    }
    return;
  }
  {
    const float s = kt_rand_scale(rng, 0.001f, 0.5f);
    const int32_t zi = kt_rand_int(rng, -128, 100);
    kt_quant(c, in, s, zi);
    kt_quant(c, in + 1, kt_rand_scale(rng, 0.005f, 1.0f),
             kt_rand_int(rng, -128, 0));
    if (index == 19) {
      kt_name(c, " below zero point");
    } else {
      kt_range(c, in, zi, 127);
      if (index >= 13) {
        kt_special_values(c);
      }
    }
  }
}

void kt_gen_logical_not(int index, kt_case_t *c, uint32_t *rng) {
  ew_case(c, rng, KT_BOOL, 1);
  (void)index;
}
