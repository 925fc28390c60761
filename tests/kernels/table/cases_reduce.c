/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: ARG_MAX, ARG_MIN, SUM, REDUCE_MAX, REDUCE_MIN and
 * REDUCE_ALL (bool), the reductions over axes beside MEAN (cases_pool.c),
 * and the row ops LOG_SOFTMAX, L2_NORMALIZATION and CUMSUM.
 *
 * ARG_MAX / ARG_MIN enumerate the input type (float32, int8; the output
 * is int32, TFLM's only) and, by pairs of cases, a negative axis;
 * data come from small integral ranges so ties (first index wins) are
 * common, and the later float cases mix in NaNs and infinities. The
 * reductions enumerate type (int8, int16 for SUM, float32) and keep_dims, draw
 * rank-1..4 inputs (now and then up to rank 6) with one to all axes,
 * negative ones and repeats included; SUM's int8 / int16 cases pick an
 * output scale of their own (TFLM requantizes the int32 sum), MAX / MIN
 * keep the input's quantization (TFLM requires it).
 */
#include "cases_gen.h"

static const int kRedTypes[3] = {KT_I8, KT_I16, KT_F32};

/* One more output element than the reduction gives: a misfit. */
static void add_output_element(int32_t *oshape, int *orank) {
  if (*orank == 0) {
    oshape[(*orank)++] = 2;
  } else {
    ++oshape[*orank - 1];
  }
}

/* From KT_ARG_INPUT_CASE on the axis is a model input; the last case
 * declares one output element more than it gives. */
static void gen_arg(int index, kt_case_t *c, uint32_t *rng) {
  const int dynamic = index >= KT_ARG_INPUT_CASE;
  const int misfit = index == KT_ARG_CASES - 1;
  const int in_type = index % 2 ? KT_I8 : KT_F32;
  const int negative = (index / 2) % 2;
  int32_t shape[6], oshape[6], axis;
  int rank, d, on = 0, in, ax;
  rank = kt_draw_shape(rng, 1, 4, 7, 5, shape);
  axis = kt_rand_int(rng, 0, rank - 1);
  for (d = 0; d < rank; ++d) {
    if (d != axis) {
      oshape[on++] = shape[d];
    }
  }
  if (negative) {
    axis -= rank;
  }
  if (misfit) {
    add_output_element(oshape, &on);
  }
  c->version = in_type == KT_I8 ? 2 : 1;
  in = kt_add(c, KT_INPUT, (uint8_t)in_type, rank, shape);
  ax = kt_add1(c, dynamic ? KT_INPUT : KT_CONST, KT_I32, 1);
  kt_values(c, ax, &axis, 1);
  kt_add(c, KT_OUTPUT, KT_I32, on, oshape);
  if (in_type == KT_I8) {
    kt_quant(c, in, kt_rand_scale(rng, 0.01f, 0.5f),
             kt_rand_int(rng, -128, 127));
  }
  /* Few distinct values: ties decide by the first index. */
  c->t[in].fill = KT_FILL_INTEGRAL;
  kt_range(c, in, -4.0, 4.0);
  c->options_type = c->op == 56 ? 40 : 57; /* ArgMaxOptions, ArgMinOptions */
  kt_opt(c, 0, KT_OPT_INT8, KT_I32);
  kt_name_io(c, in_type, in);
  kt_name_n(c, " axis ", axis);
  kt_name(c, dynamic ? " (an input)" : "");
  kt_name(c, misfit ? ", one output element more" : "");
  if (index >= 8 && in_type == KT_F32) {
    kt_special_values(c);
  }
}

void kt_gen_arg_max(int index, kt_case_t *c, uint32_t *rng) {
  gen_arg(index, c, rng);
}

void kt_gen_arg_min(int index, kt_case_t *c, uint32_t *rng) {
  gen_arg(index, c, rng);
}

/* Draws a rank-1..6 input, 1..rank axes (some negative, one repeated now
 * and then) and the output shape under keep_dims; returns the rank. */
static int draw_reduction(uint32_t *rng, int keep, int32_t max_dim,
                          int32_t *shape, int32_t *axes, int *naxes,
                          int32_t *oshape, int *orank) {
  int used[6] = {0, 0, 0, 0, 0, 0};
  const int rank = kt_draw_shape(rng, 1, 4, max_dim, 6, shape);
  const int want = kt_rand_int(rng, 1, rank);
  int d;
  *naxes = 0;
  while (*naxes < want) {
    d = kt_rand_int(rng, 0, rank - 1);
    if (!used[d]) {
      used[d] = 1;
      axes[(*naxes)++] = kt_rand_int(rng, 0, 2) == 0 ? d - rank : d;
    }
  }
  if (kt_rand_int(rng, 0, 5) == 0) {
    axes[*naxes] = axes[0]; /* a repeat counts once */
    ++*naxes;
  }
  *orank = 0;
  for (d = 0; d < rank; ++d) {
    if (!used[d]) {
      oshape[(*orank)++] = shape[d];
    } else if (keep) {
      oshape[(*orank)++] = 1;
    }
  }
  return rank;
}

/* `requant` (SUM) enumerates int8, int16 and float32; MAX / MIN have no
 * int16 in TFLM; ALL (`logical`) is bool alone. From index `constant` on
 * the axes are a model input (KT_REDUCE_INPUT_CASES cases, the last a
 * misfit). */
static void gen_reduce(int index, kt_case_t *c, uint32_t *rng, int requant,
                       int logical, int constant) {
  const int dynamic = index >= constant;
  const int misfit = index == constant + KT_REDUCE_INPUT_CASES - 1;
  const int ntypes = logical ? 1 : requant ? 3 : 2;
  const int type = logical   ? KT_BOOL
                   : requant ? kRedTypes[index % 3]
                             : kRedTypes[(index % 2) * 2];
  const int keep = (index / ntypes) % 2;
  int32_t shape[6], oshape[6], axes[7];
  int naxes, orank, rank, in, ax, out, d;
  rank = draw_reduction(rng, keep, logical ? 4 : 8, shape, axes, &naxes, oshape,
                        &orank);
  if (misfit) {
    add_output_element(oshape, &orank);
  }
  c->version = type == KT_F32 || type == KT_BOOL ? 1 : 2;
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  ax = kt_add1(c, dynamic ? KT_INPUT : KT_CONST, KT_I32, naxes);
  kt_values(c, ax, axes, naxes);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, orank, oshape);
  if (type == KT_I8 || type == KT_I16) {
    const float s = kt_rand_scale(rng, 0.001f, 0.5f);
    const int32_t zp = type == KT_I8 ? kt_rand_int(rng, -128, 127) : 0;
    kt_quant(c, in, s, zp);
    if (requant) {
      /* Around the sum's size: an output scale up to ~40x the input's. */
      kt_quant(c, out, s * kt_rand_scale(rng, 0.5f, 40.0f),
               type == KT_I8 ? kt_rand_int(rng, -128, 127) : 0);
    } else {
      kt_quant(c, out, s, zp);
    }
  } else if (type == KT_F32) {
    kt_range(c, in, -8.0, 8.0);
  } else if (kt_elements(&c->t[in]) <= 512) {
    /* Mostly true, so that some reductions come out true. */
    int32_t v[512];
    const int n = (int)kt_elements(&c->t[in]);
    for (d = 0; d < n; ++d) {
      v[d] = kt_rand_int(rng, 0, 11) != 0;
    }
    kt_values(c, in, v, n);
  }
  c->options_type = 27; /* ReducerOptions */
  kt_opt(c, 0, KT_OPT_BOOL, keep);
  kt_name_io(c, type, in);
  kt_name(c, " axes");
  for (d = 0; d < naxes; ++d) {
    kt_name(c, d ? "," : " ");
    kt_name_int(c, axes[d]);
  }
  kt_name(c, dynamic ? " (an input)" : "");
  kt_name(c, keep ? " keep_dims" : "");
  kt_name(c, misfit ? ", one output element more" : "");
  if (index >= 16 && type == KT_F32) {
    kt_special_values(c);
  }
}

void kt_gen_sum(int index, kt_case_t *c, uint32_t *rng) {
  gen_reduce(index, c, rng, 1, 0, KT_SUM_CASES);
}

void kt_gen_reduce_max(int index, kt_case_t *c, uint32_t *rng) {
  gen_reduce(index, c, rng, 0, 0, KT_REDUCE_MINMAX_CASES);
}

void kt_gen_reduce_min(int index, kt_case_t *c, uint32_t *rng) {
  gen_reduce(index, c, rng, 0, 0, KT_REDUCE_MINMAX_CASES);
}

void kt_gen_reduce_all(int index, kt_case_t *c, uint32_t *rng) {
  gen_reduce(index, c, rng, 0, 1, KT_REDUCE_ALL_CASES);
}

/* A row op's case (LOG_SOFTMAX, L2_NORMALIZATION): float32 for even
 * indices, int8 for odd, rank 1..4 with rows up to 40 long; adds input
 * and output of one shape and returns the type (*in: the input). */
static int row_case(int index, kt_case_t *c, uint32_t *rng, int *in) {
  const int type = index % 2 ? KT_I8 : KT_F32;
  const int rank = kt_rand_int(rng, 1, 4);
  int32_t shape[4], d;
  for (d = 0; d < rank; ++d) {
    shape[d] = kt_rand_int(rng, 1, d == rank - 1 ? 40 : 4);
  }
  c->version = type == KT_I8 ? 2 : 1;
  *in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  return type;
}

/* LOG_SOFTMAX: float32 and int8 alternately, rows up to 40 long, int8
 * input scales over two and a half decades (large ones leave most
 * differences below diff_min) and TFLM's fixed output quantization (16/256,
 * 127). */
void kt_gen_log_softmax(int index, kt_case_t *c, uint32_t *rng) {
  int in;
  const int type = row_case(index, c, rng, &in);
  const int out = in + 1;
  if (type == KT_I8) {
    kt_quant(c, in, kt_rand_scale(rng, 0.005f, 2.0f),
             kt_rand_int(rng, -128, 127));
    kt_quant(c, out, 16.0f / 256.0f, 127);
  } else {
    kt_range(c, in, -12.0, 12.0);
  }
  c->options_type = 36; /* LogSoftmaxOptions (no fields) */
  kt_name_io(c, type, in);
  if (index >= 28) {
    kt_special_values(c);
  }
}

/* L2_NORMALIZATION: float32 and int8 alternately, rows up to 40 long
 * (some of one element), int8 with any input zero point (rows of all
 * zero-point values give a zero norm) and the fixed output quantization
 * (1/128, 0); float rows now and then tiny, under the 1e-6 floor. */
void kt_gen_l2_normalization(int index, kt_case_t *c, uint32_t *rng) {
  int in;
  const int type = row_case(index, c, rng, &in);
  const int out = in + 1;
  if (type == KT_I8) {
    const int32_t zp = kt_rand_int(rng, -128, 127);
    kt_quant(c, in, kt_rand_scale(rng, 0.01f, 0.5f), zp);
    kt_quant(c, out, 1.0f / 128.0f, 0);
    if (index % 8 == 3) {
      /* Norms of 0, 1 and a few. */
      kt_range(c, in, zp > -128 ? zp - 1 : zp, zp < 127 ? zp + 1 : zp);
    }
  } else if (index % 8 == 2) {
    kt_range(c, in, -1e-7, 1e-7);
  } else {
    kt_range(c, in, -6.0, 6.0);
  }
  c->options_type = 12; /* L2NormOptions */
  kt_opt(c, 0, KT_OPT_INT8, KT_ACT_NONE);
  kt_name_io(c, type, in);
  if (index >= 24) {
    kt_special_values(c);
  }
}

/* CUMSUM: the index enumerates the type (float32, int8: TFLM has no
 * other), exclusive and reverse; shapes of rank 1..4, any axis (negative half
 * the time); int8 output scales a few times the input's (the sums grow).
 * From KT_CUMSUM_INPUT_CASE on the axis is a model input; the last case's
 * is the rank, out of range. */
void kt_gen_cumsum(int index, kt_case_t *c, uint32_t *rng) {
  const int dynamic = index >= KT_CUMSUM_INPUT_CASE;
  const int type = index % 2 ? KT_I8 : KT_F32;
  const int exclusive = (index / 2) % 2, reverse = (index / 4) % 2;
  int32_t shape[6], axis;
  int rank, in, out;
  rank = kt_draw_shape(rng, 1, 4, 9, 4, shape);
  axis = kt_rand_int(rng, 0, rank - 1);
  if (kt_rand_int(rng, 0, 1)) {
    axis -= rank;
  }
  axis = index == KT_CUMSUM_CASES - 1 ? rank : axis;
  c->version = 1;
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  kt_values(c, kt_add1(c, dynamic ? KT_INPUT : KT_CONST, KT_I32, 1), &axis, 1);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  if (type == KT_I8) {
    const float s = kt_rand_scale(rng, 0.01f, 0.5f);
    kt_quant(c, in, s, kt_rand_int(rng, -128, 127));
    kt_quant(c, out, s * kt_rand_scale(rng, 0.5f, 8.0f),
             kt_rand_int(rng, -128, 127));
  } else {
    kt_range(c, in, -4.0, 4.0);
  }
  c->options_type = 102; /* CumsumOptions */
  kt_opt(c, 0, KT_OPT_BOOL, exclusive);
  kt_opt(c, 1, KT_OPT_BOOL, reverse);
  kt_name_io(c, type, in);
  kt_name_n(c, " axis ", axis);
  kt_name(c, dynamic ? " (an input)" : "");
  kt_name(c, exclusive ? " exclusive" : "");
  kt_name(c, reverse ? " reverse" : "");
  if (index >= 24 && type == KT_F32) {
    kt_special_values(c);
  }
}
