/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TRANSPOSE compute function: the seam between the op's glue
 * (transpose.c) and its implementations (impl.h). A permutation of
 * dimensions for any element size; pure data movement, so a tuned or DMA
 * implementation is a family of its own. No validation, no failure, no
 * scratch.
 */
#ifndef MOTE_KERNELS_TRANSPOSE_H
#define MOTE_KERNELS_TRANSPOSE_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"
#include "mote/kernel.h"
#include "mote/tensor.h"

typedef struct mote_transpose_params {
  uint8_t rank;                   /* 0..MOTE_MAX_DIMS */
  size_t elem_size;               /* bytes per element (any size > 0) */
  int32_t in_dims[MOTE_MAX_DIMS]; /* input shape, outermost first */
  int32_t perm[MOTE_MAX_DIMS];    /* output dim d is input dim perm[d];
                                     a permutation of 0..rank-1 */
} mote_transpose_params_t;

/*
 * out[i0..i(r-1)] = in[j] with j[perm[d]] = i[d].
 * in:  in_dims, row-major
 * out: dims in_dims[perm[d]], row-major
 * Buffers must not overlap.
 */
/* Glue shared with SPACE_TO_DEPTH and DEPTH_TO_SPACE (space_depth.c): the
 * invoke of a kernel whose op data is a mote_transpose_params_t, input 0
 * permuted into output 0. Never fails. */
mote_status_t mote_transpose_invoke(mote_kctx_t *ctx);

typedef void mote_transpose_fn(const mote_transpose_params_t *p, const void *in,
                               void *out);

mote_transpose_fn mote_transpose_ref;

#ifdef MOTE_IMPL_TRANSPOSE
#define mote_transpose MOTE_IMPL_NAME(transpose, MOTE_IMPL_TRANSPOSE)
mote_transpose_fn mote_transpose;
#else
#define mote_transpose mote_transpose_ref
#endif

#endif /* MOTE_KERNELS_TRANSPOSE_H */
