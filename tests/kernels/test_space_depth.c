/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPACE_TO_DEPTH and DEPTH_TO_SPACE glue through the interpreter
 * (op_model.h): each refusal with its status and a message naming the
 * tensor or option, and a round trip checked by hand. float32 and int8
 * are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

/* The op `code` over a `type` input of `rank` dims `in` with block size
 * `b`, into a [4]-shaped output `out`. */
static om_run_t run(int code, int type, int rank, const int32_t *in, int32_t b,
                    const int32_t *out, const float *x, float *y,
                    size_t bytes) {
  tfb_options_t o;
  tfb_options_init(&o);
  tfb_opt_i32(&o, 0, b);
  return om_run_unary(code, 1, type, rank, in, NULL, NULL, type, 4, out, NULL,
                      NULL, code == MOTE_OP_SPACE_TO_DEPTH ? 19 : 94, &o, x, y,
                      bytes);
}

static void test_refusals(void) {
  static const int32_t s2[] = {1, 2, 2, 1}, s1[] = {1, 1, 1, 4},
                       s3[] = {1, 3, 2, 1}, s2b[] = {1, 1, 2, 2};
  /* The message, then op, input shape, block size, output shape: a block
   * size of 0, one that does not divide, an output of another shape */
  static const struct {
    const char *why;
    int code;
    const int32_t *in, *out;
    int32_t b;
  } bad[] = {
      {"block_size option 0 does not", MOTE_OP_SPACE_TO_DEPTH, s2, s1, 0},
      {"does not divide input 0 (height", MOTE_OP_SPACE_TO_DEPTH, s3, s1, 2},
      {"does not divide input 0 (depth)", MOTE_OP_DEPTH_TO_SPACE, s2b, s2, 2},
      {"is not [1, 1, 1, 4]", MOTE_OP_SPACE_TO_DEPTH, s2, s2b, 2},
      {"is not [1, 2, 2, 1]", MOTE_OP_DEPTH_TO_SPACE, s1, s2b, 2},
  };
  om_run_t r;
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    const int s2d = bad[i].code == MOTE_OP_SPACE_TO_DEPTH;
    r = run(bad[i].code, MOTE_TYPE_FLOAT32, 4, bad[i].in, bad[i].b, bad[i].out,
            NULL, NULL, 0);
    CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE,
                     s2d ? "SPACE_TO_DEPTH" : "DEPTH_TO_SPACE", bad[i].why));
  }
  r = run(MOTE_OP_SPACE_TO_DEPTH, MOTE_TYPE_INT16, 4, s2, 2, s1, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, "SPACE_TO_DEPTH",
                   "input 0 (tensor 0) has type int16"));
  r = run(MOTE_OP_DEPTH_TO_SPACE, MOTE_TYPE_FLOAT32, 3, s1 + 1, 2, s2, NULL,
          NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, "DEPTH_TO_SPACE",
                   "input 0 (tensor 0) has rank 3, expected 4"));
}

static void test_round_trip(void) {
  /* [1, 2, 4, 1] in blocks of 2: each output pixel holds one 2x2 block
   * in row-major order, and DEPTH_TO_SPACE puts it back. */
  static const int32_t sp[] = {1, 2, 4, 1}, dp[] = {1, 1, 2, 4};
  const float x[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  const float want[8] = {0, 1, 4, 5, 2, 3, 6, 7};
  float y[8] = {0}, z[8] = {0};
  int i;
  CHECK_EQ_INT(run(MOTE_OP_SPACE_TO_DEPTH, MOTE_TYPE_FLOAT32, 4, sp, 2, dp, x,
                   y, sizeof y)
                   .status,
               MOTE_OK);
  CHECK_EQ_INT(run(MOTE_OP_DEPTH_TO_SPACE, MOTE_TYPE_FLOAT32, 4, dp, 2, sp, y,
                   z, sizeof z)
                   .status,
               MOTE_OK);
  for (i = 0; i < 8; ++i) {
    CHECK(y[i] == want[i]);
    CHECK(z[i] == x[i]);
  }
}

int main(void) {
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_round_trip);
  return MOTE_TEST_END();
}
