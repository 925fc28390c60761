/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalRfft glue: real FFT of each frame (the last dimension),
 * zero-padded to fft_length, giving fft_length / 2 + 1 complex bins as
 * (re, im) pairs, through the compute function of rfft.h that the build
 * binds, one call per frame.
 *
 * The option map carries the element type under "T" (a TensorType) and
 * the length under "fft_length". int16 runs the kissfft-compatible fixed
 * point transform; TFLM's int32 and float32 variants are not implemented
 * yet and are rejected by name. The plan (kissfft's factors and twiddle
 * tables) is built here once, in persistent memory.
 *
 * TFLM does not check that a frame fits fft_length or that the output has
 * room for every bin; mote requires input frames of at most fft_length
 * values and output frames of exactly fft_length + 2.
 */
#include "kernels/signal/rfft.h"

#include <math.h>

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

/* --- the plan: prepare-time helpers of rfft.h ---------------------------- */

mote_status_t mote_rfft_plan_factor(mote_rfft_plan_t *plan,
                                    int32_t fft_length) {
  int32_t n, p = 4, stages = 0;
  double floor_sqrt;
  /* N = 2 would be a radix-1 stage, which kissfft sends to its generic
   * butterfly: rejected with the other generic radices. */
  if (fft_length < 4 || fft_length > (1 << 24) || (fft_length & 1) != 0) {
    return MOTE_ERR_UNSUPPORTED;
  }
  plan->fft_length = fft_length;
  plan->n = n = fft_length / 2;
  /* kissfft takes the bound once, from the full length. */
  floor_sqrt = floor(sqrt((double)n));
  do {
    while (n % p != 0) {
      p = p == 4 ? 2 : (p == 2 ? 3 : p + 2);
      if ((double)p > floor_sqrt) {
        p = n;
      }
    }
    if (p > 5 || stages == MOTE_RFFT_MAX_STAGES) {
      return MOTE_ERR_UNSUPPORTED;
    }
    n /= p;
    plan->radix[stages] = p;
    plan->sub_length[stages] = n;
    ++stages;
  } while (n > 1);
  plan->stages = stages;
  return MOTE_OK;
}

int32_t mote_rfft_q15_twiddle_values(const mote_rfft_plan_t *plan) {
  return 2 * (plan->n + plan->n / 2);
}

/* kissfft's fixed-point kf_cexp: round half up of 32767 * cos / sin. */
static void cexp_q15(int16_t *p, int32_t k, double phase) {
  p[2 * k] = (int16_t)floor(0.5 + 32767.0 * cos(phase));
  p[2 * k + 1] = (int16_t)floor(0.5 + 32767.0 * sin(phase));
}

void mote_rfft_q15_init(mote_rfft_plan_t *plan, int16_t *storage) {
  const double pi = 3.14159265358979323846;
  const int32_t n = plan->n;
  int32_t k;
  plan->twiddles = storage;
  plan->super_twiddles = storage + 2 * n;
  for (k = 0; k < n; ++k) {
    /* The same double expression as kissfft: (-2 * pi * k) / n. */
    cexp_q15(plan->twiddles, k, -2 * pi * (double)k / (double)n);
  }
  for (k = 0; k < n / 2; ++k) {
    cexp_q15(plan->super_twiddles, k,
             -pi * ((double)(k + 1) / (double)n + 0.5));
  }
}

/* --- kernel glue -------------------------------------------------------- */

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
