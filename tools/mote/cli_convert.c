/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Values decoded from an input file into a tensor's bytes, by the rules
 * cli.h gives at cli_store_values (and `mote run --help` tells users).
 *
 * Kept apart from the decoders so a unit test (tests/tools/
 * test_cli_decoders.c) can hold every type's rule without a model: the
 * range checks, quantization through mote_quantize_floats for int8 and
 * int16, and the same arithmetic here for uint8 and int32, which that
 * function leaves out. Out-of-range integers are errors rather than
 * clamped: a value that does not fit is a wrong file far more often than
 * an intended saturation. Real values, by contrast, saturate when
 * quantized, as TFLite's QUANTIZE does.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int per_tensor_quantized(const mote_tensor_t *t) {
  return t->quant_count == 1 && t->scale > 0.0f;
}

static int store_int(mote_tensor_t *t, uint32_t k, double v, char *why,
                     size_t cap) {
  uint8_t *p = (uint8_t *)t->data + (size_t)k * mote_type_size((mote_type_t)t->type);
  double lo;
  double hi;
  switch (t->type) {
  case MOTE_TYPE_INT8: lo = -128.0; hi = 127.0; break;
  case MOTE_TYPE_UINT8: lo = 0.0; hi = 255.0; break;
  case MOTE_TYPE_BOOL: lo = 0.0; hi = 1.0; break;
  case MOTE_TYPE_INT16: lo = -32768.0; hi = 32767.0; break;
  case MOTE_TYPE_UINT16: lo = 0.0; hi = 65535.0; break;
  case MOTE_TYPE_INT32: lo = -2147483648.0; hi = 2147483647.0; break;
  default:
    snprintf(why, cap, "has type %s; give its raw bytes as a .bin file",
             mote_type_name((mote_type_t)t->type));
    return -2;
  }
  if (!(v >= lo && v <= hi)) {
    snprintf(why, cap, "value %.17g at index %lu does not fit %s", v,
             (unsigned long)k, mote_type_name((mote_type_t)t->type));
    return -2;
  }
  switch (t->type) {
  case MOTE_TYPE_INT16: {
    int16_t x = (int16_t)v;
    memcpy(p, &x, sizeof x);
    break;
  }
  case MOTE_TYPE_UINT16: {
    uint16_t x = (uint16_t)v;
    memcpy(p, &x, sizeof x);
    break;
  }
  case MOTE_TYPE_INT32: {
    int32_t x = (int32_t)v;
    memcpy(p, &x, sizeof x);
    break;
  }
  case MOTE_TYPE_INT8:
    *p = (uint8_t)(int8_t)v;
    break;
  default:
    *p = (uint8_t)v;
    break;
  }
  return 0;
}

int cli_store_values(mote_tensor_t *t, const double *v, size_t n, int real,
                        char *why, size_t cap) {
  size_t k;
  if (t->type == MOTE_TYPE_FLOAT32) {
    for (k = 0; k < n; k++) {
      float f = (float)v[k];
      memcpy((uint8_t *)t->data + 4u * k, &f, sizeof f);
    }
    return 0;
  }
  if (real && !per_tensor_quantized(t)) {
    snprintf(why, cap, "takes %s values without quantization parameters, so "
                       "real-valued data has no mapping; give %s integers "
                       "(.npy) or raw bytes (.bin)",
             mote_type_name((mote_type_t)t->type),
             mote_type_name((mote_type_t)t->type));
    return -2;
  }
  if (real && (t->type == MOTE_TYPE_INT8 || t->type == MOTE_TYPE_INT16)) {
    mote_error_t err;
    mote_status_t st;
    float *f = (float *)malloc((n ? n : 1u) * sizeof *f);
    if (f == NULL) {
      snprintf(why, cap, "out of memory");
      return -1;
    }
    for (k = 0; k < n; k++) {
      f[k] = (float)v[k];
    }
    cli_error_clear(&err);
    st = mote_quantize_floats(t, f, n, &err);
    free(f);
    if (st != MOTE_OK) {
      snprintf(why, cap, "cannot be quantized to: %s", err.message);
      return -2;
    }
    return 0;
  }
  for (k = 0; k < n; k++) {
    double x = v[k];
    if (real) {
      /* TFLite's quantize for the types mote_quantize_floats leaves out:
       * round half away from zero, then saturate. */
      double lo = t->type == MOTE_TYPE_INT32 ? -2147483648.0 : 0.0;
      double hi = t->type == MOTE_TYPE_INT32 ? 2147483647.0 : 255.0;
      x = x != x ? lo : (double)roundf((float)x / t->scale) +
                            (double)t->zero_point;
      x = x < lo ? lo : x > hi ? hi : x;
    }
    if (store_int(t, (uint32_t)k, x, why, cap) != 0) {
      return -2;
    }
  }
  return 0;
}

