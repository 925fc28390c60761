/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SUB glue through the interpreter (op_model.h): what prepare refuses,
 * each with its status and a message naming the tensor or option, and an
 * int32 run showing the fused activation clamps (TFLM's SUB applies it
 * where ADD ignores it). The arithmetic is checked against TFLM by the op
 * table (tests/kernels/table).
 */
#include <stdint.h>
#include <string.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const float k_s = 0.05f;
static const int64_t k_z = 3;

/* SUB of a [2,3] and `b` (rank rb, type tb) into a [2,3] of type `to`. */
static om_run_t run_sub(int ta, int tb, int rb, const int32_t *sb, int to,
                        int act) {
  const int32_t sa[] = {2, 3};
  const int q = ta == MOTE_TYPE_INT8 || ta == MOTE_TYPE_INT16;
  om_tensor_t ins[2], outs[1];
  tfb_options_t o;
  ins[0] = om_q(ta, 2, sa, NULL, 0, q ? &k_s : NULL, q ? &k_z : NULL);
  ins[1] = om_q(tb, rb, sb, NULL, 0, q ? &k_s : NULL, q ? &k_z : NULL);
  outs[0] = om_q(to, 2, sa, NULL, 0, q ? &k_s : NULL, q ? &k_z : NULL);
  tfb_options_init(&o);
  tfb_opt_u8(&o, 0, (uint8_t)act);
  return om_run_op(MOTE_OP_SUB, 2, ins, 2, outs, 1, 28, &o, NULL, NULL, NULL);
}

static void check_refused(om_run_t r, mote_status_t st, const char *text) {
  CHECK_EQ_INT(r.status, st);
  CHECK(strstr(r.err.message, "SUB") != NULL);
  CHECK(strstr(r.err.message, text) != NULL);
}

static void test_refusals(void) {
  const int32_t s3[] = {3}, s2[] = {2}, s23[] = {2, 3};
  check_refused(
      run_sub(MOTE_TYPE_UINT8, MOTE_TYPE_UINT8, 1, s3, MOTE_TYPE_UINT8, 0),
      MOTE_ERR_UNSUPPORTED_TYPE, "output 0 has type uint8");
  check_refused(
      run_sub(MOTE_TYPE_INT8, MOTE_TYPE_FLOAT32, 2, s23, MOTE_TYPE_INT8, 0),
      MOTE_ERR_UNSUPPORTED_TYPE, "input 1");
  check_refused(
      run_sub(MOTE_TYPE_INT8, MOTE_TYPE_INT8, 1, s2, MOTE_TYPE_INT8, 0),
      MOTE_ERR_BAD_SHAPE, "do not broadcast to output 0");
  /* TANH cannot be fused into an integer SUB. */
  check_refused(
      run_sub(MOTE_TYPE_INT8, MOTE_TYPE_INT8, 1, s3, MOTE_TYPE_INT8, 4),
      MOTE_ERR_UNSUPPORTED, "fused activation 4");
}

static void test_s32_activation(void) {
  const int32_t sv[] = {4};
  const int32_t a[] = {5, 200, -7, INT32_MIN}, b[] = {9, 1, -20, 1};
  int32_t out[4];
  om_tensor_t ins[2], outs[1];
  tfb_options_t o;
  const void *in_data[2];
  void *out_data[1];
  size_t out_bytes[1] = {sizeof out};
  ins[0] = om_q(MOTE_TYPE_INT32, 1, sv, NULL, 0, NULL, NULL);
  ins[1] = om_q(MOTE_TYPE_INT32, 1, sv, NULL, 0, NULL, NULL);
  outs[0] = om_q(MOTE_TYPE_INT32, 1, sv, NULL, 0, NULL, NULL);
  tfb_options_init(&o);
  tfb_opt_u8(&o, 0, 3); /* RELU6: [0, 6] */
  in_data[0] = a;
  in_data[1] = b;
  out_data[0] = out;
  CHECK_EQ_INT(om_run_op(MOTE_OP_SUB, 1, ins, 2, outs, 1, 28, &o, in_data,
                         out_data, out_bytes)
                   .status,
               MOTE_OK);
  CHECK_EQ_INT(out[0], 0);
  CHECK_EQ_INT(out[1], 6);
  CHECK_EQ_INT(out[2], 6);
  CHECK_EQ_INT(out[3], 6); /* INT32_MIN - 1 wraps to INT32_MAX */
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_s32_activation);
  return MOTE_TEST_END();
}
