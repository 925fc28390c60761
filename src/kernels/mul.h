/*
 * Framework-free MUL kernels (TFLite Micro reference semantics).
 *
 * All variants take a broadcast description from mote_bcast_init() and
 * write b->count output elements in row-major order. They do no
 * validation and cannot fail.
 */
#ifndef MOTE_KERNELS_MUL_H
#define MOTE_KERNELS_MUL_H

#include <stdint.h>

#include "kernels/broadcast.h"

/*
 * Quantized MUL parameters: out = clamp(out_zp + MultiplyByQuantized-
 * Multiplier((x - zp1) * (y - zp2), multiplier, shift)), with the
 * multiplier and shift from TFLite's QuantizeMultiplier(s1 * s2 / s_out)
 * (any sign of shift).
 */
typedef struct mote_mul_params {
  int32_t input1_offset; /* -zero point of input 1 */
  int32_t input2_offset;
  int32_t output_offset; /* +zero point of the output */
  int32_t multiplier;
  int shift;
  int32_t act_min;
  int32_t act_max;
} mote_mul_params_t;

void mote_mul_s8(const mote_mul_params_t *p, const mote_bcast_t *b,
                 const int8_t *in1, const int8_t *in2, int8_t *out);

/* int16 (TFLM requires every zero point to be 0; the product of two int16
 * values fits int32). */
void mote_mul_s16(const mote_mul_params_t *p, const mote_bcast_t *b,
                  const int16_t *in1, const int16_t *in2, int16_t *out);

/* float32: in1 * in2 in single precision, then clamped. */
void mote_mul_f32(float act_min, float act_max, const mote_bcast_t *b,
                  const float *in1, const float *in2, float *out);

/* int32: wrapping in1 * in2, clamped to [act_min, act_max]. */
void mote_mul_s32(int32_t act_min, int32_t act_max, const mote_bcast_t *b,
                  const int32_t *in1, const int32_t *in2, int32_t *out);

#endif /* MOTE_KERNELS_MUL_H */
