/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tensor helpers: element sizes, type names, dimension and per-channel
 * quantization access.
 */
#include <string.h>

#include "mote/tensor.h"

size_t mote_type_size(mote_type_t type) {
  switch (type) {
  case MOTE_TYPE_FLOAT32: return 4;
  case MOTE_TYPE_FLOAT16: return 2;
  case MOTE_TYPE_INT32: return 4;
  case MOTE_TYPE_UINT8: return 1;
  case MOTE_TYPE_INT64: return 8;
  case MOTE_TYPE_BOOL: return 1;
  case MOTE_TYPE_INT16: return 2;
  case MOTE_TYPE_COMPLEX64: return 8;
  case MOTE_TYPE_INT8: return 1;
  case MOTE_TYPE_FLOAT64: return 8;
  case MOTE_TYPE_COMPLEX128: return 16;
  case MOTE_TYPE_UINT64: return 8;
  case MOTE_TYPE_UINT32: return 4;
  case MOTE_TYPE_UINT16: return 2;
  case MOTE_TYPE_BFLOAT16: return 2;
  /* A resource handle holds a resource variable's id, as in TFLM. */
  case MOTE_TYPE_RESOURCE: return 4;
  default: return 0; /* string, variant, int4 (packed) */
  }
}

const char *mote_type_name(mote_type_t type) {
  static const char *const names[MOTE_TYPE_COUNT_] = {
      "float32", "float16", "int32",  "uint8",      "int64",
      "string",  "bool",    "int16",  "complex64",  "int8",
      "float64", "complex128", "uint64", "resource", "variant",
      "uint32",  "uint16",  "int4",   "bfloat16"};
  /* One unsigned compare: arm-none-eabi makes enums one unsigned byte, so
   * a `< 0` test would be always false there (and a -Wtype-limits error). */
  if ((unsigned)type >= (unsigned)MOTE_TYPE_COUNT_) {
    return "unknown";
  }
  return names[type];
}

int32_t mote_tensor_elements(const mote_tensor_t *t) {
  int32_t n = 1;
  uint8_t i;
  for (i = 0; i < t->rank; i++) {
    n *= t->dims[i];
  }
  return n;
}

int32_t mote_tensor_dim(const mote_tensor_t *t, int i) {
  if (i < 0) {
    i += t->rank;
  }
  if (i < 0 || i >= t->rank) {
    return 1;
  }
  return t->dims[i];
}

float mote_tensor_channel_scale(const mote_tensor_t *t, uint32_t c) {
  const uint8_t *b;
  uint32_t u;
  float f;
  if (t->quant_scales_ == NULL || c >= t->quant_count) {
    return 0.0f;
  }
  b = t->quant_scales_ + 4u * c;
  u = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) |
      ((uint32_t)b[3] << 24);
  memcpy(&f, &u, sizeof f);
  return f;
}

int32_t mote_tensor_channel_zero_point(const mote_tensor_t *t, uint32_t c) {
  const uint8_t *b;
  uint32_t lo;
  int32_t v;
  if (t->quant_zero_points_ == NULL || c >= t->quant_count) {
    return 0;
  }
  /* int64 in the model; the verifier keeps values within int32. */
  b = t->quant_zero_points_ + 8u * c;
  lo = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) |
       ((uint32_t)b[3] << 24);
  memcpy(&v, &lo, sizeof v);
  return v;
}
