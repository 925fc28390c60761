/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LEAKY_RELU glue through the interpreter (op_model.h): the refusals,
 * each with its status and a message naming the tensor or option, and a
 * float run with alpha above 1 (not a max). Quantized values are checked
 * against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const int32_t k_shape[] = {4};

static om_run_t run(int type, int out_type, const float *s_out, float alpha,
                    const void *in, void *out, size_t bytes) {
  static const float s = 0.1f;
  static const int64_t z = 0;
  const int q = type == MOTE_TYPE_INT8 || type == MOTE_TYPE_INT16;
  tfb_options_t o;
  tfb_options_init(&o);
  tfb_opt_f32(&o, 0, alpha);
  return om_run_unary(MOTE_OP_LEAKY_RELU, 3, type, 1, k_shape, q ? &s : NULL,
                      q ? &z : NULL, out_type, 1, k_shape, q ? s_out : NULL,
                      q ? &z : NULL, 75, &o, in, out, bytes);
}

static void test_refusals(void) {
  static const float s = 0.1f, tiny = 1e-12f;
  om_run_t r = run(MOTE_TYPE_INT32, MOTE_TYPE_INT32, NULL, 0.2f, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "LEAKY_RELU",
                   "input 0 has type int32"));
  r = run(MOTE_TYPE_INT8, MOTE_TYPE_INT16, &s, 0.2f, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "LEAKY_RELU", "output 0"));
  /* 0.1 / 1e-12: a rescale past the requantizer's shifts. */
  r = run(MOTE_TYPE_INT8, MOTE_TYPE_INT8, &tiny, 0.2f, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "LEAKY_RELU", "rescale"));
}

static void test_f32(void) {
  const float in[4] = {-2.0f, -0.0f, 0.5f, 3.0f};
  const float want[4] = {-3.0f, -0.0f, 0.5f, 3.0f};
  float out[4];
  int i;
  CHECK_EQ_INT(
      run(MOTE_TYPE_FLOAT32, MOTE_TYPE_FLOAT32, NULL, 1.5f, in, out, sizeof out)
          .status,
      MOTE_OK);
  for (i = 0; i < 4; ++i) {
    CHECK(out[i] == want[i]);
  }
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_f32);
  return MOTE_TEST_END();
}
