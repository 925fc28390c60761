/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FILL, ZEROS_LIKE and SHAPE glue through the interpreter (op_model.h):
 * each refusal with its status and a message naming the operand, and
 * runs checked by hand. Their types are checked against TFLM by the op
 * table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* FILL of a `type` [2, 2] output from dims (`dtype`, `n` entries, a model
 * input when dims_input) and a `vtype` value of rank `vrank`. */
static om_run_t fill(int type, int dtype, const int32_t *dims, int n,
                     int dims_input, int vtype, int vrank, const void *value,
                     void *y, size_t bytes) {
  const int32_t s22[] = {2, 2}, sn[] = {n}, one[] = {1};
  om_tensor_t ins[2];
  const void *in_data[2];
  ins[0] = om_q(dtype, 1, sn, dims_input ? NULL : dims,
                (size_t)n * mote_type_size((mote_type_t)dtype), NULL, NULL);
  ins[1] = om_q(vtype, vrank, one, NULL, 0, NULL, NULL);
  in_data[0] = dims;
  in_data[1] = value;
  return om_run_one(MOTE_OP_FILL, ins, 2,
                    om_q(type, 2, s22, NULL, 0, NULL, NULL), 0, NULL, in_data,
                    y, bytes);
}

static void test_fill(void) {
  enum { F = MOTE_TYPE_FLOAT32, I = MOTE_TYPE_INT32, H = MOTE_TYPE_INT16 };
  enum { T = MOTE_ERR_UNSUPPORTED_TYPE, U = MOTE_ERR_UNSUPPORTED };
  static const int32_t d22[] = {2, 2}, d23[] = {2, 3};
  /* The message and status, output, dims and value types, dims a model
   * input, value rank: an output type TFLM does not fill, a value of
   * another type, computed dims, float dims, a value that is not a
   * scalar */
  static const struct {
    const char *why;
    int status, type, dtype, vtype, dims_input, vrank;
  } bad[] = {
      {"output 0 (tensor 2) has type int16", T, H, I, H, 0, 0},
      {"value input 1 has type int32, expected float32", T, F, I, I, 0, 0},
      {"dims input 0 (tensor 0) is not constant", U, F, I, F, 1, 0},
      {"float32, expected an integer type", T, F, F, F, 0, 0},
      {"(tensor 1) has rank 1, expected a scalar", MOTE_ERR_BAD_SHAPE, F, I, F,
       0, 1},
  };
  const float v = 2.5f;
  float y[4] = {0};
  om_run_t r;
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    r = fill(bad[i].type, bad[i].dtype, d22, 2, bad[i].dims_input, bad[i].vtype,
             bad[i].vrank, NULL, NULL, 0);
    CHECK(om_refused(&r, (mote_status_t)bad[i].status, "FILL", bad[i].why));
  }
  r = fill(F, I, d23, 2, 0, F, 0, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "FILL",
                   "dims input 0 (tensor 0) is not the shape of output 0"));
  r = fill(F, I, d22, 2, 0, F, 0, &v, y, sizeof y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  for (i = 0; i < 4; ++i) {
    CHECK(y[i] == 2.5f);
  }
}

/* `code` over a `type` input [2, 3, 5] or a prefix of it (`rank`) into
 * an out_type output of shape out[0..orank). */
static om_run_t unary(int code, int type, int rank, int out_type, int orank,
                      const int32_t *out, const void *x, void *y,
                      size_t bytes) {
  static const int32_t s235[] = {2, 3, 5};
  return om_run_unary(code, 1, type, rank, s235, NULL, NULL, out_type, orank,
                      out, NULL, NULL, 0, NULL, x, y, bytes);
}

static void test_zeros_like(void) {
  const int32_t s23[] = {2, 3}, s32[] = {3, 2};
  const int32_t x[6] = {1, 2, 3, 4, 5, 6};
  int32_t y[6] = {9, 9, 9, 9, 9, 9};
  om_run_t r;
  int i;
  r = unary(MOTE_OP_ZEROS_LIKE, MOTE_TYPE_INT16, 2, MOTE_TYPE_INT16, 2, s23,
            NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "ZEROS_LIKE",
                   "input 0 (tensor 0) has type int16"));
  r = unary(MOTE_OP_ZEROS_LIKE, MOTE_TYPE_INT32, 2, MOTE_TYPE_INT32, 2, s32,
            NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "ZEROS_LIKE",
                   "output 0 (tensor 1) does not have the shape of input 0"));
  CHECK_EQ_INT(unary(MOTE_OP_ZEROS_LIKE, MOTE_TYPE_INT32, 2, MOTE_TYPE_INT32, 2,
                     s23, x, y, sizeof y)
                   .status,
               MOTE_OK);
  for (i = 0; i < 6; ++i) {
    CHECK(y[i] == 0);
  }
}

static void test_shape(void) {
  const int32_t three[] = {3}, two[] = {2};
  int32_t y[3] = {0};
  om_run_t r = unary(MOTE_OP_SHAPE, MOTE_TYPE_INT8, 3, MOTE_TYPE_INT64, 1,
                     three, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SHAPE",
                   "output 0 has type int64, expected int32"));
  r = unary(MOTE_OP_SHAPE, MOTE_TYPE_INT8, 3, MOTE_TYPE_INT32, 1, two, NULL,
            NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SHAPE",
                   "output 0 (tensor 1) must be a vector of 3 entries"));
  r = unary(MOTE_OP_SHAPE, MOTE_TYPE_INT8, 3, MOTE_TYPE_INT32, 1, three, NULL,
            y, sizeof y);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK(y[0] == 2 && y[1] == 3 && y[2] == 5);
}

int main(void) {
  MOTE_RUN(test_fill);
  MOTE_RUN(test_zeros_like);
  MOTE_RUN(test_shape);
  return MOTE_TEST_END();
}
