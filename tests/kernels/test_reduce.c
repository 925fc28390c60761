/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SUM, REDUCE_MAX and REDUCE_MIN glue through the interpreter
 * (op_model.h): the refusals (types TFLM lacks, MAX / MIN with a
 * requantizing output, bad axes, a wrong output size), each naming the op
 * and the operand; the same misfits with the axes a model input, failing
 * at invoke; zero-size inputs (the outputs keep TFLite's initial values);
 * NaN in MAX / MIN; an int8 SUM by hand; the values with constant axes and
 * with axes a model input. The
 * drawn cases are checked against TFLM by the op table. REDUCE_ALL (bool)
 * too: its refusals, an empty reduction (true) and a row with a false.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

typedef struct red {
  int code, type;
  int rank;
  const int32_t *shape;
  int naxes;
  const int32_t *axes;
  int axis_input; /* the axis tensor a model input, not a constant */
  int orank;
  const int32_t *oshape;
  float in_scale, out_scale; /* int types */
  int64_t in_zp, out_zp;
} red_t;

static om_run_t run(const red_t *c, const void *in, void *out,
                    size_t out_bytes) {
  om_tensor_t ins[2], outs[1];
  const void *in_data[2];
  void *out_data[1];
  int32_t an[1];
  tfb_options_t o;
  const int q = c->type == MOTE_TYPE_INT8 || c->type == MOTE_TYPE_INT16;
  an[0] = c->naxes;
  ins[0] = om_q(c->type, c->rank, c->shape, NULL, 0, q ? &c->in_scale : NULL,
                q ? &c->in_zp : NULL);
  ins[1] = om_q(MOTE_TYPE_INT32, 1, an, c->axis_input ? NULL : c->axes,
                sizeof(int32_t) * (size_t)c->naxes, NULL, NULL);
  outs[0] = om_q(c->type, c->orank, c->oshape, NULL, 0,
                 q ? &c->out_scale : NULL, q ? &c->out_zp : NULL);
  in_data[0] = in;
  in_data[1] = c->axes;
  out_data[0] = out;
  tfb_options_init(&o);
  tfb_opt_bool(&o, 0, false);
  return om_run_op(c->code, 1, ins, 2, outs, 1, 27, &o, in_data,
                   out != NULL ? out_data : NULL, &out_bytes);
}

static const int32_t s23[2] = {2, 3}, s2[1] = {2}, s3[1] = {3};
static const int32_t ax1[1] = {1}, ax2[1] = {2}, axm3[1] = {-3};

static red_t base(int code, int type) {
  red_t c;
  memset(&c, 0, sizeof c);
  c.code = code;
  c.type = type;
  c.rank = 2;
  c.shape = s23;
  c.naxes = 1;
  c.axes = ax1;
  c.orank = 1;
  c.oshape = s2;
  c.in_scale = c.out_scale = 0.5f;
  c.in_zp = c.out_zp = -3;
  return c;
}

static void test_refusals(void) {
  red_t c = base(MOTE_OP_REDUCE_MAX, MOTE_TYPE_INT16);
  om_run_t r;
  c.in_zp = c.out_zp = 0;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "REDUCE_MAX",
                   "REDUCE_MAX supports float32, int8"));
  c = base(MOTE_OP_REDUCE_ALL, MOTE_TYPE_FLOAT32);
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "REDUCE_ALL",
                   "input 0 has type float32, expected bool"));
  c = base(MOTE_OP_SUM, MOTE_TYPE_BOOL);
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SUM", "type bool"));
  c = base(MOTE_OP_SUM, MOTE_TYPE_INT32);
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SUM",
                   "input 0 has type int32; SUM supports float32, int8 and "
                   "int16"));
  c = base(MOTE_OP_REDUCE_MIN, MOTE_TYPE_INT8);
  c.out_scale = 0.25f;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "REDUCE_MIN",
                   "must have input 0's quantization"));
  c = base(MOTE_OP_REDUCE_MIN, MOTE_TYPE_INT8);
  c.out_zp = 4;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "REDUCE_MIN", "zero point 4"));
  c = base(MOTE_OP_SUM, MOTE_TYPE_FLOAT32);
  c.axes = ax2;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SUM",
                   "axis 2 out of range for input 0 of rank 2"));
  c.axes = axm3;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SUM", "axis -3 out of range"));
  c = base(MOTE_OP_REDUCE_MAX, MOTE_TYPE_FLOAT32);
  c.oshape = s3;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "REDUCE_MAX",
                   "output 0 has 3 elements, the reduction over axis input 1 "
                   "gives 2"));
}

/* Axes a model input: the same misfits fail at invoke (stage 3). */
static void test_input_axes_misfit(void) {
  static const int32_t ax0[1] = {0};
  float in[6] = {0}, out[3];
  red_t c = base(MOTE_OP_SUM, MOTE_TYPE_FLOAT32);
  om_run_t r;
  c.axis_input = 1;
  c.axes = ax2;
  r = run(&c, in, out, sizeof out);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SUM",
                   "axis 2 out of range for input 0 of rank 2"));
  c = base(MOTE_OP_MEAN, MOTE_TYPE_INT8);
  c.axis_input = 1;
  c.axes = ax0; /* 3 outputs, the model declares 2 */
  r = run(&c, in, out, sizeof out);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "MEAN",
                   "output 0 has 2 elements, the reduction over axis input 1 "
                   "gives 3"));
}

/* Nothing to reduce: TFLite's initial values (MAX's -FLT_MAX, not -inf). */
static void test_zero_size(void) {
  static const int32_t s20[2] = {2, 0};
  float f[2] = {1.0f, 1.0f};
  int8_t q[2] = {0, 0};
  red_t c = base(MOTE_OP_REDUCE_MAX, MOTE_TYPE_FLOAT32);
  c.shape = s20;
  CHECK_EQ_INT(run(&c, NULL, f, sizeof f).status, MOTE_OK);
  CHECK(f[0] == -FLT_MAX && f[1] == -FLT_MAX);
  c.code = MOTE_OP_SUM;
  CHECK_EQ_INT(run(&c, NULL, f, sizeof f).status, MOTE_OK);
  CHECK(f[0] == 0.0f && f[1] == 0.0f);
  c.code = MOTE_OP_REDUCE_MIN;
  c.type = MOTE_TYPE_INT8;
  CHECK_EQ_INT(run(&c, NULL, q, sizeof q).status, MOTE_OK);
  CHECK(q[0] == INT8_MAX && q[1] == INT8_MAX);
  c.code = MOTE_OP_REDUCE_ALL;
  c.type = MOTE_TYPE_BOOL;
  q[0] = q[1] = 0;
  CHECK_EQ_INT(run(&c, NULL, q, sizeof q).status, MOTE_OK);
  CHECK(q[0] == 1 && q[1] == 1);
}

static void values(int axis_input) {
  /* Row 0 holds a NaN first, row 1 a NaN last: neither is ever kept. */
  const float f[6] = {NAN, 1.0f, -2.0f, 4.0f, 3.0f, NAN};
  /* int8 at scale 0.5, zero point -3: rows (-1, 1.5, 2.5) and (-1.5,
   * 0, 60); their sums 3 and 58.5 at output scale 0.25, zero point 10
   * are 22 and 244, which saturates to 127. */
  const int8_t q[6] = {-5, 0, 2, -6, -3, 117};
  const bool b[6] = {true, true, false, true, true, true};
  float fo[2];
  int8_t qo[2];
  bool bo[2];
  red_t c = base(MOTE_OP_REDUCE_MAX, MOTE_TYPE_FLOAT32);
  c.axis_input = axis_input;
  CHECK_EQ_INT(run(&c, f, fo, sizeof fo).status, MOTE_OK);
  CHECK(fo[0] == 1.0f && fo[1] == 4.0f);
  c.code = MOTE_OP_REDUCE_MIN;
  CHECK_EQ_INT(run(&c, f, fo, sizeof fo).status, MOTE_OK);
  CHECK(fo[0] == -2.0f && fo[1] == 3.0f);
  c = base(MOTE_OP_SUM, MOTE_TYPE_INT8);
  c.axis_input = axis_input;
  c.out_scale = 0.25f;
  c.out_zp = 10;
  CHECK_EQ_INT(run(&c, q, qo, sizeof qo).status, MOTE_OK);
  CHECK(qo[0] == 22 && qo[1] == 127);
  /* MEAN folds 1/3 into the rescale: rows 1 and 19.5 at scale 0.25 are
   * 14 and 88. */
  c.code = MOTE_OP_MEAN;
  CHECK_EQ_INT(run(&c, q, qo, sizeof qo).status, MOTE_OK);
  CHECK_EQ_INT(qo[0], 14);
  CHECK_EQ_INT(qo[1], 88);
  c = base(MOTE_OP_REDUCE_ALL, MOTE_TYPE_BOOL);
  c.axis_input = axis_input;
  CHECK_EQ_INT(run(&c, b, bo, sizeof bo).status, MOTE_OK);
  CHECK(!bo[0] && bo[1]);
}

static void test_values(void) {
  values(0);
  values(1);
}

/* Axes a model input are read at every invoke: axis 1, then axis 0 (the
 * same output size). */
static void test_axes_change(void) {
  static const int32_t s22[2] = {2, 2}, ax0[1] = {0};
  const float in[4] = {1, 2, 3, 4};
  const void *second[2];
  float out[2];
  red_t c = base(MOTE_OP_SUM, MOTE_TYPE_FLOAT32);
  c.shape = s22;
  c.axis_input = 1;
  second[0] = in;
  second[1] = ax0;
  om_reinvoke_data = second;
  CHECK_EQ_INT(run(&c, in, out, sizeof out).status, MOTE_OK);
  om_reinvoke_data = NULL;
  CHECK(out[0] == 4.0f && out[1] == 6.0f);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_input_axes_misfit);
  MOTE_RUN(test_zero_size);
  MOTE_RUN(test_values);
  MOTE_RUN(test_axes_change);
  return MOTE_TEST_END();
}
