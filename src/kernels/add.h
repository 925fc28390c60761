/*
 * Framework-free ADD kernels (TFLite Micro reference semantics).
 *
 * All variants take a broadcast description from mote_bcast_init() and
 * write b->count output elements in row-major order. They do no
 * validation and cannot fail.
 */
#ifndef MOTE_KERNELS_ADD_H
#define MOTE_KERNELS_ADD_H

#include <stdint.h>

#include "kernels/broadcast.h"
#include "mote/status.h"

/*
 * Quantized ADD parameters (TFLite ArithmeticParams). Each input, offset
 * by minus its zero point, is shifted left by left_shift (20 for int8, 15
 * for int16) and scaled by its multiplier (s_i / (2 max(s1, s2)), all
 * shifts <= 0); the sum is scaled by the output multiplier
 * (2 max(s1, s2) / (2^left_shift s_out)) and offset by the output zero
 * point, then clamped to [act_min, act_max].
 */
typedef struct mote_add_params {
  int32_t input1_offset; /* -zero point of input 1 */
  int32_t input2_offset;
  int32_t output_offset; /* +zero point of the output */
  int32_t input1_multiplier;
  int32_t input2_multiplier;
  int32_t output_multiplier;
  int input1_shift; /* <= 0 */
  int input2_shift;
  int output_shift;
  int left_shift;
  int32_t act_min;
  int32_t act_max;
} mote_add_params_t;

/*
 * Fills the multipliers, shifts and offsets of *p from the tensors'
 * quantization (as TFLM's CalculateOpDataAdd, in double precision) and
 * left_shift; leaves act_min / act_max alone. MOTE_ERR_UNSUPPORTED when a
 * scale is not positive or a multiplier is not below 1 (TFLite aborts
 * there).
 */
mote_status_t mote_add_quant_params(float scale1, int32_t zero_point1,
                                    float scale2, int32_t zero_point2,
                                    float out_scale, int32_t out_zero_point,
                                    int left_shift, mote_add_params_t *p);

void mote_add_s8(const mote_add_params_t *p, const mote_bcast_t *b,
                 const int8_t *in1, const int8_t *in2, int8_t *out);

/* int16: the same general rescaling path with left_shift 15. TFLM uses
 * it for every int16 ADD, whatever pot_scale_int16 says. */
void mote_add_s16(const mote_add_params_t *p, const mote_bcast_t *b,
                  const int16_t *in1, const int16_t *in2, int16_t *out);

/* float32: in1 + in2 in single precision, then clamped. */
void mote_add_f32(float act_min, float act_max, const mote_bcast_t *b,
                  const float *in1, const float *in2, float *out);

/* int32: wrapping in1 + in2, unclamped (TFLM ignores the fused activation
 * for int32 ADD). */
void mote_add_s32(const mote_bcast_t *b, const int32_t *in1,
                  const int32_t *in2, int32_t *out);

#endif /* MOTE_KERNELS_ADD_H */
