/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SUM (float32), REDUCE_MAX, REDUCE_MIN and REDUCE_ALL
 * (reduce.h): TFLite's
 * ReduceGeneric with its reducers, over the walk MEAN uses
 * (reduce_walk.h), writing straight into the output cells.
 */
#include <float.h>

#include "kernels/reduce.h"
#include "kernels/ref/reduce_walk.h"

static float add_f32(float s, float x) {
  return s + x;
}

/* TFLite's reducers: the element replaces the running value only when
 * strictly greater (less). */
#define KEEP_MAX(c, x) ((x) > (c) ? (x) : (c))
#define KEEP_MIN(c, x) ((x) < (c) ? (x) : (c))
#define BOTH(c, x) ((c) && (x))

MOTE_REDUCE_WALK(, mote_sum_f32_ref, float, float, 0.0f, add_f32)
MOTE_REDUCE_WALK(, mote_reduce_max_f32_ref, float, float, -FLT_MAX, KEEP_MAX)
MOTE_REDUCE_WALK(, mote_reduce_min_f32_ref, float, float, FLT_MAX, KEEP_MIN)
MOTE_REDUCE_WALK(, mote_reduce_max_s8_ref, int8_t, int8_t, INT8_MIN, KEEP_MAX)
MOTE_REDUCE_WALK(, mote_reduce_min_s8_ref, int8_t, int8_t, INT8_MAX, KEEP_MIN)
MOTE_REDUCE_WALK(, mote_reduce_all_ref, bool, bool, true, BOTH)
