/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TRANSPOSE_CONV glue through the interpreter (op_model.h): refusals with
 * their status and a message naming the operand or option, and small
 * float runs checked by hand (a stride spreading the input apart, VALID's
 * extra output column left to the bias, SAME dropping taps, RELU). The
 * types are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* Zero point of quantized inputs and outputs (the refusal of a nonzero
 * one for int16 changes it). */
static int64_t g_zp = 0;

typedef struct tc_case {
  int type, btype;           /* input / bias type; btype < 0: no bias */
  int32_t out_shape_value[4]; /* the output shape input's values */
  int32_t out[4];             /* the output tensor's shape */
  int32_t in_w, f_w;          /* input and filter width (h = 1, c = 1) */
  int padding, stride, act;
} tc_case_t;

static om_run_t run(const tc_case_t *k, const float *x, const float *w,
                    const float *bias, float *y, size_t y_bytes) {
  const int32_t s4[] = {4}, fs[] = {1, 1, k->f_w, 1},
                xs[] = {1, 1, k->in_w, 1}, bs[] = {1};
  const float scale = 0.5f;
  const int64_t zp = g_zp;
  const int q = k->type != MOTE_TYPE_FLOAT32;
  const float *sc = q ? &scale : NULL;
  const int64_t *z = q ? &zp : NULL;
  static const int8_t w8[8] = {0};
  static const int64_t b64[1] = {0};
  om_tensor_t ins[4];
  const void *in_data[4] = {NULL, NULL, NULL, NULL};
  tfb_options_t o;
  int n = 3;
  ins[0] = om_q(MOTE_TYPE_INT32, 1, s4, k->out_shape_value, 16, NULL, NULL);
  ins[1] = q ? om_q(MOTE_TYPE_INT8, 4, fs, w8, (size_t)k->f_w, sc, z)
             : om_q(MOTE_TYPE_FLOAT32, 4, fs, w, 4u * (size_t)k->f_w, NULL,
                    NULL);
  ins[2] = om_q(k->type, 4, xs, NULL, 0, sc, z);
  if (k->btype >= 0) {
    ins[3] = om_q(k->btype, 1, bs, q ? (const void *)b64 : (const void *)bias,
                  k->btype == MOTE_TYPE_INT64 ? 8u : 4u, NULL, NULL);
    n = 4;
  }
  in_data[2] = x;
  tfb_options_init(&o);
  tfb_opt_u8(&o, 0, (uint8_t)k->padding);
  tfb_opt_i32(&o, 1, k->stride);
  tfb_opt_i32(&o, 2, 1);
  tfb_opt_u8(&o, 3, (uint8_t)k->act);
  return om_run_one(MOTE_OP_TRANSPOSE_CONV, ins, n,
                    om_q(k->type, 4, k->out, NULL, 0, sc, z), 49, &o, in_data,
                    y, y_bytes);
}

static void test_refusals(void) {
  static const struct {
    tc_case_t k;
    mote_status_t st;
    const char *why;
  } bad[] = {
      /* output shape input disagrees with the output tensor */
      {{MOTE_TYPE_FLOAT32, MOTE_TYPE_FLOAT32, {1, 1, 5, 1}, {1, 1, 4, 1}, 2, 2,
        1, 2, 0},
       MOTE_ERR_BAD_SHAPE, "output shape input 0 (tensor 0) is not the shape"},
      /* an output 2 columns too wide for a 2-wide input at stride 1 */
      {{MOTE_TYPE_FLOAT32, MOTE_TYPE_FLOAT32, {1, 1, 5, 1}, {1, 1, 5, 1}, 2, 2,
        1, 1, 0},
       MOTE_ERR_BAD_SHAPE, "input 2 is 1x2, but output 0 (1x5)"},
      {{MOTE_TYPE_FLOAT32, MOTE_TYPE_FLOAT32, {1, 1, 4, 1}, {1, 1, 4, 1}, 2, 2,
        1, 0, 0},
       MOTE_ERR_CORRUPT_MODEL, "stride 0 x 1 (w x h) is invalid"},
      {{MOTE_TYPE_FLOAT32, MOTE_TYPE_FLOAT32, {1, 1, 4, 1}, {1, 1, 4, 1}, 2, 2,
        7, 2, 0},
       MOTE_ERR_CORRUPT_MODEL, "padding 7 is neither SAME nor VALID"},
      {{MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, {1, 1, 4, 1}, {1, 1, 4, 1}, 2, 2,
        1, 2, 0},
       MOTE_ERR_UNSUPPORTED_TYPE, "input 3 (bias)"},
      /* 16x8 takes an int64 bias, not int32 */
      {{MOTE_TYPE_INT16, MOTE_TYPE_INT32, {1, 1, 4, 1}, {1, 1, 4, 1}, 2, 2, 1,
        2, 0},
       MOTE_ERR_UNSUPPORTED_TYPE, "input 3 (bias) has type int32, expected int64"},
      {{MOTE_TYPE_INT32, -1, {1, 1, 4, 1}, {1, 1, 4, 1}, 2, 2, 1, 2, 0},
       MOTE_ERR_UNSUPPORTED_TYPE, "input 2 has type int32"},
      {{MOTE_TYPE_FLOAT32, -1, {1, 1, 4, 1}, {1, 1, 4, 1}, 2, 2, 1, 2, 4},
       MOTE_ERR_UNSUPPORTED, "fused activation 4"},
  };
  const tc_case_t s16 = {MOTE_TYPE_INT16, MOTE_TYPE_INT64, {1, 1, 4, 1},
                         {1, 1, 4, 1},    2,  2,
                         1,               2,  0};
  const float w[2] = {1, 2}, b[1] = {0};
  om_run_t r;
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    r = run(&bad[i].k, NULL, w, b, NULL, 0);
    if (!om_refused(&r, bad[i].st, "TRANSPOSE_CONV", bad[i].why)) {
      fprintf(stderr, "case %u: status %d, %s\n", (unsigned)i, (int)r.status,
              r.err.message);
    }
    CHECK(om_refused(&r, bad[i].st, "TRANSPOSE_CONV", bad[i].why));
  }
  g_zp = 2;
  r = run(&s16, NULL, w, b, NULL, 0);
  g_zp = 0;
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "TRANSPOSE_CONV",
                   "int16 input 2 / output 0 need zero point 0, have 2 / 2"));
  r = run(&s16, NULL, w, b, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_OK);
}

static void test_runs(void) {
  const float x[2] = {1, 10}, w[2] = {1, 2}, bias[1] = {0.5f};
  float y[5];
  /* VALID, stride 2, output 4 wide: [1, 2, 10, 20]; 5 wide: the last
   * column only has the bias */
  const tc_case_t valid4 = {MOTE_TYPE_FLOAT32, -1, {1, 1, 4, 1},
                            {1, 1, 4, 1},      2,  2,
                            1,                 2,  0};
  const tc_case_t valid5 = {MOTE_TYPE_FLOAT32, MOTE_TYPE_FLOAT32,
                            {1, 1, 5, 1},      {1, 1, 5, 1},
                            2,                 2,
                            1,                 2,
                            0};
  /* SAME, stride 2, output 3 wide: padding 0, input 1's second tap
   * (column 4) dropped; RELU on a negative filter */
  const tc_case_t same3 = {MOTE_TYPE_FLOAT32, -1, {1, 1, 3, 1},
                           {1, 1, 3, 1},      2,  2,
                           0,                 2,  1};
  const float wneg[2] = {-1, 2};
  om_run_t r = run(&valid4, x, w, NULL, y, 4 * sizeof(float));
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 1.0f && y[1] == 2.0f && y[2] == 10.0f && y[3] == 20.0f);
  r = run(&valid5, x, w, bias, y, 5 * sizeof(float));
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 1.5f && y[1] == 2.5f && y[2] == 10.5f && y[3] == 20.5f &&
        y[4] == 0.5f);
  r = run(&same3, x, wneg, NULL, y, 3 * sizeof(float));
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 0.0f && y[1] == 2.0f && y[2] == 0.0f);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_runs);
  return MOTE_TEST_END();
}
