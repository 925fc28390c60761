/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FLOOR_DIV and FLOOR_MOD glue through the interpreter (op_model.h): the
 * refusals (a type other than float32, a broadcast beyond 4-D, FLOOR_DIV's
 * zero divisor at invoke), each naming the op and the tensor, and a run
 * of each with mixed signs. The drawn cases are checked against TFLM by
 * the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* Op `code` on inputs of `type`, shapes s1 (rank r1) and s2 (rank r2), and
 * an output of shape so (rank ro). */
static om_run_t run(int code, int type, int r1, const int32_t *s1, int r2,
                    const int32_t *s2, int ro, const int32_t *so,
                    const float *a, const float *b, float *out) {
  om_tensor_t ins[2], outs[1];
  const void *in_data[2];
  void *out_data[1];
  size_t bytes = sizeof(float) * 4;
  ins[0] = om_q(type, r1, s1, NULL, 0, NULL, NULL);
  ins[1] = om_q(type, r2, s2, NULL, 0, NULL, NULL);
  outs[0] = om_q(type, ro, so, NULL, 0, NULL, NULL);
  in_data[0] = a;
  in_data[1] = b;
  out_data[0] = out;
  return om_run_op(code, 1, ins, 2, outs, 1, 0, NULL, in_data,
                   out != NULL ? out_data : NULL, &bytes);
}

static void test_refusals(void) {
  static const int32_t s4[1] = {4}, s5[5] = {2, 1, 1, 1, 2},
                       t5[5] = {1, 1, 1, 1, 2};
  static const float a[4] = {1.0f, 2.0f, 3.0f, 4.0f},
                     b[4] = {1.0f, -0.0f, 2.0f, 2.0f};
  float out[4];
  om_run_t r = run(MOTE_OP_FLOOR_DIV, MOTE_TYPE_INT32, 1, s4, 1, s4, 1, s4,
                   NULL, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "FLOOR_DIV",
                   "output 0 has type int32"));
  r = run(MOTE_OP_FLOOR_MOD, MOTE_TYPE_INT8, 1, s4, 1, s4, 1, s4, NULL, NULL,
          NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "FLOOR_MOD",
                   "output 0 has type int8"));
  r = run(MOTE_OP_FLOOR_MOD, MOTE_TYPE_FLOAT32, 5, s5, 5, t5, 5, s5, NULL, NULL,
          NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "FLOOR_MOD", "output 0 has rank 5"));
  /* TFLM fails FLOOR_DIV's invoke on any zero divisor, -0 included. */
  r = run(MOTE_OP_FLOOR_DIV, MOTE_TYPE_FLOAT32, 1, s4, 1, s4, 1, s4, a, b, out);
  CHECK(r.stage == 3 &&
        om_refused(&r, MOTE_ERR_KERNEL, "FLOOR_DIV", "input 1 element 1"));
}

/* Op `code` on 7 and -7 over 2 and -2 gives `want`. */
static void check_values(int code, const float *want) {
  static const int32_t s4[1] = {4};
  static const float a[4] = {7.0f, -7.0f, 7.0f, -7.0f},
                     b[4] = {2.0f, 2.0f, -2.0f, -2.0f};
  float out[4];
  int i;
  CHECK_EQ_INT(
      run(code, MOTE_TYPE_FLOAT32, 1, s4, 1, s4, 1, s4, a, b, out).status,
      MOTE_OK);
  for (i = 0; i < 4; ++i) {
    CHECK(out[i] == want[i]);
  }
}

static void test_values(void) {
  static const float want_div[4] = {3.0f, -4.0f, -4.0f, 3.0f},
                     want_mod[4] = {1.0f, 1.0f, -1.0f, -1.0f};
  check_values(MOTE_OP_FLOOR_DIV, want_div);
  check_values(MOTE_OP_FLOOR_MOD, want_mod);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_values);
  return MOTE_TEST_END();
}
