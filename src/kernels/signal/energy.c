/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalEnergy glue: the "start_index" and "end_index" options and the
 * shapes, then the compute function of energy.h that the build binds.
 * The bin range must fit both the spectrum (input 0, re and im pairs)
 * and the output; TFLM does not check either.
 */
#include "kernels/signal/energy.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

static mote_status_t energy_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  mote_flex_map_t opts;
  mote_signal_energy_params_t *p;
  int64_t start, end;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in, MOTE_TYPE_INT16, 1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_UINT32, 1, "output 0")) !=
          MOTE_OK ||
      (st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "start_index", 0, INT32_MAX,
                                   &start)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "end_index", 0, INT32_MAX,
                                   &end)) != MOTE_OK) {
    return st;
  }
  if (start > end || end > out.dims[0] || 2 * end > in.dims[0]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "bins [%ld, %ld) do not fit input 0 (%ld values) "
                          "and output 0 (%ld bins)",
                          (long)start, (long)end, (long)in.dims[0],
                          (long)out.dims[0]);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof *p, &mem)) != MOTE_OK) {
    return st;
  }
  p = (mote_signal_energy_params_t *)mem;
  p->start = (int32_t)start;
  p->end = (int32_t)end;
  p->bins = out.dims[0];
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

static mote_status_t energy_invoke(mote_kctx_t *ctx) {
  mote_signal_energy(
      (const mote_signal_energy_params_t *)mote_kctx_user_data(ctx),
      (const int16_t *)mote_kctx_input_data(ctx, 0),
      (uint32_t *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_energy = {"SignalEnergy", 1,
                                                 energy_prepare, energy_invoke};
