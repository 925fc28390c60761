/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PADV2 through the interpreter (op_model.h): it is PAD's kernel under its
 * own code, so these check the registration and what PADV2 adds, the
 * constant value input: a float run padded with it, and the refusals
 * (paddings not constant, a value of another type or size), each naming
 * the op and the tensor. The compute is tested by test_pad.c, the drawn
 * cases against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const int32_t kPads[4] = {1, 0, 0, 2}; /* [2, 2] -> [3, 4] */

static om_run_t run(int vtype, int vcount, int const_pads, const float *in,
                    float *out) {
  static const int32_t sin[2] = {2, 2}, sp[2] = {2, 2}, sout[2] = {3, 4};
  static const float value[2] = {7.5f, 7.5f};
  int32_t sv[1];
  om_tensor_t ins[3];
  const void *data[3];
  sv[0] = vcount;
  ins[0] = om_q(MOTE_TYPE_FLOAT32, 2, sin, NULL, 0, NULL, NULL);
  ins[1] = om_q(MOTE_TYPE_INT32, 2, sp, const_pads ? kPads : NULL, sizeof kPads,
                NULL, NULL);
  ins[2] = om_q(vtype, 1, sv, value, (size_t)vcount * 4u, NULL, NULL);
  data[0] = in;
  data[1] = kPads;
  data[2] = NULL;
  return om_run_one(MOTE_OP_PADV2, ins, 3,
                    om_q(MOTE_TYPE_FLOAT32, 2, sout, NULL, 0, NULL, NULL), 0,
                    NULL, data, out, 12 * sizeof(float));
}

static void test_value(void) {
  static const float in[4] = {1.0f, 2.0f, 3.0f, 4.0f};
  static const float want[12] = {7.5f, 7.5f, 7.5f, 7.5f, 1.0f, 2.0f,
                                 7.5f, 7.5f, 3.0f, 4.0f, 7.5f, 7.5f};
  float out[12];
  int i;
  om_run_t r = run(MOTE_TYPE_FLOAT32, 1, 1, in, out);
  CHECK_EQ_INT(r.status, MOTE_OK);
  for (i = 0; i < 12; ++i) {
    CHECK(out[i] == want[i]);
  }
}

static void test_refusals(void) {
  static const float in[4] = {0};
  om_run_t r = run(MOTE_TYPE_FLOAT32, 1, 0, in, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "PADV2",
                   "paddings input 1 (tensor 1) is not constant"));
  r = run(MOTE_TYPE_INT32, 1, 1, in, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "PADV2",
                   "constant value input 2 is int32, output 0 is float32"));
  r = run(MOTE_TYPE_FLOAT32, 2, 1, in, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "PADV2",
                   "constant value input 2 has 2 elements, not 1"));
}

int main(void) {
  MOTE_RUN(test_value);
  MOTE_RUN(test_refusals);
  return MOTE_TEST_END();
}
