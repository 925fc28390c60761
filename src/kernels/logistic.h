/*
 * LOGISTIC compute functions, framework-free. Element-wise over `n`
 * elements; input and output have the same shape.
 *   float32: 1 / (1 + exp(-x)) with TFLite's cutoffs (1 above 16.619,
 *            exp(x) below -9);
 *   int8:    output scale 1/256, zero point -128; gemmlowp logistic on the
 *            input rescaled to Q4.27;
 *   int16:   zero points 0, output scale 2^-15; the shared sigmoid table
 *            with linear interpolation.
 */
#ifndef MOTE_KERNELS_LOGISTIC_H
#define MOTE_KERNELS_LOGISTIC_H

#include <stdint.h>

#include "kernels/activation_q.h"

void mote_logistic_f32(const float *input, float *output, int32_t n);

/* p from mote_act_params_s8(input scale, input zero point). */
void mote_logistic_s8(const int8_t *input, int8_t *output, int32_t n,
                      const mote_act_params_t *p);

/* p from mote_act_params_s16(input scale, 0). */
void mote_logistic_s16(const int16_t *input, int16_t *output, int32_t n,
                       const mote_act_params_t *p);

#endif /* MOTE_KERNELS_LOGISTIC_H */
