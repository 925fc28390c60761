/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_quantize_floats and mote_dequantize_to_floats
 * (src/kernels/tensor_quant.c): TFLite's rounding and saturation written
 * out here, int8 and int16, special values, a round trip, every error
 * (with nothing written), and the sine model's real input and output
 * tensors end to end.
 */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "support.h"
#include "test.h"

/* A per-tensor quantized view over `data`, [1, n]. */
static mote_tensor_t view(void *data, mote_type_t type, int32_t n, float scale,
                          int32_t zero_point) {
  mote_tensor_t t;
  memset(&t, 0, sizeof t);
  t.data = data;
  t.type = (uint8_t)type;
  t.rank = 2;
  t.dims[0] = 1;
  t.dims[1] = n;
  t.bytes = (uint32_t)((size_t)n * mote_type_size(type));
  t.scale = scale;
  t.zero_point = zero_point;
  t.quant_count = 1;
  t.index = 7;
  return t;
}

/* TFLite's AffineQuantize, written out: round half away from zero, then
 * the zero point, then the type's range; NaN to the lowest value. */
static long expect_q(float x, float scale, int32_t zp, long lo, long hi) {
  const float r = roundf(x / scale);
  long v;
  if (r != r || r < -2147483648.0f) {
    return lo;
  }
  if (r >= 2147483648.0f) {
    return hi;
  }
  v = (long)r + zp;
  return v < lo ? lo : (v > hi ? hi : v);
}

static const float k_values[] = {
    0.0f,  0.25f,  -0.25f, 0.75f,  -0.75f, 1.0f,     -1.0f,  3.3f,
    -3.3f, 63.0f,  -64.5f, 1000.f, -1e9f,  INFINITY, -INFINITY, NAN,
    1e-30f, -0.0f, FLT_MAX, 2.5f};
#define N_VALUES ((int32_t)(sizeof k_values / sizeof k_values[0]))

static void test_quantize_int8(void) {
  int8_t q[N_VALUES];
  mote_error_t err;
  int32_t i;
  mote_tensor_t t = view(q, MOTE_TYPE_INT8, N_VALUES, 0.5f, -3);
  CHECK_EQ_INT(mote_quantize_floats(&t, k_values, N_VALUES, &err), MOTE_OK);
  for (i = 0; i < N_VALUES; i++) {
    CHECK_EQ_INT(q[i], expect_q(k_values[i], 0.5f, -3, -128, 127));
  }
  /* Ties away from zero: 0.25 / 0.5 = 0.5 -> 1, -0.5 -> -1. */
  CHECK_EQ_INT(q[1], -2);
  CHECK_EQ_INT(q[2], -4);
  CHECK_EQ_INT(q[11], 127);   /* 1000 saturates */
  CHECK_EQ_INT(q[12], -128);  /* -1e9 */
  CHECK_EQ_INT(q[15], -128);  /* NaN: the lowest, as TFLite on x86-64 */
}

static void test_quantize_int16(void) {
  int16_t q[N_VALUES];
  int32_t i;
  mote_tensor_t t = view(q, MOTE_TYPE_INT16, N_VALUES, 1.0f / 1024.0f, 0);
  CHECK_EQ_INT(mote_quantize_floats(&t, k_values, N_VALUES, NULL), MOTE_OK);
  for (i = 0; i < N_VALUES; i++) {
    CHECK_EQ_INT(q[i], expect_q(k_values[i], 1.0f / 1024.0f, 0, -32768, 32767));
  }
  CHECK_EQ_INT(q[7], 3379); /* 3.3 * 1024 = 3379.2 */
  CHECK_EQ_INT(q[9], 32767);
}

static void test_dequantize(void) {
  int8_t q8[5] = {-128, -3, 0, 1, 127};
  int16_t q16[4] = {-32768, -1, 7, 32767};
  float out[5];
  int i;
  mote_tensor_t t8 = view(q8, MOTE_TYPE_INT8, 5, 0.1f, -3);
  mote_tensor_t t16 = view(q16, MOTE_TYPE_INT16, 4, 0.001f, 0);
  CHECK_EQ_INT(mote_dequantize_to_floats(&t8, out, 5, NULL), MOTE_OK);
  for (i = 0; i < 5; i++) {
    /* One rounding of the exact product, as TFLite's double product. */
    CHECK(out[i] == (float)(0.1f * (double)(q8[i] + 3)));
  }
  CHECK(out[1] == 0.0f);
  CHECK_EQ_INT(mote_dequantize_to_floats(&t16, out, 4, NULL), MOTE_OK);
  for (i = 0; i < 4; i++) {
    CHECK(out[i] == (float)(0.001f * (double)q16[i]));
  }
  /* Constants may be read. */
  t8.flags = MOTE_TENSOR_CONST;
  CHECK_EQ_INT(mote_dequantize_to_floats(&t8, out, 5, NULL), MOTE_OK);
}

/* Anything in range comes back within half a step. */
static void test_round_trip(void) {
  float x[64], back[64];
  int8_t q[64];
  int i;
  const float scale = 0.037f;
  mote_tensor_t t = view(q, MOTE_TYPE_INT8, 64, scale, 12);
  for (i = 0; i < 64; i++) {
    x[i] = -4.5f + 0.135f * (float)i; /* inside [-140, 115] * scale */
  }
  CHECK_EQ_INT(mote_quantize_floats(&t, x, 64, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_dequantize_to_floats(&t, back, 64, NULL), MOTE_OK);
  for (i = 0; i < 64; i++) {
    CHECK_NEAR(back[i], x[i], scale / 2 + 1e-6);
  }
}

/* `st` with a message, and the destination untouched. */
static void expect_fail(mote_status_t got, mote_status_t want,
                        const mote_error_t *err, const uint8_t *dst,
                        size_t n) {
  size_t i;
  int untouched = 1;
  CHECK_EQ_INT(got, want);
  CHECK_EQ_INT(err->status, want);
  CHECK(err->message[0] != '\0');
  for (i = 0; i < n; i++) {
    untouched &= dst[i] == 0x5A;
  }
  CHECK(untouched);
}

static void test_errors(void) {
  uint8_t q[16];
  float f[4] = {1.0f, 2.0f, 3.0f, 4.0f};
  float out[4];
  mote_error_t err;
  mote_tensor_t t;
#define RESET()                                                                \
  (memset(q, 0x5A, sizeof q), memset(out, 0x5A, sizeof out),                   \
   memset(&err, 0, sizeof err), t = view(q, MOTE_TYPE_INT8, 4, 0.5f, 0))
  RESET();
  expect_fail(mote_quantize_floats(NULL, f, 4, &err), MOTE_ERR_BAD_ARG, &err,
              q, sizeof q);
  RESET();
  expect_fail(mote_quantize_floats(&t, NULL, 4, &err), MOTE_ERR_BAD_ARG, &err,
              q, sizeof q);
  RESET();
  expect_fail(mote_dequantize_to_floats(&t, NULL, 4, &err), MOTE_ERR_BAD_ARG,
              &err, q, sizeof q);
  RESET();
  t.data = NULL; /* an activation viewed before prepare */
  expect_fail(mote_quantize_floats(&t, f, 4, &err), MOTE_ERR_BAD_ARG, &err, q,
              sizeof q);
  RESET();
  t.flags = MOTE_TENSOR_CONST; /* model bytes: read-only */
  expect_fail(mote_quantize_floats(&t, f, 4, &err), MOTE_ERR_BAD_ARG, &err, q,
              sizeof q);
  CHECK(strstr(err.message, "tensor 7") != NULL);
  RESET();
  t = view(q, MOTE_TYPE_FLOAT32, 4, 0.5f, 0);
  expect_fail(mote_quantize_floats(&t, f, 4, &err), MOTE_ERR_UNSUPPORTED_TYPE,
              &err, q, sizeof q);
  CHECK(strstr(err.message, "float32") != NULL);
  RESET();
  t = view(q, MOTE_TYPE_UINT8, 4, 0.5f, 0);
  expect_fail(mote_dequantize_to_floats(&t, out, 4, &err),
              MOTE_ERR_UNSUPPORTED_TYPE, &err, (uint8_t *)out, sizeof out);
  RESET();
  t.quant_count = 0;
  t.scale = 0.0f; /* not quantized */
  expect_fail(mote_quantize_floats(&t, f, 4, &err), MOTE_ERR_UNSUPPORTED, &err,
              q, sizeof q);
  RESET();
  t.quant_count = 4; /* per channel */
  expect_fail(mote_dequantize_to_floats(&t, out, 4, &err),
              MOTE_ERR_UNSUPPORTED, &err, (uint8_t *)out, sizeof out);
  RESET();
  t.scale = -0.5f;
  expect_fail(mote_quantize_floats(&t, f, 4, &err), MOTE_ERR_UNSUPPORTED, &err,
              q, sizeof q);
  RESET();
  expect_fail(mote_quantize_floats(&t, f, 3, &err), MOTE_ERR_BAD_SHAPE, &err,
              q, sizeof q);
  CHECK(strstr(err.message, "4 elements, not 3") != NULL);
  RESET();
  expect_fail(mote_dequantize_to_floats(&t, out, 5, &err), MOTE_ERR_BAD_SHAPE,
              &err, (uint8_t *)out, sizeof out);
  RESET();
  t.bytes = 3; /* a view whose size disagrees with its shape */
  expect_fail(mote_quantize_floats(&t, f, 4, &err), MOTE_ERR_BAD_SHAPE, &err,
              q, sizeof q);
  /* err may be NULL. */
  RESET();
  CHECK_EQ_INT(mote_quantize_floats(&t, f, 3, NULL), MOTE_ERR_BAD_SHAPE);
#undef RESET
}

/* The sine model's int8 input and output through the interpreter: x in,
 * sin(x) out, within the model's error. */
static void test_sine_model(void) {
  char path[1024];
  size_t len = 0;
  uint8_t *bytes;
  static uint8_t arena_mem[4096]; /* mote_arena_init aligns it */
  mote_model_t model;
  mote_resolver_entry_t entries[1];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  mote_tensor_t ti, to;
  float x, y;
  snprintf(path, sizeof path, "%s/models/sine_int8.tflite", MOTE_SOURCE_DIR);
  bytes = mote_test_read_file(path, &len);
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, &err), MOTE_OK);
  mote_resolver_init(&resolver, entries, 1);
  mote_resolver_add(&resolver, MOTE_OP_FULLY_CONNECTED,
                    &mote_kernel_fully_connected);
  mote_arena_init(&arena, arena_mem, sizeof arena_mem);
  CHECK_EQ_INT(mote_interp_init(&in, &model, &resolver, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_input(&in, 0, &ti), MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(&in, 0, &to), MOTE_OK);
  for (x = 0.0f; x < 6.2f; x += 0.5f) {
    CHECK_EQ_INT(mote_quantize_floats(&ti, &x, 1, &err), MOTE_OK);
    CHECK_EQ_INT(((const int8_t *)ti.data)[0],
                 expect_q(x, ti.scale, ti.zero_point, -128, 127));
    CHECK_EQ_INT(mote_interp_invoke(&in, &err), MOTE_OK);
    CHECK_EQ_INT(mote_dequantize_to_floats(&to, &y, 1, &err), MOTE_OK);
    CHECK_NEAR(y, sin(x), 0.05);
  }
  free(bytes);
}

int main(void) {
  MOTE_RUN(test_quantize_int8);
  MOTE_RUN(test_quantize_int16);
  MOTE_RUN(test_dequantize);
  MOTE_RUN(test_round_trip);
  MOTE_RUN(test_errors);
  MOTE_RUN(test_sine_model);
  return MOTE_TEST_END();
}
