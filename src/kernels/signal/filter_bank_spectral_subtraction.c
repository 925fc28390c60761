/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFilterBankSpectralSubtraction glue: the options (coefficients,
 * bit counts, clamping) and the shapes, the noise estimate in state
 * memory, then the compute function of filter_bank_spectral_subtraction.h
 * that the build binds. The second output is a copy of the estimate for
 * later stages (PCAN).
 *
 * TFLM reads the coefficients as int32 and stores them as uint32; mote
 * accepts either reading. The bit counts are range-checked so no shift
 * is undefined.
 */
#include "kernels/signal/filter_bank_spectral_subtraction.h"

#include <stddef.h>
#include <string.h>

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

typedef struct spectral_sub_op {
  mote_signal_spectral_sub_params_t p;
  uint32_t *noise; /* num_channels, persistent state */
} spectral_sub_op_t;

static const struct {
  const char *key;
  size_t offset;
} kCoefficients[] = {
    {"smoothing", offsetof(mote_signal_spectral_sub_params_t, smoothing)},
    {"one_minus_smoothing",
     offsetof(mote_signal_spectral_sub_params_t, one_minus_smoothing)},
    {"alternate_smoothing",
     offsetof(mote_signal_spectral_sub_params_t, alternate_smoothing)},
    {"alternate_one_minus_smoothing",
     offsetof(mote_signal_spectral_sub_params_t,
              alternate_one_minus_smoothing)},
    {"min_signal_remaining",
     offsetof(mote_signal_spectral_sub_params_t, min_signal_remaining)},
};

static mote_status_t read_params(mote_kctx_t *ctx,
                                 mote_signal_spectral_sub_params_t *p) {
  mote_flex_map_t opts;
  int64_t v;
  size_t i;
  mote_status_t st;
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "num_channels", 1, INT32_MAX,
                                   &v)) != MOTE_OK) {
    return st;
  }
  p->num_channels = (int32_t)v;
  for (i = 0; i < sizeof kCoefficients / sizeof kCoefficients[0]; ++i) {
    uint32_t u;
    /* TFLM reads int32 and stores uint32; accept either reading. */
    if ((st = mote_signal_option_int(ctx, &opts, kCoefficients[i].key,
                                     INT32_MIN, UINT32_MAX, &v)) != MOTE_OK) {
      return st;
    }
    u = (uint32_t)v;
    memcpy((char *)p + kCoefficients[i].offset, &u, sizeof u);
  }
  if ((st = mote_signal_option_int(ctx, &opts, "smoothing_bits", 0, 31, &v)) !=
      MOTE_OK) {
    return st;
  }
  p->smoothing_bits = (uint32_t)v;
  if ((st = mote_signal_option_int(ctx, &opts, "spectral_subtraction_bits", 0,
                                   63, &v)) != MOTE_OK) {
    return st;
  }
  p->spectral_subtraction_bits = (uint32_t)v;
  return mote_signal_option_bool(ctx, &opts, "clamping", &p->clamping);
}

static mote_status_t spectral_sub_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out[2];
  spectral_sub_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 2, out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in, MOTE_TYPE_UINT32, 1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out[0], MOTE_TYPE_UINT32, 1, "output 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out[1], MOTE_TYPE_UINT32, 1, "output 1")) !=
          MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (spectral_sub_op_t *)mem;
  if ((st = read_params(ctx, &op->p)) != MOTE_OK) {
    return st;
  }
  if (in.dims[0] != op->p.num_channels ||
      out[0].dims[0] != op->p.num_channels ||
      out[1].dims[0] != op->p.num_channels) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 and outputs 0, 1 have %ld, %ld and %ld "
                          "channels; num_channels is %ld",
                          (long)in.dims[0], (long)out[0].dims[0],
                          (long)out[1].dims[0], (long)op->p.num_channels);
  }
  /* State memory, so mote_interp_reset_state() restarts the estimate as
   * TFLM's Reset does. */
  if ((st = mote_kctx_alloc_state(ctx,
                                  (size_t)op->p.num_channels * sizeof(uint32_t),
                                  &mem)) != MOTE_OK) {
    return st;
  }
  op->noise = (uint32_t *)mem;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t spectral_sub_invoke(mote_kctx_t *ctx) {
  const spectral_sub_op_t *op =
      (const spectral_sub_op_t *)mote_kctx_user_data(ctx);
  mote_signal_spectral_sub(
      &op->p, (const uint32_t *)mote_kctx_input_data(ctx, 0), op->noise,
      (uint32_t *)mote_kctx_output_data(ctx, 0));
  memcpy(mote_kctx_output_data(ctx, 1), op->noise,
         (size_t)op->p.num_channels * sizeof(uint32_t));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_filter_bank_spectral_subtraction = {
    "SignalFilterBankSpectralSubtraction", 1, spectral_sub_prepare,
    spectral_sub_invoke};
