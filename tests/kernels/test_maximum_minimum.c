/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MAXIMUM and MINIMUM over every supported type and a broadcast shape,
 * against element-wise comparisons indexed directly, plus TFLM's NaN
 * behaviour (the comparison is false, so the second operand wins).
 */
#include <math.h>
#include <stdint.h>

#include "kernels/maximum_minimum.h"
#include "test.h"

/* out[2][3] = f(a[2][1], b[3]): a repeats along columns, b along rows. */
static const int32_t kA[2] = {2, 1}, kB[1] = {3}, kOut[2] = {2, 3};

static mote_bcast_t shape(void) {
  mote_bcast_t b;
  int bad = 0;
  CHECK_EQ_INT(mote_bcast_init(&b, kA, 2, kB, 1, kOut, 2, &bad), MOTE_OK);
  return b;
}

#define CHECK_TYPE(T, FN, A0, A1, B0, B1, B2)                                  \
  do {                                                                         \
    const T a[2] = {A0, A1};                                                   \
    const T b[3] = {B0, B1, B2};                                               \
    T hi[6], lo[6];                                                            \
    mote_bcast_t bc = shape();                                                 \
    int r, c;                                                                  \
    FN(true, &bc, a, b, hi);                                                   \
    FN(false, &bc, a, b, lo);                                                  \
    for (r = 0; r < 2; ++r) {                                                  \
      for (c = 0; c < 3; ++c) {                                                \
        CHECK(hi[r * 3 + c] == (a[r] > b[c] ? a[r] : b[c]));                   \
        CHECK(lo[r * 3 + c] == (a[r] < b[c] ? a[r] : b[c]));                   \
      }                                                                        \
    }                                                                          \
  } while (0)

static void test_types(void) {
  CHECK_TYPE(float, mote_max_min_f32, -1.5f, 2.0f, 0.0f, -3.0f, 2.0f);
  CHECK_TYPE(int8_t, mote_max_min_s8, -128, 127, 0, -1, 127);
  CHECK_TYPE(int16_t, mote_max_min_s16, -32768, 5, 4, 6, -32767);
  CHECK_TYPE(int32_t, mote_max_min_s32, INT32_MIN, 10, 9, 11, INT32_MAX);
  CHECK_TYPE(int64_t, mote_max_min_s64, INT64_MIN, (int64_t)1 << 40, 0,
             ((int64_t)1 << 40) + 1, -1);
}

static void test_nan(void) {
  static const int32_t d[1] = {2};
  const float a[2] = {NAN, 1.0f};
  const float b[2] = {1.0f, NAN};
  float out[2];
  mote_bcast_t bc;
  int bad = 0;
  CHECK_EQ_INT(mote_bcast_init(&bc, d, 1, d, 1, d, 1, &bad), MOTE_OK);
  mote_max_min_f32(true, &bc, a, b, out);
  CHECK(out[0] == 1.0f && out[1] != out[1]);
  mote_max_min_f32(false, &bc, a, b, out);
  CHECK(out[0] == 1.0f && out[1] != out[1]);
}

int main(void) {
  MOTE_RUN(test_types);
  MOTE_RUN(test_nan);
  return MOTE_TEST_END();
}
