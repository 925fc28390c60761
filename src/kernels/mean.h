/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MEAN compute functions: the seam between the op's glue (mean.c) and its
 * implementations (impl.h), and the reduction plan both sides use.
 *
 * A reduction plan, built once from the input shape and the axes,
 * describes the walk: the input is visited in row-major order and each
 * element is added to the output cell its non-reduced coordinates name,
 * which is also the order TFLite accumulates in (so float sums round the
 * same way). float32 sums in single precision in that order and divides
 * each sum by (float)n. int8 / int16 are TFLM's QuantizedMeanOrSum: the
 * int32 (wrapping) sum of the raw values, less input_zero_point * n, then
 * p->rq: one rescale by s_in / s_out with 1/n folded in (mote_mean_fold),
 * the output zero point, and the output type's range as the clamp. With
 * nothing to sum (n = 0) every output is 0.
 *
 * `acc` is working memory for m->out_count int32 sums, which every
 * implementation of the integer variants needs (the glue takes it from
 * arena scratch). No validation, no failure.
 */
#ifndef MOTE_KERNELS_MEAN_H
#define MOTE_KERNELS_MEAN_H

#include <stdint.h>

#include "kernels/core/requant.h"
#include "kernels/impl.h"
#include "mote/kernel.h"
#include "mote/status.h"
#include "mote/tensor.h"

typedef struct mote_mean_plan {
  /* Input extents after dropping 1s and merging neighbours that are both
   * reduced or both kept, padded in front with 1s to MOTE_MAX_DIMS. */
  int32_t dims[MOTE_MAX_DIMS];
  /* Output element step along each of those dimensions; 0 if reduced. */
  int32_t ostride[MOTE_MAX_DIMS];
  int32_t in_count;  /* input elements */
  int32_t out_count; /* output elements: product of the kept extents */
  int32_t n;         /* input elements per output: product of the reduced */
} mote_mean_plan_t;

/*
 * Builds the plan for an input of rank `rank` (<= MOTE_MAX_DIMS) and
 * `naxes` axes (negative counts from the back; repeats are ignored, as in
 * TFLite's ResolveAxis). MOTE_ERR_BAD_SHAPE with *bad_axis set to the
 * index in `axes` of an out-of-range axis (or -1 for a bad rank).
 */
mote_status_t mote_mean_plan_init(mote_mean_plan_t *m, const int32_t *dims,
                                  int rank, const int32_t *axes, int naxes,
                                  int *bad_axis);

/*
 * TFLite's folding of 1/n into QuantizeMultiplier(s_in / s_out) =
 * (multiplier, shift): s = min(floor(log2 n), 32, 31 + shift),
 * multiplier' = (multiplier << s) / n (int64, truncating), shift' =
 * shift - s. n >= 1.
 */
void mote_mean_fold(int32_t multiplier, int shift, int32_t n,
                    int32_t *folded_multiplier, int *folded_shift);

/* The integer variants' parameters. */
typedef struct mote_mean_params {
  int32_t input_zero_point;
  mote_requant_t rq; /* one entry (the folded rescale), zero point, range */
} mote_mean_params_t;

typedef void mote_mean_s8_fn(const mote_mean_params_t *p,
                             const mote_mean_plan_t *m, const int8_t *input,
                             int8_t *output, int32_t *acc);
typedef void mote_mean_s16_fn(const mote_mean_params_t *p,
                              const mote_mean_plan_t *m, const int16_t *input,
                              int16_t *output, int32_t *acc);
typedef void mote_mean_f32_fn(const mote_mean_plan_t *m, const float *input,
                              float *output);

mote_mean_s8_fn mote_mean_s8_ref;
mote_mean_s16_fn mote_mean_s16_ref;
mote_mean_f32_fn mote_mean_f32_ref;

#ifdef MOTE_IMPL_MEAN_S8
#define mote_mean_s8 MOTE_IMPL_NAME(mean_s8, MOTE_IMPL_MEAN_S8)
mote_mean_s8_fn mote_mean_s8;
#else
#define mote_mean_s8 mote_mean_s8_ref
#endif
#ifdef MOTE_IMPL_MEAN_S16
#define mote_mean_s16 MOTE_IMPL_NAME(mean_s16, MOTE_IMPL_MEAN_S16)
mote_mean_s16_fn mote_mean_s16;
#else
#define mote_mean_s16 mote_mean_s16_ref
#endif
#ifdef MOTE_IMPL_MEAN_F32
#define mote_mean_f32 MOTE_IMPL_NAME(mean_f32, MOTE_IMPL_MEAN_F32)
mote_mean_f32_fn mote_mean_f32;
#else
#define mote_mean_f32 mote_mean_f32_ref
#endif

#endif /* MOTE_KERNELS_MEAN_H */
