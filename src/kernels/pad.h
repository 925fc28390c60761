/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PAD / PADV2 compute function: the seam between the op's glue (pad.c)
 * and its implementations (impl.h). Constant padding of any element size;
 * pure data movement, so a memcpy-tuned or DMA implementation is a family
 * of its own. No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_PAD_H
#define MOTE_KERNELS_PAD_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/impl.h"
#include "mote/tensor.h"

typedef struct mote_pad_params {
  uint8_t rank;                   /* 0..MOTE_MAX_DIMS */
  size_t elem_size;               /* bytes per element (any size > 0) */
  int32_t in_dims[MOTE_MAX_DIMS]; /* input shape, outermost first */
  int32_t before[MOTE_MAX_DIMS];  /* elements added in front, >= 0 */
  int32_t after[MOTE_MAX_DIMS];   /* elements added behind, >= 0 */
} mote_pad_params_t;

/*
 * Pads `in` into `out`.
 * in:        in_dims, row-major, elem_size bytes per element
 * pad_value: one element (elem_size bytes) written to every padded place
 * out:       dims in_dims[d] + before[d] + after[d], row-major
 * Buffers must not overlap.
 */
typedef void mote_pad_fn(const mote_pad_params_t *p, const void *in,
                         const void *pad_value, void *out);

mote_pad_fn mote_pad_ref;

/* For the row walks of PAD and MIRROR_PAD: the output shape of a rank >= 1
 * `p` into od[], idx[] zeroed, and the number of output rows (every
 * dimension but the innermost); 0 when the output is empty. */
static inline int32_t mote_pad_out_rows(const mote_pad_params_t *p, int32_t *od,
                                        int32_t *idx) {
  int32_t rows = 1;
  int d;
  for (d = 0; d < (int)p->rank; ++d) {
    od[d] = p->in_dims[d] + p->before[d] + p->after[d];
    idx[d] = 0;
    if (od[d] == 0) {
      return 0;
    }
    rows *= d + 1 < (int)p->rank ? od[d] : 1;
  }
  return rows;
}

/* The next output row: an odometer over idx[0 .. last) within od[]. */
static inline void mote_pad_next_row(int32_t *idx, const int32_t *od,
                                     int last) {
  int d;
  for (d = last - 1; d >= 0; --d) {
    if (++idx[d] < od[d]) {
      return;
    }
    idx[d] = 0;
  }
}

#ifdef MOTE_IMPL_PAD
#define mote_pad MOTE_IMPL_NAME(pad, MOTE_IMPL_PAD)
mote_pad_fn mote_pad;
#else
#define mote_pad mote_pad_ref
#endif

#endif /* MOTE_KERNELS_PAD_H */
