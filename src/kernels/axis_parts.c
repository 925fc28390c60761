/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Parts along an axis (axis_parts.h). The op data is the whole tensor's
 * input index, the part count, the whole tensor's row (its dimensions
 * from the axis on, in bytes) and the number of rows in front of the
 * axis, followed by each part's row in bytes (uint32_t[count]).
 */
#include "kernels/axis_parts.h"

#include "kernels/block_copy.h"
#include "kernels/index_input.h"
#include "kernels/kernel_util.h"

typedef struct parts_data {
  uint32_t whole;
  uint32_t count;
  int32_t outer;
  uint32_t whole_row;
} parts_data_t;

/* Whether part `p` has the whole tensor's shape off the axis (keeping it
 * or not); its extent along the axis into *extent. */
static bool part_fits(const mote_axis_parts_op_t *op, int32_t axis,
                      const mote_tensor_t *w, const mote_tensor_t *p,
                      int32_t *extent) {
  int32_t d, k = 0;
  if ((int32_t)p->rank != (int32_t)w->rank - (op->keep_axis ? 0 : 1)) {
    return false;
  }
  for (d = 0; d < (int32_t)w->rank; ++d) {
    if (d == axis && !op->keep_axis) {
      continue;
    }
    if (d != axis && p->dims[k] != w->dims[d]) {
      return false;
    }
    ++k;
  }
  *extent = op->keep_axis ? p->dims[axis] : 1;
  return true;
}

static mote_status_t check_part(mote_kctx_t *ctx,
                                const mote_axis_parts_op_t *op, int32_t axis,
                                const mote_tensor_t *w, uint32_t i,
                                int32_t *extent) {
  const char *role = op->split ? "output" : "input";
  mote_tensor_t p;
  mote_status_t st =
      op->split ? mote_kctx_output(ctx, i, &p) : mote_kctx_input(ctx, i, &p);
  if (st != MOTE_OK) {
    return st;
  }
  if ((p.flags & MOTE_TENSOR_ABSENT) != 0 || p.type != w->type) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s %u (tensor %u) is %s, expected %s", role,
                          (unsigned)i, (unsigned)p.index,
                          (p.flags & MOTE_TENSOR_ABSENT) != 0
                              ? "absent"
                              : mote_type_name((mote_type_t)p.type),
                          mote_type_name((mote_type_t)w->type));
  }
  if (!part_fits(op, axis, w, &p, extent)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s %u (tensor %u) does not fit tensor %u %s "
                          "axis %d",
                          role, (unsigned)i, (unsigned)p.index,
                          (unsigned)w->index,
                          op->keep_axis ? "cut along" : "without", (int)axis);
  }
  return MOTE_OK;
}

/* Checks every part; their rows in bytes into rows[]. */
static mote_status_t check_parts(mote_kctx_t *ctx,
                                 const mote_axis_parts_op_t *op, int32_t axis,
                                 const mote_tensor_t *w, uint32_t count,
                                 size_t inner, uint32_t *rows) {
  int64_t sum = 0;
  int32_t extent = 0, first = 0;
  uint32_t i;
  mote_status_t st;
  for (i = 0; i < count; ++i) {
    if ((st = check_part(ctx, op, axis, w, i, &extent)) != MOTE_OK) {
      return st;
    }
    if (op->equal && i > 0 && extent != first) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output %u has %ld along axis %d, output 0 has "
                            "%ld; the parts must be equal",
                            (unsigned)i, (long)extent, (int)axis, (long)first);
    }
    first = i == 0 ? extent : first;
    sum += extent;
    rows[i] = (uint32_t)((size_t)extent * inner);
  }
  if (sum != (int64_t)w->dims[axis]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%u parts add up to %ld along axis %d, tensor %u "
                          "has %ld",
                          (unsigned)count, (long)sum, (int)axis,
                          (unsigned)w->index, (long)w->dims[axis]);
  }
  return MOTE_OK;
}

/* The operand counts, the whole tensor (type checked) and the count
 * option against the parts. */
static mote_status_t check_operands(mote_kctx_t *ctx,
                                    const mote_axis_parts_op_t *op,
                                    const mote_options_t *opt,
                                    mote_tensor_t *w) {
  const uint32_t n_in = mote_kctx_input_count(ctx);
  const uint32_t n_out = mote_kctx_output_count(ctx);
  const uint32_t count = op->split ? n_out : n_in;
  const int32_t declared = mote_options_i32(opt, 0, 0);
  mote_status_t st;
  if ((op->split && n_in != op->inputs) || (!op->split && n_out != 1)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "expects %u %s, has %u",
                          (unsigned)(op->split ? op->inputs : 1),
                          op->split ? "inputs" : "output",
                          (unsigned)(op->split ? n_in : n_out));
  }
  if (count < 1 || (declared == 0 && op->count_needed) ||
      (declared != 0 && (uint32_t)declared != count)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s option is %ld, the operator has %u %s",
                          op->count_name, (long)declared, (unsigned)count,
                          op->split ? "outputs" : "inputs");
  }
  st = op->split ? mote_kctx_input(ctx, op->whole, w)
                 : mote_kctx_output(ctx, 0, w);
  if (st != MOTE_OK) {
    return st;
  }
  return mote_check_type_in(ctx, w, op->types,
                            !op->split       ? "output 0"
                            : op->whole == 0 ? "input 0"
                                             : "input 1");
}

mote_status_t mote_axis_parts_prepare(mote_kctx_t *ctx,
                                      const mote_axis_parts_op_t *op,
                                      int32_t *axis) {
  mote_options_t opt;
  mote_tensor_t w;
  parts_data_t *p;
  void *mem;
  size_t inner;
  uint32_t count;
  int32_t d;
  mote_status_t st = mote_kctx_builtin_options(ctx, op->options, &opt);
  if (st != MOTE_OK || (st = check_operands(ctx, op, &opt, &w)) != MOTE_OK) {
    return st;
  }
  st = op->axis_input >= 0 ? mote_axis_input(ctx, (uint32_t)op->axis_input,
                                             (int32_t)w.rank, axis)
                           : mote_axis_normalize(ctx, "axis option",
                                                 mote_options_i32(&opt, 1, 0),
                                                 (int32_t)w.rank, axis);
  count = op->split ? mote_kctx_output_count(ctx) : mote_kctx_input_count(ctx);
  if (st != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(
           ctx, sizeof(*p) + count * sizeof(uint32_t), &mem)) != MOTE_OK) {
    return st;
  }
  p = (parts_data_t *)mem;
  p->whole = op->whole;
  p->count = count;
  p->outer = 1;
  inner = mote_type_size((mote_type_t)w.type);
  for (d = 0; d < *axis; ++d) {
    p->outer *= w.dims[d];
  }
  for (d = *axis + 1; d < (int32_t)w.rank; ++d) {
    inner *= (size_t)w.dims[d];
  }
  p->whole_row = (uint32_t)(inner * (size_t)w.dims[*axis]);
  st = check_parts(ctx, op, *axis, &w, count, inner,
                   (uint32_t *)(void *)(p + 1));
  if (st == MOTE_OK) {
    mote_kctx_set_user_data(ctx, p);
  }
  return st;
}

mote_status_t mote_axis_parts_split(mote_kctx_t *ctx) {
  const parts_data_t *p = (const parts_data_t *)mote_kctx_user_data(ctx);
  const uint32_t *rows = (const uint32_t *)(const void *)(p + 1);
  const uint8_t *in = (const uint8_t *)mote_kctx_input_data(ctx, p->whole);
  size_t offset = 0;
  uint32_t i;
  if (p->outer == 0) {
    return MOTE_OK; /* nothing to copy, and the buffers may be empty */
  }
  for (i = 0; i < p->count; ++i) {
    const mote_block_copy_t b = {p->outer, rows[i], p->whole_row, rows[i]};
    mote_block_copy(&b, in + offset, mote_kctx_output_data(ctx, i));
    offset += rows[i];
  }
  return MOTE_OK;
}

mote_status_t mote_axis_parts_join(mote_kctx_t *ctx) {
  const parts_data_t *p = (const parts_data_t *)mote_kctx_user_data(ctx);
  const uint32_t *rows = (const uint32_t *)(const void *)(p + 1);
  uint8_t *out = (uint8_t *)mote_kctx_output_data(ctx, 0);
  size_t offset = 0;
  uint32_t i;
  if (p->outer == 0) {
    return MOTE_OK;
  }
  for (i = 0; i < p->count; ++i) {
    const mote_block_copy_t b = {p->outer, rows[i], rows[i], p->whole_row};
    mote_block_copy(&b, mote_kctx_input_data(ctx, i), out + offset);
    offset += rows[i];
  }
  return MOTE_OK;
}
