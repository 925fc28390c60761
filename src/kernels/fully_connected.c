/*
 * FULLY_CONNECTED: TFLite Micro's reference kernel, bit for bit.
 *
 * Prepare validates types and shapes, derives (batches, out_depth,
 * accum_depth) from the filter and output, and turns the scales into
 * fixed-point multipliers the way TFLite Micro does: per-tensor through
 * GetQuantizedConvolutionMultipler (float product of input and filter scale,
 * then double division, with its 2% bias-scale sanity check), per-channel
 * in double throughout. Per-channel multipliers live in persistent memory.
 * Invoke is a plain triple loop; no scratch, no reordering, so the integer
 * results are exact and float sums run in TFLite's order.
 *
 * Refused by name, as TFLite Micro would refuse or mis-handle them:
 * SHUFFLED4x16INT8 weights, sparse weights (version 8), hybrid float input
 * with int8 weights, int4 weights, nonzero filter zero points, and nonzero
 * int16 zero points (TFLite Micro ignores them).
 *
 * 16x8 has two accumulators, chosen by the bias type as TFLite Micro does:
 * int64 bias -> int64 sum and the 16-bit-multiplier single-rounding
 * requantization; int32 or no bias -> int32 sum and the usual int32
 * requantization. They can differ in the last bit.
 */
#include "kernels/fully_connected.h"

#include <stddef.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

/* TFLite's FullyConnectedOptionsWeightsFormat. */
#define WEIGHTS_FORMAT_DEFAULT 0

/* Requantization of output channel o: per-channel or per-tensor. */
static int32_t channel_mult(const mote_fc_params_t *p, int32_t o) {
  return p->channel_multiplier != NULL ? p->channel_multiplier[o]
                                       : p->output_multiplier;
}
static int32_t channel_shift(const mote_fc_params_t *p, int32_t o) {
  return p->channel_shift != NULL ? p->channel_shift[o] : p->output_shift;
}

void mote_fc_f32(const float *input, const float *filter, const float *bias,
                 float *output, int32_t batches, int32_t out_depth,
                 int32_t accum_depth, float act_min, float act_max) {
  int32_t b;
  int32_t o;
  int32_t d;
  for (b = 0; b < batches; ++b) {
    const float *in = input + (ptrdiff_t)b * accum_depth;
    for (o = 0; o < out_depth; ++o) {
      const float *w = filter + (ptrdiff_t)o * accum_depth;
      float total = 0.0f;
      for (d = 0; d < accum_depth; ++d) {
        total += in[d] * w[d];
      }
      output[(ptrdiff_t)b * out_depth + o] = mote_clamp_f32(
          total + (bias != NULL ? bias[o] : 0.0f), act_min, act_max);
    }
  }
}

void mote_fc_s8(const int8_t *input, const int8_t *filter,
                const int32_t *bias, int8_t *output, int32_t batches,
                int32_t out_depth, int32_t accum_depth,
                const mote_fc_params_t *p) {
  int32_t b;
  int32_t o;
  int32_t d;
  for (b = 0; b < batches; ++b) {
    const int8_t *in = input + (ptrdiff_t)b * accum_depth;
    for (o = 0; o < out_depth; ++o) {
      const int8_t *w = filter + (ptrdiff_t)o * accum_depth;
      /* Unsigned, so that a (never realistic) overflow wraps as TFLite
       * Micro's int32 sum does in practice instead of being undefined. */
      uint32_t acc = bias != NULL ? (uint32_t)bias[o] : 0u;
      int32_t scaled;
      for (d = 0; d < accum_depth; ++d) {
        acc += (uint32_t)((int32_t)w[d] * ((int32_t)in[d] + p->input_offset));
      }
      scaled = mote_mul_by_qmult((int32_t)acc, channel_mult(p, o),
                                 (int)channel_shift(p, o)) +
               p->output_offset;
      output[(ptrdiff_t)b * out_depth + o] =
          (int8_t)mote_clamp_i32(scaled, p->act_min, p->act_max);
    }
  }
}

/* Both 16x8 variants: the sum is formed exactly in int64; the int32
 * variant then takes it modulo 2^32, which is what TFLite Micro's int32
 * accumulator holds (it never overflows for realistic layers). */
static void fc_s16(const int16_t *input, const int8_t *filter,
                   const int64_t *bias64, const int32_t *bias32, int wide,
                   int16_t *output, int32_t batches, int32_t out_depth,
                   int32_t accum_depth, const mote_fc_params_t *p) {
  int32_t b;
  int32_t o;
  int32_t d;
  for (b = 0; b < batches; ++b) {
    const int16_t *in = input + (ptrdiff_t)b * accum_depth;
    for (o = 0; o < out_depth; ++o) {
      const int8_t *w = filter + (ptrdiff_t)o * accum_depth;
      int64_t acc = 0;
      int32_t scaled;
      for (d = 0; d < accum_depth; ++d) {
        acc += (int32_t)w[d] * (int32_t)in[d];
      }
      /* The bias last (the exact sum does not depend on the order), with
       * a wrapping add: a corrupt model's int64 bias can be anything. */
      acc = mote_add_wrap64(acc, bias64 != NULL ? bias64[o]
                                 : bias32 != NULL ? (int64_t)bias32[o]
                                                  : 0);
      scaled = wide ? mote_mul_by_qmult64(acc, channel_mult(p, o),
                                          (int)channel_shift(p, o))
                    : mote_mul_by_qmult((int32_t)(uint32_t)(uint64_t)acc,
                                        channel_mult(p, o),
                                        (int)channel_shift(p, o));
      output[(ptrdiff_t)b * out_depth + o] =
          (int16_t)mote_clamp_i32(scaled, p->act_min, p->act_max);
    }
  }
}

void mote_fc_s16(const int16_t *input, const int8_t *filter,
                 const int64_t *bias, int16_t *output, int32_t batches,
                 int32_t out_depth, int32_t accum_depth,
                 const mote_fc_params_t *p) {
  fc_s16(input, filter, bias, NULL, 1, output, batches, out_depth,
         accum_depth, p);
}

void mote_fc_s16_b32(const int16_t *input, const int8_t *filter,
                     const int32_t *bias, int16_t *output, int32_t batches,
                     int32_t out_depth, int32_t accum_depth,
                     const mote_fc_params_t *p) {
  fc_s16(input, filter, NULL, bias, 0, output, batches, out_depth,
         accum_depth, p);
}

/* --- kernel glue -------------------------------------------------------- */

typedef struct fc_op {
  mote_fc_params_t q;
  float act_min_f;
  float act_max_f;
  int32_t batches;
  int32_t out_depth;
  int32_t accum_depth;
  uint8_t type;      /* input / output type */
  uint8_t bias_type; /* MOTE_TYPE_COUNT_ when there is no bias */
} fc_op_t;

/* Checks the filter / bias / output shapes against the input and fills the
 * three loop bounds. */
static mote_status_t check_shapes(mote_kctx_t *ctx, const mote_tensor_t *in,
                                  const mote_tensor_t *filter,
                                  const mote_tensor_t *bias,
                                  const mote_tensor_t *out, bool keep_dims,
                                  fc_op_t *op) {
  int32_t in_elems = mote_tensor_elements(in);
  int i;
  if (filter->rank != 2 || filter->dims[0] <= 0 || filter->dims[1] <= 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 1 (weights) must be [units, depth], has "
                          "rank %u",
                          (unsigned)filter->rank);
  }
  op->out_depth = filter->dims[0];
  op->accum_depth = filter->dims[1];
  if (in_elems % op->accum_depth != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has %ld elements, not a multiple of the "
                          "weights' depth %ld",
                          (long)in_elems, (long)op->accum_depth);
  }
  op->batches = in_elems / op->accum_depth;
  if (out->rank < 1 || mote_tensor_dim(out, -1) != op->out_depth ||
      (int64_t)mote_tensor_elements(out) !=
          (int64_t)op->batches * (int64_t)op->out_depth) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 must hold %ld x %ld elements",
                          (long)op->batches, (long)op->out_depth);
  }
  if (keep_dims) {
    /* The output keeps the input's leading dimensions. */
    bool ok = out->rank == in->rank &&
              mote_tensor_dim(in, -1) == op->accum_depth;
    for (i = 0; ok && i + 1 < in->rank; ++i) {
      ok = in->dims[i] == out->dims[i];
    }
    if (!ok) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "keep_num_dims: output 0 must be input 0's shape "
                            "with the last dimension %ld",
                            (long)op->out_depth);
    }
  }
  if (bias != NULL && mote_tensor_elements(bias) != op->out_depth) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 2 (bias) has %ld elements, expected %ld",
                          (long)mote_tensor_elements(bias),
                          (long)op->out_depth);
  }
  return MOTE_OK;
}

/* Multipliers, activation range and offsets for int8 / int16. */
static mote_status_t prepare_quant(mote_kctx_t *ctx, const mote_tensor_t *in,
                                   const mote_tensor_t *filter,
                                   const mote_tensor_t *bias,
                                   const mote_tensor_t *out, int act,
                                   fc_op_t *op) {
  int shift = 0;
  int32_t o;
  mote_status_t st;
  if (!(in->scale > 0.0f) || !(out->scale > 0.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 0 and output 0 need a positive scale");
  }
  if (filter->zero_point != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 1 (weights) zero point must be 0, is %d",
                          (int)filter->zero_point);
  }
  if (filter->quant_count > 1) {
    uint32_t c;
    int32_t *mult;
    int32_t *shifts;
    void *mem = NULL;
    if (filter->quant_dim != 0 ||
        filter->quant_count != (uint32_t)op->out_depth) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "input 1 (weights) has %u scales along dimension "
                            "%d; expected %ld along 0",
                            (unsigned)filter->quant_count,
                            (int)filter->quant_dim, (long)op->out_depth);
    }
    st = mote_kctx_alloc_persistent(
        ctx, 2 * (size_t)op->out_depth * sizeof(int32_t), &mem);
    if (st != MOTE_OK) {
      return st;
    }
    mult = (int32_t *)mem;
    shifts = mult + op->out_depth;
    for (c = 0; c < filter->quant_count; ++c) {
      const double real = (double)in->scale *
                          (double)mote_tensor_channel_scale(filter, c) /
                          (double)out->scale;
      mote_quantize_multiplier(real, &mult[c], &shift);
      shifts[c] = shift;
    }
    op->q.channel_multiplier = mult;
    op->q.channel_shift = shifts;
  } else {
    /* Input and filter scales multiply in float, as TFLite does. */
    const double product = (double)(in->scale * filter->scale);
    if (bias != NULL) {
      const double diff = (double)in->scale * (double)filter->scale -
                          (double)bias->scale;
      const double abs_diff = diff < 0.0 ? -diff : diff;
      if (!(abs_diff / (double)out->scale <= 0.02)) {
        return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                              "input 2 (bias) scale differs from input x "
                              "weights scale by more than 2%% of an output "
                              "step");
      }
    }
    mote_quantize_multiplier(product / (double)out->scale,
                             &op->q.output_multiplier, &shift);
    op->q.output_shift = shift;
  }
  /* The requantizers' shift range: beyond it TFLite's own arithmetic is
   * undefined, so there is no byte pattern to match. */
  for (o = 0; o < op->out_depth; ++o) {
    if (channel_shift(&op->q, o) > 30) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "channel %ld rescale 2^%ld is too large", (long)o,
                            (long)channel_shift(&op->q, o));
    }
  }
  if (in->type == MOTE_TYPE_INT16) {
    if (in->zero_point != 0 || out->zero_point != 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "int16 zero points must be 0 (input %d, output %d)",
                            (int)in->zero_point, (int)out->zero_point);
    }
    if (op->bias_type == MOTE_TYPE_INT64) {
      /* TFLite's int64 requantization asserts shift < 8. */
      for (o = 0; o < op->out_depth; ++o) {
        if (channel_shift(&op->q, o) >= 8) {
          return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                                "16x8 rescale shift %d too large for int64 "
                                "bias (max 7)",
                                (int)channel_shift(&op->q, o));
        }
      }
    }
  }
  op->q.input_offset = -in->zero_point;
  op->q.output_offset = out->zero_point;
  st = mote_act_range_quant(act, (mote_type_t)out->type, out->scale,
                            out->zero_point, &op->q.act_min, &op->q.act_max);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "fused activation %d not supported", act);
  }
  return MOTE_OK;
}

/* Type combinations: input and output equal; float32 with float32 weights
 * and bias; int8 with int8 weights, int32 bias; int16 with int8 weights,
 * int64 or int32 bias. */
static mote_status_t check_types(mote_kctx_t *ctx, const mote_tensor_t *in,
                                 const mote_tensor_t *filter,
                                 const mote_tensor_t *bias,
                                 const mote_tensor_t *out) {
  const mote_type_t t = (mote_type_t)in->type;
  mote_status_t st;
  if ((st = mote_check_type(ctx, out, t, "output 0")) != MOTE_OK) {
    return st;
  }
  if (filter->type == MOTE_TYPE_INT4) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "int4 weights (input 1) are not supported");
  }
  if (t == MOTE_TYPE_FLOAT32 && filter->type != MOTE_TYPE_FLOAT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "hybrid float32 input with %s weights is not "
                          "supported",
                          mote_type_name((mote_type_t)filter->type));
  }
  if (t != MOTE_TYPE_FLOAT32 && t != MOTE_TYPE_INT8 && t != MOTE_TYPE_INT16) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; supported: float32, int8, "
                          "int16",
                          mote_type_name(t));
  }
  st = mote_check_type(ctx, filter,
                       t == MOTE_TYPE_FLOAT32 ? MOTE_TYPE_FLOAT32
                                              : MOTE_TYPE_INT8,
                       "input 1 (weights)");
  if (st != MOTE_OK || bias == NULL) {
    return st;
  }
  if (t == MOTE_TYPE_INT16 && bias->type == MOTE_TYPE_INT32) {
    return MOTE_OK;
  }
  return mote_check_type(ctx, bias,
                         t == MOTE_TYPE_FLOAT32 ? MOTE_TYPE_FLOAT32
                         : t == MOTE_TYPE_INT8  ? MOTE_TYPE_INT32
                                                : MOTE_TYPE_INT64,
                         "input 2 (bias)");
}

static mote_status_t fc_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in;
  mote_tensor_t filter;
  mote_tensor_t bias_t;
  mote_tensor_t out;
  const mote_tensor_t *bias = NULL;
  mote_options_t opt;
  fc_op_t *op;
  void *mem = NULL;
  int act;
  mote_status_t st;
  const uint32_t n_in = mote_kctx_input_count(ctx);
  if (n_in < 2 || n_in > 3 || mote_kctx_output_count(ctx) < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "needs 2 or 3 inputs and an output, has %u and %u",
                          n_in, mote_kctx_output_count(ctx));
  }
  if (mote_kctx_op_version(ctx) == 8) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "sparse weights (version 8) are not supported");
  }
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, &filter)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, 8, &opt)) != MOTE_OK) {
    return st;
  }
  if (n_in == 3) {
    if ((st = mote_kctx_input(ctx, 2, &bias_t)) != MOTE_OK) {
      return st;
    }
    if ((bias_t.flags & MOTE_TENSOR_ABSENT) == 0) {
      bias = &bias_t;
    }
  }
  if (mote_options_u8(&opt, 1, WEIGHTS_FORMAT_DEFAULT) !=
      WEIGHTS_FORMAT_DEFAULT) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "weights format %u (SHUFFLED4x16INT8) is not "
                          "supported",
                          (unsigned)mote_options_u8(&opt, 1, 0));
  }
  if ((st = check_types(ctx, &in, &filter, bias, &out)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (fc_op_t *)mem;
  op->type = in.type;
  op->bias_type = bias != NULL ? bias->type : (uint8_t)MOTE_TYPE_COUNT_;
  st = check_shapes(ctx, &in, &filter, bias, &out,
                    mote_options_bool(&opt, 2, false), op);
  if (st != MOTE_OK) {
    return st;
  }
  act = (int)mote_options_u8(&opt, 0, MOTE_ACT_NONE);
  if (in.type == MOTE_TYPE_FLOAT32) {
    if (mote_act_range_f32(act, &op->act_min_f, &op->act_max_f) != MOTE_OK) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "fused activation %d not supported", act);
    }
  } else {
    st = prepare_quant(ctx, &in, &filter, bias, &out, act, op);
    if (st != MOTE_OK) {
      return st;
    }
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t fc_invoke(mote_kctx_t *ctx) {
  const fc_op_t *op = (const fc_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  const void *filter = mote_kctx_input_data(ctx, 1);
  const void *bias =
      op->bias_type != MOTE_TYPE_COUNT_ ? mote_kctx_input_data(ctx, 2) : NULL;
  void *out = mote_kctx_output_data(ctx, 0);
  switch (op->type) {
  case MOTE_TYPE_FLOAT32:
    mote_fc_f32((const float *)in, (const float *)filter, (const float *)bias,
                (float *)out, op->batches, op->out_depth, op->accum_depth,
                op->act_min_f, op->act_max_f);
    break;
  case MOTE_TYPE_INT8:
    mote_fc_s8((const int8_t *)in, (const int8_t *)filter,
               (const int32_t *)bias, (int8_t *)out, op->batches, op->out_depth,
               op->accum_depth, &op->q);
    break;
  default:
    /* TFLite Micro runs a bias-less 16x8 layer on the int32 path too. */
    if (op->bias_type != MOTE_TYPE_INT64) {
      mote_fc_s16_b32((const int16_t *)in, (const int8_t *)filter,
                      (const int32_t *)bias, (int16_t *)out, op->batches,
                      op->out_depth, op->accum_depth, &op->q);
    } else {
      mote_fc_s16((const int16_t *)in, (const int8_t *)filter,
                  (const int64_t *)bias, (int16_t *)out, op->batches,
                  op->out_depth, op->accum_depth, &op->q);
    }
    break;
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_fully_connected = {"FULLY_CONNECTED", 11,
                                                   fc_prepare, fc_invoke};
