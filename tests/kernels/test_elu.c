/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ELU glue through the interpreter (op_model.h): the refusals, each with
 * its status and a message naming the tensor, a float run on both sides
 * of zero, and int8 bytes worked out by hand from TFLM's table recipe.
 * Both types are checked against TFLM by the op table.
 */
#include <math.h>
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const int32_t k_four[] = {4};

/* ELU of `type` input [4] quantized (s_in, zero point 0) into an
 * `out_type` output (s_out, zero point z_out) when s_in is given. */
static om_run_t run(int type, int out_type, const float *s_in,
                    const float *s_out, const int64_t *z_out, const void *in,
                    void *out) {
  static const int64_t zero = 0;
  return om_run_unary(MOTE_OP_ELU, 1, type, 1, k_four, s_in,
                      s_in != NULL ? &zero : NULL, out_type, 1, k_four, s_out,
                      z_out, 0, NULL, in, out, 16);
}

static void test_refusals(void) {
  static const float s = 0.1f;
  static const int64_t z = 0;
  om_run_t r = run(MOTE_TYPE_INT16, MOTE_TYPE_INT16, &s, &s, &z, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "ELU",
                   "input 0 has type int16"));
  r = run(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT8, NULL, &s, &z, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "ELU",
                   "output 0 has type int8, expected float32"));
}

static void test_values(void) {
  static const float s_in = 0.1f, s_out = 0.05f;
  static const int64_t z_out = -20;
  const float x[4] = {-1.0f, -0.0f, 2.0f, -20.0f};
  const int8_t q[4] = {-10, 0, 5, -128};
  float y[4];
  int8_t p[4];
  CHECK_EQ_INT(
      run(MOTE_TYPE_FLOAT32, MOTE_TYPE_FLOAT32, NULL, NULL, NULL, x, y).status,
      MOTE_OK);
  CHECK(y[0] == expm1f(-1.0f) && y[1] == 0.0f && signbit(y[1]));
  CHECK(y[2] == 2.0f && y[3] == expm1f(-20.0f));
  /* -10 is -1.0: (e^-1 - 1) / 0.05 = -12.64 -> -13, -20 -> -33; 0 -> -20;
   * 5 is 0.5: 10 - 20 = -10; -128 is -12.8: about -20 - 20 -> -40. */
  CHECK_EQ_INT(
      run(MOTE_TYPE_INT8, MOTE_TYPE_INT8, &s_in, &s_out, &z_out, q, p).status,
      MOTE_OK);
  CHECK_EQ_INT(p[0], -33);
  CHECK_EQ_INT(p[1], -20);
  CHECK_EQ_INT(p[2], -10);
  CHECK_EQ_INT(p[3], -40);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_values);
  return MOTE_TEST_END();
}
