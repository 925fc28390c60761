/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CRC-32 (common/crc32.h): the IEEE check value, the empty message,
 * chaining over any split, and agreement with a bit-at-a-time reference
 * over random data.
 */
#include <stdint.h>
#include <string.h>

#include "common/crc32.h"
#include "test.h"

/* The textbook definition, one bit at a time, for comparison. */
static uint32_t crc_bitwise(const uint8_t *p, size_t n) {
  uint32_t crc = 0xFFFFFFFFu;
  size_t i;
  int k;
  for (i = 0; i < n; i++) {
    crc ^= p[i];
    for (k = 0; k < 8; k++) {
      crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
  }
  return ~crc;
}

static void test_check_value(void) {
  CHECK_EQ_INT(mote_crc32(0, "123456789", 9), 0xCBF43926u);
  /* zlib's crc32(0, "The quick brown fox jumps over the lazy dog", 43) */
  CHECK_EQ_INT(
      mote_crc32(0, "The quick brown fox jumps over the lazy dog", 43),
      0x414FA339u);
}

static void test_empty(void) {
  CHECK_EQ_INT(mote_crc32(0, NULL, 0), 0u);
  CHECK_EQ_INT(mote_crc32(0x12345678u, NULL, 0), 0x12345678u);
  CHECK_EQ_INT(mote_crc32(0, "a", 1), 0xE8B7BE43u);
}

static void test_chaining(void) {
  const char *msg = "123456789";
  size_t cut;
  for (cut = 0; cut <= 9; cut++) {
    CHECK_EQ_INT(mote_crc32(mote_crc32(0, msg, cut), msg + cut, 9 - cut),
                 0xCBF43926u);
  }
}

static void test_random_against_bitwise(void) {
  uint8_t buf[1031];
  uint32_t s = 12345u;
  size_t i;
  for (i = 0; i < sizeof buf; i++) {
    s = s * 1103515245u + 12345u;
    buf[i] = (uint8_t)(s >> 16);
  }
  for (i = 0; i <= sizeof buf; i += 103) {
    CHECK_EQ_INT(mote_crc32(0, buf, i), crc_bitwise(buf, i));
    CHECK_EQ_INT(mote_crc32(mote_crc32(0, buf, i / 3), buf + i / 3, i - i / 3),
                 crc_bitwise(buf, i));
  }
}

int main(void) {
  MOTE_RUN(test_check_value);
  MOTE_RUN(test_empty);
  MOTE_RUN(test_chaining);
  MOTE_RUN(test_random_against_bitwise);
  return MOTE_TEST_END();
}
