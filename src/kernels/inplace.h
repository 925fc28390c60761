/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Running a windowed operator (CONV_2D, DEPTHWISE_CONV_2D, pooling) with
 * its output written over its dying input, row by row.
 *
 * Why: on a chain of convolutions the arena peak is an operator's input
 * plus its output. TinyEngine showed that most of that is avoidable: an
 * output row can go where input rows lie that no later output row reads.
 * mote computes output rows into a small ring in scratch and copies each
 * one to its place once the input rows under that place are dead, so any
 * implementation of the op (reference, DSP, Helium) runs unchanged, on
 * bands of rows, and the peak drops to the larger of the two tensors
 * plus the ring. The planner decides whether the two tensors overlap
 * (mote_kctx_request_share); the op sees which at invoke.
 *
 * Layout: the output starts at the block's start; the input starts `rel`
 * bytes later (its end at the output's end when the output is larger,
 * both at the start otherwise). There an output row's place covers only
 * input rows its own window has reached, so a ring of one row suffices
 * for 1x1 layers and two for 3x3, at stride 1 or 2.
 * Rejected: computing in place without a ring (every implementation
 * would have to promise an order of reads and writes), and TinyEngine's
 * channel-by-channel depthwise (strided, and the implementation's own).
 */
#ifndef MOTE_KERNELS_INPLACE_H
#define MOTE_KERNELS_INPLACE_H

#include <stddef.h>
#include <stdint.h>

/* One image (batch 1) seen as rows. Output row y reads input rows from
 * y * stride - pad up to `extent` rows on. */
typedef struct mote_rows {
  int32_t in_h, out_h;
  int32_t stride, pad, extent;
  uint32_t in_row, out_row; /* bytes per row */
  uint32_t rel;             /* input start minus output start, bytes */
} mote_rows_t;

/* Rows of ring the run needs at least (>= 1); out_h or more means the
 * overlap saves nothing. */
int32_t mote_rows_ring(const mote_rows_t *g);

/* Computes output rows y0..y0+rows-1 into `dst` (rows * out_row bytes). */
typedef void mote_rows_band_fn(void *user, int32_t y0, int32_t rows,
                               void *dst);

/* Runs the op as bands into `ring` (ring_rows rows, at least
 * mote_rows_ring), copying each row to `out` once the input rows under it
 * are dead. */
void mote_rows_run(const mote_rows_t *g, int32_t ring_rows, uint8_t *out,
                   uint8_t *ring, mote_rows_band_fn *band, void *user);

#endif /* MOTE_KERNELS_INPLACE_H */
