/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalWindow glue: the "shift" option and the shapes, then the compute
 * function of window.h that the build binds.
 *
 * The input is a whole number of frames, each as long as the window
 * (input 1). TFLM would run past a partial last frame; mote rejects the
 * shape in prepare, and a shift outside 0..31 with it.
 */
#include "kernels/signal/window.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

static mote_status_t window_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in[2], out;
  mote_flex_map_t opts;
  mote_signal_window_params_t *p;
  int64_t shift;
  void *mem;
  int32_t n_in, n_w;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 2, in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in[0], MOTE_TYPE_INT16, -1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &in[1], MOTE_TYPE_INT16, 1, "input 1")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_INT16, in[0].rank,
                              "output 0")) != MOTE_OK) {
    return st;
  }
  n_in = mote_tensor_elements(&in[0]);
  n_w = mote_tensor_elements(&in[1]);
  if (n_w <= 0 || n_in % n_w != 0 || mote_tensor_elements(&out) != n_in) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (%ld elements) must be whole frames of the "
                          "window (input 1, %ld) and match output 0 (%ld)",
                          (long)n_in, (long)n_w,
                          (long)mote_tensor_elements(&out));
  }
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "shift", 0, 31, &shift)) !=
          MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *p, &mem)) != MOTE_OK) {
    return st;
  }
  p = (mote_signal_window_params_t *)mem;
  p->frame = n_w;
  p->count = n_in;
  p->shift = (int32_t)shift;
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

static mote_status_t window_invoke(mote_kctx_t *ctx) {
  mote_signal_window(
      (const mote_signal_window_params_t *)mote_kctx_user_data(ctx),
      (const int16_t *)mote_kctx_input_data(ctx, 0),
      (const int16_t *)mote_kctx_input_data(ctx, 1),
      (int16_t *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_window = {"SignalWindow", 1,
                                                 window_prepare, window_invoke};
