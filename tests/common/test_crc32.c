/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CRC-32 (common/crc32.h): the IEEE check value, the empty string, and
 * that a checksum continued piece by piece equals one over the whole.
 */
#include <string.h>

#include "test.h"
#include "common/crc32.h"

static void test_check_value(void) {
  CHECK_EQ_INT(mote_crc32(0, "123456789", 9), 0xCBF43926u);
  CHECK_EQ_INT(mote_crc32(0, "", 0), 0);
  CHECK_EQ_INT(mote_crc32(0, "a", 1), 0xE8B7BE43u);
}

static void test_chained(void) {
  uint8_t data[300];
  size_t i;
  size_t cut;
  for (i = 0; i < sizeof data; i++) {
    data[i] = (uint8_t)(i * 37u + 11u);
  }
  for (cut = 0; cut <= sizeof data; cut += 7) {
    const uint32_t part = mote_crc32(mote_crc32(0, data, cut), data + cut, sizeof data - cut);
    CHECK_EQ_INT(part, mote_crc32(0, data, sizeof data));
  }
}

int main(void) {
  MOTE_RUN(test_check_value);
  MOTE_RUN(test_chained);
  return MOTE_TEST_END();
}
