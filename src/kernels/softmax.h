/*
 * SOFTMAX compute functions, framework-free.
 *
 * Every variant normalizes `outer` rows of `depth` contiguous elements
 * (the innermost dimension), as TFLite Micro's reference kernels:
 *   float32 -> float32  exp((x - max) * beta) / sum, in float;
 *   int8 -> int8 / int16 gemmlowp fixed point: the input difference to the
 *                       row maximum is scaled to Q5.26, exp() on it in Q0.31,
 *                       the sum kept in Q12.19, output = exp * (1 / sum);
 *   int16 -> int16      two 513-entry interpolating tables (exp on [-10, 0]
 *                       and 1 / (1 + x) on [0, 1]).
 * Quantized outputs have fixed scales (1/256 zp -128 for int8, 1/65536 zp
 * -32768 for int8 -> int16, 1/32768 zp 0 for int16) checked by the kernel.
 */
#ifndef MOTE_KERNELS_SOFTMAX_H
#define MOTE_KERNELS_SOFTMAX_H

#include <stdint.h>

#include "mote/status.h"

/* Quantized scaling, computed once from beta and the input scale. */
typedef struct mote_softmax_params {
  int32_t input_multiplier; /* Q0.31 significand of the input rescale */
  int32_t input_left_shift; /* its power of two (>= 0 for int8) */
  int32_t diff_min;         /* int8: differences below this give 0 */
} mote_softmax_params_t;

/*
 * int8 input scaling, as TFLite PreprocessSoftmaxScaling with 5 integer
 * bits plus CalculateInputRadius: beta * input_scale * 2^26, capped at
 * 2^31 - 1. MOTE_ERR_UNSUPPORTED when that is not above 1 (TFLite aborts).
 */
mote_status_t mote_softmax_params_s8(float beta, float input_scale,
                                     mote_softmax_params_t *p);

/* int16 input scaling: input differences mapped so that [-65535, 0]
 * covers [-10, 0] of beta * x (TFLite's int16 softmax).
 * MOTE_ERR_UNSUPPORTED when that needs a left shift over 30 (beta * input
 * scale above ~1.6e5, where TFLite's rescale overflows). */
mote_status_t mote_softmax_params_s16(float beta, float input_scale,
                                      mote_softmax_params_t *p);

/* Fills the two tables the int16 variant needs (MOTE_LUT16_SIZE each). */
void mote_softmax_luts_s16(int16_t *exp_lut, int16_t *recip_lut);

/* input, output: [outer][depth] float. */
void mote_softmax_f32(const float *input, float *output, int32_t outer,
                      int32_t depth, float beta);

/*
 * input: [outer][depth] int8; output: [outer][depth] int8 (scale 1/256,
 * zero point -128). MOTE_ERR_KERNEL when a row's sum of exponentials is too
 * large for the fixed-point format (needs >= 512 near-maximal elements in
 * one row; TFLite aborts there).
 */
mote_status_t mote_softmax_s8(const int8_t *input, int8_t *output,
                              int32_t outer, int32_t depth,
                              const mote_softmax_params_t *p);

/* As mote_softmax_s8, output int16 (scale 1/65536, zero point -32768). */
mote_status_t mote_softmax_s8_s16(const int8_t *input, int16_t *output,
                                  int32_t outer, int32_t depth,
                                  const mote_softmax_params_t *p);

/*
 * input, output: [outer][depth] int16, zero points 0, output scale 1/32768.
 * `output` may not alias `input` (it holds the row's exponentials first).
 * MOTE_ERR_KERNEL when a row's exponentials sum to nothing representable.
 */
mote_status_t mote_softmax_s16(const int16_t *input, int16_t *output,
                               int32_t outer, int32_t depth,
                               const mote_softmax_params_t *p,
                               const int16_t *exp_lut,
                               const int16_t *recip_lut);

#endif /* MOTE_KERNELS_SOFTMAX_H */
