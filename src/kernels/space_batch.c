/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND glue over space_batch.h.
 *
 * As TFLite Micro: float32 and int8, 3-D [N, H, C] or 4-D [N, H, W, C]
 * input and output of one type; block_shape input 1 (int32, one value per
 * spatial dimension) and paddings / crops input 2 (int32 [spatial, 2],
 * before/after). SPACE_TO_BATCH_ND pads with zero bytes, int8 too: TFLM
 * leaves its output offset at 0, so an int8 pad is the integer 0 whatever
 * the zero point (the real value -zero_point * scale), and mote matches
 * its bytes. Where mote is stricter: block_shape and paddings
 * / crops must be constant (the output shape is fixed at prepare), blocks
 * >= 1 and paddings / crops >= 0 (TFLM divides by the blocks and indexes
 * with the rest unchecked), and the output shape must be the one they
 * give: for SPACE_TO_BATCH_ND [N * bh * bw, (H + pads) / bh, (W + pads) /
 * bw, C] with the padded sizes divisible, for BATCH_TO_SPACE_ND
 * [N / (bh * bw), H * bh - crops, W * bw - crops, C] with N divisible.
 */
#include "kernels/space_batch.h"

#include "kernels/index_input.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* Reads block_shape and paddings / crops (spatial dims `sp`, 1 or 2) into
 * blocks[] and edges[] (before, after per dim), checking their shapes and
 * signs. */
static mote_status_t read_operands(mote_kctx_t *ctx, int sp, bool to_batch,
                                   int32_t *blocks, int32_t *edges) {
  const char *what = to_batch ? "paddings" : "crops";
  const uint32_t i32 = MOTE_TYPE_BIT(MOTE_TYPE_INT32);
  mote_tensor_t bt, et;
  mote_status_t st;
  int d;
  if ((st = mote_index_input(ctx, 1, "block_shape", i32, &bt)) != MOTE_OK ||
      (st = mote_index_input(ctx, 2, what, i32, &et)) != MOTE_OK) {
    return st;
  }
  if (bt.rank != 1 || bt.dims[0] != sp) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "block_shape input 1 (tensor %u) is not [%d]",
                          (unsigned)bt.index, sp);
  }
  if (et.rank != 2 || et.dims[0] != sp || et.dims[1] != 2) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s input 2 (tensor %u) is not [%d, 2]", what,
                          (unsigned)et.index, sp);
  }
  for (d = 0; d < sp; ++d) {
    blocks[d] = (int32_t)mote_index_at(&bt, (uint32_t)d);
    edges[2 * d] = (int32_t)mote_index_at(&et, 2u * (uint32_t)d);
    edges[2 * d + 1] = (int32_t)mote_index_at(&et, 2u * (uint32_t)d + 1u);
    if (blocks[d] < 1) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "block_shape input 1 value %d is %ld, below 1", d,
                            (long)blocks[d]);
    }
    if (edges[2 * d] < 0 || edges[2 * d + 1] < 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "%s input 2 row %d is %ld/%ld, below 0", what, d,
                            (long)edges[2 * d], (long)edges[2 * d + 1]);
    }
  }
  return MOTE_OK;
}

/* The output shape the operands give (4-D view) into want[], or fails. */
static mote_status_t plan(mote_kctx_t *ctx, bool to_batch,
                          const int32_t *blocks, const int32_t *edges,
                          mote_space_batch_params_t *p, int64_t *want) {
  const int64_t bb = (int64_t)blocks[0] * blocks[1];
  int d;
  want[3] = p->in[3];
  if (to_batch) {
    want[0] = p->in[0] * bb;
  } else {
    want[0] = bb > 0 ? p->in[0] / bb : 0;
    if (p->in[0] % bb != 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "input 0 batch %ld is not a multiple of the "
                            "block_shape product %ld",
                            (long)p->in[0], (long)bb);
    }
  }
  for (d = 0; d < 2; ++d) {
    const int64_t edge = (int64_t)edges[2 * d] + edges[2 * d + 1];
    if (to_batch) {
      const int64_t padded = p->in[1 + d] + edge;
      if (padded % blocks[d] != 0) {
        return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                              "padded input 0 dim %d (%ld) is not a multiple "
                              "of block_shape %ld",
                              1 + d, (long)padded, (long)blocks[d]);
      }
      want[1 + d] = padded / blocks[d];
    } else {
      want[1 + d] = (int64_t)p->in[1 + d] * blocks[d] - edge;
      if (want[1 + d] < 0) {
        return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                              "crops input 2 remove more than input 0 dim "
                              "%d holds",
                              1 + d);
      }
    }
  }
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx, bool to_batch) {
  const uint32_t types =
      MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8);
  mote_tensor_t in, out;
  mote_space_batch_params_t *p;
  int32_t blocks[2] = {1, 1}, edges[4] = {0, 0, 0, 0};
  int64_t want[4];
  void *mem;
  mote_status_t st;
  int sp, d;
  if ((st = mote_check_io_first(ctx, 3, 1, &in, &out)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &in, types, "input 0")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if ((in.rank != 3 && in.rank != 4) || out.rank != in.rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 and output 0 have ranks %d and %d; both "
                          "must be 3 or 4",
                          (int)in.rank, (int)out.rank);
  }
  sp = (int)in.rank - 2;
  if ((st = read_operands(ctx, sp, to_batch, blocks, edges)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*p), &mem)) != MOTE_OK) {
    return st;
  }
  p = (mote_space_batch_params_t *)mem;
  /* A 3-D [N, H, C] is [N, H, 1, C] with block width 1, as TFLite. */
  p->in[0] = in.dims[0];
  p->in[1] = in.dims[1];
  p->in[2] = sp == 2 ? in.dims[2] : 1;
  p->in[3] = in.dims[in.rank - 1];
  if ((st = plan(ctx, to_batch, blocks, edges, p, want)) != MOTE_OK) {
    return st;
  }
  for (d = 0; d < 4; ++d) {
    const int32_t got = sp == 1 && d == 2   ? 1
                        : sp == 1 && d == 3 ? out.dims[2]
                                            : out.dims[d];
    if (got != want[d]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output 0 (tensor %u) dim %d is %ld; input 0 and "
                            "the operands give %ld",
                            (unsigned)out.index, sp == 1 && d == 3 ? 2 : d,
                            (long)got, (long)want[d]);
    }
    p->out[d] = got;
  }
  p->block_h = blocks[0];
  p->block_w = blocks[1];
  p->top = edges[0];
  p->left = edges[2];
  p->elem_size = mote_type_size((mote_type_t)in.type);
  p->pad_byte = 0u; /* TFLM's, for both types (see the top) */
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

static mote_status_t space_to_batch_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, true);
}

static mote_status_t batch_to_space_prepare(mote_kctx_t *ctx) {
  return prepare(ctx, false);
}

static mote_status_t space_to_batch_invoke(mote_kctx_t *ctx) {
  mote_space_to_batch(
      (const mote_space_batch_params_t *)mote_kctx_user_data(ctx),
      mote_kctx_input_data(ctx, 0), mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

static mote_status_t batch_to_space_invoke(mote_kctx_t *ctx) {
  mote_batch_to_space(
      (const mote_space_batch_params_t *)mote_kctx_user_data(ctx),
      mote_kctx_input_data(ctx, 0), mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_space_to_batch_nd = {
    "SPACE_TO_BATCH_ND", 4, space_to_batch_prepare, space_to_batch_invoke};
const mote_kernel_t mote_kernel_batch_to_space_nd = {
    "BATCH_TO_SPACE_ND", 4, batch_to_space_prepare, batch_to_space_invoke};
