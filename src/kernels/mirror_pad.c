/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MIRROR_PAD glue over mirror_pad.h.
 *
 * As TFLite Micro: float32 and int8 (TFLM's two types; the values are
 * copied, so input and output quantization are not compared), output of
 * the input's type; paddings input 1 an int32 or int64 [rank, 2] matrix of
 * before/after per dimension; MirrorPadOptions.mode REFLECT or SYMMETRIC.
 * Constant paddings are checked and planned at prepare; others (a model
 * input) are read and checked at every invoke, as TFLM reads them, against
 * the output shape the model fixes. Where mote is stricter: the output
 * shape must be the input's plus the paddings, and each padding must be
 * one the mode can mirror: 0 <= pad < dim for REFLECT, <= dim for
 * SYMMETRIC (TFLM indexes outside the input past those); a non-constant
 * padding that breaks either fails the invoke before any byte is written.
 */
#include "kernels/mirror_pad.h"

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct mirror_pad_op {
  mote_pad_params_t p;
  int mode;
  uint8_t pad_type; /* MOTE_TYPE_INT32 or MOTE_TYPE_INT64 */
  bool dynamic;     /* paddings not constant: read at every invoke */
  int32_t out_dims[MOTE_MAX_DIMS];
} mirror_pad_op_t;

/* Reads and checks every before/after of `pads` (op->pad_type) into *p. */
static mote_status_t read_pads(mote_kctx_t *ctx, const mirror_pad_op_t *op,
                               const void *pads, mote_pad_params_t *p) {
  int d;
  for (d = 0; d < (int)p->rank; ++d) {
    const int64_t before =
        mote_index_load(pads, op->pad_type, 2u * (uint32_t)d);
    const int64_t after =
        mote_index_load(pads, op->pad_type, 2u * (uint32_t)d + 1u);
    const int64_t limit =
        (int64_t)p->in_dims[d] - (op->mode == MOTE_MIRROR_REFLECT ? 1 : 0);
    if (before < 0 || after < 0 || before > limit || after > limit) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "paddings input 1 gives dim %d (size %ld) "
                            "%ld/%ld; %s mirrors 0..%ld",
                            d, (long)p->in_dims[d], (long)before, (long)after,
                            op->mode == MOTE_MIRROR_REFLECT ? "REFLECT"
                                                            : "SYMMETRIC",
                            (long)(limit < 0 ? 0 : limit));
    }
    if (p->in_dims[d] + before + after != op->out_dims[d]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output 0 dim %d is %ld, input 0 + paddings "
                            "input 1 (%ld/%ld) give %ld",
                            d, (long)op->out_dims[d], (long)before, (long)after,
                            (long)(p->in_dims[d] + before + after));
    }
    p->before[d] = (int32_t)before;
    p->after[d] = (int32_t)after;
  }
  return MOTE_OK;
}

static mote_status_t mirror_pad_prepare(mote_kctx_t *ctx) {
  const uint32_t types =
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8);
  mote_tensor_t in, pt, out;
  mote_options_t opt;
  mirror_pad_op_t *op;
  void *mem;
  mote_status_t st;
  int d;
  if ((st = mote_check_io_first(ctx, 2, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, types, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = mote_index_operand(ctx, 1, "paddings",
                               MOTE_TYPE_BIT(MOTE_TYPE_INT32) |
                                   MOTE_TYPE_BIT(MOTE_TYPE_INT64),
                               &pt)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, 77 /* MirrorPadOptions */, &opt)) !=
          MOTE_OK) {
    return st;
  }
  if (pt.rank != 2 || pt.dims[0] != (int32_t)in.rank || pt.dims[1] != 2) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "paddings input 1 (tensor %u) is not [%d, 2] for "
                          "input 0 of rank %d",
                          (unsigned)pt.index, (int)in.rank, (int)in.rank);
  }
  if (out.rank != in.rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has rank %d, output 0 has rank %d",
                          (int)in.rank, (int)out.rank);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (mirror_pad_op_t *)mem;
  op->mode = mote_options_u8(&opt, 0, 0);
  if (op->mode != MOTE_MIRROR_REFLECT && op->mode != MOTE_MIRROR_SYMMETRIC) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "mode option %d is neither REFLECT (0) nor "
                          "SYMMETRIC (1)",
                          op->mode);
  }
  op->p.rank = in.rank;
  op->p.elem_size = mote_type_size((mote_type_t)in.type);
  op->pad_type = pt.type;
  op->dynamic = (pt.flags & MOTE_TENSOR_CONST) == 0;
  for (d = 0; d < (int)in.rank; ++d) {
    op->p.in_dims[d] = in.dims[d];
    op->out_dims[d] = out.dims[d];
  }
  if (!op->dynamic && (st = read_pads(ctx, op, pt.data, &op->p)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t mirror_pad_invoke(mote_kctx_t *ctx) {
  const mirror_pad_op_t *op = (const mirror_pad_op_t *)mote_kctx_user_data(ctx);
  const mote_pad_params_t *p = &op->p;
  mote_pad_params_t now;
  mote_status_t st;
  if (op->dynamic) {
    now = op->p;
    if ((st = read_pads(ctx, op, mote_kctx_input_data(ctx, 1), &now)) !=
        MOTE_OK) {
      return st;
    }
    p = &now;
  }
  mote_mirror_pad(p, op->mode, mote_kctx_input_data(ctx, 0),
                  mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_mirror_pad = {
    "MIRROR_PAD", 3, mirror_pad_prepare, mirror_pad_invoke};
