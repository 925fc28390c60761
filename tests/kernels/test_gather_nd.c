/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GATHER_ND glue through the interpreter (op_model.h): each refusal with
 * its status and a message naming the operand, an index past its
 * dimension refused at prepare (constant) and at invoke (a model input),
 * and a run checked by hand. float32 and int8 are checked against TFLM by
 * the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* GATHER_ND of a `type` [2, 3] input by `itype` indices of shape
 * ishape[0..irank) (constant `idx` unless idx_input) into out_shape. */
static om_run_t gather_nd(int type, int itype, int irank, const int32_t *ishape,
                          const int32_t *idx, int idx_input, int orank,
                          const int32_t *out_shape, const float *x, float *y,
                          size_t bytes) {
  const int32_t s23[] = {2, 3};
  om_tensor_t ins[2];
  const void *in_data[2];
  ins[0] = om_q(type, 2, s23, NULL, 0, NULL, NULL);
  ins[1] = om_q(itype, irank, ishape, idx_input ? NULL : idx,
                mote_type_size((mote_type_t)itype) * (size_t)ishape[0] *
                    (size_t)ishape[irank - 1],
                NULL, NULL);
  in_data[0] = x;
  in_data[1] = idx;
  return om_run_one(MOTE_OP_GATHER_ND, ins, 2,
                    om_q(type, orank, out_shape, NULL, 0, NULL, NULL), 0, NULL,
                    in_data, y, bytes);
}

static void test_refusals(void) {
  enum { F = MOTE_TYPE_FLOAT32, I = MOTE_TYPE_INT32 };
  const int32_t i12[] = {1, 2}, i13[] = {1, 3}, o1[] = {1}, o13[] = {1, 3},
                ok[] = {1, 2, 0}, past[] = {1, 3};
  om_run_t r =
      gather_nd(MOTE_TYPE_INT16, I, 2, i12, ok, 0, 1, o1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "GATHER_ND",
                   "input 0 (tensor 0) has type int16"));
  r = gather_nd(F, MOTE_TYPE_INT16, 2, i12, ok, 0, 1, o1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "GATHER_ND",
                   "input 1 (tensor 1) has type int16"));
  r = gather_nd(F, I, 2, i13, ok, 0, 1, o1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "GATHER_ND",
                   "rows of 1 to 5 entries, at most the rank of input 0 (2)"));
  r = gather_nd(F, I, 2, i12, ok, 0, 2, o13, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "GATHER_ND",
                   "output 0 (tensor 2) is not input 0 gathered by rows of "
                   "2 indices"));
  r = gather_nd(F, I, 2, i12, past, 0, 1, o1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "GATHER_ND",
                   "index 3 at position 1 of input 1 is outside"));
}

static void test_runs(void) {
  const int32_t i12[] = {1, 2}, i21[] = {2, 1}, o1[] = {1}, o23[] = {2, 3},
                row[] = {1, 2}, rows[] = {1, 0}, past[] = {2, 0};
  const float x[6] = {0, 1, 2, 3, 4, 5};
  float y[6] = {-7, -7, -7, -7, -7, -7};
  /* A model input index past its dimension fails the invoke. */
  om_run_t r = gather_nd(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, 2, i21, past, 1, 2,
                         o23, x, y, sizeof y);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "GATHER_ND",
                   "index 2 at position 0 of input 1"));
  CHECK(y[0] == -7);
  /* One element, x[1][2]; then whole rows 1 and 0. */
  r = gather_nd(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, 2, i12, row, 0, 1, o1, x, y,
                sizeof(float));
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 5);
  r = gather_nd(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, 2, i21, rows, 1, 2, o23, x,
                y, sizeof y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 3 && y[2] == 5 && y[3] == 0 && y[5] == 2);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_runs);
  return MOTE_TEST_END();
}
