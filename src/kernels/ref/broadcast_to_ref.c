/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference BROADCAST_TO (broadcast_to.h): the binary ops' row walk, a row
 * copied whole when the input runs along it, else element by element.
 */
#include <string.h>

#include "kernels/broadcast_to.h"

void mote_broadcast_to_ref(const mote_bcast_t *b, const void *in, void *out,
                           size_t esize) {
  const int32_t rows = mote_bcast_rows(b);
  const int32_t n = b->dims[MOTE_MAX_DIMS - 1];
  const int32_t s = b->stride1[MOTE_MAX_DIMS - 1];
  const uint8_t *x = (const uint8_t *)in;
  uint8_t *y = (uint8_t *)out;
  mote_bcast_iter_t it;
  int32_t r, i;
  mote_bcast_begin(&it);
  for (r = 0; r < rows; ++r) {
    const uint8_t *row = x + (size_t)it.off1 * esize;
    if (s == 1) {
      memcpy(y, row, (size_t)n * esize);
      y += (size_t)n * esize;
    } else {
      for (i = 0; i < n; ++i, y += esize) {
        memcpy(y, row + (size_t)i * (size_t)s * esize, esize);
      }
    }
    mote_bcast_step(b, &it);
  }
}
