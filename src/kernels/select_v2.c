/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SELECT_V2 glue: out = condition ? x : y with the three inputs broadcast
 * to the output, TFLM's semantics; the compute functions are
 * select_v2.h's.
 *
 * TFLM takes a bool condition and x, y of one type among float32, int8
 * and int16 (others fail at invoke), copies values without looking at
 * their quantization, runs equal shapes flat (any rank) and broadcasts
 * others through a 5-D walk that aborts beyond 5-D (refused here), the
 * output's rank the inputs' largest. TFLM
 * sets the output's type to x's; mote, whose output types are the
 * model's, refuses a mismatch.
 */
#include "kernels/select_v2.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define SELECT_TYPES                                                           \
  (MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) | MOTE_TYPE_BIT(MOTE_TYPE_INT8) |          \
   MOTE_TYPE_BIT(MOTE_TYPE_INT16))

/* The op data: the parameters, then the values' type. */
typedef struct select_op {
  mote_select_params_t p;
  uint8_t type;
} select_op_t;

/* Fills p from the three inputs' shapes broadcast to out (rank <= 5):
 * extents padded in front with 1s, per-input row-major strides with 0
 * along extent-1 dimensions. Returns the first output dimension (from
 * the front of out) no input explains or some input contradicts, or -1
 * when they broadcast to it exactly. */
static int select_strides(mote_select_params_t *p, const mote_tensor_t *in[3],
                          const mote_tensor_t *out) {
  const int pad = MOTE_SELECT_DIMS - (int)out->rank;
  int k, d, bad = -1;
  for (d = 0; d < MOTE_SELECT_DIMS; ++d) {
    p->dims[d] = d < pad ? 1 : out->dims[d - pad];
  }
  for (k = 0; k < 3; ++k) {
    int32_t acc = 1;
    const int lead = (int)out->rank - (int)in[k]->rank;
    for (d = MOTE_SELECT_DIMS - 1; d >= 0; --d) {
      const int id = d - pad - lead; /* index into in[k]->dims */
      const int32_t ext = id >= 0 ? in[k]->dims[id] : 1;
      if (ext != 1 && ext != p->dims[d] && bad < 0) {
        bad = d - pad;
      }
      p->stride[k][d] = ext == 1 ? 0 : acc;
      acc *= ext;
    }
  }
  for (d = pad; d < MOTE_SELECT_DIMS && bad < 0; ++d) {
    if (p->dims[d] != 1 && p->stride[0][d] == 0 && p->stride[1][d] == 0 &&
        p->stride[2][d] == 0) {
      bad = d - pad;
    }
  }
  return bad;
}

static mote_status_t select_prepare(mote_kctx_t *ctx) {
  mote_tensor_t cond, x, y, out;
  const mote_tensor_t *in[3];
  select_op_t *op;
  void *mem;
  int k, bad;
  mote_status_t st;
  if ((st = mote_check_io_count(ctx, 3, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &cond)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &x)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 2, &y)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK ||
      (st = mote_check_type(ctx, &cond, MOTE_TYPE_BOOL, "input 0")) !=
          MOTE_OK) {
    return st;
  }
  if (x.type >= 32u || (SELECT_TYPES & MOTE_TYPE_BIT(x.type)) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 1 has type %s; SELECT_V2 supports float32, "
                          "int8 and int16",
                          mote_type_name((mote_type_t)x.type));
  }
  if ((st = mote_check_type(ctx, &y, (mote_type_t)x.type, "input 2")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &out, (mote_type_t)x.type, "output 0")) !=
          MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(select_op_t), &mem)) !=
          MOTE_OK) {
    return st;
  }
  op = (select_op_t *)mem;
  op->type = x.type;
  if (mote_same_shape(&cond, &x) && mote_same_shape(&x, &y) &&
      mote_same_shape(&x, &out)) {
    /* TFLM's flat path: any rank, one row. */
    for (k = 0; k < MOTE_SELECT_DIMS; ++k) {
      op->p.dims[k] = 1;
      op->p.stride[0][k] = op->p.stride[1][k] = op->p.stride[2][k] = 0;
    }
    op->p.dims[MOTE_SELECT_DIMS - 1] = mote_tensor_elements(&out);
    op->p.stride[0][MOTE_SELECT_DIMS - 1] = 1;
    op->p.stride[1][MOTE_SELECT_DIMS - 1] = 1;
    op->p.stride[2][MOTE_SELECT_DIMS - 1] = 1;
  } else {
    in[0] = &cond;
    in[1] = &x;
    in[2] = &y;
    bad = 0; /* the largest input rank, which TFLM wants the output's */
    for (k = 0; k < 3; ++k) {
      bad = in[k]->rank > bad ? (int)in[k]->rank : bad;
    }
    if (bad != (int)out.rank) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output 0 has rank %d; the inputs' largest is %d",
                            (int)out.rank, bad);
    }
    if (out.rank > MOTE_SELECT_DIMS) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "inputs of different shapes broadcast up to 5-D "
                            "(output 0 has rank %d)",
                            (int)out.rank);
    }
    if ((bad = select_strides(&op->p, in, &out)) >= 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "inputs do not broadcast to output 0 (dim %d)",
                            bad);
    }
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t select_invoke(mote_kctx_t *ctx) {
  const select_op_t *op = (const select_op_t *)mote_kctx_user_data(ctx);
  const uint8_t *cond = (const uint8_t *)mote_kctx_input_data(ctx, 0);
  const void *x = mote_kctx_input_data(ctx, 1);
  const void *y = mote_kctx_input_data(ctx, 2);
  void *out = mote_kctx_output_data(ctx, 0);
  switch (op->type) {
  case MOTE_TYPE_INT8:
    mote_select_s8(&op->p, cond, (const int8_t *)x, (const int8_t *)y,
                   (int8_t *)out);
    break;
  case MOTE_TYPE_INT16:
    mote_select_s16(&op->p, cond, (const int16_t *)x, (const int16_t *)y,
                    (int16_t *)out);
    break;
  default: /* float32 */
    mote_select_f32(&op->p, cond, (const float *)x, (const float *)y,
                    (float *)out);
    break;
  }
  return MOTE_OK;
}

/* Versions: 2 int8 / int16. */
const mote_kernel_t mote_kernel_select_v2 = {"SELECT_V2", 2, select_prepare,
                                             select_invoke};
