/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BATCH_MATMUL compute functions: the seam between the op's glue
 * (batch_matmul.c) and its implementations (impl.h).
 *
 * out[b][a][c] = sum over k of lhs[b][a][k] * rhs[b][k][c], for up to
 * three batch dimensions broadcast between the operands: lhs batch
 * (b0, b1, b2) starts at matrix b0 * lhs_step[0] + b1 * lhs_step[1] + b2 *
 * lhs_step[2] (a step of 0 repeats the matrix), likewise rhs; the output
 * is dense. adj_x: lhs matrices are stored [depth][rows]; adj_y: rhs
 * matrices [cols][depth]. Sums run over k in order (float: from +0.0,
 * TFLM's order). Integer: (lhs + lhs_offset) * (rhs + rhs_offset) summed
 * in 32 bits, wrapping (int8), or 64 (int16), scaled by multiplier and
 * shift (the int64 rescale for int16), plus out_offset, clamped to the
 * type. No validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_BATCH_MATMUL_H
#define MOTE_KERNELS_BATCH_MATMUL_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_bmm_params {
  int32_t rows, depth, cols;
  int32_t adj_x, adj_y;
  int32_t batch[3];                  /* output batch dims, outermost first */
  int32_t lhs_step[3], rhs_step[3];  /* in matrices; 0 where broadcast */
  int32_t lhs_offset, rhs_offset;    /* minus the zero points */
  int32_t multiplier, shift;         /* quantized: output scaling */
  int32_t out_offset, act_min, act_max;
} mote_bmm_params_t;

typedef void mote_bmm_f32_fn(const mote_bmm_params_t *p, const float *lhs,
                             const float *rhs, float *out);
typedef void mote_bmm_s8_fn(const mote_bmm_params_t *p, const int8_t *lhs,
                            const int8_t *rhs, int8_t *out);
typedef void mote_bmm_s16_fn(const mote_bmm_params_t *p, const int16_t *lhs,
                             const int16_t *rhs, int16_t *out);

mote_bmm_f32_fn mote_batch_matmul_f32_ref;
mote_bmm_s8_fn mote_batch_matmul_s8_ref;
mote_bmm_s16_fn mote_batch_matmul_s16_ref;

#define mote_batch_matmul_f32 mote_batch_matmul_f32_ref
#define mote_batch_matmul_s8 mote_batch_matmul_s8_ref
#define mote_batch_matmul_s16 mote_batch_matmul_s16_ref

#endif /* MOTE_KERNELS_BATCH_MATMUL_H */
