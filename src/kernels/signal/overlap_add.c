/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalOverlapAdd glue: the options ("T", the element type as a
 * TensorType, and "frame_step") and the shapes, the running sums in
 * state memory, then the compute function of overlap_add.h that the
 * build binds for the type.
 *
 * TFLM picks the type from "T" and checks the tensors against it, and
 * checks only the ranks of the shapes; mote also requires the output
 * shape the op defines ([..., frames * frame_step]) and a frame_step of
 * at most the frame size, where TFLM's shift of the sum would run with a
 * negative length.
 */
#include "kernels/signal/overlap_add.h"

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

typedef struct overlap_add_op {
  mote_signal_overlap_add_params_t p;
  void *sum; /* [rows, size] of the type, state memory */
  mote_type_t type;
} overlap_add_op_t;

static mote_status_t read_params(mote_kctx_t *ctx, const mote_tensor_t *in,
                                 mote_type_t *type, int32_t *step) {
  mote_flex_map_t opts;
  int64_t t, s;
  mote_status_t st;
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "T", 0, 255, &t)) != MOTE_OK) {
    return st;
  }
  if (t != MOTE_TYPE_INT16 && t != MOTE_TYPE_FLOAT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "option T is %s; SignalOverlapAdd takes int16 or "
                          "float32",
                          mote_type_name((mote_type_t)t));
  }
  *type = (mote_type_t)t;
  if ((st = mote_signal_check(ctx, in, *type, -1, "input 0")) != MOTE_OK) {
    return st;
  }
  if (in->rank < 2) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has rank %d; expected [..., frames, "
                          "frame size]",
                          (int)in->rank);
  }
  if ((st = mote_signal_option_int(ctx, &opts, "frame_step", 1,
                                   in->dims[in->rank - 1], &s)) != MOTE_OK) {
    return st;
  }
  *step = (int32_t)s;
  return MOTE_OK;
}

static mote_status_t check_shapes(mote_kctx_t *ctx, const mote_tensor_t *in,
                                  const mote_tensor_t *out, int32_t step) {
  const uint8_t r = out->rank;
  uint8_t d;
  for (d = 0; d + 1 < r; ++d) {
    if (in->dims[d] != out->dims[d] || in->dims[d] < 1) {
      break;
    }
  }
  if (d + 1 < r || in->dims[r - 1] < 1 || in->dims[r] < 1 ||
      (int64_t)out->dims[r - 1] != (int64_t)in->dims[r - 1] * step) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 must be input 0's outer dimensions, then "
                          "its %ld frames times frame_step (%ld) samples",
                          (long)in->dims[r - 1], (long)step);
  }
  return MOTE_OK;
}

static mote_status_t overlap_add_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  overlap_add_op_t *op;
  mote_type_t type = MOTE_TYPE_INT16;
  int32_t step = 1;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 1, &out)) != MOTE_OK ||
      (st = read_params(ctx, &in, &type, &step)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &out, type, in.rank - 1, "output 0")) !=
          MOTE_OK ||
      (st = check_shapes(ctx, &in, &out, step)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (overlap_add_op_t *)mem;
  op->type = type;
  op->p.size = in.dims[in.rank - 1];
  op->p.frames = in.dims[in.rank - 2];
  op->p.step = step;
  op->p.rows = mote_tensor_elements(&in) / (op->p.size * op->p.frames);
  /* State memory: zeroed again by mote_interp_reset_state(), as TFLM's
   * Reset clears the sums. */
  if ((st = mote_signal_alloc_rows(ctx, op->p.rows, op->p.size,
                                   mote_type_size(type), "running sums",
                                   &mem)) != MOTE_OK) {
    return st;
  }
  op->sum = mem;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t overlap_add_invoke(mote_kctx_t *ctx) {
  const overlap_add_op_t *op =
      (const overlap_add_op_t *)mote_kctx_user_data(ctx);
  if (op->type == MOTE_TYPE_INT16) {
    mote_signal_overlap_add_s16(
        &op->p, (const int16_t *)mote_kctx_input_data(ctx, 0),
        (int16_t *)op->sum, (int16_t *)mote_kctx_output_data(ctx, 0));
  } else {
    mote_signal_overlap_add_f32(&op->p,
                                (const float *)mote_kctx_input_data(ctx, 0),
                                (float *)op->sum,
                                (float *)mote_kctx_output_data(ctx, 0));
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_overlap_add = {
    "SignalOverlapAdd", 1, overlap_add_prepare, overlap_add_invoke};
