/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BROADCAST_TO compute function: the seam between the op's glue
 * (broadcast_to.c) and its implementations (impl.h). The input repeated
 * along the dimensions the broadcast `b` (broadcast.h, made with the input
 * as its first operand) repeats it, element by element as bytes of
 * `esize`: any fixed-size type. No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_BROADCAST_TO_H
#define MOTE_KERNELS_BROADCAST_TO_H

#include <stddef.h>

#include "kernels/broadcast.h"
#include "kernels/impl.h"

typedef void mote_broadcast_to_fn(const mote_bcast_t *b, const void *in,
                                  void *out, size_t esize);

mote_broadcast_to_fn mote_broadcast_to_ref;

#define mote_broadcast_to mote_broadcast_to_ref

#endif /* MOTE_KERNELS_BROADCAST_TO_H */
