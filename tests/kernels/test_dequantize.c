/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DEQUANTIZE kernel: every int8 and uint8 value and sampled int16 ones
 * against TFLite's formula as written, scale * (q - zero_point) in double
 * narrowed to float (the kernel multiplies in float; the exact product
 * has at most 41 significant bits, so both round once) and against long
 * double within half a float ulp; float16 bit patterns against the
 * binary16 definition evaluated in double.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "arith_ref.h"
#include "kernels/dequantize.h"
#include "test.h"

/* The cases give the type, scale and zero point per call, as the compute
 * function once took them; this adapter calls the bound function. */
static void dequantize(mote_type_t type, const void *in, int32_t n, float scale,
                       int32_t zero_point, float *out) {
  mote_dequantize_params_t p;
  p.scale = scale;
  p.zero_point = zero_point;
  p.in_type = (uint8_t)type;
  mote_dequantize(&p, in, out, n);
}

static void check_one(float got, float scale, int32_t q, int32_t zp) {
  const float want = (float)((double)scale * (double)(q - zp));
  const long double exact = (long double)scale * (q - zp);
  CHECK(got == want);
  CHECK(fabsl((long double)got - exact) <=
        fabsl(exact) * (long double)FLT_EPSILON / 2.0L);
}

static void test_int8_all(void) {
  static const float scales[] = {0.07054788619279861f, 1.0f, 3.1e-5f, 17.5f};
  static const int32_t zps[] = {-9, 0, 127, -128};
  int8_t in[256];
  float out[256];
  int i, k;
  for (i = 0; i < 256; ++i) {
    in[i] = (int8_t)(i - 128);
  }
  for (k = 0; k < 4; ++k) {
    dequantize(MOTE_TYPE_INT8, in, 256, scales[k], zps[k], out);
    for (i = 0; i < 256; ++i) {
      check_one(out[i], scales[k], in[i], zps[k]);
    }
  }
}

static void test_uint8_all(void) {
  uint8_t in[256];
  float out[256];
  int i;
  for (i = 0; i < 256; ++i) {
    in[i] = (uint8_t)i;
  }
  dequantize(MOTE_TYPE_UINT8, in, 256, 0.0039215686f, 128, out);
  for (i = 0; i < 256; ++i) {
    check_one(out[i], 0.0039215686f, in[i], 128);
  }
  CHECK(out[128] == 0.0f);
}

static void test_int16(void) {
  int16_t in[1000];
  float out[1000];
  int i;
  for (i = 0; i < 1000; ++i) {
    in[i] = (int16_t)(i < 2 ? (i == 0 ? INT16_MIN : INT16_MAX)
                            : ref_rand_range(INT16_MIN, INT16_MAX));
  }
  dequantize(MOTE_TYPE_INT16, in, 1000, 1.5259021893143654e-05f, 0, out);
  for (i = 0; i < 1000; ++i) {
    check_one(out[i], 1.5259021893143654e-05f, in[i], 0);
  }
  /* A nonzero int16 zero point (allowed by the formula) as well. */
  dequantize(MOTE_TYPE_INT16, in, 1000, 0.001f, -32768, out);
  for (i = 0; i < 1000; ++i) {
    check_one(out[i], 0.001f, in[i], -32768);
  }
}

/* binary16 by its definition: (-1)^s * 2^(e-15) * 1.m, or 2^-14 * 0.m. */
static double ref_half(uint16_t h) {
  const int s = h >> 15, e = (h >> 10) & 0x1F, m = h & 0x3FF;
  double v;
  if (e == 0x1F) {
    v = m ? NAN : INFINITY;
  } else if (e == 0) {
    v = ldexp((double)m, -24);
  } else {
    v = ldexp(1.0 + (double)m / 1024.0, e - 15);
  }
  return s ? -v : v;
}

static void test_float16(void) {
  static const uint16_t hand[] = {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF,
                                  0x0400, 0x7C00, 0xFC00, 0x8000, 0x3555};
  uint16_t in[1024];
  float out[1024];
  int i;
  for (i = 0; i < 1024; ++i) {
    in[i] = i < 10 ? hand[i] : (uint16_t)ref_rand();
  }
  mote_dequantize_f16(in, out, 1024);
  CHECK(out[0] == 1.0f && out[1] == -2.0f && out[2] == 65504.0f);
  CHECK(out[3] == 5.9604644775390625e-08f && out[6] == INFINITY);
  CHECK(signbit(out[8]) && out[8] == 0.0f);
  for (i = 0; i < 1024; ++i) {
    const double want = ref_half(in[i]);
    if (isnan(want)) {
      CHECK(isnan(out[i]));
    } else {
      CHECK((double)out[i] == want);
    }
  }
}

int main(void) {
  MOTE_RUN(test_int8_all);
  MOTE_RUN(test_uint8_all);
  MOTE_RUN(test_int16);
  MOTE_RUN(test_float16);
  return MOTE_TEST_END();
}
