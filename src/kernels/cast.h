/*
 * CAST compute: element-wise type conversion (see cast.c).
 */
#ifndef MOTE_KERNELS_CAST_H
#define MOTE_KERNELS_CAST_H

#include <stdbool.h>
#include <stdint.h>

#include "mote/tensor.h"

/* True when CAST converts from `in` to `out` (TFLM's set: from int8,
 * int16, int32, uint32, float32 or bool; to int8, int16, int32, uint32 or
 * float32). */
bool mote_cast_supported(mote_type_t in, mote_type_t out);

/* Converts count elements; the type pair must be supported. */
void mote_cast(mote_type_t in_type, const void *in, mote_type_t out_type,
               void *out, int32_t count);

#endif /* MOTE_KERNELS_CAST_H */
