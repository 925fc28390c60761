/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BATCH_MATMUL glue through the interpreter (op_model.h): refusals with
 * their status and a message naming the operand or option, and float runs
 * checked by hand (adj_x / adj_y, an rhs broadcast over the lhs batch, an
 * lhs of lower rank). The types are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

typedef struct bm_shape {
  int rank;
  int32_t d[6];
} bm_shape_t;

static om_run_t run(int type, bm_shape_t l, bm_shape_t r, bm_shape_t o,
                    int adj_x, int adj_y, const float *x, const float *w,
                    float *y, size_t y_bytes) {
  static const float scale = 0.5f;
  static const int64_t zp = 3;
  const int q = type != MOTE_TYPE_FLOAT32;
  om_tensor_t ins[2];
  const void *in_data[2];
  tfb_options_t opt;
  ins[0] = om_q(type, l.rank, l.d, NULL, 0, q ? &scale : NULL, q ? &zp : NULL);
  ins[1] = om_q(type, r.rank, r.d, NULL, 0, q ? &scale : NULL, q ? &zp : NULL);
  in_data[0] = x;
  in_data[1] = w;
  tfb_options_init(&opt);
  tfb_opt_bool(&opt, 0, adj_x != 0);
  tfb_opt_bool(&opt, 1, adj_y != 0);
  return om_run_one(MOTE_OP_BATCH_MATMUL, ins, 2,
                    om_q(type, o.rank, o.d, NULL, 0, q ? &scale : NULL,
                         q ? &zp : NULL),
                    101, &opt, in_data, y, y_bytes);
}

static void test_refusals(void) {
  const bm_shape_t m23 = {2, {2, 3}}, m32 = {2, {3, 2}}, m22 = {2, {2, 2}},
                   m33 = {2, {3, 3}}, b2 = {3, {2, 2, 3}}, b3 = {3, {3, 3, 2}},
                   r6 = {6, {1, 1, 1, 1, 2, 3}}, r1 = {1, {3}};
  om_run_t r = run(MOTE_TYPE_FLOAT32, m23, m23, m22, 0, 0, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BATCH_MATMUL",
                   "lhs input 0 has depth 3 (adj_x 0), rhs input 1 2"));
  r = run(MOTE_TYPE_FLOAT32, b2, b3, b2, 0, 0, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BATCH_MATMUL",
                   "batch dimension 0: lhs input 0 has 2, rhs input 1 3"));
  r = run(MOTE_TYPE_FLOAT32, m23, m32, m33, 0, 0, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BATCH_MATMUL",
                   "output 0 (tensor 2) is not the broadcast batch shape "
                   "with [2, 2]"));
  r = run(MOTE_TYPE_FLOAT32, r6, m32, m22, 0, 0, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BATCH_MATMUL",
                   "lhs input 0 (tensor 0) has rank 6"));
  r = run(MOTE_TYPE_FLOAT32, m23, r1, m22, 0, 0, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "BATCH_MATMUL",
                   "rhs input 1 (tensor 1) has rank 1"));
  r = run(MOTE_TYPE_INT32, m23, m32, m22, 0, 0, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "BATCH_MATMUL",
                   "lhs input 0 (tensor 0) has type int32"));
  r = run(MOTE_TYPE_INT16, m23, m32, m22, 0, 0, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "BATCH_MATMUL",
                   "int16 inputs 0, 1 and output 0 need zero point 0"));
  r = run(MOTE_TYPE_INT8, m23, m32, m22, 0, 0, NULL, NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_OK);
}

static void test_runs(void) {
  /* lhs [2][1][2] (two batches of a 1x2 row), rhs [2][2] shared:
   * [1 2] x [[1 10] [100 1000]] = [201 2010]; [3 4] -> [403 4030] */
  const bm_shape_t l = {3, {2, 1, 2}}, r22 = {2, {2, 2}},
                   o = {3, {2, 1, 2}}, lt = {3, {2, 2, 1}};
  const float x[4] = {1, 2, 3, 4}, w[4] = {1, 10, 100, 1000},
              wt[4] = {1, 100, 10, 1000};
  float y[4];
  om_run_t r = run(MOTE_TYPE_FLOAT32, l, r22, o, 0, 0, x, w, y, sizeof y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 201 && y[1] == 2010 && y[2] == 403 && y[3] == 4030);
  /* The same with rhs stored transposed (adj_y) and lhs stored [2][2][1]
   * (adj_x): the products are the same. */
  r = run(MOTE_TYPE_FLOAT32, lt, r22, o, 1, 1, x, wt, y, sizeof y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 201 && y[1] == 2010 && y[2] == 403 && y[3] == 4030);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_runs);
  return MOTE_TEST_END();
}
