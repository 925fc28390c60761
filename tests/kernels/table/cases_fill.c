/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the ops whose output does not depend on the input's
 * values, ZEROS_LIKE, FILL and SHAPE, over ranks 0 to 4 (one case in six
 * up to 6).
 */
#include "cases_gen.h"

static const int kAny[8] = {KT_F32, KT_I8,   KT_I16, KT_I32,
                            KT_I64, KT_BOOL, KT_U8,  KT_F32};

/* TFLM zeroes float32, int8, int32 and int64. */
void kt_gen_zeros_like(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[4] = {KT_F32, KT_I8, KT_I32, KT_I64};
  const int type = types[index % 4];
  int32_t shape[6];
  const int rank = kt_draw_shape(rng, 0, 4, 5, 6, shape);
  const int in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  const int out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  kt_same_quant(c, rng, in, out);
  kt_name_io(c, type, in);
}

/* TFLM fills float32, int8 and int32, from constant dims (int32 or
 * int64) of rank 1 and up (an empty dims vector is not a constant to
 * it); the value a constant or a model input. */
void kt_gen_fill(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[3] = {KT_F32, KT_I8, KT_I32};
  const int type = types[index % 3];
  const int dtype = (index / 3) % 2 ? KT_I64 : KT_I32;
  const int value_role = (index / 2) % 2 ? KT_CONST : KT_INPUT;
  int32_t shape[6], scalar[1];
  const int rank = kt_draw_shape(rng, 1, 4, 5, 6, shape);
  int dims, value, out;
  dims = kt_add1(c, KT_CONST, (uint8_t)dtype, rank);
  kt_values(c, dims, shape, rank);
  value = kt_add(c, (uint8_t)value_role, (uint8_t)type, 0, scalar);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  kt_same_quant(c, rng, value, out);
  kt_name_io(c, type, out);
  kt_name(c, dtype == KT_I64 ? " dims i64" : " dims i32");
  kt_name(c, value_role == KT_CONST ? " (const value)" : " (input value)");
}

/* SHAPE takes any input type (its data is never read); case 7 asks for
 * an int64 output, which both refuse. */
void kt_gen_shape(int index, kt_case_t *c, uint32_t *rng) {
  const int type = kAny[index % 8];
  const int out_type = index == 7 ? KT_I64 : KT_I32;
  int32_t shape[6];
  const int rank = kt_draw_shape(rng, 0, 4, 5, 6, shape);
  const int in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  kt_add1(c, KT_OUTPUT, (uint8_t)out_type, rank);
  c->options_type = 55;
  kt_opt(c, 0, KT_OPT_INT8, out_type);
  kt_name_io(c, type, in);
  kt_name(c, out_type == KT_I64 ? " -> i64" : "");
}
