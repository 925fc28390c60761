/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CIRCULAR_BUFFER, TFLM's custom op for streaming models: each invoke
 * shifts the output [1, slots, width, depth] one slot up and writes the
 * input [1, 1, width, depth] into the last slot, int8 only as TFLM.
 *
 * TFLM keeps the window in the output tensor itself and relies on no
 * other tensor sharing its memory; mote keeps it in kernel state memory
 * (zeroed again by mote_interp_reset_state) and copies it to the output,
 * so the memory plan may share the output like any other. The option
 * "cycles_max" must be 1: with more, TFLM's kernel ends the whole invoke
 * early (kTfLiteAbort) on all but every cycles_max-th call, which mote's
 * interpreter has no status for; TFLM's fallback for a missing option
 * (guessing the period from the output shape and a global count of
 * prepares) is refused too.
 */
#include <string.h>

#include "kernels/kernel_util.h"
#include "kernels/signal/signal_util.h"
#include "mote/custom_ops.h"

typedef struct circular_data {
  int8_t *window; /* [slots, depth] in state memory */
  size_t slot_bytes;
  size_t slots;
} circular_data_t;

static mote_status_t circular_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  mote_flex_map_t opts;
  circular_data_t *d;
  int64_t cycles = 0;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in, MOTE_TYPE_INT8, 4, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_INT8, 4, "output 0")) !=
          MOTE_OK ||
      (st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "cycles_max", 1, 1, &cycles)) !=
          MOTE_OK) {
    return st;
  }
  if (in.dims[0] != out.dims[0] || in.dims[0] != 1 || in.dims[1] != 1 ||
      in.dims[2] != out.dims[2] || in.dims[3] != out.dims[3] ||
      out.dims[1] < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (tensor %u) must be [1, 1, w, d] and "
                          "output 0 (tensor %u) [1, slots, w, d]",
                          (unsigned)in.index, (unsigned)out.index);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof *d, &mem)) != MOTE_OK) {
    return st;
  }
  d = (circular_data_t *)mem;
  d->slot_bytes = in.bytes;
  d->slots = (size_t)out.dims[1];
  if ((st = mote_kctx_alloc_state(ctx, out.bytes, &mem)) != MOTE_OK) {
    return st;
  }
  d->window = (int8_t *)mem;
  mote_kctx_set_user_data(ctx, d);
  return MOTE_OK;
}

static mote_status_t circular_invoke(mote_kctx_t *ctx) {
  const circular_data_t *d = (const circular_data_t *)mote_kctx_user_data(ctx);
  const size_t keep = (d->slots - 1u) * d->slot_bytes;
  memmove(d->window, d->window + d->slot_bytes, keep);
  memcpy(d->window + keep, mote_kctx_input_data(ctx, 0), d->slot_bytes);
  memcpy(mote_kctx_output_data(ctx, 0), d->window, keep + d->slot_bytes);
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_circular_buffer = {
    "CIRCULAR_BUFFER", 1, circular_prepare, circular_invoke};
