/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference MAXIMUM / MINIMUM (maximum_minimum.h): TFLM's comparisons,
 * one output element at a time over the shared broadcast walk. The
 * choice of operation is made once per call, not per element.
 */
#include "kernels/maximum_minimum.h"

/* The element operations; K (the walk's context) is unused. */
#define MM_MAX(K, u, v) ((u) > (v) ? (u) : (v))
#define MM_MIN(K, u, v) ((u) < (v) ? (u) : (v))

/* Every type's function is this one body over its element type T: the
 * macro defines the function `name` (it refers to nothing but its
 * parameters). */
#define MAX_MIN(name, T)                                                       \
  void name(bool is_max, const mote_bcast_t *b, const T *in1, const T *in2,    \
            T *out) { /* NOLINT(bugprone-macro-parentheses): T is a type */ \
    if (is_max) {                                                              \
      MOTE_BCAST_WALK(b, T, in1, in2, out, MM_MAX, 0, 0);                      \
    } else {                                                                   \
      MOTE_BCAST_WALK(b, T, in1, in2, out, MM_MIN, 0, 0);                      \
    }                                                                          \
  }

MAX_MIN(mote_max_min_s8_ref, int8_t)
MAX_MIN(mote_max_min_s16_ref, int16_t)
MAX_MIN(mote_max_min_s32_ref, int32_t)
MAX_MIN(mote_max_min_s64_ref, int64_t)
MAX_MIN(mote_max_min_f32_ref, float)
