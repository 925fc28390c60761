/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Verifier tests: a model built by our writer opens and runs, and each
 * targeted defect is rejected with the right status and a message that
 * names where it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/tflite.h"
#include "test.h"
#include "support.h"
#include "tflite_build.h"

/* What to break in the base model. */
typedef enum {
  DEFECT_NONE,
  DEFECT_TENSOR_BUFFER_RANGE,
  DEFECT_OPCODE_INDEX,
  DEFECT_OP_INPUT_RANGE,
  DEFECT_BUFFER_SIZE,
  DEFECT_PER_CHANNEL_COUNT,
  DEFECT_OUTPUT_CONSTANT,
  DEFECT_EXTERNAL_BUFFER,
  DEFECT_CUSTOM_NO_NAME,
  DEFECT_NEGATIVE_DIM,
  DEFECT_RANK_TOO_HIGH,
  DEFECT_ZERO_POINT_COUNT,
  DEFECT_ZERO_POINT_RANGE
} defect_t;

/* A one-op float FULLY_CONNECTED model: y[1,2] = x[1,3] W^T + b. */
static uint8_t *build(defect_t d, size_t *len) {
  static const float w[6] = {1, 2, 3, 4, 5, 6};
  static const float b[2] = {0.5f, -0.5f};
  int32_t xs[2] = {1, 3}, ws[2] = {2, 3}, bs[1] = {2}, ys[2] = {1, 2};
  int32_t big[7] = {1, 1, 1, 1, 1, 1, 1};
  float scales[2] = {0.5f, 0.25f};
  int64_t zps[2] = {0, 0};
  tfb_model_t *m = tfb_new();
  int wb, bb, x, wt, bt, y, oc;
  int32_t ins[3], outs[1];
  uint8_t *out = NULL;
  wb = tfb_add_buffer(m, w, sizeof w);
  bb = tfb_add_buffer(m, b, d == DEFECT_BUFFER_SIZE ? 4 : sizeof b);
  if (d == DEFECT_EXTERNAL_BUFFER) {
    tfb_set_buffer_external(m, bb, 0x7FFFFFF0u, 8);
  }
  if (d == DEFECT_NEGATIVE_DIM) {
    xs[1] = -3;
  }
  {
    const float xscale = 0.5f;
    const int64_t xzp = 300; /* outside int8 */
    int bad_zp = d == DEFECT_ZERO_POINT_RANGE;
    x = tfb_add_tensor(m, "x", bad_zp ? 9 : 0, xs, d == DEFECT_RANK_TOO_HIGH ? 0 : 2,
                       0, bad_zp ? &xscale : NULL, bad_zp ? &xzp : NULL,
                       bad_zp ? 1 : 0, 0, false);
  }
  if (d == DEFECT_RANK_TOO_HIGH) {
    x = tfb_add_tensor(m, "x7", 0, big, 7, 0, NULL, NULL, 0, 0, false);
  }
  wt = tfb_add_tensor(m, "w", 0, ws, 2, d == DEFECT_TENSOR_BUFFER_RANGE ? 99 : wb,
                      d == DEFECT_PER_CHANNEL_COUNT ? scales : NULL,
                      d == DEFECT_PER_CHANNEL_COUNT ? zps : NULL,
                      d == DEFECT_PER_CHANNEL_COUNT ? 2 : 0,
                      d == DEFECT_PER_CHANNEL_COUNT ? 1 : 0, false);
  bt = tfb_add_tensor(m, "b", 0, bs, 1, bb, NULL, NULL, 0, 0, false);
  if (d == DEFECT_OUTPUT_CONSTANT) {
    ys[0] = 2; /* match the buffer's size: the role is the defect */
    ys[1] = 3;
  }
  y = tfb_add_tensor(m, "y", 0, ys, 2, d == DEFECT_OUTPUT_CONSTANT ? wb : 0,
                     d == DEFECT_ZERO_POINT_COUNT ? scales : NULL,
                     d == DEFECT_ZERO_POINT_COUNT ? zps : NULL,
                     d == DEFECT_ZERO_POINT_COUNT ? 1 : 0, 0, false);
  oc = tfb_add_opcode(m, d == DEFECT_CUSTOM_NO_NAME ? 32 : 9, NULL, 1);
  ins[0] = x;
  ins[1] = wt;
  ins[2] = d == DEFECT_OP_INPUT_RANGE ? 42 : bt;
  outs[0] = y;
  tfb_add_op(m, d == DEFECT_OPCODE_INDEX ? 5 : oc, ins, 3, outs, 1,
             TFB_OPTIONS_FULLY_CONNECTED, NULL, NULL, 0);
  tfb_set_io(m, &x, 1, &y, 1);
  if (tfb_finish(m, &out, len) != 0) {
    fprintf(stderr, "builder: %s\n", tfb_error(m));
  }
  tfb_free(m);
  return out;
}

static void expect(defect_t d, mote_status_t want, const char *needle) {
  size_t len = 0;
  uint8_t *bytes = build(d, &len);
  mote_model_t model;
  mote_error_t err;
  mote_status_t st;
  memset(&err, 0, sizeof err);
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  st = mote_model_open(&model, bytes, len, &err);
  if (st != want || (needle != NULL && strstr(err.message, needle) == NULL)) {
    fprintf(stderr, "defect %d: got %s \"%s\", want %s with \"%s\"\n", (int)d,
            mote_status_str(st), err.message, mote_status_str(want),
            needle ? needle : "");
  }
  CHECK_EQ_INT(st, want);
  if (needle != NULL) {
    CHECK(strstr(err.message, needle) != NULL);
  }
  free(bytes);
}

static void test_base_model_opens_and_runs(void) {
  size_t len = 0;
  uint8_t *bytes = build(DEFECT_NONE, &len);
  mote_model_t model;
  mote_error_t err;
  mote_resolver_entry_t e[2];
  mote_resolver_t r;
  static uint8_t arena_mem[4096];
  mote_arena_t arena;
  mote_interp_t in;
  mote_tensor_t x, y;
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, &err), MOTE_OK);
  CHECK_EQ_INT(mote_model_op_count(&model, 0), 1);
  CHECK_EQ_INT(mote_model_tensor_count(&model, 0), 4);
  mote_resolver_init(&r, e, 2);
  CHECK_EQ_INT(mote_resolver_add(&r, MOTE_OP_FULLY_CONNECTED, &mote_kernel_fully_connected), MOTE_OK);
  mote_arena_init(&arena, arena_mem, sizeof arena_mem);
  CHECK_EQ_INT(mote_interp_init(&in, &model, &r, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_input(&in, 0, &x), MOTE_OK);
  ((float *)x.data)[0] = 1.0f;
  ((float *)x.data)[1] = 1.0f;
  ((float *)x.data)[2] = 1.0f;
  CHECK_EQ_INT(mote_interp_invoke(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(&in, 0, &y), MOTE_OK);
  CHECK_NEAR(((float *)y.data)[0], 6.5, 1e-6);
  CHECK_NEAR(((float *)y.data)[1], 14.5, 1e-6);
  free(bytes);
}

static void test_defects_are_named(void) {
  expect(DEFECT_TENSOR_BUFFER_RANGE, MOTE_ERR_CORRUPT_MODEL, "tensor 1: buffer index 99");
  expect(DEFECT_OPCODE_INDEX, MOTE_ERR_CORRUPT_MODEL, "operator 0: opcode_index 5");
  expect(DEFECT_OP_INPUT_RANGE, MOTE_ERR_CORRUPT_MODEL, "tensor index 42");
  expect(DEFECT_BUFFER_SIZE, MOTE_ERR_CORRUPT_MODEL, "tensor 2: buffer 2 holds 4 bytes");
  expect(DEFECT_PER_CHANNEL_COUNT, MOTE_ERR_CORRUPT_MODEL, "tensor 1: 2 per-channel scales");
  expect(DEFECT_OUTPUT_CONSTANT, MOTE_ERR_CORRUPT_MODEL, "output 0 is constant tensor 3");
  expect(DEFECT_EXTERNAL_BUFFER, MOTE_ERR_CORRUPT_MODEL, "buffer 2: external data");
  expect(DEFECT_CUSTOM_NO_NAME, MOTE_ERR_CORRUPT_MODEL, "CUSTOM without a custom_code");
  expect(DEFECT_NEGATIVE_DIM, MOTE_ERR_CORRUPT_MODEL, "tensor 0: dimension 1 is negative");
  expect(DEFECT_RANK_TOO_HIGH, MOTE_ERR_UNSUPPORTED, "rank 7");
  expect(DEFECT_ZERO_POINT_RANGE, MOTE_ERR_CORRUPT_MODEL,
         "tensor 0: zero point 0 does not fit type int8");
}

static void test_header_checks(void) {
  size_t len = 0;
  uint8_t *bytes = build(DEFECT_NONE, &len);
  mote_model_t model;
  mote_error_t err;
  memset(&err, 0, sizeof err);
  CHECK_EQ_INT(mote_model_open(&model, bytes, 4, &err), MOTE_ERR_CORRUPT_MODEL);
  bytes[4] = 'X';
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, &err), MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "TFL3") != NULL);
  bytes[4] = 'T';
  CHECK_EQ_INT(mote_model_open(&model, bytes + 1, len - 1, &err), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_open(NULL, bytes, len, &err), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, NULL), MOTE_OK);
  free(bytes);
}

static void test_schema_version_checked(void) {
  size_t len = 0;
  uint8_t *bytes = build(DEFECT_NONE, &len);
  mote_model_t model;
  mote_error_t err;
  mote_fb_t fb;
  uint32_t at;
  fb.p = bytes;
  fb.n = (uint32_t)len;
  at = mote_fb_field(&fb, mote_fb_u32(&fb, 0), MOTE_MODEL_VERSION);
  CHECK(at != 0);
  if (at != 0) {
    bytes[at] = 2;
    CHECK_EQ_INT(mote_model_open(&model, bytes, len, &err), MOTE_ERR_UNSUPPORTED);
    CHECK(strstr(err.message, "schema version 2") != NULL);
  }
  free(bytes);
}

static void test_shared_models_verify(void) {
  static const char *names[] = {"hello_world_int8", "person_detect",
                                "mobilenet_v2_int8_224", "micro_speech_lstm",
                                "audio_preprocessor_int8", "keyword_scrambled"};
  size_t i;
  for (i = 0; i < sizeof names / sizeof names[0]; i++) {
    char path[1024];
    size_t len = 0;
    uint8_t *bytes;
    mote_model_t model;
    mote_error_t err;
    snprintf(path, sizeof path, "%s/%s.tflite", mote_test_models_dir(), names[i]);
    bytes = mote_test_read_file(path, &len);
    if (bytes == NULL) {
      CHECK(!mote_test_under_ci());
      continue;
    }
    CHECK_EQ_INT(mote_model_open(&model, bytes, len, &err), MOTE_OK);
    free(bytes);
  }
}

int main(void) {
  MOTE_RUN(test_base_model_opens_and_runs);
  MOTE_RUN(test_defects_are_named);
  MOTE_RUN(test_header_checks);
  MOTE_RUN(test_schema_version_checked);
  MOTE_RUN(test_shared_models_verify);
  return MOTE_TEST_END();
}
