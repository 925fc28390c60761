/*
 * DIV compute functions (see div.c). Broadcasting goes through
 * broadcast.h; each returns the flat output index of the first element
 * it could not compute (integer division by zero, INT32_MIN / -1), or -1; float
 * always gives -1.
 */
#ifndef MOTE_KERNELS_DIV_H
#define MOTE_KERNELS_DIV_H

#include <stdint.h>

#include "kernels/broadcast.h"

typedef struct mote_div_params {
  int32_t input1_offset; /* -zero point */
  int32_t input2_offset;
  int32_t output_offset; /* +zero point */
  int32_t multiplier;    /* s1 / (s2 * s_out), QuantizeMultiplier */
  int shift;
  int32_t act_min;
  int32_t act_max;
} mote_div_params_t;

int32_t mote_div_s8(const mote_div_params_t *p, const mote_bcast_t *b,
                    const int8_t *in1, const int8_t *in2, int8_t *out);
int32_t mote_div_s32(int32_t act_min, int32_t act_max, const mote_bcast_t *b,
                     const int32_t *in1, const int32_t *in2, int32_t *out);
int32_t mote_div_f32(float act_min, float act_max, const mote_bcast_t *b,
                     const float *in1, const float *in2, float *out);

#endif /* MOTE_KERNELS_DIV_H */
