/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the ops steered by index operands, SLICE, GATHER and
 * GATHER_ND.
 *
 * SLICE cycles through TFLM's float32, int8, int16, int32 and bool, with
 * begin and size int32 or int64 constants of ranks 1 to 4 (one case in
 * six up to 5), a size of -1 ("to the end") on some dimensions.
 */
#include "cases_gen.h"

void kt_gen_slice(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[5] = {KT_I8, KT_I16, KT_F32, KT_I32, KT_BOOL};
  const int type = types[index % 5];
  const int itype = (index / 5) % 2 ? KT_I64 : KT_I32;
  int32_t shape[6], begin[6], size[6], oshape[6];
  const int rank = kt_draw_shape(rng, 1, 4, 6, 5, shape);
  int in, b, s, d, out;
  for (d = 0; d < rank; ++d) {
    begin[d] = kt_rand_int(rng, 0, shape[d] - 1);
    oshape[d] = kt_rand_int(rng, 1, shape[d] - begin[d]);
    size[d] = kt_rand_int(rng, 0, 3) == 0 ? -1 : oshape[d];
    oshape[d] = size[d] == -1 ? shape[d] - begin[d] : oshape[d];
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  b = kt_add1(c, KT_CONST, (uint8_t)itype, rank);
  kt_values(c, b, begin, rank);
  s = kt_add1(c, KT_CONST, (uint8_t)itype, rank);
  kt_values(c, s, size, rank);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, oshape);
  kt_same_quant(c, rng, in, out);
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name(c, itype == KT_I64 ? " i64" : " i32");
  for (d = 0; d < rank; ++d) {
    kt_name_n(c, d ? " " : " [", begin[d]);
    kt_name_n(c, "+", size[d]);
  }
  kt_name(c, "]");
}
