/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DYNAMIC_UPDATE_SLICE glue through the interpreter (op_model.h):
 * refusals with their status and a message naming the operand, and runs
 * checked by hand, start indices inside, past the end and negative
 * (clamped, as TFLM). The types are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* A [3, 3] int32 operand 0..8 updated by a [ur, uc] block of 100s at
 * `start` (a model input) into output shape os. */
static om_run_t run(int type, int32_t ur, int32_t uc, const int32_t *start,
                    int nstart, const int32_t *os, int32_t *y) {
  static const int32_t x[9] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
  static const int32_t u[9] = {100, 100, 100, 100, 100, 100, 100, 100, 100};
  const int32_t s33[] = {3, 3}, us[] = {ur, uc}, ss[] = {nstart};
  om_tensor_t ins[3];
  const void *in_data[3];
  ins[0] = om_q(type, 2, s33, NULL, 0, NULL, NULL);
  ins[1] = om_q(type, 2, us, NULL, 0, NULL, NULL);
  ins[2] = om_q(MOTE_TYPE_INT32, 1, ss, NULL, 0, NULL, NULL);
  in_data[0] = x;
  in_data[1] = u;
  in_data[2] = start;
  return om_run_one(MOTE_OP_DYNAMIC_UPDATE_SLICE, ins, 3,
                    om_q(type, 2, os, NULL, 0, NULL, NULL), 0, NULL, in_data,
                    y, 9 * sizeof(int32_t));
}

static void test_refusals(void) {
  const int32_t s33[] = {3, 3}, s34[] = {3, 4}, st[2] = {0, 0};
  om_run_t r = run(MOTE_TYPE_INT32, 4, 1, st, 2, s33, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "DYNAMIC_UPDATE_SLICE",
                   "update input 1 dimension 0 (4) is larger than input 0's "
                   "(3)"));
  r = run(MOTE_TYPE_INT32, 1, 1, st, 1, s33, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "DYNAMIC_UPDATE_SLICE",
                   "start input 2 need input 0's rank 2"));
  r = run(MOTE_TYPE_INT32, 1, 1, st, 2, s34, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "DYNAMIC_UPDATE_SLICE",
                   "output 0 (tensor 3) does not have the shape of input 0"));
  r = run(MOTE_TYPE_INT64, 1, 1, st, 2, s33, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "DYNAMIC_UPDATE_SLICE",
                   "input 0 (tensor 0) has type int64"));
}

static void test_runs(void) {
  const int32_t s33[] = {3, 3}, mid[2] = {1, 1}, past[2] = {5, -4};
  int32_t y[9];
  /* [2, 2] at (1, 1) */
  om_run_t r = run(MOTE_TYPE_INT32, 2, 2, mid, 2, s33, y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 0 && y[3] == 3 && y[4] == 100 && y[5] == 100 && y[7] == 100 &&
        y[8] == 100 && y[6] == 6);
  /* [1, 2] at (5, -4): clamped to (2, 0) */
  r = run(MOTE_TYPE_INT32, 1, 2, past, 2, s33, y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[5] == 5 && y[6] == 100 && y[7] == 100 && y[8] == 8);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_runs);
  return MOTE_TEST_END();
}
