/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SQUEEZE glue through the interpreter (op_model.h): the refusals, each
 * with its status and a message naming the tensor or option, and a run
 * with a negative squeeze dimension. Values across types are checked
 * against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* SQUEEZE of a `type` input [rank: in] into [orank: out] with
 * squeeze_dims[0..n) (no options when n < 0). */
static om_run_t run(int type, int rank, const int32_t *in, int orank,
                    const int32_t *out, const int32_t *dims, int n,
                    const void *x, void *y, size_t bytes) {
  om_tensor_t ins[1], outs[1];
  tfb_options_t o;
  const void *in_data[1];
  void *out_data[1];
  ins[0] = om_q(type, rank, in, NULL, 0, NULL, NULL);
  outs[0] = om_q(type, orank, out, NULL, 0, NULL, NULL);
  in_data[0] = x;
  out_data[0] = y;
  tfb_options_init(&o);
  if (n >= 0) {
    tfb_opt_vec_i32(&o, 0, dims, n);
  }
  return om_run_op(MOTE_OP_SQUEEZE, 1, ins, 1, outs, 1, n >= 0 ? 30 : 0, &o,
                   in_data, y != NULL ? out_data : NULL, &bytes);
}

static void test_refusals(void) {
  const int32_t s3[] = {1, 2, 1}, s2[] = {2, 1}, s21[] = {2, 3}, s1[] = {2};
  const int32_t d0[] = {0}, d1[] = {1}, d3[] = {3}, dn4[] = {-4};
  om_run_t r;
  /* Dimension 1 has size 2. */
  r = run(MOTE_TYPE_FLOAT32, 3, s3, 2, s2, d1, 1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SQUEEZE",
                   "squeeze_dims entry 1 is not a size-1 dimension of input "
                   "0 (tensor 0"));
  /* Out of range either way. */
  r = run(MOTE_TYPE_FLOAT32, 3, s3, 2, s2, d3, 1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SQUEEZE", "squeeze_dims entry 3"));
  r = run(MOTE_TYPE_FLOAT32, 3, s3, 2, s2, dn4, 1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SQUEEZE",
                   "squeeze_dims entry -4"));
  /* Squeezing dimension 0 of [1, 2, 1] leaves [2, 1], not [2, 3]. */
  r = run(MOTE_TYPE_FLOAT32, 3, s3, 2, s21, d0, 1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SQUEEZE",
                   "output 0 (tensor 1) is not input 0 (tensor 0)"));
  /* No options squeeze both size-1 dimensions: [2], not [2, 1]. */
  r = run(MOTE_TYPE_INT8, 3, s3, 2, s2, NULL, -1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SQUEEZE", "output 0 (tensor 1)"));
  r = run(MOTE_TYPE_INT8, 3, s3, 1, s1, NULL, -1, NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_OK);
}

static void test_negative_dim(void) {
  const int32_t s3[] = {1, 2, 1}, s2[] = {1, 2}, dn1[] = {-1};
  const int32_t x[2] = {7, -9};
  int32_t y[2] = {0, 0};
  CHECK_EQ_INT(
      run(MOTE_TYPE_INT32, 3, s3, 2, s2, dn1, 1, x, y, sizeof y).status,
      MOTE_OK);
  CHECK(y[0] == 7 && y[1] == -9);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_negative_dim);
  return MOTE_TEST_END();
}
