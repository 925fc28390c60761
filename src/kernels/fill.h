/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fill compute function FILL and ZEROS_LIKE share: every element of
 * the output one value (ZEROS_LIKE's is all-zero bytes, which is 0 and
 * +0.0 in every type TFLite has). A byte pattern of any element size, so
 * a memset- or DMA-tuned family is a family of its own. No validation, no
 * failure, no scratch.
 */
#ifndef MOTE_KERNELS_FILL_H
#define MOTE_KERNELS_FILL_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"

/* Writes the `esize` bytes at `value` to each of the `count` elements of
 * `out` (out: [count][esize] bytes; value must not lie inside out). */
typedef void mote_fill_fn(void *out, const void *value, size_t esize,
                          int32_t count);

mote_fill_fn mote_fill_ref;

#ifdef MOTE_IMPL_FILL
#define mote_fill MOTE_IMPL_NAME(fill, MOTE_IMPL_FILL)
mote_fill_fn mote_fill;
#else
#define mote_fill mote_fill_ref
#endif

#endif /* MOTE_KERNELS_FILL_H */
