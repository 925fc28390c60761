/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RESHAPE compute function: the seam between the op's glue (reshape.c) and
 * its implementations (impl.h). A reshape is the same bytes under another
 * shape, so the compute is a copy; a DMA or memcpy-tuned implementation
 * is a family of its own. No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_RESHAPE_H
#define MOTE_KERNELS_RESHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"
#include "mote/kernel.h"

/*
 * Prepare-time (reshape.c): whether a requested shape `spec[0..count)` (a
 * RESHAPE shape tensor or ReshapeOptions.new_shape) agrees with the static
 * output shape `dims[0..rank)`. Each entry must equal the output dimension
 * or be -1 (at most one -1, TFLite's "infer this dimension"). A legacy
 * scalar spec [0] never matches; callers reject it separately.
 */
bool mote_reshape_spec_matches(const int32_t *spec, uint32_t count,
                               const int32_t *dims, uint8_t rank);

/*
 * Glue shared by the ops whose compute is the copy below (RESHAPE, SQUEEZE,
 * EXPAND_DIMS), defined in reshape.c. The prepare half runs last in their
 * prepare, once `in` (input 0) and `out` (output 0) are checked: it keeps
 * the byte count for invoke and asks the planner to let the output share
 * the input's bytes. Returns what mote_kctx_alloc_persistent and
 * mote_request_share_elementwise return. The invoke half is the kernel's
 * invoke and never fails. The type check, for RESHAPE and SQUEEZE, which
 * copy any type: MOTE_ERR_BAD_SHAPE when input and output types differ,
 * MOTE_ERR_UNSUPPORTED_TYPE for a type without a fixed size.
 */
mote_status_t mote_reshape_check_types(mote_kctx_t *ctx,
                                       const mote_tensor_t *in,
                                       const mote_tensor_t *out);
mote_status_t mote_reshape_copy_prepare(mote_kctx_t *ctx,
                                        const mote_tensor_t *in,
                                        const mote_tensor_t *out);
mote_status_t mote_reshape_copy_invoke(mote_kctx_t *ctx);

/* Copies `bytes` from `input` to `output`. Does nothing when both are the
 * same buffer (the planner may alias them); overlapping buffers are
 * handled (memmove semantics). */
typedef void mote_reshape_copy_fn(const void *input, void *output,
                                  size_t bytes);

mote_reshape_copy_fn mote_reshape_copy_ref;

#ifdef MOTE_IMPL_RESHAPE_COPY
#define mote_reshape_copy MOTE_IMPL_NAME(reshape_copy, MOTE_IMPL_RESHAPE_COPY)
mote_reshape_copy_fn mote_reshape_copy;
#else
#define mote_reshape_copy mote_reshape_copy_ref
#endif

#endif /* MOTE_KERNELS_RESHAPE_H */
