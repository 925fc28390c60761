/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MIRROR_PAD through the interpreter (op_model.h): both modes on a row
 * worked out by hand, with int32 and int64 paddings, constant or a model
 * input (read at invoke, where values that do not fit fail); a 2-D case that
 * mirrors the rows too; an empty input; and the refusals, each naming the
 * op and the tensor or option. The drawn cases are checked against TFLM
 * by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

typedef struct mcase {
  int type, rank;
  int32_t in[3];
  int ptype, pconst, prows;
  int32_t pads[6];
  int32_t out[3];
  int mode;
} mcase_t;

static om_run_t run(const mcase_t *k, const void *in, void *out, size_t bytes) {
  int64_t pads64[6];
  int32_t pshape[2];
  om_tensor_t ins[2];
  const void *data[2];
  const void *pdata;
  tfb_options_t o;
  int i;
  for (i = 0; i < 6; ++i) {
    pads64[i] = k->pads[i];
  }
  pdata = k->ptype == MOTE_TYPE_INT64 ? (const void *)pads64
                                      : (const void *)k->pads;
  pshape[0] = k->prows;
  pshape[1] = 2;
  ins[0] = om_q(k->type, k->rank, k->in, NULL, 0, NULL, NULL);
  ins[1] = om_q(k->ptype, 2, pshape, k->pconst ? pdata : NULL,
                (size_t)k->prows * 2u * mote_type_size((mote_type_t)k->ptype),
                NULL, NULL);
  data[0] = in;
  data[1] = pdata;
  tfb_options_init(&o);
  tfb_opt_int(&o, 0, TFB_INT8, k->mode);
  return om_run_one(MOTE_OP_MIRROR_PAD, ins, 2,
                    om_q(k->type, k->rank, k->out, NULL, 0, NULL, NULL), 77, &o,
                    data, out, bytes);
}

#define F MOTE_TYPE_FLOAT32
#define I32 MOTE_TYPE_INT32
#define I64 MOTE_TYPE_INT64

/* [1, 2, 3] padded by 2 on each side. */
static void test_row(void) {
  static const float in[3] = {1.0f, 2.0f, 3.0f};
  static const float want[2][7] = {{3, 2, 1, 2, 3, 2, 1},
                                   {2, 1, 1, 2, 3, 3, 2}};
  int mode, pt, i;
  for (mode = 0; mode < 2; ++mode) {
    for (pt = 0; pt < 4; ++pt) {
      const mcase_t k = {
          F, 1, {3}, pt % 2 ? I64 : I32, pt / 2 ? 0 : 1, 1, {2, 2}, {7}, mode};
      float out[7];
      CHECK_EQ_INT(run(&k, in, out, sizeof out).status, MOTE_OK);
      for (i = 0; i < 7; ++i) {
        CHECK(out[i] == want[mode][i]);
      }
    }
  }
}

/* int8 [2, 2] REFLECT-padded by 1 before the rows and 1 after the
 * columns: the mirrored row comes first. */
static void test_2d(void) {
  static const int8_t in[4] = {1, 2, 3, 4};
  static const int8_t want[9] = {3, 4, 3, 1, 2, 1, 3, 4, 3};
  const mcase_t k = {MOTE_TYPE_INT8, 2,      {2, 2}, I32, 1, 2,
                     {1, 0, 0, 1},   {3, 3}, 0};
  int8_t out[9];
  int i;
  CHECK_EQ_INT(run(&k, in, out, sizeof out).status, MOTE_OK);
  for (i = 0; i < 9; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
}

static void test_empty(void) {
  const mcase_t k = {F, 2, {0, 3}, I32, 1, 2, {0, 0, 1, 1}, {0, 5}, 1};
  float in[1] = {0}, out[1] = {0};
  CHECK_EQ_INT(run(&k, in, out, 0).status, MOTE_OK);
}

static void test_refusals(void) {
  static const struct {
    mcase_t k;
    mote_status_t st;
    const char *text;
  } bad[] = {
      {{MOTE_TYPE_INT16, 1, {3}, I32, 1, 1, {1, 1}, {5}, 0},
       MOTE_ERR_UNSUPPORTED_TYPE,
       "input 0 (tensor 0)"},
      {{F, 1, {3}, MOTE_TYPE_INT16, 1, 1, {1, 1}, {5}, 0},
       MOTE_ERR_UNSUPPORTED_TYPE,
       "paddings input 1"},
      {{F, 1, {3}, I32, 1, 1, {3, 0}, {6}, 0},
       MOTE_ERR_BAD_SHAPE,
       "dim 0 (size 3) 3/0; REFLECT mirrors 0..2"},
      {{F, 1, {3}, I32, 1, 1, {0, 4}, {7}, 1},
       MOTE_ERR_BAD_SHAPE,
       "SYMMETRIC mirrors 0..3"},
      {{F, 1, {3}, I32, 1, 1, {-1, 1}, {3}, 1}, MOTE_ERR_BAD_SHAPE, "-1/1"},
      {{F, 2, {0, 3}, I32, 1, 2, {1, 0, 0, 0}, {1, 3}, 1},
       MOTE_ERR_BAD_SHAPE,
       "dim 0 (size 0) 1/0"},
      {{F, 1, {3}, I32, 1, 2, {1, 1, 0, 0}, {5}, 0},
       MOTE_ERR_BAD_SHAPE,
       "paddings input 1 (tensor 1) is not [1, 2]"},
      {{F, 1, {3}, I32, 1, 1, {1, 1}, {6}, 0},
       MOTE_ERR_BAD_SHAPE,
       "output 0 dim 0 is 6, input 0 + paddings input 1 (1/1) give 5"},
      {{F, 1, {3}, I32, 1, 1, {1, 1}, {5}, 2},
       MOTE_ERR_UNSUPPORTED,
       "mode option 2"},
  };
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    const om_run_t r = run(&bad[i].k, NULL, NULL, 0);
    CHECK(om_refused_at(i, &r, bad[i].st, "MIRROR_PAD", bad[i].text));
  }
}

/* Paddings a model input are read at every invoke: SYMMETRIC 2/2, then
 * 1/3 (the same output size). */
static void test_paddings_change(void) {
  static const float in[3] = {1.0f, 2.0f, 3.0f};
  static const int32_t pads13[2] = {1, 3};
  static const float want[7] = {1, 1, 2, 3, 3, 2, 1};
  const mcase_t k = {F, 1, {3}, I32, 0, 1, {2, 2}, {7}, 1};
  const void *second[2];
  float out[7];
  int i;
  second[0] = in;
  second[1] = pads13;
  om_reinvoke_data = second;
  CHECK_EQ_INT(run(&k, in, out, sizeof out).status, MOTE_OK);
  om_reinvoke_data = NULL;
  for (i = 0; i < 7; ++i) {
    CHECK(out[i] == want[i]);
  }
}

/* Paddings a model input: checked at every invoke, so the same misfits
 * fail there (stage 3), naming the paddings and their values. */
static void test_input_paddings_misfit(void) {
  static const struct {
    mcase_t k;
    const char *text;
  } bad[] = {
      {{F, 1, {3}, I32, 0, 1, {3, 0}, {6}, 0},
       "paddings input 1 gives dim 0 (size 3) 3/0; REFLECT mirrors 0..2"},
      {{F, 1, {3}, I64, 0, 1, {-1, 1}, {3}, 1}, "-1/1"},
      {{F, 1, {3}, I32, 0, 1, {1, 1}, {6}, 0},
       "output 0 dim 0 is 6, input 0 + paddings input 1 (1/1) give 5"},
  };
  static const float in[3] = {1.0f, 2.0f, 3.0f};
  float out[7];
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    const om_run_t r = run(&bad[i].k, in, out, sizeof out);
    CHECK_EQ_INT(r.stage, 3);
    CHECK(om_refused_at(i, &r, MOTE_ERR_BAD_SHAPE, "MIRROR_PAD", bad[i].text));
  }
}

int main(void) {
  MOTE_RUN(test_row);
  MOTE_RUN(test_2d);
  MOTE_RUN(test_empty);
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_input_paddings_misfit);
  MOTE_RUN(test_paddings_change);
  return MOTE_TEST_END();
}
