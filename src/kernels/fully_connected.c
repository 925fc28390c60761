/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FULLY_CONNECTED glue: TFLite Micro's prepare, then the compute function
 * of fully_connected.h (whichever implementation the build binds).
 *
 * Prepare validates types and shapes, derives (batches, out_depth,
 * accum_depth) from the filter and output, and turns the scales into
 * fixed-point multipliers the way TFLite Micro does: per-tensor through
 * GetQuantizedConvolutionMultipler (float product of input and filter scale,
 * then double division, with its 2% bias-scale sanity check), per-channel
 * in double throughout. Multipliers live in persistent memory (one entry
 * when the filter has one scale); scratch, if the implementation wants
 * any, is requested from the planner.
 *
 * Refused by name, as TFLite Micro would refuse or mis-handle them:
 * SHUFFLED4x16INT8 weights, sparse weights (version 8), hybrid float input
 * with int8 weights, int4 weights, nonzero filter zero points, and nonzero
 * int16 zero points (TFLite Micro ignores them).
 *
 * Compiled a second time with MOTE_KERNEL_INT4 (fully_connected_int4.c)
 * as mote_kernel_fully_connected_int4: the same kernel, plus int8 input
 * with constant packed int4 weights, per-tensor (TFLM refuses per-channel
 * int4 weights), unpacked into scratch at every invoke (kernels/int4.h).
 * The plain kernel carries none of that code.
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
#ifdef MOTE_KERNEL_INT4
#include "kernels/int4.h"
#endif

/* TFLite's FullyConnectedOptionsWeightsFormat. */
#define WEIGHTS_FORMAT_DEFAULT 0

/* --- kernel glue -------------------------------------------------------- */

/* The compute variant, and a flag for a bias, in fc_op_t.kind. */
enum { FC_F32 = 0, FC_S8 = 1, FC_S16 = 2, FC_S16_B32 = 3, FC_HAS_BIAS = 4 };
#ifdef MOTE_KERNEL_INT4
/* int4 weights (the int4 variant only): the scratch buffer is the
 * implementation's scratch, then the unpacked weights from
 * mote_int4_offset() on. A flag, not a field, so that the variant's
 * layers take the arena the plain kernel's do. */
#define FC_INT4 8
#endif

/* Per-operator state, in persistent memory; packed so that a layer costs
 * no more arena than it must (60 bytes on 32-bit targets). A per-tensor
 * filter's one multiplier lives here, not in a separate allocation. */
typedef struct fc_op {
  mote_fc_params_t p;
  int32_t mult1;   /* per-tensor multiplier, p.out.rq.multiplier points here */
  int16_t scratch; /* scratch buffer index, or -1 for none */
  int8_t shift1;   /* per-tensor shift, p.out.rq.shift points here */
  uint8_t kind;    /* FC_F32 .. FC_S16_B32, | FC_HAS_BIAS */
} fc_op_t;

static int fc_variant(const fc_op_t *op) { return op->kind & 3; }

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
  op->p.out_depth = filter->dims[0];
  op->p.accum_depth = filter->dims[1];
  if (in_elems % op->p.accum_depth != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 has %ld elements, not a multiple of the "
                          "weights' depth %ld",
                          (long)in_elems, (long)op->p.accum_depth);
  }
  op->p.batches = in_elems / op->p.accum_depth;
  if (out->rank < 1 || mote_tensor_dim(out, -1) != op->p.out_depth ||
      (int64_t)mote_tensor_elements(out) !=
          (int64_t)op->p.batches * (int64_t)op->p.out_depth) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 must hold %ld x %ld elements",
                          (long)op->p.batches, (long)op->p.out_depth);
  }
  if (keep_dims) {
    /* The output keeps the input's leading dimensions. */
    bool ok = out->rank == in->rank &&
              mote_tensor_dim(in, -1) == op->p.accum_depth;
    for (i = 0; ok && i + 1 < in->rank; ++i) {
      ok = in->dims[i] == out->dims[i];
    }
    if (!ok) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "keep_num_dims: output 0 must be input 0's shape "
                            "with the last dimension %ld",
                            (long)op->p.out_depth);
    }
  }
  if (bias != NULL && mote_tensor_elements(bias) != op->p.out_depth) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 2 (bias) has %ld elements, expected %ld",
                          (long)mote_tensor_elements(bias),
                          (long)op->p.out_depth);
  }
  return MOTE_OK;
}

/* TFLite's sanity check of a per-tensor bias scale: within 2% of an
 * output step of input x weights. */
static mote_status_t check_bias_scale(mote_kctx_t *ctx,
                                      const mote_tensor_t *in,
                                      const mote_tensor_t *filter,
                                      const mote_tensor_t *bias,
                                      const mote_tensor_t *out) {
  const double diff =
      (double)in->scale * (double)filter->scale - (double)bias->scale;
  const double abs_diff = diff < 0.0 ? -diff : diff;
  if (abs_diff / (double)out->scale <= 0.02) {
    return MOTE_OK;
  }
  return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                        "input 2 (bias) scale differs from input x weights "
                        "scale by more than 2%% of an output step");
}

/* Multipliers and shifts into persistent memory: one entry per output
 * row for a per-channel filter, else one. Per-tensor, the input and
 * filter scales multiply in float, as TFLite's
 * GetQuantizedConvolutionMultipler; per-channel in double. `max_shift` is
 * the requantizer's limit: beyond it TFLite's own arithmetic is undefined,
 * so there is no byte pattern to match. */
static mote_status_t store_multipliers(mote_kctx_t *ctx,
                                       const mote_tensor_t *in,
                                       const mote_tensor_t *filter,
                                       const mote_tensor_t *out,
                                       int max_shift, fc_op_t *op) {
  const int32_t n = filter->quant_count > 1 ? op->p.out_depth : 1;
  int32_t *mult = &op->mult1;
  int8_t *shifts = &op->shift1;
  int32_t c;
  if (n > 1) {
    void *mem = NULL;
    mote_status_t st = mote_kctx_alloc_persistent(
        ctx, (size_t)n * (sizeof(int32_t) + sizeof(int8_t)), &mem);
    if (st != MOTE_OK) {
      return st;
    }
    mult = (int32_t *)mem;
    shifts = (int8_t *)(mult + n);
  }
  for (c = 0; c < n; ++c) {
    const double real =
        n > 1 ? (double)in->scale *
                    (double)mote_tensor_channel_scale(filter, (uint32_t)c) /
                    (double)out->scale
              : (double)(in->scale * filter->scale) / (double)out->scale;
    int shift = 0;
    mote_quantize_multiplier(real, &mult[c], &shift);
    if (shift > max_shift) {
      return max_shift < 30
                 ? mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                                  "16x8 rescale shift %d too large for int64 "
                                  "bias (max 14)",
                                  shift)
                 : mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                                  "channel %ld rescale 2^%ld is too large",
                                  (long)c, (long)shift);
    }
    shifts[c] = (int8_t)shift; /* >= -31: mote_quantize_multiplier */
  }
  op->p.out.rq.multiplier = mult;
  op->p.out.rq.shift = shifts;
  op->p.out.rq.per_channel = n > 1;
  return MOTE_OK;
}

/* Multipliers, activation range and offsets for int8 / int16. */
static mote_status_t prepare_quant(mote_kctx_t *ctx, const mote_tensor_t *in,
                                   const mote_tensor_t *filter,
                                   const mote_tensor_t *bias,
                                   const mote_tensor_t *out, int act,
                                   fc_op_t *op) {
  const bool int64_bias = fc_variant(op) == FC_S16;
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
  if (filter->quant_count > 1 &&
      (filter->quant_dim != 0 ||
       filter->quant_count != (uint32_t)op->p.out_depth)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input 1 (weights) has %u scales along dimension "
                          "%d; expected %ld along 0",
                          (unsigned)filter->quant_count,
                          (int)filter->quant_dim, (long)op->p.out_depth);
  }
  if (filter->quant_count <= 1 && bias != NULL &&
      (st = check_bias_scale(ctx, in, filter, bias, out)) != MOTE_OK) {
    return st;
  }
  /* TFLite's int64 requantization is defined up to shift 14 (requant.h). */
  st = store_multipliers(ctx, in, filter, out, int64_bias ? 14 : 30, op);
  if (st != MOTE_OK) {
    return st;
  }
  if (in->type == MOTE_TYPE_INT16 &&
      (in->zero_point != 0 || out->zero_point != 0)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "int16 zero points must be 0 (input %d, output %d)",
                          (int)in->zero_point, (int)out->zero_point);
  }
  op->p.input_offset = -in->zero_point;
  op->p.out.rq.output_offset = out->zero_point;
  st = mote_act_range_quant(act, (mote_type_t)out->type, out->scale,
                            out->zero_point, &op->p.out.rq.act_min,
                            &op->p.out.rq.act_max);
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
                          "input 1 (weights) is int4: register "
                          "mote_kernel_fully_connected_int4");
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

/* The operator's tensors: *bias is NULL when it has none. */
static mote_status_t get_tensors(mote_kctx_t *ctx, mote_tensor_t *in,
                                 mote_tensor_t *filter, mote_tensor_t *bias_t,
                                 const mote_tensor_t **bias,
                                 mote_tensor_t *out) {
  const uint32_t n_in = mote_kctx_input_count(ctx);
  mote_status_t st;
  *bias = NULL;
  if (n_in < 2 || n_in > 3 || mote_kctx_output_count(ctx) < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "needs 2 or 3 inputs and an output, has %u and %u",
                          n_in, mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, in)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, filter)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, out)) != MOTE_OK) {
    return st;
  }
  if (n_in == 3) {
    if ((st = mote_kctx_input(ctx, 2, bias_t)) != MOTE_OK) {
      return st;
    }
    if ((bias_t->flags & MOTE_TENSOR_ABSENT) == 0) {
      *bias = bias_t;
    }
  }
  return MOTE_OK;
}

/* The compute variant of a layer: 16x8 takes the int64 path only with an
 * int64 bias (TFLite Micro runs a bias-less layer on the int32 path). */
static uint8_t variant_of(const mote_tensor_t *in, const mote_tensor_t *bias) {
  switch (in->type) {
  case MOTE_TYPE_FLOAT32:
    return FC_F32;
  case MOTE_TYPE_INT8:
    return FC_S8;
  default:
    return bias != NULL && bias->type == MOTE_TYPE_INT64 ? FC_S16
                                                          : FC_S16_B32;
  }
}

/* int8: what the bound implementation derives from a constant filter and
 * bias once (mote_fc_s8_precompute, impl.h), in persistent memory; left
 * NULL for weights that are not constant, or when it wants nothing. */
static mote_status_t precompute(mote_kctx_t *ctx, const mote_tensor_t *filter,
                                const mote_tensor_t *bias, fc_op_t *op) {
#ifdef MOTE_IMPL_FC_S8_PRECOMPUTE
  const size_t bytes = mote_fc_s8_persistent_bytes(&op->p);
  void *mem = NULL;
  mote_status_t st;
  op->p.precomputed = NULL;
  if (bytes == 0 || (filter->flags & MOTE_TENSOR_CONST) == 0 ||
      (bias != NULL && (bias->flags & MOTE_TENSOR_CONST) == 0)) {
    return MOTE_OK;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, bytes, &mem)) != MOTE_OK) {
    return st;
  }
  mote_fc_s8_precompute(&op->p, (const int8_t *)filter->data,
                        bias != NULL ? (const int32_t *)bias->data : NULL, mem);
  op->p.precomputed = mem;
  return MOTE_OK;
#else
  (void)ctx, (void)filter, (void)bias, (void)op;
  return MOTE_OK;
#endif
}

/* The bound implementation's scratch for this layer. */
static size_t scratch_bytes(const fc_op_t *op) {
  switch (fc_variant(op)) {
  case FC_F32:
    return mote_fc_f32_scratch_bytes(&op->p);
  case FC_S8:
    return mote_fc_s8_scratch_bytes(&op->p);
  case FC_S16:
    return mote_fc_s16_scratch_bytes(&op->p);
  default:
    return mote_fc_s16_b32_scratch_bytes(&op->p);
  }
}

static mote_status_t fc_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, filter, bias_t, out;
  const mote_tensor_t *bias;
  mote_options_t opt;
  fc_op_t *op;
  void *mem = NULL;
  int32_t scratch;
  int act;
  mote_status_t st;
  if (mote_kctx_op_version(ctx) == 8) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "sparse weights (version 8) are not supported");
  }
  if ((st = get_tensors(ctx, &in, &filter, &bias_t, &bias, &out)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, 8, &opt)) != MOTE_OK) {
    return st;
  }
  if (mote_options_u8(&opt, 1, WEIGHTS_FORMAT_DEFAULT) !=
      WEIGHTS_FORMAT_DEFAULT) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "weights format %u (SHUFFLED4x16INT8) is not "
                          "supported",
                          (unsigned)mote_options_u8(&opt, 1, 0));
  }
#ifdef MOTE_KERNEL_INT4
  const bool int4 = filter.type == MOTE_TYPE_INT4;
  if (int4) {
    if (in.type != MOTE_TYPE_INT8) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                            "input 1 (weights) is int4: input 0 must be "
                            "int8, is %s",
                            mote_type_name((mote_type_t)in.type));
    }
    if ((filter.flags & MOTE_TENSOR_CONST) == 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "input 1 (weights) is int4 and not constant");
    }
    if (filter.quant_count > 1) { /* as TFLM, which refuses them */
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "input 1 (weights) is int4 with %u scales: "
                            "int4 weights are per-tensor only",
                            (unsigned)filter.quant_count);
    }
    /* The int8 path from here on; not constant, so that nothing reads
     * the packed bytes as int8 in prepare (the precompute). */
    filter.type = MOTE_TYPE_INT8;
    filter.flags &= (uint8_t)~MOTE_TENSOR_CONST;
  }
#endif
  if ((st = check_types(ctx, &in, &filter, bias, &out)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof(*op), &mem)) != MOTE_OK) {
    return st;
  }
  op = (fc_op_t *)mem;
  op->kind = (uint8_t)(variant_of(&in, bias) | (bias != NULL ? FC_HAS_BIAS : 0));
  st = check_shapes(ctx, &in, &filter, bias, &out,
                    mote_options_bool(&opt, 2, false), op);
  if (st != MOTE_OK) {
    return st;
  }
  act = (int)mote_options_u8(&opt, 0, MOTE_ACT_NONE);
  if (in.type == MOTE_TYPE_FLOAT32) {
    if (mote_act_range_f32(act, &op->p.out.act_f.min, &op->p.out.act_f.max) !=
        MOTE_OK) {
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                            "fused activation %d not supported", act);
    }
  } else if ((st = prepare_quant(ctx, &in, &filter, bias, &out, act, op)) !=
             MOTE_OK) {
    return st;
  }
  if (fc_variant(op) == FC_S8 &&
      (st = precompute(ctx, &filter, bias, op)) != MOTE_OK) {
    return st;
  }
#ifdef MOTE_KERNEL_INT4
  op->kind = (uint8_t)(op->kind | (int4 ? FC_INT4 : 0));
  st = int4 ? mote_kctx_request_scratch(
                  ctx,
                  mote_int4_offset(scratch_bytes(op)) +
                      (size_t)op->p.out_depth * (size_t)op->p.accum_depth,
                  &scratch)
            : mote_request_scratch_if(ctx, scratch_bytes(op), &scratch);
#else
  st = mote_request_scratch_if(ctx, scratch_bytes(op), &scratch);
#endif
  if (st != MOTE_OK) {
    return st;
  }
  if (scratch > INT16_MAX) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "more than %d scratch buffers", INT16_MAX);
  }
  op->scratch = (int16_t)scratch;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t fc_invoke(mote_kctx_t *ctx) {
  const fc_op_t *op = (const fc_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  const void *filter = mote_kctx_input_data(ctx, 1);
  const void *bias =
      (op->kind & FC_HAS_BIAS) != 0 ? mote_kctx_input_data(ctx, 2) : NULL;
  void *out = mote_kctx_output_data(ctx, 0);
  void *scratch = mote_scratch_if(ctx, op->scratch);
#ifdef MOTE_KERNEL_INT4
  if ((op->kind & FC_INT4) != 0) {
    int8_t *w = (int8_t *)scratch + mote_int4_offset(scratch_bytes(op));
    mote_int4_unpack((const uint8_t *)filter,
                     op->p.out_depth * op->p.accum_depth, w);
    filter = w;
  }
#endif
  switch (fc_variant(op)) {
  case FC_F32:
    mote_fc_f32(&op->p, (const float *)in, (const float *)filter,
                (const float *)bias, (float *)out, scratch);
    break;
  case FC_S8:
    mote_fc_s8(&op->p, (const int8_t *)in, (const int8_t *)filter,
               (const int32_t *)bias, (int8_t *)out, scratch);
    break;
  case FC_S16:
    mote_fc_s16(&op->p, (const int16_t *)in, (const int8_t *)filter,
                (const int64_t *)bias, (int16_t *)out, scratch);
    break;
  default:
    mote_fc_s16_b32(&op->p, (const int16_t *)in, (const int8_t *)filter,
                    (const int32_t *)bias, (int16_t *)out, scratch);
    break;
  }
  return MOTE_OK;
}

#ifdef MOTE_KERNEL_INT4
const mote_kernel_t mote_kernel_fully_connected_int4 = {
    "FULLY_CONNECTED", 11, fc_prepare, fc_invoke};
#else
const mote_kernel_t mote_kernel_fully_connected = {"FULLY_CONNECTED", 11,
                                                   fc_prepare, fc_invoke};
#endif
