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
 */
#ifndef MOTE_KERNELS_ACTIVATION_Q_H
#define MOTE_KERNELS_ACTIVATION_Q_H

#include <stdbool.h>
#include <stdint.h>

#include "mote/kernel.h"
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

/*
 * The kernel glue LOGISTIC and TANH share: the checks are the same but for
 * two details, so each op describes itself in one of these and hands it to
 * mote_act_prepare() / mote_act_invoke().
 */
typedef struct mote_act_kernel {
  int s16_max_pot_shift; /* see mote_act_params_s16 */
  bool s8_output_zp_min; /* an int8 output must have zero point -128 */
  void (*f32)(const float *input, float *output, int32_t n);
  void (*s8)(const int8_t *input, int8_t *output, int32_t n,
             const mote_act_params_t *p);
  void (*s16)(const int16_t *input, int16_t *output, int32_t n,
              const mote_act_params_t *p);
} mote_act_kernel_t;

/* Checks one input and one output of the same type (float32, int8 or
 * int16) and element count, and for the integer types the quantization
 * the compute functions assume; keeps the input scaling as the op's user
 * data. Fails through mote_kctx_fail() naming the tensor and the reason. */
mote_status_t mote_act_prepare(mote_kctx_t *ctx, const mote_act_kernel_t *k);

/* Runs the compute function for the type prepare saw. */
mote_status_t mote_act_invoke(mote_kctx_t *ctx, const mote_act_kernel_t *k);

#endif /* MOTE_KERNELS_ACTIVATION_Q_H */
