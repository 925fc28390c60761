/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generator: TRANSPOSE_CONV.
 *
 * The index enumerates the variant (int8 per-channel, int8 per-tensor,
 * 16x8 with an int64 bias, float32, int8 without a bias, 16x8 with an
 * int16 bias), the padding and
 * the fused activation; shapes, strides and the output size are drawn.
 * Every other 16x8 case with an int64 bias stores the bias 4-byte aligned,
 * as the converter does: mote copies it aligned at init (TFLM runs it).
 * The output size is any the op accepts: every size whose convolution
 * back gives the input's (with stride s, up to s - 1 extra rows), so the
 * odd padding offsets of SAME and the dropped taps of VALID both occur.
 */
#include "cases_gen.h"

/* Output extent of a transposed conv of input extent `in`: one of those
 * whose convolution (filter f, stride s) gives back `in`. */
static int32_t draw_out(uint32_t *rng, int padding, int32_t in, int32_t f,
                        int32_t s) {
  if (padding == KT_SAME) {
    return kt_rand_int(rng, (in - 1) * s + 1, in * s);
  }
  return kt_rand_int(rng, (in - 1) * s + f, (in - 1) * s + f + s - 1);
}

void kt_gen_transpose_conv(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[6] = {KT_I8, KT_I8, KT_I16, KT_F32, KT_I8, KT_I16};
  static const char *const names[6] = {"i8 pc",     "i8 per-tensor",
                                       "16x8 b64",  "f32",
                                       "i8 nobias", "16x8 b16"};
  const int variant = index % 6;
  const int type = types[variant];
  const int padding = (index / 6) % 2 ? KT_VALID : KT_SAME;
  const int act = kt_act_for(rng, index / 12, 1);
  int32_t in_s[4], f_s[4], out_s[4];
  int32_t sh = kt_rand_int(rng, 1, 3), sw = kt_rand_int(rng, 1, 3), depth;
  int shape, f, in, b = -1, out;
  in_s[0] = kt_rand_int(rng, 0, 4) == 0 ? 2 : 1;
  in_s[1] = kt_rand_int(rng, 1, 5);
  in_s[2] = kt_rand_int(rng, 1, 5);
  in_s[3] = kt_rand_int(rng, 1, 8);
  f_s[0] = kt_rand_int(rng, 1, 8);
  f_s[1] = kt_rand_int(rng, 1, 4);
  f_s[2] = kt_rand_int(rng, 1, 4);
  f_s[3] = in_s[3];
  if (index % 7 == 3) { /* a unit stride now and then: a plain conv */
    sh = sw = 1;
  }
  out_s[0] = in_s[0];
  out_s[1] = draw_out(rng, padding, in_s[1], f_s[1], sh);
  out_s[2] = draw_out(rng, padding, in_s[2], f_s[2], sw);
  out_s[3] = f_s[0];
  c->version = type == KT_F32 ? 1 : type == KT_I8 ? 2 : 3;
  shape = kt_add1(c, KT_CONST, KT_I32, 4);
  kt_values(c, shape, out_s, 4);
  f = kt_add(c, KT_CONST, type == KT_F32 ? KT_F32 : KT_I8, 4, f_s);
  in = kt_add(c, KT_INPUT, (uint8_t)type, 4, in_s);
  if (variant != 4) {
    b = kt_add1(c, KT_CONST,
                type == KT_F32   ? KT_F32
                : variant == 5   ? KT_I16
                : type == KT_I16 ? KT_I64
                                 : KT_I32,
                f_s[0]);
  } else if ((index / 6) % 2) { /* no bias as an absent input 3 */
    kt_add(c, KT_ABSENT, KT_I32, 1, f_s);
  }
  if (variant == 2 && (index / 12) % 2 == 1) {
    c->t[b].data_at = 4;
  }
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, 4, out_s);
  /* Products reaching one output: in_c times the taps that overlap. */
  depth = in_s[3] * ((f_s[1] + sh - 1) / sh) * ((f_s[2] + sw - 1) / sw);
  kt_quant_layer(c, rng, in, f, b, out, variant == 0 || variant == 2, 0,
                 depth);
  if (variant == 5) {
    kt_range(c, b, -32768, 32767);
  }
  c->options_type = 49;
  kt_opt(c, 0, KT_OPT_INT8, padding);
  kt_opt(c, 1, KT_OPT_INT32, sw);
  kt_opt(c, 2, KT_OPT_INT32, sh);
  if (act != KT_ACT_NONE) {
    kt_opt(c, 3, KT_OPT_INT8, act);
    c->version = 4;
  }
  kt_name(c, names[variant]);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name(c, " f");
  kt_name_n(c, "", f_s[1]);
  kt_name_n(c, "x", f_s[2]);
  kt_name_n(c, " s", sh);
  kt_name_n(c, "x", sw);
  kt_name(c, " -> ");
  kt_name_shape(c, out);
  kt_name(c, padding == KT_SAME ? " SAME" : " VALID");
  kt_name(c, c->nin == 4 && b < 0 ? " absent bias" : "");
  kt_name(c, b >= 0 && c->t[b].data_at != 0 ? " bias 4-aligned" : "");
  kt_name_act(c, act);
}
