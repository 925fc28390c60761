/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference CONCATENATION (concatenation.h): one memcpy per outer index,
 * from the input's row to its slot in the output's.
 */
#include <string.h>

#include "kernels/concatenation.h"

void mote_concatenation_place_ref(const mote_concat_params_t *p, const void *in,
                                  size_t in_row_bytes, size_t offset_bytes,
                                  void *out) {
  const uint8_t *src = (const uint8_t *)in;
  uint8_t *dst = (uint8_t *)out + offset_bytes;
  int32_t k;
  if (in_row_bytes == 0) {
    return;
  }
  for (k = 0; k < p->outer; ++k) {
    memcpy(dst, src, in_row_bytes);
    src += in_row_bytes;
    dst += p->out_row_bytes;
  }
}
