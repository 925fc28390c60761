/*
 * Framework-free DEQUANTIZE kernel (TFLite Micro reference semantics).
 */
#ifndef MOTE_KERNELS_DEQUANTIZE_H
#define MOTE_KERNELS_DEQUANTIZE_H

#include <stdint.h>

#include "mote/tensor.h"

/*
 * out[i] = scale * (in[i] - zero_point) rounded once to float, which is
 * what TFLite's double product narrowed to float gives (the exact product
 * fits a double). |in[i] - zero_point| must stay below 2^24. in_type is
 * int8, uint8 or int16 (others are treated as int8 and must not be
 * passed). Cannot fail.
 */
void mote_dequantize(mote_type_t in_type, const void *in, int32_t count,
                     float scale, int32_t zero_point, float *out);

/* IEEE binary16 bit patterns widened to float32: exact, subnormals
 * normalised, infinities kept, NaN payloads kept in the top mantissa
 * bits. Cannot fail. */
void mote_dequantize_f16(const uint16_t *in, int32_t count, float *out);

#endif /* MOTE_KERNELS_DEQUANTIZE_H */
