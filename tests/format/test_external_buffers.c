/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Buffers stored outside the flatbuffer (Buffer.offset / Buffer.size, as
 * the converter writes models over 2 GiB): the bytes follow the flatbuffer
 * in the same file and the offset counts from the file's first byte.
 *
 * The model is built in two passes. The first, with a placeholder offset,
 * gives the flatbuffer's length; the offset field stays present in the
 * second, so setting it to that length (rounded up to 16, the alignment
 * TFLite gives constant data) does not move anything. The weights are then
 * appended at the offset.
 */
#define _POSIX_C_SOURCE 200809L /* posix_memalign */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "test.h"
#include "tflite_build.h"

static const float kW[6] = {1, 2, 3, 4, 5, 6}; /* [2, 3] */
static const float kB[2] = {0.5f, -0.5f};

/* A float FULLY_CONNECTED y[1,2] = x[1,3] W^T + b whose weights are
 * external at `offset`, `size` bytes. Returns the flatbuffer alone. */
static uint8_t *build(uint64_t offset, uint64_t size, size_t *len) {
  int32_t xs[2] = {1, 3}, ws[2] = {2, 3}, bs[1] = {2}, ys[2] = {1, 2};
  tfb_model_t *m = tfb_new();
  uint8_t *out = NULL;
  int32_t ins[3], outs[1];
  int wb, bb, x, y, fc;
  wb = tfb_add_buffer(m, NULL, 0);
  tfb_set_buffer_external(m, wb, offset, size);
  bb = tfb_add_buffer(m, kB, sizeof kB);
  x = tfb_add_tensor(m, "x", 0, xs, 2, 0, NULL, NULL, 0, 0, false);
  ins[1] = tfb_add_tensor(m, "w", 0, ws, 2, wb, NULL, NULL, 0, 0, false);
  ins[2] = tfb_add_tensor(m, "b", 0, bs, 1, bb, NULL, NULL, 0, 0, false);
  y = tfb_add_tensor(m, "y", 0, ys, 2, 0, NULL, NULL, 0, 0, false);
  fc = tfb_add_opcode(m, 9, NULL, 1);
  ins[0] = x;
  outs[0] = y;
  tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, NULL,
             NULL, 0);
  tfb_set_io(m, &x, 1, &y, 1);
  if (tfb_finish(m, &out, len) != 0) {
    fprintf(stderr, "builder: %s\n", tfb_error(m));
  }
  tfb_free(m);
  return out;
}

/* The whole file: the flatbuffer with the weights at `offset`, `total`
 * bytes long (16-byte aligned; free() it). NULL when the offset of the
 * second pass moved the flatbuffer. */
static uint8_t *build_file(uint64_t offset, uint64_t size, size_t fb_len,
                           size_t total) {
  size_t len = 0;
  uint8_t *fb = build(offset, size, &len);
  void *mem = NULL;
  uint8_t *file;
  CHECK(fb != NULL);
  CHECK_EQ_INT(len, fb_len);
  if (fb == NULL || len != fb_len ||
      posix_memalign(&mem, 16, total) != 0) {
    free(fb);
    return NULL;
  }
  file = (uint8_t *)mem;
  memset(file, 0, total);
  memcpy(file, fb, len);
  if (offset + sizeof kW <= total) {
    memcpy(file + offset, kW, sizeof kW);
  }
  free(fb);
  return file;
}

/* Length of the flatbuffer (from a pass with a placeholder offset) and
 * the 16-byte aligned offset after it. */
static size_t external_offset(size_t *fb_len) {
  uint8_t *fb = build(0x7FFFFFF0u, sizeof kW, fb_len);
  CHECK(fb != NULL);
  free(fb);
  return (*fb_len + 15u) & ~(size_t)15u;
}

static void test_external_weights_run(void) {
  size_t fb_len = 0;
  const size_t off = external_offset(&fb_len);
  const size_t total = off + sizeof kW;
  uint8_t *file = build_file(off, sizeof kW, fb_len, total);
  static uint8_t arena_mem[4096];
  mote_resolver_entry_t e[1];
  mote_resolver_t r;
  mote_arena_t arena;
  mote_interp_t in;
  mote_model_t model;
  mote_error_t err;
  mote_tensor_t w, x, y;
  if (file == NULL) {
    return;
  }
  memset(&err, 0, sizeof err);
  CHECK_EQ_INT(mote_model_open(&model, file, total, &err), MOTE_OK);
  if (err.message[0] != '\0') {
    fprintf(stderr, "open: %s\n", err.message);
  }
  /* The weights tensor points at the appended bytes, not a copy. */
  CHECK_EQ_INT(mote_model_tensor(&model, 0, 1, &w), MOTE_OK);
  CHECK(w.data == (void *)(file + off));
  CHECK_EQ_INT(w.bytes, sizeof kW);
  mote_resolver_init(&r, e, 1);
  mote_resolver_add(&r, MOTE_OP_FULLY_CONNECTED, &mote_kernel_fully_connected);
  mote_arena_init(&arena, arena_mem, sizeof arena_mem);
  CHECK_EQ_INT(mote_interp_init(&in, &model, &r, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_input(&in, 0, &x), MOTE_OK);
  ((float *)x.data)[0] = 1.0f;
  ((float *)x.data)[1] = -2.0f;
  ((float *)x.data)[2] = 0.5f;
  CHECK_EQ_INT(mote_interp_invoke(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(&in, 0, &y), MOTE_OK);
  /* 1 - 4 + 1.5 + 0.5 and 4 - 10 + 3 - 0.5, exact in float. */
  CHECK_NEAR(((const float *)y.data)[0], -1.0, 0.0);
  CHECK_NEAR(((const float *)y.data)[1], -3.5, 0.0);
  free(file);
}

/* Opens `total` bytes of a file whose weights claim [offset, offset +
 * size) and expects the verifier to name buffer 1. */
static void expect_outside(size_t offset, size_t size, size_t fb_len,
                           size_t total) {
  uint8_t *file = build_file(offset, size, fb_len, total);
  mote_model_t model;
  mote_error_t err;
  if (file == NULL) {
    return;
  }
  memset(&err, 0, sizeof err);
  CHECK_EQ_INT(mote_model_open(&model, file, total, &err),
               MOTE_ERR_CORRUPT_MODEL);
  if (strstr(err.message, "buffer 1: external data") == NULL) {
    fprintf(stderr, "offset %lu size %lu of %lu bytes: \"%s\"\n",
            (unsigned long)offset, (unsigned long)size, (unsigned long)total,
            err.message);
    CHECK(0);
  }
  free(file);
}

static void test_external_past_end_rejected(void) {
  size_t fb_len = 0;
  const size_t off = external_offset(&fb_len);
  const size_t total = off + sizeof kW;
  /* Truncated by one byte, shifted by 16, and a size one past the end. */
  expect_outside(off, sizeof kW, fb_len, total - 1);
  expect_outside(off + 16, sizeof kW, fb_len, total);
  expect_outside(off, sizeof kW + 1, fb_len, total);
  /* An offset + size that wraps around 2^64 must not pass as small. */
  expect_outside(off, (size_t)-1 - off + 2, fb_len, total);
}

int main(void) {
  MOTE_RUN(test_external_weights_run);
  MOTE_RUN(test_external_past_end_rejected);
  return MOTE_TEST_END();
}
