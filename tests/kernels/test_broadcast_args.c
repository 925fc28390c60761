/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BROADCAST_ARGS glue through the interpreter (op_model.h): refusals with
 * their status and message, shapes that do not broadcast refused at
 * prepare (constant) and at invoke (model inputs), and a run checked by
 * hand. int32 and int64 are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* Broadcast of int32 vectors a (na) and b (nb), constant unless
 * `inputs`, into an output of n elements. */
static om_run_t run(int type, const int32_t *a, int32_t na, const int32_t *b,
                    int32_t nb, int inputs, int32_t n, int32_t *y) {
  const int32_t sa[1] = {na}, sb[1] = {nb}, so[1] = {n};
  om_tensor_t ins[2];
  const void *in_data[2];
  ins[0] = om_q(type, 1, sa, inputs ? NULL : a, 4u * (size_t)na, NULL, NULL);
  ins[1] = om_q(type, 1, sb, inputs ? NULL : b, 4u * (size_t)nb, NULL, NULL);
  in_data[0] = a;
  in_data[1] = b;
  return om_run_one(MOTE_OP_BROADCAST_ARGS, ins, 2,
                    om_q(type, 1, so, NULL, 0, NULL, NULL), 0, NULL, in_data,
                    y, 4u * (size_t)n);
}

static void test_refusals(void) {
  const int32_t a[3] = {2, 1, 3}, b[2] = {4, 2};
  int32_t y[3];
  om_run_t r = run(MOTE_TYPE_INT32, a, 3, b, 2, 0, 3, y);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BROADCAST_ARGS",
                   "do not broadcast at output position 2"));
  CHECK_EQ_INT(r.stage, 2);
  r = run(MOTE_TYPE_INT32, a, 3, b, 2, 1, 3, y);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BROADCAST_ARGS",
                   "do not broadcast at output position 2"));
  CHECK_EQ_INT(r.stage, 3);
  r = run(MOTE_TYPE_INT32, a, 3, b, 2, 0, 2, y);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BROADCAST_ARGS",
                   "the output as long as the longer input"));
  r = run(MOTE_TYPE_INT16, a, 3, b, 2, 1, 3, y);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "BROADCAST_ARGS",
                   "input 0 (tensor 0) has type int16"));
}

static void test_run(void) {
  const int32_t a[3] = {2, 1, 1}, b[2] = {4, 5};
  int32_t y[3];
  om_run_t r = run(MOTE_TYPE_INT32, a, 3, b, 2, 1, 3, y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 2 && y[1] == 4 && y[2] == 5);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_run);
  return MOTE_TEST_END();
}
