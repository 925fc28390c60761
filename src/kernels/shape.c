/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SHAPE glue: output 0, an int32 vector, receives input 0's dimensions.
 * Shapes are static, so prepare keeps them in the op data and invoke
 * copies them (the output is an activation, written at every invoke like
 * any other); there is no compute function to bind.
 *
 * As in TFLite Micro: any input type (its data is never read) and an
 * int32 output; ShapeOptions.out_type is not read (TFLM refuses any
 * output but int32, and so does mote). The output must hold exactly one
 * entry per input dimension.
 */
#include <string.h>

#include "kernels/kernel_util.h"

#include "mote/ops.h"

typedef struct shape_data {
  uint32_t rank;
  int32_t dims[MOTE_MAX_DIMS];
} shape_data_t;

static mote_status_t shape_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  shape_data_t *s;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 1, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, MOTE_TYPE_INT32, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if (out.rank != 1 || out.dims[0] != (int32_t)in.rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) must be a vector of %d "
                          "entries, the rank of input 0",
                          (unsigned)out.index, (int)in.rank);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*s), &mem)) != MOTE_OK) {
    return st;
  }
  s = (shape_data_t *)mem;
  s->rank = in.rank;
  memcpy(s->dims, in.dims, sizeof(s->dims));
  mote_kctx_set_user_data(ctx, s);
  return MOTE_OK;
}

static mote_status_t shape_invoke(mote_kctx_t *ctx) {
  const shape_data_t *s = (const shape_data_t *)mote_kctx_user_data(ctx);
  if (s->rank > 0) {
    memcpy(mote_kctx_output_data(ctx, 0), s->dims, s->rank * sizeof(int32_t));
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_shape = {"SHAPE", 1, shape_prepare,
                                         shape_invoke};
