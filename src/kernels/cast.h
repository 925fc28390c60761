/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CAST compute function: the seam between the op's glue (cast.c) and its
 * implementations (impl.h). Element-wise type conversion of `n` elements
 * as C++ static_cast in TFLM's kernel, for the type pairs
 * mote_cast_supported() accepts (ref/cast_ref.c says what happens out of
 * range). Input and output may not overlap, except that a float32 ->
 * float32 cast may be in place. No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_CAST_H
#define MOTE_KERNELS_CAST_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"
#include "mote/tensor.h"

typedef struct mote_cast_params {
  uint8_t in_type;  /* mote_type_t */
  uint8_t out_type; /* mote_type_t */
} mote_cast_params_t;

/* Prepare-time (cast.c): true when CAST converts from `in` to `out`
 * (TFLM's set: from int8, int16, int32, uint32, float32 or bool; to int8,
 * int16, int32, uint32 or float32). */
bool mote_cast_supported(mote_type_t in, mote_type_t out);

typedef void mote_cast_fn(const mote_cast_params_t *p, const void *input,
                          void *output, int32_t n);

mote_cast_fn mote_cast_ref;

#ifdef MOTE_IMPL_CAST
#define mote_cast MOTE_IMPL_NAME(cast, MOTE_IMPL_CAST)
mote_cast_fn mote_cast;
#else
#define mote_cast mote_cast_ref
#endif

#endif /* MOTE_KERNELS_CAST_H */
