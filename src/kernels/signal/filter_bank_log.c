/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFilterBankLog glue: the "input_correction_bits" and
 * "output_scale" options and the shapes, then the compute function of
 * filter_bank_log.h that the build binds. The correction shift is
 * limited to 0..31 (TFLM does not check it); output_scale is accepted as
 * int32 or uint32, TFLM's int32 read as uint32.
 */
#include "kernels/signal/filter_bank_log.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

static mote_status_t log_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  mote_flex_map_t opts;
  mote_signal_filter_bank_log_params_t *p;
  int64_t bits, scale;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in, MOTE_TYPE_UINT32, 1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_INT16, 1, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if (out.dims[0] != in.dims[0]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has %ld channels, output 0 %ld",
                          (long)in.dims[0], (long)out.dims[0]);
  }
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "input_correction_bits", 0, 31,
                                   &bits)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "output_scale", INT32_MIN,
                                   UINT32_MAX, &scale)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *p, &mem)) != MOTE_OK) {
    return st;
  }
  p = (mote_signal_filter_bank_log_params_t *)mem;
  p->channels = in.dims[0];
  p->output_scale = (uint32_t)scale;
  p->correction_bits = (int32_t)bits;
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

static mote_status_t log_invoke(mote_kctx_t *ctx) {
  mote_signal_filter_bank_log(
      (const mote_signal_filter_bank_log_params_t *)mote_kctx_user_data(ctx),
      (const uint32_t *)mote_kctx_input_data(ctx, 0),
      (int16_t *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_filter_bank_log = {
    "SignalFilterBankLog", 1, log_prepare, log_invoke};
