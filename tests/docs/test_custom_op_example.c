/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The custom operator of docs/migrating-from-tflm.md ("Custom operators"),
 * run: its two kernel functions are copied here as the guide shows them
 * (keep the two in step), registered under "TimesTwo" on a model built in
 * the test (input[1,4] float32 -TimesTwo-> output[1,4]), and invoked. The
 * output must be twice the input, and an int8 input must fail prepare with
 * the guide's message. test_in_step checks that every line between the
 * markers below is in the guide, so the copy cannot drift.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "support.h"
#include "test.h"
#include "tflite_build.h"

/* ---- as in docs/migrating-from-tflm.md ---- */
static mote_status_t times_two_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in;
  int32_t *count;
  mote_status_t s = mote_kctx_input(ctx, 0, &in);
  if (s != MOTE_OK) return s;
  if (in.type != MOTE_TYPE_FLOAT32)
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE, "input is %s, expected float32",
                          mote_type_name((mote_type_t)in.type));
  /* What invoke needs, kept in persistent arena memory (TFLM's op data). */
  s = mote_kctx_alloc_persistent(ctx, sizeof *count, (void **)&count);
  if (s != MOTE_OK) return s;
  *count = mote_tensor_elements(&in);
  mote_kctx_set_user_data(ctx, count);
  return MOTE_OK;
}

static mote_status_t times_two_invoke(mote_kctx_t *ctx) {
  const int32_t *count = (const int32_t *)mote_kctx_user_data(ctx);
  const float *x = (const float *)mote_kctx_input_data(ctx, 0);
  float *y = (float *)mote_kctx_output_data(ctx, 0);
  int32_t i;
  for (i = 0; i < *count; i++) y[i] = 2.0f * x[i];
  return MOTE_OK;
}

static const mote_kernel_t times_two = {"TimesTwo", 1, times_two_prepare, times_two_invoke};
/* ---- end of the guide's code ---- */

#define ARENA_BYTES 4096u

static void *g_arena; /* 16-byte aligned, from main */

/* input[1,4] -TimesTwo-> output[1,4], both of `type`. */
static uint8_t *build_model(int type, size_t *len) {
  int32_t shape[2] = {1, 4};
  int32_t in_io[1] = {0}, out_io[1] = {1};
  float scale = 0.5f;
  int64_t zero_point = 0;
  int quant = type == MOTE_TYPE_FLOAT32 ? 0 : 1;
  tfb_model_t *m = tfb_new();
  int op;
  tfb_add_tensor(m, "input", type, shape, 2, 0, &scale, &zero_point, quant, 0, false);
  tfb_add_tensor(m, "output", type, shape, 2, 0, &scale, &zero_point, quant, 0, false);
  op = tfb_add_opcode(m, MOTE_OP_CUSTOM, "TimesTwo", 1);
  tfb_add_op(m, op, in_io, 1, out_io, 1, 0, NULL, NULL, 0);
  tfb_set_io(m, in_io, 1, out_io, 1);
  return mote_test_tfb_finish(m, len);
}

typedef struct run {
  uint8_t *bytes;
  mote_model_t model;
  mote_resolver_entry_t entries[1];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_error_t err;
} run_t;

/* Builds, opens, registers the guide's kernel, initialises and prepares;
 * returns prepare's status (or MOTE_ERR_BAD_ARG when a step before it
 * failed). */
static mote_status_t run_prepare(run_t *r, int type) {
  size_t len = 0;
  memset(r, 0, sizeof *r);
  r->bytes = build_model(type, &len);
  if (r->bytes == NULL ||
      mote_model_open(&r->model, r->bytes, len, &r->err) != MOTE_OK ||
      mote_resolver_init(&r->resolver, r->entries, 1) != MOTE_OK ||
      mote_resolver_add_custom(&r->resolver, "TimesTwo", &times_two) != MOTE_OK ||
      mote_arena_init(&r->arena, g_arena, ARENA_BYTES) != MOTE_OK ||
      mote_interp_init(&r->interp, &r->model, &r->resolver, &r->arena, &r->err) !=
          MOTE_OK) {
    fprintf(stderr, "setup failed: %s\n", r->err.message);
    return MOTE_ERR_BAD_ARG;
  }
  return mote_interp_prepare(&r->interp, &r->err);
}

static void test_times_two(void) {
  const float x[4] = {1.0f, -2.5f, 0.0f, 3.25f};
  mote_tensor_t in, out;
  run_t r;
  int i;
  CHECK_EQ_INT(run_prepare(&r, MOTE_TYPE_FLOAT32), MOTE_OK);
  CHECK_EQ_INT(mote_interp_input(&r.interp, 0, &in), MOTE_OK);
  memcpy(in.data, x, sizeof x);
  CHECK_EQ_INT(mote_interp_invoke(&r.interp, &r.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(&r.interp, 0, &out), MOTE_OK);
  for (i = 0; i < 4; i++) {
    CHECK(((const float *)out.data)[i] == 2.0f * x[i]);
  }
  free(r.bytes);
}

static void test_wrong_type(void) {
  run_t r;
  CHECK_EQ_INT(run_prepare(&r, MOTE_TYPE_INT8), MOTE_ERR_UNSUPPORTED_TYPE);
  CHECK(strstr(r.err.message, "input is int8, expected float32") != NULL);
  free(r.bytes);
}

/* The whole of `path` as a NUL-terminated string (free() it), or NULL.
 * mote_test_read_file's buffer has room for the NUL. */
static char *read_text(const char *path) {
  size_t len = 0;
  char *text = (char *)mote_test_read_file(path, &len);
  if (text != NULL) {
    text[len] = '\0';
  }
  return text;
}

static void test_in_step(void) {
  char *guide = read_text(MOTE_SOURCE_DIR "/docs/migrating-from-tflm.md");
  char *self = read_text(__FILE__);
  char *line, *begin, *end;
  int lines = 0;
  CHECK(guide != NULL && self != NULL);
  if (guide == NULL || self == NULL) {
    free(guide);
    free(self);
    return;
  }
  begin = strstr(self, "---- as in docs/migrating-from-tflm.md ---- */\n");
  end = begin ? strstr(begin, "/* ---- end of the guide's code") : NULL;
  CHECK(begin != NULL && end != NULL);
  if (begin != NULL && end != NULL) {
    *end = '\0';
    for (line = strtok(strchr(begin, '\n') + 1, "\n"); line; line = strtok(NULL, "\n")) {
      lines++;
      if (strstr(guide, line) == NULL) {
        fprintf(stderr, "not in docs/migrating-from-tflm.md: %s\n", line);
        CHECK(0);
      }
    }
    CHECK(lines > 20);
  }
  free(guide);
  free(self);
}

int main(void) {
  if (posix_memalign(&g_arena, 16, ARENA_BYTES) != 0) {
    return 1;
  }
  MOTE_RUN(test_times_two);
  MOTE_RUN(test_wrong_type);
  MOTE_RUN(test_in_step);
  free(g_arena);
  return MOTE_TEST_END();
}
