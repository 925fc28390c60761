/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RELU, RELU6 and RELU_N1_TO_1 glue through the interpreter (op_model.h):
 * the refusals, each with its status and a message naming the tensor, and
 * RELU_N1_TO_1's values (TFLM has no kernel for it, so the op table cannot
 * check them against TFLM): TFLite's QuantizedReluX, worked out by hand.
 * RELU and RELU6 are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const int32_t k_shape[] = {2, 3};

static void test_refusals(void) {
  static const float s = 0.1f;
  static const int64_t z0 = 0, z5 = 5;
  const int32_t other[] = {7};
  om_run_t r;
  r = om_run_unary(MOTE_OP_RELU, 1, MOTE_TYPE_INT32, 2, k_shape, NULL, NULL,
                   MOTE_TYPE_INT32, 2, k_shape, NULL, NULL, 0, NULL, NULL, NULL,
                   0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "RELU",
                   "input 0 has type int32"));
  r = om_run_unary(MOTE_OP_RELU6, 1, MOTE_TYPE_FLOAT32, 2, k_shape, NULL, NULL,
                   MOTE_TYPE_INT8, 2, k_shape, &s, &z0, 0, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "RELU6", "output 0"));
  r = om_run_unary(MOTE_OP_RELU, 1, MOTE_TYPE_FLOAT32, 2, k_shape, NULL, NULL,
                   MOTE_TYPE_FLOAT32, 1, other, NULL, NULL, 0, NULL, NULL, NULL,
                   0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "RELU", "output 0 has 7"));
  /* int16 RELU needs zero points 0, as TFLM; RELU6 does not. */
  r = om_run_unary(MOTE_OP_RELU, 3, MOTE_TYPE_INT16, 2, k_shape, &s, &z5,
                   MOTE_TYPE_INT16, 2, k_shape, &s, &z0, 0, NULL, NULL, NULL,
                   0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "RELU", "input 0 5"));
  r = om_run_unary(MOTE_OP_RELU6, 3, MOTE_TYPE_INT16, 2, k_shape, &s, &z5,
                   MOTE_TYPE_INT16, 2, k_shape, &s, &z5, 0, NULL, NULL, NULL,
                   0);
  CHECK_EQ_INT(r.status, MOTE_OK);
  /* RELU_N1_TO_1 has no int16 (TFLite neither). */
  r = om_run_unary(MOTE_OP_RELU_N1_TO_1, 1, MOTE_TYPE_INT16, 2, k_shape, &s,
                   &z0, MOTE_TYPE_INT16, 2, k_shape, &s, &z0, 0, NULL, NULL,
                   NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "RELU_N1_TO_1",
                   "input 0 has type int16"));
}

static void test_n1_to_1(void) {
  /* int8: input scale 0.1 zp 5, output scale 0.2 zp -3: the rescale is
   * exactly 1/2 (a tie rounds up: -2.5 to -2, 0.5 to 1), then
   * [-3 - 5, -3 + 5] = [-8, 2]. */
  static const float si = 0.1f, so = 0.2f;
  static const int64_t zi = 5, zo = -3;
  const int8_t in[6] = {-128, 0, 4, 6, 15, 127};
  const int8_t want[6] = {-8, -5, -3, -2, 2, 2};
  const float fin[6] = {-3.0f, -1.0f, -0.5f, 0.25f, 1.0f, 9.0f};
  const float fwant[6] = {-1.0f, -1.0f, -0.5f, 0.25f, 1.0f, 1.0f};
  int8_t out[6];
  float fout[6];
  int i;
  CHECK_EQ_INT(om_run_unary(MOTE_OP_RELU_N1_TO_1, 1, MOTE_TYPE_INT8, 2, k_shape,
                            &si, &zi, MOTE_TYPE_INT8, 2, k_shape, &so, &zo, 0,
                            NULL, in, out, sizeof out)
                   .status,
               MOTE_OK);
  for (i = 0; i < 6; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
  CHECK_EQ_INT(om_run_unary(MOTE_OP_RELU_N1_TO_1, 1, MOTE_TYPE_FLOAT32, 2,
                            k_shape, NULL, NULL, MOTE_TYPE_FLOAT32, 2, k_shape,
                            NULL, NULL, 0, NULL, fin, fout, sizeof fout)
                   .status,
               MOTE_OK);
  for (i = 0; i < 6; ++i) {
    CHECK(fout[i] == fwant[i]);
  }
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_n1_to_1);
  return MOTE_TEST_END();
}
