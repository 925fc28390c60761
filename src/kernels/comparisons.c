/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Glue of the comparisons (EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER,
 * GREATER_EQUAL) and the logical ops (LOGICAL_AND, LOGICAL_OR): two
 * inputs of one type, a bool output, TFLM's semantics; the compute
 * functions are comparisons.h's. All eight share prepare and invoke and
 * differ in their operation and their types.
 *
 * TFLM's types: EQUAL and NOT_EQUAL bool, float32, int32, int64 and int8;
 * the four orderings float32, int32, int64 and int8; the logical ops
 * bool. TFLM's GREATER also evaluates int16, but its prepare sets the
 * rescale for int8 alone, so every int16 output is false: refused here.
 * TFLM rescales int8 inputs by their own scales
 * (QuantizeMultiplierSmallerThanOneExp, which aborts for a scale outside (0,
 * 1): refused here). Inputs of different shapes go through TFLM's 4-D
 * broadcast, which aborts beyond 4-D (refused here); equal shapes take any
 * rank. TFLM checks neither input 1's type nor the output's; mote refuses a
 * mismatch.
 */
#include "kernels/comparisons.h"
#include "kernels/binary_common.h"
#include "kernels/core/requant.h"
#include "mote/ops.h"

/* The op data: the broadcast (its type: the inputs'), then the
 * parameters. */
typedef struct cmp_op {
  mote_bcast_op_t bc;
  mote_compare_params_t p;
} cmp_op_t;

#define CMP_BIT(t) MOTE_TYPE_BIT(MOTE_TYPE_##t)
#define CMP_ORDER_TYPES                                                        \
  (CMP_BIT(FLOAT32) | CMP_BIT(INT32) | CMP_BIT(INT64) | CMP_BIT(INT8))
#define CMP_EQ_TYPES (CMP_ORDER_TYPES | CMP_BIT(BOOL))

/* Each op's operation, types and the sentence naming them. */
typedef struct cmp_kind {
  mote_compare_op_t op;
  uint32_t types;
  const char *supported;
} cmp_kind_t;

/* Input `i`'s rescale: its scale as a multiplier below 1 with a shift
 * <= 0, as QuantizeMultiplierSmallerThanOneExp, which TFLM CHECKs. */
static mote_status_t cmp_input_scale(mote_kctx_t *ctx, const mote_tensor_t *t,
                                     int i, int32_t *multiplier,
                                     int8_t *shift) {
  int s = 1;
  if (t->scale > 0.0f && t->scale < 1.0f) {
    mote_quantize_multiplier((double)t->scale, multiplier, &s);
  }
  if (s > 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input %d (%s) needs a scale in (0, 1)", i,
                          mote_type_name((mote_type_t)t->type));
  }
  *shift = (int8_t)s; /* >= -31: mote_quantize_multiplier */
  return MOTE_OK;
}

static mote_status_t cmp_prepare(mote_kctx_t *ctx, const cmp_kind_t *kind) {
  mote_tensor_t in1, in2, out;
  cmp_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_count(ctx, 2, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &in2)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (in1.type >= 32u || (kind->types & MOTE_TYPE_BIT(in1.type)) == 0) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_UNSUPPORTED_TYPE, "input 0 has type %s; %s",
        mote_type_name((mote_type_t)in1.type), kind->supported);
  }
  if ((st = mote_check_type(ctx, &in2, (mote_type_t)in1.type, "input 1")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, &out, MOTE_TYPE_BOOL, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if ((st = mote_bcast_check_4d(ctx, &in1, &in2, &out)) != MOTE_OK ||
      (st = mote_bcast_prepare_shape(ctx, sizeof(cmp_op_t), &mem, &in1, &in2,
                                     &out)) != MOTE_OK) {
    return st;
  }
  op = (cmp_op_t *)mem;
  op->bc.type = in1.type;
  op->p.op = (uint8_t)kind->op;
  if (in1.type == MOTE_TYPE_INT8) {
    if ((st = cmp_input_scale(ctx, &in1, 0, &op->p.input1_multiplier,
                              &op->p.input1_shift)) != MOTE_OK ||
        (st = cmp_input_scale(ctx, &in2, 1, &op->p.input2_multiplier,
                              &op->p.input2_shift)) != MOTE_OK) {
      return st;
    }
    op->p.input1_offset = -in1.zero_point;
    op->p.input2_offset = -in2.zero_point;
    op->p.left_shift = 8;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t cmp_invoke(mote_kctx_t *ctx) {
  mote_bcast_t b;
  const void *in1, *in2;
  void *out;
  const cmp_op_t *op =
      (const cmp_op_t *)mote_bcast_invoke_data(ctx, &b, &in1, &in2, &out);
  uint8_t *o = (uint8_t *)out;
  switch (op->bc.type) {
  case MOTE_TYPE_BOOL:
    mote_compare_b8(&op->p, &b, (const uint8_t *)in1, (const uint8_t *)in2, o);
    break;
  case MOTE_TYPE_INT8:
    mote_compare_s8(&op->p, &b, (const int8_t *)in1, (const int8_t *)in2, o);
    break;
  case MOTE_TYPE_INT32:
    mote_compare_s32(&op->p, &b, (const int32_t *)in1, (const int32_t *)in2, o);
    break;
  case MOTE_TYPE_INT64:
    mote_compare_s64(&op->p, &b, (const int64_t *)in1, (const int64_t *)in2, o);
    break;
  default: /* float32 */
    mote_compare_f32(&op->p, &b, (const float *)in1, (const float *)in2, o);
    break;
  }
  return MOTE_OK;
}

/* One prepare per op, binding its kind; invoke is shared. */
#define CMP_KERNEL(kname, NAME, version, types, supported)                     \
  static mote_status_t kname##_prepare(mote_kctx_t *ctx) {                     \
    static const cmp_kind_t kind = {MOTE_CMP_##NAME, types, supported};        \
    return cmp_prepare(ctx, &kind);                                            \
  }                                                                            \
  const mote_kernel_t mote_kernel_##kname = {#NAME, version, kname##_prepare,  \
                                             cmp_invoke}

/* Versions as TFLite's: 2 int8, 3 and 4 (EQUAL: strings, int16) are
 * types TFLM lacks; the logical ops have one. */
CMP_KERNEL(equal, EQUAL, 4, CMP_EQ_TYPES,
           "EQUAL supports bool, float32, int32, int64 and int8");
CMP_KERNEL(not_equal, NOT_EQUAL, 4, CMP_EQ_TYPES,
           "NOT_EQUAL supports bool, float32, int32, int64 and int8");
CMP_KERNEL(less, LESS, 3, CMP_ORDER_TYPES,
           "LESS supports float32, int32, int64 and int8");
CMP_KERNEL(less_equal, LESS_EQUAL, 3, CMP_ORDER_TYPES,
           "LESS_EQUAL supports float32, int32, int64 and int8");
CMP_KERNEL(greater, GREATER, 3, CMP_ORDER_TYPES,
           "GREATER supports float32, int32, int64 and int8");
CMP_KERNEL(greater_equal, GREATER_EQUAL, 3, CMP_ORDER_TYPES,
           "GREATER_EQUAL supports float32, int32, int64 and int8");
CMP_KERNEL(logical_and, LOGICAL_AND, 1, CMP_BIT(BOOL),
           "LOGICAL_AND supports bool");
CMP_KERNEL(logical_or, LOGICAL_OR, 1, CMP_BIT(BOOL),
           "LOGICAL_OR supports bool");
