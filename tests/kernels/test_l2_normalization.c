/* SPDX-License-Identifier: Apache-2.0 */
/*
 * L2_NORMALIZATION: the glue's refusals through the interpreter
 * (op_model.h), each naming the operand or option, and rows whose answer
 * is known: (3, 4) -> (0.6, 0.8) in float32 and int8, a tiny float row
 * divided by the 1e-6 floor, an int8 row of zero-point values (norm 0,
 * outputs 0). The drawn cases are checked against TFLM by the op table.
 */
#include <math.h>
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static om_run_t run(int type, int rank, const int32_t *shape, int orank,
                    const int32_t *oshape, float out_scale, int64_t out_zp,
                    int act, const void *in, void *out, size_t out_bytes) {
  static const float in_scale = 0.1f;
  static const int64_t in_zp = 5;
  const int q = type != MOTE_TYPE_FLOAT32;
  tfb_options_t o;
  tfb_options_init(&o);
  tfb_opt_int(&o, 0, TFB_INT8, act);
  return om_run_unary(MOTE_OP_L2_NORMALIZATION, 1, type, rank, shape,
                      q ? &in_scale : NULL, q ? &in_zp : NULL, type, orank,
                      oshape, q ? &out_scale : NULL, q ? &out_zp : NULL, 12,
                      &o, in, out, out_bytes);
}

static void test_refusals(void) {
  static const int32_t s4[1] = {4}, s5[1] = {5};
  const float q7 = 1.0f / 128.0f;
  om_run_t r = run(MOTE_TYPE_INT16, 1, s4, 1, s4, q7, 0, 0, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "L2_NORMALIZATION",
                   "input 0 (tensor 0) has type int16"));
  r = run(MOTE_TYPE_FLOAT32, 1, s4, 1, s4, 0.0f, 0, 1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "L2_NORMALIZATION",
                   "fused activation 1"));
  r = run(MOTE_TYPE_INT8, 1, s4, 1, s4, 1.0f / 256.0f, 0, 0, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "L2_NORMALIZATION",
                   "output 0 needs scale 1/128 and zero point 0"));
  r = run(MOTE_TYPE_INT8, 1, s4, 1, s4, q7, 3, 0, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "L2_NORMALIZATION", "and 3"));
  r = run(MOTE_TYPE_FLOAT32, 1, s4, 1, s5, 0.0f, 0, 0, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "L2_NORMALIZATION",
                   "output 0 its shape"));
}

static void test_values(void) {
  static const int32_t s22[2] = {2, 2};
  const float q7 = 1.0f / 128.0f;
  const float fi[4] = {3.0f, 4.0f, 1e-7f, 0.0f};
  /* Zero point 5: (3, 4), then a row at the zero point. */
  const int8_t qi[4] = {8, 9, 5, 5};
  float fo[4];
  int8_t qo[4];
  CHECK_EQ_INT(run(MOTE_TYPE_FLOAT32, 2, s22, 2, s22, 0.0f, 0, 0, fi, fo,
                   sizeof fo)
                   .status,
               MOTE_OK);
  CHECK(fabsf(fo[0] - 0.6f) < 1e-6f && fabsf(fo[1] - 0.8f) < 1e-6f);
  CHECK(fo[2] == 1e-7f / 1e-6f && fo[3] == 0.0f);
  CHECK_EQ_INT(
      run(MOTE_TYPE_INT8, 2, s22, 2, s22, q7, 0, 0, qi, qo, sizeof qo).status,
      MOTE_OK);
  CHECK(abs(qo[0] - 77) <= 1 && abs(qo[1] - 102) <= 1);
  CHECK(qo[2] == 0 && qo[3] == 0);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_values);
  return MOTE_TEST_END();
}
