/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TRANSPOSE glue: checks the permutation, then the compute function of
 * transpose.h that the build binds. A pure data movement, so it works by
 * element size rather than by type.
 *
 * TFLM accepts float32, int8 and int16 up to 5-D; TFLite itself goes to
 * 6-D and more types. Any fixed-size type up to MOTE_MAX_DIMS (6) is
 * accepted here, which covers both. The perm tensor must be constant int32
 * with one entry per input dimension. Unlike TFLM, which only
 * range-checks it, a perm with repeated entries is rejected, and the output
 * shape must be the permuted input shape (TFLM trusts the converter).
 */
#include "kernels/transpose.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

static int32_t read_i32_le(const void *base, uint32_t i) {
  const uint8_t *b = (const uint8_t *)base + 4u * i;
  return (int32_t)((uint32_t)b[0] | ((uint32_t)b[1] << 8) |
                   ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24));
}

static mote_status_t read_perm(mote_kctx_t *ctx, const mote_tensor_t *pt,
                               const mote_tensor_t *in, int32_t *perm) {
  unsigned seen = 0;
  int d;
  if ((pt->flags & MOTE_TENSOR_CONST) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "perm input 1 (tensor %u) is not constant",
                          (unsigned)pt->index);
  }
  if (pt->type != MOTE_TYPE_INT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "perm input 1 has type %s; only int32 is supported",
                          mote_type_name((mote_type_t)pt->type));
  }
  if (pt->rank != 1 || pt->dims[0] != (int32_t)in->rank ||
      pt->bytes < 4u * in->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "perm input 1 must be 1-D with %d entries",
                          (int)in->rank);
  }
  for (d = 0; d < (int)in->rank; ++d) {
    perm[d] = read_i32_le(pt->data, (uint32_t)d);
    if (perm[d] < 0 || perm[d] >= (int32_t)in->rank ||
        (seen & (1u << perm[d])) != 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "perm input 1 is not a permutation of 0..%d "
                            "(entry %d is %ld)",
                            (int)in->rank - 1, d, (long)perm[d]);
    }
    seen |= 1u << perm[d];
  }
  return MOTE_OK;
}

static mote_status_t transpose_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, pt, out;
  mote_transpose_params_t *p;
  void *mem;
  size_t esize;
  int d;
  mote_status_t st;

  if ((st = mote_check_io_count(ctx, 2, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &pt)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  esize = mote_type_size((mote_type_t)in.type);
  if (esize == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s, which has no fixed size",
                          mote_type_name((mote_type_t)in.type));
  }
  if ((st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
      MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*p), &mem)) != MOTE_OK) {
    return st;
  }
  p = (mote_transpose_params_t *)mem;
  if ((st = read_perm(ctx, &pt, &in, p->perm)) != MOTE_OK) {
    return st;
  }
  if (out.rank != in.rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has rank %d, output 0 has rank %d",
                          (int)in.rank, (int)out.rank);
  }
  for (d = 0; d < (int)in.rank; ++d) {
    if (out.dims[d] != in.dims[p->perm[d]]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output 0 dim %d is %ld, permuted input gives %ld",
                            d, (long)out.dims[d], (long)in.dims[p->perm[d]]);
    }
    p->in_dims[d] = in.dims[d];
  }
  p->rank = in.rank;
  p->elem_size = esize;
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

mote_status_t mote_transpose_invoke(mote_kctx_t *ctx) {
  const mote_transpose_params_t *p =
      (const mote_transpose_params_t *)mote_kctx_user_data(ctx);
  mote_transpose(p, mote_kctx_input_data(ctx, 0),
                 mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_transpose = {"TRANSPOSE", 6, transpose_prepare,
                                             mote_transpose_invoke};
