/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CAST against C conversions written out here: two's-complement
 * truncation for integer narrowing, round-to-nearest for integer to
 * float, truncation toward zero for float to integer, and the x86-64
 * results TFLM's golden build gives for floats out of range.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernels/cast.h"
#include "test.h"

/* The cases give the types per call, as the compute function once took
 * them; this adapter calls the bound function. */
static void cast(mote_type_t in_type, const void *in, mote_type_t out_type,
                 void *out, int32_t n) {
  mote_cast_params_t p;
  p.in_type = (uint8_t)in_type;
  p.out_type = (uint8_t)out_type;
  mote_cast(&p, in, out, n);
}

static void test_supported(void) {
  CHECK(mote_cast_supported(MOTE_TYPE_UINT32, MOTE_TYPE_INT32));
  CHECK(mote_cast_supported(MOTE_TYPE_BOOL, MOTE_TYPE_FLOAT32));
  CHECK(mote_cast_supported(MOTE_TYPE_INT16, MOTE_TYPE_FLOAT32));
  CHECK(!mote_cast_supported(MOTE_TYPE_INT32, MOTE_TYPE_BOOL));
  CHECK(!mote_cast_supported(MOTE_TYPE_UINT8, MOTE_TYPE_INT8));
  CHECK(!mote_cast_supported(MOTE_TYPE_FLOAT32, MOTE_TYPE_INT64));
}

static void test_integers(void) {
  static const int32_t in[6] = {0, 127, 128, -129, 70000, INT32_MIN};
  static const uint32_t uin[3] = {0xFFFFFFFFu, 0x80000000u, 5};
  int8_t o8[6];
  int16_t o16[6];
  uint32_t ou[6];
  int32_t o32[3];
  float of[3];
  int i;
  cast(MOTE_TYPE_INT32, in, MOTE_TYPE_INT8, o8, 6);
  cast(MOTE_TYPE_INT32, in, MOTE_TYPE_INT16, o16, 6);
  cast(MOTE_TYPE_INT32, in, MOTE_TYPE_UINT32, ou, 6);
  for (i = 0; i < 6; ++i) {
    CHECK_EQ_INT(o8[i], (int8_t)(uint8_t)((uint32_t)in[i] & 0xFFu));
    CHECK_EQ_INT(o16[i], (int16_t)(uint16_t)((uint32_t)in[i] & 0xFFFFu));
    CHECK(ou[i] == (uint32_t)in[i]);
  }
  CHECK_EQ_INT(o8[2], -128);
  CHECK_EQ_INT(o16[4], 70000 - 65536);
  cast(MOTE_TYPE_UINT32, uin, MOTE_TYPE_INT32, o32, 3);
  CHECK(o32[0] == -1 && o32[1] == INT32_MIN && o32[2] == 5);
  /* uint32 to float rounds to nearest: 2^32 - 1 becomes 2^32. */
  cast(MOTE_TYPE_UINT32, uin, MOTE_TYPE_FLOAT32, of, 3);
  CHECK(of[0] == 4294967296.0f && of[1] == 2147483648.0f && of[2] == 5.0f);
  {
    static const int16_t s16[3] = {-32768, 1, 32767};
    cast(MOTE_TYPE_INT16, s16, MOTE_TYPE_FLOAT32, of, 3);
    CHECK(of[0] == -32768.0f && of[2] == 32767.0f);
    cast(MOTE_TYPE_INT16, s16, MOTE_TYPE_INT32, o32, 3);
    CHECK(o32[0] == -32768 && o32[2] == 32767);
  }
  {
    static const uint8_t b[3] = {0, 1, 7};
    cast(MOTE_TYPE_BOOL, b, MOTE_TYPE_INT32, o32, 3);
    CHECK(o32[0] == 0 && o32[1] == 1 && o32[2] == 1);
  }
  {
    /* 2^24 + 1 is the first int32 a float cannot hold: ties to even. */
    static const int32_t big[2] = {16777217, -16777219};
    cast(MOTE_TYPE_INT32, big, MOTE_TYPE_FLOAT32, of, 2);
    CHECK(of[0] == 16777216.0f && of[1] == -16777220.0f);
  }
}

static void test_floats(void) {
  const float in[8] = {1.9f, -1.9f, 300.5f, -0.5f, 3.0e9f, -3.0e9f, NAN, -1.0f};
  int8_t o8[8];
  int32_t o32[8];
  uint32_t ou[8];
  float of[8];
  int i;
  cast(MOTE_TYPE_FLOAT32, in, MOTE_TYPE_INT32, o32, 8);
  CHECK(o32[0] == 1 && o32[1] == -1 && o32[2] == 300 && o32[3] == 0);
  /* Out of range and NaN: x86's "integer indefinite", INT32_MIN. */
  CHECK(o32[4] == INT32_MIN && o32[5] == INT32_MIN && o32[6] == INT32_MIN);
  cast(MOTE_TYPE_FLOAT32, in, MOTE_TYPE_INT8, o8, 8);
  CHECK(o8[0] == 1 && o8[2] == 44 && o8[4] == 0 && o8[7] == -1);
  /* uint32 goes through a 64-bit conversion: -1.0 is 0xFFFFFFFF and
   * 3e9 fits. */
  cast(MOTE_TYPE_FLOAT32, in, MOTE_TYPE_UINT32, ou, 8);
  CHECK(ou[4] == 3000000000u && ou[7] == 0xFFFFFFFFu && ou[6] == 0);
  CHECK(ou[5] == (uint32_t)(int64_t)-3000000000LL);
  cast(MOTE_TYPE_FLOAT32, in, MOTE_TYPE_FLOAT32, of, 8);
  for (i = 0; i < 8; ++i) {
    CHECK(memcmp(&of[i], &in[i], sizeof of[i]) == 0);
  }
}

int main(void) {
  MOTE_RUN(test_supported);
  MOTE_RUN(test_integers);
  MOTE_RUN(test_floats);
  return MOTE_TEST_END();
}
