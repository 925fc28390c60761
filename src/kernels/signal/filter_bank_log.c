/*
 * SignalFilterBankLog: natural log of each channel in fixed point,
 * ln(x << input_correction_bits) * output_scale, saturated to int16.
 *
 * Channels whose shifted value is 0 or 1 give 0. The shift is uint32 and
 * drops high bits, as in TFLM; output_scale is TFLM's int32 read as
 * uint32, and the scaling product wraps in 32 bits like TFLM's.
 */
#include "kernels/signal/signal.h"

#include "mote/signal_ops.h"

void mote_signal_filter_bank_log(const uint32_t *in, int32_t n,
                                 uint32_t output_scale, int correction_bits,
                                 int16_t *out) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    const uint32_t scaled = in[i] << correction_bits;
    if (scaled > 1) {
      const uint32_t v = mote_signal_log32(scaled, output_scale);
      out[i] = (int16_t)(v < (uint32_t)INT16_MAX ? v : (uint32_t)INT16_MAX);
    } else {
      out[i] = 0;
    }
  }
}

typedef struct log_op {
  uint32_t output_scale;
  int32_t correction_bits;
  int32_t channels;
} log_op_t;

static mote_status_t log_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  mote_flex_map_t opts;
  log_op_t *op;
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
      (st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (log_op_t *)mem;
  op->correction_bits = (int32_t)bits;
  op->output_scale = (uint32_t)scale;
  op->channels = in.dims[0];
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t log_invoke(mote_kctx_t *ctx) {
  const log_op_t *op = (const log_op_t *)mote_kctx_user_data(ctx);
  mote_signal_filter_bank_log((const uint32_t *)mote_kctx_input_data(ctx, 0),
                              op->channels, op->output_scale,
                              (int)op->correction_bits,
                              (int16_t *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_filter_bank_log = {
    "SignalFilterBankLog", 1, log_prepare, log_invoke};
