/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_quantize_floats, mote_dequantize_to_floats (include/mote/tensor.h):
 * an application's float buffers into and out of a quantized tensor.
 *
 * They live with the kernels because they are the QUANTIZE and DEQUANTIZE
 * operators' compute functions (quantize.h, dequantize.h) behind a check
 * of the tensor view: the same bytes as the operators give, whichever
 * implementation the build binds, and no second copy of TFLite's rounding
 * rules. Rejected: a plain lroundf in common/, which would round NaN and
 * out-of-range values differently from the operators.
 */
#include <string.h>

#include "common/error.h"
#include "kernels/dequantize.h"
#include "kernels/quantize.h"

/* What both directions need of the view; `writes` when the tensor's data
 * is the destination. */
static mote_status_t check_view(const mote_tensor_t *t, const void *values,
                                size_t count, int writes, mote_error_t *err) {
  size_t elem;
  if (t == NULL || values == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "tensor or values is NULL");
  }
  if (t->data == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "tensor %u has no data (absent, or not prepared)",
                     (unsigned)t->index);
  }
  if (writes && (t->flags & MOTE_TENSOR_CONST) != 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "tensor %u is a constant in the model, read-only",
                     (unsigned)t->index);
  }
  if (t->type != MOTE_TYPE_INT8 && t->type != MOTE_TYPE_INT16) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_TYPE,
                     "tensor %u has type %s; int8 or int16 expected",
                     (unsigned)t->index, mote_type_name((mote_type_t)t->type));
  }
  if (t->quant_count != 1 || !(t->scale > 0.0f)) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                     "tensor %u is not quantized per tensor (%u scales)",
                     (unsigned)t->index, (unsigned)t->quant_count);
  }
  elem = mote_type_size((mote_type_t)t->type);
  if (count != (size_t)mote_tensor_elements(t) || count * elem != t->bytes) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_SHAPE,
                     "tensor %u has %ld elements, not %lu",
                     (unsigned)t->index, (long)mote_tensor_elements(t),
                     (unsigned long)count);
  }
  return MOTE_OK;
}

mote_status_t mote_quantize_floats(const mote_tensor_t *tensor,
                                   const float *values, size_t count,
                                   mote_error_t *err) {
  mote_quantize_params_t p;
  const mote_status_t st = check_view(tensor, values, count, 1, err);
  if (st != MOTE_OK) {
    return st;
  }
  memset(&p, 0, sizeof p);
  p.scale = tensor->scale;
  p.rq.output_offset = tensor->zero_point;
  if (tensor->type == MOTE_TYPE_INT8) {
    p.rq.act_min = INT8_MIN;
    p.rq.act_max = INT8_MAX;
    mote_quantize_f32_s8(&p, values, (int8_t *)tensor->data, (int32_t)count);
  } else {
    p.rq.act_min = INT16_MIN;
    p.rq.act_max = INT16_MAX;
    mote_quantize_f32_s16(&p, values, (int16_t *)tensor->data, (int32_t)count);
  }
  return MOTE_OK;
}

mote_status_t mote_dequantize_to_floats(const mote_tensor_t *tensor,
                                        float *values, size_t count,
                                        mote_error_t *err) {
  mote_dequantize_params_t p;
  const mote_status_t st = check_view(tensor, values, count, 0, err);
  if (st != MOTE_OK) {
    return st;
  }
  p.scale = tensor->scale;
  p.zero_point = tensor->zero_point;
  p.in_type = tensor->type;
  mote_dequantize(&p, tensor->data, values, (int32_t)count);
  return MOTE_OK;
}
