/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MIRROR_PAD compute function: the seam between the op's glue
 * (mirror_pad.c) and its implementations (impl.h). The shape is PAD's
 * (mote_pad_params_t); the padded places copy the input mirrored at its
 * edges instead of a constant. No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_MIRROR_PAD_H
#define MOTE_KERNELS_MIRROR_PAD_H

#include <stdint.h>

#include "kernels/impl.h"
#include "kernels/pad.h"

/* The two mirror modes (TFLite's MirrorPadMode): REFLECT leaves the edge
 * element out of the mirror image, SYMMETRIC repeats it. */
enum { MOTE_MIRROR_REFLECT = 0, MOTE_MIRROR_SYMMETRIC = 1 };

/*
 * Mirror-pads `in` into `out`.
 * in:   p->in_dims, row-major, p->elem_size bytes per element
 * mode: MOTE_MIRROR_REFLECT (every before/after below its dimension) or
 *       MOTE_MIRROR_SYMMETRIC (every before/after at most its dimension)
 * out:  dims in_dims[d] + before[d] + after[d], row-major
 * Buffers must not overlap.
 */
typedef void mote_mirror_pad_fn(const mote_pad_params_t *p, int mode,
                                const void *in, void *out);

mote_mirror_pad_fn mote_mirror_pad_ref;

#ifdef MOTE_IMPL_MIRROR_PAD
#define mote_mirror_pad MOTE_IMPL_NAME(mirror_pad, MOTE_IMPL_MIRROR_PAD)
mote_mirror_pad_fn mote_mirror_pad;
#else
#define mote_mirror_pad mote_mirror_pad_ref
#endif

#endif /* MOTE_KERNELS_MIRROR_PAD_H */
