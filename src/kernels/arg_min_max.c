/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ARG_MAX / ARG_MIN glue: TFLite Micro's arg_min_max.cc semantics; the
 * compute functions are arg_min_max.h's, and so is what they compute.
 *
 * TFLM has no prepare for these ops and trusts the model (its reference
 * only debug-asserts the shapes); mote checks in prepare what its release
 * build would read past buffers for: a rank-0 input, an axis outside
 * [-rank, rank), an empty axis extent while the output has elements, and
 * an output whose element count is not the input's without the axis (the
 * output shape is checked by count only, as MEAN's). The axis is an int32
 * of one element: constant, checked and planned at prepare, or a model
 * input, read and checked at every invoke as TFLM reads it (a misfit fails
 * the invoke before any byte is written).
 * Types as TFLM's: float32 or int8 in, int32 out (the output_type option
 * is not read; TFLM too goes by the output tensor's type).
 */
#include "kernels/arg_min_max.h"

#include <string.h>

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct arg_op {
  mote_arg_params_t p; /* when the axis is constant */
  uint8_t type;        /* of input 0 */
  uint8_t rank;
  bool dynamic; /* the axis a model input: planned at every invoke */
  int32_t out_count;
  int32_t dims[MOTE_MAX_DIMS]; /* input 0 */
} arg_op_t;

/* Plans *p from the axis `value` for op's input and output. */
static mote_status_t arg_plan(mote_kctx_t *ctx, const arg_op_t *op,
                              int64_t value, mote_arg_params_t *p) {
  const mote_status_t st =
      mote_axis_split(ctx, "axis input 1", value, op->rank, op->dims, &p->outer,
                      &p->axis, &p->inner);
  if (st != MOTE_OK) {
    return st;
  }
  if (op->out_count != p->outer * p->inner) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 has %ld elements, input 0 without axis "
                          "%ld has %ld",
                          (long)op->out_count, (long)value,
                          (long)(p->outer * p->inner));
  }
  if (p->axis == 0 && p->outer * p->inner > 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has extent 0 along axis %ld: no index to "
                          "return",
                          (long)value);
  }
  return MOTE_OK;
}

static mote_status_t arg_prepare(mote_kctx_t *ctx, bool is_max) {
  const uint32_t in_types =
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8);
  mote_tensor_t in, out, a;
  arg_op_t *op;
  void *mem;
  mote_status_t st;

  if ((st = mote_check_io_first(ctx, 2, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, in_types, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, MOTE_TYPE_INT32, "output 0")) !=
          MOTE_OK ||
      (st = mote_index_operand(ctx, 1, "axis", MOTE_TYPE_BIT(MOTE_TYPE_INT32),
                               &a)) != MOTE_OK) {
    return st;
  }
  if (in.rank == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (tensor %u) is a scalar: no axis to reduce",
                          (unsigned)in.index);
  }
  if (mote_tensor_elements(&a) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "axis input 1 (tensor %u) must hold one element",
                          (unsigned)a.index);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(arg_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (arg_op_t *)mem;
  op->type = in.type;
  op->rank = in.rank;
  op->dynamic = (a.flags & MOTE_TENSOR_CONST) == 0;
  op->out_count = mote_tensor_elements(&out);
  memcpy(op->dims, in.dims, sizeof op->dims);
  op->p.is_max = is_max;
  if (!op->dynamic &&
      (st = arg_plan(ctx, op, mote_index_at(&a, 0), &op->p)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t arg_max_prepare(mote_kctx_t *ctx) {
  return arg_prepare(ctx, true);
}

static mote_status_t arg_min_prepare(mote_kctx_t *ctx) {
  return arg_prepare(ctx, false);
}

static mote_status_t arg_invoke(mote_kctx_t *ctx) {
  const arg_op_t *op = (const arg_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  int32_t *out = (int32_t *)mote_kctx_output_data(ctx, 0);
  const mote_arg_params_t *p = &op->p;
  mote_arg_params_t now;
  mote_status_t st;
  if (op->dynamic) {
    now.is_max = op->p.is_max;
    p = &now;
    if ((st = arg_plan(
             ctx, op,
             mote_index_load(mote_kctx_input_data(ctx, 1), MOTE_TYPE_INT32, 0),
             &now)) != MOTE_OK) {
      return st;
    }
  }
  if (op->type == MOTE_TYPE_INT8) {
    mote_arg_s8(p, (const int8_t *)in, out);
  } else {
    mote_arg_f32(p, (const float *)in, out);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_arg_max = {"ARG_MAX", 2, arg_max_prepare,
                                           arg_invoke};
const mote_kernel_t mote_kernel_arg_min = {"ARG_MIN", 2, arg_min_prepare,
                                           arg_invoke};
