/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The block copy the data-movement ops share: SPLIT, SPLIT_V, UNPACK
 * (one input cut into parts along an axis), PACK (parts joined), GATHER
 * and GATHER_ND (blocks picked by index). Each is, per part or per
 * index, `rows` blocks of `bytes` bytes taken `src_step` bytes apart and
 * written `dst_step` bytes apart: a row-major tensor cut along one axis
 * is exactly that, with the block the part's extent of the axis times
 * everything inside it. One compute function, bound like the others
 * (impl.h), so a DMA or memcpy-tuned family speeds up every op at once.
 * No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_BLOCK_COPY_H
#define MOTE_KERNELS_BLOCK_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_block_copy {
  int32_t rows;    /* blocks to copy */
  size_t bytes;    /* bytes per block */
  size_t src_step; /* bytes from one source block to the next */
  size_t dst_step; /* bytes from one destination block to the next */
} mote_block_copy_t;

/*
 * Copies block k (k < b->rows) from src + k * src_step to
 * dst + k * dst_step, b->bytes each. The two ranges must not overlap.
 * Nothing is read or written when rows or bytes is 0 (the pointers may
 * then be NULL).
 */
typedef void mote_block_copy_fn(const mote_block_copy_t *b, const void *src,
                                void *dst);

mote_block_copy_fn mote_block_copy_ref;

#ifdef MOTE_IMPL_BLOCK_COPY
#define mote_block_copy MOTE_IMPL_NAME(block_copy, MOTE_IMPL_BLOCK_COPY)
mote_block_copy_fn mote_block_copy;
#else
#define mote_block_copy mote_block_copy_ref
#endif

#endif /* MOTE_KERNELS_BLOCK_COPY_H */
