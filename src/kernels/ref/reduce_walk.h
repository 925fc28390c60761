/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The walk every reduction over a mote_mean_plan_t shares (MEAN, SUM,
 * REDUCE_MAX, REDUCE_MIN): the input in row-major order, each element
 * combined into the output cell its non-reduced coordinates name, a row
 * of the plan's innermost dimension at a time. That is TFLite's order
 * too, so float sums round the same way.
 */
#ifndef MOTE_KERNELS_REDUCE_WALK_H
#define MOTE_KERNELS_REDUCE_WALK_H

#include "kernels/mean.h"

/* Moves the output offset to the next input row (odometer over every
 * dimension but the innermost). */
static inline int32_t mote_reduce_next_row(const mote_mean_plan_t *m,
                                           int32_t *idx, int32_t off) {
  int d;
  for (d = MOTE_MAX_DIMS - 2; d >= 0; --d) {
    off += m->ostride[d];
    if (++idx[d] < m->dims[d]) {
      return off;
    }
    off -= m->ostride[d] * m->dims[d];
    idx[d] = 0;
  }
  return off;
}

/* Defines the function `name` with storage class LINKAGE (`static`, or
 * empty for an external definition): sets m->out_count cells to INIT,
 * then, unless there is nothing to reduce (n = 0: TFLite returns the
 * initial values too), combines every input element x into its cell c as
 * c = COMBINE(c, x). The macro refers to nothing but its parameters. */
#define MOTE_REDUCE_WALK(LINKAGE, name, TIN, TACC, INIT, COMBINE)              \
  LINKAGE void name(const mote_mean_plan_t *m, const TIN *in, TACC *acc) { /* NOLINT(bugprone-macro-parentheses): TACC is a type */ \
    int32_t idx[MOTE_MAX_DIMS] = {0, 0, 0, 0, 0, 0};                           \
    const int32_t len = m->dims[MOTE_MAX_DIMS - 1];                            \
    const int32_t os = m->ostride[MOTE_MAX_DIMS - 1];                          \
    const int32_t rows = len == 0 ? 0 : m->in_count / len;                     \
    int32_t off = 0, r, i;                                                     \
    for (i = 0; i < m->out_count; ++i) {                                       \
      acc[i] = (INIT);                                                         \
    }                                                                          \
    if (m->n == 0) {                                                           \
      return;                                                                  \
    }                                                                          \
    for (r = 0; r < rows; ++r) {                                               \
      for (i = 0; i < len; ++i) {                                              \
        acc[off + i * os] = COMBINE(acc[off + i * os], in[i]);                 \
      }                                                                        \
      in += len;                                                               \
      off = mote_reduce_next_row(m, idx, off);                                 \
    }                                                                          \
  }

#endif /* MOTE_KERNELS_REDUCE_WALK_H */
