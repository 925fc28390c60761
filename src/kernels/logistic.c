/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LOGISTIC glue: TFLite Micro's prepare (shared with TANH, in
 * activation_common.c), then the compute function of logistic.h that the
 * build binds. LOGISTIC's own details: an int8 output must have zero point
 * -128, and only an int16 input scale of exactly 2^-12 skips the
 * multiplier. Other types are refused by name; TFLite Micro has no uint8
 * or mixed-type LOGISTIC.
 */
#include "kernels/logistic.h"

#include "kernels/activation_common.h"
#include "mote/ops.h"

static const mote_act_kernel_t logistic_kernel = {
    0, true, mote_logistic_f32, mote_logistic_s8, mote_logistic_s16};

static mote_status_t logistic_prepare(mote_kctx_t *ctx) {
  return mote_act_prepare(ctx, &logistic_kernel);
}

static mote_status_t logistic_invoke(mote_kctx_t *ctx) {
  return mote_act_invoke(ctx, &logistic_kernel);
}

const mote_kernel_t mote_kernel_logistic = {"LOGISTIC", 3, logistic_prepare,
                                            logistic_invoke};
