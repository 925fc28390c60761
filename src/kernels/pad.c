/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PAD and PADV2 glue (two kernels, one prepare and invoke): constant padding by
 * the compute function of pad.h that the build binds.
 *
 * Semantics are TFLite Micro's (one kernel serves both ops):
 *  - types float32, int8, int16 and int32; input and output types equal;
 *  - paddings: a constant int32 tensor with 2 x rank values, before/after
 *    per dimension. TFLM reads any paddings tensor as int32, so an int64 one
 *    would be misread there; it is rejected here by name;
 *  - the pad value: input 2 (PADV2) when present, a one-element tensor of
 *    the input's type (for int8 with the output's scale and zero point);
 *    otherwise the output zero point for int8 and zero for the rest (int16
 *    is symmetric, TFLM pads it with 0 whatever the zero point says).
 * TFLM stops at 5 dimensions; the loop here is rank-generic, so up to
 * MOTE_MAX_DIMS. Negative paddings, which TFLM would feed into its loop
 * bounds unchecked, are rejected.
 */
#include "kernels/pad.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct pad_op {
  mote_pad_params_t params;
  bool has_value_input; /* PADV2 constant_values present */
  uint8_t default_value[8];
} pad_op_t;

static int32_t read_i32_le(const void *base, uint32_t i) {
  const uint8_t *b = (const uint8_t *)base + 4u * i;
  return (int32_t)((uint32_t)b[0] | ((uint32_t)b[1] << 8) |
                   ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24));
}

static mote_status_t check_value_input(mote_kctx_t *ctx, const mote_tensor_t *v,
                                       const mote_tensor_t *out) {
  if (v->type != out->type) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "constant value input 2 is %s, output 0 is %s",
                          mote_type_name((mote_type_t)v->type),
                          mote_type_name((mote_type_t)out->type));
  }
  if (mote_tensor_elements(v) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "constant value input 2 has %ld elements, not 1",
                          (long)mote_tensor_elements(v));
  }
  if (out->type == MOTE_TYPE_INT8 &&
      (v->zero_point != out->zero_point || v->scale != out->scale)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 constant value input 2 is quantized "
                          "differently from output 0");
  }
  return MOTE_OK;
}

static mote_status_t read_paddings(mote_kctx_t *ctx, const mote_tensor_t *pt,
                                   const mote_tensor_t *in,
                                   const mote_tensor_t *out,
                                   mote_pad_params_t *p) {
  int64_t want;
  int d;
  if ((pt->flags & MOTE_TENSOR_CONST) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "paddings input 1 (tensor %u) is not constant",
                          (unsigned)pt->index);
  }
  if (pt->type != MOTE_TYPE_INT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "paddings input 1 has type %s; only int32 is "
                          "supported",
                          mote_type_name((mote_type_t)pt->type));
  }
  if (mote_tensor_elements(pt) != 2 * (int32_t)out->rank ||
      pt->bytes < 8u * out->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "paddings input 1 has %ld values, output rank %d "
                          "needs %d",
                          (long)mote_tensor_elements(pt), (int)out->rank,
                          2 * (int)out->rank);
  }
  for (d = 0; d < (int)out->rank; ++d) {
    p->in_dims[d] = in->dims[d];
    p->before[d] = read_i32_le(pt->data, 2u * (uint32_t)d);
    p->after[d] = read_i32_le(pt->data, 2u * (uint32_t)d + 1u);
    if (p->before[d] < 0 || p->after[d] < 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "negative padding %ld/%ld on dim %d",
                            (long)p->before[d], (long)p->after[d], d);
    }
    want = (int64_t)in->dims[d] + p->before[d] + p->after[d];
    if (want != out->dims[d]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output 0 dim %d is %ld, input + paddings give "
                            "%ld",
                            d, (long)out->dims[d], (long)want);
    }
  }
  return MOTE_OK;
}

static mote_status_t pad_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, pt, out, v;
  pad_op_t *op;
  void *mem;
  uint32_t n_in = mote_kctx_input_count(ctx);
  bool has_value = false;
  mote_status_t st;

  if ((n_in != 2 && n_in != 3) || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expects 2 or 3 inputs and 1 output, has %u and %u",
                          (unsigned)n_in,
                          (unsigned)mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &pt)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (in.type != MOTE_TYPE_FLOAT32 && in.type != MOTE_TYPE_INT8 &&
      in.type != MOTE_TYPE_INT16 && in.type != MOTE_TYPE_INT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; PAD supports float32, int8, "
                          "int16 and int32",
                          mote_type_name((mote_type_t)in.type));
  }
  if ((st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
      MOTE_OK) {
    return st;
  }
  if (in.rank != out.rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has rank %d, output 0 has rank %d",
                          (int)in.rank, (int)out.rank);
  }
  if (n_in == 3) {
    if ((st = mote_kctx_input(ctx, 2, &v)) != MOTE_OK) {
      return st;
    }
    has_value = (v.flags & MOTE_TENSOR_ABSENT) == 0;
    if (has_value && (st = check_value_input(ctx, &v, &out)) != MOTE_OK) {
      return st;
    }
  }
  if (!has_value && out.type == MOTE_TYPE_INT8 &&
      (out.zero_point < INT8_MIN || out.zero_point > INT8_MAX)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 zero point %ld does not fit int8",
                          (long)out.zero_point);
  }

  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (pad_op_t *)mem;
  op->params.rank = out.rank;
  op->params.elem_size = mote_type_size((mote_type_t)out.type);
  if ((st = read_paddings(ctx, &pt, &in, &out, &op->params)) != MOTE_OK) {
    return st;
  }
  op->has_value_input = has_value;
  /* The arena is zeroed, which is already 0 / 0.0f; int8 pads with the
   * output zero point. */
  if (out.type == MOTE_TYPE_INT8) {
    op->default_value[0] = (uint8_t)(int8_t)out.zero_point;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t pad_invoke(mote_kctx_t *ctx) {
  const pad_op_t *op = (const pad_op_t *)mote_kctx_user_data(ctx);
  /* The PADV2 value is read on each invoke: an earlier op may compute it. */
  const void *value =
      op->has_value_input ? mote_kctx_input_data(ctx, 2) : op->default_value;
  mote_pad(&op->params, mote_kctx_input_data(ctx, 0), value,
           mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_pad = {"PAD", 4, pad_prepare, pad_invoke};
/* PADV2 is PAD with its constant value input: TFLM registers one kernel
 * for both, and so does mote. */
const mote_kernel_t mote_kernel_padv2 = {"PADV2", 4, pad_prepare, pad_invoke};
