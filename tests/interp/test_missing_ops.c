// SPDX-License-Identifier: Apache-2.0
/*
 * An init whose resolver lacks kernels names every missing operator kind
 * (first operator index, how many more), not only the first, and closes
 * with "...and N more" when they do not all fit the message buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "support.h"
#include "test.h"
#include "tflite_build.h"

typedef struct op_spec {
  int code;           /* builtin, 32 for custom */
  const char *custom; /* custom name or NULL */
} op_spec_t;

/* Each operator reads the input x[4] and writes an output of its own;
 * init looks at nothing but the operator codes. */
static uint8_t *build(const op_spec_t *ops, int n, size_t *len) {
  int32_t s[1] = {4};
  tfb_model_t *m = tfb_new();
  int32_t x, y[64];
  int i;
  x = tfb_add_tensor(m, "x", 0, s, 1, 0, NULL, NULL, 0, 0, false);
  for (i = 0; i < n && i < 64; ++i) {
    const int oc = tfb_add_opcode(m, ops[i].code, ops[i].custom, 1);
    y[i] = tfb_add_tensor(m, NULL, 0, s, 1, 0, NULL, NULL, 0, 0, false);
    tfb_add_op(m, oc, &x, 1, &y[i], 1, 0, NULL, NULL, 0);
  }
  tfb_set_io(m, &x, 1, y, n);
  return mote_test_tfb_finish(m, len);
}

/* Runs init on the model of `ops` with a resolver of RELU alone; the
 * status and message in *err. */
static mote_status_t init(const op_spec_t *ops, int n, mote_error_t *err) {
  static uint8_t mem[8192];
  mote_resolver_entry_t e[1];
  mote_resolver_t r;
  mote_arena_t arena;
  mote_interp_t in;
  mote_model_t model;
  size_t len = 0;
  uint8_t *bytes = build(ops, n, &len);
  mote_status_t st;
  memset(err, 0, sizeof *err);
  if (bytes == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  st = mote_model_open(&model, bytes, len, err);
  if (st == MOTE_OK) {
    mote_resolver_init(&r, e, 1);
    mote_resolver_add(&r, MOTE_OP_RELU, &mote_kernel_relu);
    mote_arena_init(&arena, mem, sizeof mem);
    st = mote_interp_init(&in, &model, &r, &arena, err);
  }
  free(bytes);
  return st;
}

static void test_every_kind_named(void) {
  static const op_spec_t ops[] = {{19, NULL},  {3, NULL}, {19, NULL},
                                  {32, "Foo"}, {3, NULL}, {3, NULL},
                                  {25, NULL}};
  mote_error_t err;
  CHECK_EQ_INT(init(ops, 7, &err), MOTE_ERR_UNSUPPORTED_OP);
  if (strcmp(err.message,
             "no kernel in the resolver for CONV_2D (builtin 3; op 1 and 2 "
             "more), custom op \"Foo\" (op 3), SOFTMAX (builtin 25; op "
             "6)") != 0) {
    fprintf(stderr, "got \"%s\"\n", err.message);
    CHECK(0);
  }
}

static void test_one_missing(void) {
  static const op_spec_t ops[] = {{19, NULL}, {32, "SignalPCAN"}};
  mote_error_t err;
  CHECK_EQ_INT(init(ops, 2, &err), MOTE_ERR_UNSUPPORTED_OP);
  CHECK(strcmp(err.message, "no kernel in the resolver for custom op "
                            "\"SignalPCAN\" (op 1)") == 0);
}

/* Twenty custom kinds do not fit 160 bytes: those that fit are named
 * whole, in operator order, and the rest counted. */
static void test_truncated_cleanly(void) {
  static char names[20][16];
  op_spec_t ops[21];
  mote_error_t err;
  const char *more;
  int i, named = 0, left = -1;
  ops[0].code = 19;
  ops[0].custom = NULL;
  for (i = 0; i < 20; ++i) {
    snprintf(names[i], sizeof names[i], "MyCustomOp%02d", i);
    ops[i + 1].code = 32;
    ops[i + 1].custom = names[i];
  }
  CHECK_EQ_INT(init(ops, 21, &err), MOTE_ERR_UNSUPPORTED_OP);
  CHECK(strlen(err.message) < sizeof err.message - 1);
  for (i = 0; i < 20; ++i) {
    char whole[48];
    snprintf(whole, sizeof whole, "custom op \"%s\" (op %d)", names[i], i + 1);
    if (strstr(err.message, whole) != NULL) {
      CHECK_EQ_INT(named, i); /* a prefix of the kinds, in order */
      named++;
    }
  }
  more = strstr(err.message, ", \xe2\x80\xa6"
                             "and ");
  CHECK(more != NULL);
  if (more != NULL) {
    CHECK_EQ_INT(sscanf(more + 9, "%d more", &left), 1);
    CHECK(strcmp(more + strlen(more) - 5, " more") == 0);
  }
  CHECK(named >= 3);
  CHECK_EQ_INT(named + left, 20);
}

/* Nothing missing: init succeeds. */
static void test_all_present_is_ok(void) {
  static const op_spec_t ops[] = {{19, NULL}, {19, NULL}};
  mote_error_t err;
  CHECK_EQ_INT(init(ops, 2, &err), MOTE_OK);
}

int main(void) {
  MOTE_RUN(test_every_kind_named);
  MOTE_RUN(test_one_missing);
  MOTE_RUN(test_truncated_cleanly);
  MOTE_RUN(test_all_present_is_ok);
  return MOTE_TEST_END();
}
