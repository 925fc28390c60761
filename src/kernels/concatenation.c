/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONCATENATION glue: joins inputs along one axis, each placed by the
 * compute function of concatenation.h that the build binds.
 *
 * Semantics follow TFLite Micro's kernel, which is a pure byte copy for
 * every type it accepts:
 *  - the fused activation must be NONE (TFLM and TFLite both reject
 *    others, float included);
 *  - int8 inputs must have the output's scale and zero point and int16
 *    inputs zero point 0, as TFLM checks in prepare (asked of the oracle:
 *    int16 inputs of another scale run, copied unchanged, so they do here
 *    too). TFLM never rescales, and neither does mote.
 *  - uint8, which TFLM does not run, is accepted only when every input has
 *    the output's quantization, where a copy is exact; TFLite would rescale
 *    otherwise, so that case is rejected rather than approximated.
 * Every other fixed-size type is a byte copy (a superset of TFLM's float32,
 * int8, int16, int32, int64 and bool). The number of inputs is not capped
 * (TFLM caps it at 10) because inputs are placed one at a time.
 *
 * Prepare checks what TFLM leaves to debug assertions: equal ranks, equal
 * dimensions off the axis, and axis sizes that sum to the output's.
 */
#include "kernels/concatenation.h"

#include <stdbool.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* What TFLM requires of a quantized input before it copies bytes: int8
 * with the output's scale and zero point, int16 with zero point 0 (its
 * scale may differ, and is not rescaled, as in TFLM); uint8, which TFLM
 * does not run, only where a copy is exact. */
static mote_status_t check_quantization(mote_kctx_t *ctx, uint32_t i,
                                        const mote_tensor_t *in,
                                        const mote_tensor_t *out) {
  const bool same = (double)in->scale == (double)out->scale &&
                    in->zero_point == out->zero_point;
  if ((in->type == MOTE_TYPE_INT8 || in->type == MOTE_TYPE_UINT8) && !same) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input %u is quantized differently from output 0 "
                          "(scale or zero point); rescaling is not "
                          "supported",
                          (unsigned)i);
  }
  if (in->type == MOTE_TYPE_INT16 && in->zero_point != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 input %u has zero point %d, expected 0",
                          (unsigned)i, (int)in->zero_point);
  }
  return MOTE_OK;
}

/* Bytes of dims[axis..rank) for one element of `esize` bytes. */
static size_t row_bytes(const mote_tensor_t *t, int axis, size_t esize) {
  size_t n = esize;
  int d;
  for (d = axis; d < (int)t->rank; ++d) {
    n *= (size_t)t->dims[d];
  }
  return n;
}

static mote_status_t check_input(mote_kctx_t *ctx, uint32_t i,
                                 const mote_tensor_t *in,
                                 const mote_tensor_t *out, int axis) {
  int d;
  if ((in->flags & MOTE_TENSOR_ABSENT) != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "input %u is absent",
                          (unsigned)i);
  }
  if (in->type != out->type) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input %u is %s but output 0 is %s", (unsigned)i,
                          mote_type_name((mote_type_t)in->type),
                          mote_type_name((mote_type_t)out->type));
  }
  if (in->rank != out->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input %u has rank %d, output 0 has rank %d",
                          (unsigned)i, (int)in->rank, (int)out->rank);
  }
  for (d = 0; d < (int)out->rank; ++d) {
    if (d != axis && in->dims[d] != out->dims[d]) {
      return mote_kctx_fail(
          ctx, MOTE_ERR_BAD_SHAPE, "input %u dim %d is %ld, output 0 has %ld",
          (unsigned)i, d, (long)in->dims[d], (long)out->dims[d]);
    }
  }
  return check_quantization(ctx, i, in, out);
}

/* The axis option as stored (possibly negative); fails unless the fused
 * activation is NONE. */
static mote_status_t read_options(mote_kctx_t *ctx, int32_t *axis) {
  mote_options_t opt;
  int32_t act;
  mote_status_t st = mote_kctx_builtin_options(ctx, 10, &opt);
  if (st != MOTE_OK) {
    return st;
  }
  *axis = mote_options_i32(&opt, 0, 0);
  act = (int32_t)(int8_t)mote_options_u8(&opt, 1, 0);
  if (act != MOTE_ACT_NONE) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "fused activation %d; only NONE is supported",
                          (int)act);
  }
  return MOTE_OK;
}

/* Checks every input against the output, and that their sizes along the
 * axis sum to the output's. */
static mote_status_t check_inputs(mote_kctx_t *ctx, uint32_t n_in,
                                  const mote_tensor_t *out, int axis) {
  mote_tensor_t in;
  int64_t axis_sum = 0; /* any number of inputs, each up to INT32_MAX */
  uint32_t i;
  mote_status_t st;
  for (i = 0; i < n_in; ++i) {
    if ((st = mote_kctx_input(ctx, i, &in)) != MOTE_OK ||
        (st = check_input(ctx, i, &in, out, axis)) != MOTE_OK) {
      return st;
    }
    axis_sum += in.dims[axis];
  }
  if (axis_sum != (int64_t)out->dims[axis]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "inputs sum to %ld along axis %d, output 0 has %ld",
                          (long)axis_sum, axis, (long)out->dims[axis]);
  }
  return MOTE_OK;
}

/* The op data is the params followed by each input's row size in bytes
 * (uint32_t[inputs]), so that invoke reads no shape. */
static mote_status_t store_op(mote_kctx_t *ctx, uint32_t n_in,
                              const mote_tensor_t *out, int axis,
                              size_t esize) {
  mote_concat_params_t *p;
  mote_tensor_t in;
  uint32_t *rows;
  void *mem;
  uint32_t i;
  int d;
  mote_status_t st = mote_kctx_alloc_persistent(
      ctx, sizeof(*p) + (size_t)n_in * sizeof(uint32_t), &mem);
  if (st != MOTE_OK) {
    return st;
  }
  p = (mote_concat_params_t *)mem;
  p->outer = 1;
  for (d = 0; d < axis; ++d) {
    p->outer *= out->dims[d];
  }
  p->out_row_bytes = row_bytes(out, axis, esize);
  rows = (uint32_t *)(void *)(p + 1);
  for (i = 0; i < n_in; ++i) {
    /* Every input has the output's dims off the axis (checked), so its
     * row is its size over the shared outer count. */
    if ((st = mote_kctx_input(ctx, i, &in)) != MOTE_OK) {
      return st;
    }
    rows[i] = p->outer > 0 ? in.bytes / (uint32_t)p->outer : 0;
  }
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

static mote_status_t concat_prepare(mote_kctx_t *ctx) {
  mote_tensor_t out;
  const uint32_t n_in = mote_kctx_input_count(ctx);
  size_t esize;
  int32_t axis = 0, a;
  mote_status_t st;

  if (n_in < 1 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "expects inputs and 1 output, has %u and %u",
        (unsigned)n_in, (unsigned)mote_kctx_output_count(ctx));
  }
  if ((st = read_options(ctx, &axis)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  esize = mote_type_size((mote_type_t)out.type);
  if (esize == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "output 0 has type %s, which has no fixed size",
                          mote_type_name((mote_type_t)out.type));
  }
  /* Negative counts from the end; the message gives the axis as stored. */
  a = axis < 0 ? axis + (int32_t)out.rank : axis;
  if (a < 0 || a >= (int32_t)out.rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "axis %ld is out of range for output rank %d",
                          (long)axis, (int)out.rank);
  }
  if ((st = check_inputs(ctx, n_in, &out, (int)a)) != MOTE_OK) {
    return st;
  }
  return store_op(ctx, n_in, &out, (int)a, esize);
}

static mote_status_t concat_invoke(mote_kctx_t *ctx) {
  const mote_concat_params_t *p =
      (const mote_concat_params_t *)mote_kctx_user_data(ctx);
  const uint32_t *rows = (const uint32_t *)(const void *)(p + 1);
  const uint32_t n_in = mote_kctx_input_count(ctx);
  void *out = mote_kctx_output_data(ctx, 0);
  size_t offset = 0;
  uint32_t i;
  for (i = 0; i < n_in; ++i) {
    const size_t in_row = rows[i];
    mote_concatenation_place(p, mote_kctx_input_data(ctx, i), in_row, offset,
                             out);
    offset += in_row;
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_concatenation = {"CONCATENATION", 4,
                                                 concat_prepare, concat_invoke};
