/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Regressions for hostile models.
 *
 * 1. Every file in tests/fuzz/regressions/ (inputs on which the fuzzer,
 *    tests/fuzz/fuzz_model.c, once found a crash, a sanitizer report or a
 *    hang) goes through the fuzzer's own steps: open, init, prepare, fill
 *    the inputs, invoke. Each step must give a known status, with a
 *    message when it fails. Under ASan and UBSan (./build.sh test) any
 *    relapse is a failure; without them the statuses are still checked.
 * 2. One-operator models for the overflow-prone shape and rescale
 *    arithmetic found by auditing the kernels' prepare functions: each must
 *    be refused with the named status, or run (quickly) when it is a valid
 *    if odd model.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kernels/op_model.h"
#include "support.h"
#include "test.h"

#define ARENA_BYTES (256u * 1024u)
#define MAX_FILES 256

static uint8_t *g_arena;

static uint32_t xorshift(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static int step_ok(mote_status_t st, const mote_error_t *err) {
  return st <= 0 && st >= MOTE_ERR_KERNEL &&
         (st == MOTE_OK || (err->status == st && err->message[0] != '\0'));
}

/* The fuzzer's steps (fuzz_model.c); 1 when every status is known. */
static int try_model(const uint8_t *bytes, size_t len) {
  mote_model_t model;
  mote_error_t err;
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_status_t st;
  uint32_t seed = 0x9E3779B9u;
  uint32_t i;
  memset(&err, 0, sizeof err);
  st = mote_model_open(&model, bytes, len, &err);
  if (st != MOTE_OK) {
    return step_ok(st, &err);
  }
  mote_resolver_init(&resolver, entries, MOTE_RESOLVER_BUILTINS);
  mote_resolver_add_builtins(&resolver);
  mote_arena_init(&arena, g_arena, ARENA_BYTES);
  st = mote_interp_init(&interp, &model, &resolver, &arena, &err);
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&interp, &err);
  }
  if (st != MOTE_OK) {
    return step_ok(st, &err);
  }
  for (i = 0; i < mote_interp_input_count(&interp); i++) {
    mote_tensor_t t;
    uint32_t k;
    if (mote_interp_input(&interp, i, &t) != MOTE_OK || t.data == NULL) {
      continue;
    }
    for (k = 0; k < t.bytes; k++) {
      ((uint8_t *)t.data)[k] = (uint8_t)xorshift(&seed);
    }
    if (t.type == MOTE_TYPE_FLOAT32) {
      for (k = 0; k + 4 <= t.bytes; k += 4) {
        float f = (float)(xorshift(&seed) >> 8) / 16777216.0f * 2.0f - 1.0f;
        memcpy((uint8_t *)t.data + k, &f, 4);
      }
    }
  }
  st = mote_interp_invoke(&interp, &err);
  return step_ok(st, &err);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_fuzz_regressions(void) {
  const char *dir = MOTE_SOURCE_DIR "/tests/fuzz/regressions";
  char *names[MAX_FILES];
  size_t n = 0, i;
  struct dirent *e;
  DIR *d = opendir(dir);
  CHECK(d != NULL);
  if (d == NULL) {
    return;
  }
  while ((e = readdir(d)) != NULL && n < MAX_FILES) {
    if (e->d_name[0] != '.') {
      names[n++] = strdup(e->d_name);
    }
  }
  closedir(d);
  qsort(names, n, sizeof names[0], by_name);
  CHECK(n > 0);
  for (i = 0; i < n; i++) {
    char path[1024];
    size_t len = 0;
    uint8_t *bytes;
    void *copy = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    bytes = mote_test_read_file(path, &len);
    CHECK(bytes != NULL);
    /* Exactly len bytes, 16-byte aligned, as the fuzzer hands them over. */
    if (bytes != NULL && posix_memalign(&copy, 16, len ? len : 1) == 0) {
      memcpy(copy, bytes, len);
      if (!try_model((const uint8_t *)copy, len)) {
        fprintf(stderr, "%s: unknown status or missing message\n", path);
        CHECK(0);
      }
      free(copy);
    }
    free(bytes);
    free(names[i]);
  }
  printf("  %lu fuzz regressions\n", (unsigned long)n);
}

/* --- audit cases: one-operator models --------------------------------- */

static const float kS_half = 0.5f, kS_big = 1e30f, kS_tiny = 1e-30f;
static const float kS_huge = 3e38f, kS_zero = 0.0f;
static const float kS_256 = 1.0f / 256, kS_32768 = 1.0f / 32768;
static const int64_t kZ0 = 0, kZm128 = -128;

static om_tensor_t f32(int rank, int32_t d0, int32_t d1, int32_t d2,
                       int32_t d3, const void *data, size_t bytes) {
  const int32_t dims[4] = {d0, d1, d2, d3};
  return om_q(MOTE_TYPE_FLOAT32, rank, dims, data, bytes, NULL, NULL);
}

static om_tensor_t q(int type, int rank, int32_t d0, int32_t d1,
                     const float *scale, const int64_t *zp, const void *data,
                     size_t bytes) {
  const int32_t dims[2] = {d0, d1};
  return om_q(type, rank, dims, data, bytes, scale, zp);
}

/* Runs the op and checks the status and that the message names `needle`
 * (NULL: no message check). */
static void expect(const char *what, int code, const om_tensor_t *ins,
                   int nin, const om_tensor_t *out, int opt_type,
                   const tfb_options_t *o, mote_status_t want,
                   const char *needle) {
  om_run_t r = om_run_op(code, 1, ins, nin, out, 1, opt_type, o, NULL, NULL,
                         NULL);
  int ok = r.status == want &&
           (needle == NULL || strstr(r.err.message, needle) != NULL);
  if (!ok) {
    fprintf(stderr, "%s: got %s \"%s\", want %s \"%s\"\n", what,
            mote_status_str(r.status), r.err.message, mote_status_str(want),
            needle != NULL ? needle : "");
  }
  CHECK(ok);
}

static void conv_opts(tfb_options_t *o, int padding, int32_t stride,
                      int32_t dilation, int dw) {
  tfb_options_init(o);
  tfb_opt_int(o, 0, TFB_INT8, padding);
  tfb_opt_i32(o, 1, stride);
  tfb_opt_i32(o, 2, stride);
  tfb_opt_i32(o, dw ? 5 : 4, dilation);
  tfb_opt_i32(o, dw ? 6 : 5, dilation);
}

static void test_window_geometry(void) {
  static const float w[18] = {0};
  tfb_options_t o;
  om_tensor_t in[2], out;
  /* CONV_2D over 0 input channels: grouping divided by in_c / filter_c. */
  in[0] = f32(4, 1, 4, 4, 0, NULL, 0);
  in[1] = f32(4, 2, 3, 3, 1, w, sizeof w);
  out = f32(4, 1, 4, 4, 2, NULL, 0);
  conv_opts(&o, 0, 1, 1, 0);
  expect("conv in_c 0", 3, in, 2, &out, TFB_OPTIONS_CONV_2D, &o,
         MOTE_ERR_BAD_SHAPE, "does not group");
  /* Strides and dilations near INT32_MAX overflowed the output size. */
  in[0] = f32(4, 1, 4, 4, 1, NULL, 0);
  in[1] = f32(4, 1, 1, 1, 1, w, 4);
  out = f32(4, 1, 1, 1, 1, NULL, 0);
  conv_opts(&o, 0, INT32_MAX, 1, 0);
  expect("conv stride", 3, in, 2, &out, TFB_OPTIONS_CONV_2D, &o,
         MOTE_ERR_BAD_SHAPE, "gives no output");
  in[1] = f32(4, 1, 3, 3, 1, w, 36);
  conv_opts(&o, 1, 1, INT32_MAX, 1);
  expect("depthwise dilation", 4, in, 2, &out, TFB_OPTIONS_DEPTHWISE_CONV_2D,
         &o, MOTE_ERR_BAD_SHAPE, "gives no output");
  /* A pooling filter near INT32_MAX overflowed padding and windows. */
  out = f32(4, 1, 4, 4, 1, NULL, 0);
  tfb_options_init(&o);
  tfb_opt_i32(&o, 1, 1);
  tfb_opt_i32(&o, 2, 1);
  tfb_opt_i32(&o, 3, INT32_MAX);
  tfb_opt_i32(&o, 4, INT32_MAX);
  expect("max pool filter", 17, in, 1, &out, TFB_OPTIONS_POOL_2D, &o,
         MOTE_ERR_BAD_SHAPE, "SAME padding gives 0x0");
}

static void test_rescale_range(void) {
  static const int8_t w[2] = {1, 1};
  static const int32_t axis[1] = {1};
  tfb_options_t o;
  om_tensor_t in[2], out;
  tfb_options_init(&o);
  /* A zero output scale divided by zero. */
  in[0] = q(MOTE_TYPE_INT8, 2, 1, 2, &kS_half, &kZ0, NULL, 0);
  in[1] = q(MOTE_TYPE_INT8, 2, 1, 2, &kS_half, &kZ0, w, 2);
  out = q(MOTE_TYPE_INT8, 2, 1, 1, &kS_zero, &kZ0, NULL, 0);
  expect("fc zero scale", 9, in, 2, &out, TFB_OPTIONS_FULLY_CONNECTED, &o,
         MOTE_ERR_UNSUPPORTED, "positive scale");
  /* Rescales of 2^200: left shifts past 31 in the requantizer. */
  in[0] = q(MOTE_TYPE_INT8, 2, 1, 2, &kS_big, &kZ0, NULL, 0);
  in[1] = q(MOTE_TYPE_INT8, 2, 1, 2, &kS_big, &kZ0, w, 2);
  out = q(MOTE_TYPE_INT8, 2, 1, 1, &kS_tiny, &kZ0, NULL, 0);
  expect("fc rescale", 9, in, 2, &out, TFB_OPTIONS_FULLY_CONNECTED, &o,
         MOTE_ERR_UNSUPPORTED, "too large");
  in[1] = q(MOTE_TYPE_INT8, 2, 1, 2, &kS_big, &kZ0, NULL, 0);
  out = q(MOTE_TYPE_INT8, 2, 1, 2, &kS_tiny, &kZ0, NULL, 0);
  expect("mul rescale", 18, in, 2, &out, 21, &o, MOTE_ERR_UNSUPPORTED,
         "too large");
  expect("quantize rescale", 114, in, 1, &out, 0, NULL, MOTE_ERR_UNSUPPORTED,
         "too large");
  in[1] = q(MOTE_TYPE_INT32, 1, 1, 0, NULL, NULL, axis, 4);
  out = q(MOTE_TYPE_INT8, 2, 1, 1, &kS_tiny, &kZ0, NULL, 0);
  expect("mean rescale", 40, in, 2, &out, 27, &o, MOTE_ERR_UNSUPPORTED,
         "too large");
  /* An infinite softmax beta reached a float-to-int conversion. */
  in[0] = q(MOTE_TYPE_INT16, 2, 1, 4, &kS_half, &kZ0, NULL, 0);
  out = q(MOTE_TYPE_INT16, 2, 1, 4, &kS_32768, &kZ0, NULL, 0);
  tfb_opt_f32(&o, 0, (float)HUGE_VAL);
  expect("softmax beta inf", 25, in, 1, &out, TFB_OPTIONS_SOFTMAX, &o,
         MOTE_ERR_UNSUPPORTED, "too large");
}

static void test_logistic_huge_input_scale(void) {
  /* The input radius divided by 1 << shift, with shift ~155: it must run
   * and saturate, as TFLite's arithmetic gives for shifts up to 62. */
  static const int8_t x[3] = {-1, 0, 1};
  const void *in_data[1] = {x};
  int8_t y[3] = {0, 0, 0};
  void *out_data[1] = {y};
  const size_t out_bytes[1] = {3};
  om_tensor_t in = q(MOTE_TYPE_INT8, 1, 3, 0, &kS_huge, &kZ0, NULL, 0);
  om_tensor_t out = q(MOTE_TYPE_INT8, 1, 3, 0, &kS_256, &kZm128, NULL, 0);
  om_run_t r = om_run_op(14, 2, &in, 1, &out, 1, 0, NULL, in_data, out_data,
                         out_bytes);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK_EQ_INT(y[0], -128);
  CHECK_EQ_INT(y[1], -128);
  CHECK_EQ_INT(y[2], 127);
}

static void test_empty_tensors(void) {
  static const int32_t pads[4] = {0, 0, 0, 0};
  static const int32_t perm[3] = {0, 2, 1};
  const int32_t pad_shape[2] = {2, 2};
  const int32_t perm_shape[1] = {3};
  tfb_options_t o;
  om_tensor_t in[2], out;
  /* A leading zero dim hid products past 2^31 from the verifier's
   * element count; TRANSPOSE's input strides then overflowed. */
  in[0] = f32(3, 0, 65536, 65536, 1, NULL, 0);
  in[1] = om_q(MOTE_TYPE_INT32, 1, perm_shape, perm, sizeof perm, NULL, NULL);
  expect("transpose [0,65536,65536]", 39, in, 2, &in[0], 0, NULL,
         MOTE_ERR_CORRUPT_MODEL, "counting zero dimensions");
  /* An axis sum of 2 x INT32_MAX overflowed int32. */
  in[0] = f32(2, 0, INT32_MAX, 1, 1, NULL, 0);
  in[1] = in[0];
  out = f32(2, 0, 2, 1, 1, NULL, 0);
  tfb_options_init(&o);
  tfb_opt_i32(&o, 0, 1);
  expect("concat axis sum", 2, in, 2, &out, TFB_OPTIONS_CONCATENATION, &o,
         MOTE_ERR_BAD_SHAPE, "inputs sum to 4294967294");
  /* Empty outputs over 2^30 rows or pixels used to walk all of them. */
  in[0] = f32(2, 1 << 30, 0, 1, 1, NULL, 0);
  in[1] = om_q(MOTE_TYPE_INT32, 2, pad_shape, pads, sizeof pads, NULL, NULL);
  expect("pad empty", 34, in, 2, &in[0], 0, NULL, MOTE_OK, NULL);
  in[0] = f32(4, 1, 32768, 32768, 0, NULL, 0);
  tfb_options_init(&o);
  tfb_opt_i32(&o, 1, 1);
  tfb_opt_i32(&o, 2, 1);
  tfb_opt_i32(&o, 3, 1);
  tfb_opt_i32(&o, 4, 1);
  expect("max pool empty", 17, in, 1, &in[0], TFB_OPTIONS_POOL_2D, &o,
         MOTE_OK, NULL);
  expect("average pool empty", 1, in, 1, &in[0], TFB_OPTIONS_POOL_2D, &o,
         MOTE_OK, NULL);
}

int main(void) {
  g_arena = (uint8_t *)malloc(ARENA_BYTES);
  MOTE_RUN(test_fuzz_regressions);
  MOTE_RUN(test_window_geometry);
  MOTE_RUN(test_rescale_range);
  MOTE_RUN(test_logistic_huge_input_scale);
  MOTE_RUN(test_empty_tensors);
  free(g_arena);
  return MOTE_TEST_END();
}
