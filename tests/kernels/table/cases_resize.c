/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: RESIZE_NEAREST_NEIGHBOR (float32, int8, int16) and
 * RESIZE_BILINEAR (float32, int8: TFLM refuses int16, and so does mote, as
 * test_resize.c checks). The type and the coordinate mode (none, align_corners,
 * half_pixel_centers, and for the nearest neighbour both) are enumerated;
 * batch, depth, input and output sizes are drawn, both up- and
 * down-scaling, with sizes of 1 (align_corners' special case).
 */
#include "cases_gen.h"

static void resize_case(int index, kt_case_t *c, uint32_t *rng, int bilinear) {
  static const int kTypes[3] = {KT_F32, KT_I8, KT_I16};
  const int type = kTypes[index % (bilinear ? 2 : 3)];
  /* Nearest: 3 types x 4 modes by index % 3 and index % 4, so that the
   * first cases (MOTE_CONFORMANCE_SMALL) already hold every mode. */
  const int mode = bilinear ? (index / 2) % 3 : index % 4;
  const int align = mode == 1 || mode == 3, half = mode == 2 || mode == 3;
  int32_t shape[4], oshape[4], sshape[1] = {2}, size[2];
  int in, s, out;
  shape[0] = kt_rand_int(rng, 1, 2);
  shape[1] = kt_rand_int(rng, 1, 6);
  shape[2] = kt_rand_int(rng, 1, 6);
  shape[3] = kt_rand_int(rng, 1, 4);
  size[0] = kt_rand_int(rng, 1, 9);
  size[1] = kt_rand_int(rng, 1, 9);
  oshape[0] = shape[0];
  oshape[1] = size[0];
  oshape[2] = size[1];
  oshape[3] = shape[3];
  in = kt_add(c, KT_INPUT, (uint8_t)type, 4, shape);
  s = kt_add(c, KT_CONST, KT_I32, 1, sshape);
  kt_values(c, s, size, 2);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, 4, oshape);
  kt_same_quant(c, rng, in, out);
  c->options_type = (uint8_t)(bilinear ? 15 : 74);
  kt_opt(c, bilinear ? 2 : 0, KT_OPT_BOOL, align);
  kt_opt(c, bilinear ? 3 : 1, KT_OPT_BOOL, half);
  kt_name_io(c, type, in);
  kt_name(c, " to ");
  kt_name_shape(c, out);
  kt_name(c, align ? " align_corners" : "");
  kt_name(c, half ? " half_pixel_centers" : "");
}

void kt_gen_resize_nearest_neighbor(int index, kt_case_t *c, uint32_t *rng) {
  resize_case(index, c, rng, 0);
}

void kt_gen_resize_bilinear(int index, kt_case_t *c, uint32_t *rng) {
  resize_case(index, c, rng, 1);
}
