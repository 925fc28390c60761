/*
 * TANH compute functions, framework-free. Element-wise over `n` elements;
 * input and output have the same shape.
 *   float32: tanhf();
 *   int8:    output scale 1/128, zero point 0 (TFLite Micro assumes it and
 *            does not check); gemmlowp tanh on the input rescaled to Q4.27;
 *   int16:   zero points 0, output scale 2^-15; tanh(x) = 2 sigmoid(2x) - 1
 *            through the shared sigmoid table.
 */
#ifndef MOTE_KERNELS_TANH_H
#define MOTE_KERNELS_TANH_H

#include <stdint.h>

#include "kernels/activation_q.h"

void mote_tanh_f32(const float *input, float *output, int32_t n);

/* p from mote_act_params_s8(input scale, input zero point). */
void mote_tanh_s8(const int8_t *input, int8_t *output, int32_t n,
                  const mote_act_params_t *p);

/* p from mote_act_params_s16(input scale, 1). */
void mote_tanh_s16(const int16_t *input, int16_t *output, int32_t n,
                   const mote_act_params_t *p);

#endif /* MOTE_KERNELS_TANH_H */
