/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Alignment arithmetic shared by every layer (arena, planner, interpreter).
 * It lives in common/, the bottom layer, so that no directory has to
 * include a higher one to round a size.
 */
#ifndef MOTE_COMMON_ALIGN_H
#define MOTE_COMMON_ALIGN_H

#include <stddef.h>

/* `v` rounded up to a multiple of `a`, a power of two. Wraps (to a small
 * number) when v is within a - 1 of SIZE_MAX: callers that take sizes from
 * a model compare the result with `v`. */
static inline size_t mote_align_up(size_t v, size_t a) {
  return (v + a - 1u) & ~(a - 1u);
}

#endif /* MOTE_COMMON_ALIGN_H */
