/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LOG_SOFTMAX: the glue's refusals through the interpreter (op_model.h),
 * each naming the operand; rows whose answer is known (one element: 0,
 * the int8 zero point; two equal ones: -log 2); and the fixed-point log
 * behind the int8 path against libm over its input range. The drawn
 * cases are checked against TFLM by the op table.
 */
#include <math.h>
#include <stdint.h>

#include "kernels/core/fixedpoint.h"
#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static om_run_t run(int type, int rank, const int32_t *shape, int orank,
                    const int32_t *oshape, float out_scale, int64_t out_zp,
                    const void *in, void *out, size_t out_bytes) {
  static const float in_scale = 0.1f;
  static const int64_t in_zp = 0;
  const int q = type != MOTE_TYPE_FLOAT32;
  return om_run_unary(MOTE_OP_LOG_SOFTMAX, 1, type, rank, shape,
                      q ? &in_scale : NULL, q ? &in_zp : NULL, type, orank,
                      oshape, q ? &out_scale : NULL, q ? &out_zp : NULL, 0,
                      NULL, in, out, out_bytes);
}

static void test_refusals(void) {
  static const int32_t s4[1] = {4}, s5[1] = {5};
  const float q16 = 16.0f / 256.0f;
  om_run_t r = run(MOTE_TYPE_INT16, 1, s4, 1, s4, q16, 0, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "LOG_SOFTMAX",
                   "input 0 (tensor 0) has type int16"));
  r = run(MOTE_TYPE_INT8, 1, s4, 1, s4, 1.0f / 256.0f, 127, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "LOG_SOFTMAX",
                   "output 0 needs scale 16/256 and zero point 127"));
  r = run(MOTE_TYPE_INT8, 1, s4, 1, s4, q16, -128, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "LOG_SOFTMAX", "zero point"));
  r = run(MOTE_TYPE_FLOAT32, 1, s4, 1, s5, 0.0f, 0, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "LOG_SOFTMAX",
                   "output 0 its shape"));
  r = run(MOTE_TYPE_FLOAT32, 0, s4, 0, s4, 0.0f, 0, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "LOG_SOFTMAX", "rank 1 or more"));
}

static void test_values(void) {
  static const int32_t s21[2] = {2, 1}, s12[2] = {1, 2}, s20[2] = {2, 0};
  const float q16 = 16.0f / 256.0f;
  const int8_t qi[2] = {-100, 50};
  const float fi[2] = {3.0f, 3.0f};
  int8_t qo[2];
  float fo[2];
  /* One element per row: log 1 = 0, the zero point. */
  CHECK_EQ_INT(run(MOTE_TYPE_INT8, 2, s21, 2, s21, q16, 127, qi, qo, sizeof qo)
                   .status,
               MOTE_OK);
  CHECK(qo[0] == 127 && qo[1] == 127);
  CHECK_EQ_INT(
      run(MOTE_TYPE_FLOAT32, 2, s12, 2, s12, 0.0f, 0, fi, fo, sizeof fo).status,
      MOTE_OK);
  CHECK(fabsf(fo[0] + logf(2.0f)) < 1e-6f && fo[0] == fo[1]);
  /* Empty rows: nothing to do. */
  CHECK_EQ_INT(
      run(MOTE_TYPE_FLOAT32, 2, s20, 2, s20, 0.0f, 0, NULL, NULL, 0).status,
      MOTE_OK);
}

/* log x for x in [1, 4096) in Q12.19 to Q5.26, within 2^-20 of libm. */
static void test_fixed_point_log(void) {
  double x;
  for (x = 1.0; x < 4000.0; x = x * 1.07 + 0.001) {
    const int32_t raw = (int32_t)(x * 524288.0);
    const double got = mote_fp_log_x_ge_1(raw, 12, 5) / 67108864.0;
    CHECK(fabs(got - log(raw / 524288.0)) < 1.0 / 1048576.0);
  }
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_values);
  MOTE_RUN(test_fixed_point_log);
  return MOTE_TEST_END();
}
