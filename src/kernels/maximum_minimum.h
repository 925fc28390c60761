/*
 * MAXIMUM / MINIMUM compute (see maximum_minimum.c): element-wise over a
 * broadcast description, all operands of one type.
 */
#ifndef MOTE_KERNELS_MAXIMUM_MINIMUM_H
#define MOTE_KERNELS_MAXIMUM_MINIMUM_H

#include <stdbool.h>

#include "kernels/broadcast.h"

/* is_max picks MAXIMUM; `type` is float32, int8, int16, int32 or int64. */
void mote_maximum_minimum(bool is_max, mote_type_t type, const mote_bcast_t *b,
                          const void *in1, const void *in2, void *out);

#endif /* MOTE_KERNELS_MAXIMUM_MINIMUM_H */
