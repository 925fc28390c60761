/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BROADCAST_ARGS compute function: the seam between the op's glue
 * (broadcast_args.c) and its implementations (impl.h).
 *
 * The broadcast of shape vectors s1 (n1 elements) and s2 (n2), both int32
 * or both int64 (`is64`), little-endian at any alignment, into `out` (n
 * elements of that type, aligned), right-aligned, a missing element
 * reading 1. As TFLM's reference, each element is compared as an int (an
 * int64 value is narrowed to 32 bits first) and written back widened.
 * Returns -1, or the output position of the first pair that neither
 * equals nor is 1 (the output is then incomplete).
 */
#ifndef MOTE_KERNELS_BROADCAST_ARGS_H
#define MOTE_KERNELS_BROADCAST_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef int32_t mote_broadcast_args_fn(const void *s1, int32_t n1,
                                       const void *s2, int32_t n2, bool is64,
                                       void *out, int32_t n);

mote_broadcast_args_fn mote_broadcast_args_ref;

#define mote_broadcast_args mote_broadcast_args_ref

#endif /* MOTE_KERNELS_BROADCAST_ARGS_H */
