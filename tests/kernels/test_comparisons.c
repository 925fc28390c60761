/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The comparison and logical ops' glue through the interpreter
 * (op_model.h): each refusal with its status and a message naming the op,
 * the tensor and the type, and runs of the rescaled int8 comparison, a
 * 5-D comparison of equal shapes and a broadcast LOGICAL_OR. The drawn
 * cases are checked against TFLM by the op table.
 */
#include <math.h>
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* Op `code` on inputs of type t1 and t2 (shapes s1, s2, scales q1, q2
 * when quantized, zero points 0) and an output of type tout and shape so. */
static om_run_t run(int code, int t1, int r1, const int32_t *s1,
                    const float *q1, int t2, int r2, const int32_t *s2,
                    const float *q2, int tout, int ro, const int32_t *so,
                    const void *a, const void *b, void *out, size_t bytes) {
  static const int64_t z = 0;
  om_tensor_t ins[2], outs[1];
  const void *in_data[2];
  void *out_data[1];
  ins[0] = om_q(t1, r1, s1, NULL, 0, q1, q1 != NULL ? &z : NULL);
  ins[1] = om_q(t2, r2, s2, NULL, 0, q2, q2 != NULL ? &z : NULL);
  outs[0] = om_q(tout, ro, so, NULL, 0, NULL, NULL);
  in_data[0] = a;
  in_data[1] = b;
  out_data[0] = out;
  return om_run_op(code, 1, ins, 2, outs, 1, 0, NULL, in_data,
                   out != NULL ? out_data : NULL, &bytes);
}

/* Op `code` on two inputs of `type` and shape [4], a bool output. */
static om_run_t run4(int code, int type, const float *q) {
  static const int32_t s[1] = {4};
  return run(code, type, 1, s, q, type, 1, s, q, MOTE_TYPE_BOOL, 1, s, NULL,
             NULL, NULL, 0);
}

/* Each op with a type TFLM's kernel lacks (GREATER int16: TFLM
 * evaluates it without its rescale, every output false). */
static void test_type_refusals(void) {
  static const struct {
    int code;
    const char *name;
    int type;
    const char *message;
  } cases[] = {
      {MOTE_OP_EQUAL, "EQUAL", MOTE_TYPE_INT16, "input 0 has type int16"},
      {MOTE_OP_NOT_EQUAL, "NOT_EQUAL", MOTE_TYPE_UINT8,
       "input 0 has type uint8"},
      {MOTE_OP_LESS, "LESS", MOTE_TYPE_BOOL, "input 0 has type bool"},
      {MOTE_OP_LESS_EQUAL, "LESS_EQUAL", MOTE_TYPE_INT16,
       "input 0 has type int16"},
      {MOTE_OP_GREATER, "GREATER", MOTE_TYPE_INT16, "input 0 has type int16"},
      {MOTE_OP_GREATER_EQUAL, "GREATER_EQUAL", MOTE_TYPE_BOOL,
       "input 0 has type bool"},
      {MOTE_OP_LOGICAL_AND, "LOGICAL_AND", MOTE_TYPE_FLOAT32,
       "input 0 has type float32"},
      {MOTE_OP_LOGICAL_OR, "LOGICAL_OR", MOTE_TYPE_INT8,
       "input 0 has type int8"},
  };
  static const float half = 0.5f;
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    const int q =
        cases[i].type == MOTE_TYPE_INT8 || cases[i].type == MOTE_TYPE_INT16;
    const om_run_t r = run4(cases[i].code, cases[i].type, q ? &half : NULL);
    CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, cases[i].name,
                     cases[i].message));
  }
}

static void test_tensor_refusals(void) {
  static const int32_t s4[1] = {4}, s5[5] = {2, 1, 1, 1, 3},
                       t5[5] = {2, 1, 1, 1, 1}, o5[5] = {2, 1, 1, 1, 3};
  static const float half = 0.5f, one = 1.0f, zero = 0.0f;
  om_run_t r = run(MOTE_OP_EQUAL, MOTE_TYPE_INT32, 1, s4, NULL, MOTE_TYPE_INT64,
                   1, s4, NULL, MOTE_TYPE_BOOL, 1, s4, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "EQUAL",
                   "input 1 has type int64, expected int32"));
  r = run(MOTE_OP_LESS, MOTE_TYPE_FLOAT32, 1, s4, NULL, MOTE_TYPE_FLOAT32, 1,
          s4, NULL, MOTE_TYPE_INT8, 1, s4, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "LESS",
                   "output 0 has type int8, expected bool"));
  /* Different shapes: TFLM's 4-D broadcast aborts on a 5-D output. */
  r = run(MOTE_OP_GREATER, MOTE_TYPE_FLOAT32, 5, s5, NULL, MOTE_TYPE_FLOAT32, 5,
          t5, NULL, MOTE_TYPE_BOOL, 5, o5, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "GREATER", "output 0 has rank 5"));
  r = run(MOTE_OP_LOGICAL_AND, MOTE_TYPE_BOOL, 1, s4, NULL, MOTE_TYPE_BOOL, 5,
          t5, NULL, MOTE_TYPE_BOOL, 5, o5, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "LOGICAL_AND", "output 0"));
  /* int8 scales must be in (0, 1): TFLM CHECKs them. */
  r = run(MOTE_OP_EQUAL, MOTE_TYPE_INT8, 1, s4, &half, MOTE_TYPE_INT8, 1, s4,
          &one, MOTE_TYPE_BOOL, 1, s4, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "EQUAL",
                   "input 1 (int8) needs a scale in (0, 1)"));
  r = run(MOTE_OP_GREATER_EQUAL, MOTE_TYPE_INT8, 1, s4, &zero, MOTE_TYPE_INT8,
          1, s4, &half, MOTE_TYPE_BOOL, 1, s4, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "GREATER_EQUAL",
                   "input 0 (int8) needs a scale in (0, 1)"));
}

/* Op `code` on int8 at scales 1/2 and 1/4 compares real values (2 * 0.5
 * == 4 * 0.25), giving `want`. */
static void check_int8(int code, const uint8_t *want) {
  static const int32_t s4[1] = {4};
  static const float q1 = 0.5f, q2 = 0.25f;
  static const int8_t a[4] = {2, 2, -3, 127}, b[4] = {4, 5, -6, -128};
  uint8_t out[4];
  int i;
  CHECK_EQ_INT(run(code, MOTE_TYPE_INT8, 1, s4, &q1, MOTE_TYPE_INT8, 1, s4, &q2,
                   MOTE_TYPE_BOOL, 1, s4, a, b, out, sizeof out)
                   .status,
               MOTE_OK);
  for (i = 0; i < 4; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
}

static void test_int8_rescaled(void) {
  static const uint8_t want_eq[4] = {1, 0, 1, 0}, want_lt[4] = {0, 1, 0, 0};
  check_int8(MOTE_OP_EQUAL, want_eq);
  check_int8(MOTE_OP_LESS, want_lt);
}

/* Equal shapes take any rank (TFLM's flat path), NaN compares unequal. */
static void test_5d_and_nan(void) {
  static const int32_t s5[5] = {1, 1, 1, 1, 3};
  const float a[3] = {1.0f, NAN, -0.0f}, b[3] = {1.0f, NAN, 0.0f};
  uint8_t out[3];
  CHECK_EQ_INT(run(MOTE_OP_NOT_EQUAL, MOTE_TYPE_FLOAT32, 5, s5, NULL,
                   MOTE_TYPE_FLOAT32, 5, s5, NULL, MOTE_TYPE_BOOL, 5, s5, a, b,
                   out, sizeof out)
                   .status,
               MOTE_OK);
  CHECK(out[0] == 0 && out[1] == 1 && out[2] == 0);
}

/* Op `code` on bool [2, 1] and [3], broadcast to [2, 3], gives `want`. */
static void check_logical(int code, const uint8_t *want) {
  static const int32_t sa[2] = {2, 1}, sb[1] = {3}, so[2] = {2, 3};
  static const uint8_t a[2] = {0, 1}, b[3] = {0, 1, 0};
  uint8_t out[6];
  int i;
  CHECK_EQ_INT(run(code, MOTE_TYPE_BOOL, 2, sa, NULL, MOTE_TYPE_BOOL, 1, sb,
                   NULL, MOTE_TYPE_BOOL, 2, so, a, b, out, sizeof out)
                   .status,
               MOTE_OK);
  for (i = 0; i < 6; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
}

static void test_logical_broadcast(void) {
  static const uint8_t want_or[6] = {0, 1, 0, 1, 1, 1},
                       want_and[6] = {0, 0, 0, 0, 1, 0};
  check_logical(MOTE_OP_LOGICAL_OR, want_or);
  check_logical(MOTE_OP_LOGICAL_AND, want_and);
}

int main(void) {
  MOTE_RUN(test_type_refusals);
  MOTE_RUN(test_tensor_refusals);
  MOTE_RUN(test_int8_rescaled);
  MOTE_RUN(test_5d_and_nan);
  MOTE_RUN(test_logical_broadcast);
  return MOTE_TEST_END();
}
