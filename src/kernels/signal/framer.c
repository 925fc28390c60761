/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFramer glue: the options (frame_size, frame_step, prefill) and
 * the shapes, the pending samples in state memory, then the compute
 * function of framer.h that the build binds. Output 1 is the scalar bool
 * "every frame of this invoke is ready".
 *
 * TFLM checks only the ranks and that the input's innermost dimension is
 * a whole number of steps; mote also requires the output shape the op
 * defines ([..., frames, frame_size]) and refuses prefill with a frame
 * shorter than its step, where TFLM's prefill count goes negative. A
 * frame that is not ready is all zeros, as the op's definition says;
 * TFLM leaves the arena's bytes there (only before the first ready
 * frame of a stream: from then on every frame is).
 */
#include "kernels/signal/framer.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

#define MAX_FRAME (1 << 20)

typedef struct framer_op {
  mote_signal_framer_params_t p;
  int16_t *pending; /* [rows, capacity], state memory */
  int32_t *count;   /* state memory */
} framer_op_t;

static mote_status_t check_shapes(mote_kctx_t *ctx, const mote_tensor_t *in,
                                  const mote_tensor_t *out,
                                  const mote_signal_framer_params_t *p) {
  const int32_t inner = in->dims[in->rank - 1];
  uint8_t d;
  if (inner < p->step || inner % p->step != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0's innermost dimension (%ld) must be a "
                          "whole number of frame_step (%ld)",
                          (long)inner, (long)p->step);
  }
  for (d = 0; d + 1 < in->rank; ++d) {
    if (in->dims[d] != out->dims[d] || in->dims[d] < 1) {
      break;
    }
  }
  if (d + 1 < in->rank || out->dims[in->rank - 1] != inner / p->step ||
      out->dims[in->rank] != p->size) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 must be input 0's outer dimensions, then "
                          "%ld frames of %ld",
                          (long)(inner / p->step), (long)p->size);
  }
  return MOTE_OK;
}

static mote_status_t read_params(mote_kctx_t *ctx,
                                 mote_signal_framer_params_t *p) {
  mote_flex_map_t opts;
  int64_t size, step;
  bool prefill;
  mote_status_t st;
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "frame_size", 1, MAX_FRAME,
                                   &size)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "frame_step", 1, MAX_FRAME,
                                   &step)) != MOTE_OK ||
      (st = mote_signal_option_bool(ctx, &opts, "prefill", &prefill)) !=
          MOTE_OK) {
    return st;
  }
  if (prefill && size < step) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "prefill needs frame_size (%ld) >= frame_step (%ld)",
                          (long)size, (long)step);
  }
  p->size = (int32_t)size;
  p->step = (int32_t)step;
  p->capacity = (int32_t)((size + step - 1) / step * step);
  p->prefill = prefill ? (int32_t)(size - step) : 0;
  return MOTE_OK;
}

static mote_status_t framer_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out[2];
  mote_signal_framer_params_t p;
  framer_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 2, out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in, MOTE_TYPE_INT16, -1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out[0], MOTE_TYPE_INT16, in.rank + 1,
                              "output 0")) != MOTE_OK ||
      (st = mote_signal_check(ctx, &out[1], MOTE_TYPE_BOOL, 0, "output 1")) !=
          MOTE_OK ||
      (st = read_params(ctx, &p)) != MOTE_OK ||
      (st = check_shapes(ctx, &in, &out[0], &p)) != MOTE_OK) {
    return st;
  }
  p.frames = in.dims[in.rank - 1] / p.step;
  p.rows = mote_tensor_elements(&in) / in.dims[in.rank - 1];
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (framer_op_t *)mem;
  op->p = p;
  /* State memory: zeroed again by mote_interp_reset_state(), which is
   * the start of a stream (prefill zeros, count 0) as TFLM's Reset. */
  if ((st = mote_kctx_alloc_state(ctx, sizeof(int32_t), &mem)) != MOTE_OK) {
    return st;
  }
  op->count = (int32_t *)mem;
  if ((st = mote_signal_alloc_rows(ctx, p.rows, p.capacity, sizeof(int16_t),
                                   "pending samples", &mem)) != MOTE_OK) {
    return st;
  }
  op->pending = (int16_t *)mem;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t framer_invoke(mote_kctx_t *ctx) {
  const framer_op_t *op = (const framer_op_t *)mote_kctx_user_data(ctx);
  mote_signal_framer(&op->p, (const int16_t *)mote_kctx_input_data(ctx, 0),
                     op->pending, op->count,
                     (int16_t *)mote_kctx_output_data(ctx, 0),
                     (bool *)mote_kctx_output_data(ctx, 1));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_framer = {"SignalFramer", 1,
                                                 framer_prepare, framer_invoke};
