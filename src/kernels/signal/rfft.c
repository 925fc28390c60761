/*
 * SignalRfft: real FFT of each frame (the last dimension), zero-padded to
 * fft_length, giving fft_length / 2 + 1 complex bins as (re, im) pairs.
 *
 * The option map carries the element type under "T" (a TensorType) and
 * the length under "fft_length". int16 runs the kissfft-compatible fixed
 * point transform of rfft_q15.c; TFLM's int32 and float32 variants are
 * not implemented yet and are rejected by name. The twiddle tables live
 * in persistent memory, built once here with double-precision cos / sin
 * as kissfft builds them.
 *
 * TFLM does not check that a frame fits fft_length or that the output has
 * room for every bin; mote requires input frames of at most fft_length
 * values and output frames of exactly fft_length + 2.
 */
#include "kernels/signal/rfft.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

typedef struct rfft_op {
  mote_rfft_plan_t plan;
  int32_t in_len; /* values per input frame */
  int32_t frames;
} rfft_op_t;

static mote_status_t rfft_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  mote_flex_map_t opts;
  rfft_op_t *op;
  int64_t type, length;
  void *mem;
  int32_t in_len, out_len;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "T", 0, 255, &type)) !=
          MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "fft_length", 4, 1 << 24,
                                   &length)) != MOTE_OK) {
    return st;
  }
  if (type != MOTE_TYPE_INT16) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "option T is %s; only the int16 FFT is implemented",
                          mote_type_name((mote_type_t)type));
  }
  if ((st = mote_signal_check(ctx, &in, MOTE_TYPE_INT16, -1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_INT16, in.rank,
                              "output 0")) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (rfft_op_t *)mem;
  if (mote_rfft_plan_factor(&op->plan, (int32_t)length) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "fft_length %ld: must be even, at least 4, and "
                          "fft_length / 2 a product of 2, 3 and 5",
                          (long)length);
  }
  in_len = mote_tensor_dim(&in, -1);
  out_len = mote_tensor_dim(&out, -1);
  if (in_len <= 0 || in_len > length || out_len != length + 2 ||
      mote_tensor_elements(&in) / in_len !=
          mote_tensor_elements(&out) / out_len) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "frames of %ld values (input 0) and %ld (output 0) "
                          "do not fit fft_length %ld",
                          (long)in_len, (long)out_len, (long)length);
  }
  op->in_len = in_len;
  op->frames = mote_tensor_elements(&in) / in_len;
  if ((st = mote_kctx_alloc_persistent(
           ctx,
           (size_t)mote_rfft_q15_twiddle_values(&op->plan) * sizeof(int16_t),
           &mem)) != MOTE_OK) {
    return st;
  }
  mote_rfft_q15_init(&op->plan, (int16_t *)mem);
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t rfft_invoke(mote_kctx_t *ctx) {
  const rfft_op_t *op = (const rfft_op_t *)mote_kctx_user_data(ctx);
  const int32_t out_len = op->plan.fft_length + 2;
  const int16_t *src = (const int16_t *)mote_kctx_input_data(ctx, 0);
  int16_t *dst = (int16_t *)mote_kctx_output_data(ctx, 0);
  int32_t f;
  for (f = 0; f < op->frames; ++f) {
    mote_rfft_q15(&op->plan, src + f * op->in_len, op->in_len,
                  dst + f * out_len);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_rfft = {"SignalRfft", 1, rfft_prepare,
                                               rfft_invoke};
