/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SLICE glue through the interpreter (op_model.h): each refusal with its
 * status and a message naming the operand, a run with a size of -1
 * and int64 begin/size checked by hand, and size a model input (read at
 * invoke, where a misfit fails). Every type is checked against
 * TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* SLICE of a `type` [2, 3] input with constant begin and size of
 * `itype` (each `n` entries; size a model input when size_input), into
 * an output of out_shape. */
static om_run_t slice(int type, int itype, const int64_t *begin,
                      const int64_t *size, int n, int size_input,
                      const int32_t *out_shape, const void *x, void *y,
                      size_t bytes) {
  const int32_t s23[] = {2, 3}, sn[] = {n};
  int32_t b32[4], z32[4];
  om_tensor_t ins[3];
  const void *in_data[3];
  const size_t w = mote_type_size((mote_type_t)itype);
  int i;
  for (i = 0; i < n; ++i) {
    b32[i] = (int32_t)begin[i];
    z32[i] = (int32_t)size[i];
  }
  ins[0] = om_q(type, 2, s23, NULL, 0, NULL, NULL);
  ins[1] = om_q(itype, 1, sn, w == 8 ? (const void *)begin : b32, w * (size_t)n,
                NULL, NULL);
  ins[2] = om_q(itype, 1, sn,
                size_input ? NULL
                : w == 8   ? (const void *)size
                           : z32,
                w * (size_t)n, NULL, NULL);
  in_data[0] = x;
  in_data[1] = NULL;
  in_data[2] = w == 8 ? (const void *)size : z32;
  return om_run_one(MOTE_OP_SLICE, ins, 3,
                    om_q(type, 2, out_shape, NULL, 0, NULL, NULL), 48, NULL,
                    in_data, y, bytes);
}

static void test_refusals(void) {
  static const int32_t s12[] = {1, 2}, s13[] = {1, 3};
  static const int64_t b01[] = {0, 1}, z12[] = {1, 2}, b03[] = {0, 3},
                       z11[] = {1, 1}, zneg[] = {1, -2}, z13[] = {1, 3};
  /* begin, size, entries, output shape, message: too few entries, begin
   * past the end, a size past the end, a negative size, an output of
   * another shape */
  static const struct {
    const int64_t *begin, *size;
    int n;
    const int32_t *out;
    const char *why;
  } bad[] = {
      {b01, z12, 1, s12, "with 2 entries, the rank of input 0"},
      {b03, z11, 2, s12, "begin 3, size 1 of dimension 1 is outside"},
      {b01, z13, 2, s13, "begin 1, size 3 of dimension 1"},
      {b01, zneg, 2, s12, "size -2"},
      {b01, z12, 2, s13, "slice dim 1 is 2, output 0 has 3"},
  };
  om_run_t r;
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    r = slice(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, bad[i].begin, bad[i].size,
              bad[i].n, 0, bad[i].out, NULL, NULL, 0);
    CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SLICE", bad[i].why));
  }
  r = slice(MOTE_TYPE_INT64, MOTE_TYPE_INT32, b01, z12, 2, 0, s12, NULL, NULL,
            0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SLICE",
                   "input 0 (tensor 0) has type int64"));
  r = slice(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT16, b01, z12, 2, 0, s12, NULL, NULL,
            0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SLICE",
                   "begin input 1 (tensor 1) has type int16, expected int32 "
                   "or int64"));
}

/* size a model input: read at every invoke, misfits failing there. */
static void test_size_input(void) {
  static const int32_t s12[] = {1, 2};
  static const int64_t b01[] = {0, 1}, z12[] = {1, 2}, zrest[] = {1, -1},
                       z11[] = {1, 1}, z13[] = {1, 3};
  const float x[6] = {0, 1, 2, 3, 4, 5};
  float y[2] = {0};
  om_run_t r;
  CHECK_EQ_INT(slice(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, b01, z12, 2, 1, s12, x,
                     y, sizeof y)
                   .status,
               MOTE_OK);
  CHECK(y[0] == 1 && y[1] == 2);
  y[0] = y[1] = 0;
  CHECK_EQ_INT(slice(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT64, b01, zrest, 2, 1, s12,
                     x, y, sizeof y)
                   .status,
               MOTE_OK);
  CHECK(y[0] == 1 && y[1] == 2);
  r = slice(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, b01, z11, 2, 1, s12, x, y,
            sizeof y);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SLICE",
                   "begin input 1 1 and size input 2 give dim 1 1 long, "
                   "output 0 has 2"));
  r = slice(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT32, b01, z13, 2, 1, s12, x, y,
            sizeof y);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SLICE",
                   "begin 1, size 3 of dimension 1 is outside"));
}

static void test_rest_int64(void) {
  const int32_t s12[] = {1, 2};
  const int64_t b11[] = {1, 1}, zrest[] = {-1, -1};
  const float x[6] = {0, 1, 2, 3, 4, 5};
  float y[2] = {0};
  CHECK_EQ_INT(slice(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT64, b11, zrest, 2, 0, s12,
                     x, y, sizeof y)
                   .status,
               MOTE_OK);
  CHECK(y[0] == 4 && y[1] == 5);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_rest_int64);
  MOTE_RUN(test_size_input);
  return MOTE_TEST_END();
}
