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
  plan->inverse = 0;
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

/* The phases of kissfft's twiddles, in the same double expressions:
 * (-2 * pi * k) / n for the n FFT twiddles, then -pi * ((k + 1) / n + .5)
 * for the n / 2 of the split step; entry k of the concatenation. The
 * inverse negates the phase (not the rounded value: in fixed point the
 * two differ where the scaled sine rounds a tie). */
static double twiddle_phase(const mote_rfft_plan_t *plan, int32_t k) {
  const double pi = 3.14159265358979323846;
  const int32_t n = plan->n;
  const double phase = k < n
                           ? -2 * pi * (double)k / (double)n
                           : -pi * ((double)(k - n + 1) / (double)n + 0.5);
  return plan->inverse ? -phase : phase;
}

/* Stores one twiddle component, cos or sin of the phase, at storage[at]
 * in the element type, as kissfft's kf_cexp of that type does. */
typedef void twiddle_store_fn(void *storage, int32_t at, double v);

/* Fixed point: round half up of 32767 (FIXED_POINT=16) or 2147483647
 * (FIXED_POINT=32) times the value. */
static void store_q15(void *storage, int32_t at, double v) {
  ((int16_t *)storage)[at] = (int16_t)floor(0.5 + 32767.0 * v);
}

static void store_q31(void *storage, int32_t at, double v) {
  ((int32_t *)storage)[at] = (int32_t)floor(0.5 + 2147483647.0 * v);
}

/* Float: the double value rounded to float. */
static void store_f32(void *storage, int32_t at, double v) {
  ((float *)storage)[at] = (float)v;
}

static void fill_twiddles(const mote_rfft_plan_t *plan, void *storage,
                          twiddle_store_fn *store) {
  const int32_t count = plan->n + plan->n / 2;
  int32_t k;
  for (k = 0; k < count; ++k) {
    const double phase = twiddle_phase(plan, k);
    store(storage, 2 * k, cos(phase));
    store(storage, 2 * k + 1, sin(phase));
  }
}

void mote_rfft_q15_init(mote_rfft_plan_t *plan, int16_t *storage) {
  plan->twiddles = storage;
  plan->super_twiddles = storage + 2 * plan->n;
  fill_twiddles(plan, storage, store_q15);
}

void mote_rfft_q31_init(mote_rfft_plan_t *plan, int32_t *storage) {
  plan->twiddles_wide = storage;
  fill_twiddles(plan, storage, store_q31);
}

void mote_rfft_f32_init(mote_rfft_plan_t *plan, float *storage) {
  plan->twiddles_wide = storage;
  fill_twiddles(plan, storage, store_f32);
}

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
  if (op->type == MOTE_TYPE_INT16) {
    mote_rfft_q15_init(&op->plan, (int16_t *)mem);
  } else if (op->type == MOTE_TYPE_INT32) {
    mote_rfft_q31_init(&op->plan, (int32_t *)mem);
  } else {
    mote_rfft_f32_init(&op->plan, (float *)mem);
  }
  return MOTE_OK;
}

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
    if (op->type == MOTE_TYPE_INT16) {
      mote_rfft_q15(&op->plan, (const int16_t *)src + i, op->in_len,
                    (int16_t *)dst + o);
    } else if (op->type == MOTE_TYPE_INT32) {
      mote_rfft_q31(&op->plan, (const int32_t *)src + i, op->in_len,
                    (int32_t *)dst + o);
    } else {
      mote_rfft_f32(&op->plan, (const float *)src + i, op->in_len,
                    (float *)dst + o);
    }
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_rfft = {"SignalRfft", 1, rfft_prepare,
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
    if (op->type == MOTE_TYPE_INT16) {
      mote_irfft_q15(&op->plan, (const int16_t *)src + i, (int16_t *)work,
                     (int16_t *)dst + o);
    } else if (op->type == MOTE_TYPE_INT32) {
      mote_irfft_q31(&op->plan, (const int32_t *)src + i, (int32_t *)work,
                     (int32_t *)dst + o);
    } else {
      mote_irfft_f32(&op->plan, (const float *)src + i, (float *)work,
                     (float *)dst + o);
    }
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_irfft = {"SignalIrfft", 1,
                                                irfft_prepare, irfft_invoke};
