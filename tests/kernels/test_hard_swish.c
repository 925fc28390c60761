/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HARD_SWISH glue through the interpreter (op_model.h): the refusals,
 * each with its status and a message naming the tensor, and a float run
 * at the corners of relu6(x + 3). int8 values are checked against TFLM by
 * the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const int32_t k_shape[] = {5};

static om_run_t run(int type, const float *s_in, const float *s_out,
                    const void *in, void *out, size_t bytes) {
  static const int64_t z = 0;
  const int q = type == MOTE_TYPE_INT8 || type == MOTE_TYPE_INT16;
  return om_run_unary(MOTE_OP_HARD_SWISH, 1, type, 1, k_shape, q ? s_in : NULL,
                      q ? &z : NULL, type, 1, k_shape, q ? s_out : NULL,
                      q ? &z : NULL, 0, NULL, in, out, bytes);
}

static void test_refusals(void) {
  static const float s = 0.1f, small = 0.0001f;
  om_run_t r = run(MOTE_TYPE_INT16, &s, &s, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "HARD_SWISH",
                   "input 0 has type int16"));
  /* input_scale / 128 above the output scale: TFLM refuses it too. */
  r = run(MOTE_TYPE_INT8, &s, &small, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "HARD_SWISH", "output 0 scale"));
}

static void test_f32(void) {
  const float in[5] = {-4.0f, -3.0f, 0.0f, 1.5f, 3.0f};
  const float want[5] = {-0.0f, -0.0f, 0.0f, 1.125f, 3.0f};
  float out[5];
  int i;
  CHECK_EQ_INT(run(MOTE_TYPE_FLOAT32, NULL, NULL, in, out, sizeof out).status,
               MOTE_OK);
  for (i = 0; i < 5; ++i) {
    CHECK(out[i] == want[i]);
  }
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_f32);
  return MOTE_TEST_END();
}
