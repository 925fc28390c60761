/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: SPACE_TO_DEPTH and DEPTH_TO_SPACE, float32 and int8
 * (TFLM's types; one quantization for input and output), batches 1 to 2,
 * block sizes 1 to 4 over spatial sizes and depths they divide.
 */
#include "cases_gen.h"

static void space_depth(int index, kt_case_t *c, uint32_t *rng, int to_depth) {
  const int type = index % 2 ? KT_I8 : KT_F32;
  const int32_t b = kt_rand_int(rng, 1, index % 3 == 0 ? 4 : 2);
  int32_t shape[4], oshape[4];
  int in, out;
  shape[0] = kt_rand_int(rng, 1, 2);
  shape[1] = kt_rand_int(rng, 1, 3) * (to_depth ? b : 1);
  shape[2] = kt_rand_int(rng, 1, 3) * (to_depth ? b : 1);
  shape[3] = kt_rand_int(rng, 1, 4) * (to_depth ? 1 : b * b);
  oshape[0] = shape[0];
  oshape[1] = to_depth ? shape[1] / b : shape[1] * b;
  oshape[2] = to_depth ? shape[2] / b : shape[2] * b;
  oshape[3] = to_depth ? shape[3] * b * b : shape[3] / (b * b);
  in = kt_add(c, KT_INPUT, (uint8_t)type, 4, shape);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, 4, oshape);
  kt_same_quant(c, rng, in, out);
  c->options_type = (uint8_t)(to_depth ? 19 : 94);
  kt_opt(c, 0, KT_OPT_INT32, b);
  c->version = type == KT_I8 ? 2 : 1;
  kt_name_io(c, type, in);
  kt_name_n(c, " block ", b);
}

void kt_gen_space_to_depth(int index, kt_case_t *c, uint32_t *rng) {
  space_depth(index, c, rng, 1);
}

void kt_gen_depth_to_space(int index, kt_case_t *c, uint32_t *rng) {
  space_depth(index, c, rng, 0);
}
