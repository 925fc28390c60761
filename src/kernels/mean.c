/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MEAN glue: average over constant axes, float32, int8 and int16,
 * keep_dims either way, TFLite Micro's semantics (reduce.cc,
 * EvalMeanHelper); the compute functions are mean.h's, and so is what
 * they compute. The other reductions over constant axes share this glue
 * and MEAN's plan: SUM (float32 by reduce.h; int8 / int16 by MEAN's
 * integer path with the rescale unfolded, TFLM's QuantizedMeanOrSum with
 * compute_sum), REDUCE_MAX and REDUCE_MIN (reduce.h; float32 and int8,
 * TFLM's types, int8 only with the input's quantization on the output,
 * as TFLM requires) and REDUCE_ALL (bool).
 *
 * int8 / int16 take TFLM's QuantizedMeanOrSum path also when input and
 * output share scale and zero point (mobilenet_v2's global average): its
 * golden bytes match it and not the older truncating reference_ops::Mean
 * branch, nor the rounding 4-D {1, 2} special case releases before that
 * had. Constant axes are planned, and the multiplier folded, at prepare;
 * axes that are a model input are read at every invoke, as TFLM reads
 * them (the rank, the axis count and the output's element count are fixed
 * at prepare, kept in a block of their own so constant axes cost one
 * pointer), and an axis out of range or an element count other than the
 * output's fails the invoke before any byte is written.
 * TFLM's fixed stack arrays cap it at 5 dimensions and 2 distinct axes;
 * this kernel takes up to MOTE_MAX_DIMS of each. The output shape is
 * checked by element count only, as TFLM lets a model store the result as
 * any view. The op data keeps the rescale as values and invoke builds
 * mote_mean_params_t around them (a mote_requant_t's pointers would cost
 * more persistent memory than the values).
 */
#include "kernels/mean.h"

#include <stdbool.h>

#include "kernels/kernel_util.h"
#include "kernels/reduce.h"
#include "mote/ops.h"

mote_status_t mote_mean_plan_init(mote_mean_plan_t *m, const int32_t *dims,
                                  int rank, const int32_t *axes, int naxes,
                                  int *bad_axis) {
  bool reduced[MOTE_MAX_DIMS];
  int32_t ext[MOTE_MAX_DIMS];
  bool red[MOTE_MAX_DIMS];
  int32_t acc = 1;
  int groups = 0, i, g;

  *bad_axis = -1;
  if (rank < 0 || rank > MOTE_MAX_DIMS) {
    return MOTE_ERR_BAD_SHAPE;
  }
  for (i = 0; i < rank; ++i) {
    reduced[i] = false;
  }
  /* A scalar has no axes to resolve (TFLite short-circuits too). */
  for (i = 0; i < naxes && rank > 0; ++i) {
    const int32_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
    if (a < 0 || a >= rank) {
      *bad_axis = i;
      return MOTE_ERR_BAD_SHAPE;
    }
    reduced[a] = true;
  }
  m->in_count = 1;
  m->out_count = 1;
  m->n = 1;
  for (i = 0; i < rank; ++i) {
    m->in_count *= dims[i];
    if (reduced[i]) {
      m->n *= dims[i];
    } else {
      m->out_count *= dims[i];
    }
    if (dims[i] == 1) {
      continue;
    }
    if (groups > 0 && red[groups - 1] == reduced[i]) {
      ext[groups - 1] *= dims[i];
    } else {
      ext[groups] = dims[i];
      red[groups] = reduced[i];
      ++groups;
    }
  }
  for (i = 0; i < MOTE_MAX_DIMS; ++i) {
    m->dims[i] = 1;
    m->ostride[i] = 0;
  }
  for (g = groups - 1; g >= 0; --g) {
    const int slot = MOTE_MAX_DIMS - groups + g;
    m->dims[slot] = ext[g];
    if (!red[g]) {
      m->ostride[slot] = acc;
      acc *= ext[g];
    }
  }
  return MOTE_OK;
}

void mote_mean_fold(int32_t multiplier, int shift, int32_t n,
                    int32_t *folded_multiplier, int *folded_shift) {
  int s = 0;
  while (s < 31 && ((int64_t)1 << (s + 1)) <= (int64_t)n) {
    ++s; /* s = floor(log2 n) */
  }
  if (s > 31 + shift) {
    s = 31 + shift;
  }
  *folded_multiplier = (int32_t)(((int64_t)multiplier << s) / (int64_t)n);
  *folded_shift = shift - s;
}

/* --- kernel glue ------------------------------------------------------ */

/* ReducerOptions: BuiltinOptions union index and field. */
#define REDUCER_OPTIONS 27
#define REDUCER_OPT_KEEP_DIMS 0

/* What invoke needs to plan axes that are a model input. */
typedef struct mean_dyn {
  int32_t dims[MOTE_MAX_DIMS]; /* input 0 */
  int32_t out_count;           /* output 0's elements */
  uint8_t rank, naxes;
} mean_dyn_t;

typedef struct mean_op {
  mote_mean_plan_t plan;
  const mean_dyn_t *dyn; /* NULL when the axes are constant */
  int32_t input_zero_point, output_zero_point;
  /* s_in / s_out with 1/n folded in for MEAN (rq's one entry); for axes
   * read at invoke, unfolded: invoke folds in that invoke's n. */
  int32_t multiplier;
  int32_t scratch; /* int32 sums, integer types only; -1 when none */
  int8_t shift;    /* rq's one entry, folded or not as multiplier */
  uint8_t type;    /* of input and output */
  uint8_t kind;    /* KIND_* below */
} mean_op_t;

static int32_t read_i32_le(const void *base, int32_t i) {
  const uint8_t *b = (const uint8_t *)base + 4 * i;
  return (int32_t)((uint32_t)b[0] | ((uint32_t)b[1] << 8) |
                   ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24));
}

/* Operator input 1, the axes, into *ax: int32, at most MOTE_MAX_DIMS of
 * them, constant or not. */
static mote_status_t axes_operand(mote_kctx_t *ctx, mote_tensor_t *ax) {
  int32_t naxes;
  mote_status_t st = mote_kctx_input(ctx, 1, ax);
  if (st != MOTE_OK) {
    return st;
  }
  if ((st = mote_check_type(ctx, ax, MOTE_TYPE_INT32, "axis input 1")) !=
      MOTE_OK) {
    return st;
  }
  naxes = mote_tensor_elements(ax);
  if (naxes < 0 || naxes > MOTE_MAX_DIMS ||
      ((ax->flags & MOTE_TENSOR_CONST) != 0 &&
       ax->bytes < 4u * (uint32_t)naxes)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "axis input 1 has %ld values, at most %d supported",
                          (long)naxes, MOTE_MAX_DIMS);
  }
  return MOTE_OK;
}

/* Plans *plan from the `naxes` int32 axes at `data` for an input of
 * `dims` and `rank`. */
static mote_status_t plan_axes(mote_kctx_t *ctx, const void *data,
                               int32_t naxes, const int32_t *dims, int rank,
                               mote_mean_plan_t *plan) {
  int32_t axes[MOTE_MAX_DIMS], i;
  int bad;
  for (i = 0; i < naxes; ++i) {
    axes[i] = read_i32_le(data, i);
  }
  if (mote_mean_plan_init(plan, dims, rank, axes, (int)naxes, &bad) !=
      MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "axis %ld out of range for input 0 of rank %d",
                          bad >= 0 ? (long)axes[bad] : -1L, rank);
  }
  return MOTE_OK;
}

/* The output's element count against the plan's. */
static mote_status_t check_out_count(mote_kctx_t *ctx, int32_t out_count,
                                     const mote_mean_plan_t *plan) {
  if (out_count != plan->out_count) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 has %ld elements, the reduction over "
                          "axis input 1 gives %ld",
                          (long)out_count, (long)plan->out_count);
  }
  return MOTE_OK;
}

/* The reductions this glue runs. */
enum { KIND_MEAN, KIND_SUM, KIND_MAX, KIND_MIN, KIND_ALL };

static const char *const kKindName[5] = {"MEAN", "SUM", "REDUCE_MAX",
                                         "REDUCE_MIN", "REDUCE_ALL"};

/* MEAN and SUM on int8 / int16: TFLM's QuantizedMeanOrSum, one rescale by
 * s_in / s_out, with 1/n folded in for MEAN alone. */
static mote_status_t mean_prepare_quant(mote_kctx_t *ctx, mean_op_t *op,
                                        const mote_tensor_t *in,
                                        const mote_tensor_t *out) {
  int32_t mult;
  int shift;
  op->input_zero_point = in->zero_point;
  op->output_zero_point = out->zero_point;
  if (!(in->scale > 0.0f) || !(out->scale > 0.0f)) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_UNSUPPORTED, "%s %s needs quantized input 0 and output 0",
        mote_type_name((mote_type_t)in->type), kKindName[op->kind]);
  }
  mote_quantize_multiplier((double)in->scale / (double)out->scale, &mult,
                           &shift);
  /* Folding in 1/n only lowers the shift; past 30 TFLite's requantization
   * is undefined, so there is no byte pattern to match. */
  if (shift > 30) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "rescale 2^%d (input scale over output scale) is "
                          "too large",
                          shift);
  }
  op->multiplier = mult;
  if (op->kind == KIND_MEAN && op->dyn == NULL && op->plan.n > 0) {
    /* The folded shift stays in [-31, 30]. */
    mote_mean_fold(mult, shift, op->plan.n, &op->multiplier, &shift);
  }
  op->shift = (int8_t)shift;
  if (mote_tensor_elements(out) > 0) {
    return mote_kctx_request_scratch(
        ctx, (size_t)mote_tensor_elements(out) * sizeof(int32_t), &op->scratch);
  }
  return MOTE_OK;
}

/* REDUCE_MAX / REDUCE_MIN on int8 compare stored values, which
 * TFLM allows only when input and output share scale and zero point. */
static mote_status_t minmax_check_quant(mote_kctx_t *ctx, const mean_op_t *op,
                                        const mote_tensor_t *in,
                                        const mote_tensor_t *out) {
  if (in->scale != out->scale || in->zero_point != out->zero_point) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "%s: output 0 (scale %g, zero point %ld) must have "
                          "input 0's quantization (scale %g, zero point %ld)",
                          kKindName[op->kind], (double)out->scale,
                          (long)out->zero_point, (double)in->scale,
                          (long)in->zero_point);
  }
  return MOTE_OK;
}

/* Keeps what invoke needs to plan axes that are a model input. */
static mote_status_t prepare_dyn(mote_kctx_t *ctx, mean_op_t *op,
                                 const mote_tensor_t *in,
                                 const mote_tensor_t *out,
                                 const mote_tensor_t *ax) {
  mean_dyn_t *dyn;
  void *mem;
  int d;
  mote_status_t st = mote_kctx_alloc_persistent(ctx, sizeof(*dyn), &mem);
  if (st != MOTE_OK) {
    return st;
  }
  dyn = (mean_dyn_t *)mem;
  for (d = 0; d < MOTE_MAX_DIMS; ++d) {
    dyn->dims[d] = d < (int)in->rank ? in->dims[d] : 1;
  }
  dyn->rank = in->rank;
  dyn->naxes = (uint8_t)mote_tensor_elements(ax);
  dyn->out_count = mote_tensor_elements(out);
  op->dyn = dyn;
  return MOTE_OK;
}

static mote_status_t reduce_prepare(mote_kctx_t *ctx, uint8_t kind) {
  mote_tensor_t in, out, ax;
  mote_options_t opt;
  mean_op_t *op;
  void *mem;
  mote_status_t st;

  if ((st = mote_check_io_count(ctx, 2, 1)) != MOTE_OK ||
      (st = mote_kctx_builtin_options(ctx, REDUCER_OPTIONS, &opt)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  /* keep_dims only shapes the output, which the model already states. */
  (void)mote_options_bool(&opt, REDUCER_OPT_KEEP_DIMS, false);
  if (kind == KIND_ALL) {
    st = mote_check_type(ctx, &in, MOTE_TYPE_BOOL, "input 0");
  } else if (in.type != MOTE_TYPE_FLOAT32 && in.type != MOTE_TYPE_INT8 &&
             (in.type != MOTE_TYPE_INT16 || kind == KIND_MAX ||
              kind == KIND_MIN)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s; %s supports float32, int8%s",
                          mote_type_name((mote_type_t)in.type), kKindName[kind],
                          kind == KIND_MAX || kind == KIND_MIN ? ""
                                                               : " and int16");
  }
  if (st != MOTE_OK || (st = mote_check_type(ctx, &out, (mote_type_t)in.type,
                                             "output 0")) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(mean_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (mean_op_t *)mem;
  op->scratch = -1;
  op->type = in.type;
  op->kind = kind;
  op->dyn = NULL;
  if ((st = axes_operand(ctx, &ax)) != MOTE_OK) {
    return st;
  }
  if ((ax.flags & MOTE_TENSOR_CONST) == 0) {
    st = prepare_dyn(ctx, op, &in, &out, &ax);
  } else if ((st = plan_axes(ctx, ax.data, mote_tensor_elements(&ax), in.dims,
                             in.rank, &op->plan)) == MOTE_OK) {
    st = check_out_count(ctx, mote_tensor_elements(&out), &op->plan);
  }
  if (st != MOTE_OK) {
    return st;
  }
  if (in.type == MOTE_TYPE_INT8 || in.type == MOTE_TYPE_INT16) {
    st = kind == KIND_MEAN || kind == KIND_SUM
             ? mean_prepare_quant(ctx, op, &in, &out)
             : minmax_check_quant(ctx, op, &in, &out);
    if (st != MOTE_OK) {
      return st;
    }
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

/* MEAN and SUM. */
static void mean_sum_invoke(const mote_kctx_t *ctx, const mean_op_t *op,
                            const void *in, void *out) {
  int32_t *acc = (int32_t *)mote_scratch_if(ctx, op->scratch);
  mote_mean_params_t p;
  p.input_zero_point = op->input_zero_point;
  p.rq.multiplier = &op->multiplier;
  p.rq.shift = &op->shift;
  p.rq.per_channel = 0;
  p.rq.output_offset = op->output_zero_point;
  switch (op->type) {
  case MOTE_TYPE_INT8:
    p.rq.act_min = INT8_MIN;
    p.rq.act_max = INT8_MAX;
    mote_mean_s8(&p, &op->plan, (const int8_t *)in, (int8_t *)out, acc);
    break;
  case MOTE_TYPE_INT16:
    p.rq.act_min = INT16_MIN;
    p.rq.act_max = INT16_MAX;
    mote_mean_s16(&p, &op->plan, (const int16_t *)in, (int16_t *)out, acc);
    break;
  default:
    if (op->kind == KIND_SUM) {
      mote_sum_f32(&op->plan, (const float *)in, (float *)out);
    } else {
      mote_mean_f32(&op->plan, (const float *)in, (float *)out);
    }
    break;
  }
}

/* The op for this invoke from axes that are a model input: the plan
 * from their values, MEAN's multiplier folded with its n. */
static mote_status_t plan_now(mote_kctx_t *ctx, const mean_op_t *op,
                              mean_op_t *now) {
  const mean_dyn_t *dyn = op->dyn;
  int shift = op->shift;
  mote_status_t st;
  *now = *op;
  if ((st = plan_axes(ctx, mote_kctx_input_data(ctx, 1), dyn->naxes, dyn->dims,
                      dyn->rank, &now->plan)) != MOTE_OK ||
      (st = check_out_count(ctx, dyn->out_count, &now->plan)) != MOTE_OK) {
    return st;
  }
  if (op->kind == KIND_MEAN && op->type != MOTE_TYPE_FLOAT32 &&
      now->plan.n > 0) {
    mote_mean_fold(op->multiplier, shift, now->plan.n, &now->multiplier,
                   &shift);
    now->shift = (int8_t)shift;
  }
  return MOTE_OK;
}

static mote_status_t reduce_invoke(mote_kctx_t *ctx) {
  const mean_op_t *op = (const mean_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  void *out = mote_kctx_output_data(ctx, 0);
  mean_op_t now;
  mote_status_t st;
  bool max;
  if (op->dyn != NULL) {
    if ((st = plan_now(ctx, op, &now)) != MOTE_OK) {
      return st;
    }
    op = &now;
  }
  max = op->kind == KIND_MAX;
  if (op->kind == KIND_MEAN || op->kind == KIND_SUM) {
    mean_sum_invoke(ctx, op, in, out);
  } else if (op->kind == KIND_ALL) {
    mote_reduce_all(&op->plan, (const bool *)in, (bool *)out);
  } else if (op->type == MOTE_TYPE_INT8) {
    (max ? mote_reduce_max_s8
         : mote_reduce_min_s8)(&op->plan, (const int8_t *)in, (int8_t *)out);
  } else {
    (max ? mote_reduce_max_f32
         : mote_reduce_min_f32)(&op->plan, (const float *)in, (float *)out);
  }
  return MOTE_OK;
}

static mote_status_t mean_prepare(mote_kctx_t *ctx) {
  return reduce_prepare(ctx, KIND_MEAN);
}
static mote_status_t sum_prepare(mote_kctx_t *ctx) {
  return reduce_prepare(ctx, KIND_SUM);
}
static mote_status_t reduce_max_prepare(mote_kctx_t *ctx) {
  return reduce_prepare(ctx, KIND_MAX);
}
static mote_status_t reduce_min_prepare(mote_kctx_t *ctx) {
  return reduce_prepare(ctx, KIND_MIN);
}
static mote_status_t reduce_all_prepare(mote_kctx_t *ctx) {
  return reduce_prepare(ctx, KIND_ALL);
}

/* Versions: 1 float32, 2 int8, 3 int16. */
const mote_kernel_t mote_kernel_mean = {"MEAN", 3, mean_prepare, reduce_invoke};
const mote_kernel_t mote_kernel_sum = {"SUM", 3, sum_prepare, reduce_invoke};
const mote_kernel_t mote_kernel_reduce_max = {
    "REDUCE_MAX", 3, reduce_max_prepare, reduce_invoke};
const mote_kernel_t mote_kernel_reduce_min = {
    "REDUCE_MIN", 3, reduce_min_prepare, reduce_invoke};
const mote_kernel_t mote_kernel_reduce_all = {
    "REDUCE_ALL", 1, reduce_all_prepare, reduce_invoke};
