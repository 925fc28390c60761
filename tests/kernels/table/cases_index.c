/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the ops steered by index operands, SLICE, GATHER and
 * GATHER_ND.
 *
 * SLICE cycles through TFLM's float32, int8, int16, int32 and bool, with
 * begin and size int32 or int64 constants of ranks 1 to 4 (one case in
 * six up to 5), a size of -1 ("to the end") on some dimensions. From
 * KT_SLICE_INPUT_CASE on begin, size or both are model inputs (read at
 * invoke); the last case declares dim 0 one longer than they give.
 * GATHER draws the axis (given positive or negative), indices of rank 0
 * to 2, constant or a model input, and batch_dims 1 in some cases.
 */
#include "cases_gen.h"

void kt_gen_slice(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[5] = {KT_I8, KT_I16, KT_F32, KT_I32, KT_BOOL};
  const int type = types[index % 5];
  const int itype = (index / 5) % 2 ? KT_I64 : KT_I32;
  const int dynamic = index >= KT_SLICE_INPUT_CASE;
  const int bdyn = dynamic && index % 3 != 1, sdyn = dynamic && index % 3 != 0;
  int32_t shape[6], begin[6], size[6], oshape[6];
  const int rank = kt_draw_shape(rng, 1, 4, 6, 5, shape);
  int in, b, s, d, out;
  for (d = 0; d < rank; ++d) {
    begin[d] = kt_rand_int(rng, 0, shape[d] - 1);
    oshape[d] = kt_rand_int(rng, 1, shape[d] - begin[d]);
    size[d] = kt_rand_int(rng, 0, 3) == 0 ? -1 : oshape[d];
    oshape[d] = size[d] == -1 ? shape[d] - begin[d] : oshape[d];
  }
  oshape[0] += index == KT_SLICE_CASES - 1;
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  b = kt_add1(c, bdyn ? KT_INPUT : KT_CONST, (uint8_t)itype, rank);
  kt_values(c, b, begin, rank);
  s = kt_add1(c, sdyn ? KT_INPUT : KT_CONST, (uint8_t)itype, rank);
  kt_values(c, s, size, rank);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, oshape);
  kt_same_quant(c, rng, in, out);
  kt_name_io(c, type, in);
  kt_name(c, itype == KT_I64 ? " i64" : " i32");
  for (d = 0; d < rank; ++d) {
    kt_name_n(c, d ? " " : " [", begin[d]);
    kt_name_n(c, "+", size[d]);
  }
  kt_name(c, "]");
  kt_name(c, bdyn ? " begin (an input)" : "");
  kt_name(c, sdyn ? " size (an input)" : "");
  kt_name(c, index == KT_SLICE_CASES - 1 ? ", output dim 0 one longer" : "");
}

/* TFLM gathers float32 and int8 by int32 indices. Case 13 has int64
 * indices, which both refuse; cases 10 and 11 an index past the axis,
 * constant (mote refuses at prepare) and a model input (at invoke);
 * TFLM fails its invoke on both. */
void kt_gen_gather(int index, kt_case_t *c, uint32_t *rng) {
  const int type = index % 2 ? KT_I8 : KT_F32;
  const int itype = index == 13 ? KT_I64 : KT_I32;
  const int role = (index / 2) % 2 ? KT_INPUT : KT_CONST;
  int32_t shape[6], ishape[6], oshape[12], axis, bd, n = 0;
  const int batched = index % 5 == 4; /* batch_dims 1 */
  const int rank = kt_draw_shape(rng, 1 + batched, 4, 5, 5, shape);
  const int irank = kt_rand_int(rng, batched, 2);
  int in, ix, out, d;
  axis = kt_rand_int(rng, batched, rank - 1);
  bd = batched;
  for (d = 0; d < irank; ++d) {
    ishape[d] = d < bd ? shape[d] : kt_rand_int(rng, 1, 4);
  }
  for (d = 0; d < axis; ++d) {
    oshape[n++] = shape[d];
  }
  for (d = bd; d < irank; ++d) {
    oshape[n++] = ishape[d];
  }
  for (d = axis + 1; d < rank; ++d) {
    oshape[n++] = shape[d];
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  ix = kt_add(c,
              (uint8_t)(index == 10   ? KT_CONST
                        : index == 11 ? KT_INPUT
                                      : role),
              (uint8_t)itype, irank, ishape);
  kt_range(c, ix, index >= 10 && index <= 11 ? shape[axis] : 0,
           shape[axis] - (index >= 10 && index <= 11 ? 0 : 1));
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, n, oshape);
  kt_same_quant(c, rng, in, out);
  c->options_type = 23;
  kt_opt(c, 0, KT_OPT_INT32, (index / 3) % 2 ? axis - rank : axis);
  kt_opt(c, 1, KT_OPT_INT32, bd);
  kt_name_io(c, type, in);
  kt_name(c, itype == KT_I64 ? " indices i64 " : " indices i32 ");
  kt_name_shape(c, ix);
  kt_name(c, c->t[ix].role == KT_CONST ? " (const)" : " (input)");
  kt_name_n(c, " axis ", (index / 3) % 2 ? axis - rank : axis);
  kt_name_n(c, " batch_dims ", bd);
  kt_name(c, index >= 10 && index <= 11 ? " out of range" : "");
}

/* TFLM gathers float32 and int8 by int32 index rows of 1 to 5 entries.
 * Case 9 has an index past its dimension (a model input), which TFLM
 * reads outside the input for and mote refuses at invoke. */
void kt_gen_gather_nd(int index, kt_case_t *c, uint32_t *rng) {
  const int type = index % 2 ? KT_I8 : KT_F32;
  int32_t shape[6], ishape[3], oshape[8], vals[KT_MAX_IVALS / 4];
  const int rank = kt_draw_shape(rng, 1, 4, 4, 5, shape);
  const int irank = kt_rand_int(rng, 1, 3);
  const int k = kt_rand_int(rng, 1, rank);
  int in, ix, d, n = 0, rows = 1, j;
  for (d = 0; d + 1 < irank; ++d) {
    ishape[d] = kt_rand_int(rng, 1, 3);
    oshape[n++] = ishape[d];
    rows *= ishape[d];
  }
  ishape[irank - 1] = k;
  for (d = k; d < rank; ++d) {
    oshape[n++] = shape[d];
  }
  for (j = 0; j < rows * k; ++j) {
    vals[j] = kt_rand_int(rng, 0, shape[j % k] - 1);
  }
  if (index == 9) {
    vals[rows * k - 1] = shape[k - 1];
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  ix = kt_add(c, (uint8_t)((index / 2) % 2 || index == 9 ? KT_INPUT : KT_CONST),
              KT_I32, irank, ishape);
  kt_values(c, ix, vals, rows * k);
  kt_same_quant(c, rng, in, kt_add(c, KT_OUTPUT, (uint8_t)type, n, oshape));
  kt_name_io(c, type, in);
  kt_name(c, " indices ");
  kt_name_shape(c, ix);
  kt_name(c, c->t[ix].role == KT_CONST ? " (const)" : " (input)");
  kt_name(c, index == 9 ? " out of range" : "");
}
