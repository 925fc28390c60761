/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference ARG_MAX / ARG_MIN (arg_min_max.h): TFLite's ArgMinMax, one
 * (outer, inner) line at a time, walking the axis with the inner stride.
 */
#include "kernels/arg_min_max.h"

/* Defines `name` over element type T (the macro refers to nothing but its
 * parameters). */
#define ARG(name, T)                                                           \
  void name(const mote_arg_params_t *p, const T *input, int32_t *output) {     \
    int32_t o, j, i;                                                           \
    for (o = 0; o < p->outer; ++o) {                                           \
      for (j = 0; j < p->inner; ++j) {                                         \
        const T *line = input + (o * p->axis) * p->inner + j;                  \
        T best = line[0];                                                      \
        int32_t at = 0;                                                        \
        for (i = 1; i < p->axis; ++i) {                                        \
          const T v = line[i * p->inner];                                      \
          if (p->is_max ? v > best : v < best) {                               \
            best = v;                                                          \
            at = i;                                                            \
          }                                                                    \
        }                                                                      \
        output[o * p->inner + j] = at;                                         \
      }                                                                        \
    }                                                                          \
  }

ARG(mote_arg_f32_ref, float)
ARG(mote_arg_s8_ref, int8_t)
