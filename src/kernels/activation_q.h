/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Input rescaling shared by the quantized LOGISTIC and TANH kernels.
 *
 * int8: the input (minus its zero point) is brought to Q4.27 by a
 * multiplier and left shift taken straight from frexp() of
 * input_scale * 2^27 (not QuantizeMultiplier: TFLite Micro computes it this
 * way and the bytes depend on it); inputs at or beyond +-radius saturate
 * without touching the fixed-point function.
 *
 * int16: inputs become indices into the shared sigmoid table. A
 * power-of-two input scale the table expects directly (2^-12, and 2^-11 for
 * TANH) is marked by multiplier 0; any other scale gets a 15-bit multiplier
 * and a right shift, scaled so that +-2^17 covers +-10.7.
 *
 * Framework-free: the compute functions, their tests and the LSTM (whose
 * gates run these activations) include it; the glue the two ops share is
 * activation_common.h.
 */
#ifndef MOTE_KERNELS_ACTIVATION_Q_H
#define MOTE_KERNELS_ACTIVATION_Q_H

#include <stdint.h>

#include "kernels/core/requant.h"
#include "mote/status.h"

typedef struct mote_act_params {
  int32_t input_zero_point;   /* int8 only */
  int32_t input_range_radius; /* int8 only: |x - zp| >= this saturates */
  int32_t input_multiplier;   /* int8: Q0.31; int16: <= 32767, 0 = POT */
  int32_t input_left_shift;   /* int8: left shift; int16: right shift */
} mote_act_params_t;

/* int8 input scaling. MOTE_ERR_UNSUPPORTED when input_scale is not a
 * positive value above 2^-28 (TFLite's radius is then undefined). */
mote_status_t mote_act_params_s8(float input_scale, int32_t input_zero_point,
                                 mote_act_params_t *p);

/* int16 input scaling. `max_pot_shift` is the largest power-of-two offset
 * the kernel takes without a multiplier (0 for LOGISTIC, 1 for TANH).
 * MOTE_ERR_UNSUPPORTED when the scale is not positive or needs a multiplier
 * above 32767 (input scale above 8/3; TFLite asserts). */
mote_status_t mote_act_params_s16(float input_scale, int max_pot_shift,
                                  mote_act_params_t *p);

/* TFLite CheckedLog2: *log2 = round(log2(x)); true when x is within 1e-3
 * (in log2) of that power of two. Float arithmetic, as TFLite. False (and
 * *log2 = 0) for x <= 0, infinity or NaN. */
int mote_checked_log2(float x, int *log2);

/* The input stage every int8 implementation of either op shares: the
 * Q4.27 argument of the fixed-point function for input x, or, where
 * |x - zero point| reaches the radius and the function has saturated,
 * *sat = -1 (below) or 1 (above) and no argument (the rescale could
 * overflow there). */
static inline int32_t mote_act_s8_arg(const mote_act_params_t *p, int32_t x,
                                      int *sat) {
  x -= p->input_zero_point;
  *sat = x <= -p->input_range_radius ? -1 : x >= p->input_range_radius;
  return *sat != 0 ? 0
                   : mote_mul_by_quant_mult(x, p->input_multiplier,
                                            p->input_left_shift);
}

/* The int16 input scaling as (x * *multiplier + *round) >> *shift. A
 * power-of-two scale (input_multiplier 0) leaves only the table's 3/4
 * stretch, folded with the left shift into a small multiplier. */
static inline void mote_act_s16_scaling(const mote_act_params_t *p,
                                        int32_t *multiplier, int32_t *shift,
                                        int32_t *round) {
  *multiplier = p->input_multiplier;
  *shift = p->input_left_shift;
  if (*multiplier == 0) {
    *multiplier = 3 << *shift;
    *shift = 0;
  }
  *round = *shift > 0 ? (int32_t)1 << (*shift - 1) : 0;
}

/* The compute function types LOGISTIC and TANH share (logistic.h and
 * tanh.h name one per function): `n` elements in, `n` out. `output` may be
 * `input` (the LSTM activates its gates in place) but may not otherwise
 * overlap it. */
typedef void mote_act_f32_fn(const float *input, float *output, int32_t n);
typedef void mote_act_s8_fn(const mote_act_params_t *p, const int8_t *input,
                            int8_t *output, int32_t n);
typedef void mote_act_s16_fn(const mote_act_params_t *p, const int16_t *input,
                             int16_t *output, int32_t n);

#endif /* MOTE_KERNELS_ACTIVATION_Q_H */
