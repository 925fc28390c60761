/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND through the interpreter
 * (op_model.h): small 4-D and 3-D cases worked out by hand (each the
 * other's inverse), an int8 pad that is 0 whatever the zero point (TFLM's
 * bytes), an empty input, block_shape a model input (read at invoke,
 * where values that do not fit fail), and the refusals, each naming the op
 * and the tensor. The drawn cases are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

typedef struct scase {
  int code, type, rank;
  int32_t in[5];
  int bconst, nb;
  int32_t block[3];
  int32_t edges[6];
  int32_t out[5];
} scase_t;

static om_run_t run(const scase_t *k, const void *in, void *out, size_t bytes) {
  static const float scale = 0.5f;
  static const int64_t zp = 5;
  const int q = k->type == MOTE_TYPE_INT8;
  int32_t bshape[1], eshape[2];
  om_tensor_t ins[3];
  const void *data[3];
  bshape[0] = k->nb;
  eshape[0] = k->nb;
  eshape[1] = 2;
  ins[0] =
      om_q(k->type, k->rank, k->in, NULL, 0, q ? &scale : NULL, q ? &zp : NULL);
  ins[1] = om_q(MOTE_TYPE_INT32, 1, bshape, k->bconst ? k->block : NULL,
                (size_t)k->nb * 4u, NULL, NULL);
  ins[2] = om_q(MOTE_TYPE_INT32, 2, eshape, k->edges, (size_t)k->nb * 8u, NULL,
                NULL);
  data[0] = in;
  data[1] = k->block;
  data[2] = NULL;
  return om_run_one(k->code, ins, 3,
                    om_q(k->type, k->rank, k->out, NULL, 0, q ? &scale : NULL,
                         q ? &zp : NULL),
                    0, NULL, data, out, bytes);
}

#define S2B MOTE_OP_SPACE_TO_BATCH_ND
#define B2S MOTE_OP_BATCH_TO_SPACE_ND
#define F MOTE_TYPE_FLOAT32
#define I8 MOTE_TYPE_INT8
#define I16 MOTE_TYPE_INT16
#define I64 MOTE_TYPE_INT64

static void check_f32(const scase_t *k, const float *in, const float *want,
                      int n) {
  float out[16];
  int i;
  CHECK_EQ_INT(run(k, in, out, (size_t)n * sizeof(float)).status, MOTE_OK);
  for (i = 0; i < n; ++i) {
    CHECK(out[i] == want[i]);
  }
}

/* [1, 2, 2, 1] with 2x2 blocks is [4, 1, 1, 1]; [1, 4, 1] with block 2
 * is [2, 2, 1] (even rows, then odd rows); and back. */
static void test_round_trips(void) {
  static const float space[4] = {1, 2, 3, 4};
  static const float col_batches[4] = {1, 3, 2, 4};
  const scase_t s4 = {S2B,          F,           4, {1, 2, 2, 1}, 1, 2, {2, 2},
                      {0, 0, 0, 0}, {4, 1, 1, 1}};
  const scase_t b4 = {B2S,          F,           4, {4, 1, 1, 1}, 1, 2, {2, 2},
                      {0, 0, 0, 0}, {1, 2, 2, 1}};
  const scase_t s3 = {S2B, F, 3, {1, 4, 1}, 1, 1, {2}, {0, 0}, {2, 2, 1}};
  const scase_t b3 = {B2S, F, 3, {2, 2, 1}, 1, 1, {2}, {0, 0}, {1, 4, 1}};
  scase_t k;
  check_f32(&s4, space, space, 4);
  check_f32(&b4, space, space, 4);
  check_f32(&s3, space, col_batches, 4);
  check_f32(&b3, col_batches, space, 4);
  /* The same with block_shape a model input. */
  k = s4, k.bconst = 0, check_f32(&k, space, space, 4);
  k = b4, k.bconst = 0, check_f32(&k, space, space, 4);
  k = s3, k.bconst = 0, check_f32(&k, space, col_batches, 4);
  k = b3, k.bconst = 0, check_f32(&k, col_batches, space, 4);
}

/* [1, 1, 3] padded 1 above to 4 rows with block 2 (3-D): batch 0 holds
 * rows 0 and 2 (pad, 2), batch 1 rows 1 and 3 (1, 3); a crop of 1 above
 * removes the pad again. */
static void test_pad_and_crop(void) {
  static const float in[3] = {1, 2, 3};
  static const float batched[4] = {0, 2, 1, 3};
  const scase_t s = {S2B, F, 3, {1, 3, 1}, 1, 1, {2}, {1, 0}, {2, 2, 1}};
  const scase_t b = {B2S, F, 3, {2, 2, 1}, 1, 1, {2}, {1, 0}, {1, 3, 1}};
  check_f32(&s, in, batched, 4);
  check_f32(&b, batched, in, 3);
}

/* int8 pads with the integer 0, not the zero point 5, as TFLM. */
static void test_int8_pad(void) {
  static const int8_t in[1] = {9};
  const scase_t s = {S2B, I8, 3, {1, 1, 1}, 1, 1, {2}, {0, 1}, {2, 1, 1}};
  int8_t out[2];
  CHECK_EQ_INT(run(&s, in, out, sizeof out).status, MOTE_OK);
  CHECK_EQ_INT(out[0], 9);
  CHECK_EQ_INT(out[1], 0);
}

static void test_empty(void) {
  const scase_t s = {S2B,          F,           4, {0, 2, 2, 1}, 1, 2, {2, 2},
                     {0, 0, 0, 0}, {0, 1, 1, 1}};
  float in[1] = {0}, out[1] = {0};
  CHECK_EQ_INT(run(&s, in, out, 0).status, MOTE_OK);
}

static void test_refusals(void) {
  static const struct {
    scase_t k;
    mote_status_t st;
    const char *op, *text;
  } bad[] = {
      {{S2B, I16, 3, {1, 4, 1}, 1, 1, {2}, {0, 0}, {2, 2, 1}},
       MOTE_ERR_UNSUPPORTED_TYPE,
       "SPACE_TO_BATCH_ND",
       "input 0 (tensor 0)"},
      {{B2S, F, 3, {2, 2, 1}, 1, 1, {0}, {0, 0}, {1, 4, 1}},
       MOTE_ERR_BAD_SHAPE,
       "BATCH_TO_SPACE_ND",
       "block_shape input 1 value 0 is 0, below 1"},
      {{S2B, F, 3, {1, 4, 1}, 1, 1, {2}, {-1, 1}, {2, 2, 1}},
       MOTE_ERR_BAD_SHAPE,
       "SPACE_TO_BATCH_ND",
       "paddings input 2 row 0 is -1/1, below 0"},
      {{S2B, F, 3, {1, 4, 1}, 1, 1, {2}, {1, 0}, {2, 2, 1}},
       MOTE_ERR_BAD_SHAPE,
       "SPACE_TO_BATCH_ND",
       "padded input 0 dim 1 (5) is not a multiple of block_shape 2"},
      {{B2S, F, 3, {3, 2, 1}, 1, 1, {2}, {0, 0}, {1, 4, 1}},
       MOTE_ERR_BAD_SHAPE,
       "BATCH_TO_SPACE_ND",
       "input 0 batch 3 is not a multiple of the block_shape product 2"},
      {{B2S, F, 3, {2, 2, 1}, 1, 1, {2}, {3, 2}, {1, 0, 1}},
       MOTE_ERR_BAD_SHAPE,
       "BATCH_TO_SPACE_ND",
       "crops input 2 remove more than input 0 dim 1 holds"},
      {{B2S, F, 4, {4, 1, 1, 1}, 1, 2, {2, 2}, {0, 0, 0, 0}, {1, 2, 1, 2}},
       MOTE_ERR_BAD_SHAPE,
       "BATCH_TO_SPACE_ND",
       "output 0 dim 2 is 1; input 0, block_shape input 1 2x2 and crops "
       "input 2 0,0,0,0 give 2"},
      {{S2B, F, 4, {1, 2, 2, 1}, 1, 1, {2}, {0, 0}, {2, 1, 2, 1}},
       MOTE_ERR_BAD_SHAPE,
       "SPACE_TO_BATCH_ND",
       "block_shape input 1 (tensor 1) is not [2]"},
      {{S2B,
        F,
        5,
        {1, 2, 2, 1, 1},
        1,
        3,
        {1, 1, 1},
        {0, 0, 0, 0, 0, 0},
        {1, 2, 2, 1, 1}},
       MOTE_ERR_BAD_SHAPE,
       "SPACE_TO_BATCH_ND",
       "both must be 3 or 4"},
  };
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    const om_run_t r = run(&bad[i].k, NULL, NULL, 0);
    CHECK(om_refused_at(i, &r, bad[i].st, bad[i].op, bad[i].text));
  }
}

/* block_shape a model input: checked at every invoke (stage 3), the
 * failure naming the operand and its value. */
static void test_input_block_misfit(void) {
  static const struct {
    scase_t k;
    const char *text;
  } bad[] = {
      {{S2B, F, 3, {1, 4, 1}, 0, 1, {0}, {0, 0}, {2, 2, 1}},
       "block_shape input 1 value 0 is 0, below 1"},
      {{S2B, F, 3, {1, 4, 1}, 0, 1, {2}, {1, 0}, {2, 2, 1}},
       "padded input 0 dim 1 (5) is not a multiple of block_shape 2"},
      {{S2B, F, 3, {1, 4, 1}, 0, 1, {4}, {0, 0}, {2, 2, 1}},
       "output 0 dim 0 is 2; input 0, block_shape input 1 4x1 and paddings "
       "input 2 0,0,0,0 give 4"},
      {{B2S, F, 3, {2, 2, 1}, 0, 1, {-3}, {0, 0}, {1, 4, 1}},
       "block_shape input 1 value 0 is -3, below 1"},
  };
  static const float in[4] = {1, 2, 3, 4};
  float out[4];
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    const om_run_t r = run(&bad[i].k, in, out, sizeof out);
    CHECK_EQ_INT(r.stage, 3);
    CHECK(om_refused_at(i, &r, MOTE_ERR_BAD_SHAPE,
                        bad[i].k.code == S2B ? "SPACE_TO_BATCH_ND"
                                             : "BATCH_TO_SPACE_ND",
                        bad[i].text));
  }
}

int main(void) {
  MOTE_RUN(test_round_trips);
  MOTE_RUN(test_pad_and_crop);
  MOTE_RUN(test_int8_pad);
  MOTE_RUN(test_empty);
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_input_block_misfit);
  return MOTE_TEST_END();
}
