/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONCATENATION compute function: the seam between the op's glue
 * (concatenation.c) and its implementations (impl.h).
 *
 * Concatenation along `axis` is, for each of the `outer` index tuples in
 * front of the axis, a run of contiguous bytes from every input placed one
 * after another. The compute function therefore places one input at a
 * time: that needs no table of input pointers, so any number of inputs
 * works without scratch memory. It is a byte copy for every type (TFLite
 * Micro never rescales), so a memcpy-tuned or DMA implementation is a
 * family of its own. No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_CONCATENATION_H
#define MOTE_KERNELS_CONCATENATION_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_concat_params {
  int32_t outer;        /* product of output dims before the axis */
  size_t out_row_bytes; /* output dims from the axis on x element size */
} mote_concat_params_t;

/*
 * Writes one input into its slot of the output.
 * in:        [outer][in_row_bytes] bytes
 * out:       [outer][p->out_row_bytes] bytes
 * in_row_bytes: input dims from the axis on x element size
 * offset_bytes: where this input starts inside each output row (the sum of
 *               in_row_bytes of the inputs before it)
 * The input must not overlap the output.
 */
typedef void mote_concatenation_place_fn(const mote_concat_params_t *p,
                                         const void *in, size_t in_row_bytes,
                                         size_t offset_bytes, void *out);

mote_concatenation_place_fn mote_concatenation_place_ref;

#ifdef MOTE_IMPL_CONCATENATION_PLACE
#define mote_concatenation_place                                               \
  MOTE_IMPL_NAME(concatenation_place, MOTE_IMPL_CONCATENATION_PLACE)
mote_concatenation_place_fn mote_concatenation_place;
#else
#define mote_concatenation_place mote_concatenation_place_ref
#endif

#endif /* MOTE_KERNELS_CONCATENATION_H */
