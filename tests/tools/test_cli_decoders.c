/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The `mote run --input` decoders (tools/mote/cli_npy.c, cli_wav.c,
 * cli_image.c) and the value rules (cli_convert.c), without a model.
 *
 * The decoders read untrusted files, so besides decoding good files right
 * they must reject every truncation of one (each prefix, byte by byte)
 * and survive every single-byte corruption; under the sanitized build an
 * out-of-bounds read here fails the test. Each file is copied into a heap
 * block of exactly its length first, so ASan sees a read one byte past
 * the end. The value rules are checked for the types no model in the
 * repository has: uint8 and int32 quantization, and the range errors.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "test.h"

/* Runs `decode` on a heap copy of exactly `size` bytes; 0 on success. */
typedef int (*decode_fn)(const uint8_t *b, size_t size, void *out);

static int npy_decode(const uint8_t *b, size_t size, void *out) {
  char why[256];
  return cli_npy_parse(b, size, (cli_npy_t *)out, why, sizeof why);
}

static int wav_decode(const uint8_t *b, size_t size, void *out) {
  char why[256];
  return cli_wav_parse(b, size, (cli_wav_t *)out, why, sizeof why);
}

/* The image decoder check_robust runs through image_decode. */
static int (*g_image)(const uint8_t *, size_t, cli_image_t *, char *, size_t);

static int image_decode(const uint8_t *b, size_t size, void *out) {
  char why[256];
  int rc = g_image(b, size, (cli_image_t *)out, why, sizeof why);
  if (rc == 0) {
    cli_image_free((cli_image_t *)out);
  }
  return rc;
}

static int run_exact(decode_fn fn, const uint8_t *b, size_t size) {
  union {
    cli_npy_t npy;
    cli_wav_t wav;
    cli_image_t img;
  } out;
  uint8_t *copy = (uint8_t *)malloc(size ? size : 1u);
  int rc;
  if (copy == NULL) {
    return -1;
  }
  memcpy(copy, b, size);
  rc = fn(copy, size, &out);
  free(copy);
  return rc;
}

/* Every proper prefix fails, the whole file decodes, and no single-byte
 * change crashes (its result may be either). */
static void check_robust(const char *what, decode_fn fn, const uint8_t *b,
                         size_t size) {
  size_t n;
  uint8_t *m = (uint8_t *)malloc(size);
  CHECK(m != NULL);
  if (m == NULL) {
    return;
  }
  CHECK(run_exact(fn, b, size) == 0);
  for (n = 0; n < size; n++) {
    if (run_exact(fn, b, n) == 0) {
      fprintf(stderr, "%s: a %lu-byte prefix of %lu decoded\n", what,
              (unsigned long)n, (unsigned long)size);
      mote_test_failed_checks_++;
    }
  }
  for (n = 0; n < size; n++) {
    static const uint8_t values[] = {0x00, 0xFF, 0x7F, 0x80, '9', ' '};
    size_t v;
    for (v = 0; v < sizeof values; v++) {
      memcpy(m, b, size);
      m[n] = values[v];
      (void)run_exact(fn, m, size);
    }
  }
  free(m);
}

/* A version 1.0 .npy of float32 [1, 3]. */
static size_t make_npy(uint8_t *out) {
  static const char header[] =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }";
  const float v[3] = {1.0f, -2.5f, 3.25f};
  size_t len = sizeof header - 1u;
  size_t pad = (64u - (10u + len + 1u) % 64u) % 64u;
  size_t h = len + pad + 1u;
  memcpy(out, "\x93NUMPY\x01\x00", 8);
  out[8] = (uint8_t)h;
  out[9] = (uint8_t)(h >> 8);
  memcpy(out + 10, header, len);
  memset(out + 10 + len, ' ', pad);
  out[10 + len + pad] = '\n';
  memcpy(out + 10 + h, v, sizeof v);
  return 10u + h + sizeof v;
}

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static void put16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}

/* Mono 16-bit PCM with samples 1000, -2000, 32767. */
static size_t make_wav(uint8_t *out) {
  static const int16_t s[3] = {1000, -2000, 32767};
  memcpy(out, "RIFF", 4);
  put32(out + 4, 36u + sizeof s);
  memcpy(out + 8, "WAVEfmt ", 8);
  put32(out + 16, 16);
  put16(out + 20, 1);          /* PCM */
  put16(out + 22, 1);          /* mono */
  put32(out + 24, 16000);      /* rate */
  put32(out + 28, 32000);      /* bytes per second */
  put16(out + 32, 2);          /* block */
  put16(out + 34, 16);         /* bits */
  memcpy(out + 36, "data", 4);
  put32(out + 40, sizeof s);
  memcpy(out + 44, s, sizeof s);
  return 44u + sizeof s;
}

/* 2x2 8-bit BMP, palette entry k = (k, k, k), bottom-up rows. */
static size_t make_bmp8(uint8_t *out) {
  size_t pal = 256u * 4u;
  size_t off = 54u + pal;
  uint32_t k;
  memset(out, 0, off + 8u);
  out[0] = 'B';
  out[1] = 'M';
  put32(out + 2, (uint32_t)(off + 8u));
  put32(out + 10, (uint32_t)off);
  put32(out + 14, 40);
  put32(out + 18, 2);
  put32(out + 22, 2);
  put16(out + 26, 1);
  put16(out + 28, 8);
  for (k = 0; k < 256; k++) {
    out[54 + 4 * k] = out[55 + 4 * k] = out[56 + 4 * k] = (uint8_t)k;
  }
  /* Bottom row first: (30, 40), then the top row (10, 20); 2 pad bytes. */
  out[off] = 30;
  out[off + 1] = 40;
  out[off + 4] = 10;
  out[off + 5] = 20;
  return off + 8u;
}

static void test_npy(void) {
  uint8_t b[256];
  size_t n = make_npy(b);
  cli_npy_t a;
  char why[256];
  float v[3];
  CHECK_EQ_INT(cli_npy_parse(b, n, &a, why, sizeof why), 0);
  CHECK_EQ_INT(a.type, MOTE_TYPE_FLOAT32);
  CHECK_EQ_INT(a.rank, 2);
  CHECK_EQ_INT(a.shape[0], 1);
  CHECK_EQ_INT(a.shape[1], 3);
  CHECK_EQ_INT(a.count, 3);
  memcpy(v, a.data, sizeof v);
  CHECK_NEAR(v[1], -2.5, 0.0);
  check_robust("npy", npy_decode, b, n);
}

static void test_wav(void) {
  uint8_t b[64];
  size_t n = make_wav(b);
  cli_wav_t w;
  char why[256];
  CHECK_EQ_INT(cli_wav_parse(b, n, &w, why, sizeof why), 0);
  CHECK_EQ_INT(w.count, 3);
  CHECK_EQ_INT(w.rate, 16000);
  CHECK_EQ_INT(cli_wav_sample(&w, 1), -2000);
  CHECK_EQ_INT(cli_wav_sample(&w, 2), 32767);
  check_robust("wav", wav_decode, b, n);
}

static void test_pnm(void) {
  static const uint8_t pgm[] = "P5\n# c\n2 2\n255\n\x0a\x14\x1e\x28";
  static const uint8_t ppm[] = "P6 1 1 15\n\x0f\x00\x05";
  cli_image_t img;
  char why[256];
  CHECK_EQ_INT(cli_pnm_decode(pgm, sizeof pgm - 1u, &img, why, sizeof why), 0);
  CHECK_EQ_INT(img.width, 2);
  CHECK_EQ_INT(img.channels, 1);
  CHECK_EQ_INT(img.pixels[3], 40);
  cli_image_free(&img);
  /* maxval 15 scales to 0..255: 15 -> 255, 5 -> 85. */
  CHECK_EQ_INT(cli_pnm_decode(ppm, sizeof ppm - 1u, &img, why, sizeof why), 0);
  CHECK_EQ_INT(img.channels, 3);
  CHECK_EQ_INT(img.pixels[0], 255);
  CHECK_EQ_INT(img.pixels[2], 85);
  cli_image_free(&img);
  g_image = cli_pnm_decode;
  check_robust("pgm", image_decode, pgm, sizeof pgm - 1u);
  check_robust("ppm", image_decode, ppm, sizeof ppm - 1u);
}

static void test_bmp(void) {
  static uint8_t b[2048];
  size_t n = make_bmp8(b);
  cli_image_t img;
  char why[256];
  CHECK_EQ_INT(cli_bmp_decode(b, n, &img, why, sizeof why), 0);
  CHECK_EQ_INT(img.width, 2);
  CHECK_EQ_INT(img.height, 2);
  CHECK_EQ_INT(img.channels, 1); /* a gray palette stays one channel */
  CHECK_EQ_INT(img.pixels[0], 10); /* top row first */
  CHECK_EQ_INT(img.pixels[3], 40);
  cli_image_free(&img);
  /* A colour palette entry makes it RGB. */
  b[54 + 4 * 40] = 7;
  CHECK_EQ_INT(cli_bmp_decode(b, n, &img, why, sizeof why), 0);
  CHECK_EQ_INT(img.channels, 3);
  CHECK_EQ_INT(img.pixels[9], 40); /* pixel 3's red */
  CHECK_EQ_INT(img.pixels[11], 7); /* its blue, from BGR */
  cli_image_free(&img);
  g_image = cli_bmp_decode;
  check_robust("bmp", image_decode, b, n);
}

/* A tensor view of `type` over buf, quantized when scale > 0. */
static mote_tensor_t view(uint8_t type, void *buf, uint32_t count, float scale,
                          int32_t zero_point) {
  mote_tensor_t t;
  memset(&t, 0, sizeof t);
  t.data = buf;
  t.type = type;
  t.rank = 1;
  t.dims[0] = (int32_t)count;
  t.bytes = count * (uint32_t)mote_type_size((mote_type_t)type);
  t.scale = scale;
  t.zero_point = zero_point;
  t.quant_count = scale > 0.0f ? 1u : 0u;
  return t;
}

static void test_store_values(void) {
  char why[256];
  uint8_t u8[4];
  int32_t i32[2];
  int8_t i8[2];
  const double real[4] = {0.0, 0.5, -1.0, 1e9};
  const double ints[2] = {-128.0, 127.0};
  const double big[2] = {1.0, 300.0};
  mote_tensor_t t = view(MOTE_TYPE_UINT8, u8, 4, 0.25f, 10);
  /* uint8: round(x / 0.25) + 10, saturating at 0 and 255. */
  CHECK_EQ_INT(cli_store_values(&t, real, 4, 1, why, sizeof why), 0);
  CHECK_EQ_INT(u8[0], 10);
  CHECK_EQ_INT(u8[1], 12);
  CHECK_EQ_INT(u8[2], 6);
  CHECK_EQ_INT(u8[3], 255);
  t = view(MOTE_TYPE_INT32, i32, 2, 0.5f, -3);
  CHECK_EQ_INT(cli_store_values(&t, real, 2, 1, why, sizeof why), 0);
  CHECK_EQ_INT(i32[0], -3);
  CHECK_EQ_INT(i32[1], -2);
  /* int8 through mote_quantize_floats: 0.5 / 0.25 = 2, + 1. */
  t = view(MOTE_TYPE_INT8, i8, 2, 0.25f, 1);
  CHECK_EQ_INT(cli_store_values(&t, real, 2, 1, why, sizeof why), 0);
  CHECK_EQ_INT(i8[1], 3);
  /* Integers as they are, and one that does not fit is an error. */
  CHECK_EQ_INT(cli_store_values(&t, ints, 2, 0, why, sizeof why), 0);
  CHECK_EQ_INT(i8[0], -128);
  CHECK_EQ_INT(i8[1], 127);
  CHECK_EQ_INT(cli_store_values(&t, big, 2, 0, why, sizeof why), -2);
  CHECK(strstr(why, "value 300 at index 1 does not fit int8") != NULL);
  /* Real values into an unquantized integer tensor have no mapping. */
  t = view(MOTE_TYPE_INT8, i8, 2, 0.0f, 0);
  CHECK_EQ_INT(cli_store_values(&t, real, 2, 1, why, sizeof why), -2);
  CHECK(strstr(why, "without quantization") != NULL);
}

int main(void) {
  MOTE_RUN(test_npy);
  MOTE_RUN(test_wav);
  MOTE_RUN(test_pnm);
  MOTE_RUN(test_bmp);
  MOTE_RUN(test_store_values);
  return MOTE_TEST_END();
}
