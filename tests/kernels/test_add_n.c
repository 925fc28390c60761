/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD_N glue through the interpreter (op_model.h): refusals with their
 * status and a message naming the operand, and a float run of three
 * inputs checked by hand. float32 and int8 (including TFLM's extra offset
 * term) are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const int32_t kS2[] = {2}, kS3[] = {3};

/* ADD_N of `n` inputs of `type` (input 1 of shape s1, scale sc1), output
 * of shape so. */
static om_run_t run(int type, int n, const int32_t *s1, const float *sc1,
                    const int32_t *so, const float *const *x, float *y,
                    size_t y_bytes) {
  static const float sc = 0.5f;
  static const int64_t zp = 1;
  const int q = type == MOTE_TYPE_INT8;
  om_tensor_t ins[3];
  const void *in_data[3];
  int i;
  for (i = 0; i < n; ++i) {
    ins[i] = om_q(type, 1, i == 1 ? s1 : kS2, NULL, 0,
                  q ? (i == 1 ? sc1 : &sc) : NULL, q ? &zp : NULL);
    in_data[i] = x != NULL ? x[i] : NULL;
  }
  return om_run_one(MOTE_OP_ADD_N, ins, n,
                    om_q(type, 1, so, NULL, 0, q ? &sc : NULL, q ? &zp : NULL),
                    0, NULL, in_data, y, y_bytes);
}

static void test_refusals(void) {
  const float half = 0.5f, quarter = 0.25f;
  om_run_t r = run(MOTE_TYPE_FLOAT32, 1, kS2, &half, kS2, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ADD_N",
                   "expects 2 or more inputs and 1 output, has 1 and 1"));
  r = run(MOTE_TYPE_FLOAT32, 2, kS3, &half, kS2, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ADD_N",
                   "input 1 (tensor 1) differs from input 0 in shape"));
  r = run(MOTE_TYPE_FLOAT32, 2, kS2, &half, kS3, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ADD_N",
                   "output 0 (tensor 2) does not have the shape of input 0"));
  r = run(MOTE_TYPE_INT8, 2, kS2, &quarter, kS2, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "ADD_N",
                   "input 1 (tensor 1) has another scale or zero point"));
  r = run(MOTE_TYPE_INT32, 2, kS2, &half, kS2, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "ADD_N",
                   "input 0 (tensor 0) has type int32"));
  r = run(MOTE_TYPE_INT8, 3, kS2, &half, kS2, NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_OK);
}

static void test_run(void) {
  const float a[2] = {1, -0.0f}, b[2] = {10, -0.0f}, c[2] = {100, 2};
  const float *const x[3] = {a, b, c};
  float y[2];
  om_run_t r = run(MOTE_TYPE_FLOAT32, 3, kS2, NULL, kS2, x, y, sizeof y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 111.0f && y[1] == 2.0f);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_run);
  return MOTE_TEST_END();
}
