// SPDX-License-Identifier: Apache-2.0
/*
 * CIRCULAR_BUFFER with a different input each invoke (the op table feeds
 * the same one, so it cannot see the order of the slots): the window
 * holds the last `slots` inputs oldest first, zeros before the first,
 * and mote_interp_reset_state() empties it. Then what prepare refuses:
 * a cycles_max other than 1 (or none), other types, mismatched shapes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "custom_run.h"
#include "mote/custom_ops.h"
#include "mote/mote.h"
#include "support.h"
#include "table/cases_gen.h"
#include "test.h"
#include "tflite_build.h"

enum { SLOTS = 4, DEPTH = 6 };

/* in [1, 1, 2, 3] -> out [1, slots, 2, 3] of `type`; cycles_max `cycles`
 * (0: no options). */
static uint8_t *build(int type, int slots, int in_w, int cycles, size_t *len) {
  static kt_case_t c;
  int32_t is[4] = {1, 1, 2, 3}, os[4] = {1, 0, 2, 3};
  tfb_model_t *m = tfb_new();
  int32_t x, y;
  int op;
  kt_flex_t f;
  is[2] = in_w;
  os[1] = slots;
  memset(&c, 0, sizeof c);
  f.n = 0;
  kt_flex_int(&f, "cycles_max", cycles);
  kt_flex_end(&c, &f);
  x = tfb_add_tensor(m, "x", type, is, 4, 0, NULL, NULL, 0, 0, false);
  y = tfb_add_tensor(m, "y", type, os, 4, 0, NULL, NULL, 0, 0, false);
  op = tfb_add_opcode(m, 32, "CIRCULAR_BUFFER", 1);
  tfb_add_op(m, op, &x, 1, &y, 1, 0, NULL, cycles > 0 ? c.custom_options : NULL,
             cycles > 0 ? c.ncustom : 0);
  tfb_set_io(m, &x, 1, &y, 1);
  return mote_test_tfb_finish(m, len);
}

/* Invoke with input filled with `v`, then check slot s holds the value
 * of the invoke `want[s]` steps ago as given (0: never written). */
static void step(custom_run_t *x, int8_t v, const int8_t *want) {
  mote_tensor_t t;
  int s, i;
  CHECK_EQ_INT(mote_interp_input(&x->in, 0, &t), MOTE_OK);
  memset(t.data, v, DEPTH);
  CHECK_EQ_INT(mote_interp_invoke(&x->in, &x->err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(&x->in, 0, &t), MOTE_OK);
  CHECK_EQ_INT(t.bytes, SLOTS * DEPTH);
  for (s = 0; s < SLOTS; ++s) {
    for (i = 0; i < DEPTH; ++i) {
      CHECK_EQ_INT(((const int8_t *)t.data)[s * DEPTH + i], want[s]);
    }
  }
}

static void test_window_order_and_reset(void) {
  static custom_run_t x;
  static const int8_t w1[SLOTS] = {0, 0, 0, 11};
  static const int8_t w2[SLOTS] = {0, 0, 11, -22};
  static const int8_t w5[SLOTS] = {-22, 33, -44, 55};
  static const int8_t w6[SLOTS] = {33, -44, 55, 66};
  static const int8_t r1[SLOTS] = {0, 0, 0, 7};
  size_t len = 0;
  uint8_t *bytes = build(9, SLOTS, 2, 1, &len);
  if (bytes == NULL || custom_start(&x, bytes, len) != MOTE_OK) {
    fprintf(stderr, "start: %s\n", x.err.message);
    CHECK(0);
    free(bytes);
    return;
  }
  step(&x, 11, w1);
  step(&x, -22, w2);
  {
    mote_tensor_t t;
    CHECK_EQ_INT(mote_interp_input(&x.in, 0, &t), MOTE_OK);
    memset(t.data, 33, DEPTH);
    CHECK_EQ_INT(mote_interp_invoke(&x.in, &x.err), MOTE_OK);
    memset(t.data, -44, DEPTH);
    CHECK_EQ_INT(mote_interp_invoke(&x.in, &x.err), MOTE_OK);
  }
  step(&x, 55, w5);
  step(&x, 66, w6);
  CHECK_EQ_INT(mote_interp_reset_state(&x.in), MOTE_OK);
  step(&x, 7, r1);
  free(bytes);
}

static void expect_refused(int type, int slots, int in_w, int cycles,
                           mote_status_t status, const char *what) {
  size_t len = 0;
  uint8_t *bytes = build(type, slots, in_w, cycles, &len);
  custom_expect_refused(bytes, len, status, what);
}

static void test_refusals(void) {
  expect_refused(9, SLOTS, 2, 2, MOTE_ERR_UNSUPPORTED, "'cycles_max'");
  expect_refused(9, SLOTS, 2, 0, MOTE_ERR_CORRUPT_MODEL,
                 "custom options are missing");
  expect_refused(7, SLOTS, 2, 1, MOTE_ERR_UNSUPPORTED_TYPE, "input 0");
  expect_refused(9, SLOTS, 1, 1, MOTE_ERR_BAD_SHAPE, "[1, slots, w, d]");
}

int main(void) {
  MOTE_RUN(test_window_order_and_reset);
  MOTE_RUN(test_refusals);
  return MOTE_TEST_END();
}
