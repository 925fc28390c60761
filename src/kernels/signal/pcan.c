/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalPCAN glue: the "snr_shift" option and the shapes of the channels,
 * their noise estimates and the gain table, then the compute function of
 * pcan.h that the build binds. The gain table must have
 * MOTE_SIGNAL_PCAN_LUT_SIZE entries, enough for any uint32 estimate;
 * TFLM does not check its length.
 */
#include "kernels/signal/pcan.h"

#include <string.h>

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

static mote_status_t pcan_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in[3], out;
  mote_flex_map_t opts;
  mote_signal_pcan_params_t *p;
  int64_t shift;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 3, in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in[0], MOTE_TYPE_UINT32, 1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &in[1], MOTE_TYPE_UINT32, 1, "input 1")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &in[2], MOTE_TYPE_INT16, 1, "input 2")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_UINT32, 1, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if (in[0].dims[0] <= 0 || in[1].dims[0] != in[0].dims[0] ||
      out.dims[0] != in[0].dims[0]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0, input 1 and output 0 have %ld, %ld and "
                          "%ld channels; they must agree",
                          (long)in[0].dims[0], (long)in[1].dims[0],
                          (long)out.dims[0]);
  }
  if (in[2].dims[0] < MOTE_SIGNAL_PCAN_LUT_SIZE) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 2 (gain table) has %ld entries, needs %d",
                          (long)in[2].dims[0], MOTE_SIGNAL_PCAN_LUT_SIZE);
  }
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "snr_shift", 0, 63, &shift)) !=
          MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *p, &mem)) != MOTE_OK) {
    return st;
  }
  p = (mote_signal_pcan_params_t *)mem;
  p->channels = in[0].dims[0];
  p->snr_shift = (int32_t)shift;
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

static mote_status_t pcan_invoke(mote_kctx_t *ctx) {
  const mote_signal_pcan_params_t *p =
      (const mote_signal_pcan_params_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  uint32_t *out = (uint32_t *)mote_kctx_output_data(ctx, 0);
  /* TFLM's order: the channels into the output, then the gain in place
   * (which also fixes what an output shared with input 1 means). */
  if ((const void *)out != in) {
    memcpy(out, in, (size_t)p->channels * sizeof(uint32_t));
  }
  mote_signal_pcan(p, (const uint32_t *)mote_kctx_input_data(ctx, 1),
                   (const int16_t *)mote_kctx_input_data(ctx, 2), out);
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_pcan = {"SignalPCAN", 1, pcan_prepare,
                                               pcan_invoke};
