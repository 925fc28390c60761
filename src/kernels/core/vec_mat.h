/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Vector-matrix products with requantization: one row of weights per
 * output, the shared core of FULLY_CONNECTED and the LSTM gates.
 *
 *   out[r] = requant(r, bias[r] + sum_c w[r][c] * (x[c] + x_offset))
 *   x [cols], w [rows][cols] row-major, bias [rows] or NULL, out [rows]
 *
 * requant is mote_requant_t's (channel r; per-tensor or per-row scaling,
 * output offset, clamp). These are bound like any compute function
 * (impl.h): a faster family that implements MOTE_IMPL_VEC_MAT_* speeds up
 * every op built on them. The reference implementations in
 * ref/vec_mat.c are the specification.
 */
#ifndef MOTE_KERNELS_CORE_VEC_MAT_H
#define MOTE_KERNELS_CORE_VEC_MAT_H

#include <stdint.h>

#include "kernels/core/requant.h"
#include "kernels/impl.h"

/* int8 x int8 -> int8, int32 bias; the sum wraps in 32 bits. */
typedef void mote_vec_mat_s8_fn(const int8_t *x, int32_t x_offset,
                                const int8_t *w, const int32_t *bias,
                                int32_t rows, int32_t cols,
                                const mote_requant_t *rq, int8_t *out);

/* int8 x int8 -> int16 (an LSTM gate's Q3.12 pre-activation). */
typedef void mote_vec_mat_s8_s16_fn(const int8_t *x, int32_t x_offset,
                                    const int8_t *w, const int32_t *bias,
                                    int32_t rows, int32_t cols,
                                    const mote_requant_t *rq, int16_t *out);

/* 16x8: int16 x int8 -> int16, int64 bias, exact 64-bit sum and the int64
 * rescale (every shift <= 7). */
typedef void mote_vec_mat_s16_fn(const int16_t *x, int32_t x_offset,
                                 const int8_t *w, const int64_t *bias,
                                 int32_t rows, int32_t cols,
                                 const mote_requant_t *rq, int16_t *out);

mote_vec_mat_s8_fn mote_vec_mat_s8_ref;
mote_vec_mat_s8_s16_fn mote_vec_mat_s8_s16_ref;
mote_vec_mat_s16_fn mote_vec_mat_s16_ref;

#ifdef MOTE_IMPL_VEC_MAT_S8
#define mote_vec_mat_s8 MOTE_IMPL_NAME(vec_mat_s8, MOTE_IMPL_VEC_MAT_S8)
mote_vec_mat_s8_fn mote_vec_mat_s8;
#else
#define mote_vec_mat_s8 mote_vec_mat_s8_ref
#endif
#ifdef MOTE_IMPL_VEC_MAT_S8_S16
#define mote_vec_mat_s8_s16                                                    \
  MOTE_IMPL_NAME(vec_mat_s8_s16, MOTE_IMPL_VEC_MAT_S8_S16)
mote_vec_mat_s8_s16_fn mote_vec_mat_s8_s16;
#else
#define mote_vec_mat_s8_s16 mote_vec_mat_s8_s16_ref
#endif
#ifdef MOTE_IMPL_VEC_MAT_S16
#define mote_vec_mat_s16 MOTE_IMPL_NAME(vec_mat_s16, MOTE_IMPL_VEC_MAT_S16)
mote_vec_mat_s16_fn mote_vec_mat_s16;
#else
#define mote_vec_mat_s16 mote_vec_mat_s16_ref
#endif

#endif /* MOTE_KERNELS_CORE_VEC_MAT_H */
