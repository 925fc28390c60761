/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalDelay glue: the "delay_length" option and the shapes, the
 * history in state memory, then the compute function of delay.h that the
 * build binds.
 *
 * TFLM checks only the types; mote also requires an output of the
 * input's shape (TFLM writes the input's element count whatever the
 * output holds) and bounds delay_length so the history's size cannot
 * overflow. The history is state memory: zeros after prepare and after
 * mote_interp_reset_state(), as TFLM's Reset refills its ring with zeros.
 */
#include "kernels/signal/delay.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

/* Longest delay accepted: a second of 16 kHz audio is 16,000 samples. */
#define MAX_DELAY (1 << 20)

typedef struct delay_op {
  mote_signal_delay_params_t p;
  int16_t *history; /* [rows, delay] in state memory; NULL for delay 0 */
} delay_op_t;

static mote_status_t delay_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  mote_flex_map_t opts;
  delay_op_t *op;
  int64_t delay;
  void *mem;
  uint8_t d;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in, MOTE_TYPE_INT16, -1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_INT16, in.rank,
                              "output 0")) != MOTE_OK) {
    return st;
  }
  for (d = 0; d < in.rank; ++d) {
    if (in.dims[d] != out.dims[d] || in.dims[d] < 1) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output 0 must have the shape of input 0, with "
                            "no empty dimension (dimension %u: %ld and %ld)",
                            (unsigned)d, (long)in.dims[d], (long)out.dims[d]);
    }
  }
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "delay_length", 0, MAX_DELAY,
                                   &delay)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (delay_op_t *)mem;
  op->p.frame = in.dims[in.rank - 1];
  op->p.rows = mote_tensor_elements(&in) / op->p.frame;
  op->p.delay = (int32_t)delay;
  op->history = NULL;
  if (delay > 0) {
    if ((st = mote_signal_alloc_rows(ctx, op->p.rows, op->p.delay,
                                     sizeof(int16_t), "delayed samples",
                                     &mem)) != MOTE_OK) {
      return st;
    }
    op->history = (int16_t *)mem;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t delay_invoke(mote_kctx_t *ctx) {
  const delay_op_t *op = (const delay_op_t *)mote_kctx_user_data(ctx);
  mote_signal_delay(&op->p, (const int16_t *)mote_kctx_input_data(ctx, 0),
                    op->history, (int16_t *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_delay = {"SignalDelay", 1,
                                                delay_prepare, delay_invoke};
