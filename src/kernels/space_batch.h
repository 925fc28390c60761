/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND compute functions: the seam
 * between the ops' glue (space_batch.c) and their implementations
 * (impl.h). Both see NHWC tensors (a 3-D [N, H, C] one as [N, H, 1, C]
 * with block width 1) and move whole pixels of `depth` elements. No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_SPACE_BATCH_H
#define MOTE_KERNELS_SPACE_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_space_batch_params {
  int32_t in[4];            /* input [N, H, W, C] */
  int32_t out[4];           /* output [N, H, W, C] */
  int32_t block_h, block_w; /* >= 1 */
  /* SPACE_TO_BATCH_ND: padding added above and left; BATCH_TO_SPACE_ND:
   * crop removed above and left. >= 0. */
  int32_t top, left;
  size_t elem_size;
  uint8_t pad_byte; /* SPACE_TO_BATCH_ND: every byte of a padded element */
} mote_space_batch_params_t;

/*
 * SPACE_TO_BATCH_ND: output batch ob is input batch ob % N at block offset
 * (ob / N) / block_w rows, (ob / N) % block_w columns; places that fall in
 * the padding get pad_byte. BATCH_TO_SPACE_ND: the inverse, the crops
 * dropped. Buffers must not overlap.
 */
typedef void mote_space_batch_fn(const mote_space_batch_params_t *p,
                                 const void *in, void *out);

mote_space_batch_fn mote_space_to_batch_ref;
mote_space_batch_fn mote_batch_to_space_ref;

#ifdef MOTE_IMPL_SPACE_TO_BATCH
#define mote_space_to_batch                                                    \
  MOTE_IMPL_NAME(space_to_batch, MOTE_IMPL_SPACE_TO_BATCH)
mote_space_batch_fn mote_space_to_batch;
#else
#define mote_space_to_batch mote_space_to_batch_ref
#endif

#ifdef MOTE_IMPL_BATCH_TO_SPACE
#define mote_batch_to_space                                                    \
  MOTE_IMPL_NAME(batch_to_space, MOTE_IMPL_BATCH_TO_SPACE)
mote_space_batch_fn mote_batch_to_space;
#else
#define mote_batch_to_space mote_batch_to_space_ref
#endif

#endif /* MOTE_KERNELS_SPACE_BATCH_H */
