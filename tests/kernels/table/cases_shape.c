/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the data-movement ops RESHAPE, CONCATENATION, PAD,
 * STRIDED_SLICE, TRANSPOSE, SQUEEZE and EXPAND_DIMS.
 *
 * Types cycle through int8 (one quantization for all tensors, as the
 * converter writes it), int16, float32 and int32 (CONCATENATION also
 * int64). RESHAPE takes its shape from a constant tensor, a tensor with
 * -1, or the options alone; PAD draws pads of 0..3 on every side of every
 * dimension, with and without a constant-value input; STRIDED_SLICE draws
 * begin / end / stride (negative ones included) with begin, end and
 * shrink masks, and computes the output shape with TFLite's clamping
 * rules; TRANSPOSE draws any permutation of rank 1..5. SQUEEZE adds int64
 * and bool and removes size-1 dimensions without options, with an empty
 * list, or listed (positive or negative); EXPAND_DIMS (float32, int8
 * and int16, as TFLM) draws an axis of rank 0..5 as an int32 or int64 constant,
 * scalar or [1], positive or negative.
 */
#include "cases_gen.h"

#include <string.h>

static const int kTypes[4] = {KT_I8, KT_I16, KT_F32, KT_I32};

/* "type in -> out" and a suffix: the name of a one-input copy op. */
static void name_copy(kt_case_t *c, int type, int in, int out,
                      const char *suffix) {
  kt_name_io(c, type, in);
  kt_name(c, " -> ");
  kt_name_shape(c, out);
  kt_name(c, suffix);
}

void kt_gen_reshape(int index, kt_case_t *c, uint32_t *rng) {
  const int type = kTypes[index % 4];
  const int how = (index / 4) % 4; /* tensor, tensor with -1, options, both */
  int32_t in_shape[6], out_shape[4], spec[4], n = 1, left;
  int in, out, d, out_rank;
  const int rank = kt_draw_shape(rng, 1, 4, 6, 6, in_shape);
  for (d = 0; d < rank; ++d) {
    n *= in_shape[d];
  }
  out_rank = kt_rand_int(rng, 1, 4);
  left = n;
  for (d = 0; d < out_rank; ++d) { /* a random factorisation of n */
    int32_t f = d == out_rank - 1 ? left : kt_rand_int(rng, 1, left);
    while (left % f != 0) {
      --f;
    }
    out_shape[d] = f;
    spec[d] = f;
    left /= f;
  }
  if (how == 1 || how == 3) {
    spec[kt_rand_int(rng, 0, out_rank - 1)] = -1;
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, in_shape);
  if (how != 2) {
    const int s = kt_add1(c, KT_CONST, KT_I32, out_rank);
    kt_values(c, s, spec, out_rank);
  }
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, out_rank, out_shape);
  kt_same_quant(c, rng, in, out);
  if (how >= 2) {
    c->options_type = 17;
    kt_opt_vec(c, 0, spec, out_rank);
  }
  name_copy(c, type, in, out,
            how == 2   ? " (options)"
            : how == 3 ? " (both, -1)"
            : how == 1 ? " (-1)"
                       : "");
}

void kt_gen_concatenation(int index, kt_case_t *c, uint32_t *rng) {
  static const int types[5] = {KT_I8, KT_I16, KT_F32, KT_I32, KT_I64};
  const int type = types[index % 5];
  /* Case 5: int8 inputs [1] and [1] quantized unlike the output, which
   * TFLM refuses and mote copies as they are. */
  const int nin = index == 5 ? 2 : kt_rand_int(rng, 2, 4);
  int32_t shape[6], total = 0;
  const int rank = index == 5 ? 1 : kt_draw_shape(rng, 1, 4, 5, 6, shape);
  const int axis = kt_rand_int(rng, 0, rank - 1);
  int i, out;
  float s = 0.0f;
  int32_t zp = 0;
  if (type == KT_I8 || type == KT_I16) {
    s = kt_rand_scale(rng, 0.001f, 0.5f);
    zp = type == KT_I8 ? kt_rand_int(rng, -128, 127) : 0;
  }
  for (i = 0; i < nin; ++i) {
    int t;
    shape[axis] = index == 5 ? 1 : kt_rand_int(rng, 1, 5);
    total += shape[axis];
    t = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
    if (s > 0.0f && index == 5) { /* int8 inputs of their own scales */
      kt_quant(c, t, kt_rand_scale(rng, 0.001f, 0.5f),
               kt_rand_int(rng, -128, 127));
    } else if (s > 0.0f) {
      kt_quant(c, t, s, zp);
    }
  }
  shape[axis] = total;
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  if (s > 0.0f) {
    kt_quant(c, out, s, zp);
  }
  c->options_type = 10;
  kt_opt(c, 0, KT_OPT_INT32, index % 2 ? axis - rank : axis);
  kt_name_io(c, type, out);
  kt_name_n(c, " from ", nin);
  kt_name_n(c, " axis ", index % 2 ? axis - rank : axis);
}

/* PAD (v2 0) and PADV2 (v2 1: always the constant value input). */
static void pad_case(int index, kt_case_t *c, uint32_t *rng, int v2) {
  const int type = kTypes[index % 4];
  const int with_value = v2 || (index / 4) % 2;
  /* TFLM pads up to rank 5; PAD's case 6 is float32 [1, 1, 1, 1, 1, 2]
   * padded by one on each side of its last dimension, which mote runs and
   * TFLM refuses. */
  int32_t shape[6], oshape[6], pads[12], pshape[2];
  const int rank =
      index == 6 && !v2 ? 6 : kt_draw_shape(rng, 1, 4, 6, 5, shape);
  int in, p, out, d;
  for (d = 0; d < rank; ++d) {
    shape[d] = rank == 6 ? (d == 5 ? 2 : 1) : shape[d];
    pads[2 * d] = rank == 6 ? d / 5 : kt_rand_int(rng, 0, 3);
    pads[2 * d + 1] = rank == 6 ? d / 5 : kt_rand_int(rng, 0, 3);
    oshape[d] = shape[d] + pads[2 * d] + pads[2 * d + 1];
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  pshape[0] = rank, pshape[1] = 2;
  p = kt_add(c, KT_CONST, KT_I32, 2, pshape);
  kt_values(c, p, pads, 2 * rank);
  if (with_value) {
    const int v = kt_add1(c, KT_CONST, (uint8_t)type, 1);
    kt_same_quant(c, rng, in, v);
    kt_range(c, v, type == KT_F32 ? -3.0 : -100.0,
             type == KT_F32 ? 3.0 : 100.0);
  }
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, oshape);
  if (!with_value) {
    kt_same_quant(c, rng, in, out);
  } else if (type == KT_I8 || type == KT_I16) {
    kt_quant(c, out, c->t[in].scale, c->t[in].zero_point);
  }
  c->options_type = (uint8_t)(v2 ? 43 /* PadV2Options */ : 22);
  c->version = type == KT_F32 ? 1 : 2;
  kt_name_io(c, type, in);
  kt_name(c, " pads");
  for (d = 0; d < 2 * rank; ++d) {
    kt_name(c, d ? "," : " ");
    kt_name_int(c, pads[d]);
  }
  kt_name(c, with_value ? " value" : "");
}

void kt_gen_pad(int index, kt_case_t *c, uint32_t *rng) {
  pad_case(index, c, rng, 0);
}

void kt_gen_padv2(int index, kt_case_t *c, uint32_t *rng) {
  pad_case(index, c, rng, 1);
}

/* MIRROR_PAD: float32 and int8 (TFLM's types), REFLECT and SYMMETRIC,
 * int32 and int64 paddings enumerated; ranks 1 to 4 (one in six 5) and
 * paddings each mode can mirror (up to dim - 1, or dim) drawn. From
 * KT_MIRROR_PAD_INPUT_CASE on the paddings are a model input (read at
 * invoke); the last case declares an output one row longer in dim 0 than
 * they give (mote: the invoke fails). */
void kt_gen_mirror_pad(int index, kt_case_t *c, uint32_t *rng) {
  const int type = index % 2 ? KT_I8 : KT_F32;
  const int symmetric = (index / 2) % 2;
  const int ptype = (index / 4) % 2 ? KT_I64 : KT_I32;
  const int dynamic = index >= KT_MIRROR_PAD_INPUT_CASE;
  const int misfit = index == KT_MIRROR_PAD_CASES - 1;
  int32_t shape[6], oshape[6], pads[12], pshape[2];
  const int rank = kt_draw_shape(rng, 1, 4, 5, 5, shape);
  int in, p, out, d;
  for (d = 0; d < rank; ++d) {
    const int32_t limit = symmetric ? shape[d] : shape[d] - 1;
    pads[2 * d] = kt_rand_int(rng, 0, limit < 3 ? limit : 3);
    pads[2 * d + 1] = kt_rand_int(rng, 0, limit < 3 ? limit : 3);
    oshape[d] = shape[d] + pads[2 * d] + pads[2 * d + 1];
  }
  oshape[0] += misfit;
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  pshape[0] = rank, pshape[1] = 2;
  p = kt_add(c, dynamic ? KT_INPUT : KT_CONST, (uint8_t)ptype, 2, pshape);
  kt_values(c, p, pads, 2 * rank);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, oshape);
  kt_same_quant(c, rng, in, out);
  c->options_type = 77; /* MirrorPadOptions */
  kt_opt(c, 0, KT_OPT_INT8, symmetric);
  kt_name_io(c, type, in);
  kt_name(c, symmetric ? " SYMMETRIC" : " REFLECT");
  kt_name(c, ptype == KT_I64 ? " i64 pads" : " pads");
  kt_name(c, dynamic ? " (an input)" : "");
  for (d = 0; d < 2 * rank; ++d) {
    kt_name(c, d ? "," : " ");
    kt_name_int(c, pads[d]);
  }
  kt_name(c, misfit ? ", output dim 0 one longer" : "");
}

/* TFLite's start / stop of one sliced axis, and the number of steps. */
static int32_t slice_count(int32_t size, int32_t b, int32_t e, int32_t s,
                           int bmask, int emask) {
  int32_t start, stop;
  const int32_t lo = s > 0 ? 0 : -1, hi = s > 0 ? size : size - 1;
  start = b < 0 ? b + size : b;
  start = start < lo ? lo : start > hi ? hi : start;
  stop = e < 0 ? e + size : e;
  stop = stop < lo ? lo : stop > hi ? hi : stop;
  if (bmask) {
    start = s > 0 ? 0 : size - 1;
  }
  if (emask) {
    stop = s > 0 ? size : -1;
  }
  if (s > 0) {
    return stop > start ? (stop - start + s - 1) / s : 0;
  }
  return start > stop ? (start - stop - s - 1) / -s : 0;
}

/* Cases 5 and 6: what TFLM Micro's STRIDED_SLICE does not take and mote
 * does (strided_slice.c), a new axis and a rank-5 input; both whole-range
 * slices of float32, spec length 3 and 5. */
static void slice_beyond_tflm(int index, kt_case_t *c) {
  static const int32_t in_shape[5] = {2, 3, 2, 2, 2};
  static const int32_t out_na[3] = {1, 2, 3}, begin[5] = {0, 0, 0, 0, 0},
                       end[5] = {1, 2, 3, 2, 2}, ones[5] = {1, 1, 1, 1, 1};
  const int rank = index == 5 ? 2 : 5, n = index == 5 ? 3 : 5;
  int t;
  kt_add(c, KT_INPUT, KT_F32, rank, in_shape);
  t = kt_add1(c, KT_CONST, KT_I32, n);
  kt_values(c, t, begin, n);
  t = kt_add1(c, KT_CONST, KT_I32, n);
  kt_values(c, t, index == 5 ? end : in_shape, n);
  t = kt_add1(c, KT_CONST, KT_I32, n);
  kt_values(c, t, ones, n);
  kt_add(c, KT_OUTPUT, KT_F32, n, index == 5 ? out_na : in_shape);
  c->options_type = 32;
  if (index == 5) {
    kt_opt(c, 3, KT_OPT_INT32, 1); /* new_axis_mask: entry 0 */
  }
  kt_name(c, index == 5 ? "f32 2x3 new axis 0" : "f32 2x3x2x2x2 rank 5");
}

void kt_gen_strided_slice(int index, kt_case_t *c, uint32_t *rng) {
  static const int32_t strides[5] = {1, 2, 3, -1, -2};
  const int type = kTypes[index % 4];
  int32_t shape[6], oshape[6], b[6], e[6], s[6];
  const int rank = kt_draw_shape(rng, 1, 4, 7, 4, shape);
  int32_t bmask = 0, emask = 0, smask = 0;
  int in, out, d, on = 0, t;
  if (index == 5 || index == 6) {
    slice_beyond_tflm(index, c);
    return;
  }
  for (d = 0; d < rank; ++d) {
    const int32_t size = shape[d];
    int32_t n = 0;
    for (t = 0; t < 8 && n == 0; ++t) {
      b[d] = kt_rand_int(rng, -size, size);
      e[d] = kt_rand_int(rng, -size - 1, size + 1);
      s[d] = strides[kt_rand_int(rng, 0, index % 3 == 0 ? 2 : 4)];
      n = slice_count(size, b[d], e[d], s[d], 0, 0);
    }
    if (kt_rand_int(rng, 0, 4) == 0) {
      bmask |= 1 << d;
    }
    if (kt_rand_int(rng, 0, 4) == 0 || n == 0) {
      emask |= 1 << d;
    }
    if (index % 4 == 3 && kt_rand_int(rng, 0, 2) == 0 && on + 1 < rank) {
      /* Shrink: one element at a valid begin, stride 1. */
      smask |= 1 << d;
      bmask &= ~(1 << d);
      emask &= ~(1 << d);
      b[d] = kt_rand_int(rng, -size, size - 1);
      e[d] = b[d] + 1;
      s[d] = 1;
      continue;
    }
    n = slice_count(size, b[d], e[d], s[d], (bmask >> d) & 1, (emask >> d) & 1);
    if (n == 0) { /* begin past the end: take the whole axis */
      bmask |= 1 << d;
      emask |= 1 << d;
      n = slice_count(size, b[d], e[d], s[d], 1, 1);
    }
    oshape[on++] = n;
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  t = kt_add1(c, KT_CONST, KT_I32, rank);
  kt_values(c, t, b, rank);
  t = kt_add1(c, KT_CONST, KT_I32, rank);
  kt_values(c, t, e, rank);
  t = kt_add1(c, KT_CONST, KT_I32, rank);
  kt_values(c, t, s, rank);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, on, oshape);
  kt_same_quant(c, rng, in, out);
  c->options_type = 32;
  kt_opt(c, 0, KT_OPT_INT32, bmask);
  kt_opt(c, 1, KT_OPT_INT32, emask);
  kt_opt(c, 4, KT_OPT_INT32, smask);
  c->version = type == KT_F32 ? 1 : 2;
  kt_name_io(c, type, in);
  for (d = 0; d < rank; ++d) {
    kt_name(c, d ? " " : " [");
    kt_name_int(c, b[d]);
    kt_name_n(c, ":", e[d]);
    kt_name_n(c, ":", s[d]);
  }
  kt_name_n(c, "] masks b", bmask);
  kt_name_n(c, " e", emask);
  kt_name_n(c, " s", smask);
}

void kt_gen_transpose(int index, kt_case_t *c, uint32_t *rng) {
  /* TFLM transposes float32, int8 and int16 of rank 1..5; case 3 is int32
   * [2, 2] and case 7 int16 [1, 1, 1, 1, 1, 2] (reversed), which mote runs
   * and TFLM refuses. */
  static const int32_t six[6] = {1, 1, 1, 1, 1, 2};
  const int type = index == 3 ? KT_I32 : kTypes[index % 3];
  int32_t shape[6], oshape[6], perm[6];
  const int rank = index == 3   ? 2
                   : index == 7 ? 6
                                : kt_draw_shape(rng, 1, 5, 5, 5, shape);
  if (index == 3) {
    shape[0] = shape[1] = 2;
  } else if (index == 7) {
    memcpy(shape, six, sizeof six);
  }
  int in, p, d;
  for (d = 0; d < rank; ++d) {
    perm[d] = d;
  }
  for (d = rank - 1; d > 0 && index != 3 && index != 7;
       --d) { /* Fisher-Yates */
    const int k = kt_rand_int(rng, 0, d);
    const int32_t tmp = perm[d];
    perm[d] = perm[k];
    perm[k] = tmp;
  }
  for (d = 0; d < rank && (index == 3 || index == 7); ++d) {
    perm[d] = rank - 1 - d; /* reversed */
  }
  for (d = 0; d < rank; ++d) {
    oshape[d] = shape[perm[d]];
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  p = kt_add1(c, KT_CONST, KT_I32, rank);
  kt_values(c, p, perm, rank);
  kt_same_quant(c, rng, in, kt_add(c, KT_OUTPUT, (uint8_t)type, rank, oshape));
  c->options_type = 26;
  c->version = type == KT_F32 ? 1 : 2;
  kt_name_io(c, type, in);
  kt_name(c, " perm");
  for (d = 0; d < rank; ++d) {
    kt_name(c, d ? "," : " ");
    kt_name_int(c, perm[d]);
  }
}

void kt_gen_squeeze(int index, kt_case_t *c, uint32_t *rng) {
  /* SQUEEZE copies any type; the last two are the ones the other shape
   * ops do not cover. */
  static const int types[6] = {KT_I8, KT_I16, KT_F32, KT_I32, KT_I64, KT_BOOL};
  const int type = types[index % 6];
  const int how = (index / 6) % 4; /* none, empty list, listed, negative */
  int32_t shape[6], oshape[6], spec[6];
  int drop[6], rank, d, n = 0, orank = 0, in, out;
  rank = kt_draw_shape(rng, 1, 4, 4, 6, shape);
  for (d = 0; d < rank; ++d) { /* about half the dimensions size 1 */
    shape[d] = kt_rand_int(rng, 0, 1) ? 1 : shape[d];
  }
  for (d = 0; d < rank; ++d) {
    /* Listed: each size-1 dimension squeezed with probability 2/3. */
    drop[d] = shape[d] == 1 && (how < 2 || kt_rand_int(rng, 0, 2) > 0);
    if (drop[d] && how >= 2) {
      spec[n++] = how == 3 ? d - rank : d;
    }
  }
  for (d = 0; d < rank; ++d) {
    /* A list that came out empty squeezes every size-1 dimension. */
    if (!drop[d] && !(n == 0 && shape[d] == 1)) {
      oshape[orank++] = shape[d];
    }
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, orank, oshape);
  kt_same_quant(c, rng, in, out);
  if (how >= 1) {
    c->options_type = 30;
    kt_opt_vec(c, 0, spec, n);
  }
  name_copy(c, type, in, out,
            how == 0   ? " (no options)"
            : how == 1 ? " (all size-1)"
            : how == 2 ? " (listed)"
                       : " (negative)");
}

void kt_gen_expand_dims(int index, kt_case_t *c, uint32_t *rng) {
  /* TFLM's kernel copies float32, int8 and int16 only; case 9 is int32,
   * which both refuse. TFLM reads only an int32 axis: the int64 ones
   * (index 7 mod 8) are refused by both. */
  static const int types[3] = {KT_F32, KT_I8, KT_I16};
  const int type = index == 9 ? KT_I32 : types[index % 3];
  const int axis_type = index % 8 == 7 ? KT_I64 : KT_I32;
  const int negative = (index / 2) % 2;
  const int scalar_axis = (index / 4) % 2;
  int32_t shape[6], oshape[6], axis;
  const int rank = kt_draw_shape(rng, 0, 4, 5, 5, shape);
  int d, in, a, out;
  axis = kt_rand_int(rng, 0, rank);
  for (d = 0; d <= rank; ++d) {
    oshape[d] = d < axis ? shape[d] : d == axis ? 1 : shape[d - 1];
  }
  if (negative) {
    axis -= rank + 1;
  }
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  a = scalar_axis ? kt_add(c, KT_CONST, (uint8_t)axis_type, 0, shape)
                  : kt_add1(c, KT_CONST, (uint8_t)axis_type, 1);
  kt_values(c, a, &axis, 1);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank + 1, oshape);
  kt_same_quant(c, rng, in, out);
  name_copy(c, type, in, out, "");
  kt_name_n(c, axis_type == KT_I64 ? " axis int64 " : " axis int32 ", axis);
  kt_name(c, scalar_axis ? " (scalar)" : "");
}
