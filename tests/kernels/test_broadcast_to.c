/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BROADCAST_TO glue through the interpreter (op_model.h): refusals with
 * their status and a message naming the operand, and a run checked by
 * hand. The types are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* BROADCAST_TO of an int16 [in_rank] input by a constant int32 shape
 * `sv` (n elements; NULL: a model input) into an output of shape os. */
static om_run_t run(int in_rank, const int32_t *is, const int32_t *sv, int n,
                    int out_rank, const int32_t *os, const int16_t *x,
                    int16_t *y, size_t y_bytes) {
  om_tensor_t ins[2];
  const void *in_data[2];
  const int32_t sn[1] = {n};
  ins[0] = om_q(MOTE_TYPE_INT16, in_rank, is, NULL, 0, NULL, NULL);
  ins[1] = om_q(MOTE_TYPE_INT32, 1, sn, sv, 4u * (size_t)n, NULL, NULL);
  in_data[0] = x;
  in_data[1] = NULL;
  return om_run_one(MOTE_OP_BROADCAST_TO, ins, 2,
                    om_q(MOTE_TYPE_INT16, out_rank, os, NULL, 0, NULL, NULL),
                    0, NULL, in_data, y, y_bytes);
}

static void test_refusals(void) {
  const int32_t s21[] = {2, 1}, s23[] = {2, 3}, s32[] = {3, 2},
                s6[] = {1, 1, 1, 1, 2, 3}, s33[] = {3, 3};
  om_run_t r = run(2, s21, NULL, 2, 2, s23, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "BROADCAST_TO",
                   "shape input 1 (tensor 1) is not constant"));
  r = run(2, s21, s32, 2, 2, s23, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BROADCAST_TO",
                   "shape input 1 (tensor 1) is not the shape of output 0"));
  r = run(2, s21, s23, 1, 2, s23, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BROADCAST_TO",
                   "must be a vector of output 0's rank 2"));
  r = run(2, s23, s33, 2, 2, s33, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BROADCAST_TO",
                   "input 0 (tensor 0) does not broadcast to output 0 "
                   "(tensor 2) at dimension 0"));
  r = run(2, s23, s6, 6, 6, s6, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "BROADCAST_TO",
                   "output 0 (tensor 2) has rank 6; at most 5"));
}

static void test_run(void) {
  /* [2, 1] -> [2, 3] and [3] -> [2, 3] */
  const int32_t s21[] = {2, 1}, s23[] = {2, 3}, s3[] = {3};
  const int16_t x[3] = {7, -8, 9};
  int16_t y[6];
  om_run_t r = run(2, s21, s23, 2, 2, s23, x, y, sizeof y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 7 && y[1] == 7 && y[2] == 7 && y[3] == -8 && y[4] == -8 &&
        y[5] == -8);
  r = run(1, s3, s23, 2, 2, s23, x, y, sizeof y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 7 && y[1] == -8 && y[2] == 9 && y[3] == 7 && y[4] == -8 &&
        y[5] == 9);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_run);
  return MOTE_TEST_END();
}
