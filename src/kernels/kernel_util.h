/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the kernels' glue shares: TFLite's fused activation and padding
 * codes, activation ranges, output sizes and padding, operand checks. It
 * includes core/requant.h, the arithmetic compute functions share, so
 * that glue computing multipliers needs one include.
 *
 * Everything follows TFLite's reference kernels exactly, because
 * conformance is byte-for-byte against TFLite Micro.
 */
#ifndef MOTE_KERNEL_UTIL_H
#define MOTE_KERNEL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/core/requant.h"
#include "mote/kernel.h"
#include "mote/tensor.h"

/* TFLite's fused activation codes. */
enum {
  MOTE_ACT_NONE = 0,
  MOTE_ACT_RELU = 1,
  MOTE_ACT_RELU_N1_TO_1 = 2,
  MOTE_ACT_RELU6 = 3,
  MOTE_ACT_TANH = 4,
  MOTE_ACT_SIGN_BIT = 5
};

/* TFLite's Padding enum. */
enum { MOTE_PADDING_SAME = 0, MOTE_PADDING_VALID = 1 };

/* TFLite CalculateActivationRangeQuantized for an output of `type`
 * (int8/int16/uint8). MOTE_ERR_UNSUPPORTED for TANH / SIGN_BIT. */
mote_status_t mote_act_range_quant(int act, mote_type_t type, float scale,
                                   int32_t zero_point, int32_t *min,
                                   int32_t *max);
/* TFLite CalculateActivationRange for float. */
mote_status_t mote_act_range_f32(int act, float *min, float *max);
/* TFLite CalculateActivationRange<int32_t>: RELU [0, max], RELU6 [0, 6],
 * RELU_N1_TO_1 [-1, 1]. MOTE_ERR_UNSUPPORTED for TANH / SIGN_BIT. */
mote_status_t mote_act_range_i32(int act, int32_t *min, int32_t *max);

/* Output size for SAME / VALID padding (TFLite ComputeOutSize). Returns 0
 * for a bad combination, including one where in + stride or in + the
 * dilated filter extent does not fit int32. */
int32_t mote_conv_out_size(int padding, int32_t in, int32_t filter,
                           int32_t stride, int32_t dilation);
/* TFLite ComputePaddingWithOffset: padding before, and the odd extra. */
int32_t mote_conv_padding(int32_t stride, int32_t dilation, int32_t in,
                          int32_t filter, int32_t out, int32_t *offset);

static inline float mote_clamp_f32(float v, float lo, float hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

/* Checks the operator has exactly `inputs` inputs and `outputs` outputs,
 * or fails with MOTE_ERR_BAD_SHAPE: "expects 2 inputs and 1 output, has 3
 * and 1". */
mote_status_t mote_check_io_count(mote_kctx_t *ctx, uint32_t inputs,
                                  uint32_t outputs);

/* Requests `bytes` of arena scratch for this operator's invoke and sets
 * *index to its handle, or to -1 (for which mote_scratch_if() gives NULL)
 * when `bytes` is 0. Errors as mote_kctx_request_scratch(). Inline: with
 * the reference bound, `bytes` is a constant 0 and no scratch code is
 * linked at all. */
static inline mote_status_t
mote_request_scratch_if(mote_kctx_t *ctx, size_t bytes, int32_t *index) {
  *index = -1;
  return bytes == 0 ? MOTE_OK : mote_kctx_request_scratch(ctx, bytes, index);
}

/* At invoke: the scratch buffer of a handle from mote_request_scratch_if,
 * or NULL for -1 (without a call: most layers have none). */
static inline void *mote_scratch_if(const mote_kctx_t *ctx, int32_t index) {
  return index < 0 ? NULL : mote_kctx_scratch(ctx, index);
}

/*
 * For an element-wise operator: when input `input` (`in`) has the
 * output's size and element count, so that output element i depends on
 * its element i alone, lets the planner put the output over it where it
 * dies here (mote_kctx_request_share at 0). Every implementation of such
 * an op must read element i before it writes output element i and never
 * read an element below i after writing i: the plain loops do. Errors as
 * mote_kctx_request_share.
 */
mote_status_t mote_request_share_elementwise(mote_kctx_t *ctx, uint32_t input,
                                             const mote_tensor_t *in,
                                             const mote_tensor_t *out);

/* QuantizeMultiplier of `real` into *multiplier and *shift, or
 * MOTE_ERR_UNSUPPORTED through mote_kctx_fail() naming `what` ("input 0")
 * when the shift is above 30, past mote_mul_by_quant_mult's range. */
mote_status_t mote_quantize_multiplier_checked(mote_kctx_t *ctx, double real,
                                               const char *what,
                                               int32_t *multiplier,
                                               int32_t *shift);

/* Bit of `type` in a set of types (mote_bcast_prepare()'s `types`,
 * mote_act_check_io()'s). */
#define MOTE_TYPE_BIT(type) (1u << (unsigned)(type))

/* mote_check_io_count, then input 0 into *in and output 0 into *out;
 * errors as those calls. */
mote_status_t mote_check_io_first(mote_kctx_t *ctx, uint32_t inputs,
                                  uint32_t outputs, mote_tensor_t *in,
                                  mote_tensor_t *out);

/* Checks `t`'s type is in `types` (MOTE_TYPE_BIT set) or fails with
 * MOTE_ERR_UNSUPPORTED_TYPE naming the role ("input 0"), the tensor
 * index and the type. */
mote_status_t mote_check_type_in(mote_kctx_t *ctx, const mote_tensor_t *t,
                                 uint32_t types, const char *role);

/* Checks `t` has `type` or fails naming the role ("input 0") and types. */
mote_status_t mote_check_type(mote_kctx_t *ctx, const mote_tensor_t *t,
                              mote_type_t type, const char *role);

/* Whether a and b have the same rank and extents. */
bool mote_same_shape(const mote_tensor_t *a, const mote_tensor_t *b);

/* For ops over rows of the innermost dimension (LOG_SOFTMAX,
 * L2_NORMALIZATION): checks `in` has rank 1 or more and `out` its shape,
 * or fails with MOTE_ERR_BAD_SHAPE; sets *depth to the innermost extent
 * and *outer to the number of rows (0 when depth is 0). */
mote_status_t mote_check_rows(mote_kctx_t *ctx, const mote_tensor_t *in,
                              const mote_tensor_t *out, int32_t *outer,
                              int32_t *depth);

#endif /* MOTE_KERNEL_UTIL_H */
