/* SPDX-License-Identifier: Apache-2.0 */
/*
 * REVERSE_V2 compute function: the seam between the op's glue (reverse.c)
 * and its implementations (impl.h). Reversing contiguous axes a..b is
 * reversing their combined block: the tensor seen as [outer, mid, inner]
 * (mid the product of dims a..b, inner the bytes of the dims after b), mid
 * runs backwards. No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_REVERSE_H
#define MOTE_KERNELS_REVERSE_H

#include <stddef.h>

#include "kernels/impl.h"

typedef struct mote_reverse_params {
  size_t outer, mid; /* element groups before and along the axes */
  size_t inner;      /* bytes of one group after the axes */
} mote_reverse_params_t;

/* out[o][m] = in[o][mid - 1 - m], each `inner` bytes. Buffers must not
 * overlap. */
typedef void mote_reverse_fn(const mote_reverse_params_t *p, const void *in,
                             void *out);

mote_reverse_fn mote_reverse_ref;

#ifdef MOTE_IMPL_REVERSE
#define mote_reverse MOTE_IMPL_NAME(reverse, MOTE_IMPL_REVERSE)
mote_reverse_fn mote_reverse;
#else
#define mote_reverse mote_reverse_ref
#endif

#endif /* MOTE_KERNELS_REVERSE_H */
