/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ARG_MAX and ARG_MIN glue through the interpreter (op_model.h): the
 * refusals (types TFLM lacks, a bad axis, an empty axis, a scalar input,
 * a wrong output size), each naming the op and the operand, the misfits
 * of an axis that is a model input failing at invoke, and runs that pin
 * ties (first index), NaN (never wins unless first) and negative axes,
 * with the axis constant or a model input. The drawn cases are checked against
 * TFLM by the op table.
 */
#include <math.h>
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* Op `code` on an input of `type` and shape s (rank r), axis `axis` (a
 * constant int32 of `axis_type` unless axis_input), output of `out_type`
 * and shape so (rank ro). Runs `in` into `out` when both are given. */
static om_run_t run(int code, int type, int r, const int32_t *s, int axis_type,
                    int axis_input, int32_t axis, int out_type, int ro,
                    const int32_t *so, const void *in, int32_t *out) {
  static const float scale = 0.5f;
  static const int64_t zp = 3;
  static const int32_t one[1] = {1};
  om_tensor_t ins[2], outs[1];
  const void *in_data[2];
  void *out_data[1];
  size_t bytes = sizeof(int32_t) * 8;
  int64_t axis64 = axis;
  const int q = type == MOTE_TYPE_INT8;
  ins[0] = om_q(type, r, s, NULL, 0, q ? &scale : NULL, q ? &zp : NULL);
  ins[1] = om_q(axis_type, 1, one, axis_input ? NULL : (const void *)&axis,
                sizeof axis, NULL, NULL);
  if (axis_type == MOTE_TYPE_INT64) {
    ins[1].data = &axis64;
    ins[1].bytes = sizeof axis64;
  }
  outs[0] = om_q(out_type, ro, so, NULL, 0, NULL, NULL);
  in_data[0] = in;
  in_data[1] = &axis;
  out_data[0] = out;
  return om_run_op(code, 1, ins, 2, outs, 1, 0, NULL, in_data,
                   out != NULL ? out_data : NULL, &bytes);
}

static void test_refusals(void) {
  static const int32_t s23[2] = {2, 3}, s2[1] = {2}, s3[1] = {3},
                       s20[2] = {2, 0}, s4[1] = {4};
  const int I32 = MOTE_TYPE_INT32, F32 = MOTE_TYPE_FLOAT32;
  om_run_t r =
      run(MOTE_OP_ARG_MAX, I32, 2, s23, I32, 0, 1, I32, 1, s2, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "ARG_MAX",
                   "input 0 (tensor 0) has type int32"));
  r = run(MOTE_OP_ARG_MIN, F32, 2, s23, I32, 0, 1, MOTE_TYPE_INT64, 1, s2, NULL,
          NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "ARG_MIN", "output 0"));
  r = run(MOTE_OP_ARG_MAX, F32, 2, s23, MOTE_TYPE_INT64, 0, 1, I32, 1, s2, NULL,
          NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "ARG_MAX", "axis"));
  r = run(MOTE_OP_ARG_MAX, F32, 2, s23, I32, 0, 2, I32, 1, s2, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ARG_MAX",
                   "axis input 1 2 is outside [-2, 2)"));
  r = run(MOTE_OP_ARG_MIN, F32, 2, s23, I32, 0, -3, I32, 1, s2, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ARG_MIN", "-3 is outside"));
  /* The axis a model input: the same misfits fail at invoke. */
  r = run(MOTE_OP_ARG_MAX, F32, 2, s23, I32, 1, 2, I32, 1, s2, NULL, NULL);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ARG_MAX",
                   "axis input 1 2 is outside [-2, 2)"));
  r = run(MOTE_OP_ARG_MIN, F32, 2, s23, I32, 1, 0, I32, 1, s2, NULL, NULL);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ARG_MIN",
                   "output 0 has 2 elements, input 0 without axis 0 has 3"));
  r = run(MOTE_OP_ARG_MAX, F32, 2, s23, I32, 0, 1, I32, 1, s3, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ARG_MAX",
                   "output 0 has 3 elements, input 0 without axis 1 has 2"));
  r = run(MOTE_OP_ARG_MAX, F32, 2, s20, I32, 0, 1, I32, 1, s2, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ARG_MAX", "extent 0 along axis 1"));
  r = run(MOTE_OP_ARG_MIN, F32, 0, s4, I32, 0, 0, I32, 0, s4, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ARG_MIN", "is a scalar"));
}

/* An empty axis is fine when there is nothing to output. */
static void test_empty_output(void) {
  static const int32_t s02[2] = {0, 0}, s0[1] = {0};
  CHECK_EQ_INT(run(MOTE_OP_ARG_MAX, MOTE_TYPE_FLOAT32, 2, s02, MOTE_TYPE_INT32,
                   0, 1, MOTE_TYPE_INT32, 1, s0, NULL, NULL)
                   .status,
               MOTE_OK);
}

static void test_values(void) {
  static const int32_t s24[2] = {2, 4}, s2[1] = {2}, s4[1] = {4};
  static const int8_t q[8] = {5, -1, 5, 2, -7, -7, 0, -7};
  float f[8] = {1.0f, 3.0f, 3.0f, 2.0f, 0.0f, 0.0f, -1.0f, 0.0f};
  int32_t out[4];
  /* Along the last axis: ties keep the first index. */
  CHECK_EQ_INT(run(MOTE_OP_ARG_MAX, MOTE_TYPE_INT8, 2, s24, MOTE_TYPE_INT32, 0,
                   -1, MOTE_TYPE_INT32, 1, s2, q, out)
                   .status,
               MOTE_OK);
  CHECK(out[0] == 0 && out[1] == 2);
  CHECK_EQ_INT(run(MOTE_OP_ARG_MIN, MOTE_TYPE_INT8, 2, s24, MOTE_TYPE_INT32, 0,
                   1, MOTE_TYPE_INT32, 1, s2, q, out)
                   .status,
               MOTE_OK);
  CHECK(out[0] == 1 && out[1] == 0);
  /* The same with the axis a model input. */
  CHECK_EQ_INT(run(MOTE_OP_ARG_MIN, MOTE_TYPE_INT8, 2, s24, MOTE_TYPE_INT32, 1,
                   1, MOTE_TYPE_INT32, 1, s2, q, out)
                   .status,
               MOTE_OK);
  CHECK(out[0] == 1 && out[1] == 0);
  /* A NaN loses every comparison: first, it stays; later, it is skipped. */
  f[0] = NAN;
  f[5] = NAN;
  CHECK_EQ_INT(run(MOTE_OP_ARG_MAX, MOTE_TYPE_FLOAT32, 2, s24, MOTE_TYPE_INT32,
                   0, -1, MOTE_TYPE_INT32, 1, s2, f, out)
                   .status,
               MOTE_OK);
  CHECK(out[0] == 0 && out[1] == 0);
  /* Along axis 0 (-2): four columns of two. */
  CHECK_EQ_INT(run(MOTE_OP_ARG_MIN, MOTE_TYPE_FLOAT32, 2, s24, MOTE_TYPE_INT32,
                   0, -2, MOTE_TYPE_INT32, 1, s4, f, out)
                   .status,
               MOTE_OK);
  CHECK(out[0] == 0 && out[1] == 0 && out[2] == 1 && out[3] == 1);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_empty_output);
  MOTE_RUN(test_values);
  return MOTE_TEST_END();
}
