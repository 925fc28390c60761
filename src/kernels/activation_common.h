/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel glue LOGISTIC and TANH share. Their checks are the same but
 * for two details (the int8 output zero point LOGISTIC insists on, and
 * the largest power-of-two int16 input scale each takes without a
 * multiplier), so each op describes itself in a mote_act_kernel_t, naming
 * its bound compute functions (logistic.h, tanh.h), and hands it to
 * mote_act_prepare() / mote_act_invoke().
 */
#ifndef MOTE_KERNELS_ACTIVATION_COMMON_H
#define MOTE_KERNELS_ACTIVATION_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "kernels/activation_q.h"
#include "mote/kernel.h"

typedef struct mote_act_kernel {
  int s16_max_pot_shift; /* see mote_act_params_s16 */
  bool s8_output_zp_min; /* an int8 output must have zero point -128 */
  mote_act_f32_fn *f32;
  mote_act_s8_fn *s8;
  mote_act_s16_fn *s16;
} mote_act_kernel_t;

/* The checks every element-wise activation's prepare begins with (RELU,
 * LEAKY_RELU, HARD_SWISH as well as these two): one input and one output,
 * into *in and *out, of one type among `types` (MOTE_TYPE_BIT flags; else
 * MOTE_ERR_UNSUPPORTED_TYPE with "input 0 has type T; " and `supported`)
 * and one element count (MOTE_ERR_BAD_SHAPE). When `quant` is set, an
 * int8 or int16 input and output also need positive scales
 * (MOTE_ERR_UNSUPPORTED), the check before a multiplier is formed from
 * them. Fails through mote_kctx_fail(). */
mote_status_t mote_act_check_io(mote_kctx_t *ctx, uint32_t types,
                                const char *supported, bool quant,
                                mote_tensor_t *in, mote_tensor_t *out);

/* mote_act_check_io (with `quant`), then `bytes` of zeroed persistent op
 * data into *op, which becomes the operator's user data. Errors as those
 * calls. */
mote_status_t mote_act_check_alloc(mote_kctx_t *ctx, uint32_t types,
                                   const char *supported, bool quant,
                                   size_t bytes, mote_tensor_t *in,
                                   mote_tensor_t *out, void **op);

/* Checks one input and one output of the same type (float32, int8 or
 * int16) and element count, and for the integer types the quantization
 * the compute functions assume; keeps the input scaling as the op's user
 * data. Fails through mote_kctx_fail() naming the tensor and the reason:
 * MOTE_ERR_BAD_SHAPE, MOTE_ERR_UNSUPPORTED_TYPE, MOTE_ERR_UNSUPPORTED or
 * MOTE_ERR_ARENA_TOO_SMALL. */
mote_status_t mote_act_prepare(mote_kctx_t *ctx, const mote_act_kernel_t *k);

/* Runs the compute function for the type prepare saw. MOTE_OK. */
mote_status_t mote_act_invoke(mote_kctx_t *ctx, const mote_act_kernel_t *k);

#endif /* MOTE_KERNELS_ACTIVATION_COMMON_H */
