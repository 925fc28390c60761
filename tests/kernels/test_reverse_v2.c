/* SPDX-License-Identifier: Apache-2.0 */
/*
 * REVERSE_V2 through the interpreter (op_model.h): a [2, 3] reversed along
 * each axis, both, and a negative axis, worked out by hand, with the axes
 * constant or a model input (read at invoke, where axes out of range or
 * not contiguous fail); and the refusals, each naming the op and the
 * tensor. The drawn cases
 * (seven types) are checked against TFLM by the op table.
 */
#include <stdint.h>

#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

typedef struct rcase {
  int type, rank;
  int32_t in[3];
  int atype, aconst, na;
  int32_t axes[3];
  int32_t out[3];
} rcase_t;

static om_run_t run(const rcase_t *k, const void *in, void *out, size_t bytes) {
  int32_t ashape[1];
  om_tensor_t ins[2];
  const void *data[2];
  ashape[0] = k->na;
  ins[0] = om_q(k->type, k->rank, k->in, NULL, 0, NULL, NULL);
  ins[1] =
      om_q(k->atype, 1, ashape, k->aconst ? k->axes : NULL,
           (size_t)k->na * mote_type_size((mote_type_t)k->atype), NULL, NULL);
  data[0] = in;
  data[1] = k->axes;
  return om_run_one(MOTE_OP_REVERSE_V2, ins, 2,
                    om_q(k->type, k->rank, k->out, NULL, 0, NULL, NULL), 81,
                    NULL, data, out, bytes);
}

#define F MOTE_TYPE_FLOAT32
#define I32 MOTE_TYPE_INT32

static void test_values(void) {
  static const float in[6] = {1, 2, 3, 4, 5, 6};
  static const struct {
    int na;
    int32_t axes[2];
    float want[6];
  } cases[] = {
      {1, {1, 0}, {3, 2, 1, 6, 5, 4}},
      {1, {0, 0}, {4, 5, 6, 1, 2, 3}},
      {2, {1, 0}, {6, 5, 4, 3, 2, 1}},
      {1, {-1, 0}, {3, 2, 1, 6, 5, 4}},
  };
  size_t i, c;
  int j;
  /* Each case with constant axes, then with the axes a model input. */
  for (i = 0; i < 2 * sizeof cases / sizeof cases[0]; ++i) {
    rcase_t k = {F, 2, {2, 3}, I32, 1, 0, {0, 0, 0}, {2, 3}};
    float out[6];
    c = i / 2;
    k.aconst = i % 2 == 0;
    k.na = cases[c].na;
    k.axes[0] = cases[c].axes[0];
    k.axes[1] = cases[c].axes[1];
    CHECK_EQ_INT(run(&k, in, out, sizeof out).status, MOTE_OK);
    for (j = 0; j < 6; ++j) {
      CHECK(out[j] == cases[c].want[j]);
    }
  }
}

static void test_refusals(void) {
  static const struct {
    rcase_t k;
    mote_status_t st;
    const char *text;
  } bad[] = {
      {{F, 3, {2, 2, 2}, I32, 1, 2, {0, 2, 0}, {2, 2, 2}},
       MOTE_ERR_UNSUPPORTED,
       "axis input 1: the 2 axes in 0..2 are not contiguous"},
      {{F, 2, {2, 2}, I32, 1, 2, {1, -1, 0}, {2, 2}},
       MOTE_ERR_UNSUPPORTED,
       "not contiguous and distinct"},
      {{F, 2, {2, 2}, I32, 1, 1, {2, 0, 0}, {2, 2}},
       MOTE_ERR_BAD_SHAPE,
       "axis input 1"},
      {{F, 2, {2, 2}, MOTE_TYPE_INT16, 1, 1, {1, 0, 0}, {2, 2}},
       MOTE_ERR_UNSUPPORTED_TYPE,
       "axis input 1"},
      {{MOTE_TYPE_FLOAT16, 2, {2, 2}, I32, 1, 1, {1, 0, 0}, {2, 2}},
       MOTE_ERR_UNSUPPORTED_TYPE,
       "input 0 (tensor 0)"},
      {{F, 2, {2, 2}, I32, 1, 1, {1, 0, 0}, {2, 3}},
       MOTE_ERR_BAD_SHAPE,
       "output 0 (tensor 2) is not input 0's shape"},
      /* No axes (TFLM would read before its axis array), constant or
       * not. */
      {{F, 2, {2, 2}, I32, 1, 0, {0, 0, 0}, {2, 2}},
       MOTE_ERR_UNSUPPORTED,
       "axis input 1 (tensor 1) holds no axis"},
      {{F, 2, {2, 2}, I32, 0, 0, {0, 0, 0}, {2, 2}},
       MOTE_ERR_UNSUPPORTED,
       "axis input 1 (tensor 1) holds no axis"},
  };
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    const om_run_t r = run(&bad[i].k, NULL, NULL, 0);
    CHECK(om_refused_at(i, &r, bad[i].st, "REVERSE_V2", bad[i].text));
  }
}

/* Axes a model input are read at every invoke: axis 0, then axis 1. */
static void test_axes_change(void) {
  static const float in[6] = {1, 2, 3, 4, 5, 6};
  static const int32_t axis1[1] = {1};
  const void *second[2];
  const rcase_t k = {F, 2, {2, 3}, I32, 0, 1, {0, 0, 0}, {2, 3}};
  float out[6];
  second[0] = in;
  second[1] = axis1;
  om_reinvoke_data = second;
  CHECK_EQ_INT(run(&k, in, out, sizeof out).status, MOTE_OK);
  om_reinvoke_data = NULL;
  CHECK(out[0] == 3 && out[1] == 2 && out[2] == 1 && out[3] == 6);
}

/* Axes a model input: checked at every invoke (stage 3). */
static void test_input_axes_misfit(void) {
  static const struct {
    rcase_t k;
    mote_status_t st;
    const char *text;
  } bad[] = {
      {{F, 2, {2, 3}, I32, 0, 1, {2, 0, 0}, {2, 3}},
       MOTE_ERR_BAD_SHAPE,
       "axis input 1 value 2 is outside [-2, 2)"},
      {{F, 2, {2, 3}, I32, 0, 1, {-3, 0, 0}, {2, 3}},
       MOTE_ERR_BAD_SHAPE,
       "axis input 1 value -3 is outside [-2, 2)"},
      {{F, 2, {2, 3}, I32, 0, 2, {1, -1, 0}, {2, 3}},
       MOTE_ERR_UNSUPPORTED,
       "the 2 axes in 1..1 are not contiguous and distinct"},
  };
  static const float in[6] = {1, 2, 3, 4, 5, 6};
  float out[6];
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    const om_run_t r = run(&bad[i].k, in, out, sizeof out);
    CHECK_EQ_INT(r.stage, 3);
    CHECK(om_refused_at(i, &r, bad[i].st, "REVERSE_V2", bad[i].text));
  }
}

int main(void) {
  MOTE_RUN(test_values);
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_input_axes_misfit);
  MOTE_RUN(test_axes_change);
  return MOTE_TEST_END();
}
