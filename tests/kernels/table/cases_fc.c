/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generator: FULLY_CONNECTED.
 *
 * The index enumerates the variant (int8 per-tensor, int8 per-channel,
 * 16x8 with int64 bias, 16x8 with int32 bias, float32, int8 without bias)
 * and the activation; the input layout cycles through a plain [batch,
 * depth] matrix, a rank-3 input with keep_num_dims (the output keeps the
 * leading dimensions) and a rank-4 input flattened into rows of the
 * filter's depth. Depths run to ~300 and are rarely multiples of 4 or 16.
 * Last, KT_INT4_CASES of packed int4 weights (gen_int4).
 */
#include "cases_gen.h"

/* Case k of the packed int4 weights: a bias, an absent one (input -1) and
 * two inputs in turn; a plain [rows, depth] input, or (one case in four)
 * a rank-3 one with keep_num_dims; the weights' element count odd in
 * three cases of four (the last packed byte half used). Per-tensor: TFLM
 * refuses per-channel int4 weights, and so does mote (case 11, and 13).
 * The last two cases are 16x8 (int64 bias), which TFLM refuses with int4
 * weights, and so does mote. */
static void gen_int4(int k, kt_case_t *c, uint32_t *rng) {
  const int pc = k == 11 || k == 13, bias_mode = k % 3, keep = k % 4 == 2;
  const int s16 = k >= KT_INT4_CASES - 2;
  const int type = s16 ? KT_I16 : KT_I8;
  const int act = kt_act_for(rng, k, 1);
  int32_t depth = kt_rand_int(rng, 1, kt_rand_int(rng, 0, 2) == 0 ? 200 : 40);
  int32_t units = kt_rand_int(rng, 1, 24), rows = kt_rand_int(rng, 1, 4);
  int32_t shape[3];
  int in, f, b = -1, out;
  if (k % 4 != 3) { /* an odd count */
    depth |= 1, units |= 1;
  }
  c->version = 10; /* int4 weights */
  shape[0] = 2, shape[1] = rows, shape[2] = depth;
  in = keep ? kt_add(c, KT_INPUT, (uint8_t)type, 3, shape)
            : kt_add(c, KT_INPUT, (uint8_t)type, 2, shape + 1);
  shape[0] = units, shape[1] = depth;
  f = kt_add(c, KT_CONST, KT_I4, 2, shape);
  if (bias_mode == 0 || s16) {
    b = kt_add1(c, KT_CONST, s16 ? KT_I64 : KT_I32, units);
  } else if (bias_mode == 1) {
    kt_add(c, KT_ABSENT, KT_I32, 0, shape); /* bias input -1 */
  }
  shape[0] = 2, shape[1] = rows, shape[2] = units;
  out = keep ? kt_add(c, KT_OUTPUT, (uint8_t)type, 3, shape)
             : kt_add(c, KT_OUTPUT, (uint8_t)type, 2, shape + 1);
  kt_quant_layer(c, rng, in, f, b, out, pc, 0, depth);
  c->options_type = 8;
  kt_opt(c, 0, KT_OPT_INT8, act);
  if (keep) {
    kt_opt(c, 2, KT_OPT_BOOL, 1);
  }
  kt_name(c, s16 ? "16x8 " : "i8 ");
  kt_name(c, pc ? "pc " : "per-tensor ");
  kt_name(c, b >= 0 ? "" : bias_mode == 1 ? "nobias " : "2 inputs ");
  kt_name_shape(c, in);
  kt_name_n(c, " units", units);
  kt_name_n(c, " elements ", units * depth);
  kt_name(c, keep ? " keep_num_dims" : "");
  kt_name_act(c, act);
}

void kt_gen_fully_connected(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[6] = {KT_I8, KT_I8, KT_I16, KT_I16, KT_F32, KT_I8};
  static const int biases[6] = {KT_I32, KT_I32, KT_I64, KT_I32, KT_F32, -1};
  static const char *const names[6] = {"i8 per-tensor", "i8 pc", "16x8 b64",
                                       "16x8 b32",      "f32",   "i8 nobias"};
  const int variant = index % 6;
  const int act = kt_act_for(rng, index / 6, 1);
  const int layout = (index / 24) % 3;
  if (index >= KT_FC_DRAWN_CASES) {
    gen_int4(index - KT_FC_DRAWN_CASES, c, rng);
    return;
  }
  const int type = types[variant];
  const int pc = variant == 1 || variant == 2 || (variant == 3 && index % 2);
  /* Cases 6 (int4 weights) and 8 (rescale 200) are the smallest: one row
   * of depth 2 or 1, one unit. */
  const int tiny = index == 6 || index == 8;
  const int32_t drawn =
      kt_rand_int(rng, 1, kt_rand_int(rng, 0, 3) == 0 ? 300 : 64);
  int32_t depth = tiny ? (index == 6 ? 2 : 1) : drawn;
  const int32_t units = tiny ? 1 : kt_rand_int(rng, 1, 40);
  int32_t rows = tiny ? 1 : kt_rand_int(rng, 1, 5), shape[4];
  int in, f, b, out, keep = 0;
  c->version = type == KT_F32 ? 1 : type == KT_I8 ? 4 : 7;
  if (layout == 0) {
    shape[0] = rows, shape[1] = depth;
    in = kt_add(c, KT_INPUT, (uint8_t)type, 2, shape);
  } else if (layout == 1) {
    const int32_t lead = kt_rand_int(rng, 1, 3);
    keep = 1;
    shape[0] = lead, shape[1] = rows, shape[2] = depth;
    in = kt_add(c, KT_INPUT, (uint8_t)type, 3, shape);
    rows *= lead;
  } else {
    /* [1, h, w, ch] read as rows of `depth` = h * w * ch / rows. */
    const int32_t h = kt_rand_int(rng, 1, 4), w = kt_rand_int(rng, 1, 4),
                  ch = kt_rand_int(rng, 1, 9);
    rows = kt_rand_int(rng, 0, 1) ? 1 : h;
    depth = h * w * ch / rows;
    shape[0] = 1, shape[1] = h, shape[2] = w, shape[3] = ch;
    in = kt_add(c, KT_INPUT, (uint8_t)type, 4, shape);
  }
  shape[0] = units, shape[1] = depth;
  f = kt_add(c, KT_CONST, kt_filter_type(index, type), 2, shape);
  /* No bias: an absent input 2, or (one case in two) two inputs. */
  b = biases[variant] >= 0
          ? kt_add1(c, KT_CONST, (uint8_t)biases[variant], units)
      : (index / 6) % 2 ? kt_add(c, KT_ABSENT, KT_I32, 0, shape)
                        : -1;
  if (keep) {
    shape[0] = c->t[in].shape[0], shape[1] = c->t[in].shape[1];
    shape[2] = units;
    out = kt_add(c, KT_OUTPUT, (uint8_t)type, 3, shape);
  } else {
    shape[0] = rows, shape[1] = units;
    out = kt_add(c, KT_OUTPUT, (uint8_t)type, 2, shape);
  }
  kt_quant_layer(c, rng, in, f, biases[variant] >= 0 ? b : -1, out, pc, 0,
                 depth);
  if (index == 8) {
    kt_big_rescale(c, in, f, b, out);
  }
  c->options_type = 8;
  kt_opt(c, 0, KT_OPT_INT8, act);
  if (keep) {
    kt_opt(c, 2, KT_OPT_BOOL, 1);
  }
  kt_name(c, names[variant]);
  kt_name(c, pc && variant != 1 && variant != 2 ? " pc " : " ");
  kt_name_shape(c, in);
  kt_name_n(c, " units", units);
  kt_name(c, keep ? " keep_num_dims" : "");
  kt_name(c, c->nin == 2 ? " 2 inputs" : "");
  kt_name(c, index == 8 ? " rescale 200" : "");
  kt_name_act(c, act);
  if (index >= 200) {
    kt_special_values(c);
  }
}
