/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalRfft glue: real FFT of each frame (the last dimension),
 * zero-padded to fft_length, giving fft_length / 2 + 1 complex bins as
 * (re, im) pairs, through the compute function of rfft.h that the build
 * binds, one call per frame. SignalIrfft, the inverse (fft_length / 2 + 1
 * bins back to fft_length reals), shares all of it but the direction and
 * its scratch.
 *
 * The option map carries the element type under "T" (a TensorType) and
 * the length under "fft_length": int16, int32 and float32, as in TFLM,
 * each its own kissfft-compatible compute function. The plan (kissfft's
 * factors and twiddle tables of the element type) is built here once, in
 * persistent memory.
 *
 * TFLM does not check that a frame fits fft_length or that the output has
 * room for every bin; mote requires input frames of at most fft_length
 * values and output frames of exactly fft_length + 2 (inverse: input
 * frames of exactly fft_length + 2 values, output frames of fft_length).
 *
 * Compiled as is, this file makes the kernels of every type
 * (mote_kernel_signal_rfft, _irfft). Compiled again with MOTE_RFFT_ONLY
 * set to one type (rfft_int16.c, rfft_int32.c, rfft_float32.c), it makes
 * that type's kernels, mote_kernel_signal_rfft_<type> and _irfft_<type>:
 * every type test below is then a constant, so they call only that
 * type's transforms and twiddle fill, and a firmware registering them
 * links nothing of the other types (TFLM's Register_RFFT_INT16 and
 * friends do the same). A table of per-type functions, picked at
 * prepare, was rejected: it costs an indirect call per frame, and the
 * all-type kernel would still reference every type.
 */
#include "kernels/signal/rfft.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

#ifdef MOTE_RFFT_ONLY
/* The wrapper file names the kernels and the type (MOTE_RFFT_ONLY_NAME,
 * its mote_type_name()). */
#define RFFT_IS(type, want) ((want) == MOTE_RFFT_ONLY)
#else
#define RFFT_IS(type, want) ((type) == (want))
#define MOTE_RFFT_KERNEL mote_kernel_signal_rfft
#define MOTE_IRFFT_KERNEL mote_kernel_signal_irfft
#endif

/* --- kernel glue: SignalRfft and SignalIrfft ---------------------------- */

typedef struct rfft_op {
  mote_rfft_plan_t plan;
  mote_type_t type;
  int32_t in_len;  /* values per input frame */
  int32_t frames;
  int32_t scratch; /* SignalIrfft: the folded spectrum, N values */
} rfft_op_t;

/* The plan's twiddles in the element type, in persistent memory. */
static mote_status_t rfft_init_twiddles(mote_kctx_t *ctx, rfft_op_t *op) {
  const size_t values = (size_t)mote_rfft_q15_twiddle_values(&op->plan);
  void *mem;
  mote_status_t st = mote_kctx_alloc_persistent(
      ctx, values * mote_type_size(op->type), &mem);
  if (st != MOTE_OK) {
    return st;
  }
  if (RFFT_IS(op->type, MOTE_TYPE_INT16)) {
    mote_rfft_q15_init(&op->plan, (int16_t *)mem);
  } else if (RFFT_IS(op->type, MOTE_TYPE_INT32)) {
    mote_rfft_q31_init(&op->plan, (int32_t *)mem);
  } else {
    mote_rfft_f32_init(&op->plan, (float *)mem);
  }
  return MOTE_OK;
}

#ifdef MOTE_RFFT_ONLY
/* A per-type kernel refuses the other types by their tensor, naming the
 * kernel that runs them. */
static mote_status_t rfft_check_only(mote_kctx_t *ctx, int32_t inverse,
                                     const mote_tensor_t *in) {
  const char *base =
      inverse ? "mote_kernel_signal_irfft" : "mote_kernel_signal_rfft";
  if (in->type == MOTE_RFFT_ONLY) {
    return MOTE_OK;
  }
  if (in->type == MOTE_TYPE_INT16 || in->type == MOTE_TYPE_INT32 ||
      in->type == MOTE_TYPE_FLOAT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 is %s but this kernel runs %s only: "
                          "register %s_%s or %s",
                          mote_type_name(in->type), MOTE_RFFT_ONLY_NAME, base,
                          mote_type_name(in->type), base);
  }
  return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                        "input 0 is %s but this kernel runs %s only (the FFT "
                        "runs int16, int32 and float32)",
                        mote_type_name(in->type), MOTE_RFFT_ONLY_NAME);
}
#else
static mote_status_t rfft_check_only(mote_kctx_t *ctx, int32_t inverse,
                                     const mote_tensor_t *in) {
  (void)ctx, (void)inverse, (void)in;
  return MOTE_OK;
}
#endif

/*
 * What both directions share: options T and fft_length, one input and
 * one output of type T and equal rank, whole frames (the last dimension:
 * at most N reals into N + 2 bin values forward, N + 2 bin values into N
 * reals inverse), the plan and its twiddles in persistent memory.
 */
static mote_status_t rfft_prepare_common(mote_kctx_t *ctx, int32_t inverse,
                                         rfft_op_t **op_out) {
  mote_tensor_t in, out;
  mote_flex_map_t opts;
  rfft_op_t *op;
  int64_t type, length;
  void *mem;
  int32_t in_len, out_len, n_in, n_out;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 1, &out)) != MOTE_OK ||
      (st = rfft_check_only(ctx, inverse, &in)) != MOTE_OK ||
      (st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "T", 0, 255, &type)) !=
          MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "fft_length", 4, 1 << 24,
                                   &length)) != MOTE_OK) {
    return st;
  }
  if (type != MOTE_TYPE_INT16 && type != MOTE_TYPE_INT32 &&
      type != MOTE_TYPE_FLOAT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "option T is %s; the FFT runs int16, int32 and "
                          "float32",
                          mote_type_name((mote_type_t)type));
  }
  if ((st = mote_signal_check(ctx, &in, (mote_type_t)type, -1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, (mote_type_t)type, in.rank,
                              "output 0")) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (rfft_op_t *)mem;
  op->type = (mote_type_t)type;
  if (mote_rfft_plan_factor(&op->plan, (int32_t)length) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "fft_length %ld: must be even, at least 4, and "
                          "fft_length / 2 a product of 2, 3 and 5",
                          (long)length);
  }
  op->plan.inverse = inverse;
  in_len = mote_tensor_dim(&in, -1);
  out_len = mote_tensor_dim(&out, -1);
  n_in = inverse ? (int32_t)length + 2 : (int32_t)length;
  n_out = inverse ? (int32_t)length : (int32_t)length + 2;
  if (in_len <= 0 || in_len > n_in || (inverse && in_len != n_in) ||
      out_len != n_out ||
      mote_tensor_elements(&in) / in_len !=
          mote_tensor_elements(&out) / out_len) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "frames of %ld values (input 0) and %ld (output 0) "
                          "do not fit fft_length %ld",
                          (long)in_len, (long)out_len, (long)length);
  }
  op->in_len = in_len;
  op->frames = mote_tensor_elements(&in) / in_len;
  op->scratch = -1;
  if ((st = rfft_init_twiddles(ctx, op)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  *op_out = op;
  return MOTE_OK;
}

static mote_status_t rfft_prepare(mote_kctx_t *ctx) {
  rfft_op_t *op;
  return rfft_prepare_common(ctx, 0, &op);
}

static mote_status_t rfft_invoke(mote_kctx_t *ctx) {
  const rfft_op_t *op = (const rfft_op_t *)mote_kctx_user_data(ctx);
  const void *src = mote_kctx_input_data(ctx, 0);
  void *dst = mote_kctx_output_data(ctx, 0);
  int32_t f;
  for (f = 0; f < op->frames; ++f) {
    const int32_t i = f * op->in_len, o = f * (op->plan.fft_length + 2);
    if (RFFT_IS(op->type, MOTE_TYPE_INT16)) {
      mote_rfft_q15(&op->plan, (const int16_t *)src + i, op->in_len,
                    (int16_t *)dst + o);
    } else if (RFFT_IS(op->type, MOTE_TYPE_INT32)) {
      mote_rfft_q31(&op->plan, (const int32_t *)src + i, op->in_len,
                    (int32_t *)dst + o);
    } else {
      mote_rfft_f32(&op->plan, (const float *)src + i, op->in_len,
                    (float *)dst + o);
    }
  }
  return MOTE_OK;
}

const mote_kernel_t MOTE_RFFT_KERNEL = {"SignalRfft", 1, rfft_prepare,
                                        rfft_invoke};

/* TFLM folds the spectrum into a buffer of its persistent state; here it
 * is invoke-time scratch. */
static mote_status_t irfft_prepare(mote_kctx_t *ctx) {
  rfft_op_t *op;
  mote_status_t st = rfft_prepare_common(ctx, 1, &op);
  if (st != MOTE_OK) {
    return st;
  }
  return mote_kctx_request_scratch(
      ctx, (size_t)op->plan.fft_length * mote_type_size(op->type),
      &op->scratch);
}

static mote_status_t irfft_invoke(mote_kctx_t *ctx) {
  const rfft_op_t *op = (const rfft_op_t *)mote_kctx_user_data(ctx);
  const void *src = mote_kctx_input_data(ctx, 0);
  void *dst = mote_kctx_output_data(ctx, 0);
  void *work = mote_kctx_scratch(ctx, op->scratch);
  int32_t f;
  for (f = 0; f < op->frames; ++f) {
    const int32_t i = f * op->in_len, o = f * op->plan.fft_length;
    if (RFFT_IS(op->type, MOTE_TYPE_INT16)) {
      mote_irfft_q15(&op->plan, (const int16_t *)src + i, (int16_t *)work,
                     (int16_t *)dst + o);
    } else if (RFFT_IS(op->type, MOTE_TYPE_INT32)) {
      mote_irfft_q31(&op->plan, (const int32_t *)src + i, (int32_t *)work,
                     (int32_t *)dst + o);
    } else {
      mote_irfft_f32(&op->plan, (const float *)src + i, (float *)work,
                     (float *)dst + o);
    }
  }
  return MOTE_OK;
}

const mote_kernel_t MOTE_IRFFT_KERNEL = {"SignalIrfft", 1, irfft_prepare,
                                         irfft_invoke};
