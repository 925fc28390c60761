/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference CAST (cast.h): converts every element to the output type, as
 * C++ static_cast in TFLM's kernel.
 *
 * Integer to narrower integer keeps the low bits (two's complement, as
 * every TFLM target does). Integer to float rounds to nearest. Float to
 * integer truncates toward zero; out-of-range values and NaN are
 * undefined in C++, and mote gives what the x86-64 TFLM build that made
 * the golden data gives: int8, int16 and int32 go through a 32-bit
 * conversion whose overflow result is INT32_MIN, then keep the low bits;
 * uint32 goes through a 64-bit conversion (overflow INT64_MIN) and keeps
 * the low 32 bits, so -1.0f becomes 0xFFFFFFFF. Bool reads as 0 or 1.
 *
 * Each element is widened to int64 or float, then narrowed: one loop per
 * input type and a switch per element is not the fastest CAST, but CAST
 * is rare and small in the models mote targets.
 */
#include <string.h>

#include "kernels/cast.h"

static int64_t f32_to_i64_x86(float x, int wide) {
  if (!wide) {
    if (!(x > -2147483649.0f && x < 2147483648.0f)) {
      return INT32_MIN;
    }
  } else if (!(x >= -9223372036854775808.0f && x < 9223372036854775808.0f)) {
    return INT64_MIN;
  }
  return (int64_t)x;
}

static void store_int(mote_type_t t, void *out, int32_t i, int64_t v) {
  /* Low bits, two's complement. */
  const uint64_t u = (uint64_t)v;
  switch (t) {
  case MOTE_TYPE_INT8:
    ((int8_t *)out)[i] = (int8_t)(uint8_t)u;
    break;
  case MOTE_TYPE_INT16:
    ((int16_t *)out)[i] = (int16_t)(uint16_t)u;
    break;
  case MOTE_TYPE_INT32:
    ((int32_t *)out)[i] = (int32_t)(uint32_t)u;
    break;
  default: /* uint32 */
    ((uint32_t *)out)[i] = (uint32_t)u;
    break;
  }
}

static int64_t load_int(mote_type_t t, const void *in, int32_t i) {
  switch (t) {
  case MOTE_TYPE_INT8:
    return ((const int8_t *)in)[i];
  case MOTE_TYPE_INT16:
    return ((const int16_t *)in)[i];
  case MOTE_TYPE_INT32:
    return ((const int32_t *)in)[i];
  case MOTE_TYPE_UINT32:
    return ((const uint32_t *)in)[i];
  default: /* bool, one byte */
    return ((const uint8_t *)in)[i] != 0;
  }
}

void mote_cast_ref(const mote_cast_params_t *p, const void *input, void *output,
                   int32_t n) {
  const mote_type_t in_type = (mote_type_t)p->in_type;
  const mote_type_t out_type = (mote_type_t)p->out_type;
  int32_t i;
  if (in_type == MOTE_TYPE_FLOAT32) {
    const float *src = (const float *)input;
    if (out_type == MOTE_TYPE_FLOAT32) {
      memmove(output, input, (size_t)n * sizeof(float));
      return;
    }
    for (i = 0; i < n; ++i) {
      store_int(out_type, output, i,
                f32_to_i64_x86(src[i], out_type == MOTE_TYPE_UINT32));
    }
    return;
  }
  for (i = 0; i < n; ++i) {
    const int64_t v = load_int(in_type, input, i);
    if (out_type == MOTE_TYPE_FLOAT32) {
      ((float *)output)[i] = (float)v;
    } else {
      store_int(out_type, output, i, v);
    }
  }
}
