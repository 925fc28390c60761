/*
 * RESHAPE compute and shape helpers, free of the kernel framework so that
 * tests and optimized variants can call them directly.
 */
#ifndef MOTE_KERNELS_RESHAPE_H
#define MOTE_KERNELS_RESHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copies `bytes` from `in` to `out`. Does nothing when both are the same
 * buffer (the planner may alias them); overlapping buffers are handled
 * (memmove semantics). */
void mote_reshape_copy(const void *in, void *out, size_t bytes);

/*
 * Whether a requested shape `spec[0..count)` (a RESHAPE shape tensor or
 * ReshapeOptions.new_shape) agrees with the static output shape
 * `dims[0..rank)`. Each entry must equal the output dimension or be -1
 * (at most one -1, TFLite's "infer this dimension"). A legacy scalar spec
 * [0] never matches; callers reject it separately.
 */
bool mote_reshape_spec_matches(const int32_t *spec, uint32_t count,
                               const int32_t *dims, uint8_t rank);

#endif /* MOTE_KERNELS_RESHAPE_H */
