/*
 * FULLY_CONNECTED compute functions, framework-free.
 *
 * Layouts (row-major, as TFLite):
 *   input  [batches][accum_depth]
 *   filter [out_depth][accum_depth]
 *   bias   [out_depth] or NULL
 *   output [batches][out_depth]
 * The integer variants accumulate sum(filter * (input + input_offset)) +
 * bias exactly (int32, or int64 for int16 inputs with int64 bias), requantize
 * with TFLite's MultiplyByQuantizedMultiplier, add the output zero point and
 * clamp to the fused activation range. Filters are symmetric (zero point 0),
 * as TFLite Micro requires.
 */
#ifndef MOTE_KERNELS_FULLY_CONNECTED_H
#define MOTE_KERNELS_FULLY_CONNECTED_H

#include <stdint.h>

typedef struct mote_fc_params {
  int32_t input_offset;  /* minus the input zero point (int8 only) */
  int32_t output_offset; /* the output zero point (int8 only) */
  /* Per-tensor requantization: real = multiplier * 2^(shift - 31). */
  int32_t output_multiplier;
  int32_t output_shift;
  /* Per-channel requantization ([out_depth] each), or NULL for per-tensor. */
  const int32_t *channel_multiplier;
  const int32_t *channel_shift;
  int32_t act_min; /* clamp, in output quantized units */
  int32_t act_max;
} mote_fc_params_t;

/* float32; act_min / act_max are the fused activation bounds. */
void mote_fc_f32(const float *input, const float *filter, const float *bias,
                 float *output, int32_t batches, int32_t out_depth,
                 int32_t accum_depth, float act_min, float act_max);

/* int8 input / filter / output, int32 bias; per-tensor or per-channel. */
void mote_fc_s8(const int8_t *input, const int8_t *filter,
                const int32_t *bias, int8_t *output, int32_t batches,
                int32_t out_depth, int32_t accum_depth,
                const mote_fc_params_t *p);

/* 16x8: int16 input / output (zero points 0, offsets ignored), int8
 * filter, int64 bias, int64 accumulator; per-tensor or per-channel.
 * Requires every shift < 8. */
void mote_fc_s16(const int16_t *input, const int8_t *filter,
                 const int64_t *bias, int16_t *output, int32_t batches,
                 int32_t out_depth, int32_t accum_depth,
                 const mote_fc_params_t *p);

/* 16x8 with int32 bias (TFLite's quantized_bias_type) or none: int32
 * accumulator and the int32 requantization; per-tensor or per-channel. */
void mote_fc_s16_b32(const int16_t *input, const int8_t *filter,
                     const int32_t *bias, int16_t *output, int32_t batches,
                     int32_t out_depth, int32_t accum_depth,
                     const mote_fc_params_t *p);

#endif /* MOTE_KERNELS_FULLY_CONNECTED_H */
