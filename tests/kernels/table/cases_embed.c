/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generator: EMBEDDING_LOOKUP.
 *
 * The index cycles through float32, int8 -> int8 and the hybrid int8 ->
 * float32 path, and whether the table is a constant (the usual form) and
 * the ids constant or a model input; tables of rank 2 to 4 with 1 to 12
 * rows, ids repeating rows and in any order. Case 0 of each id role looks
 * up every row once.
 */
#include "cases_gen.h"

void kt_gen_embedding_lookup(int index, kt_case_t *c, uint32_t *rng) {
  static const int vtypes[3] = {KT_F32, KT_I8, KT_I8};
  static const int otypes[3] = {KT_F32, KT_I8, KT_F32};
  const int variant = index % 3;
  const int ids_const = (index / 3) % 2;
  const int table_const = (index / 6) % 2 == 0;
  int32_t vs[4], os[4], ids[64];
  const int rank = kt_rand_int(rng, 2, 4);
  const int32_t n = kt_rand_int(rng, 1, 10);
  int d, i, id, v, o;
  vs[0] = kt_rand_int(rng, 1, 12);
  for (d = 1; d < rank; ++d) {
    vs[d] = kt_rand_int(rng, 1, d == 1 ? 16 : 3);
  }
  for (i = 0; i < n; ++i) {
    ids[i] = kt_rand_int(rng, 0, vs[0] - 1);
  }
  id = kt_add1(c, ids_const ? KT_CONST : KT_INPUT, KT_I32, n);
  kt_values(c, id, ids, n);
  v = kt_add(c, table_const ? KT_CONST : KT_INPUT, (uint8_t)vtypes[variant],
             rank, vs);
  os[0] = n;
  for (d = 1; d < rank; ++d) {
    os[d] = vs[d];
  }
  o = kt_add(c, KT_OUTPUT, (uint8_t)otypes[variant], rank, os);
  if (variant == 1) {
    kt_same_quant(c, rng, v, o);
  } else if (variant == 2) {
    kt_quant(c, v, kt_rand_scale(rng, 0.001f, 0.5f), 0);
  }
  kt_name_io(c, vtypes[variant], v);
  kt_name(c, variant == 2 ? " -> f32" : "");
  kt_name_n(c, " ids ", n);
  kt_name(c, ids_const ? " (const ids)" : "");
  kt_name(c, table_const ? " (const table)" : "");
}

/* DYNAMIC_UPDATE_SLICE: float32, int8, int16 and int32 operands of rank 1 to 4
 * (one case in six up to 6), an update no larger in any dimension, start
 * indices (int32 or int64, constant or a model input) drawn past both
 * ends now and then so that the clamping shows; the update the operand's
 * whole size in some cases. */
void kt_gen_dynamic_update_slice(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[4] = {KT_F32, KT_I8, KT_I32, KT_I16};
  const int type = types[index % 4];
  const int itype = (index / 4) % 2 ? KT_I64 : KT_I32;
  const int irole = (index / 8) % 2 ? KT_CONST : KT_INPUT;
  int32_t os[6], us[6], st[6];
  const int rank = kt_draw_shape(rng, 1, 4, 5, 6, os);
  const int whole = kt_rand_int(rng, 0, 7) == 0;
  int d, in, up, ix;
  for (d = 0; d < rank; ++d) {
    us[d] = whole ? os[d] : kt_rand_int(rng, 1, os[d]);
    st[d] = kt_rand_int(rng, -2, os[d] - us[d] + 2);
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, os);
  up = kt_add(c, KT_INPUT, (uint8_t)type, rank, us);
  ix = kt_add1(c, (uint8_t)irole, (uint8_t)itype, rank);
  kt_values(c, ix, st, rank);
  kt_add(c, KT_OUTPUT, (uint8_t)type, rank, os);
  kt_same_quant(c, rng, in, up);
  if (c->t[in].nquant > 0) { /* the output quantized as the operand */
    kt_quant(c, c->nin, c->t[in].scale, c->t[in].zero_point);
  }
  kt_name_io(c, type, in);
  kt_name(c, " <- ");
  kt_name_shape(c, up);
  kt_name(c, itype == KT_I64 ? " at i64" : " at i32");
  kt_name(c, irole == KT_CONST ? " (const)" : "");
}
