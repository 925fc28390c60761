/*
 * Framework-free QUANTIZE kernels (TFLite Micro reference semantics):
 * float32 to int8 / int16 (AffineQuantize) and integer to integer
 * requantization (Requantize). They do no validation and cannot fail.
 */
#ifndef MOTE_KERNELS_QUANTIZE_H
#define MOTE_KERNELS_QUANTIZE_H

#include <stdint.h>

#include "mote/tensor.h"

/*
 * out[i] = clamp(roundf(in[i] / scale) + zero_point) to the output type:
 * the division is in single precision and roundf rounds half away from
 * zero, as TfLiteRound. Quotients beyond int32 saturate and NaN gives the
 * type's minimum (TFLite's conversion is undefined there; the minimum is
 * what its x86-64 build produces for NaN).
 */
void mote_quantize_f32_s8(const float *in, int32_t count, float scale,
                          int32_t zero_point, int8_t *out);
void mote_quantize_f32_s16(const float *in, int32_t count, float scale,
                           int32_t zero_point, int16_t *out);

/* Requantization: multiplier and shift from QuantizeMultiplier(s_in /
 * s_out) in double. */
typedef struct mote_requant_params {
  int32_t multiplier;
  int shift;
  int32_t input_zero_point;
  int32_t output_zero_point;
} mote_requant_params_t;

/*
 * out[i] = clamp(MultiplyByQuantizedMultiplier(in[i] - zp_in, multiplier,
 * shift) + zp_out) to the output type. in_type and out_type are each one
 * of int8, uint8, int16 and int32 (others are treated as int8 and must not
 * be passed).
 */
void mote_quantize_requantize(const mote_requant_params_t *p, mote_type_t in_type,
                     const void *in, mote_type_t out_type, void *out,
                     int32_t count);

#endif /* MOTE_KERNELS_QUANTIZE_H */
