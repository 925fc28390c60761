/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CUMSUM glue through the interpreter (op_model.h): the refusals (a type
 * TFLM lacks, a bad axis, constant or a model input (failing at invoke),
 * a wrong output shape, an int8 output scale too small for TFLM's
 * rescale), each naming the op and the operand; float32 sums forward,
 * exclusive and reversed, with the axis constant or a model input; and
 * int8, where
 * TFLM starts the sum at -input zero point. The drawn cases are checked
 * against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

typedef struct cs {
  int type, rank;
  const int32_t *shape, *oshape;
  int32_t axis;
  int axis_input;
  int exclusive, reverse;
  float in_scale, out_scale;
  int64_t in_zp, out_zp;
} cs_t;

static om_run_t run(const cs_t *c, const void *in, void *out, size_t bytes) {
  static const int32_t one[1] = {1};
  om_tensor_t ins[2], outs[1];
  const void *in_data[2];
  void *out_data[1];
  tfb_options_t o;
  const int q = c->type == MOTE_TYPE_INT8;
  ins[0] = om_q(c->type, c->rank, c->shape, NULL, 0, q ? &c->in_scale : NULL,
                q ? &c->in_zp : NULL);
  ins[1] = om_q(MOTE_TYPE_INT32, 1, one, c->axis_input ? NULL : &c->axis,
                sizeof c->axis, NULL, NULL);
  outs[0] = om_q(c->type, c->rank, c->oshape, NULL, 0,
                 q ? &c->out_scale : NULL, q ? &c->out_zp : NULL);
  in_data[0] = in;
  in_data[1] = &c->axis;
  out_data[0] = out;
  tfb_options_init(&o);
  tfb_opt_bool(&o, 0, c->exclusive != 0);
  tfb_opt_bool(&o, 1, c->reverse != 0);
  return om_run_op(MOTE_OP_CUMSUM, 1, ins, 2, outs, 1, 102, &o, in_data,
                   out != NULL ? out_data : NULL, &bytes);
}

static const int32_t s23[2] = {2, 3}, s32[2] = {3, 2}, s3[1] = {3};

static cs_t base(int type) {
  cs_t c;
  memset(&c, 0, sizeof c);
  c.type = type;
  c.rank = 2;
  c.shape = c.oshape = s23;
  c.axis = 1;
  c.in_scale = c.out_scale = 0.5f;
  return c;
}

static void test_refusals(void) {
  cs_t c = base(MOTE_TYPE_INT32);
  om_run_t r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "CUMSUM",
                   "input 0 (tensor 0) has type int32"));
  c = base(MOTE_TYPE_FLOAT32);
  c.axis = 2;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "CUMSUM", "axis 2 is outside"));
  c.axis = -3;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "CUMSUM", "axis -3 is outside"));
  c.axis_input = 1;
  r = run(&c, NULL, NULL, 0);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "CUMSUM", "axis -3 is outside"));
  c = base(MOTE_TYPE_FLOAT32);
  c.oshape = s32;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "CUMSUM", "output 0 its shape"));
  c = base(MOTE_TYPE_INT8);
  c.out_scale = 1e-7f;
  r = run(&c, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "CUMSUM", "too small"));
}

static void test_float(void) {
  const float x[6] = {1.0f, 2.0f, 3.0f, 10.0f, 20.0f, 30.0f};
  float y[6];
  cs_t c = base(MOTE_TYPE_FLOAT32);
  CHECK_EQ_INT(run(&c, x, y, sizeof y).status, MOTE_OK);
  CHECK(y[0] == 1.0f && y[1] == 3.0f && y[2] == 6.0f && y[5] == 60.0f);
  c.exclusive = 1;
  CHECK_EQ_INT(run(&c, x, y, sizeof y).status, MOTE_OK);
  CHECK(y[0] == 0.0f && y[1] == 1.0f && y[2] == 3.0f && y[3] == 0.0f);
  c.reverse = 1;
  CHECK_EQ_INT(run(&c, x, y, sizeof y).status, MOTE_OK);
  CHECK(y[0] == 5.0f && y[1] == 3.0f && y[2] == 0.0f && y[3] == 50.0f);
  c.exclusive = 0;
  c.axis = -2; /* down the columns, from the bottom */
  CHECK_EQ_INT(run(&c, x, y, sizeof y).status, MOTE_OK);
  CHECK(y[0] == 11.0f && y[3] == 10.0f && y[5] == 30.0f);
  c.axis_input = 1;
  CHECK_EQ_INT(run(&c, x, y, sizeof y).status, MOTE_OK);
  CHECK(y[0] == 11.0f && y[3] == 10.0f && y[5] == 30.0f);
}

/* Same scales, input zero point -4: the sum starts at 4 (TFLM's
 * -zero point), so 1, 2, 3 give 5, 7, 10, and the exclusive first 4. */
static void test_int8(void) {
  const int8_t x[3] = {-3, -2, -1};
  int8_t y[3];
  cs_t c = base(MOTE_TYPE_INT8);
  c.rank = 1;
  c.shape = c.oshape = s3;
  c.axis = 0;
  c.in_zp = -4;
  CHECK_EQ_INT(run(&c, x, y, sizeof y).status, MOTE_OK);
  CHECK(y[0] == 5 && y[1] == 7 && y[2] == 10);
  c.exclusive = 1;
  CHECK_EQ_INT(run(&c, x, y, sizeof y).status, MOTE_OK);
  CHECK(y[0] == 4 && y[1] == 5 && y[2] == 7);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_float);
  MOTE_RUN(test_int8);
  return MOTE_TEST_END();
}
