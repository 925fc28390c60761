/* SPDX-License-Identifier: Apache-2.0 */
/*
 * L2_POOL_2D through the interpreter (op_model.h): a window worked out by
 * hand, SAME padding (the clipped windows count only their inputs), the
 * fused RELU6 clamp, and the refusals: an int8 input (TFLM's kernel is
 * float32 only) and an output shape the padding does not give. The drawn
 * cases are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static om_run_t run(int type, const int32_t *in_shape, const int32_t *out_shape,
                    int padding, int filter, int act, const void *in, void *out,
                    size_t bytes) {
  static const float scale = 0.1f;
  static const int64_t zp = 0;
  const int q = type == MOTE_TYPE_INT8;
  om_tensor_t ins[1];
  const void *data[1];
  tfb_options_t o;
  ins[0] = om_q(type, 4, in_shape, NULL, 0, q ? &scale : NULL, q ? &zp : NULL);
  data[0] = in;
  tfb_options_init(&o);
  tfb_opt_int(&o, 0, TFB_INT8, padding);
  tfb_opt_i32(&o, 1, 1);
  tfb_opt_i32(&o, 2, 1);
  tfb_opt_i32(&o, 3, filter);
  tfb_opt_i32(&o, 4, filter);
  tfb_opt_int(&o, 5, TFB_INT8, act);
  return om_run_one(
      MOTE_OP_L2_POOL_2D, ins, 1,
      om_q(type, 4, out_shape, NULL, 0, q ? &scale : NULL, q ? &zp : NULL), 5,
      &o, data, out, bytes);
}

#define F MOTE_TYPE_FLOAT32
enum { SAME = 0, VALID = 1, RELU6 = 3 };

static void test_values(void) {
  static const int32_t s2[4] = {1, 2, 2, 1}, s1[4] = {1, 1, 1, 1};
  static const float in[4] = {3.0f, 4.0f, 0.0f, 0.0f};
  static const float big[4] = {10.0f, 10.0f, 10.0f, 10.0f};
  /* SAME, stride 1, 2x2: the last row and column see fewer inputs. */
  static const float same[4] = {2.5f, 2.8284271f, 0.0f, 0.0f};
  float out[4];
  int i;
  /* sqrt((9 + 16) / 4) */
  CHECK_EQ_INT(run(F, s2, s1, VALID, 2, 0, in, out, 4).status, MOTE_OK);
  CHECK(out[0] == 2.5f);
  CHECK_EQ_INT(run(F, s2, s2, SAME, 2, 0, in, out, 16).status, MOTE_OK);
  for (i = 0; i < 4; ++i) {
    CHECK(out[i] == same[i]);
  }
  CHECK_EQ_INT(run(F, s2, s1, VALID, 2, RELU6, big, out, 4).status, MOTE_OK);
  CHECK(out[0] == 6.0f);
}

static void test_refusals(void) {
  static const int32_t s2[4] = {1, 2, 2, 1}, s1[4] = {1, 1, 1, 1};
  om_run_t r = run(MOTE_TYPE_INT8, s2, s1, VALID, 2, 0, NULL, NULL, 0);
  CHECK(
      om_refused_at(0, &r, MOTE_ERR_UNSUPPORTED_TYPE, "L2_POOL_2D", "input 0"));
  r = run(F, s2, s2, VALID, 2, 0, NULL, NULL, 0);
  CHECK(om_refused_at(1, &r, MOTE_ERR_BAD_SHAPE, "L2_POOL_2D", "output"));
}

int main(void) {
  MOTE_RUN(test_values);
  MOTE_RUN(test_refusals);
  return MOTE_TEST_END();
}
