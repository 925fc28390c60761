/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference fill (fill.h): one memcpy per element.
 */
#include <string.h>

#include "kernels/fill.h"

void mote_fill_ref(void *out, const void *value, size_t esize, int32_t count) {
  uint8_t *o = (uint8_t *)out;
  int32_t i;
  for (i = 0; i < count; ++i) {
    memcpy(o + (size_t)i * esize, value, esize);
  }
}
