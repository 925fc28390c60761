/*
 * Shared arithmetic for the reference kernels: TFLite's fixed-point
 * requantization, activation ranges and padding.
 *
 * These follow TFLite's quantization spec and reference kernels exactly
 * (gemmlowp-style double rounding: a saturating rounding doubling high
 * multiply followed by a rounding right shift), because conformance is
 * byte-for-byte against TFLite Micro.
 */
#ifndef MOTE_KERNEL_UTIL_H
#define MOTE_KERNEL_UTIL_H

#include <stdbool.h>
#include <stdint.h>

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

/* gemmlowp SaturatingRoundingDoublingHighMul. */
int32_t mote_srdhm(int32_t a, int32_t b);
/* gemmlowp RoundingDivideByPOT (round half away from zero); 0 <= exponent <= 31. */
int32_t mote_rdbpot(int32_t x, int exponent);
/* TFLite MultiplyByQuantizedMultiplier(int32 x, multiplier, shift). */
int32_t mote_mul_by_qmult(int32_t x, int32_t multiplier, int shift);
/* TFLite MultiplyByQuantizedMultiplier(int64 x, multiplier, shift), as used
 * by the 16x8 kernels. */
int32_t mote_mul_by_qmult64(int64_t x, int32_t multiplier, int shift);
/* TFLite MultiplyByQuantizedMultiplierSmallerThanOneExp. */
int32_t mote_mul_by_qmult_lt1(int32_t x, int32_t multiplier, int left_shift);
/* TFLite MultiplyByQuantizedMultiplierGreaterThanOne. */
int32_t mote_mul_by_qmult_gt1(int32_t x, int32_t multiplier, int left_shift);

/* TFLite QuantizeMultiplier: real = multiplier * 2^(shift - 31). The
 * shift is not bounded above (a large real gives a large shift) and is
 * MOTE_QMULT_BAD_SHIFT for an infinite or NaN real: callers check it
 * against the range their requantizer supports. */
void mote_quantize_multiplier(double real, int32_t *multiplier, int *shift);
#define MOTE_QMULT_BAD_SHIFT 10000

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

static inline int32_t mote_clamp_i32(int32_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}
/* a + b modulo 2^64, for adding an int64 bias to an accumulator: a
 * corrupt model can store any bias, and TFLite's plain sum would then
 * overflow (undefined) where this wraps. */
static inline int64_t mote_add_wrap64(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a + (uint64_t)b);
}

static inline float mote_clamp_f32(float v, float lo, float hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

/* Checks the operator has exactly `inputs` inputs and `outputs` outputs,
 * or fails with MOTE_ERR_BAD_SHAPE: "expects 2 inputs and 1 output, has 3
 * and 1". */
mote_status_t mote_check_io_count(mote_kctx_t *ctx, uint32_t inputs,
                                  uint32_t outputs);

/* Checks `t` has `type` or fails naming the role ("input 0") and types. */
mote_status_t mote_check_type(mote_kctx_t *ctx, const mote_tensor_t *t,
                              mote_type_t type, const char *role);

#endif /* MOTE_KERNEL_UTIL_H */
