/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TANH glue: TFLite Micro's prepare (shared with LOGISTIC, in
 * activation_common.c), then the compute function of tanh.h that the
 * build binds. TANH's own details: the int8 output quantization is not
 * looked at (TFLite Micro assumes 1/128, zero point 0, and neither checks
 * nor uses it), and int16 input scales of 2^-12 and 2^-11 skip the
 * multiplier. Other types are refused by name.
 */
#include "kernels/tanh.h"

#include "kernels/activation_common.h"
#include "mote/ops.h"

static const mote_act_kernel_t tanh_kernel = {1, false, mote_tanh_f32,
                                              mote_tanh_s8, mote_tanh_s16};

static mote_status_t tanh_prepare(mote_kctx_t *ctx) {
  return mote_act_prepare(ctx, &tanh_kernel);
}

static mote_status_t tanh_invoke(mote_kctx_t *ctx) {
  return mote_act_invoke(ctx, &tanh_kernel);
}

const mote_kernel_t mote_kernel_tanh = {"TANH", 3, tanh_prepare, tanh_invoke};
