/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR glue through the interpreter
 * (op_model.h): small runs with values worked out by hand (which pixel
 * each coordinate mode picks, a bilinear ramp), the refusals, each naming
 * the op and the tensor or option, and an empty batch. The drawn cases are
 * checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

typedef struct rcase {
  int code, type, in_rank;
  int32_t in[4];
  int size_type, size_const, size_n;
  int32_t size[3];
  int32_t out[4];
  int align, half;
} rcase_t;

static om_run_t run(const rcase_t *k, const void *in, void *out, size_t bytes) {
  const int bil = k->code == MOTE_OP_RESIZE_BILINEAR;
  int64_t size64[3];
  int32_t sshape[1];
  om_tensor_t ins[2];
  const void *data[2];
  tfb_options_t o;
  int i;
  for (i = 0; i < 3; ++i) {
    size64[i] = k->size[i];
  }
  sshape[0] = k->size_n;
  ins[0] = om_q(k->type, k->in_rank, k->in, NULL, 0, NULL, NULL);
  ins[1] = om_q(k->size_type, 1, sshape,
                !k->size_const                    ? NULL
                : k->size_type == MOTE_TYPE_INT64 ? (const void *)size64
                                                  : (const void *)k->size,
                (size_t)k->size_n * mote_type_size((mote_type_t)k->size_type),
                NULL, NULL);
  data[0] = in;
  data[1] = k->size_type == MOTE_TYPE_INT64 ? (const void *)size64
                                            : (const void *)k->size;
  tfb_options_init(&o);
  tfb_opt_bool(&o, bil ? 2 : 0, k->align != 0);
  tfb_opt_bool(&o, bil ? 3 : 1, k->half != 0);
  return om_run_one(k->code, ins, 2,
                    om_q(k->type, 4, k->out, NULL, 0, NULL, NULL),
                    bil ? 15 : 74, &o, data, out, bytes);
}

static const int NN = MOTE_OP_RESIZE_NEAREST_NEIGHBOR;
static const int BL = MOTE_OP_RESIZE_BILINEAR;
#define F MOTE_TYPE_FLOAT32
#define I8 MOTE_TYPE_INT8
#define I16 MOTE_TYPE_INT16
#define I64 MOTE_TYPE_INT64
#define I32 MOTE_TYPE_INT32

/* A [1, 1, 3, 1] row to width 5 (scale 0.6): each mode's pick. */
static void test_nearest_modes(void) {
  static const int8_t in[3] = {10, 20, 30};
  static const int8_t want[3][5] = {
      {10, 10, 20, 20, 30}, /* floor(x * 0.6) */
      {10, 20, 20, 30, 30}, /* round(x * 0.5) */
      {10, 10, 20, 30, 30}, /* floor((x + 0.5) * 0.6) */
  };
  int m, i;
  for (m = 0; m < 3; ++m) {
    const rcase_t k = {NN,     I8,           4,      {1, 1, 3, 1}, I32, 1, 2,
                       {1, 5}, {1, 1, 5, 1}, m == 1, m == 2};
    int8_t out[5];
    CHECK_EQ_INT(run(&k, in, out, sizeof out).status, MOTE_OK);
    for (i = 0; i < 5; ++i) {
      CHECK_EQ_INT(out[i], want[m][i]);
    }
  }
}

/* [1, 1, 2, 1] {0, 1} to width 4: 0, 0.5, 1 and the clamped edge 1. */
static void test_bilinear_ramp(void) {
  static const float in[2] = {0.0f, 1.0f};
  static const float want[4] = {0.0f, 0.5f, 1.0f, 1.0f};
  const rcase_t k = {BL,           F, 4, {1, 1, 2, 1}, I32, 1, 2, {1, 4},
                     {1, 1, 4, 1}, 0, 0};
  float out[4];
  int i;
  CHECK_EQ_INT(run(&k, in, out, sizeof out).status, MOTE_OK);
  for (i = 0; i < 4; ++i) {
    CHECK(out[i] == want[i]);
  }
}

/* An empty batch runs and writes nothing. */
static void test_empty(void) {
  const rcase_t k = {BL,           F, 4, {0, 2, 2, 1}, I32, 1, 2, {3, 3},
                     {0, 3, 3, 1}, 0, 0};
  float in[1] = {0}, out[1] = {0};
  CHECK_EQ_INT(run(&k, in, out, 0).status, MOTE_OK);
}

static void test_refusals(void) {
  static const struct {
    rcase_t k;
    mote_status_t st;
    const char *op, *text;
  } bad[] = {
      {{NN, F, 4, {1, 2, 2, 1}, I32, 0, 2, {3, 3}, {1, 3, 3, 1}, 0, 0},
       MOTE_ERR_UNSUPPORTED,
       "RESIZE_NEAREST_NEIGHBOR",
       "size input 1 (tensor 1) is not constant"},
      {{BL, F, 4, {1, 2, 2, 1}, I64, 1, 2, {3, 3}, {1, 3, 3, 1}, 0, 0},
       MOTE_ERR_UNSUPPORTED_TYPE,
       "RESIZE_BILINEAR",
       "size input 1"},
      {{NN, F, 4, {1, 2, 2, 1}, I32, 1, 3, {3, 3, 1}, {1, 3, 3, 1}, 0, 0},
       MOTE_ERR_BAD_SHAPE,
       "RESIZE_NEAREST_NEIGHBOR",
       "size input 1 (tensor 1) is not [2]"},
      {{NN, F, 3, {2, 2, 1, 0}, I32, 1, 2, {3, 3}, {1, 3, 3, 1}, 0, 0},
       MOTE_ERR_BAD_SHAPE,
       "RESIZE_NEAREST_NEIGHBOR",
       "input 0 (tensor 0) has rank 3, expected 4"},
      {{NN, F, 4, {1, 2, 2, 1}, I32, 1, 2, {3, 3}, {1, 3, 4, 1}, 0, 0},
       MOTE_ERR_BAD_SHAPE,
       "RESIZE_NEAREST_NEIGHBOR",
       "output 0 (tensor 2) is not [1, 3, 3, 1]"},
      {{NN, F, 4, {1, 2, 2, 1}, I32, 1, 2, {-1, 3}, {1, 1, 3, 1}, 0, 0},
       MOTE_ERR_BAD_SHAPE,
       "RESIZE_NEAREST_NEIGHBOR",
       "size input 1 is [-1, 3]"},
      {{BL, F, 4, {1, 2, 2, 1}, I32, 1, 2, {3, 3}, {1, 3, 3, 1}, 1, 1},
       MOTE_ERR_UNSUPPORTED,
       "RESIZE_BILINEAR",
       "align_corners and half_pixel_centers"},
      {{BL, I16, 4, {1, 2, 2, 1}, I32, 1, 2, {3, 3}, {1, 3, 3, 1}, 0, 0},
       MOTE_ERR_UNSUPPORTED_TYPE,
       "RESIZE_BILINEAR",
       "input 0 (tensor 0)"},
      {{NN, I32, 4, {1, 2, 2, 1}, I32, 1, 2, {3, 3}, {1, 3, 3, 1}, 0, 0},
       MOTE_ERR_UNSUPPORTED_TYPE,
       "RESIZE_NEAREST_NEIGHBOR",
       "input 0"},
      /* The int8 bilinear's 10-bit coordinates: 1024 * 2^21 > INT32_MAX
       * (an empty batch, so that the arena holds it). */
      {{BL,
        I8,
        4,
        {0, 1, 1 << 21, 1},
        I32,
        1,
        2,
        {1, 1 << 21},
        {0, 1, 1 << 21, 1},
        0,
        0},
       MOTE_ERR_UNSUPPORTED,
       "RESIZE_BILINEAR",
       "10-bit fixed-point"},
  };
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    const om_run_t r = run(&bad[i].k, NULL, NULL, 0);
    CHECK(om_refused_at(i, &r, bad[i].st, bad[i].op, bad[i].text));
  }
}

int main(void) {
  MOTE_RUN(test_nearest_modes);
  MOTE_RUN(test_bilinear_ramp);
  MOTE_RUN(test_empty);
  MOTE_RUN(test_refusals);
  return MOTE_TEST_END();
}
