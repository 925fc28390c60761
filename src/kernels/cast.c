/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CAST glue: checks the type pair and the element counts, then the
 * compute function of cast.h that the build binds. TFLM's set of type
 * pairs (mote_cast_supported); versions 2 (uint32) and 3 (int8).
 */
#include "kernels/cast.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

static bool is_int_type(mote_type_t t) {
  return t == MOTE_TYPE_INT8 || t == MOTE_TYPE_INT16 || t == MOTE_TYPE_INT32 ||
         t == MOTE_TYPE_UINT32;
}

bool mote_cast_supported(mote_type_t in, mote_type_t out) {
  return (is_int_type(in) || in == MOTE_TYPE_FLOAT32 || in == MOTE_TYPE_BOOL) &&
         (is_int_type(out) || out == MOTE_TYPE_FLOAT32);
}

/* What invoke needs, so that it reads no tensor description. */
typedef struct cast_op {
  int32_t count;
  mote_cast_params_t p;
} cast_op_t;

static mote_status_t cast_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  cast_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_count(ctx, 1, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (!mote_cast_supported((mote_type_t)in.type, (mote_type_t)out.type)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "cannot cast input 0 of type %s to output 0 of "
                          "type %s",
                          mote_type_name((mote_type_t)in.type),
                          mote_type_name((mote_type_t)out.type));
  }
  if (mote_tensor_elements(&in) != mote_tensor_elements(&out)) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "input 0 has %ld elements, output 0 %ld",
        (long)mote_tensor_elements(&in), (long)mote_tensor_elements(&out));
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(cast_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (cast_op_t *)mem;
  op->count = mote_tensor_elements(&out);
  op->p.in_type = in.type;
  op->p.out_type = out.type;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t cast_invoke(mote_kctx_t *ctx) {
  const cast_op_t *op = (const cast_op_t *)mote_kctx_user_data(ctx);
  mote_cast(&op->p, mote_kctx_input_data(ctx, 0), mote_kctx_output_data(ctx, 0),
            op->count);
  return MOTE_OK;
}

/* Versions: 2 adds uint32, 3 int8. Version 4 (uint16), 5 (float16,
 * float64) and later are not implemented. */
const mote_kernel_t mote_kernel_cast = {"CAST", 3, cast_prepare, cast_invoke};
