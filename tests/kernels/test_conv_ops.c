/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONV_2D and DEPTHWISE_CONV_2D through the interpreter: one-op models
 * built with tflite_build, so the glue is exercised as a real model does
 * (options parsing, padding, per-channel multipliers from the float scales
 * in double, activation ranges, optional bias in each encoding) and every
 * refusal is checked for its status code.
 *
 * The expected output is the compute function called directly with
 * parameters derived here from first principles; test_conv_2d and
 * test_depthwise_conv_2d check the compute functions themselves against
 * an independent reference.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conv_test_ref.h"
#include "conv_call.h"
#include "mote/mote.h"
#include "test.h"
#include "tflite_build.h"

#define NO_BIAS (-1)     /* two inputs */
#define ABSENT_BIAS (-2) /* three inputs, the third -1 */
#define MAXC 16

typedef struct {
  int op; /* MOTE_OP_CONV_2D or MOTE_OP_DEPTHWISE_CONV_2D */
  int type, ftype, btype;
  int32_t in[4], f[4], out[4];
  float in_s, out_s;
  int32_t in_zp, out_zp;
  int nf;       /* filter scales: 1 or out channels */
  int64_t f_zp; /* zero point of every filter channel */
  int padding, act;
  int32_t stride_w, stride_h, dil_w, dil_h; /* 0: leave the field out */
  int32_t depth_mult;
} spec_t;

typedef struct {
  float f_scales[MAXC];
  uint8_t filter[4096];
  uint8_t bias[MAXC * 8];
  uint8_t input[16384];
  size_t f_bytes, b_bytes, in_bytes, out_bytes;
} data_t;

static int32_t elems(const int32_t *s) {
  return s[0] * s[1] * s[2] * s[3];
}

static size_t tsize(int type) {
  return type == MOTE_TYPE_INT8    ? 1u
         : type == MOTE_TYPE_INT16 ? 2u
         : type == MOTE_TYPE_INT64 ? 8u
                                   : 4u;
}

static void fill(void *dst, int type, int32_t n, int is_bias) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    switch (type) {
    case MOTE_TYPE_INT8:
      ((int8_t *)dst)[i] = (int8_t)ref_rand_range(-127, 127);
      break;
    case MOTE_TYPE_INT16:
      ((int16_t *)dst)[i] = (int16_t)ref_rand_range(-32768, 32767);
      break;
    case MOTE_TYPE_INT32:
      ((int32_t *)dst)[i] = ref_rand_range(-is_bias * 50000, is_bias * 50000);
      break;
    case MOTE_TYPE_INT64:
      ((int64_t *)dst)[i] = ref_rand_range(-2000000, 2000000);
      break;
    default:
      ((float *)dst)[i] = ref_rand_f(-1.0f, 1.0f);
      break;
    }
  }
}

static void make_data(const spec_t *s, data_t *d) {
  const int32_t oc = s->op == MOTE_OP_CONV_2D ? s->f[0] : s->f[3];
  int i;
  memset(d, 0, sizeof(*d));
  for (i = 0; i < s->nf; ++i) {
    d->f_scales[i] = ref_rand_f(0.002f, 0.02f);
  }
  d->f_bytes = (size_t)elems(s->f) * tsize(s->ftype);
  d->in_bytes = (size_t)elems(s->in) * tsize(s->type);
  d->out_bytes = (size_t)elems(s->out) * tsize(s->type);
  d->b_bytes = s->btype >= 0 ? (size_t)oc * tsize(s->btype) : 0u;
  if (d->f_bytes > sizeof(d->filter) || d->in_bytes > sizeof(d->input) ||
      d->out_bytes > 16384 || oc > MAXC) {
    fprintf(stderr, "test case too large for its buffers\n");
    exit(1);
  }
  fill(d->filter, s->ftype, elems(s->f), 0);
  fill(d->input, s->type, elems(s->in), 0);
  if (s->btype >= 0) {
    fill(d->bias, s->btype, oc, 1);
  }
}

/* Builds the one-op model, runs it once; output bytes go to `out`. */
static mote_status_t run(const spec_t *s, const data_t *d, void *out,
                         mote_error_t *err) {
  const int quant = s->type != MOTE_TYPE_FLOAT32;
  const int32_t oc = s->op == MOTE_OP_CONV_2D ? s->f[0] : s->f[3];
  const int64_t in_zp = s->in_zp, out_zp = s->out_zp;
  int64_t f_zps[MAXC];
  tfb_model_t *m = tfb_new();
  tfb_options_t o;
  int32_t ins[3], outs[1];
  int nin = 2, i;
  uint8_t *bytes = NULL;
  size_t len = 0;
  mote_model_t model;
  mote_resolver_entry_t entries[2];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_tensor_t t;
  void *mem = malloc(1 << 18);
  mote_status_t st;
  const int is_conv = s->op == MOTE_OP_CONV_2D;
  int32_t bshape[1];
  bshape[0] = oc;
  for (i = 0; i < MAXC; ++i) {
    f_zps[i] = s->f_zp;
  }
  ins[0] = tfb_add_tensor(m, "x", s->type, s->in, 4, 0, quant ? &s->in_s : 0,
                          quant ? &in_zp : 0, quant, 0, false);
  ins[1] = tfb_add_tensor(m, "w", s->ftype, s->f, 4,
                          tfb_add_buffer(m, d->filter, d->f_bytes),
                          quant ? d->f_scales : 0, quant ? f_zps : 0,
                          quant ? s->nf : 0, is_conv ? 0 : 3, false);
  if (s->btype >= 0) {
    ins[2] = tfb_add_tensor(m, "b", s->btype, bshape, 1,
                            tfb_add_buffer(m, d->bias, d->b_bytes), 0, 0, 0, 0,
                            false);
    nin = 3;
  } else if (s->btype == ABSENT_BIAS) {
    ins[2] = -1;
    nin = 3;
  }
  outs[0] = tfb_add_tensor(m, "y", s->type, s->out, 4, 0, quant ? &s->out_s : 0,
                           quant ? &out_zp : 0, quant, 0, false);
  tfb_options_init(&o);
  tfb_opt_int(&o, 0, TFB_INT8, s->padding);
  if (s->stride_w) {
    tfb_opt_i32(&o, 1, s->stride_w);
  }
  if (s->stride_h) {
    tfb_opt_i32(&o, 2, s->stride_h);
  }
  tfb_opt_int(&o, is_conv ? 3 : 4, TFB_INT8, s->act);
  if (s->dil_w) {
    tfb_opt_i32(&o, is_conv ? 4 : 5, s->dil_w);
  }
  if (s->dil_h) {
    tfb_opt_i32(&o, is_conv ? 5 : 6, s->dil_h);
  }
  if (!is_conv) {
    tfb_opt_i32(&o, 3, s->depth_mult);
  }
  tfb_add_op(m, tfb_add_opcode(m, s->op, NULL, is_conv ? 3 : 2), ins, nin, outs,
             1, is_conv ? TFB_OPTIONS_CONV_2D : TFB_OPTIONS_DEPTHWISE_CONV_2D,
             &o, NULL, 0);
  tfb_set_io(m, ins, 1, outs, 1);
  if (tfb_finish(m, &bytes, &len) != 0) {
    fprintf(stderr, "tflite_build: %s\n", tfb_error(m));
    tfb_free(m);
    free(mem);
    return MOTE_ERR_BAD_ARG;
  }
  tfb_free(m);
  mote_resolver_init(&resolver, entries, 2);
  mote_resolver_add(&resolver, MOTE_OP_CONV_2D, &mote_kernel_conv_2d);
  mote_resolver_add(&resolver, MOTE_OP_DEPTHWISE_CONV_2D,
                    &mote_kernel_depthwise_conv_2d);
  mote_arena_init(&arena, mem, 1 << 18);
  st = mote_model_open(&model, bytes, len, err);
  if (st == MOTE_OK) {
    st = mote_interp_init(&interp, &model, &resolver, &arena, err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&interp, err);
  }
  if (st == MOTE_OK) {
    mote_interp_input(&interp, 0, &t);
    memcpy(t.data, d->input, d->in_bytes);
    st = mote_interp_invoke(&interp, err);
  }
  if (st == MOTE_OK) {
    mote_interp_output(&interp, 0, &t);
    memcpy(out, t.data, d->out_bytes);
  }
  free(bytes);
  free(mem);
  return st;
}

/* The parameters the glue should derive, worked out here. */
static void expect_params(const spec_t *s, const data_t *d,
                          mote_conv_params_t *p, int32_t *mult,
                          int8_t *shift) {
  const int is_conv = s->op == MOTE_OP_CONV_2D;
  const int32_t sw = s->stride_w, sh = s->stride_h;
  const int32_t dw = s->dil_w ? s->dil_w : 1, dh = s->dil_h ? s->dil_h : 1;
  int32_t c;
  memset(p, 0, sizeof(*p));
  p->batches = s->in[0];
  p->in_h = s->in[1];
  p->in_w = s->in[2];
  p->in_c = s->in[3];
  p->filter_h = s->f[1];
  p->filter_w = s->f[2];
  p->filter_c = is_conv ? s->f[3] : 1;
  p->out_c = is_conv ? s->f[0] : s->f[3];
  p->depth_multiplier = is_conv ? 0 : p->out_c / p->in_c;
  p->stride_w = sw;
  p->stride_h = sh;
  p->dilation_w = dw;
  p->dilation_h = dh;
  p->out_h = s->out[1];
  p->out_w = s->out[2];
  p->pad_h = ref_pad(p->in_h, p->filter_h, sh, dh, p->out_h);
  p->pad_w = ref_pad(p->in_w, p->filter_w, sw, dw, p->out_w);
  if (s->type == MOTE_TYPE_FLOAT32) {
    ref_act_range_f(s->act, &p->act_min_f, &p->act_max_f);
    return;
  }
  /* out_c entries even for a single filter scale, where the glue keeps
   * one (rq.per_channel = 0): the nf = 1 cases check both give the same
   * bytes. */
  p->rq.per_channel = 1;
  for (c = 0; c < p->out_c; ++c) {
    const float fs = d->f_scales[s->nf > 1 ? c : 0];
    int e;
    mote_quantize_multiplier((double)s->in_s * (double)fs / (double)s->out_s,
                             &mult[c], &e);
    shift[c] = (int8_t)e;
  }
  if (s->type == MOTE_TYPE_INT8) {
    p->input_offset = -s->in_zp;
    p->rq.output_offset = s->out_zp;
    ref_act_range(s->act, -128, 127, s->out_s, s->out_zp, &p->rq.act_min,
                  &p->rq.act_max);
  } else {
    ref_act_range(s->act, -32768, 32767, s->out_s, 0, &p->rq.act_min, &p->rq.act_max);
  }
}

static void expect_output(const spec_t *s, const data_t *d, void *want) {
  mote_conv_params_t p;
  int32_t mult[MAXC];
  int8_t shift[MAXC];
  const void *b = s->btype >= 0 ? (const void *)d->bias : NULL;
  expect_params(s, d, &p, mult, shift);
  if (s->op == MOTE_OP_CONV_2D) {
    if (s->type == MOTE_TYPE_FLOAT32) {
      mote_conv_2d_f32_call(&p, (const float *)d->input, (const float *)d->filter, b,
                       want);
    } else if (s->type == MOTE_TYPE_INT8) {
      mote_conv_2d_s8_call(&p, mult, shift, (const int8_t *)d->input,
                      (const int8_t *)d->filter, b, want);
    } else if (s->btype == MOTE_TYPE_INT64) {
      mote_conv_2d_s16_call(&p, mult, shift, (const int16_t *)d->input,
                       (const int8_t *)d->filter, b, want);
    } else {
      mote_conv_2d_s16_b32_call(&p, mult, shift, (const int16_t *)d->input,
                           (const int8_t *)d->filter, b, want);
    }
  } else if (s->type == MOTE_TYPE_FLOAT32) {
    mote_depthwise_conv_2d_f32_call(&p, (const float *)d->input,
                               (const float *)d->filter, b, want);
  } else if (s->type == MOTE_TYPE_INT8) {
    mote_depthwise_conv_2d_s8_call(&p, mult, shift, (const int8_t *)d->input,
                              (const int8_t *)d->filter, b, want);
  } else {
    mote_depthwise_conv_2d_s16_call(&p, mult, shift, (const int16_t *)d->input,
                               (const int8_t *)d->filter, b, want);
  }
}

#define I8 MOTE_TYPE_INT8
#define I16 MOTE_TYPE_INT16
#define I32 MOTE_TYPE_INT32
#define I64 MOTE_TYPE_INT64
#define F32 MOTE_TYPE_FLOAT32
#define CONV MOTE_OP_CONV_2D
#define DW MOTE_OP_DEPTHWISE_CONV_2D
#define SAME MOTE_PADDING_SAME
#define VALID MOTE_PADDING_VALID

/* clang-format off */
static const spec_t good[] = {
  /* op, type, ftype, btype, in, f, out, in_s, out_s, in_zp, out_zp, nf,
   * f_zp, padding, act, stride w/h, dilation w/h, depth_multiplier */
  {CONV, I8, I8, I32, {1, 7, 6, 3}, {4, 3, 3, 3}, {1, 4, 3, 4},
   0.05f, 0.1f, -3, 6, 4, 0, SAME, MOTE_ACT_RELU6, 2, 2, 0, 0, 0},
  {CONV, I8, I8, I32, {2, 5, 5, 2}, {3, 2, 2, 2}, {2, 4, 4, 3},
   0.04f, 0.2f, 10, -5, 1, 0, VALID, MOTE_ACT_NONE, 1, 1, 0, 0, 0},
  {CONV, F32, F32, ABSENT_BIAS, {1, 6, 6, 4}, {4, 3, 3, 2}, {1, 6, 6, 4},
   0, 0, 0, 0, 0, 0, SAME, MOTE_ACT_RELU_N1_TO_1, 1, 1, 2, 2, 0},
  {CONV, F32, F32, F32, {1, 5, 7, 2}, {3, 3, 2, 2}, {1, 2, 6, 3},
   0, 0, 0, 0, 0, 0, VALID, MOTE_ACT_RELU, 1, 2, 1, 1, 0},
  {CONV, I16, I8, I64, {1, 5, 5, 2}, {3, 3, 3, 2}, {1, 5, 5, 3},
   0.001f, 0.002f, 0, 0, 3, 0, SAME, MOTE_ACT_NONE, 1, 1, 0, 0, 0},
  {CONV, I16, I8, I32, {1, 5, 5, 2}, {3, 3, 3, 2}, {1, 3, 3, 3},
   0.001f, 0.002f, 0, 0, 3, 0, SAME, MOTE_ACT_RELU, 2, 2, 0, 0, 0},
  {CONV, I16, I8, NO_BIAS, {1, 4, 4, 2}, {2, 1, 1, 2}, {1, 4, 4, 2},
   0.001f, 0.002f, 0, 0, 2, 0, VALID, MOTE_ACT_NONE, 1, 1, 0, 0, 0},
  {DW, I8, I8, I32, {1, 6, 5, 2}, {1, 3, 3, 4}, {1, 3, 3, 4},
   0.05f, 0.1f, -128, -128, 4, 0, SAME, MOTE_ACT_RELU, 2, 2, 0, 0, 2},
  {DW, I8, I8, NO_BIAS, {1, 8, 8, 3}, {1, 3, 3, 3}, {1, 4, 4, 3},
   0.05f, 0.1f, 2, 1, 3, 0, VALID, MOTE_ACT_NONE, 1, 1, 2, 2, 1},
  {DW, I8, I8, I32, {1, 9, 8, 1}, {1, 3, 3, 8}, {1, 5, 4, 8},
   0.05f, 0.1f, 0, 0, 1, 0, SAME, MOTE_ACT_RELU6, 2, 2, 0, 0, 8},
  {DW, F32, F32, F32, {2, 5, 5, 3}, {1, 3, 3, 6}, {2, 5, 5, 6},
   0, 0, 0, 0, 0, 0, SAME, MOTE_ACT_NONE, 1, 1, 0, 0, 2},
  {DW, I16, I8, I64, {1, 5, 5, 3}, {1, 3, 3, 3}, {1, 5, 5, 3},
   0.001f, 0.002f, 0, 0, 3, 0, SAME, MOTE_ACT_NONE, 1, 1, 0, 0, 1},
  {DW, I16, I8, NO_BIAS, {1, 5, 5, 3}, {1, 3, 3, 3}, {1, 3, 3, 3},
   0.001f, 0.002f, 0, 0, 3, 0, VALID, MOTE_ACT_RELU, 1, 1, 0, 0, 1},
};
/* clang-format on */

static void test_good(void) {
  static uint8_t got[16384], want[16384];
  size_t i;
  for (i = 0; i < sizeof(good) / sizeof(good[0]); ++i) {
    data_t d;
    mote_error_t err;
    mote_status_t st;
    memset(&err, 0, sizeof(err));
    make_data(&good[i], &d);
    st = run(&good[i], &d, got, &err);
    if (st != MOTE_OK) {
      fprintf(stderr, "case %u: %s\n", (unsigned)i, err.message);
    }
    CHECK_EQ_INT(st, MOTE_OK);
    expect_output(&good[i], &d, want);
    if (st == MOTE_OK && memcmp(got, want, d.out_bytes) != 0) {
      fprintf(stderr, "case %u: output differs\n", (unsigned)i);
      CHECK(0);
    }
  }
}

/*
 * TFLite forms input_scale * filter_scale / output_scale in double. Find
 * scales where float arithmetic gives another multiplier and an int16
 * input where that changes the output, then check the model agrees with
 * the double version.
 */
static void test_double_multiplier(void) {
  static const spec_t base = {CONV,
                              I16,
                              I8,
                              NO_BIAS,
                              {1, 64, 64, 1},
                              {1, 1, 1, 1},
                              {1, 64, 64, 1},
                              0,
                              0,
                              0,
                              0,
                              1,
                              0,
                              VALID,
                              MOTE_ACT_NONE,
                              1,
                              1,
                              0,
                              0,
                              0};
  static int16_t got[4096], want[4096], wrong[4096];
  int tries;
  for (tries = 0; tries < 2000; ++tries) {
    spec_t sp = base;
    data_t d;
    mote_conv_params_t p;
    int32_t mult, fmult;
    int8_t shift;
    int fshift;
    mote_error_t err;
    sp.in_s = ref_rand_f(0.5f, 1.0f) * 1e-3f;
    sp.out_s = ref_rand_f(1.0f, 2.0f) * 1e-3f;
    make_data(&sp, &d);
    d.f_scales[0] = ref_rand_f(0.5f, 1.5f);
    d.filter[0] = 1;
    expect_params(&sp, &d, &p, &mult, &shift);
    mote_quantize_multiplier((double)(sp.in_s * d.f_scales[0] / sp.out_s),
                             &fmult, &fshift);
    if (fmult == mult) {
      continue;
    }
    mote_conv_2d_s16_b32_call(&p, &mult, &shift, (const int16_t *)d.input,
                         (const int8_t *)d.filter, NULL, want);
    shift = (int8_t)fshift;
    mote_conv_2d_s16_b32_call(&p, &fmult, &shift, (const int16_t *)d.input,
                         (const int8_t *)d.filter, NULL, wrong);
    if (memcmp(want, wrong, sizeof(want)) == 0) {
      continue;
    }
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(run(&sp, &d, got, &err), MOTE_OK);
    CHECK(memcmp(got, want, sizeof(want)) == 0);
    return;
  }
  CHECK(!"no discriminating scales found");
}

typedef struct {
  const char *what;
  spec_t s;
  mote_status_t want;
} bad_t;

/* clang-format off */
static const bad_t bad[] = {
  {"output shape", {CONV, I8, I8, I32, {1, 5, 5, 2}, {3, 3, 3, 2},
   {1, 5, 4, 3}, 0.05f, 0.1f, 0, 0, 3, 0, SAME, 0, 1, 1, 0, 0, 0},
   MOTE_ERR_BAD_SHAPE},
  {"tanh", {CONV, I8, I8, I32, {1, 5, 5, 2}, {3, 3, 3, 2}, {1, 5, 5, 3},
   0.05f, 0.1f, 0, 0, 3, 0, SAME, MOTE_ACT_TANH, 1, 1, 0, 0, 0},
   MOTE_ERR_UNSUPPORTED},
  {"float tanh", {DW, F32, F32, F32, {1, 5, 5, 2}, {1, 3, 3, 2},
   {1, 5, 5, 2}, 0, 0, 0, 0, 0, 0, SAME, MOTE_ACT_TANH, 1, 1, 0, 0, 1},
   MOTE_ERR_UNSUPPORTED},
  {"hybrid", {CONV, F32, I8, F32, {1, 5, 5, 2}, {3, 3, 3, 2}, {1, 5, 5, 3},
   0, 0, 0, 0, 0, 0, SAME, 0, 1, 1, 0, 0, 0},
   MOTE_ERR_UNSUPPORTED_TYPE},
  {"int8 with int64 bias", {CONV, I8, I8, I64, {1, 5, 5, 2}, {3, 3, 3, 2},
   {1, 5, 5, 3}, 0.05f, 0.1f, 0, 0, 3, 0, SAME, 0, 1, 1, 0, 0, 0},
   MOTE_ERR_UNSUPPORTED_TYPE},
  {"dw int16 with int32 bias", {DW, I16, I8, I32, {1, 5, 5, 3},
   {1, 3, 3, 3}, {1, 5, 5, 3}, 0.001f, 0.002f, 0, 0, 3, 0, SAME, 0, 1, 1,
   0, 0, 1},
   MOTE_ERR_UNSUPPORTED_TYPE},
  {"stride missing", {CONV, F32, F32, F32, {1, 5, 5, 2}, {3, 3, 3, 2},
   {1, 5, 5, 3}, 0, 0, 0, 0, 0, 0, SAME, 0, 0, 0, 0, 0, 0},
   MOTE_ERR_CORRUPT_MODEL},
  {"negative dilation", {DW, F32, F32, F32, {1, 5, 5, 2}, {1, 3, 3, 2},
   {1, 5, 5, 2}, 0, 0, 0, 0, 0, 0, SAME, 0, 1, 1, -1, 1, 1},
   MOTE_ERR_CORRUPT_MODEL},
  {"asymmetric filter", {CONV, I8, I8, I32, {1, 5, 5, 2}, {3, 3, 3, 2},
   {1, 5, 5, 3}, 0.05f, 0.1f, 0, 0, 3, 4, SAME, 0, 1, 1, 0, 0, 0},
   MOTE_ERR_UNSUPPORTED},
  {"int16 zero point", {CONV, I16, I8, I64, {1, 5, 5, 2}, {3, 3, 3, 2},
   {1, 5, 5, 3}, 0.001f, 0.002f, 5, 0, 3, 0, SAME, 0, 1, 1, 0, 0, 0},
   MOTE_ERR_UNSUPPORTED},
  {"groups do not divide", {CONV, F32, F32, F32, {1, 5, 5, 5},
   {3, 3, 3, 2}, {1, 5, 5, 3}, 0, 0, 0, 0, 0, 0, SAME, 0, 1, 1, 0, 0, 0},
   MOTE_ERR_BAD_SHAPE},
  {"dw channels", {DW, F32, F32, F32, {1, 5, 5, 3}, {1, 3, 3, 4},
   {1, 5, 5, 4}, 0, 0, 0, 0, 0, 0, SAME, 0, 1, 1, 0, 0, 1},
   MOTE_ERR_BAD_SHAPE},
  {"filter larger than input, VALID", {CONV, F32, F32, F32, {1, 2, 2, 2},
   {3, 3, 3, 2}, {1, 1, 1, 3}, 0, 0, 0, 0, 0, 0, VALID, 0, 1, 1, 0, 0, 0},
   MOTE_ERR_BAD_SHAPE},
};
/* clang-format on */

static void test_bad(void) {
  static uint8_t got[16384];
  size_t i;
  for (i = 0; i < sizeof(bad) / sizeof(bad[0]); ++i) {
    data_t d;
    mote_error_t err;
    mote_status_t st;
    memset(&err, 0, sizeof(err));
    make_data(&bad[i].s, &d);
    st = run(&bad[i].s, &d, got, &err);
    if (st != bad[i].want) {
      fprintf(stderr, "%s: status %d (%s), want %d\n", bad[i].what, (int)st,
              err.message, (int)bad[i].want);
    }
    CHECK_EQ_INT(st, bad[i].want);
    CHECK(st == MOTE_OK || err.message[0] != '\0');
  }
}

int main(void) {
  MOTE_RUN(test_good);
  MOTE_RUN(test_double_multiplier);
  MOTE_RUN(test_bad);
  return MOTE_TEST_END();
}
