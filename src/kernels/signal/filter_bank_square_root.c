/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFilterBankSquareRoot glue: shapes (uint64 channels and an int32
 * scalar shift in, uint32 channels out), then the compute function of
 * filter_bank_square_root.h that the build binds.
 *
 * The shift arrives as an int32 scalar tensor at run time. FftAutoScale
 * only produces 0..15; any value outside 0..31 (an undefined shift in
 * TFLM) fails the invoke with a named error.
 */
#include "kernels/signal/filter_bank_square_root.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

static mote_status_t sqrt_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in[2], out;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 2, in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in[0], MOTE_TYPE_UINT64, 1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &in[1], MOTE_TYPE_INT32, 0, "input 1")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_UINT32, 1, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if (out.dims[0] != in[0].dims[0]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has %ld channels, output 0 %ld",
                          (long)in[0].dims[0], (long)out.dims[0]);
  }
  return mote_signal_keep_count(ctx, in[0].dims[0]);
}

static mote_status_t sqrt_invoke(mote_kctx_t *ctx) {
  const int32_t shift = *(const int32_t *)mote_kctx_input_data(ctx, 1);
  if (shift < 0 || shift > 31) {
    return mote_kctx_fail(ctx, MOTE_ERR_KERNEL,
                          "input 1 (scale bits) is %ld, outside [0, 31]",
                          (long)shift);
  }
  mote_signal_filter_bank_sqrt((const uint64_t *)mote_kctx_input_data(ctx, 0),
                               (uint32_t *)mote_kctx_output_data(ctx, 0),
                               mote_signal_count(ctx), shift);
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_filter_bank_square_root = {
    "SignalFilterBankSquareRoot", 1, sqrt_prepare, sqrt_invoke};
