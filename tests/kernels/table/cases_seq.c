/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the stateful sequence ops SVDF and
 * UNIDIRECTIONAL_SEQUENCE_LSTM. Each case runs three invokes on the same
 * input, so the state carried in variable tensors feeds the compared
 * output.
 *
 * SVDF enumerates float32, int8 with int16 weights_time and state, int8
 * with int8 ones (non-zero state zero point), with and without
 * activation; ranks 1 and 2. LSTM enumerates int8 (int16 cell), float32
 * and 16x8 (int64 bias), batch- and time-major, with and without cell
 * clipping; case 27 has peepholes and case 28 is CIFG (no input gate),
 * which neither side runs. Scales are drawn near those of converted models so
 * that gates neither saturate nor vanish; the cell scale is a power of two, as
 * TFLite requires.
 */
#include "cases_gen.h"

void kt_gen_svdf(int index, kt_case_t *c, uint32_t *rng) {
  static const char *const names[3] = {"f32", "i8 wt16", "i8 wt8"};
  const int variant = index % 3;
  /* TFLM dereferences an absent bias (its TODO #1751) and crashes; case 5
   * (int8, all dimensions 1) has none, the rest have one. */
  const int has_bias = index != 5;
  const int act = (index / 3) % 2 ? KT_ACT_RELU : KT_ACT_NONE;
  const int tiny = index == 5;
  const int32_t batch = tiny ? 1 : kt_rand_int(rng, 1, 3),
                in_n = tiny ? 1 : kt_rand_int(rng, 1, 20),
                rank = tiny ? 1 : kt_rand_int(rng, 1, 2),
                units = tiny ? 1 : kt_rand_int(rng, 1, 6),
                mem = kt_rand_int(rng, 2, 8), filters = units * rank;
  const int q = variant != 0;
  const uint8_t wt_type = variant == 0 ? KT_F32 : variant == 1 ? KT_I16 : KT_I8;
  int32_t s2[2];
  int in, wf, wt, b, st, out;
  c->invokes = 3;
  c->version = q ? 3 : 1;
  s2[0] = batch, s2[1] = in_n;
  in = kt_add(c, KT_INPUT, q ? KT_I8 : KT_F32, 2, s2);
  s2[0] = filters, s2[1] = in_n;
  wf = kt_add(c, KT_CONST, q ? KT_I8 : KT_F32, 2, s2);
  s2[0] = filters, s2[1] = mem;
  wt = kt_add(c, KT_CONST, wt_type, 2, s2);
  b = has_bias ? kt_add1(c, KT_CONST, q ? KT_I32 : KT_F32, units)
               : kt_add(c, KT_ABSENT, KT_I32, 0, s2);
  s2[0] = batch, s2[1] = mem * filters;
  st = kt_add(c, KT_VARIABLE, wt_type, 2, s2);
  s2[0] = batch, s2[1] = units;
  out = kt_add(c, KT_OUTPUT, q ? KT_I8 : KT_F32, 2, s2);
  if (q) {
    const float s_state = variant == 1 ? kt_rand_scale(rng, 0.002f, 0.008f)
                                       : kt_rand_scale(rng, 0.03f, 0.1f);
    const float s_wt = kt_rand_scale(rng, 0.001f, 0.004f);
    kt_quant(c, in, kt_rand_scale(rng, 0.02f, 0.1f),
             kt_rand_int(rng, -128, 127));
    kt_quant(c, wf, kt_rand_scale(rng, 0.005f, 0.02f), 0);
    kt_quant(c, wt, s_wt, 0);
    if (variant == 1) {
      kt_range(c, wt, -2000, 2000);
    }
    if (has_bias) {
      kt_quant(c, b, s_state * s_wt, 0);
      kt_range(c, b, -2000, 2000);
    }
    kt_quant(c, st, s_state, variant == 2 ? kt_rand_int(rng, -60, 60) : 0);
    kt_quant(c, out, kt_rand_scale(rng, 0.01f, 0.05f),
             kt_rand_int(rng, -20, 20));
  }
  c->options_type = 6;
  kt_opt(c, 0, KT_OPT_INT32, rank);
  kt_opt(c, 1, KT_OPT_INT8, act);
  kt_name(c, names[variant]);
  kt_name_n(c, " batch", batch);
  kt_name_n(c, " in", in_n);
  kt_name_n(c, " units", units);
  kt_name_n(c, " rank", rank);
  kt_name_n(c, " memory", mem);
  kt_name(c, has_bias ? "" : " nobias");
  kt_name_act(c, act);
  if (index >= 30) {
    kt_special_values(c);
  }
}

void kt_gen_lstm(int index, kt_case_t *c, uint32_t *rng) {
  static const char *const names[3] = {"i8", "f32", "16x8"};
  const int variant = index % 3;
  const int time_major = (index / 3) % 2;
  const int clip = (index / 6) % 2;
  const int32_t batch = kt_rand_int(rng, 1, 3), steps = kt_rand_int(rng, 1, 4),
                in_n = kt_rand_int(rng, 1, 6), n = kt_rand_int(rng, 1, 5);
  const uint8_t act_t = variant == 0 ? KT_I8 : variant == 1 ? KT_F32 : KT_I16;
  const uint8_t w_t = variant == 1 ? KT_F32 : KT_I8;
  const uint8_t b_t = variant == 0 ? KT_I32 : variant == 1 ? KT_F32 : KT_I64;
  const float s_in = act_t == KT_I8 ? kt_rand_scale(rng, 0.01f, 0.05f)
                                    : kt_rand_scale(rng, 0.00005f, 0.0002f);
  const int32_t zp_in = act_t == KT_I8 ? kt_rand_int(rng, -20, 20) : 0;
  const float s_h = act_t == KT_I8 ? 1.0f / 128.0f : 1.0f / 32768.0f;
  const int32_t zp_h = act_t == KT_I8 ? kt_rand_int(rng, -10, 10) : 0;
  int32_t s3[3], s2[2];
  int i, g, h, out;
  c->invokes = 3;
  c->version = 1;
  s3[0] = time_major ? steps : batch;
  s3[1] = time_major ? batch : steps;
  s3[2] = in_n;
  i = kt_add(c, KT_INPUT, act_t, 3, s3);
  if (act_t != KT_F32) {
    kt_quant(c, i, s_in, zp_in);
  }
  for (g = 1; g <= 8; ++g) { /* input-to-gate 1..4, recurrent 5..8 */
    int w;
    s2[0] = n, s2[1] = g <= 4 ? in_n : n;
    if (index == 28 && (g == 1 || g == 5)) { /* CIFG: no input gate */
      kt_add(c, KT_ABSENT, KT_F32, 0, s2);
      continue;
    }
    w = kt_add(c, KT_CONST, w_t, 2, s2);
    if (w_t == KT_I8) {
      kt_quant(c, w, kt_rand_scale(rng, 0.003f, 0.012f), 0);
    } else {
      kt_range(c, w, -0.6, 0.6);
    }
  }
  for (g = 9; g <= 11; ++g) { /* peepholes in case 27 only */
    if (index == 27) {
      const int pw = kt_add1(c, KT_CONST, w_t == KT_I8 ? KT_I16 : KT_F32, n);
      if (w_t == KT_I8) {
        kt_quant(c, pw, 1.0f / 4096.0f, 0);
      }
    } else {
      kt_add(c, KT_ABSENT, KT_F32, 0, s2);
    }
  }
  for (g = 0; g < 4; ++g) { /* gate biases 12..15 */
    int b;
    if (index == 28 && g == 0) {
      kt_add(c, KT_ABSENT, KT_F32, 0, s2);
      continue;
    }
    b = kt_add1(c, KT_CONST, b_t, n);
    if (b_t != KT_F32) {
      kt_quant(c, b, s_in * c->t[1 + g].scale, 0);
      kt_range(c, b, -2000, 2000);
    } else {
      kt_range(c, b, -0.5, 0.5);
    }
  }
  kt_add(c, KT_ABSENT, KT_F32, 0, s2); /* 16, 17: no projection */
  kt_add(c, KT_ABSENT, KT_F32, 0, s2);
  s2[0] = batch, s2[1] = n;
  h = kt_add(c, KT_VARIABLE, act_t, 2, s2);
  g = kt_add(c, KT_VARIABLE, act_t == KT_F32 ? KT_F32 : KT_I16, 2, s2);
  if (act_t != KT_F32) {
    kt_quant(c, h, s_h, zp_h);
    kt_quant(c, g, 1.0f / 2048.0f, 0);
  }
  for (g = 20; g < 24; ++g) { /* no layer norm */
    kt_add(c, KT_ABSENT, KT_F32, 0, s2);
  }
  s3[2] = n;
  out = kt_add(c, KT_OUTPUT, act_t, 3, s3);
  if (act_t != KT_F32) {
    kt_quant(c, out, s_h, zp_h);
  }
  c->options_type = 71;
  kt_opt(c, 0, KT_OPT_INT8, KT_ACT_TANH);
  kt_opt_f32(c, 1, clip ? 0.5f : 0.0f);
  kt_opt(c, 3, KT_OPT_BOOL, time_major);
  kt_name(c, names[variant]);
  kt_name(c, " ");
  kt_name_shape(c, i);
  kt_name_n(c, " state", n);
  kt_name(c, time_major ? " time-major" : "");
  kt_name(c, clip ? " clip 0.5" : "");
  kt_name(c, index == 27 ? " peephole" : index == 28 ? " CIFG" : "");
  if (index >= 24 && index != 27 && index != 28) {
    kt_special_values(c);
  }
}
