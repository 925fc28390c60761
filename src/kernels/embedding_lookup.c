/* SPDX-License-Identifier: Apache-2.0 */
/*
 * EMBEDDING_LOOKUP glue, as TFLite Micro: input 0 holds int32 row numbers
 * (rank 1), input 1 the table (rank 2 or more, float32 or int8); output
 * row i is table row ids[i], so the output is [n, table dims 1...]. Types:
 * float32 -> float32 and int8 -> int8 (bytes copied, the output's
 * quantization not looked at, as TFLM), and TFLM's hybrid int8 -> float32,
 * dequantized with the table's one scale (zero point 0).
 *
 * A row number outside the table is refused: at prepare when the ids are
 * constant, else at invoke before any byte is written (TFLM fails its
 * invoke too).
 */
#include "kernels/embedding_lookup.h"

#include "kernels/kernel_util.h"
#include "mote/ops.h"

typedef struct embed_op {
  int32_t n, rows, cols;
  size_t row_bytes;
  float scale;
  bool hybrid;
  bool checked; /* constant ids, checked at prepare */
} embed_op_t;

static mote_status_t check_ids(mote_kctx_t *ctx, const embed_op_t *op,
                               const uint8_t *ids) {
  int32_t i;
  for (i = 0; i < op->n; ++i) {
    const int32_t id = mote_embedding_id(ids, i);
    if (id < 0 || id >= op->rows) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "row %ld at position %ld of input 0 is outside "
                            "[0, %ld)",
                            (long)id, (long)i, (long)op->rows);
    }
  }
  return MOTE_OK;
}

static mote_status_t check_shapes(mote_kctx_t *ctx, const mote_tensor_t *ids,
                                  const mote_tensor_t *value,
                                  const mote_tensor_t *out) {
  uint32_t d;
  if (ids->rank != 1 || value->rank < 2) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "ids input 0 must have rank 1 and table input 1 "
                          "rank 2 or more, have %u and %u",
                          (unsigned)ids->rank, (unsigned)value->rank);
  }
  for (d = 1; out->rank == value->rank && out->dims[0] == ids->dims[0] &&
              d < out->rank && out->dims[d] == value->dims[d];
       ++d) {
  }
  if (out->rank != value->rank || out->dims[0] != ids->dims[0] ||
      d != out->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) is not [ids, table input 1's "
                          "row shape]",
                          (unsigned)out->index);
  }
  return MOTE_OK;
}

static mote_status_t check_types(mote_kctx_t *ctx, const mote_tensor_t *ids,
                                 const mote_tensor_t *value,
                                 const mote_tensor_t *out) {
  mote_status_t st;
  if ((st = mote_check_type(ctx, ids, MOTE_TYPE_INT32, "ids input 0")) !=
          MOTE_OK ||
      (st = mote_check_type_in(ctx, value,
                               MOTE_TYPE_BIT(MOTE_TYPE_FLOAT32) |
                                   MOTE_TYPE_BIT(MOTE_TYPE_INT8),
                               "table input 1")) != MOTE_OK) {
    return st;
  }
  if (value->type == MOTE_TYPE_FLOAT32 || out->type != MOTE_TYPE_FLOAT32) {
    return mote_check_type(ctx, out, (mote_type_t)value->type, "output 0");
  }
  if (value->quant_count != 1 || value->zero_point != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 table input 1 read as float32 needs one scale "
                          "and zero point 0");
  }
  return MOTE_OK;
}

static mote_status_t prepare(mote_kctx_t *ctx) {
  mote_tensor_t ids, value, out;
  embed_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_first(ctx, 2, 1, &ids, &out)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &value)) != MOTE_OK ||
      (st = check_types(ctx, &ids, &value, &out)) != MOTE_OK ||
      (st = check_shapes(ctx, &ids, &value, &out)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (embed_op_t *)mem;
  op->n = ids.dims[0];
  op->rows = value.dims[0];
  op->cols = op->rows > 0 ? mote_tensor_elements(&value) / op->rows : 0;
  op->row_bytes =
      (size_t)op->cols * mote_type_size((mote_type_t)value.type);
  op->hybrid = value.type != out.type;
  op->scale = value.scale;
  op->checked = (ids.flags & MOTE_TENSOR_CONST) != 0;
  if (op->checked &&
      (st = check_ids(ctx, op, (const uint8_t *)ids.data)) != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t invoke(mote_kctx_t *ctx) {
  const embed_op_t *op = (const embed_op_t *)mote_kctx_user_data(ctx);
  const uint8_t *ids = (const uint8_t *)mote_kctx_input_data(ctx, 0);
  const void *value = mote_kctx_input_data(ctx, 1);
  void *out = mote_kctx_output_data(ctx, 0);
  mote_status_t st;
  if (op->rows == 0) {
    return MOTE_OK; /* an empty table: TFLM writes nothing */
  }
  if (!op->checked && (st = check_ids(ctx, op, ids)) != MOTE_OK) {
    return st;
  }
  if (op->hybrid) {
    mote_embedding_hybrid(ids, op->n, (const int8_t *)value, op->cols,
                          op->scale, (float *)out);
  } else {
    mote_embedding_rows(ids, op->n, value, op->row_bytes, out);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_embedding_lookup = {"EMBEDDING_LOOKUP", 3,
                                                    prepare, invoke};
