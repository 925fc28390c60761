/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ABS, NEG and SQUARE glue through the interpreter (op_model.h): the
 * refusals, each with its status and a message naming the tensor, and
 * runs checked by hand (signed zeros, int16 -32768 without quantization,
 * an int8 rescale). Every type is checked against TFLM by the op table.
 */
#include <math.h>
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const int32_t k_three[] = {3};

/* `code` over a `type` input [3], quantized with scales s_in / s_out and
 * zero points z_in / z_out when s_in is given. */
static om_run_t run(int code, int type, const float *s_in, const int64_t *z_in,
                    const float *s_out, const int64_t *z_out, const void *x,
                    void *y) {
  return om_run_unary(code, 1, type, 1, k_three, s_in, z_in, type, 1, k_three,
                      s_out, z_out, 0, NULL, x, y, 12);
}

static void test_refusals(void) {
  static const float s = 0.5f;
  static const int64_t z0 = 0, z3 = 3;
  om_run_t r =
      run(MOTE_OP_ABS, MOTE_TYPE_INT32, NULL, NULL, NULL, NULL, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "ABS",
                   "input 0 has type int32; supported: float32, int8, int16"));
  r = run(MOTE_OP_NEG, MOTE_TYPE_INT8, &s, &z0, &s, &z0, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "NEG",
                   "input 0 has type int8; supported: float32"));
  r = run(MOTE_OP_SQUARE, MOTE_TYPE_INT16, NULL, NULL, NULL, NULL, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SQUARE",
                   "input 0 has type int16; supported: float32"));
  r = run(MOTE_OP_ABS, MOTE_TYPE_INT16, &s, &z3, &s, &z0, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "ABS", "zero points 0 for int16"));
}

static void test_float(void) {
  const float x[3] = {-2.0f, 0.0f, 3.0f};
  float y[3];
  CHECK_EQ_INT(
      run(MOTE_OP_NEG, MOTE_TYPE_FLOAT32, NULL, NULL, NULL, NULL, x, y).status,
      MOTE_OK);
  CHECK(y[0] == 2.0f && y[1] == 0.0f && signbit(y[1]) && y[2] == -3.0f);
  CHECK_EQ_INT(
      run(MOTE_OP_ABS, MOTE_TYPE_FLOAT32, NULL, NULL, NULL, NULL, y, y).status,
      MOTE_OK);
  CHECK(y[0] == 2.0f && y[1] == 0.0f && !signbit(y[1]) && y[2] == 3.0f);
  CHECK_EQ_INT(
      run(MOTE_OP_SQUARE, MOTE_TYPE_FLOAT32, NULL, NULL, NULL, NULL, x, y)
          .status,
      MOTE_OK);
  CHECK(y[0] == 4.0f && y[2] == 9.0f);
}

static void test_quantized(void) {
  static const float s_in = 0.5f, s_out = 0.25f;
  static const int64_t z_in = -10, z_out = 5;
  const int16_t h[3] = {-32768, -5, 32767};
  const int8_t q[3] = {-128, -10, 100};
  int16_t g[3];
  int8_t p[3];
  CHECK_EQ_INT(
      run(MOTE_OP_ABS, MOTE_TYPE_INT16, NULL, NULL, NULL, NULL, h, g).status,
      MOTE_OK);
  CHECK(g[0] == -32768 && g[1] == 5 && g[2] == 32767);
  /* |x + 10| doubled (0.5 / 0.25), plus 5: 118 * 2 + 5 -> 127, 0 -> 5,
   * 110 * 2 + 5 -> 127. */
  CHECK_EQ_INT(
      run(MOTE_OP_ABS, MOTE_TYPE_INT8, &s_in, &z_in, &s_out, &z_out, q, p)
          .status,
      MOTE_OK);
  CHECK_EQ_INT(p[0], 127);
  CHECK_EQ_INT(p[1], 5);
  CHECK_EQ_INT(p[2], 127);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_float);
  MOTE_RUN(test_quantized);
  return MOTE_TEST_END();
}
