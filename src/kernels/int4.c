/* SPDX-License-Identifier: Apache-2.0 */
/* Packed int4 filters: unpacking, and the convolutions' int4 path
 * (kernels/int4.h). */
#include "kernels/int4.h"

#include "kernels/kernel_util.h"

/* Keeps the unpacked filter as aligned as any implementation's own
 * scratch (the arena's alignment), so that either may come first. */
#define INT4_ALIGN 16u

size_t mote_int4_offset(size_t bytes) {
  return (bytes + INT4_ALIGN - 1u) & ~(size_t)(INT4_ALIGN - 1u);
}

/* A nibble as a signed value: 8..15 are -8..-1. */
static int8_t nibble(uint32_t v) {
  return (int8_t)((int32_t)(v & 15u) - (int32_t)((v & 8u) << 1));
}

void mote_int4_unpack(const uint8_t *packed, int32_t count, int8_t *out) {
  int32_t i;
  for (i = 0; i + 1 < count; i += 2) {
    const uint32_t b = packed[i / 2];
    out[i] = nibble(b);
    out[i + 1] = nibble(b >> 4);
  }
  if (i < count) {
    out[i] = nibble(packed[i / 2]);
  }
}

/* Filter elements of a convolution (depthwise: filter_c is 1). */
static int32_t conv_filter_count(const mote_conv_params_t *p) {
  return p->out_c * p->filter_h * p->filter_w * p->filter_c;
}

mote_status_t mote_conv_int4_check(mote_kctx_t *ctx, mote_conv_tensors_t *t) {
  if (t->input.type != MOTE_TYPE_INT8) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 1 (filter) is int4: input 0 must be "
                          "int8, is %s",
                          mote_type_name((mote_type_t)t->input.type));
  }
  if ((t->filter.flags & MOTE_TENSOR_CONST) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 1 (filter) is int4 and not constant");
  }
  t->filter.type = MOTE_TYPE_INT8;
  return MOTE_OK;
}

mote_status_t mote_conv_int4_prepare(mote_kctx_t *ctx, mote_conv_op_t *op,
                                     size_t impl_bytes) {
  const size_t offset = mote_int4_offset((size_t)conv_filter_count(&op->p));
  op->type = MOTE_TYPE_INT4;
  return mote_kctx_request_scratch(ctx, offset + impl_bytes, &op->scratch);
}

mote_status_t mote_conv_int4_invoke(mote_kctx_t *ctx, mote_conv_call_fn *call) {
  mote_conv_data_t d;
  const mote_conv_op_t *op = mote_conv_invoke_data(ctx, &d);
  if (op->type == MOTE_TYPE_INT4) {
    mote_conv_op_t op8 = *op;
    int8_t *buf = (int8_t *)mote_kctx_scratch(ctx, op->scratch);
    const int32_t count = conv_filter_count(&op->p);
    op8.type = MOTE_TYPE_INT8;
    mote_int4_unpack((const uint8_t *)d.filter, count, buf);
    d.filter = buf;
    mote_conv_run(ctx, &op8, &d, buf + mote_int4_offset((size_t)count), call);
  } else {
    mote_conv_run(ctx, op, &d, mote_scratch_if(ctx, op->scratch), call);
  }
  return MOTE_OK;
}
