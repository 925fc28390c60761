/* SPDX-License-Identifier: Apache-2.0 */
/*
 * EXPAND_DIMS glue through the interpreter (op_model.h): the refusals,
 * each with its status and a message naming the tensor, and a run with a
 * negative axis. float32, int8 and int16 values are checked against TFLM
 * by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* EXPAND_DIMS of a `type` input [rank: in] into [orank: out]; the axis is
 * a constant [1] of `axis_type` holding `axis`, or a model input when
 * axis_input is set. */
static om_run_t run(int type, int rank, const int32_t *in, int orank,
                    const int32_t *out, int axis_type, int64_t axis,
                    int axis_input, const void *x, void *y, size_t bytes) {
  const int32_t one[] = {1};
  const int32_t a32 = (int32_t)axis;
  om_tensor_t ins[2], outs[1];
  tfb_options_t o;
  const void *in_data[2];
  void *out_data[1];
  ins[0] = om_q(type, rank, in, NULL, 0, NULL, NULL);
  ins[1] = om_q(axis_type, 1, one,
                axis_input                        ? NULL
                : axis_type == MOTE_TYPE_INT64 ? (const void *)&axis
                                                  : (const void *)&a32,
                axis_type == MOTE_TYPE_INT64 ? 8u : 4u, NULL, NULL);
  outs[0] = om_q(type, orank, out, NULL, 0, NULL, NULL);
  in_data[0] = x;
  in_data[1] = &a32;
  out_data[0] = y;
  tfb_options_init(&o);
  return om_run_op(MOTE_OP_EXPAND_DIMS, 1, ins, 2, outs, 1, 0, &o, in_data,
                   y != NULL ? out_data : NULL, &bytes);
}

static void test_refusals(void) {
  const int32_t s2[] = {2, 3}, s3[] = {2, 1, 3}, s3b[] = {2, 3, 1};
  om_run_t r;
  r = run(MOTE_TYPE_INT32, 2, s2, 3, s3, MOTE_TYPE_INT32, 1, 0, NULL, NULL,
          0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "EXPAND_DIMS",
                   "input 0 (tensor 0) has type int32"));
  /* TFLM reads only an int32 axis. */
  r = run(MOTE_TYPE_FLOAT32, 2, s2, 3, s3, MOTE_TYPE_INT64, 1, 0, NULL, NULL,
          0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "EXPAND_DIMS",
                   "axis input 1 (tensor 1) must be a constant int32"));
  /* An axis the graph computes cannot be read at prepare. */
  r = run(MOTE_TYPE_FLOAT32, 2, s2, 3, s3, MOTE_TYPE_INT32, 1, 1, NULL, NULL,
          0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "EXPAND_DIMS",
                   "axis input 1 (tensor 1)"));
  r = run(MOTE_TYPE_FLOAT32, 2, s2, 3, s3, MOTE_TYPE_INT32, 3, 0, NULL, NULL,
          0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "EXPAND_DIMS",
                   "axis input 1 (tensor 1) is outside [-3, 2]"));
  r = run(MOTE_TYPE_FLOAT32, 2, s2, 3, s3, MOTE_TYPE_INT32, -4, 0, NULL, NULL,
          0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "EXPAND_DIMS", "is outside"));
  /* Axis 1 gives [2, 1, 3], not [2, 3, 1]. */
  r = run(MOTE_TYPE_INT8, 2, s2, 3, s3b, MOTE_TYPE_INT32, 1, 0, NULL, NULL,
          0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "EXPAND_DIMS",
                   "output 0 (tensor 2) is not input 0 (tensor 0) with a 1 "
                   "inserted at axis 1"));
}

static void test_negative_axis(void) {
  const int32_t s2[] = {2, 3}, s3[] = {2, 3, 1};
  const float x[6] = {1, 2, 3, 4, 5, 6};
  float y[6] = {0};
  int i;
  CHECK_EQ_INT(run(MOTE_TYPE_FLOAT32, 2, s2, 3, s3, MOTE_TYPE_INT32, -1, 0, x,
                   y, sizeof y)
                   .status,
               MOTE_OK);
  for (i = 0; i < 6; ++i) {
    CHECK(y[i] == x[i]);
  }
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_negative_axis);
  return MOTE_TEST_END();
}
