/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SELECT_V2 glue through the interpreter (op_model.h): the refusals, each
 * with its status and a message naming the tensor and type, and a float
 * run broadcasting all three inputs. The drawn cases are checked against
 * TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

typedef struct shape {
  int rank;
  int32_t d[6];
} shape_t;

/* SELECT_V2 of condition (type tc, shape sc), x and y (type t, shapes sx,
 * sy) into an output of type tout and shape so. */
static om_run_t run(int tc, const shape_t *sc, int t, const shape_t *sx,
                    const shape_t *sy, int tout, const shape_t *so,
                    const void *const *in, void *out, size_t bytes) {
  om_tensor_t ins[3], outs[1];
  void *out_data[1];
  ins[0] = om_q(tc, sc->rank, sc->d, NULL, 0, NULL, NULL);
  ins[1] = om_q(t, sx->rank, sx->d, NULL, 0, NULL, NULL);
  ins[2] = om_q(t, sy->rank, sy->d, NULL, 0, NULL, NULL);
  outs[0] = om_q(tout, so->rank, so->d, NULL, 0, NULL, NULL);
  out_data[0] = out;
  return om_run_op(MOTE_OP_SELECT_V2, 1, ins, 3, outs, 1, 0, NULL, in,
                   out != NULL ? out_data : NULL, &bytes);
}

static void test_refusals(void) {
  static const shape_t s4 = {1, {4}}, s24 = {2, {2, 4}}, s3 = {1, {3}},
                       s6 = {6, {2, 1, 1, 1, 1, 4}}, s6b = {1, {4}};
  const int F = MOTE_TYPE_FLOAT32, B = MOTE_TYPE_BOOL;
  om_run_t r = run(MOTE_TYPE_INT8, &s4, F, &s4, &s4, F, &s4, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SELECT_V2",
                   "input 0 has type int8, expected bool"));
  r = run(B, &s4, MOTE_TYPE_INT32, &s4, &s4, MOTE_TYPE_INT32, &s4, NULL, NULL,
          0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SELECT_V2",
                   "input 1 has type int32"));
  r = run(B, &s4, F, &s4, &s4, MOTE_TYPE_INT8, &s4, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SELECT_V2",
                   "output 0 has type int8, expected float32"));
  /* Different shapes: the output's rank must be the inputs' largest ... */
  r = run(B, &s4, F, &s4, &s3, F, &s24, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SELECT_V2",
                   "output 0 has rank 2; the inputs' largest is 1"));
  /* ... they must broadcast to it ... */
  r = run(B, &s4, F, &s24, &s3, F, &s24, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SELECT_V2", "(dim 1)"));
  /* ... and TFLM's broadcast stops at 5-D. */
  r = run(B, &s6b, F, &s6, &s6, F, &s6, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "SELECT_V2", "output 0 has rank 6"));
}

/* cond [2, 1], x [3], y [] broadcast to [2, 3]. */
static void test_broadcast(void) {
  static const shape_t sc = {2, {2, 1}}, sx = {1, {3}}, sy = {0, {0}},
                       so = {2, {2, 3}};
  static const uint8_t cond[2] = {1, 0};
  static const float x[3] = {1.0f, 2.0f, 3.0f}, y[1] = {-1.0f};
  static const float want[6] = {1.0f, 2.0f, 3.0f, -1.0f, -1.0f, -1.0f};
  const void *in[3];
  float out[6];
  int i;
  in[0] = cond;
  in[1] = x;
  in[2] = y;
  CHECK_EQ_INT(run(MOTE_TYPE_BOOL, &sc, MOTE_TYPE_FLOAT32, &sx, &sy,
                   MOTE_TYPE_FLOAT32, &so, in, out, sizeof out)
                   .status,
               MOTE_OK);
  for (i = 0; i < 6; ++i) {
    CHECK(out[i] == want[i]);
  }
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_broadcast);
  return MOTE_TEST_END();
}
