/* SPDX-License-Identifier: Apache-2.0 */
/*
 * STRIDED_SLICE.
 *
 * Planning follows TFLite's kernel (lite/kernels/strided_slice.cc and
 * internal/strided_slice_logic.h), the fullest definition of the op:
 *  1. The sparse spec is expanded to effective dimensions: an ellipsis
 *     becomes as many full-range dimensions as the input has left over (at
 *     least one, as TFLite does), a new axis becomes a size-1 dimension
 *     with range [0, 1), and dimensions past the spec are full range.
 *  2. Per dimension, start = begin (+size when negative), clamped to
 *     [0, size] for positive strides or [-1, size-1] for negative ones,
 *     then replaced by the first element under begin_mask. The stop is
 *     start+1 for a shrunk axis (start itself when start >= size), else
 *     end (+start with the offset option, +size when negative), clamped
 *     the same way, then replaced by size or -1 under end_mask.
 *  3. The walk visits start, start+stride, ... while short of the stop.
 * The output shape is then the number of steps per kept dimension, counted
 * exactly in integers (TFLite sizes with a float ceil, which agrees below
 * 2^24).
 *
 * TFLite Micro's kernel is the same walk with ellipsis_mask, new_axis_mask
 * and offset ignored and at most 4 dimensions; on every model it accepts
 * the results agree, while models using those features fail its shape
 * check. Here they work, up to MOTE_MAX_DIMS effective dimensions.
 *
 * Rejected in prepare where TFLite would leave output bytes unwritten: a
 * shrunk axis whose walk is not exactly one element (an index past the
 * end, or a negative stride, for which TFLite's loop condition never
 * holds), and any walk whose shape differs from the output tensor's.
 */
#include "kernels/strided_slice.h"

#include <string.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

#define BIT(i) ((uint32_t)1u << (unsigned)(i))

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

/* Effective dimensions before clamping: TFLite's BuildStridedSliceParams. */
typedef struct dense {
  int rank;
  int32_t dim[MOTE_MAX_DIMS];
  int32_t begin[MOTE_MAX_DIMS];
  int32_t end[MOTE_MAX_DIMS];
  int32_t stride[MOTE_MAX_DIMS];
  uint32_t begin_mask, end_mask, shrink_mask;
} dense_t;

/* Where the sparse spec's ellipsis and new axes land among the effective
 * dimensions. */
typedef struct layout {
  int eff;          /* effective rank: input rank + new axes */
  int ell_start;    /* first effective dimension of the ellipsis, or eff */
  int expanded;     /* effective dimensions the ellipsis adds beyond its own
                       spec entry: sparse index = effective - expanded once
                       past it */
  uint32_t eff_ell; /* effective dimensions the ellipsis covers */
  uint32_t eff_nax; /* effective dimensions that are new axes */
} layout_t;

/* The spec's own consistency, and the effective rank into *eff. */
static mote_status_t check_spec(const mote_strided_slice_spec_t *s, int in_rank,
                                int *eff, const char **reason) {
  const int n = (int)s->count;
  const uint32_t ell = (uint32_t)s->ellipsis_mask;
  const uint32_t nax = (uint32_t)s->new_axis_mask;
  int num_add = 0, i;
  if (n > MOTE_STRIDED_SLICE_MAX_SPEC) {
    *reason = "begin/end/strides are longer than 8 entries";
    return MOTE_ERR_BAD_SHAPE;
  }
  if (((ell | nax) & ~(BIT(n) - 1u)) != 0) {
    *reason = "ellipsis or new-axis mask has a bit beyond the spec";
    return MOTE_ERR_BAD_SHAPE;
  }
  if ((ell & (ell - 1u)) != 0) {
    *reason = "more than one ellipsis";
    return MOTE_ERR_BAD_SHAPE;
  }
  for (i = 0; i < n; ++i) {
    if ((ell & BIT(i)) == 0 && (nax & BIT(i)) != 0) {
      ++num_add;
    }
  }
  *eff = in_rank + num_add;
  if (*eff > MOTE_MAX_DIMS) {
    *reason = "more than 6 dimensions including new axes";
    return MOTE_ERR_UNSUPPORTED;
  }
  return MOTE_OK;
}

/* Fills l (l->eff set) from the ellipsis and new-axis masks. */
static void place_axes(const mote_strided_slice_spec_t *s, layout_t *l) {
  const uint32_t ell = (uint32_t)s->ellipsis_mask;
  const uint32_t nax = (uint32_t)s->new_axis_mask;
  const int eff = l->eff;
  int i;
  l->ell_start = eff;
  l->expanded = 0;
  l->eff_ell = 0;
  l->eff_nax = 0;
  for (i = 0; i < eff;) {
    if ((ell & BIT(i)) != 0) {
      /* As many full-range dimensions as the spec leaves uncovered (new
       * axes included), at least one (TFLite does the same). */
      int stop = i + 1 + eff - (int)s->count;
      stop = stop < eff ? stop : eff;
      stop = stop > i + 1 ? stop : i + 1;
      l->ell_start = i;
      l->expanded = stop - i - 1;
      for (; i < stop; ++i) {
        l->eff_ell |= BIT(i);
      }
      continue;
    }
    if ((nax & BIT(i - l->expanded)) != 0) {
      l->eff_nax |= BIT(i);
    }
    ++i;
  }
}

/* The dense dimensions from the spec and the layout. */
static mote_status_t fill_dense(const mote_strided_slice_spec_t *s,
                                const int32_t *in_dims, int in_rank,
                                const layout_t *l, dense_t *o,
                                const char **reason) {
  int added_ell = 0, added_axes = 0, i;
  memset(o, 0, sizeof(*o));
  o->rank = l->eff;
  for (i = 0; i < l->eff; ++i) {
    const int src_dim = i - added_axes;
    if ((l->eff_nax & BIT(i)) == 0 && src_dim >= in_rank) {
      *reason = "spec does not fit the input rank";
      return MOTE_ERR_BAD_SHAPE;
    }
    o->stride[i] = 1;
    if ((l->eff_ell & BIT(i)) != 0) {
      added_ell = i - l->ell_start > 0 ? i - l->ell_start : 0;
      o->begin_mask |= BIT(i);
      o->end_mask |= BIT(i);
      o->dim[i] = in_dims[src_dim];
    } else if ((l->eff_nax & BIT(i)) != 0) {
      o->end[i] = 1;
      o->dim[i] = 1;
      ++added_axes;
    } else if (i >= (int)s->count + l->expanded) {
      o->begin_mask |= BIT(i);
      o->end_mask |= BIT(i);
      o->dim[i] = in_dims[src_dim];
    } else {
      const int k = i - added_ell;
      o->begin[i] = s->begin[k];
      o->end[i] = s->end[k];
      o->stride[i] = s->strides[k];
      o->begin_mask |= ((uint32_t)s->begin_mask & BIT(k)) != 0 ? BIT(i) : 0;
      o->end_mask |= ((uint32_t)s->end_mask & BIT(k)) != 0 ? BIT(i) : 0;
      o->shrink_mask |=
          ((uint32_t)s->shrink_axis_mask & BIT(k)) != 0 ? BIT(i) : 0;
      o->dim[i] = in_dims[src_dim];
    }
  }
  return MOTE_OK;
}

static mote_status_t expand(const mote_strided_slice_spec_t *s,
                            const int32_t *in_dims, int in_rank, dense_t *o,
                            const char **reason) {
  layout_t l;
  const mote_status_t st = check_spec(s, in_rank, &l.eff, reason);
  if (st != MOTE_OK) {
    return st;
  }
  place_axes(s, &l);
  return fill_dense(s, in_dims, in_rank, &l, o, reason);
}

mote_status_t mote_strided_slice_plan(const mote_strided_slice_spec_t *spec,
                                      const int32_t *in_dims, uint8_t in_rank,
                                      mote_strided_slice_params_t *p,
                                      int32_t *out_dims, uint8_t *out_rank,
                                      const char **reason) {
  dense_t e;
  int64_t start[MOTE_MAX_DIMS];
  int64_t elem_stride = 1, base = 0;
  bool empty = false;
  int d, kept = 0;
  mote_status_t st = expand(spec, in_dims, (int)in_rank, &e, reason);
  if (st != MOTE_OK) {
    return st;
  }
  p->rank = (uint8_t)e.rank;
  for (d = 0; d < e.rank; ++d) {
    const int64_t size = e.dim[d], stride = e.stride[d];
    const bool shrink = (e.shrink_mask & BIT(d)) != 0;
    int64_t s, stop, count;
    if (stride == 0) {
      *reason = "a stride is zero";
      return MOTE_ERR_BAD_SHAPE;
    }
    s = e.begin[d];
    s += s < 0 ? size : 0;
    s = stride > 0 ? clamp64(s, 0, size) : clamp64(s, -1, size - 1);
    if ((e.begin_mask & BIT(d)) != 0) {
      s = stride > 0 ? 0 : size - 1;
    }
    if (shrink) {
      stop = s >= size ? s : s + 1;
    } else {
      stop = (int64_t)e.end[d] + (spec->offset ? s : 0);
      stop += stop < 0 ? size : 0;
      stop = stride > 0 ? clamp64(stop, 0, size) : clamp64(stop, -1, size - 1);
      if ((e.end_mask & BIT(d)) != 0) {
        stop = stride > 0 ? size : -1;
      }
    }
    if (stride > 0) {
      count = stop > s ? (stop - s + stride - 1) / stride : 0;
    } else {
      count = s > stop ? (s - stop - stride - 1) / -stride : 0;
    }
    if (shrink && count != 1) {
      *reason = "a shrunk axis selects no element (index out of range or "
                "negative stride)";
      return MOTE_ERR_BAD_SHAPE;
    }
    if (!shrink) {
      out_dims[kept++] = (int32_t)count;
    }
    p->count[d] = (int32_t)count;
    start[d] = s;
    empty = empty || count == 0;
  }
  /* Steps in input elements over the effective shape (a new axis has size
   * 1, so it leaves the other strides alone). Counting down from rank
   * (in [0, MOTE_MAX_DIMS]) rather than from rank - 1 leaves the analyzers
   * no rank whose rank - 1 could wrap. */
  for (d = e.rank; d-- > 0;) {
    base += start[d] * elem_stride;
    p->step[d] = p->count[d] > 1 ? (int32_t)(e.stride[d] * elem_stride) : 0;
    elem_stride *= e.dim[d];
  }
  p->base = empty ? 0 : (int32_t)base;
  *out_rank = (uint8_t)kept;
  return MOTE_OK;
}

static int32_t read_i32_le(const void *base, uint32_t i) {
  const uint8_t *b = (const uint8_t *)base + 4u * i;
  return (int32_t)((uint32_t)b[0] | ((uint32_t)b[1] << 8) |
                   ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24));
}

/* Reads begin (1), end (2) or strides (3) into dst; all must be constant
 * 1-D int32 tensors of the same length. */
static mote_status_t read_index_input(mote_kctx_t *ctx, uint32_t i,
                                      int32_t *dst, uint32_t *count) {
  static const char *const names[4] = {"", "begin", "end", "strides"};
  mote_tensor_t t;
  int32_t n;
  int32_t k;
  mote_status_t st = mote_kctx_input(ctx, i, &t);
  if (st != MOTE_OK) {
    return st;
  }
  if ((t.flags & MOTE_TENSOR_CONST) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "%s input %u (tensor %u) is not constant", names[i],
                          (unsigned)i, (unsigned)t.index);
  }
  if (t.type != MOTE_TYPE_INT32) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "%s input %u has type %s; only int32 is supported",
                          names[i], (unsigned)i,
                          mote_type_name((mote_type_t)t.type));
  }
  n = mote_tensor_elements(&t);
  if (t.rank != 1 || n > MOTE_STRIDED_SLICE_MAX_SPEC ||
      t.bytes < 4u * (uint32_t)n || (i > 1 && (uint32_t)n != *count)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s input %u must be 1-D with %u entries at most, "
                          "as long as begin",
                          names[i], (unsigned)i,
                          (unsigned)MOTE_STRIDED_SLICE_MAX_SPEC);
  }
  for (k = 0; k < n; ++k) {
    dst[k] = read_i32_le(t.data, (uint32_t)k);
  }
  *count = (uint32_t)n;
  return MOTE_OK;
}

mote_status_t mote_strided_slice_prepare_walk(
    mote_kctx_t *ctx, const mote_strided_slice_spec_t *spec,
    const mote_tensor_t *in, const mote_tensor_t *out, size_t size) {
  mote_strided_slice_params_t *p;
  int32_t dims[MOTE_MAX_DIMS];
  uint8_t rank = 0;
  const char *reason = "";
  void *mem;
  int d;
  mote_status_t st = mote_kctx_alloc_persistent(ctx, size, &mem);
  if (st != MOTE_OK) {
    return st;
  }
  p = (mote_strided_slice_params_t *)mem;
  st = mote_strided_slice_plan(spec, in->dims, in->rank, p, dims, &rank,
                               &reason);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "%s", reason);
  }
  p->elem_size = mote_type_size((mote_type_t)in->type);
  if (rank != out->rank) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "slice has rank %d, output 0 has rank %d", (int)rank,
                          (int)out->rank);
  }
  for (d = 0; d < (int)rank; ++d) {
    if (dims[d] != out->dims[d]) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "slice dim %d is %ld, output 0 has %ld", d,
                            (long)dims[d], (long)out->dims[d]);
    }
  }
  mote_kctx_set_user_data(ctx, p);
  return MOTE_OK;
}

static mote_status_t strided_slice_prepare(mote_kctx_t *ctx) {
  mote_strided_slice_spec_t spec;
  mote_options_t opt;
  mote_tensor_t in, out;
  mote_status_t st;

  if ((st = mote_check_io_count(ctx, 4, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (mote_type_size((mote_type_t)in.type) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s, which has no fixed size",
                          mote_type_name((mote_type_t)in.type));
  }
  if ((st = mote_check_type(ctx, &out, (mote_type_t)in.type, "output 0")) !=
      MOTE_OK) {
    return st;
  }
  memset(&spec, 0, sizeof(spec));
  if ((st = read_index_input(ctx, 1, spec.begin, &spec.count)) != MOTE_OK ||
      (st = read_index_input(ctx, 2, spec.end, &spec.count)) != MOTE_OK ||
      (st = read_index_input(ctx, 3, spec.strides, &spec.count)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_kctx_builtin_options(ctx, 32, &opt)) != MOTE_OK) {
    return st;
  }
  spec.begin_mask = mote_options_i32(&opt, 0, 0);
  spec.end_mask = mote_options_i32(&opt, 1, 0);
  spec.ellipsis_mask = mote_options_i32(&opt, 2, 0);
  spec.new_axis_mask = mote_options_i32(&opt, 3, 0);
  spec.shrink_axis_mask = mote_options_i32(&opt, 4, 0);
  spec.offset = mote_options_bool(&opt, 5, false);
  return mote_strided_slice_prepare_walk(ctx, &spec, &in, &out,
                                         sizeof(mote_strided_slice_params_t));
}

mote_status_t mote_strided_slice_invoke(mote_kctx_t *ctx) {
  const mote_strided_slice_params_t *p =
      (const mote_strided_slice_params_t *)mote_kctx_user_data(ctx);
  mote_strided_slice(p, mote_kctx_input_data(ctx, 0),
                     mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_strided_slice = {
    "STRIDED_SLICE", 8, strided_slice_prepare, mote_strided_slice_invoke};
