/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference BROADCAST_ARGS (broadcast_args.h): from the last element
 * backwards, as TFLM.
 */
#include "kernels/broadcast_args.h"

#include <stddef.h>

/* Element i counted from the end of a vector of n, or 1 past its start;
 * narrowed to 32 bits (the low word of an int64). */
static int32_t back(const void *s, int32_t n, bool is64, int32_t i) {
  const uint8_t *b = (const uint8_t *)s;
  const int32_t at = n - 1 - i;
  if (at < 0) {
    return 1;
  }
  b += (size_t)at * (is64 ? 8u : 4u);
  return (int32_t)((uint32_t)b[0] | ((uint32_t)b[1] << 8) |
                   ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24));
}

int32_t mote_broadcast_args_ref(const void *s1, int32_t n1, const void *s2,
                                int32_t n2, bool is64, void *out, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const int32_t a = back(s1, n1, is64, i), b = back(s2, n2, is64, i);
    const int32_t v = a == 1 ? b : a;
    if (a != 1 && b != 1 && a != b) {
      return n - 1 - i;
    }
    if (is64) {
      ((int64_t *)out)[n - 1 - i] = v;
    } else {
      ((int32_t *)out)[n - 1 - i] = v;
    }
  }
  return -1;
}
