// SPDX-License-Identifier: Apache-2.0
/*
 * Constants stored less aligned than their elements: some converters
 * write int64 data (GATHER indices, TRANSPOSE_CONV biases) 4-byte aligned,
 * and external buffers (Buffer.offset) may start at any byte. TFLM runs
 * such models; mote copies the data once into the arena tail at init.
 * Each model runs through mote and the TFLM oracle and must match byte
 * for byte; the refusals that remain (data outside the file, a size that
 * does not match the shape) are checked too.
 */
#define _POSIX_C_SOURCE 200809L /* posix_memalign */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "support.h"
#include "test.h"
#include "tflite_build.h"

/* int64 values around the 32-bit boundaries, so that a load of the
 * wrong half would show. */
static const int64_t kC[4] = {-((int64_t)1 << 40), 5, (int64_t)1 << 33, -1};
static const int64_t kX64[4] = {-((int64_t)1 << 41), 5, ((int64_t)1 << 33) - 1,
                                (int64_t)1 << 32};
static const float kAddend[6] = {0.5f, -1, 2.25f, 1e-3f, -7, 3};

/* LESS y[4] = x[4] < c[4], int64, c constant whose data sits at a file
 * offset of `data_at` modulo 16 (the converter's 4-byte aligned int64). */
static uint8_t *less_model(int data_at, size_t *len) {
  int32_t s[1] = {4};
  tfb_model_t *m = tfb_new();
  int32_t ins[2], outs[1];
  int b, op;
  b = tfb_add_buffer(m, kC, sizeof kC);
  tfb_set_buffer_data_at(m, b, data_at);
  ins[0] = tfb_add_tensor(m, "x", 4, s, 1, 0, NULL, NULL, 0, 0, false);
  ins[1] = tfb_add_tensor(m, "c", 4, s, 1, b, NULL, NULL, 0, 0, false);
  outs[0] = tfb_add_tensor(m, "y", 6, s, 1, 0, NULL, NULL, 0, 0, false);
  op = tfb_add_opcode(m, 58, NULL, 1);
  tfb_add_op(m, op, ins, 2, outs, 1, 0, NULL, NULL, 0);
  tfb_set_io(m, &ins[0], 1, &outs[0], 1);
  return mote_test_tfb_finish(m, len);
}

/* ADD y[6] = x[6] + c[6], c float32 in an external buffer at `offset`
 * (`size` bytes claimed). Returns the flatbuffer alone. */
static uint8_t *add_model(uint64_t offset, uint64_t size, size_t *len) {
  int32_t s[1] = {6};
  tfb_model_t *m = tfb_new();
  int32_t ins[2], outs[1];
  int b, op;
  b = tfb_add_buffer(m, NULL, 0);
  tfb_set_buffer_external(m, b, offset, size);
  ins[0] = tfb_add_tensor(m, "x", 0, s, 1, 0, NULL, NULL, 0, 0, false);
  ins[1] = tfb_add_tensor(m, "c", 0, s, 1, b, NULL, NULL, 0, 0, false);
  outs[0] = tfb_add_tensor(m, "y", 0, s, 1, 0, NULL, NULL, 0, 0, false);
  op = tfb_add_opcode(m, 0, NULL, 1);
  tfb_add_op(m, op, ins, 2, outs, 1, TFB_OPTIONS_ADD, NULL, NULL, 0);
  tfb_set_io(m, &ins[0], 1, &outs[0], 1);
  return mote_test_tfb_finish(m, len);
}

/* The ADD model's file with the addend `skew` bytes past the 16-byte
 * boundary after the flatbuffer; `claim` bytes claimed, `total` bytes
 * long (0: just enough). free() it. */
static uint8_t *add_file(size_t skew, size_t claim, size_t *total) {
  size_t fb_len = 0, len = 0, off;
  uint8_t *fb = add_model(0x7FFFFFF0u, claim, &fb_len);
  void *mem = NULL;
  free(fb);
  off = ((fb_len + 15u) & ~(size_t)15u) + skew;
  fb = add_model(off, claim, &len);
  if (*total == 0) {
    *total = off + sizeof kAddend;
  }
  CHECK_EQ_INT(len, fb_len);
  if (fb == NULL || len != fb_len || posix_memalign(&mem, 16, *total) != 0) {
    free(fb);
    return NULL;
  }
  memset(mem, 0, *total);
  memcpy(mem, fb, len);
  if (off + sizeof kAddend <= *total) {
    memcpy((uint8_t *)mem + off, kAddend, sizeof kAddend);
  }
  free(fb);
  return (uint8_t *)mem;
}

typedef struct run {
  mote_model_t model;
  mote_resolver_entry_t e[2];
  mote_resolver_t r;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  uint8_t mem[4096];
} run_t;

static mote_status_t start(run_t *x, const uint8_t *bytes, size_t len,
                           size_t arena_bytes) {
  mote_status_t st;
  memset(&x->err, 0, sizeof x->err);
  st = mote_model_open(&x->model, bytes, len, &x->err);
  if (st != MOTE_OK) {
    return st;
  }
  mote_resolver_init(&x->r, x->e, 2);
  mote_resolver_add(&x->r, MOTE_OP_LESS, &mote_kernel_less);
  mote_resolver_add(&x->r, MOTE_OP_ADD, &mote_kernel_add);
  mote_arena_init(&x->arena, x->mem, arena_bytes);
  st = mote_interp_init(&x->in, &x->model, &x->r, &x->arena, &x->err);
  return st != MOTE_OK ? st : mote_interp_prepare(&x->in, &x->err);
}

/* Runs the prepared model on `input` and compares its output with the
 * oracle's on the same model bytes. */
static void check_against_oracle(run_t *x, const uint8_t *bytes, size_t len,
                                 const void *input, size_t in_bytes) {
  mote_tensor_t t;
  uint8_t *want = NULL;
  size_t want_bytes = 0;
  char why[400];
  int code;
  CHECK_EQ_INT(mote_interp_input(&x->in, 0, &t), MOTE_OK);
  CHECK_EQ_INT(t.bytes, in_bytes);
  memcpy(t.data, input, in_bytes);
  CHECK_EQ_INT(mote_interp_invoke(&x->in, &x->err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(&x->in, 0, &t), MOTE_OK);
  if (mote_test_find_oracle() == NULL) {
    fprintf(stderr, "note: no TFLM oracle, output not compared\n");
    return;
  }
  code = mote_test_oracle_run(bytes, len, &input, &in_bytes, 1, &want,
                              &want_bytes, 1, why, sizeof why);
  if (code != 0) {
    fprintf(stderr, "oracle: %s\n", why);
  }
  CHECK_EQ_INT(code, 0);
  CHECK_EQ_INT(want_bytes, t.bytes);
  CHECK(want != NULL && want_bytes == t.bytes &&
        memcmp(want, t.data, t.bytes) == 0);
  if (want != NULL && want_bytes == t.bytes &&
      memcmp(want, t.data, t.bytes) != 0) {
    size_t i;
    for (i = 0; i < t.bytes; ++i) {
      fprintf(stderr, "%02x/%02x%s", ((const uint8_t *)t.data)[i], want[i],
              i + 1 < t.bytes ? " " : " (mote/TFLM)\n");
    }
  }
  free(want);
}

/* The LESS model with its data at `data_at`, prepared in *x; NULL (after
 * a failed check) when it does not start. */
static uint8_t *start_less(int data_at, run_t *x, size_t *len) {
  uint8_t *bytes = less_model(data_at, len);
  if (bytes == NULL || start(x, bytes, *len, sizeof x->mem) != MOTE_OK) {
    fprintf(stderr, "start: %s\n", x->err.message);
    CHECK(0);
    free(bytes);
    return NULL;
  }
  return bytes;
}

static void test_int64_4_aligned(void) {
  static run_t x;
  size_t len = 0;
  uint8_t *bytes = start_less(4, &x, &len);
  mote_memory_usage_t u;
  mote_tensor_t idx, y;
  uint8_t *in_model;
  uint8_t first[4];
  if (bytes == NULL) {
    return;
  }
  /* The model really holds them 4 mod 8 ... */
  CHECK_EQ_INT(mote_model_tensor(&x.model, 0, 1, &idx), MOTE_OK);
  in_model = (uint8_t *)idx.data;
  CHECK_EQ_INT((uintptr_t)in_model % 8u, 4);
  /* ... and the interpreter reads an aligned copy, counted as such. */
  CHECK_EQ_INT(mote_interp_tensor(&x.in, 1, &idx), MOTE_OK);
  CHECK_EQ_INT((uintptr_t)idx.data % 8u, 0);
  CHECK((const uint8_t *)idx.data >= x.mem &&
        (const uint8_t *)idx.data < x.mem + sizeof x.mem);
  CHECK(memcmp(idx.data, kC, sizeof kC) == 0);
  CHECK_EQ_INT(mote_interp_memory_usage(&x.in, &u), MOTE_OK);
  /* The 32 bytes and the gap that aligns them. */
  CHECK(u.constant_bytes >= sizeof kC && u.constant_bytes < sizeof kC + 8);
  CHECK_EQ_INT(u.persistent_bytes, u.runtime_bytes + u.variable_bytes +
                                       u.kernel_bytes + u.constant_bytes);
  check_against_oracle(&x, bytes, len, kX64, sizeof kX64);
  /* Invoke reads the copy: constants rewritten in the model afterwards
   * change nothing. */
  CHECK_EQ_INT(mote_interp_output(&x.in, 0, &y), MOTE_OK);
  memcpy(first, y.data, sizeof first);
  memset(in_model, 0x7F, sizeof kC);
  CHECK_EQ_INT(mote_interp_invoke(&x.in, &x.err), MOTE_OK);
  CHECK(memcmp(first, y.data, sizeof first) == 0);
  free(bytes);
}

/* Aligned int64 data stays in the model: nothing is copied. */
static void test_aligned_not_copied(void) {
  static run_t x;
  size_t len = 0;
  uint8_t *bytes = start_less(8, &x, &len);
  mote_memory_usage_t u;
  mote_tensor_t idx;
  if (bytes == NULL) {
    return;
  }
  CHECK_EQ_INT(mote_interp_tensor(&x.in, 1, &idx), MOTE_OK);
  CHECK((const uint8_t *)idx.data >= bytes &&
        (const uint8_t *)idx.data < bytes + len);
  CHECK_EQ_INT(mote_interp_memory_usage(&x.in, &u), MOTE_OK);
  CHECK_EQ_INT(u.constant_bytes, 0);
  check_against_oracle(&x, bytes, len, kX64, sizeof kX64);
  free(bytes);
}

/* float32 data at an odd and at a 2-byte offset (external buffers, the
 * only way a flatbuffer holds data less than 4-byte aligned). The oracle's
 * TFLM does not read external buffers (it adds zeros even when they are
 * aligned), so the sums, exact in float, are checked directly. */
static void test_float_external_skewed(void) {
  static const float kX[6] = {1, 2, 3, 4, 5, -6};
  size_t skew;
  for (skew = 1; skew <= 2; ++skew) {
    size_t total = 0, i;
    uint8_t *file = add_file(skew, sizeof kAddend, &total);
    static run_t x;
    mote_memory_usage_t u;
    mote_tensor_t t;
    float y[6];
    if (file == NULL || start(&x, file, total, sizeof x.mem) != MOTE_OK) {
      fprintf(stderr, "skew %lu: %s\n", (unsigned long)skew, x.err.message);
      CHECK(0);
      free(file);
      continue;
    }
    CHECK_EQ_INT(mote_interp_memory_usage(&x.in, &u), MOTE_OK);
    /* The 24 bytes and the gap that aligns them. */
    CHECK(u.constant_bytes >= sizeof kAddend &&
          u.constant_bytes < sizeof kAddend + 4);
    CHECK_EQ_INT(mote_interp_input(&x.in, 0, &t), MOTE_OK);
    memcpy(t.data, kX, sizeof kX);
    CHECK_EQ_INT(mote_interp_invoke(&x.in, &x.err), MOTE_OK);
    CHECK_EQ_INT(mote_interp_output(&x.in, 0, &t), MOTE_OK);
    memcpy(y, t.data, sizeof y);
    for (i = 0; i < 6; ++i) {
      CHECK_NEAR(y[i], kX[i] + kAddend[i], 0.0);
    }
    free(file);
  }
}

/* Misaligned data is still refused when it is not all inside the file or
 * does not match the shape. */
static void test_refusals_remain(void) {
  static run_t x;
  size_t total = 0;
  uint8_t *file = add_file(2, sizeof kAddend, &total);
  if (file != NULL) {
    /* One byte short of the claimed data. */
    CHECK_EQ_INT(start(&x, file, total - 1, sizeof x.mem),
                 MOTE_ERR_CORRUPT_MODEL);
    CHECK(strstr(x.err.message, "buffer 1: external data") != NULL);
  }
  free(file);
  total = 0;
  file = add_file(2, sizeof kAddend - 4, &total);
  if (file != NULL) {
    CHECK_EQ_INT(start(&x, file, total, sizeof x.mem), MOTE_ERR_CORRUPT_MODEL);
    CHECK(strstr(x.err.message, "holds 20 bytes but its shape and type "
                                "need 24") != NULL);
  }
  free(file);
}

/* The copy comes from the arena: too small an arena says so and names
 * the tensor. */
static void test_copy_arena_too_small(void) {
  size_t len = 0;
  uint8_t *bytes = less_model(12, &len);
  static run_t x;
  size_t size;
  int seen = 0;
  if (bytes == NULL) {
    CHECK(0);
    return;
  }
  for (size = 64; size < 1024; size += 8) {
    const mote_status_t st = start(&x, bytes, len, size);
    if (st == MOTE_OK) {
      break;
    }
    CHECK_EQ_INT(st, MOTE_ERR_ARENA_TOO_SMALL);
    seen |= strstr(x.err.message, "tensor 1: an aligned copy of its 32 "
                                  "bytes") != NULL;
  }
  CHECK(seen);
  CHECK(size < 1024);
  free(bytes);
}

int main(void) {
  MOTE_RUN(test_int64_4_aligned);
  MOTE_RUN(test_aligned_not_copied);
  MOTE_RUN(test_float_external_skewed);
  MOTE_RUN(test_refusals_remain);
  MOTE_RUN(test_copy_arena_too_small);
  return MOTE_TEST_END();
}
