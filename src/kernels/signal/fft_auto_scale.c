/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFftAutoScale glue: shapes (a frame in, the scaled frame and an
 * int32 scalar shift out), then the compute function of fft_auto_scale.h
 * that the build binds. The op keeps only the frame length.
 */
#include "kernels/signal/fft_auto_scale.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

static mote_status_t auto_scale_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out[2];
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 2, out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in, MOTE_TYPE_INT16, 1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out[0], MOTE_TYPE_INT16, 1, "output 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out[1], MOTE_TYPE_INT32, 0, "output 1")) !=
          MOTE_OK) {
    return st;
  }
  if (in.dims[0] != out[0].dims[0]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has %ld elements, output 0 %ld",
                          (long)in.dims[0], (long)out[0].dims[0]);
  }
  return mote_signal_keep_count(ctx, in.dims[0]);
}

static mote_status_t auto_scale_invoke(mote_kctx_t *ctx) {
  *(int32_t *)mote_kctx_output_data(ctx, 1) = mote_signal_fft_auto_scale(
      (const int16_t *)mote_kctx_input_data(ctx, 0),
      (int16_t *)mote_kctx_output_data(ctx, 0), mote_signal_count(ctx));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_fft_auto_scale = {
    "SignalFftAutoScale", 1, auto_scale_prepare, auto_scale_invoke};
