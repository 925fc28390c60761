/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference block copy (block_copy.h): one memcpy per block, or one for
 * all of them when the blocks are back to back on both sides.
 */
#include <string.h>

#include "kernels/block_copy.h"

void mote_block_copy_ref(const mote_block_copy_t *b, const void *src,
                         void *dst) {
  const uint8_t *s = (const uint8_t *)src;
  uint8_t *d = (uint8_t *)dst;
  int32_t k;
  if (b->rows <= 0 || b->bytes == 0) {
    return;
  }
  if (b->src_step == b->bytes && b->dst_step == b->bytes) {
    memcpy(d, s, (size_t)b->rows * b->bytes);
    return;
  }
  for (k = 0; k < b->rows; ++k) {
    memcpy(d, s, b->bytes);
    s += b->src_step;
    d += b->dst_step;
  }
}
