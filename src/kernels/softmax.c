/*
 * SOFTMAX: TFLite Micro's reference kernel, reproduced bit for bit.
 *
 * Prepare turns beta and the input scale into a fixed-point multiplier
 * (int8) or a multiplier plus two lookup tables (int16) in persistent
 * memory; invoke runs the framework-free row functions. The int8 path is
 * gemmlowp fixed point throughout (see fixedpoint.h); the int16 path uses
 * TFLite's 513-entry interpolating tables, generated with the same float
 * arithmetic as TFLite's LUTPopulate. The output quantization of the
 * integer variants is fixed by the TFLite spec and anything else is
 * refused, as TFLite Micro refuses it.
 *
 * Rejected: uint8 (TFLite Micro has no uint8 softmax), int16 -> int8, and
 * beta * input_scale too small for the int8 multiplier (TFLite aborts).
 */
#include "kernels/softmax.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

#include "kernels/core/fixedpoint.h"
#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* Integer bits of the scaled input difference (Q5.26) and of the sum of
 * exponentials (Q12.19). */
#define SCALED_DIFF_INT_BITS 5
#define ACCUM_INT_BITS 12

mote_status_t mote_softmax_params_s8(float beta, float input_scale,
                                     mote_softmax_params_t *p) {
  const double max_real = 2147483647.0; /* 2^31 - 1 */
  double real = (double)beta * (double)input_scale *
                (double)(1 << (31 - SCALED_DIFF_INT_BITS));
  int shift = 0;
  double radius;
  if (real > max_real) {
    real = max_real;
  }
  if (!(real > 1.0)) {
    return MOTE_ERR_UNSUPPORTED;
  }
  mote_quantize_multiplier(real, &p->input_multiplier, &shift);
  p->input_left_shift = shift;
  /* Largest input difference whose rescaled value still fits in Q5.26,
   * floored so the rescale cannot overflow. */
  radius = floor((double)((1 << SCALED_DIFF_INT_BITS) - 1) *
                 (double)((int64_t)1 << (31 - SCALED_DIFF_INT_BITS)) /
                 (double)((int64_t)1 << shift));
  p->diff_min = -(int32_t)radius;
  return MOTE_OK;
}

mote_status_t mote_softmax_params_s16(float beta, float input_scale,
                                      mote_softmax_params_t *p) {
  int shift = 0;
  const double real =
      (double)input_scale * (double)beta / (10.0 / 65535.0);
  mote_quantize_multiplier(real, &p->input_multiplier, &shift);
  p->input_left_shift = shift;
  p->diff_min = 0;
  /* A left shift past 30 overflows the rescale (undefined in TFLite). */
  return shift > 30 ? MOTE_ERR_UNSUPPORTED : MOTE_OK;
}

static float exp_f(float x) { return expf(x); }
static float one_over_one_plus_f(float x) { return 1.0f / (1.0f + x); }

void mote_softmax_luts_s16(int16_t *exp_lut, int16_t *recip_lut) {
  /* exp over [-10, 0] and 1 / (1 + x) over [0, 1], both onto [-1, 1],
   * expressed as int16 quantizations the way TFLite states them. */
  const float range = 65535.0f;
  mote_lut16_populate(10.0f / range, INT16_MAX, 2.0f / range, 0, exp_f,
                      exp_lut);
  mote_lut16_populate(1.0f / range, INT16_MIN, 2.0f / range, 0,
                      one_over_one_plus_f, recip_lut);
}

void mote_softmax_f32(const float *input, float *output, int32_t outer,
                      int32_t depth, float beta) {
  int32_t i;
  int32_t c;
  for (i = 0; i < outer; ++i) {
    const float *in = input + (ptrdiff_t)i * depth;
    float *out = output + (ptrdiff_t)i * depth;
    float max = -FLT_MAX;
    float sum = 0.0f;
    for (c = 0; c < depth; ++c) {
      max = max < in[c] ? in[c] : max;
    }
    for (c = 0; c < depth; ++c) {
      out[c] = expf((in[c] - max) * beta);
      sum += out[c];
    }
    for (c = 0; c < depth; ++c) {
      out[c] = out[c] / sum;
    }
  }
}

/* exp(diff * beta * scale) in Q0.31 for an int8 difference to the row max. */
static int32_t exp_of_diff_s8(int32_t diff, const mote_softmax_params_t *p) {
  const int32_t rescaled =
      mote_mul_by_quant_mult_gt1(diff, p->input_multiplier, p->input_left_shift);
  return mote_fp_exp_on_negative_values(rescaled, SCALED_DIFF_INT_BITS);
}

/* One int8 row into int8 (out8) or int16 (out16) of `out_bits` bits. */
static mote_status_t softmax_s8_row(const int8_t *in, int8_t *out8,
                                    int16_t *out16, int out_bits,
                                    int32_t depth,
                                    const mote_softmax_params_t *p) {
  const int32_t out_min = out_bits == 8 ? INT8_MIN : INT16_MIN;
  const int32_t out_max = out_bits == 8 ? INT8_MAX : INT16_MAX;
  int32_t max = INT8_MIN;
  int64_t sum = 0; /* Q12.19 */
  int32_t scale;
  int bits_over_unit = 0;
  int exponent;
  int32_t c;
  for (c = 0; c < depth; ++c) {
    max = in[c] > max ? in[c] : max;
  }
  for (c = 0; c < depth; ++c) {
    const int32_t diff = (int32_t)in[c] - max;
    if (diff >= p->diff_min) {
      sum += mote_fp_rescale(exp_of_diff_s8(diff, p), 0, ACCUM_INT_BITS);
    }
  }
  /* TFLite keeps the sum in int32 and checks the final shift; beyond
   * either it has no defined answer. */
  if (sum > INT32_MAX) {
    return MOTE_ERR_KERNEL;
  }
  scale = mote_fp_reciprocal((int32_t)sum, ACCUM_INT_BITS, &bits_over_unit);
  exponent = bits_over_unit + 31 - out_bits;
  if (exponent < 0 || exponent > 31) {
    return MOTE_ERR_KERNEL;
  }
  for (c = 0; c < depth; ++c) {
    const int32_t diff = (int32_t)in[c] - max;
    int32_t v = out_min;
    if (diff >= p->diff_min) {
      const int32_t prob = mote_rounding_shift_right(
          mote_doubling_high_mul(scale, exp_of_diff_s8(diff, p)), exponent);
      v = mote_clamp_i32(prob + out_min, out_min, out_max);
    }
    if (out8 != NULL) {
      out8[c] = (int8_t)v;
    } else {
      out16[c] = (int16_t)v;
    }
  }
  return MOTE_OK;
}

/* Rows of int8 input into int8 (out8) or int16 (out16) outputs. */
static mote_status_t softmax_s8_rows(const int8_t *input, int8_t *out8,
                                     int16_t *out16, int32_t outer,
                                     int32_t depth,
                                     const mote_softmax_params_t *p) {
  mote_status_t st = MOTE_OK;
  int32_t i;
  for (i = 0; i < outer && st == MOTE_OK; ++i) {
    const ptrdiff_t row = (ptrdiff_t)i * depth;
    st = softmax_s8_row(input + row, out8 != NULL ? out8 + row : NULL,
                        out16 != NULL ? out16 + row : NULL,
                        out8 != NULL ? 8 : 16, depth, p);
  }
  return st;
}

mote_status_t mote_softmax_s8(const int8_t *input, int8_t *output,
                              int32_t outer, int32_t depth,
                              const mote_softmax_params_t *p) {
  return softmax_s8_rows(input, output, NULL, outer, depth, p);
}

mote_status_t mote_softmax_s8_s16(const int8_t *input, int16_t *output,
                                  int32_t outer, int32_t depth,
                                  const mote_softmax_params_t *p) {
  return softmax_s8_rows(input, NULL, output, outer, depth, p);
}

mote_status_t mote_softmax_s16(const int16_t *input, int16_t *output,
                               int32_t outer, int32_t depth,
                               const mote_softmax_params_t *p,
                               const int16_t *exp_lut,
                               const int16_t *recip_lut) {
  int32_t i;
  int32_t c;
  for (i = 0; i < outer; ++i) {
    const int16_t *in = input + (ptrdiff_t)i * depth;
    int16_t *out = output + (ptrdiff_t)i * depth; /* exps first, Q0.15 */
    int32_t max = INT16_MIN;
    int64_t sum = 0; /* Q16.15 */
    int headroom_plus_one;
    int right_shift;
    int32_t shifted_sum;
    int16_t recip;
    for (c = 0; c < depth; ++c) {
      max = in[c] > max ? in[c] : max;
    }
    for (c = 0; c < depth; ++c) {
      /* [-65535, 0] covers exp's table domain [-10, 0]; recentered on the
       * table's int16 input. */
      const int32_t scaled = mote_mul_by_quant_mult(
          (int32_t)in[c] - max, p->input_multiplier, p->input_left_shift);
      const int32_t sym = mote_clamp_i32(scaled + 32767, INT16_MIN, INT16_MAX);
      out[c] = mote_lut16_lookup((int16_t)sym, exp_lut);
      sum += out[c];
    }
    if (sum <= 1 || sum > INT32_MAX) {
      return MOTE_ERR_KERNEL;
    }
    /* Normalize the sum to [1, 2) as Q1.15 (rounded), then look up
     * 1 / (1 + (sum - 1)) with the table's input recentered to int16. */
    headroom_plus_one = mote_clz32((uint32_t)sum);
    shifted_sum = (int32_t)((((int64_t)sum << (headroom_plus_one - 1)) +
                             (1 << 13)) >> 14);
    recip = mote_lut16_lookup(
        (int16_t)mote_clamp_i32(shifted_sum - ((1 << 15) + (1 << 16)),
                                INT16_MIN, INT16_MAX),
        recip_lut);
    right_shift = 31 - headroom_plus_one;
    for (c = 0; c < depth; ++c) {
      const int64_t prod = (int64_t)out[c] * (int64_t)recip +
                           ((int64_t)1 << (right_shift - 1));
      out[c] = (int16_t)mote_clamp_i32((int32_t)(prod >> right_shift), 0,
                                       INT16_MAX);
    }
  }
  return MOTE_OK;
}

/* --- kernel glue -------------------------------------------------------- */

typedef struct softmax_op {
  mote_softmax_params_t q;
  float beta;
  int32_t depth; /* row length: the innermost dimension */
  int32_t outer; /* rows */
  uint8_t in_type;
  uint8_t out_type;
  /* int16 input only: exp table then 1 / (1 + x) table, each
   * MOTE_LUT16_SIZE entries; NULL otherwise. */
  int16_t *luts;
} softmax_op_t;

static bool same_shape(const mote_tensor_t *a, const mote_tensor_t *b) {
  int i;
  if (a->rank != b->rank) {
    return false;
  }
  for (i = 0; i < a->rank; ++i) {
    if (a->dims[i] != b->dims[i]) {
      return false;
    }
  }
  return true;
}

/* TF_LITE_ENSURE_NEAR in float. */
static bool near_f(float a, float b, float eps) {
  const float d = a > b ? a - b : b - a;
  return !(d > eps);
}

static mote_status_t check_quant(mote_kctx_t *ctx, const mote_tensor_t *in,
                                 const mote_tensor_t *out) {
  if (in->type == MOTE_TYPE_INT16) {
    if (out->type != MOTE_TYPE_INT16) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                            "int16 input needs an int16 output, not %s",
                            mote_type_name((mote_type_t)out->type));
    }
    if (in->zero_point != 0 || out->zero_point != 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 zero points must be 0 (input %d, output %d)",
                            (int)in->zero_point, (int)out->zero_point);
    }
    if (!near_f(out->scale, 1.0f / 32768, 0.001f * 1.0f / 32768)) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 output scale must be 1/32768");
    }
    return MOTE_OK;
  }
  if (out->type == MOTE_TYPE_INT16) {
    if (out->zero_point != -32768 ||
        !near_f(out->scale, 1.0f / 65536, 0.001f * 1.0f / 65536)) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 output of int8 input needs scale 1/65536 "
                            "and zero point -32768 (has %d)",
                            (int)out->zero_point);
    }
    return MOTE_OK;
  }
  if (out->type != MOTE_TYPE_INT8) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "int8 input needs an int8 or int16 output, not %s",
                          mote_type_name((mote_type_t)out->type));
  }
  if (out->zero_point != -128 || out->scale != 1.0f / 256) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int8 output needs scale 1/256 and zero point -128 "
                          "(has %d)", (int)out->zero_point);
  }
  return MOTE_OK;
}

static mote_status_t softmax_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in;
  mote_tensor_t out;
  mote_options_t opt;
  softmax_op_t *op;
  void *mem = NULL;
  mote_status_t st;
  if (mote_kctx_input_count(ctx) != 1 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "needs 1 input and 1 output, has %u and %u",
                          mote_kctx_input_count(ctx),
                          mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, 9, &opt)) != MOTE_OK) {
    return st;
  }
  if (in.rank < 1 || !same_shape(&in, &out)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (rank %u) and output 0 (rank %u) must have "
                          "the same shape of rank >= 1",
                          (unsigned)in.rank, (unsigned)out.rank);
  }
  st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem);
  if (st != MOTE_OK) {
    return st;
  }
  op = (softmax_op_t *)mem;
  op->beta = mote_options_f32(&opt, 0, 0.0f);
  op->depth = mote_tensor_dim(&in, -1);
  op->outer = op->depth > 0 ? mote_tensor_elements(&in) / op->depth : 0;
  op->in_type = in.type;
  op->out_type = out.type;
  switch (in.type) {
  case MOTE_TYPE_FLOAT32:
    st = mote_check_type(ctx, &out, MOTE_TYPE_FLOAT32, "output 0");
    break;
  case MOTE_TYPE_INT8:
    st = check_quant(ctx, &in, &out);
    if (st == MOTE_OK &&
        mote_softmax_params_s8(op->beta, in.scale, &op->q) != MOTE_OK) {
      st = mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "beta * input scale * 2^26 must exceed 1 for int8");
    }
    break;
  case MOTE_TYPE_INT16:
    st = check_quant(ctx, &in, &out);
    if (st == MOTE_OK) {
      st = mote_kctx_alloc_persistent(
          ctx, 2 * MOTE_LUT16_SIZE * sizeof(int16_t), &mem);
    }
    if (st == MOTE_OK) {
      op->luts = (int16_t *)mem;
      mote_softmax_luts_s16(op->luts, op->luts + MOTE_LUT16_SIZE);
      if (mote_softmax_params_s16(op->beta, in.scale, &op->q) != MOTE_OK) {
        st = mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "beta * int16 input scale too large");
      }
    }
    break;
  default:
    st = mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                        "input 0 has type %s; supported: float32, int8, int16",
                        mote_type_name((mote_type_t)in.type));
    break;
  }
  if (st == MOTE_OK) {
    mote_kctx_set_user_data(ctx, op);
  }
  return st;
}

static mote_status_t softmax_invoke(mote_kctx_t *ctx) {
  const softmax_op_t *op = (const softmax_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  mote_status_t st;
  switch (op->in_type) {
  case MOTE_TYPE_FLOAT32:
    mote_softmax_f32((const float *)in, (float *)out, op->outer, op->depth,
                     op->beta);
    return MOTE_OK;
  case MOTE_TYPE_INT8:
    st = op->out_type == MOTE_TYPE_INT8
             ? mote_softmax_s8((const int8_t *)in, (int8_t *)out, op->outer,
                               op->depth, &op->q)
             : mote_softmax_s8_s16((const int8_t *)in, (int16_t *)out,
                                   op->outer, op->depth, &op->q);
    break;
  default:
    st = mote_softmax_s16((const int16_t *)in, (int16_t *)out, op->outer,
                          op->depth, &op->q, op->luts,
                          op->luts + MOTE_LUT16_SIZE);
    break;
  }
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st,
                          "sum of exponentials out of range in a row of %d",
                          (int)op->depth);
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_softmax = {"SOFTMAX", 3, softmax_prepare,
                                           softmax_invoke};
