/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference REVERSE_V2 (reverse.h): one memcpy per group, the groups of
 * each outer block taken from the back.
 */
#include <string.h>

#include "kernels/reverse.h"

void mote_reverse_ref(const mote_reverse_params_t *p, const void *in,
                      void *out) {
  const unsigned char *src = (const unsigned char *)in;
  unsigned char *dst = (unsigned char *)out;
  size_t o, m;
  for (o = 0; o < p->outer; ++o) {
    const unsigned char *block = src + o * p->mid * p->inner;
    for (m = p->mid; m-- > 0;) {
      memcpy(dst, block + m * p->inner, p->inner);
      dst += p->inner;
    }
  }
}
