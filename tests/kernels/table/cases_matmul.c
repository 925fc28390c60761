/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generator: BATCH_MATMUL.
 *
 * The index enumerates the type (float32, int8, int16), adj_x and adj_y,
 * and whether rhs is a constant (the common form: a weight matrix) or a
 * model input; batch dimensions (0 to 3, so ranks 2 to 5) are drawn, each
 * either shared, broadcast from 1 on one side, or missing on one side (a
 * lower rank). Output scales put the typical accumulator inside the
 * output type, so the clamps are reached but not always.
 */
#include "cases_gen.h"

/* Quantizes lhs, rhs and out for a depth-`depth` product. */
static void quant(kt_case_t *c, uint32_t *rng, int type, int lhs, int rhs,
                  int out, int32_t depth) {
  float sd = 1.0f, sl, sr;
  int32_t i;
  for (i = 1; i * i < depth; ++i) {
    sd = (float)i + 1.0f; /* ~sqrt(depth) without libm */
  }
  sl = kt_rand_scale(rng, 0.001f, 0.1f);
  sr = kt_rand_scale(rng, 0.001f, 0.1f);
  if (type == KT_I8) {
    kt_quant(c, lhs, sl, kt_rand_int(rng, -20, 20));
    kt_quant(c, rhs, sr, kt_rand_int(rng, -20, 20));
    kt_quant(c, out, sl * sr * 74.0f * 74.0f * sd / 60.0f,
             kt_rand_int(rng, -30, 30));
  } else {
    kt_quant(c, lhs, sl, 0);
    kt_quant(c, rhs, sr, 0);
    kt_quant(c, out, sl * sr * 18900.0f * 18900.0f * sd / 15000.0f, 0);
  }
}

void kt_gen_batch_matmul(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[3] = {KT_F32, KT_I8, KT_I16};
  const int type = types[index % 3];
  const int adj_x = (index / 3) % 2, adj_y = (index / 6) % 2;
  const int rhs_const = (index / 12) % 2;
  const int nb = kt_rand_int(rng, 0, 3);
  const int32_t rows = kt_rand_int(rng, 1, 6), cols = kt_rand_int(rng, 1, 6);
  const int32_t depth = kt_rand_int(rng, 1, kt_rand_int(rng, 0, 3) ? 12 : 40);
  int32_t ls[5], rs[5], os[5];
  int lrank = nb + 2, rrank = nb + 2, d, lhs, rhs, out;
  for (d = 0; d < nb; ++d) {
    const int how = kt_rand_int(rng, 0, 3); /* 0, 1 shared; 2, 3 broadcast */
    os[d] = kt_rand_int(rng, 1, 3);
    ls[d] = how == 2 ? 1 : os[d];
    rs[d] = how == 3 ? 1 : os[d];
  }
  os[nb] = rows;
  os[nb + 1] = cols;
  ls[nb] = adj_x ? depth : rows;
  ls[nb + 1] = adj_x ? rows : depth;
  rs[nb] = adj_y ? cols : depth;
  rs[nb + 1] = adj_y ? depth : cols;
  /* One operand of lower rank now and then, when its leading dims are 1. */
  if (nb > 0 && ls[0] == 1 && kt_rand_int(rng, 0, 1)) {
    lrank--;
  } else if (nb > 0 && rs[0] == 1 && kt_rand_int(rng, 0, 1)) {
    rrank--;
  }
  c->version = type == KT_F32 ? 1 : type == KT_I8 ? 3 : 4;
  lhs = kt_add(c, KT_INPUT, (uint8_t)type, lrank, ls + (nb + 2 - lrank));
  rhs = kt_add(c, rhs_const ? KT_CONST : KT_INPUT, (uint8_t)type, rrank,
               rs + (nb + 2 - rrank));
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, nb + 2, os);
  if (type != KT_F32) {
    quant(c, rng, type, lhs, rhs, out, depth);
  }
  c->options_type = 101;
  if (adj_x) {
    kt_opt(c, 0, KT_OPT_BOOL, 1);
  }
  if (adj_y) {
    kt_opt(c, 1, KT_OPT_BOOL, 1);
  }
  kt_name_io(c, type, lhs);
  kt_name(c, " x ");
  kt_name_shape(c, rhs);
  kt_name(c, rhs_const ? " (const)" : "");
  kt_name(c, adj_x ? " adj_x" : "");
  kt_name(c, adj_y ? " adj_y" : "");
}
