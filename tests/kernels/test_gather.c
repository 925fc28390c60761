/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GATHER glue through the interpreter (op_model.h): each refusal with its
 * status and a message naming the operand or option, an index past the
 * axis refused at prepare (constant) and at invoke (a model input, the
 * output left alone), and a run with batch_dims checked by hand. float32
 * and int8 are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* GATHER of a `type` [2, 3] input by indices [2] (`itype`, constant
 * `idx` unless idx_input) along `axis` with `batch_dims`, into
 * out_shape. */
static om_run_t gather(int type, int itype, const int32_t *idx, int idx_input,
                       int32_t axis, int32_t batch_dims, int out_rank,
                       const int32_t *out_shape, const float *x, float *y) {
  const int32_t s23[] = {2, 3}, s2[] = {2};
  const int64_t idx64[2] = {0, 1};
  om_tensor_t ins[2];
  tfb_options_t o;
  const void *in_data[2];
  ins[0] = om_q(type, 2, s23, NULL, 0, NULL, NULL);
  ins[1] = om_q(itype, 1, s2,
                idx_input                  ? NULL
                : itype == MOTE_TYPE_INT64 ? (const void *)idx64
                                           : (const void *)idx,
                itype == MOTE_TYPE_INT64 ? 16u : 8u, NULL, NULL);
  in_data[0] = x;
  in_data[1] = idx;
  tfb_options_init(&o);
  tfb_opt_i32(&o, 0, axis);
  tfb_opt_i32(&o, 1, batch_dims);
  return om_run_one(MOTE_OP_GATHER, ins, 2,
                    om_q(type, out_rank, out_shape, NULL, 0, NULL, NULL), 23,
                    &o, in_data, y, 4 * sizeof(float));
}

static void test_refusals(void) {
  static const int32_t s22[] = {2, 2}, s23[] = {2, 3}, ok[] = {0, 2},
                       past[] = {1, 3}, neg[] = {-1, 0};
  /* indices, axis, batch_dims, output shape, message: an axis past the
   * rank, batch_dims past the axis, an output that is not the gathered
   * shape ([2] with batch dimension 0 shared), an index past the axis, a
   * negative index */
  static const struct {
    const int32_t *idx;
    int32_t axis, batch_dims;
    const int32_t *out;
    const char *why;
  } bad[] = {
      {ok, 2, 0, s22, "axis option 2 is outside [-2, 2) for rank 2"},
      {ok, 0, 1, s22, "batch_dims option 1 must be in [0, 0]"},
      {ok, 1, 1, s23, "output 0 (tensor 2) is not input 0 gathered"},
      {past, 1, 0, s22, "index 3 at position 1 of input 1 is outside [0, 3)"},
      {neg, 1, 0, s22, "index -1 at position 0"},
  };
  om_run_t r;
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    r = gather(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, bad[i].idx, 0, bad[i].axis,
               bad[i].batch_dims, 2, bad[i].out, NULL, NULL);
    CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "GATHER", bad[i].why));
  }
  r = gather(MOTE_TYPE_INT16, MOTE_TYPE_INT32, ok, 0, 1, 0, 2, s22, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "GATHER",
                   "input 0 (tensor 0) has type int16, which is not "
                   "supported"));
  r = gather(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT64, ok, 0, 1, 0, 2, s22, NULL,
             NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "GATHER",
                   "input 1 (tensor 1) has type int64"));
}

static void test_invoke_index_check(void) {
  const int32_t s22[] = {2, 2}, past[] = {0, 3};
  const float x[6] = {0, 1, 2, 3, 4, 5};
  float y[4] = {-7, -7, -7, -7};
  const om_run_t r =
      gather(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, past, 1, 1, 0, 2, s22, x, y);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "GATHER",
                   "index 3 at position 1 of input 1 is outside [0, 3)"));
  CHECK(y[0] == -7); /* nothing copied out */
}

static void test_batch_dims(void) {
  const int32_t s2[] = {2}, idx[] = {2, 0};
  const float x[6] = {0, 1, 2, 3, 4, 5};
  float y[4] = {0};
  /* Row b takes its own element idx[b]: x[0][2], x[1][0]. */
  CHECK_EQ_INT(
      gather(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, idx, 0, -1, 1, 1, s2, x, y)
          .status,
      MOTE_OK);
  CHECK(y[0] == 2 && y[1] == 3);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_invoke_index_check);
  MOTE_RUN(test_batch_dims);
  return MOTE_TEST_END();
}
