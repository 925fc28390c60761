/*
 * Broadcasting for element-wise binary operators (ADD, MUL, ...).
 *
 * Shapes follow TFLite's NumPy rules: both inputs are right-aligned to the
 * output rank and padded with leading 1s; along every dimension an input
 * either matches the output or has extent 1 and is repeated. TFLite walks
 * a 6-D index with per-input strides (NdArrayDesc, stride 0 along repeated
 * dimensions); every output element depends only on the two elements it
 * is paired with, so the order of the walk does not change any byte.
 *
 * mote_bcast_init() therefore canonicalises the shapes (a few dozen
 * instructions, cheap enough to redo on every invoke instead of keeping
 * the result in the arena): it drops output dimensions of extent 1 and
 * merges neighbours that repeat the same way in both inputs, so an
 * element-wise op on equal shapes is a single row and [1,8,8,64] + [64]
 * is 64 rows of 64. The compute walks rows of dims[MOTE_MAX_DIMS - 1]
 * elements with mote_bcast_step().
 */
#ifndef MOTE_KERNELS_BROADCAST_H
#define MOTE_KERNELS_BROADCAST_H

#include <stdint.h>

#include "mote/status.h"
#include "mote/tensor.h"

typedef struct mote_bcast {
  /* Output extents after merging, outermost first, padded in front with
   * 1s to MOTE_MAX_DIMS. The row length is dims[MOTE_MAX_DIMS - 1]. */
  int32_t dims[MOTE_MAX_DIMS];
  /* Element step of input 1 / input 2 along each dimension; 0 where that
   * input is repeated. */
  int32_t stride1[MOTE_MAX_DIMS];
  int32_t stride2[MOTE_MAX_DIMS];
  int32_t count; /* output elements (0 for an empty tensor) */
} mote_bcast_t;

/* Position of a row walk: index over the outer dimensions and the offsets
 * of the current row's first element in each input. */
typedef struct mote_bcast_iter {
  int32_t idx[MOTE_MAX_DIMS];
  int32_t off1;
  int32_t off2;
} mote_bcast_iter_t;

/*
 * Describes out = f(in1, in2) for shapes d1 (rank r1), d2 (rank r2) and
 * dout (rank rout), each rank <= MOTE_MAX_DIMS, outermost first. Returns
 * MOTE_ERR_BAD_SHAPE when the inputs do not broadcast exactly to the
 * output shape, with the offending output dimension (counted from the
 * front of dout, or -1 for a rank problem) in *bad_dim; MOTE_OK otherwise.
 */
mote_status_t mote_bcast_init(mote_bcast_t *b, const int32_t *d1, int r1,
                              const int32_t *d2, int r2, const int32_t *dout,
                              int rout, int *bad_dim);

/* Starts a walk at the first row. */
void mote_bcast_begin(mote_bcast_iter_t *it);

/* Moves to the next row (undefined past the last one). */
void mote_bcast_step(const mote_bcast_t *b, mote_bcast_iter_t *it);

/* Number of rows: count / row length (0 for an empty output). */
int32_t mote_bcast_rows(const mote_bcast_t *b);

#endif /* MOTE_KERNELS_BROADCAST_H */
