/* SPDX-License-Identifier: Apache-2.0 */
/*
 * EMBEDDING_LOOKUP compute functions: the seam between the op's glue
 * (embedding_lookup.c) and its implementations (impl.h).
 *
 * `ids` holds n int32 row numbers, little-endian, at any alignment (a
 * constant in the model buffer need not be aligned); every one is in
 * range (the glue has checked). Row r of `value` is copied to output row
 * i: as bytes (row_bytes each), or, for the hybrid int8 -> float32 path,
 * dequantized: (float)q * scale (zero point 0), `cols` values a row. No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_EMBEDDING_LOOKUP_H
#define MOTE_KERNELS_EMBEDDING_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef void mote_embedding_rows_fn(const uint8_t *ids, int32_t n,
                                    const void *value, size_t row_bytes,
                                    void *out);
typedef void mote_embedding_hybrid_fn(const uint8_t *ids, int32_t n,
                                      const int8_t *value, int32_t cols,
                                      float scale, float *out);

mote_embedding_rows_fn mote_embedding_rows_ref;
mote_embedding_hybrid_fn mote_embedding_hybrid_ref;

#define mote_embedding_rows mote_embedding_rows_ref
#define mote_embedding_hybrid mote_embedding_hybrid_ref

/* Row number i of `ids` (little-endian int32 at any alignment). */
static inline int32_t mote_embedding_id(const uint8_t *ids, int32_t i) {
  const uint8_t *b = ids + 4 * (size_t)i;
  return (int32_t)((uint32_t)b[0] | ((uint32_t)b[1] << 8) |
                   ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24));
}

#endif /* MOTE_KERNELS_EMBEDDING_LOOKUP_H */
