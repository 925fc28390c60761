/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The strided copies the data-movement references share (TRANSPOSE and
 * STRIDED_SLICE): `n` elements of `esize` bytes from `src`, `step`
 * elements apart (a negative step walks backwards), to a contiguous `dst`.
 * A step of 1 is one memcpy. The typed variant moves 1-, 2- and 4-byte
 * elements by loads and stores where both pointers are aligned for them
 * (constants in the model buffer need not be); TRANSPOSE, whose innermost
 * steps are rarely 1, takes it. STRIDED_SLICE, whose innermost steps
 * usually are, keeps the smaller bytewise one. Static inline: each op's
 * row loop compiles it in place.
 */
#ifndef MOTE_KERNELS_REF_STRIDED_COPY_H
#define MOTE_KERNELS_REF_STRIDED_COPY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One memcpy per element, or one for the whole run when step is 1. */
static inline void mote_strided_copy_bytes(uint8_t *dst, const uint8_t *src,
                                           size_t esize, int32_t step,
                                           int32_t n) {
  int32_t i;
  if (step == 1) {
    memcpy(dst, src, (size_t)n * esize);
    return;
  }
  for (i = 0; i < n; ++i) {
    memcpy(dst + (size_t)i * esize,
           src + (ptrdiff_t)i * step * (ptrdiff_t)esize, esize);
  }
}

/* The same, by typed loads and stores for 1-, 2- and 4-byte elements where
 * both pointers are aligned for them. */
static inline void mote_strided_copy(uint8_t *dst, const uint8_t *src,
                                     size_t esize, int32_t step, int32_t n) {
  int32_t i;
  if (step == 1 || (((uintptr_t)dst | (uintptr_t)src) & (esize - 1u)) != 0) {
    mote_strided_copy_bytes(dst, src, esize, step, n);
    return;
  }
  switch (esize) {
  case 1:
    for (i = 0; i < n; ++i) {
      dst[i] = src[(ptrdiff_t)i * step];
    }
    break;
  case 2: {
    uint16_t *d = (uint16_t *)(void *)dst;
    const uint16_t *s = (const uint16_t *)(const void *)src;
    for (i = 0; i < n; ++i) {
      d[i] = s[(ptrdiff_t)i * step];
    }
    break;
  }
  case 4: {
    uint32_t *d = (uint32_t *)(void *)dst;
    const uint32_t *s = (const uint32_t *)(const void *)src;
    for (i = 0; i < n; ++i) {
      d[i] = s[(ptrdiff_t)i * step];
    }
    break;
  }
  default:
    mote_strided_copy_bytes(dst, src, esize, step, n);
    break;
  }
}

#endif /* MOTE_KERNELS_REF_STRIDED_COPY_H */
