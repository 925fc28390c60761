/* SPDX-License-Identifier: Apache-2.0 */
/*
 * STRIDED_SLICE planning and compute function: the seam between the op's
 * glue (strided_slice.c) and its implementations (impl.h).
 *
 * Planning, at prepare, turns the operator's sparse spec (begin/end/
 * strides and masks, as stored in the model) into a dense walk over the
 * input: one start, count and step per effective dimension. The compute
 * function only follows that walk, so it is a plain strided copy of any
 * element size; a tuned or DMA implementation is a family of its own. No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_STRIDED_SLICE_H
#define MOTE_KERNELS_STRIDED_SLICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"
#include "mote/kernel.h"
#include "mote/status.h"
#include "mote/tensor.h"

/* Longest begin/end/strides vector accepted. New axes are the only way a
 * valid spec gets longer than the input rank, and the effective rank is
 * capped at MOTE_MAX_DIMS anyway. */
#define MOTE_STRIDED_SLICE_MAX_SPEC 8

/* The operator's spec: begin/end/strides entries and StridedSliceOptions. */
typedef struct mote_strided_slice_spec {
  uint32_t count; /* entries in begin, end, strides */
  int32_t begin[MOTE_STRIDED_SLICE_MAX_SPEC];
  int32_t end[MOTE_STRIDED_SLICE_MAX_SPEC];
  int32_t strides[MOTE_STRIDED_SLICE_MAX_SPEC];
  int32_t begin_mask;
  int32_t end_mask;
  int32_t ellipsis_mask;
  int32_t new_axis_mask;
  int32_t shrink_axis_mask;
  bool offset; /* end[i] is a size relative to begin[i] */
} mote_strided_slice_spec_t;

/* The dense walk. Output element k (row-major over count[]) is input
 * element base + sum(i[d] * step[d]). */
typedef struct mote_strided_slice_params {
  uint8_t rank;                 /* effective rank (input + new axes) */
  size_t elem_size;             /* bytes per element */
  int32_t base;                 /* first input element */
  int32_t count[MOTE_MAX_DIMS]; /* elements taken per effective dim */
  int32_t step[MOTE_MAX_DIMS];  /* input elements between them (may be < 0) */
} mote_strided_slice_params_t;

/*
 * Prepare-time (strided_slice.c): plans a slice of an input of shape
 * in_dims[0..in_rank) with TFLite's semantics (kernels/strided_slice.cc
 * BuildStridedSliceParams, then StridedSliceStartForAxis /
 * StridedSliceEndForAxis per dimension). Fills *p (elem_size is left to the
 * caller) and the output shape out_dims[0..*out_rank) the walk produces (shrunk
 * axes removed). Returns MOTE_OK, or with *reason set to a static message:
 *  MOTE_ERR_BAD_SHAPE   a zero stride, more than one ellipsis, a mask bit
 *                       beyond the spec, a spec longer than
 *                       MOTE_STRIDED_SLICE_MAX_SPEC, or a shrunk axis whose
 *                       index is outside the input (TFLite would leave the
 *                       output unwritten);
 *  MOTE_ERR_UNSUPPORTED effective rank above MOTE_MAX_DIMS.
 */
mote_status_t mote_strided_slice_plan(const mote_strided_slice_spec_t *spec,
                                      const int32_t *in_dims, uint8_t in_rank,
                                      mote_strided_slice_params_t *p,
                                      int32_t *out_dims, uint8_t *out_rank,
                                      const char **reason);

/*
 * Glue shared with SLICE (strided_slice.c). The prepare half plans `spec`
 * over input 0 (`in`) into persistent op data and checks the walk's shape
 * against output 0 (`out`): MOTE_ERR_BAD_SHAPE or MOTE_ERR_UNSUPPORTED as
 * mote_strided_slice_plan, MOTE_ERR_BAD_SHAPE for another output shape,
 * and the errors of mote_kctx_alloc_persistent. The op data is `size`
 * bytes (at least the params', which come first; SLICE keeps more after
 * them). The invoke half is the kernel's invoke and never fails.
 */
mote_status_t mote_strided_slice_prepare_walk(
    mote_kctx_t *ctx, const mote_strided_slice_spec_t *spec,
    const mote_tensor_t *in, const mote_tensor_t *out, size_t size);
mote_status_t mote_strided_slice_invoke(mote_kctx_t *ctx);

/* Copies the planned slice of `in` to `out` (which must not overlap). */
typedef void mote_strided_slice_fn(const mote_strided_slice_params_t *p,
                                   const void *in, void *out);

mote_strided_slice_fn mote_strided_slice_ref;

#ifdef MOTE_IMPL_STRIDED_SLICE
#define mote_strided_slice                                                     \
  MOTE_IMPL_NAME(strided_slice, MOTE_IMPL_STRIDED_SLICE)
mote_strided_slice_fn mote_strided_slice;
#else
#define mote_strided_slice mote_strided_slice_ref
#endif

#endif /* MOTE_KERNELS_STRIDED_SLICE_H */
