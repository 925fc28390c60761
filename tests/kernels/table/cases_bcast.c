/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: BROADCAST_TO and BROADCAST_ARGS.
 *
 * BROADCAST_TO: the index cycles through the types (any fixed-size type
 * moves as bytes) and the shape vector's type (int32, int64); the output
 * shape (rank 1 to 5, as TFLM) is drawn, and the input keeps a suffix of
 * its dimensions, each either the output's or 1.
 */
#include "cases_gen.h"

static const int kTypes[7] = {KT_F32, KT_I8, KT_I16, KT_I32,
                              KT_I64, KT_BOOL, KT_U8};

void kt_gen_broadcast_to(int index, kt_case_t *c, uint32_t *rng) {
  const int type = kTypes[index % 7];
  const int stype = (index / 7) % 2 ? KT_I64 : KT_I32;
  int32_t os[5], is[5];
  const int orank = kt_draw_shape(rng, 1, 5, 4, 5, os);
  const int irank = kt_rand_int(rng, 0, orank);
  int d, in, shape;
  for (d = 0; d < irank; ++d) {
    const int32_t o = os[orank - irank + d];
    is[d] = kt_rand_int(rng, 0, 2) == 0 ? 1 : o;
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, irank, is);
  shape = kt_add1(c, KT_CONST, (uint8_t)stype, orank);
  kt_values(c, shape, os, orank);
  kt_add(c, KT_OUTPUT, (uint8_t)type, orank, os);
  kt_same_quant(c, rng, in, c->nin);
  c->version = 2;
  kt_name_io(c, type, in);
  kt_name(c, " -> ");
  kt_name_shape(c, c->nin);
  kt_name(c, stype == KT_I64 ? " (i64 shape)" : "");
}

/* ADD_N: float32 and int8 (one quantization for every input), 2 to 6
 * inputs of one drawn shape; some inputs constant. */
void kt_gen_add_n(int index, kt_case_t *c, uint32_t *rng) {
  const int type = index % 2 ? KT_I8 : KT_F32;
  const int n = 2 + (index / 2) % 5;
  int32_t shape[6];
  const int rank = kt_draw_shape(rng, 0, 4, 5, 6, shape);
  const float s = kt_rand_scale(rng, 0.002f, 0.2f);
  const int32_t zp = kt_rand_int(rng, -128, 127);
  int i, t = 0;
  for (i = 0; i < n; ++i) {
    t = kt_add(c, kt_rand_int(rng, 0, 3) == 0 ? KT_CONST : KT_INPUT,
               (uint8_t)type, rank, shape);
    if (type == KT_I8) {
      kt_quant(c, t, s, zp);
    }
  }
  t = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  if (type == KT_I8) {
    kt_quant(c, t, s * kt_rand_float(rng, 0.5f, (float)n),
             kt_rand_int(rng, -128, 127));
  }
  kt_name_io(c, type, 0);
  kt_name_n(c, " x", n);
  if (index >= 20) {
    kt_special_values(c);
  }
}

/* BROADCAST_ARGS: int32 and int64 shape vectors of 0 to 5 elements that
 * broadcast (each pair equal or one of them 1; one may be shorter), both
 * constant or both model inputs. */
void kt_gen_broadcast_args(int index, kt_case_t *c, uint32_t *rng) {
  const int type = index % 2 ? KT_I64 : KT_I32;
  const int role = (index / 2) % 2 ? KT_CONST : KT_INPUT;
  int32_t o[5], a[5], b[5];
  const int n = kt_rand_int(rng, 0, 5);
  const int na = kt_rand_int(rng, 0, n), nb = kt_rand_int(rng, 0, 1) ? n : na;
  const int longer = na > nb ? na : nb;
  int d, s1, s2;
  for (d = 0; d < longer; ++d) {
    o[d] = kt_rand_int(rng, 1, 6);
  }
  for (d = 0; d < na; ++d) {
    a[d] = kt_rand_int(rng, 0, 2) == 0 ? 1 : o[longer - na + d];
  }
  for (d = 0; d < nb; ++d) {
    b[d] = kt_rand_int(rng, 0, 2) == 0 ? 1 : o[longer - nb + d];
  }
  s1 = kt_add1(c, (uint8_t)role, (uint8_t)type, na);
  kt_values(c, s1, a, na);
  s2 = kt_add1(c, (uint8_t)role, (uint8_t)type, nb);
  kt_values(c, s2, b, nb);
  kt_add1(c, KT_OUTPUT, (uint8_t)type, longer);
  kt_name_type(c, type);
  kt_name(c, " [");
  kt_name_int(c, na);
  kt_name(c, "] [");
  kt_name_int(c, nb);
  kt_name(c, role == KT_CONST ? "] (const)" : "]");
}
