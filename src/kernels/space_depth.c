/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPACE_TO_DEPTH and DEPTH_TO_SPACE glue: both are one six-dimensional
 * transpose (transpose.h), so they have no compute function of their own.
 * With block size b, an NHWC [N, H, W, C] tensor read as
 * [N, H/b, b, W/b, b, C] and written with its two middle axes swapped
 * (permutation 0, 1, 3, 2, 4, 5) is SPACE_TO_DEPTH's [N, H/b, W/b, b*b*C]
 * (TFLite's depth index ((h % b) * b + w % b) * C + c); DEPTH_TO_SPACE is
 * the same swap of [N, H, W, b, b, C/(b*b)] into [N, H, b, W, b, ...].
 *
 * As in TFLite Micro: rank-4 float32 and int8, SpaceToDepthOptions /
 * DepthToSpaceOptions.block_size; H and W divisible by b (SPACE_TO_DEPTH)
 * or C by b*b (DEPTH_TO_SPACE). A block size below 1 (TFLM divides by
 * it) is refused, and the output shape must be the one the block size
 * gives.
 */
#include <string.h>

#include "kernels/kernel_util.h"
#include "kernels/transpose.h"

#include "mote/ops.h"

#define SPACE_DEPTH_TYPES                                                      \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8))

/* The op data of both: the input as six dimensions (`to_depth`: H and W
 * cut into blocks; else C), swapped in the middle. Fills want[] with the
 * output shape the block size gives, or fails. */
static mote_status_t plan(mote_kctx_t *ctx, const mote_tensor_t *in, int32_t b,
                          bool to_depth, int32_t *want,
                          mote_transpose_params_t *p) {
  static const int32_t perm[6] = {0, 1, 3, 2, 4, 5};
  const int32_t n = in->dims[0], h = in->dims[1], w = in->dims[2],
                c = in->dims[3];
  int d;
  if (b < 1 || (to_depth && (h % b != 0 || w % b != 0)) ||
      (!to_depth && c % (b * b) != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "block_size option %ld does not divide input 0 "
                          "(%s)",
                          (long)b, to_depth ? "height and width" : "depth");
  }
  if (to_depth) {
    const int32_t dims[6] = {n, h / b, b, w / b, b, c};
    memcpy(p->in_dims, dims, sizeof dims);
  } else {
    const int32_t dims[6] = {n, h, w, b, b, c / (b * b)};
    memcpy(p->in_dims, dims, sizeof dims);
  }
  for (d = 0; d < 6; ++d) {
    p->perm[d] = perm[d];
  }
  p->rank = 6;
  p->elem_size = mote_type_size((mote_type_t)in->type);
  want[0] = n;
  want[1] = to_depth ? h / b : h * b;
  want[2] = to_depth ? w / b : w * b;
  want[3] = to_depth ? c * b * b : c / (b * b);
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx, uint8_t options, bool to_depth) {
  mote_tensor_t in, out;
  mote_options_t opt;
  mote_transpose_params_t *p;
  int32_t want[4] = {0, 0, 0, 0};
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 1, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, SPACE_DEPTH_TYPES, "input 0")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, options, &opt)) != MOTE_OK) {
    return st;
  }
  if (in.rank != 4) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (tensor %u) has rank %d, expected 4",
                          (unsigned)in.index, (int)in.rank);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*p), &mem)) != MOTE_OK) {
    return st;
  }
  p = (mote_transpose_params_t *)mem;
  st = plan(ctx, &in, mote_options_i32(&opt, 0, 0), to_depth, want, p);
  if (st != MOTE_OK) {
    return st;
  }
  if (out.rank != 4 || out.dims[0] != want[0] || out.dims[1] != want[1] ||
      out.dims[2] != want[2] || out.dims[3] != want[3]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) is not [%ld, %ld, %ld, %ld]",
                          (unsigned)out.index, (long)want[0], (long)want[1],
                          (long)want[2], (long)want[3]);
  }
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

static mote_status_t space_to_depth_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, 19 /* SpaceToDepthOptions */, true);
}

static mote_status_t depth_to_space_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, 94 /* DepthToSpaceOptions */, false);
}

const mote_kernel_t mote_kernel_space_to_depth = {
    "SPACE_TO_DEPTH", 2, space_to_depth_prepare, mote_transpose_invoke};
const mote_kernel_t mote_kernel_depth_to_space = {
    "DEPTH_TO_SPACE", 2, depth_to_space_prepare, mote_transpose_invoke};
