/*
 * SignalWindow: multiplies each frame by a fixed window, in Q(shift).
 *
 * TFLM's ApplyWindow: the int32 product of sample and weight, shifted
 * right (arithmetic, truncating toward minus infinity) by `shift`, then
 * saturated to int16. The input is a whole number of frames, each as long
 * as the window. TFLM would run past a partial last frame; mote rejects
 * the shape in prepare.
 */
#include "kernels/signal/signal.h"

#include "mote/signal_ops.h"

void mote_signal_window(const int16_t *in, const int16_t *weights, int32_t size,
                        int32_t count, int shift, int16_t *out) {
  int32_t i;
  for (i = 0; i < count; ++i) {
    const int32_t raw = ((int32_t)in[i] * weights[i % size]) >> shift;
    out[i] = (int16_t)(raw < INT16_MIN ? INT16_MIN
                                       : (raw > INT16_MAX ? INT16_MAX : raw));
  }
}

typedef struct window_op {
  int32_t shift;
  int32_t n_w;  /* window length (input 1) */
  int32_t n_in; /* input 0 elements: whole frames */
} window_op_t;

static mote_status_t window_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in[2], out;
  mote_flex_map_t opts;
  window_op_t *op;
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
      (st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (window_op_t *)mem;
  op->shift = (int32_t)shift;
  op->n_w = n_w;
  op->n_in = n_in;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t window_invoke(mote_kctx_t *ctx) {
  const window_op_t *op = (const window_op_t *)mote_kctx_user_data(ctx);
  mote_signal_window((const int16_t *)mote_kctx_input_data(ctx, 0),
                     (const int16_t *)mote_kctx_input_data(ctx, 1), op->n_w,
                     op->n_in, (int)op->shift,
                     (int16_t *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_window = {"SignalWindow", 1,
                                                 window_prepare, window_invoke};
