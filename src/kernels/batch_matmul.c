/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BATCH_MATMUL glue, as TFLite Micro: lhs (input 0) [..., rows, depth]
 * times rhs (input 1) [..., depth, cols] (each matrix transposed in
 * storage with adj_x / adj_y), ranks 2 to 5, batch dimensions broadcast
 * by TFLite's rules; the output has the broadcast batch dimensions and
 * [rows, cols]. float32, int8 and int16 (zero points 0), both inputs and
 * the output of one type; quantized operands per-tensor, one rescale
 * lhs scale x rhs scale / output scale (the product in float, as TFLite),
 * no fused activation. Constant or computed operands alike.
 */
#include "kernels/batch_matmul.h"

#include <string.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define BMM_OPTIONS 101 /* BuiltinOptions_BatchMatMulOptions */
#define BMM_TYPES                                                              \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT16))

typedef struct bmm_op {
  mote_bmm_params_t p;
  uint8_t type;
} bmm_op_t;

static mote_status_t check_rank(mote_kctx_t *ctx, const mote_tensor_t *t,
                                const char *role) {
  if (t->rank < 2 || t->rank > 5) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s (tensor %u) has rank %u; supported: 2 to 5",
                          role, (unsigned)t->index, (unsigned)t->rank);
  }
  return MOTE_OK;
}

/* Dimension d of `t` counted in a shape of rank 5 padded with leading 1s. */
static int32_t dim5(const mote_tensor_t *t, int d) {
  const int at = d - (5 - (int)t->rank);
  return at < 0 ? 1 : t->dims[at];
}

/* Matrices per unit of batch dimension d (of 3) of `t`, or 0 when t is
 * broadcast along it. */
static int32_t step(const mote_tensor_t *t, int d) {
  int32_t s = 1;
  int e;
  if (dim5(t, d) == 1) {
    return 0;
  }
  for (e = d + 1; e < 3; ++e) {
    s *= dim5(t, e);
  }
  return s;
}

static mote_status_t geometry(mote_kctx_t *ctx, const mote_tensor_t *lhs,
                              const mote_tensor_t *rhs,
                              const mote_tensor_t *out, mote_bmm_params_t *p) {
  const int32_t rank = lhs->rank > rhs->rank ? lhs->rank : rhs->rank;
  const int32_t rhs_depth = p->adj_y ? dim5(rhs, 4) : dim5(rhs, 3);
  int32_t want[5];
  int d;
  p->rows = p->adj_x ? dim5(lhs, 4) : dim5(lhs, 3);
  p->depth = p->adj_x ? dim5(lhs, 3) : dim5(lhs, 4);
  p->cols = p->adj_y ? dim5(rhs, 3) : dim5(rhs, 4);
  if (p->depth != rhs_depth) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "lhs input 0 has depth %d (adj_x %d), rhs input 1 "
                          "%d (adj_y %d)",
                          (int)p->depth, (int)p->adj_x, (int)rhs_depth,
                          (int)p->adj_y);
  }
  for (d = 0; d < 3; ++d) {
    const int32_t l = dim5(lhs, d), r = dim5(rhs, d);
    if (l != r && l != 1 && r != 1) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "batch dimension %d: lhs input 0 has %d, rhs "
                            "input 1 %d, which do not broadcast",
                            d - (5 - (int)rank), (int)l, (int)r);
    }
    p->batch[d] = want[d] = l > r ? l : r;
    p->lhs_step[d] = step(lhs, d);
    p->rhs_step[d] = step(rhs, d);
  }
  want[3] = p->rows;
  want[4] = p->cols;
  for (d = 5 - rank; out->rank == (uint8_t)rank && d < 5; ++d) {
    if (out->dims[d - (5 - rank)] != want[d]) {
      break;
    }
  }
  if (out->rank != (uint8_t)rank || d != 5) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) is not the broadcast batch "
                          "shape with [%d, %d]",
                          (unsigned)out->index, (int)p->rows, (int)p->cols);
  }
  return MOTE_OK;
}

static mote_status_t prepare_quant(mote_kctx_t *ctx, const mote_tensor_t *lhs,
                                   const mote_tensor_t *rhs,
                                   const mote_tensor_t *out,
                                   mote_bmm_params_t *p) {
  const bool s16 = lhs->type == MOTE_TYPE_INT16;
  int32_t shift;
  mote_status_t st;
  if (lhs->quant_count != 1 || rhs->quant_count != 1 ||
      out->quant_count != 1 || !(lhs->scale > 0.0f) || !(rhs->scale > 0.0f) ||
      !(out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "inputs 0, 1 and output 0 need one positive scale "
                          "each (per-tensor)");
  }
  if (s16 && (lhs->zero_point != 0 || rhs->zero_point != 0 ||
              out->zero_point != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 inputs 0, 1 and output 0 need zero point 0, "
                          "have %d, %d, %d",
                          (int)lhs->zero_point, (int)rhs->zero_point,
                          (int)out->zero_point);
  }
  if ((st = mote_quantize_multiplier_checked(
           ctx, (double)(lhs->scale * rhs->scale) / (double)out->scale,
           "output 0", &p->multiplier, &shift)) != MOTE_OK) {
    return st;
  }
  if (s16 && shift > 14) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "output 0 rescale is too large (2^%d) for int16",
                          (int)shift);
  }
  p->shift = shift;
  p->lhs_offset = -lhs->zero_point;
  p->rhs_offset = -rhs->zero_point;
  p->out_offset = out->zero_point;
  p->act_min = s16 ? INT16_MIN : INT8_MIN;
  p->act_max = s16 ? INT16_MAX : INT8_MAX;
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_tensor_t lhs, rhs, out;
  mote_options_t opt;
  bmm_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, &lhs, &out)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &rhs)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, BMM_OPTIONS, &opt)) != MOTE_OK ||
      (st = mote_check_type_in(ctx, &lhs, BMM_TYPES, "lhs input 0")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &rhs, (mote_type_t)lhs.type,
                            "rhs input 1")) != MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)lhs.type, "output 0")) !=
          MOTE_OK ||
      (st = check_rank(ctx, &lhs, "lhs input 0")) != MOTE_OK ||
      (st = check_rank(ctx, &rhs, "rhs input 1")) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (bmm_op_t *)mem;
  op->type = lhs.type;
  op->p.adj_x = mote_options_bool(&opt, 0, false);
  op->p.adj_y = mote_options_bool(&opt, 1, false);
  if ((st = geometry(ctx, &lhs, &rhs, &out, &op->p)) != MOTE_OK ||
      (lhs.type != MOTE_TYPE_FLOAT32 &&
       (st = prepare_quant(ctx, &lhs, &rhs, &out, &op->p)) != MOTE_OK)) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t invoke(mote_kctx_t *ctx) {
  const bmm_op_t *op = (const bmm_op_t *)mote_kctx_user_data(ctx);
  const void *lhs = mote_kctx_input_data(ctx, 0);
  const void *rhs = mote_kctx_input_data(ctx, 1);
  void *out = mote_kctx_output_data(ctx, 0);
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_batch_matmul_f32(&op->p, (const float *)lhs, (const float *)rhs,
                          (float *)out);
    break;
  case MOTE_TYPE_INT8:
    mote_batch_matmul_s8(&op->p, (const int8_t *)lhs, (const int8_t *)rhs,
                         (int8_t *)out);
    break;
  default:
    mote_batch_matmul_s16(&op->p, (const int16_t *)lhs, (const int16_t *)rhs,
                          (int16_t *)out);
    break;
  }
  return MOTE_OK;
}

/* Version 4 adds int16 (3 int8, 2 asymmetric hybrid inputs, which TFLM
 * does not run). */
const mote_kernel_t mote_kernel_batch_matmul = {"BATCH_MATMUL", 4, prepare,
                                                invoke};
