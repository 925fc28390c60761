/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalStacker glue: the options (num_channels, stacker_left_context,
 * stacker_right_context, stacker_step) and the shapes, the pending
 * frames in state memory, then the compute function of stacker.h that
 * the build binds. Output 1 is the scalar bool "the output is ready".
 *
 * TFLM checks only ranks and types; mote also requires input 0 of
 * num_channels values and output 0 of (left + 1 + right) frames of them,
 * and a step of at most that many frames: a longer step makes TFLM's
 * ring drop frames it does not have. An output that is not ready is all
 * zeros, as the op's definition says; TFLM leaves the arena's bytes, or
 * its last output in a model where nothing else uses that memory.
 */
#include "kernels/signal/stacker.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

#define MAX_CHANNELS (1 << 16)
#define MAX_CONTEXT (1 << 10)

typedef struct stacker_op {
  mote_signal_stacker_params_t p;
  int16_t *pending;                   /* [width, channels], state memory */
  mote_signal_stacker_state_t *state; /* state memory */
} stacker_op_t;

static mote_status_t read_params(mote_kctx_t *ctx,
                                 mote_signal_stacker_params_t *p) {
  mote_flex_map_t opts;
  int64_t channels, left, right, step;
  mote_status_t st;
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "num_channels", 1, MAX_CHANNELS,
                                   &channels)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "stacker_left_context", 0,
                                   MAX_CONTEXT, &left)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "stacker_right_context", 0,
                                   MAX_CONTEXT, &right)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "stacker_step", 1,
                                   left + right + 1, &step)) != MOTE_OK) {
    return st;
  }
  p->channels = (int32_t)channels;
  p->left = (int32_t)left;
  p->width = (int32_t)(left + right + 1);
  p->step = (int32_t)step;
  return MOTE_OK;
}

static mote_status_t stacker_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out[2];
  stacker_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 2, out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in, MOTE_TYPE_INT16, 1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out[0], MOTE_TYPE_INT16, 1, "output 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out[1], MOTE_TYPE_BOOL, 0, "output 1")) !=
          MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (stacker_op_t *)mem;
  if ((st = read_params(ctx, &op->p)) != MOTE_OK) {
    return st;
  }
  if (in.dims[0] != op->p.channels ||
      (int64_t)out[0].dims[0] != (int64_t)op->p.width * op->p.channels) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (%ld values) must be num_channels (%ld) "
                          "and output 0 (%ld) %ld frames of them",
                          (long)in.dims[0], (long)op->p.channels,
                          (long)out[0].dims[0], (long)op->p.width);
  }
  /* State memory: zeroed again by mote_interp_reset_state(), which is
   * the start of a stream as TFLM's Reset. */
  if ((st = mote_kctx_alloc_state(ctx, sizeof *op->state, &mem)) != MOTE_OK) {
    return st;
  }
  op->state = (mote_signal_stacker_state_t *)mem;
  if ((st = mote_signal_alloc_rows(ctx, op->p.width, op->p.channels,
                                   sizeof(int16_t), "stacked values",
                                   &mem)) != MOTE_OK) {
    return st;
  }
  op->pending = (int16_t *)mem;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t stacker_invoke(mote_kctx_t *ctx) {
  const stacker_op_t *op = (const stacker_op_t *)mote_kctx_user_data(ctx);
  mote_signal_stacker(&op->p, (const int16_t *)mote_kctx_input_data(ctx, 0),
                      op->pending, op->state,
                      (int16_t *)mote_kctx_output_data(ctx, 0),
                      (bool *)mote_kctx_output_data(ctx, 1));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_stacker = {
    "SignalStacker", 1, stacker_prepare, stacker_invoke};
