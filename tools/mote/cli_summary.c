/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading tensor elements and summarising outputs for `mote run`.
 *
 * Every numeric type is read element by element into a double: exact for
 * all 8-, 16- and 32-bit types and float32, approximate for 64-bit
 * integers past 2^53, which is fine for a summary (the .bin files written
 * next to it hold the exact bytes). Quantized tensors are also shown
 * dequantized, (q - zero_point) * scale, per channel when the tensor has
 * per-channel parameters.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Outputs with at most this many elements are printed in full. */
#define CLI_SUMMARY_MAX_VALUES 16

void cli_format_dims(const int32_t *dims, int rank, char *buf, size_t cap) {
  size_t len = 0;
  int i;
  if (cap == 0) {
    return;
  }
  buf[0] = '\0';
  len += (size_t)snprintf(buf + len, cap - len, "[");
  for (i = 0; i < rank && len < cap; i++) {
    len += (size_t)snprintf(buf + len, cap - len, "%s%ld", i ? ", " : "",
                            (long)dims[i]);
  }
  if (len < cap) {
    snprintf(buf + len, cap - len, "]");
  }
}

void cli_format_shape(const mote_tensor_t *t, char *buf, size_t cap) {
  cli_format_dims(t->dims, t->rank, buf, cap);
}

static float half_to_float(uint16_t h) {
  uint32_t sign = (uint32_t)(h >> 15) << 31;
  uint32_t exp = (h >> 10) & 0x1Fu;
  uint32_t man = h & 0x3FFu;
  uint32_t bits;
  float f;
  if (exp == 0x1Fu) {
    bits = sign | 0x7F800000u | (man << 13); /* infinity or NaN */
  } else if (exp != 0) {
    bits = sign | ((exp + 112u) << 23) | (man << 13);
  } else if (man == 0) {
    bits = sign;
  } else {
    /* Subnormal half: normalise into a float32. */
    exp = 113;
    while ((man & 0x400u) == 0) {
      man <<= 1;
      exp--;
    }
    bits = sign | (exp << 23) | ((man & 0x3FFu) << 13);
  }
  memcpy(&f, &bits, sizeof f);
  return f;
}

int cli_tensor_value(const mote_tensor_t *t, uint32_t i, double *out) {
  const uint8_t *p = (const uint8_t *)t->data;
  size_t size = mote_type_size((mote_type_t)t->type);
  if (p == NULL || size == 0 || (uint64_t)(i + 1u) * size > t->bytes) {
    return 0;
  }
  p += (size_t)i * size;
  switch (t->type) {
  case MOTE_TYPE_FLOAT32: {
    float v;
    memcpy(&v, p, sizeof v);
    *out = v;
    return 1;
  }
  case MOTE_TYPE_FLOAT64: {
    double v;
    memcpy(&v, p, sizeof v);
    *out = v;
    return 1;
  }
  case MOTE_TYPE_FLOAT16: {
    uint16_t v;
    memcpy(&v, p, sizeof v);
    *out = half_to_float(v);
    return 1;
  }
  case MOTE_TYPE_BFLOAT16: {
    uint16_t v;
    uint32_t bits;
    float f;
    memcpy(&v, p, sizeof v);
    bits = (uint32_t)v << 16;
    memcpy(&f, &bits, sizeof f);
    *out = f;
    return 1;
  }
  case MOTE_TYPE_INT8:
    *out = (int8_t)p[0];
    return 1;
  case MOTE_TYPE_UINT8:
  case MOTE_TYPE_BOOL:
    *out = p[0];
    return 1;
  case MOTE_TYPE_INT16: {
    int16_t v;
    memcpy(&v, p, sizeof v);
    *out = v;
    return 1;
  }
  case MOTE_TYPE_UINT16: {
    uint16_t v;
    memcpy(&v, p, sizeof v);
    *out = v;
    return 1;
  }
  case MOTE_TYPE_INT32: {
    int32_t v;
    memcpy(&v, p, sizeof v);
    *out = v;
    return 1;
  }
  case MOTE_TYPE_UINT32: {
    uint32_t v;
    memcpy(&v, p, sizeof v);
    *out = v;
    return 1;
  }
  case MOTE_TYPE_INT64: {
    int64_t v;
    memcpy(&v, p, sizeof v);
    *out = (double)v;
    return 1;
  }
  case MOTE_TYPE_UINT64: {
    uint64_t v;
    memcpy(&v, p, sizeof v);
    *out = (double)v;
    return 1;
  }
  default:
    return 0;
  }
}

static int is_float_type(uint8_t type) {
  return type == MOTE_TYPE_FLOAT32 || type == MOTE_TYPE_FLOAT64 ||
         type == MOTE_TYPE_FLOAT16 || type == MOTE_TYPE_BFLOAT16;
}

static void print_value(FILE *f, uint8_t type, double v) {
  if (is_float_type(type)) {
    fprintf(f, "%.7g", v);
  } else {
    fprintf(f, "%.0f", v);
  }
}

int cli_is_quantized(const mote_tensor_t *t) {
  return t->scale != 0.0f && t->quant_count > 0 && !is_float_type(t->type);
}

/* (v - zero_point) * scale of the channel element `i` belongs to. */
double cli_dequantize(const mote_tensor_t *t, uint32_t i, double v) {
  uint32_t c = 0;
  if (t->quant_count > 1 && t->quant_dim >= 0 && t->quant_dim < t->rank) {
    uint32_t stride = 1;
    int d;
    for (d = t->quant_dim + 1; d < t->rank; d++) {
      stride *= (uint32_t)(t->dims[d] > 0 ? t->dims[d] : 1);
    }
    c = (i / stride) % (uint32_t)(t->dims[t->quant_dim] > 0
                                      ? t->dims[t->quant_dim]
                                      : 1);
    return (v - mote_tensor_channel_zero_point(t, c)) *
           mote_tensor_channel_scale(t, c);
  }
  return (v - t->zero_point) * t->scale;
}

void cli_print_tensor_summary(FILE *f, const char *label, const char *name,
                              const mote_tensor_t *t) {
  char shape[96];
  int32_t n = mote_tensor_elements(t);
  uint32_t count = n > 0 ? (uint32_t)n : 0u;
  int quant = cli_is_quantized(t);
  double v;
  uint32_t i;
  cli_format_shape(t, shape, sizeof shape);
  fprintf(f, "%s \"%s\": %s %s, %lu bytes", label, name,
          mote_type_name((mote_type_t)t->type), shape,
          (unsigned long)t->bytes);
  if (quant && t->quant_count > 1) {
    fprintf(f, ", per-channel %lu along dim %ld", (unsigned long)t->quant_count,
            (long)t->quant_dim);
  } else if (quant) {
    fprintf(f, ", scale %.9g zero point %ld", (double)t->scale,
            (long)t->zero_point);
  }
  fputc('\n', f);
  if (count == 0 || !cli_tensor_value(t, 0, &v)) {
    fprintf(f, "  (no numeric summary for this type)\n");
    return;
  }
  if (count <= CLI_SUMMARY_MAX_VALUES) {
    fprintf(f, "  values:      [");
    for (i = 0; i < count && cli_tensor_value(t, i, &v); i++) {
      fputs(i ? ", " : "", f);
      print_value(f, t->type, v);
    }
    fprintf(f, "]\n");
    if (quant) {
      fprintf(f, "  dequantized: [");
      for (i = 0; i < count && cli_tensor_value(t, i, &v); i++) {
        fprintf(f, "%s%.7g", i ? ", " : "", cli_dequantize(t, i, v));
      }
      fprintf(f, "]\n");
    }
  } else {
    double lo = v;
    double hi = v;
    double dq_lo = quant ? cli_dequantize(t, 0, v) : 0.0;
    double dq_hi = dq_lo;
    uint32_t argmax = 0;
    uint32_t argmin = 0;
    for (i = 1; i < count && cli_tensor_value(t, i, &v); i++) {
      if (v < lo) {
        lo = v;
        argmin = i;
      }
      if (v > hi) {
        hi = v;
        argmax = i;
      }
      if (quant) {
        double dq = cli_dequantize(t, i, v);
        dq_lo = dq < dq_lo ? dq : dq_lo;
        dq_hi = dq > dq_hi ? dq : dq_hi;
      }
    }
    fprintf(f, "  %lu elements: min ", (unsigned long)count);
    print_value(f, t->type, lo);
    fprintf(f, " at index %lu, max ", (unsigned long)argmin);
    print_value(f, t->type, hi);
    fprintf(f, " at index %lu (argmax)\n", (unsigned long)argmax);
    if (quant) {
      fprintf(f, "  dequantized: min %.7g, max %.7g\n", dq_lo, dq_hi);
    }
  }
}
