/*
 * Framework-free MEAN kernels (TFLite Micro reference semantics).
 *
 * A reduction plan, built once from the input shape and the axes,
 * describes the walk: the input is visited in row-major order and each
 * element is added to the output cell its non-reduced coordinates name,
 * which is also the order TFLite accumulates in (so float sums round the
 * same way). The compute functions do no validation and cannot fail.
 */
#ifndef MOTE_KERNELS_MEAN_H
#define MOTE_KERNELS_MEAN_H

#include <stdint.h>

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
 * Integer MEAN parameters: each output is (sum - zp_in * n) through one
 * MultiplyByQuantizedMultiplier with s_in / s_out and 1/n folded in
 * (mote_mean_fold), plus zp_out, saturated to the output type. TFLM takes
 * this path even when input and output share scale and zero point.
 */
typedef struct mote_mean_qparams {
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier; /* folded */
  int shift;
} mote_mean_qparams_t;

/*
 * TFLite's folding of 1/n into QuantizeMultiplier(s_in / s_out) =
 * (multiplier, shift): s = min(floor(log2 n), 32, 31 + shift),
 * multiplier' = (multiplier << s) / n (int64, truncating), shift' =
 * shift - s. n >= 1.
 */
void mote_mean_fold(int32_t multiplier, int shift, int32_t n,
                    int32_t *folded_multiplier, int *folded_shift);

/* float32: single-precision sums in input order, each divided by (float)n.
 * Outputs are 0 when n or the input is empty. */
void mote_mean_f32(const mote_mean_plan_t *m, const float *in, float *out);

/* int8 / int16; `acc` is scratch for out_count int32 sums. */
void mote_mean_s8(const mote_mean_plan_t *m, const mote_mean_qparams_t *q,
                  const int8_t *in, int8_t *out, int32_t *acc);
void mote_mean_s16(const mote_mean_plan_t *m, const mote_mean_qparams_t *q,
                   const int16_t *in, int16_t *out, int32_t *acc);

#endif /* MOTE_KERNELS_MEAN_H */
