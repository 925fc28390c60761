/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Input rescaling for quantized LOGISTIC and TANH (see activation_q.h).
 * Mirrors the prepare-time arithmetic of TFLite Micro's logistic_common.cc
 * and tanh.cc, including its use of double for the multipliers and float
 * for the power-of-two test.
 */
#include "kernels/activation_q.h"

#include <float.h>
#include <math.h>

/* Fractional bits of the Q4.27 int8 input format. */
#define S8_INPUT_INT_BITS 4

mote_status_t mote_act_params_s8(float input_scale, int32_t input_zero_point,
                                 mote_act_params_t *p) {
  const double real =
      (double)input_scale * (double)(1 << (31 - S8_INPUT_INT_BITS));
  int shift = 0;
  double q;
  double radius;
  if (!(input_scale > 0.0f)) {
    return MOTE_ERR_UNSUPPORTED;
  }
  q = frexp(real, &shift);
  if (shift < 0) {
    return MOTE_ERR_UNSUPPORTED;
  }
  /* q is a float's significand in [0.5, 1), so this never reaches 2^31. */
  p->input_multiplier = (int32_t)round(q * 2147483648.0);
  p->input_left_shift = shift;
  p->input_zero_point = input_zero_point;
  /* TFLite divides by (1LL << shift); ldexp is the same exact power-of-two
   * scaling and stays defined for the shifts of 63 and more that a huge
   * input scale gives (the radius is then 0 and every input saturates,
   * so the multiplier is never applied). */
  radius = floor(ldexp((double)((1 << S8_INPUT_INT_BITS) - 1) *
                           (double)((int64_t)1 << (31 - S8_INPUT_INT_BITS)),
                       -shift));
  p->input_range_radius = (int32_t)radius;
  return MOTE_OK;
}

int mote_checked_log2(float x, int *log2) {
  float x_log2, rounded, frac;
  /* A zero (or corrupt) scale has no logarithm to convert to int. */
  if (!(x > 0.0f && x <= FLT_MAX)) {
    *log2 = 0;
    return 0;
  }
  x_log2 = logf(x) * (1.0f / logf(2.0f));
  rounded = roundf(x_log2);
  frac = x_log2 - rounded;
  *log2 = (int)rounded;
  return fabsf(frac) < 1e-3f;
}

mote_status_t mote_act_params_s16(float input_scale, int max_pot_shift,
                                  mote_act_params_t *p) {
  /* The table wants Q3.12 input: 15 - 3 fractional bits. */
  int log2 = 0;
  int pot;
  int shift;
  if (!(input_scale > 0.0f)) {
    return MOTE_ERR_UNSUPPORTED;
  }
  pot = mote_checked_log2(input_scale, &log2);
  shift = 12 + log2;
  p->input_zero_point = 0;
  p->input_range_radius = 0;
  if (pot && shift >= 0 && shift <= max_pot_shift) {
    p->input_multiplier = 0;
    p->input_left_shift = shift;
    return MOTE_OK;
  }
  {
    /* Input scale to 1 / (3 * 4096): the table spans +-10.7, not +-8. */
    double multiplier = (double)input_scale * 4096.0 * 3.0;
    shift = 0;
    while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
      ++shift;
      multiplier = multiplier * 2.0;
    }
    if (!(multiplier <= 32767.0)) {
      return MOTE_ERR_UNSUPPORTED;
    }
    p->input_multiplier = (int32_t)multiplier;
    p->input_left_shift = shift;
  }
  return MOTE_OK;
}
