/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The FlexBuffers reader on hand-built bytes: custom options copied from
 * the micro_speech front-end models, maps of every scalar kind and of
 * integer vectors (bytes laid out by hand and annotated), and malformed
 * buffers. A mutation sweep then rewrites every byte of every sample and
 * cuts every sample short, with each buffer in its own exactly sized heap
 * block, so the sanitizer build catches any read outside it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format/flexbuffer.h"
#include "test.h"

/* SignalWindow's options in audio_preprocessor_int8: {"shift": 12}.
 * "shift\0" | keys [len 1 | ->0] | map [keys ->7 | width 1 | len 1 | 12]
 * | types [INT] | root ->11, MAP/8-bit, width 1. */
static const uint8_t kWindow[16] = {0x73, 0x68, 0x69, 0x66, 0x74, 0x00,
                                    0x01, 0x07, 0x01, 0x01, 0x01, 0x0c,
                                    0x04, 0x02, 0x24, 0x01};
/* SignalFftAutoScale: the empty map. */
static const uint8_t kEmpty[7] = {0x00, 0x00, 0x01, 0x00, 0x00, 0x24, 0x01};
/* SignalRfft: {"T": 7 (int16), "fft_length": 512}, 16-bit values. */
static const uint8_t kRfft[31] = {
    0x54, 0x00, 0x66, 0x66, 0x74, 0x5f, 0x6c, 0x65, 0x6e, 0x67, 0x74,
    0x68, 0x00, 0x02, 0x0e, 0x0d, 0x02, 0x00, 0x01, 0x00, 0x02, 0x00,
    0x07, 0x00, 0x00, 0x02, 0x05, 0x05, 0x06, 0x25, 0x01};
/* SignalFilterBankLog: {"input_correction_bits": 3, "output_scale": 64}. */
static const uint8_t kLog[48] = {
    0x69, 0x6e, 0x70, 0x75, 0x74, 0x5f, 0x63, 0x6f, 0x72, 0x72, 0x65, 0x63,
    0x74, 0x69, 0x6f, 0x6e, 0x5f, 0x62, 0x69, 0x74, 0x73, 0x00, 0x6f, 0x75,
    0x74, 0x70, 0x75, 0x74, 0x5f, 0x73, 0x63, 0x61, 0x6c, 0x65, 0x00, 0x02,
    0x24, 0x0f, 0x02, 0x01, 0x02, 0x03, 0x40, 0x04, 0x04, 0x04, 0x24, 0x01};

/* 64-bit slots: {"a": INT -300, "b": UINT 2^63 + 1, "c": FLOAT 1.5
 * (double), "d": BOOL true, "e": INDIRECT_INT -70000 (a 4-byte int at
 * offset 12), "f": INT 7}. Keys at 0..11, the indirect int at 12, the key
 * vector at 24 (length at 16), the map at 96 (header 72..95), types at
 * 144, root slot at 150. */
static const uint8_t kScalars[153] = {
    0x61, 0x00, 0x62, 0x00, 0x63, 0x00, 0x64, 0x00, 0x65, 0x00, 0x66, 0x00,
    0x90, 0xee, 0xfe, 0xff, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x18, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1e, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x2a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x36, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xd4, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x3f,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x74, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x07, 0x0b, 0x0f, 0x6b, 0x1a, 0x07, 0x36, 0x27, 0x01};

/* 16-bit slots: {"fixed": VECTOR_INT3 [7, -8, 9], "mixed": VECTOR
 * [INT -5, UINT 200, BOOL 1], "notint": VECTOR [INT 1, STRING], "typed":
 * VECTOR_INT [1, -2, 3, 4]}. */
static const uint8_t kVectors[91] = {
    0x66, 0x69, 0x78, 0x65, 0x64, 0x00, 0x6d, 0x69, 0x78, 0x65, 0x64, 0x00,
    0x6e, 0x6f, 0x74, 0x69, 0x6e, 0x74, 0x00, 0x74, 0x79, 0x70, 0x65, 0x64,
    0x00, 0x07, 0x00, 0xf8, 0xff, 0x09, 0x00, 0x03, 0x00, 0xfb, 0xff, 0xc8,
    0x00, 0x01, 0x00, 0x05, 0x09, 0x69, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x05, 0x15, 0x04, 0x00, 0x01, 0x00, 0xfe, 0xff, 0x03, 0x00, 0x04, 0x00,
    0x04, 0x00, 0x3e, 0x00, 0x3a, 0x00, 0x36, 0x00, 0x31, 0x00, 0x08, 0x00,
    0x02, 0x00, 0x04, 0x00, 0x33, 0x00, 0x2d, 0x00, 0x24, 0x00, 0x1e, 0x00,
    0x4d, 0x29, 0x29, 0x2d, 0x0c, 0x25, 0x01};

static mote_flex_ref_t must_find(const uint8_t *buf, uint32_t len,
                                 const char *key) {
  mote_flex_map_t map;
  mote_flex_ref_t ref;
  bool found = false;
  memset(&ref, 0, sizeof ref);
  CHECK_EQ_INT(mote_flex_root_map(buf, len, &map, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_flex_map_find(&map, key, &ref, &found, NULL), MOTE_OK);
  CHECK(found);
  return ref;
}

static void test_model_options(void) {
  mote_flex_map_t map;
  mote_flex_ref_t ref;
  bool found = true;
  int64_t v = 0;
  ref = must_find(kWindow, sizeof kWindow, "shift");
  CHECK_EQ_INT(mote_flex_int(&ref, &v, NULL), MOTE_OK);
  CHECK_EQ_INT(v, 12);
  ref = must_find(kRfft, sizeof kRfft, "T");
  CHECK_EQ_INT(mote_flex_int(&ref, &v, NULL), MOTE_OK);
  CHECK_EQ_INT(v, 7);
  ref = must_find(kRfft, sizeof kRfft, "fft_length");
  CHECK_EQ_INT(mote_flex_int(&ref, &v, NULL), MOTE_OK);
  CHECK_EQ_INT(v, 512);
  ref = must_find(kLog, sizeof kLog, "input_correction_bits");
  CHECK_EQ_INT(mote_flex_int(&ref, &v, NULL), MOTE_OK);
  CHECK_EQ_INT(v, 3);
  ref = must_find(kLog, sizeof kLog, "output_scale");
  CHECK_EQ_INT(mote_flex_int(&ref, &v, NULL), MOTE_OK);
  CHECK_EQ_INT(v, 64);

  CHECK_EQ_INT(mote_flex_root_map(kEmpty, sizeof kEmpty, &map, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_flex_map_count(&map), 0);
  CHECK_EQ_INT(mote_flex_map_find(&map, "shift", &ref, &found, NULL), MOTE_OK);
  CHECK(!found);
  /* A key is matched whole, not by prefix. */
  CHECK_EQ_INT(mote_flex_root_map(kWindow, sizeof kWindow, &map, NULL),
               MOTE_OK);
  CHECK_EQ_INT(mote_flex_map_find(&map, "shif", &ref, &found, NULL), MOTE_OK);
  CHECK(!found);
  CHECK_EQ_INT(mote_flex_map_find(&map, "shifts", &ref, &found, NULL), MOTE_OK);
  CHECK(!found);
}

static void test_scalars(void) {
  mote_flex_ref_t ref;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  bool b = false;
  const char *why = NULL;
  ref = must_find(kScalars, sizeof kScalars, "a");
  CHECK_EQ_INT(mote_flex_int(&ref, &i, NULL), MOTE_OK);
  CHECK_EQ_INT(i, -300);
  CHECK_EQ_INT(mote_flex_uint(&ref, &u, &why), MOTE_ERR_CORRUPT_MODEL);
  CHECK(why != NULL && strstr(why, "unsigned") != NULL);
  CHECK_EQ_INT(mote_flex_float(&ref, &d, NULL), MOTE_OK);
  CHECK(d == -300.0);
  CHECK_EQ_INT(mote_flex_bool(&ref, &b, NULL), MOTE_OK);
  CHECK(b);

  ref = must_find(kScalars, sizeof kScalars, "b");
  CHECK_EQ_INT(mote_flex_uint(&ref, &u, NULL), MOTE_OK);
  CHECK(u == ((uint64_t)1 << 63) + 1);
  CHECK_EQ_INT(mote_flex_int(&ref, &i, NULL), MOTE_ERR_CORRUPT_MODEL);

  ref = must_find(kScalars, sizeof kScalars, "c");
  CHECK_EQ_INT(mote_flex_float(&ref, &d, NULL), MOTE_OK);
  CHECK(d == 1.5);
  CHECK_EQ_INT(mote_flex_int(&ref, &i, NULL), MOTE_ERR_CORRUPT_MODEL);
  CHECK_EQ_INT(mote_flex_bool(&ref, &b, NULL), MOTE_ERR_CORRUPT_MODEL);

  ref = must_find(kScalars, sizeof kScalars, "d");
  CHECK_EQ_INT(mote_flex_bool(&ref, &b, NULL), MOTE_OK);
  CHECK(b);
  CHECK_EQ_INT(mote_flex_int(&ref, &i, NULL), MOTE_OK);
  CHECK_EQ_INT(i, 1);

  ref = must_find(kScalars, sizeof kScalars, "e");
  CHECK_EQ_INT(mote_flex_int(&ref, &i, NULL), MOTE_OK);
  CHECK_EQ_INT(i, -70000);

  ref = must_find(kScalars, sizeof kScalars, "f");
  CHECK_EQ_INT(mote_flex_uint(&ref, &u, NULL), MOTE_OK);
  CHECK(u == 7);
  /* A scalar is not a vector. */
  CHECK_EQ_INT(mote_flex_int_vector(&ref, &i, 1, (uint32_t *)&u, NULL),
               MOTE_ERR_CORRUPT_MODEL);
}

static void test_vectors(void) {
  mote_flex_ref_t ref;
  int64_t v[8];
  uint32_t n = 0;
  const char *why = NULL;
  ref = must_find(kVectors, sizeof kVectors, "typed");
  CHECK_EQ_INT(mote_flex_int_vector(&ref, v, 8, &n, NULL), MOTE_OK);
  CHECK_EQ_INT(n, 4);
  CHECK(v[0] == 1 && v[1] == -2 && v[2] == 3 && v[3] == 4);
  memset(v, 0, sizeof v);
  CHECK_EQ_INT(mote_flex_int_vector(&ref, v, 2, &n, NULL), MOTE_ERR_CAPACITY);
  CHECK_EQ_INT(n, 4);
  CHECK(v[0] == 1 && v[1] == -2 && v[2] == 0);
  CHECK_EQ_INT(mote_flex_int(&ref, v, NULL), MOTE_ERR_CORRUPT_MODEL);

  ref = must_find(kVectors, sizeof kVectors, "fixed");
  CHECK_EQ_INT(mote_flex_int_vector(&ref, v, 8, &n, NULL), MOTE_OK);
  CHECK_EQ_INT(n, 3);
  CHECK(v[0] == 7 && v[1] == -8 && v[2] == 9);

  ref = must_find(kVectors, sizeof kVectors, "mixed");
  CHECK_EQ_INT(mote_flex_int_vector(&ref, v, 8, &n, NULL), MOTE_OK);
  CHECK_EQ_INT(n, 3);
  CHECK(v[0] == -5 && v[1] == 200 && v[2] == 1);

  ref = must_find(kVectors, sizeof kVectors, "notint");
  CHECK_EQ_INT(mote_flex_int_vector(&ref, v, 8, &n, &why),
               MOTE_ERR_CORRUPT_MODEL);
  CHECK(why != NULL && strstr(why, "element") != NULL);
}

static mote_status_t open_copy(const uint8_t *src, uint32_t len,
                               const char **why) {
  mote_flex_map_t map;
  return mote_flex_root_map(src, len, &map, why);
}

static void test_malformed(void) {
  uint8_t b[64];
  const char *why = NULL;
  mote_flex_map_t map;
  mote_flex_ref_t ref;
  bool found;
  uint32_t len;
  static const uint8_t int_root[3] = {0x05, 0x04, 0x01}; /* INT 5 */
  CHECK_EQ_INT(mote_flex_root_map(NULL, 4, &map, NULL), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_flex_root_map(kWindow, sizeof kWindow, NULL, NULL),
               MOTE_ERR_BAD_ARG);
  for (len = 0; len < 3; ++len) {
    CHECK_EQ_INT(open_copy(kWindow, len, NULL), MOTE_ERR_CORRUPT_MODEL);
  }
  CHECK_EQ_INT(open_copy(int_root, sizeof int_root, &why),
               MOTE_ERR_CORRUPT_MODEL);
  CHECK(why != NULL && strstr(why, "not a map") != NULL);

  /* Root width 3; root width beyond the buffer. */
  memcpy(b, kWindow, sizeof kWindow);
  b[15] = 3;
  CHECK_EQ_INT(open_copy(b, sizeof kWindow, NULL), MOTE_ERR_CORRUPT_MODEL);
  b[15] = 8;
  CHECK_EQ_INT(open_copy(b, 9, NULL), MOTE_ERR_CORRUPT_MODEL);
  /* Map offset pointing before the buffer. */
  memcpy(b, kWindow, sizeof kWindow);
  b[13] = 0x40;
  CHECK_EQ_INT(open_copy(b, sizeof kWindow, &why), MOTE_ERR_CORRUPT_MODEL);
  /* Map length running past the end. */
  memcpy(b, kWindow, sizeof kWindow);
  b[10] = 0xff;
  CHECK_EQ_INT(open_copy(b, sizeof kWindow, NULL), MOTE_ERR_CORRUPT_MODEL);
  /* Key vector length disagreeing with the map. */
  memcpy(b, kWindow, sizeof kWindow);
  b[6] = 2;
  CHECK_EQ_INT(open_copy(b, sizeof kWindow, NULL), MOTE_ERR_CORRUPT_MODEL);
  /* Key width 3. */
  memcpy(b, kWindow, sizeof kWindow);
  b[9] = 3;
  CHECK_EQ_INT(open_copy(b, sizeof kWindow, NULL), MOTE_ERR_CORRUPT_MODEL);
  /* An unterminated key is found corrupt on lookup. */
  memcpy(b, kWindow, sizeof kWindow);
  b[5] = 'x';
  CHECK_EQ_INT(mote_flex_root_map(b, sizeof kWindow, &map, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_flex_map_find(&map, "shift", &ref, &found, &why),
               MOTE_ERR_CORRUPT_MODEL);
  CHECK(why != NULL && strstr(why, "NUL") != NULL);
  /* A key offset reaching before the buffer. */
  memcpy(b, kWindow, sizeof kWindow);
  b[7] = 0x20;
  CHECK_EQ_INT(mote_flex_root_map(b, sizeof kWindow, &map, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_flex_map_find(&map, "shift", &ref, &found, NULL),
               MOTE_ERR_CORRUPT_MODEL);
  /* A value of a non-number type. */
  memcpy(b, kWindow, sizeof kWindow);
  b[12] = 0x14; /* STRING */
  {
    int64_t v;
    CHECK_EQ_INT(mote_flex_root_map(b, sizeof kWindow, &map, NULL), MOTE_OK);
    CHECK_EQ_INT(mote_flex_map_find(&map, "shift", &ref, &found, NULL),
                 MOTE_OK);
    CHECK_EQ_INT(mote_flex_int(&ref, &v, NULL), MOTE_ERR_CORRUPT_MODEL);
  }
}

/* Reads everything a kernel could read; returns the worst status seen. */
static int traverse(const uint8_t *buf, uint32_t len) {
  static const char *const keys[] = {"shift",
                                     "T",
                                     "fft_length",
                                     "input_correction_bits",
                                     "output_scale",
                                     "a",
                                     "b",
                                     "c",
                                     "d",
                                     "e",
                                     "f",
                                     "fixed",
                                     "mixed",
                                     "notint",
                                     "typed"};
  mote_flex_map_t map;
  size_t k;
  mote_status_t st = mote_flex_root_map(buf, len, &map, NULL);
  if (st != MOTE_OK) {
    return st == MOTE_ERR_CORRUPT_MODEL;
  }
  for (k = 0; k < sizeof keys / sizeof keys[0]; ++k) {
    mote_flex_ref_t ref;
    bool found = false, b;
    int64_t i, v[4];
    uint64_t u;
    double d;
    uint32_t n;
    st = mote_flex_map_find(&map, keys[k], &ref, &found, NULL);
    if (st != MOTE_OK) {
      if (st != MOTE_ERR_CORRUPT_MODEL) {
        return 0;
      }
      continue;
    }
    if (!found) {
      continue;
    }
    /* Only the statuses the header documents may come back. */
    st = mote_flex_int(&ref, &i, NULL);
    if (st != MOTE_OK && st != MOTE_ERR_CORRUPT_MODEL) {
      return 0;
    }
    st = mote_flex_uint(&ref, &u, NULL);
    if (st != MOTE_OK && st != MOTE_ERR_CORRUPT_MODEL) {
      return 0;
    }
    st = mote_flex_float(&ref, &d, NULL);
    if (st != MOTE_OK && st != MOTE_ERR_CORRUPT_MODEL) {
      return 0;
    }
    st = mote_flex_bool(&ref, &b, NULL);
    if (st != MOTE_OK && st != MOTE_ERR_CORRUPT_MODEL) {
      return 0;
    }
    st = mote_flex_int_vector(&ref, v, 4, &n, NULL);
    if (st != MOTE_OK && st != MOTE_ERR_CORRUPT_MODEL &&
        st != MOTE_ERR_CAPACITY) {
      return 0;
    }
  }
  return 1;
}

static void sweep(const uint8_t *src, uint32_t len) {
  static const uint8_t values[] = {0x00, 0x01, 0x02, 0x04, 0x08, 0x24,
                                   0x25, 0x2c, 0x7f, 0x80, 0xfe, 0xff};
  uint32_t pos, cut;
  size_t v;
  int ok = 1;
  for (pos = 0; pos < len; ++pos) {
    for (v = 0; v < sizeof values; ++v) {
      uint8_t *b = (uint8_t *)malloc(len);
      memcpy(b, src, len);
      b[pos] = values[v];
      ok &= traverse(b, len);
      free(b);
    }
  }
  /* Cut short from the front (the root moves) and from the back. */
  for (cut = 0; cut <= len; ++cut) {
    uint8_t *b = (uint8_t *)malloc(cut ? cut : 1);
    memcpy(b, src + (len - cut), cut);
    ok &= traverse(b, cut);
    memcpy(b, src, cut);
    ok &= traverse(b, cut);
    free(b);
  }
  CHECK(ok);
}

static void test_mutation_sweep(void) {
  sweep(kWindow, sizeof kWindow);
  sweep(kEmpty, sizeof kEmpty);
  sweep(kRfft, sizeof kRfft);
  sweep(kLog, sizeof kLog);
  sweep(kScalars, sizeof kScalars);
  sweep(kVectors, sizeof kVectors);
}

int main(void) {
  MOTE_RUN(test_model_options);
  MOTE_RUN(test_scalars);
  MOTE_RUN(test_vectors);
  MOTE_RUN(test_malformed);
  MOTE_RUN(test_mutation_sweep);
  return MOTE_TEST_END();
}
