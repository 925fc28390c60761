/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DYNAMIC_UPDATE_SLICE compute function: the seam between the op's glue
 * (dynamic_update_slice.c) and its implementations (impl.h).
 *
 * The output is the operand (copied unless `out` is `operand`, the
 * planner having put them in one place) with the block `update` (dims
 * upd[], each at most dims[]) written at `start` (each in [0, dims[d] -
 * upd[d]], clamped by the glue), elements of `esize` bytes, rank 1 to
 * MOTE_MAX_DIMS. No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_DYNAMIC_UPDATE_SLICE_H
#define MOTE_KERNELS_DYNAMIC_UPDATE_SLICE_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"
#include "mote/tensor.h"

typedef struct mote_dus_params {
  int32_t rank;
  int32_t dims[MOTE_MAX_DIMS]; /* the operand's (and output's) */
  int32_t upd[MOTE_MAX_DIMS];  /* the update's */
  size_t esize;
} mote_dus_params_t;

typedef void mote_dus_fn(const mote_dus_params_t *p, const void *operand,
                         const void *update, const int32_t *start, void *out);

mote_dus_fn mote_dynamic_update_slice_ref;

#define mote_dynamic_update_slice mote_dynamic_update_slice_ref

#endif /* MOTE_KERNELS_DYNAMIC_UPDATE_SLICE_H */
