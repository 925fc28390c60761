/*
 * CONCATENATION compute, free of the kernel framework.
 *
 * Concatenation along `axis` is, for each of the `outer` index tuples in
 * front of the axis, a run of contiguous bytes from every input placed one
 * after another. The kernel therefore places one input at a time: that
 * needs no table of input pointers, so any number of inputs works without
 * scratch memory.
 */
#ifndef MOTE_KERNELS_CONCATENATION_H
#define MOTE_KERNELS_CONCATENATION_H

#include <stddef.h>
#include <stdint.h>

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
void mote_concatenation_place(const mote_concat_params_t *p, const void *in,
                              size_t in_row_bytes, size_t offset_bytes,
                              void *out);

#endif /* MOTE_KERNELS_CONCATENATION_H */
