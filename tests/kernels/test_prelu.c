/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PRELU glue through the interpreter (op_model.h): the refusals, each
 * with its status and a message naming the tensor, and a float run with
 * one alpha per channel. int8 values are checked against TFLM by the op
 * table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* PRELU of input [rank: shape] and alpha [alpha_n]. */
static om_run_t run(int type, int rank, const int32_t *shape, int alpha_n,
                    const void *in, void *out, size_t bytes) {
  static const float s = 0.1f, alpha[2] = {0.5f, -1.0f};
  static const int8_t alpha_q[2] = {5, -10};
  static const int64_t z = 0;
  const int q = type == MOTE_TYPE_INT8 || type == MOTE_TYPE_INT16;
  const int32_t sa[] = {alpha_n};
  om_tensor_t ins[2], outs[1];
  tfb_options_t o;
  const void *in_data[2];
  void *out_data[1];
  ins[0] = om_q(type, rank, shape, NULL, 0, q ? &s : NULL, q ? &z : NULL);
  /* A constant alpha for float32 and int8, a model input otherwise. */
  ins[1] = om_q(type, 1, sa,
                type == MOTE_TYPE_FLOAT32 ? (const void *)alpha
                : type == MOTE_TYPE_INT8  ? (const void *)alpha_q
                                          : NULL,
                type == MOTE_TYPE_FLOAT32 ? sizeof alpha : sizeof alpha_q,
                q ? &s : NULL, q ? &z : NULL);
  outs[0] = om_q(type, rank, shape, NULL, 0, q ? &s : NULL, q ? &z : NULL);
  in_data[0] = in;
  in_data[1] = NULL;
  out_data[0] = out;
  tfb_options_init(&o);
  return om_run_op(MOTE_OP_PRELU, 1, ins, 2, outs, 1, 0, &o, in_data,
                   out != NULL ? out_data : NULL, &bytes);
}

static void test_refusals(void) {
  const int32_t s2[] = {3, 2}, s5[] = {1, 1, 1, 3, 2}, s3[] = {2, 3};
  om_run_t r = run(MOTE_TYPE_INT16, 2, s2, 2, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "PRELU",
                   "output 0 has type int16"));
  r = run(MOTE_TYPE_FLOAT32, 5, s5, 2, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "PRELU", "output 0 has rank 5"));
  /* alpha [2] does not broadcast against [2, 3]. */
  r = run(MOTE_TYPE_FLOAT32, 2, s3, 2, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "PRELU", "output 0"));
}

static void test_f32(void) {
  const int32_t s2[] = {2, 2};
  const float in[4] = {-2.0f, -2.0f, 3.0f, -0.0f};
  const float want[4] = {-1.0f, 2.0f, 3.0f, -0.0f};
  float out[4];
  int i;
  CHECK_EQ_INT(run(MOTE_TYPE_FLOAT32, 2, s2, 2, in, out, sizeof out).status,
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
