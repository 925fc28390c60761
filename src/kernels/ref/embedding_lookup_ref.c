/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference EMBEDDING_LOOKUP (embedding_lookup.h): one row at a time, as
 * TFLM (a row copy; the hybrid path's (q - 0) * scale in float).
 */
#include <string.h>

#include "kernels/embedding_lookup.h"

void mote_embedding_rows_ref(const uint8_t *ids, int32_t n, const void *value,
                             size_t row_bytes, void *out) {
  const uint8_t *v = (const uint8_t *)value;
  uint8_t *o = (uint8_t *)out;
  int32_t i;
  for (i = 0; i < n; ++i) {
    memcpy(o + (size_t)i * row_bytes,
           v + (size_t)mote_embedding_id(ids, i) * row_bytes, row_bytes);
  }
}

void mote_embedding_hybrid_ref(const uint8_t *ids, int32_t n,
                               const int8_t *value, int32_t cols, float scale,
                               float *out) {
  int32_t i, c;
  for (i = 0; i < n; ++i) {
    const int8_t *row = value + (size_t)mote_embedding_id(ids, i) * (size_t)cols;
    for (c = 0; c < cols; ++c) {
      out[(size_t)i * (size_t)cols + (size_t)c] = (float)row[c] * scale;
    }
  }
}
