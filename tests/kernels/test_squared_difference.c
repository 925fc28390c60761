/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SQUARED_DIFFERENCE glue through the interpreter (op_model.h): the
 * refusals, each with its status and a message naming the tensor, and
 * runs checked by hand (broadcast float32, int32, an int8 rescale). Every
 * type is checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* (a - b)^2 of `type` inputs [2] and b_shape (rank 1) into [2], each
 * quantized with scale `s` and zero point z (z_out for the output) when
 * s is given. */
static om_run_t run(int type, int32_t b_len, const float *s, const int64_t *z,
                    const int64_t *z_out, const void *a, const void *b,
                    void *y) {
  const int32_t two[] = {2}, bl[] = {b_len};
  om_tensor_t ins[2];
  const void *in_data[2];
  ins[0] = om_q(type, 1, two, NULL, 0, s, z);
  ins[1] = om_q(type, 1, bl, NULL, 0, s, z);
  in_data[0] = a;
  in_data[1] = b;
  return om_run_one(MOTE_OP_SQUARED_DIFFERENCE, ins, 2,
                    om_q(type, 1, two, NULL, 0, s, z_out), 0, NULL, in_data, y,
                    8);
}

static void test_refusals(void) {
  static const float s = 0.5f;
  static const int64_t z0 = 0, z1 = 1;
  om_run_t r = run(MOTE_TYPE_BOOL, 2, NULL, NULL, NULL, NULL, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SQUARED_DIFFERENCE",
                   "output 0 has type bool"));
  r = run(MOTE_TYPE_INT16, 2, &s, &z0, &z1, NULL, NULL, NULL);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "SQUARED_DIFFERENCE",
                   "int16 inputs and output need zero points 0"));
  r = run(MOTE_TYPE_FLOAT32, 3, NULL, NULL, NULL, NULL, NULL, NULL);
  CHECK(r.status == MOTE_ERR_BAD_SHAPE &&
        strstr(r.err.message, "SQUARED_DIFFERENCE") != NULL);
}

static void test_values(void) {
  static const float s = 0.5f;
  static const int64_t z = -3, z_out = -128;
  const float fa[2] = {1.0f, 2.0f}, fb[1] = {-1.0f};
  const int32_t ia[2] = {7, -40000}, ib[2] = {10, 40000};
  const int8_t qa[2] = {1, 9}, qb[1] = {-3};
  float fy[2];
  int32_t iy[2];
  int8_t qy[2];
  CHECK_EQ_INT(run(MOTE_TYPE_FLOAT32, 1, NULL, NULL, NULL, fa, fb, fy).status,
               MOTE_OK);
  CHECK(fy[0] == 4.0f && fy[1] == 9.0f);
  /* 80000^2 wraps modulo 2^32, as TFLite's int32 product. */
  CHECK_EQ_INT(run(MOTE_TYPE_INT32, 2, NULL, NULL, NULL, ia, ib, iy).status,
               MOTE_OK);
  CHECK(iy[0] == 9 && iy[1] == (int32_t)(6400000000u % 4294967296u));
  /* Real values 2 and 6 against 0: squares 4 and 36, output scale 0.5
   * and zero point -128: 8 - 128 and 72 - 128. */
  CHECK_EQ_INT(run(MOTE_TYPE_INT8, 1, &s, &z, &z_out, qa, qb, qy).status,
               MOTE_OK);
  CHECK(qy[0] == -120 && qy[1] == -56);
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_values);
  return MOTE_TEST_END();
}
