/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPLIT, SPLIT_V, PACK and UNPACK glue through the interpreter
 * (op_model.h): each refusal with its status and a message naming the
 * operand or option, and runs whose values are checked by hand (size
 * "the rest", negative axes). Every type is checked against TFLM by the
 * op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const int32_t kOne[] = {1};

/* A float32 [2, 3] tensor, an int32 [1] constant holding `v`. */
static om_tensor_t f32(int rank, const int32_t *shape) {
  return om_q(MOTE_TYPE_FLOAT32, rank, shape, NULL, 0, NULL, NULL);
}

static om_tensor_t i32_const(const int32_t *v, int n) {
  const int32_t shape[] = {n};
  return om_q(MOTE_TYPE_INT32, 1, shape, v, 4u * (size_t)n, NULL, NULL);
}

/* SPLIT of `in` (rank 2) into `nout` outputs of out_shape along `axis`
 * (an int32 constant, or whatever `axis_t` is). */
static om_run_t split(om_tensor_t axis_t, om_tensor_t in, int nout,
                      const int32_t *out_shape, int32_t num_splits) {
  om_tensor_t ins[2], outs[4];
  tfb_options_t o;
  int i;
  ins[0] = axis_t;
  ins[1] = in;
  for (i = 0; i < nout; ++i) {
    outs[i] = om_q(in.type, in.rank, out_shape, NULL, 0, NULL, NULL);
  }
  tfb_options_init(&o);
  tfb_opt_i32(&o, 0, num_splits);
  return om_run_op(MOTE_OP_SPLIT, 1, ins, 2, outs, nout, 35, &o, NULL, NULL,
                   NULL);
}

static void test_split_refusals(void) {
  const int32_t s23[] = {2, 3}, s21[] = {2, 1}, s13[] = {1, 3};
  const int32_t ax1[] = {1}, ax2[] = {2};
  const int64_t ax64 = 1;
  om_run_t r;
  om_tensor_t in = f32(2, s23);
  r = split(i32_const(ax1, 1),
            om_q(MOTE_TYPE_INT64, 2, s23, NULL, 0, NULL, NULL), 3, s21, 3);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SPLIT",
                   "input 1 (tensor 1) has type int64"));
  r = split(om_q(MOTE_TYPE_INT32, 1, kOne, NULL, 0, NULL, NULL), in, 3, s21, 3);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "SPLIT",
                   "axis input 0 (tensor 0) is not constant"));
  r = split(om_q(MOTE_TYPE_INT64, 1, kOne, &ax64, 8, NULL, NULL), in, 3, s21,
            3);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SPLIT",
                   "axis input 0 (tensor 0) has type int64, expected int32"));
  r = split(i32_const(ax2, 1), in, 3, s21, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SPLIT",
                   "axis 2 is outside [-2, 2) for rank 2"));
  r = split(i32_const(ax1, 1), in, 3, s21, 2);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SPLIT",
                   "num_splits option is 2, the operator has 3 outputs"));
  /* Three [2, 1] parts of [2, 3] cut along axis 0 do not fit. */
  r = split(i32_const(kOne, 1), in, 2, s13, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SPLIT",
                   "output 0 (tensor 2) does not fit tensor 1 cut along "
                   "axis 1"));
  r = split(i32_const(ax1, 1), in, 2, s21, 2);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SPLIT",
                   "2 parts add up to 2 along axis 1, tensor 1 has 3"));
}

/* SPLIT_V of float32 [2, 3] along axis -1 into [2, 1] and [2, 2] with
 * size_splits `sizes` (NULL: a model input); outputs into y0, y1. */
static om_run_t split_v(const int32_t *sizes, const int32_t *second,
                        const float *x, float *y0, float *y1) {
  const int32_t s23[] = {2, 3}, s21[] = {2, 1}, two[] = {2}, neg[] = {-1};
  om_tensor_t ins[3], outs[2];
  tfb_options_t o;
  const void *in_data[3];
  void *out_data[2];
  size_t out_bytes[2];
  ins[0] = f32(2, s23);
  ins[1] = sizes != NULL ? i32_const(sizes, 2)
                         : om_q(MOTE_TYPE_INT32, 1, two, NULL, 0, NULL, NULL);
  ins[2] = i32_const(neg, 1);
  outs[0] = f32(2, s21);
  outs[1] = f32(2, second);
  in_data[0] = x;
  in_data[1] = sizes;
  in_data[2] = NULL;
  out_data[0] = y0;
  out_data[1] = y1;
  out_bytes[0] = 2 * sizeof(float);
  out_bytes[1] = 4 * sizeof(float);
  tfb_options_init(&o);
  tfb_opt_i32(&o, 0, 2);
  return om_run_op(MOTE_OP_SPLIT_V, 1, ins, 3, outs, 2, 79, &o, in_data,
                   y0 != NULL ? out_data : NULL, out_bytes);
}

static void test_split_v(void) {
  const int32_t s22[] = {2, 2}, s23[] = {2, 3};
  const int32_t rest[] = {1, -1}, wrong[] = {1, 3}, two_rest[] = {-1, -1};
  const float x[6] = {0, 1, 2, 3, 4, 5};
  float y0[2] = {0}, y1[4] = {0};
  om_run_t r = split_v(wrong, s22, x, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SPLIT_V",
                   "size_splits entry 1 is 3, output 1 has 2 along axis 1"));
  r = split_v(two_rest, s22, x, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SPLIT_V", "size_splits entry 1"));
  r = split_v(rest, s23, x, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SPLIT_V",
                   "2 parts add up to 4 along axis 1, tensor 0 has 3"));
  CHECK_EQ_INT(split_v(rest, s22, x, y0, y1).status, MOTE_OK);
  CHECK(y0[0] == 0 && y0[1] == 3);
  CHECK(y1[0] == 1 && y1[1] == 2 && y1[2] == 4 && y1[3] == 5);
  /* A computed size_splits is not read (TFLM never reads it). */
  CHECK_EQ_INT(split_v(NULL, s22, x, y0, y1).status, MOTE_OK);
  CHECK(y1[3] == 5);
}

/* PACK of `n` inputs (in_type, [3]) into out_type out_shape along axis. */
static om_run_t pack(int n, int in1_type, int rank, const int32_t *out_shape,
                     int32_t values_count, int32_t axis, const void *const *x,
                     void *y, size_t bytes) {
  const int32_t s3[] = {3};
  om_tensor_t ins[2], outs[1];
  tfb_options_t o;
  void *out_data[1];
  ins[0] = f32(1, s3);
  ins[1] = om_q(in1_type, 1, s3, NULL, 0, NULL, NULL);
  outs[0] = f32(rank, out_shape);
  out_data[0] = y;
  tfb_options_init(&o);
  tfb_opt_i32(&o, 0, values_count);
  tfb_opt_i32(&o, 1, axis);
  return om_run_op(MOTE_OP_PACK, 1, ins, n, outs, 1, 59, &o, x,
                   y != NULL ? out_data : NULL, &bytes);
}

static void test_pack(void) {
  static const int32_t s23[] = {2, 3}, s32[] = {3, 2}, s33[] = {3, 3};
  /* input 1's type, output shape, values_count, axis, the message */
  static const struct {
    int type;
    const int32_t *out;
    int32_t count, axis;
    const char *why;
  } bad[] = {
      {MOTE_TYPE_FLOAT32, s23, 0, 0,
       "values_count option is 0, the operator has 2 inputs"},
      {MOTE_TYPE_INT8, s23, 2, 0,
       "input 1 (tensor 1) is int8, expected float32"},
      {MOTE_TYPE_FLOAT32, s33, 2, 1,
       "2 parts add up to 2 along axis 1, tensor 2 has 3"},
      {MOTE_TYPE_FLOAT32, s23, 2, 2,
       "axis option 2 is outside [-2, 2) for rank 2"},
      {MOTE_TYPE_FLOAT32, s23, 2, 1,
       "input 0 (tensor 0) does not fit tensor 2 without axis 1"},
  };
  const float a[3] = {1, 2, 3}, b[3] = {4, 5, 6};
  const void *x[2];
  float y[6] = {0};
  om_run_t r;
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    r = pack(2, bad[i].type, 2, bad[i].out, bad[i].count, bad[i].axis, NULL,
             NULL, 0);
    CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "PACK", bad[i].why));
  }
  x[0] = a;
  x[1] = b;
  /* Axis -1 of [3, 2]: the inputs interleave. */
  CHECK_EQ_INT(pack(2, MOTE_TYPE_FLOAT32, 2, s32, 2, -1, x, y, sizeof y).status,
               MOTE_OK);
  CHECK(y[0] == 1 && y[1] == 4 && y[2] == 2 && y[3] == 5 && y[5] == 6);
}

static void test_unpack(void) {
  const int32_t s23[] = {2, 3}, s2[] = {2};
  const float x[6] = {0, 1, 2, 3, 4, 5};
  float y[3][2];
  om_tensor_t ins[1], outs[3];
  tfb_options_t o;
  const void *in_data[1];
  void *out_data[3];
  size_t out_bytes[3];
  om_run_t r;
  int i;
  ins[0] = f32(2, s23);
  for (i = 0; i < 3; ++i) {
    outs[i] = f32(1, s2);
    out_data[i] = y[i];
    out_bytes[i] = sizeof y[i];
  }
  in_data[0] = x;
  tfb_options_init(&o);
  tfb_opt_i32(&o, 0, 3);
  tfb_opt_i32(&o, 1, 2);
  r = om_run_op(MOTE_OP_UNPACK, 1, ins, 1, outs, 3, 64, &o, in_data, NULL,
                NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "UNPACK",
                   "axis option 2 is outside [-2, 2) for rank 2"));
  tfb_options_init(&o);
  tfb_opt_i32(&o, 1, -1);
  r = om_run_op(MOTE_OP_UNPACK, 1, ins, 1, outs, 3, 64, &o, in_data, NULL,
                NULL);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "UNPACK",
                   "num option is 0, the operator has 3 outputs"));
  tfb_opt_i32(&o, 0, 3);
  r = om_run_op(MOTE_OP_UNPACK, 1, ins, 1, outs, 3, 64, &o, in_data, out_data,
                out_bytes);
  CHECK_EQ_INT(r.status, MOTE_OK);
  for (i = 0; i < 3; ++i) {
    CHECK(y[i][0] == (float)i && y[i][1] == (float)(i + 3));
  }
}

int main(void) {
  MOTE_RUN(test_split_refusals);
  MOTE_RUN(test_split_v);
  MOTE_RUN(test_pack);
  MOTE_RUN(test_unpack);
  return MOTE_TEST_END();
}
