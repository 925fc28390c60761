/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ARG_MAX / ARG_MIN compute functions: the seam between the ops' glue
 * (arg_min_max.c) and their implementations.
 *
 * The input is seen as [outer, axis, inner] around the reduced axis; for
 * each (outer, inner) the output gets the index along the axis of the
 * first largest (ARG_MAX) or smallest (ARG_MIN) element, as TFLite's
 * ArgMinMax: the running best is replaced only when an element compares
 * strictly greater (less), so ties keep the first index and a NaN never
 * wins unless it comes first (every comparison with it is false). The
 * output is int32 (TFLM has no other). axis >= 1 (the glue refuses an
 * empty axis, where TFLite reads outside the input). No validation, no
 * failure.
 */
#ifndef MOTE_KERNELS_ARG_MIN_MAX_H
#define MOTE_KERNELS_ARG_MIN_MAX_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_arg_params {
  int32_t outer, axis, inner; /* extents before, of and after the axis */
  bool is_max;                /* ARG_MAX, else ARG_MIN */
} mote_arg_params_t;

typedef void mote_arg_f32_fn(const mote_arg_params_t *p, const float *input,
                             int32_t *output);
typedef void mote_arg_s8_fn(const mote_arg_params_t *p, const int8_t *input,
                            int32_t *output);

mote_arg_f32_fn mote_arg_f32_ref;
mote_arg_s8_fn mote_arg_s8_ref;

#ifdef MOTE_IMPL_ARG_F32
#define mote_arg_f32 MOTE_IMPL_NAME(arg_f32, MOTE_IMPL_ARG_F32)
mote_arg_f32_fn mote_arg_f32;
#else
#define mote_arg_f32 mote_arg_f32_ref
#endif
#ifdef MOTE_IMPL_ARG_S8
#define mote_arg_s8 MOTE_IMPL_NAME(arg_s8, MOTE_IMPL_ARG_S8)
mote_arg_s8_fn mote_arg_s8;
#else
#define mote_arg_s8 mote_arg_s8_ref
#endif

#endif /* MOTE_KERNELS_ARG_MIN_MAX_H */
