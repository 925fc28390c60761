/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SVDF compute functions, framework-free.
 *
 * An SVDF layer is a rank-r factorisation of a fully connected layer over a
 * sliding window of the last `memory` inputs. Each invocation:
 *   1. shifts every filter's memory one step left (the oldest value drops
 *      out) and writes feature[f] = weights_feature[f] . input into the
 *      newest slot;
 *   2. dots each filter's memory with its time weights;
 *   3. sums groups of `rank` filters into one unit, adds the bias and
 *      applies the output scaling (integer) or fused activation (float).
 *
 * Layouts (row-major, as TFLite):
 *   input           [batch][n_input]
 *   weights_feature [n_filter][n_input]
 *   weights_time    [n_filter][n_memory]
 *   bias            [n_unit] or NULL, n_unit = n_filter / rank
 *   state           [batch][n_filter][n_memory], oldest first; kept by the
 *                   caller between invocations (a variable tensor)
 *   output          [batch][n_unit]
 *   scratch         [batch][n_filter] (float or int32)
 */
#ifndef MOTE_KERNELS_SVDF_H
#define MOTE_KERNELS_SVDF_H

#include <stdint.h>

typedef struct mote_svdf_dims {
  int32_t batch;
  int32_t n_input;
  int32_t n_filter;
  int32_t n_memory;
  int32_t rank;
} mote_svdf_dims_t;

/* Integer requantization, from prepare (TFLite Micro's OpDataSvdf). */
typedef struct mote_svdf_q {
  /* input x weights_feature -> state scale. */
  int32_t feature_multiplier;
  int32_t feature_shift;
  /* state x weights_time -> output scale. */
  int32_t output_multiplier;
  int32_t output_shift;
  int32_t input_zero_point;
  int32_t state_zero_point;
  int32_t output_zero_point;
} mote_svdf_q_t;

/* Bytes of scratch the float variant needs. */
int32_t mote_svdf_scratch_f32(const mote_svdf_dims_t *d);
/* Bytes of scratch the integer variants need. */
int32_t mote_svdf_scratch_int(const mote_svdf_dims_t *d);

/* float32; `act` is a fused activation code (kernel_util.h MOTE_ACT_*). */
void mote_svdf_f32(const mote_svdf_dims_t *d, const float *input,
                   const float *weights_feature, const float *weights_time,
                   const float *bias, float *state, float *scratch,
                   float *output, int act);

/* int8 input / output / feature weights, int16 time weights and state,
 * int32 bias. The fused activation is not applied: TFLite Micro's integer
 * SVDF only saturates to int8, and so do we. */
void mote_svdf_s8_s16(const mote_svdf_dims_t *d, const mote_svdf_q_t *q,
                      const int8_t *input, const int8_t *weights_feature,
                      const int16_t *weights_time, const int32_t *bias,
                      int16_t *state, int32_t *scratch, int8_t *output);

/* As above with int8 time weights and an int8 (asymmetric) state. The
 * newest feature saturates to int8 before the state zero point is added,
 * so it can wrap, as in TFLite Micro (svdf_eval.c). */
void mote_svdf_s8_s8(const mote_svdf_dims_t *d, const mote_svdf_q_t *q,
                     const int8_t *input, const int8_t *weights_feature,
                     const int8_t *weights_time, const int32_t *bias,
                     int8_t *state, int32_t *scratch, int8_t *output);

#endif /* MOTE_KERNELS_SVDF_H */
