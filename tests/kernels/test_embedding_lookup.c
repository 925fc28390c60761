/* SPDX-License-Identifier: Apache-2.0 */
/*
 * EMBEDDING_LOOKUP glue through the interpreter (op_model.h): refusals
 * with their status and a message naming the operand, a row number past
 * the table refused at prepare (constant ids) and at invoke (ids a model
 * input), and a hybrid int8 -> float32 run checked by hand. The types are
 * checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* Lookup of ids `idv` (2 of them; constant unless ids_input) in a
 * constant [3, 2] table of `vtype` (scale 0.5, zero point `zp`) into an
 * output of `otype` and shape os. */
static om_run_t run(int vtype, int otype, int64_t zp, const int32_t *idv,
                    int ids_input, const int32_t *os, float *y,
                    size_t y_bytes) {
  static const int32_t s2[] = {2}, s32[] = {3, 2};
  static const int8_t table[6] = {1, 2, 3, 4, -5, 6};
  static const int32_t wide[6] = {0};
  static const float scale = 0.5f;
  const int q = vtype == MOTE_TYPE_INT8;
  om_tensor_t ins[2];
  const void *in_data[2];
  ins[0] = om_q(MOTE_TYPE_INT32, 1, s2, ids_input ? NULL : idv, 8, NULL,
                NULL);
  ins[1] = om_q(vtype, 2, s32, q ? (const void *)table : (const void *)wide,
                q ? 6u : 6u * mote_type_size((mote_type_t)vtype),
                q ? &scale : NULL, q ? &zp : NULL);
  in_data[0] = idv;
  in_data[1] = NULL;
  return om_run_one(MOTE_OP_EMBEDDING_LOOKUP, ins, 2,
                    om_q(otype, 2, os, NULL, 0,
                         otype == MOTE_TYPE_INT8 ? &scale : NULL,
                         otype == MOTE_TYPE_INT8 ? &zp : NULL),
                    0, NULL, in_data, y, y_bytes);
}

static void test_refusals(void) {
  const int32_t ok[2] = {2, 0}, past[2] = {0, 3}, neg[2] = {-1, 0},
                s22[] = {2, 2}, s23[] = {2, 3};
  om_run_t r = run(MOTE_TYPE_INT16, MOTE_TYPE_INT16, 0, ok, 0, s22, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "EMBEDDING_LOOKUP",
                   "table input 1 (tensor 1) has type int16"));
  r = run(MOTE_TYPE_INT8, MOTE_TYPE_FLOAT32, 3, ok, 0, s22, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "EMBEDDING_LOOKUP",
                   "needs one scale and zero point 0"));
  r = run(MOTE_TYPE_INT8, MOTE_TYPE_INT8, 0, ok, 0, s23, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "EMBEDDING_LOOKUP",
                   "output 0 (tensor 2) is not [ids, table input 1's row "
                   "shape]"));
  r = run(MOTE_TYPE_INT8, MOTE_TYPE_INT8, 0, past, 0, s22, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "EMBEDDING_LOOKUP",
                   "row 3 at position 1 of input 0 is outside [0, 3)"));
  CHECK_EQ_INT(r.stage, 2);
  r = run(MOTE_TYPE_INT8, MOTE_TYPE_INT8, 0, neg, 1, s22, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "EMBEDDING_LOOKUP",
                   "row -1 at position 0 of input 0 is outside [0, 3)"));
  CHECK_EQ_INT(r.stage, 3);
}

static void test_hybrid(void) {
  const int32_t ids[2] = {2, 0}, s22[] = {2, 2};
  float y[4];
  om_run_t r = run(MOTE_TYPE_INT8, MOTE_TYPE_FLOAT32, 0, ids, 1, s22, y,
                   sizeof y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == -2.5f && y[1] == 3.0f && y[2] == 0.5f && y[3] == 1.0f);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_hybrid);
  return MOTE_TEST_END();
}
