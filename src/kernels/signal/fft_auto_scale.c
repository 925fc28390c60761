/*
 * SignalFftAutoScale: scales a frame up so its peak uses the int16 range,
 * and outputs the shift so later stages can scale back down.
 *
 * TFLM's peak search (MaxAbs16) keeps the running maximum in int16, so
 * -32768 negates to itself and, once taken, is replaced by the next
 * larger value; the shift is 15 - bit length of that maximum, clamped at
 * 0, with GCC's bit length of 0 being 32 (so silence gets shift 0). The
 * scaling multiplies and keeps the low 16 bits. All of this is kept
 * because the golden features depend on it.
 */
#include "kernels/signal/signal.h"

#include "mote/signal_ops.h"

int32_t mote_signal_fft_auto_scale(const int16_t *in, int32_t n, int16_t *out) {
  int16_t max = 0;
  int32_t i, bits;
  for (i = 0; i < n; ++i) {
    if (in[i] > max) {
      max = in[i];
    } else if (-in[i] > max) {
      max = (int16_t)-in[i];
    }
  }
  bits = 15 - (int32_t)mote_signal_msb32((uint32_t)(int32_t)max);
  if (bits < 0) {
    bits = 0;
  }
  for (i = 0; i < n; ++i) {
    out[i] = (int16_t)(uint16_t)((uint32_t)(int32_t)in[i] << bits);
  }
  return bits;
}

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
      (const int16_t *)mote_kctx_input_data(ctx, 0), mote_signal_count(ctx),
      (int16_t *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_fft_auto_scale = {
    "SignalFftAutoScale", 1, auto_scale_prepare, auto_scale_invoke};
