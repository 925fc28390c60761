/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR glue over resize.h.
 *
 * As TFLite Micro: input 0 NHWC (rank 4); input 1 the new [height, width],
 * int32 with two elements, constant (TFLM refuses a computed size: its
 * output shapes are fixed at prepare); the output of the input's type.
 * Types: nearest float32, int8 and int16 (any element copied as stored);
 * bilinear float32 and int8 (TFLM's integer path, no rescale: input and
 * output quantization are not compared, as TFLM does not). Options:
 * align_corners, half_pixel_centers (bilinear refuses both at once, as
 * TFLM). Beyond TFLM, mote refuses what TFLM would run past its bounds or
 * overflow on: an output shape other than [N, height, width, C], a size
 * below 1 where the input is not empty, and, for the integer bilinear,
 * sizes whose 10-bit coordinates do not fit int32.
 */
#include "kernels/resize.h"

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct resize_op {
  mote_resize_params_t p;
  uint8_t type;
} resize_op_t;

/* The integer bilinear computes 1024 * in + out / 2 (the scale's
 * numerator) and out * scale in int32. */
static bool q10_fits(int32_t in, int32_t out) {
  const int64_t num = 1024 * (int64_t)in + out / 2;
  const int64_t scale = out > 0 ? num / out : 0;
  return num <= INT32_MAX && (int64_t)out * (scale + 1) <= INT32_MAX;
}

static mote_status_t read_size(mote_kctx_t *ctx, const mote_tensor_t *in,
                               const mote_tensor_t *out, resize_op_t *op) {
  mote_tensor_t size;
  mote_status_t st;
  int d;
  if ((st = mote_index_input(ctx, 1, "size", MOTE_TYPE_BIT(MOTE_TYPE_INT32),
                             &size)) != MOTE_OK) {
    return st;
  }
  if (size.rank != 1 || size.dims[0] != 2) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "size input 1 (tensor %u) is not [2]",
                          (unsigned)size.index);
  }
  op->p.batches = in->dims[0];
  op->p.in_h = in->dims[1];
  op->p.in_w = in->dims[2];
  op->p.depth = in->dims[3];
  op->p.out_h = (int32_t)mote_index_at(&size, 0);
  op->p.out_w = (int32_t)mote_index_at(&size, 1);
  if (op->p.out_h < 0 || op->p.out_w < 0 ||
      ((op->p.out_h == 0 || op->p.out_w == 0) &&
       mote_tensor_elements(in) != 0 && mote_tensor_elements(out) != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "size input 1 is [%ld, %ld]; both must be >= 1",
                          (long)op->p.out_h, (long)op->p.out_w);
  }
  for (d = 0; d < 4; ++d) {
    const int32_t want = d == 1   ? op->p.out_h
                         : d == 2 ? op->p.out_w
                                  : in->dims[d];
    if (out->rank != 4 || out->dims[d] != want) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output 0 (tensor %u) is not [%ld, %ld, %ld, %ld] "
                            "(input 0 resized to size input 1)",
                            (unsigned)out->index, (long)in->dims[0],
                            (long)op->p.out_h, (long)op->p.out_w,
                            (long)in->dims[3]);
    }
  }
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx, bool bilinear) {
  const uint32_t types = MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) |
                         MOTE_TYPE_BIT(MOTE_TYPE_INT8) |
                         (bilinear ? 0u : MOTE_TYPE_BIT(MOTE_TYPE_INT16));
  mote_tensor_t in, out;
  mote_options_t opt;
  resize_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, types, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = mote_kctx_builtin_options(
           ctx,
           bilinear ? 15 /* ResizeBilinearOptions */
                    : 74 /* ResizeNearestNeighborOptions */,
           &opt)) != MOTE_OK) {
    return st;
  }
  if (in.rank != 4) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (tensor %u) has rank %d, expected 4",
                          (unsigned)in.index, (int)in.rank);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (resize_op_t *)mem;
  op->type = in.type;
  /* ResizeBilinearOptions keeps two deprecated fields first. */
  op->p.align_corners = mote_options_bool(&opt, bilinear ? 2 : 0, false);
  op->p.half_pixel_centers = mote_options_bool(&opt, bilinear ? 3 : 1, false);
  if (bilinear && op->p.align_corners && op->p.half_pixel_centers) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "options align_corners and half_pixel_centers are "
                          "both set");
  }
  if ((st = read_size(ctx, &in, &out, op)) != MOTE_OK) {
    return st;
  }
  if (bilinear && in.type == MOTE_TYPE_INT8 &&
      (!q10_fits(op->p.in_h, op->p.out_h) ||
       !q10_fits(op->p.in_w, op->p.out_w))) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 resize of input 0 to size input 1 overflows "
                          "its 10-bit fixed-point coordinates");
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t nearest_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, false);
}

static mote_status_t bilinear_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, true);
}

static mote_status_t nearest_invoke(mote_kctx_t *ctx) {
  const resize_op_t *op = (const resize_op_t *)mote_kctx_user_data(ctx);
  mote_resize_nearest(&op->p, mote_type_size((mote_type_t)op->type),
                      mote_kctx_input_data(ctx, 0),
                      mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

static mote_status_t bilinear_invoke(mote_kctx_t *ctx) {
  const resize_op_t *op = (const resize_op_t *)mote_kctx_user_data(ctx);
  if (op->type == MOTE_TYPE_FLOAT32) {
    mote_resize_bilinear_f32(&op->p,
                             (const float *)mote_kctx_input_data(ctx, 0),
                             (float *)mote_kctx_output_data(ctx, 0));
  } else {
    mote_resize_bilinear_s8(&op->p,
                            (const int8_t *)mote_kctx_input_data(ctx, 0),
                            (int8_t *)mote_kctx_output_data(ctx, 0));
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_resize_nearest_neighbor = {
    "RESIZE_NEAREST_NEIGHBOR", 4, nearest_prepare, nearest_invoke};
const mote_kernel_t mote_kernel_resize_bilinear = {
    "RESIZE_BILINEAR", 4, bilinear_prepare, bilinear_invoke};
