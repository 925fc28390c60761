/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference DEQUANTIZE (dequantize.h).
 *
 * TFLM keeps the scale as a double and computes scale * (q - zero_point)
 * in double before narrowing to float. That product of a 24-bit and a
 * 17-bit integer is exact in double, so the narrowing is its only
 * rounding: exactly what one single-precision multiply does. The float
 * multiply is used here, sparing MCUs with a single-precision FPU a
 * software double per element. float16 is widened bit by bit, which is
 * exact, so any implementation gives the same floats.
 */
#include <string.h>

#include "kernels/dequantize.h"

void mote_dequantize_ref(const mote_dequantize_params_t *p, const void *input,
                         float *output, int32_t n) {
  const float scale = p->scale; /* locals: a float store may alias p */
  const int32_t zero_point = p->zero_point;
  int32_t i;
  switch (p->in_type) {
  case MOTE_TYPE_UINT8:
    for (i = 0; i < n; ++i) {
      output[i] = scale * (float)(((const uint8_t *)input)[i] - zero_point);
    }
    break;
  case MOTE_TYPE_INT16:
    for (i = 0; i < n; ++i) {
      output[i] = scale * (float)(((const int16_t *)input)[i] - zero_point);
    }
    break;
  default:
    for (i = 0; i < n; ++i) {
      output[i] = scale * (float)(((const int8_t *)input)[i] - zero_point);
    }
    break;
  }
}

void mote_dequantize_f16_ref(const uint16_t *input, float *output, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const uint32_t h = input[i];
    const uint32_t sign = (h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1Fu;
    uint32_t man = h & 0x3FFu;
    uint32_t bits;
    if (exp == 0x1Fu) {
      bits = sign | 0x7F800000u | (man << 13);
    } else if (exp != 0) {
      bits = sign | ((exp + 112u) << 23) | (man << 13);
    } else if (man == 0) {
      bits = sign;
    } else {
      /* Subnormal half: value man * 2^-24; shift the leading 1 up to
       * bit 10, which sets the float exponent. */
      uint32_t e = 113u;
      while ((man & 0x400u) == 0) {
        man <<= 1;
        --e;
      }
      bits = sign | (e << 23) | ((man & 0x3FFu) << 13);
    }
    memcpy(&output[i], &bits, sizeof bits);
  }
}
