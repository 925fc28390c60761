/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the ops that cut a tensor into parts along an axis or
 * join parts into one, SPLIT, SPLIT_V, PACK and UNPACK.
 *
 * Types cycle through int8 (one quantization for every tensor, as the
 * converter writes it), int16, float32 and int32 (PACK also int64, as
 * TFLM). Ranks 1 to 4, one case in six up to 6; every axis, given
 * positive or negative (from the end); one to four parts, each of any
 * extent for SPLIT_V. SPLIT's axis is a scalar or a [1] constant;
 * SPLIT_V's size_splits is an int32 or int64 constant, with a -1 ("the
 * rest") in some cases, and in one case a model input; PACK stacks
 * inputs of rank 0 to 4.
 */
#include "cases_gen.h"

static const int kTypes[4] = {KT_I8, KT_I16, KT_F32, KT_I32};

/* Gives tensors first..last-1 the quantization of tensor `from`. */
static void quant_like(kt_case_t *c, int from, int first, int last) {
  int i;
  for (i = first; i < last && c->t[from].nquant > 0; ++i) {
    kt_quant(c, i, c->t[from].scale, c->t[from].zero_point);
  }
}

static void name_axis(kt_case_t *c, int type, int whole, int parts,
                      int32_t axis) {
  kt_name_io(c, type, whole);
  kt_name_n(c, " parts ", parts);
  kt_name_n(c, " axis ", axis);
}

void kt_gen_split(int index, kt_case_t *c, uint32_t *rng) {
  const int type = kTypes[index % 4];
  const int n = kt_rand_int(rng, 1, 4);
  int32_t shape[6], axis;
  const int rank = kt_draw_shape(rng, 1, 4, 5, 6, shape);
  int a, in, o;
  axis = kt_rand_int(rng, 0, rank - 1);
  shape[axis] = n * kt_rand_int(rng, 1, 3);
  if ((index / 4) % 2) {
    axis -= rank;
  }
  a = (index / 8) % 2 ? kt_add(c, KT_CONST, KT_I32, 0, shape)
                      : kt_add1(c, KT_CONST, KT_I32, 1);
  kt_values(c, a, &axis, 1);
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  shape[axis < 0 ? axis + rank : axis] /= n;
  for (o = 0; o < n; ++o) {
    kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  }
  kt_same_quant(c, rng, in, -1);
  quant_like(c, in, in + 1, in + 1 + n);
  c->options_type = 35;
  kt_opt(c, 0, KT_OPT_INT32, n);
  name_axis(c, type, in, n, axis);
  kt_name(c, (index / 8) % 2 ? " (scalar axis)" : "");
}

void kt_gen_split_v(int index, kt_case_t *c, uint32_t *rng) {
  /* Case 7: size_splits is a model input, which TFLM never reads. */
  const int type = kTypes[index % 4];
  const int n = kt_rand_int(rng, 1, 4);
  const int sizes_type = (index / 4) % 2 ? KT_I64 : KT_I32;
  const int rest = index % 3 == 0 ? kt_rand_int(rng, 0, n - 1) : -1;
  int32_t shape[6], sizes[4], axis, total = 0;
  const int rank = kt_draw_shape(rng, 1, 4, 5, 6, shape);
  int in, s, a, o, d;
  axis = kt_rand_int(rng, 0, rank - 1);
  for (o = 0; o < n; ++o) {
    sizes[o] = kt_rand_int(rng, 1, 3);
    total += sizes[o];
  }
  shape[axis] = total;
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  s = kt_add1(c, index == 7 ? KT_INPUT : KT_CONST, (uint8_t)sizes_type, n);
  a = kt_add1(c, KT_CONST, KT_I32, 1);
  for (o = 0; o < n; ++o) {
    shape[axis] = sizes[o];
    kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  }
  shape[axis] = total;
  if (rest >= 0) {
    sizes[rest] = -1;
  }
  kt_values(c, s, sizes, n);
  d = (index / 2) % 2 ? axis - rank : axis;
  kt_values(c, a, &d, 1);
  kt_same_quant(c, rng, in, -1);
  quant_like(c, in, a + 1, a + 1 + n);
  c->options_type = 79;
  kt_opt(c, 0, KT_OPT_INT32, n);
  name_axis(c, type, in, n, d);
  kt_name(c, sizes_type == KT_I64 ? " sizes i64" : " sizes i32");
  for (o = 0; o < n; ++o) {
    kt_name_n(c, o ? "," : " ", sizes[o]);
  }
  kt_name(c, index == 7 ? " (sizes an input)" : "");
}

void kt_gen_pack(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[5] = {KT_I8, KT_I16, KT_F32, KT_I32, KT_I64};
  const int type = types[index % 5];
  const int n = kt_rand_int(rng, 1, 4);
  int32_t shape[6], oshape[6], axis;
  const int rank = kt_draw_shape(rng, 0, 4, 5, 5, shape);
  int i, d, out;
  axis = kt_rand_int(rng, 0, rank);
  for (d = 0; d <= rank; ++d) {
    oshape[d] = d < axis ? shape[d] : d == axis ? n : shape[d - 1];
  }
  for (i = 0; i < n; ++i) {
    kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  }
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank + 1, oshape);
  kt_same_quant(c, rng, out, -1);
  quant_like(c, out, 0, n);
  if ((index / 5) % 2) {
    axis -= rank + 1;
  }
  c->options_type = 59;
  kt_opt(c, 0, KT_OPT_INT32, n);
  kt_opt(c, 1, KT_OPT_INT32, axis);
  name_axis(c, type, out, n, axis);
}

void kt_gen_unpack(int index, kt_case_t *c, uint32_t *rng) {
  const int type = kTypes[index % 4];
  int32_t shape[6], oshape[6], axis;
  const int rank = kt_draw_shape(rng, 1, 4, 5, 6, shape);
  int in, d, o, n;
  axis = kt_rand_int(rng, 0, rank - 1);
  n = shape[axis] = kt_rand_int(rng, 1, 4);
  for (d = 0; d + 1 < rank; ++d) {
    oshape[d] = shape[d < axis ? d : d + 1];
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  for (o = 0; o < n; ++o) {
    kt_add(c, KT_OUTPUT, (uint8_t)type, rank - 1, oshape);
  }
  kt_same_quant(c, rng, in, -1);
  quant_like(c, in, in + 1, in + 1 + n);
  if ((index / 4) % 2) {
    axis -= rank;
  }
  c->options_type = 64;
  kt_opt(c, 0, KT_OPT_INT32, n);
  kt_opt(c, 1, KT_OPT_INT32, axis);
  name_axis(c, type, in, n, axis);
}
