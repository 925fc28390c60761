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

/*
 * Prepare-time (reshape.c): whether a requested shape `spec[0..count)` (a
 * RESHAPE shape tensor or ReshapeOptions.new_shape) agrees with the static
 * output shape `dims[0..rank)`. Each entry must equal the output dimension
 * or be -1 (at most one -1, TFLite's "infer this dimension"). A legacy
 * scalar spec [0] never matches; callers reject it separately.
 */
bool mote_reshape_spec_matches(const int32_t *spec, uint32_t count,
                               const int32_t *dims, uint8_t rank);

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
