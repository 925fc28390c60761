/* SPDX-License-Identifier: Apache-2.0 */
/*
 * STRIDED_SLICE tests.
 *
 * 1. A table of cases with expected shapes and values worked out by hand
 *    (most are the vectors of TFLite's own strided_slice_test.cc, including
 *    its ellipsis / new-axis cases), plus the cases TFLite leaves unwritten
 *    and mote rejects.
 * 2. Randomized plain slices (begin/end/shrink masks, negative indices and
 *    strides, out-of-range bounds) against an independent reference that
 *    builds each dimension's index list with Python slice rules and gathers
 *    element by element.
 * Element sizes 1, 2, 4 and 8 are all exercised.
 */
#include <stdint.h>
#include <string.h>

#include "kernels/strided_slice.h"
#include "test.h"

typedef struct ss_case {
  const char *name;
  uint8_t in_rank;
  int32_t in_dims[MOTE_MAX_DIMS];
  uint32_t n;
  int32_t begin[8], end[8], strides[8];
  int32_t bmask, emask, ellmask, naxmask, smask;
  bool offset;
  mote_status_t status;
  uint8_t out_rank;
  int32_t out_dims[MOTE_MAX_DIMS];
  int32_t nvals;      /* -1: do not check values */
  int32_t vals[16];   /* expected output, input holds 1, 2, 3, ... */
} ss_case_t;

static const ss_case_t cases[] = {
    {"1d", 1, {4}, 1, {1}, {3}, {1}, 0, 0, 0, 0, 0, false, MOTE_OK, 1, {2}, 2,
     {2, 3}},
    {"1d_empty_begin_past_end", 1, {4}, 1, {10}, {3}, {1}, 0, 0, 0, 0, 0,
     false, MOTE_OK, 1, {0}, 0, {0}},
    {"1d_neg_begin", 1, {4}, 1, {-3}, {3}, {1}, 0, 0, 0, 0, 0, false, MOTE_OK,
     1, {2}, 2, {2, 3}},
    {"1d_oob_begin", 1, {4}, 1, {-5}, {3}, {1}, 0, 0, 0, 0, 0, false, MOTE_OK,
     1, {3}, 3, {1, 2, 3}},
    {"1d_neg_end", 1, {4}, 1, {1}, {-2}, {1}, 0, 0, 0, 0, 0, false, MOTE_OK, 1,
     {1}, 1, {2}},
    {"1d_oob_end", 1, {4}, 1, {-3}, {5}, {1}, 0, 0, 0, 0, 0, false, MOTE_OK, 1,
     {3}, 3, {2, 3, 4}},
    {"1d_begin_mask", 1, {4}, 1, {1}, {3}, {1}, 1, 0, 0, 0, 0, false, MOTE_OK,
     1, {3}, 3, {1, 2, 3}},
    {"1d_neg_begin_neg_stride", 1, {4}, 1, {-2}, {-3}, {-1}, 0, 0, 0, 0, 0,
     false, MOTE_OK, 1, {1}, 1, {3}},
    {"1d_oob_begin_neg_stride", 1, {4}, 1, {5}, {2}, {-1}, 0, 0, 0, 0, 0,
     false, MOTE_OK, 1, {1}, 1, {4}},
    {"1d_neg_end_neg_stride", 1, {4}, 1, {2}, {-4}, {-1}, 0, 0, 0, 0, 0, false,
     MOTE_OK, 1, {2}, 2, {3, 2}},
    {"1d_oob_end_neg_stride", 1, {4}, 1, {-3}, {-5}, {-1}, 0, 0, 0, 0, 0,
     false, MOTE_OK, 1, {2}, 2, {2, 1}},
    {"1d_end_mask", 1, {4}, 1, {1}, {3}, {1}, 0, 1, 0, 0, 0, false, MOTE_OK, 1,
     {3}, 3, {2, 3, 4}},
    {"1d_reverse", 1, {3}, 1, {-1}, {-4}, {-1}, 0, 0, 0, 0, 0, false, MOTE_OK,
     1, {3}, 3, {3, 2, 1}},
    {"1d_odd_stride2", 1, {3}, 1, {0}, {3}, {2}, 0, 0, 0, 0, 0, false, MOTE_OK,
     1, {2}, 2, {1, 3}},
    {"1d_m3_m4_m1", 1, {4}, 1, {-3}, {-4}, {-1}, 0, 0, 0, 0, 0, false, MOTE_OK,
     1, {1}, 1, {2}},
    {"2d_neg_stride", 2, {2, 3}, 2, {1, -1}, {2, -4}, {2, -1}, 0, 0, 0, 0, 0,
     false, MOTE_OK, 2, {1, 3}, 3, {6, 5, 4}},
    {"2d_neg_stride_begin_mask", 2, {2, 3}, 2, {1, -2}, {2, -4}, {1, -1}, 2, 0,
     0, 0, 0, false, MOTE_OK, 2, {1, 3}, 3, {6, 5, 4}},
    {"2d_neg_stride_end_mask", 2, {2, 3}, 2, {1, -2}, {2, -3}, {1, -1}, 0, 2,
     0, 0, 0, false, MOTE_OK, 2, {1, 2}, 2, {5, 4}},
    {"2d_neg_end_mask", 2, {2, 3}, 2, {0, -1}, {2, -3}, {1, -1}, 0, 2, 0, 0, 0,
     false, MOTE_OK, 2, {2, 3}, 6, {3, 2, 1, 6, 5, 4}},
    {"3d_reverse_all", 3, {2, 3, 2}, 3, {-1, -1, -1}, {-3, -4, -3},
     {-1, -1, -1}, 0, 0, 0, 0, 0, false, MOTE_OK, 3, {2, 3, 2}, 12,
     {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
    {"3d_stride2", 3, {2, 3, 2}, 3, {0, 0, 0}, {2, 3, 2}, {2, 2, 2}, 0, 0, 0, 0,
     0, false, MOTE_OK, 3, {1, 2, 1}, 2, {1, 5}},
    {"1d_shrink", 1, {4}, 1, {1}, {2}, {1}, 0, 0, 0, 0, 1, false, MOTE_OK, 0,
     {0}, 1, {2}},
    {"1d_shrink_negative", 1, {4}, 1, {-1}, {0}, {1}, 0, 0, 0, 0, 1, false,
     MOTE_OK, 0, {0}, 1, {4}},
    /* TFLite clamps a shrink index before the start to 0 (no error). */
    {"1d_shrink_before_start", 1, {4}, 1, {-7}, {0}, {1}, 0, 0, 0, 0, 1, false,
     MOTE_OK, 0, {0}, 1, {1}},
    {"2d_shrink3_negative", 2, {4, 1}, 2, {-2, -1}, {-1, 0}, {1, 1}, 0, 0, 0,
     0, 3, false, MOTE_OK, 0, {0}, 1, {3}},
    {"2d_shrink2_masks_axis1", 2, {4, 1}, 2, {0, -1}, {0, 0}, {1, 1}, 1, 1, 0,
     0, 2, false, MOTE_OK, 1, {4}, 4, {1, 2, 3, 4}},
    {"2d_shrink_end_mask_same_axis", 2, {2, 2}, 2, {0, -1}, {0, 0}, {1, -1}, 1,
     1, 0, 0, 1, false, MOTE_OK, 1, {1}, 1, {2}},
    {"3d_shrink5", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 3, 1}, {1, 1, 1}, 0, 0, 0, 0,
     5, false, MOTE_OK, 1, {3}, 3, {1, 3, 5}},
    {"3d_shrink7", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 1, 1}, {1, 1, 1}, 0, 0, 0, 0,
     7, false, MOTE_OK, 0, {0}, 1, {1}},
    {"5d_identity", 5, {2, 2, 2, 1, 2}, 5, {0, 0, 0, 0, 0}, {2, 1, 2, 1, 2},
     {1, 1, 1, 1, 1}, 0, 0, 0, 0, 0, false, MOTE_OK, 5, {2, 1, 2, 1, 2}, 8,
     {1, 2, 3, 4, 9, 10, 11, 12}},
    {"5d_shrink1", 5, {2, 2, 2, 1, 2}, 5, {0, 0, 0, 0, 0}, {2, 1, 2, 1, 2},
     {1, 1, 1, 1, 1}, 0, 0, 0, 0, 1, false, MOTE_OK, 4, {1, 2, 1, 2}, 4,
     {1, 2, 3, 4}},
    {"3d_short_spec", 3, {2, 3, 2}, 1, {0}, {1}, {1}, 0, 0, 0, 0, 0, false,
     MOTE_OK, 3, {1, 3, 2}, 6, {1, 2, 3, 4, 5, 6}},
    {"3d_short_spec_shrink", 3, {2, 3, 2}, 1, {1}, {2}, {1}, 0, 0, 0, 0, 1,
     false, MOTE_OK, 2, {3, 2}, 6, {7, 8, 9, 10, 11, 12}},
    {"3d_backward_empty", 3, {1, 1, 2}, 3, {1, 0, 0}, {0, -1, -1}, {1, 1, 1},
     6, 7, 0, 0, 0, false, MOTE_OK, 3, {0, 1, 2}, 0, {0}},
    {"ellipsis1_newaxis2", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 2, 1}, {1, 1, 1}, 0,
     0, 1, 2, 0, false, MOTE_OK, 4, {2, 3, 1, 1}, 6, {1, 3, 5, 7, 9, 11}},
    {"ellipsis2_newaxis1", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 2, 1}, {1, 1, 1}, 0,
     0, 2, 1, 0, false, MOTE_OK, 4, {1, 2, 3, 1}, 6, {1, 3, 5, 7, 9, 11}},
    {"ellipsis2_newaxis5", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 2, 1}, {1, 1, 1}, 0,
     0, 2, 5, 0, false, MOTE_OK, 5, {1, 2, 3, 2, 1}, 12,
     {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
    {"ellipsis2_newaxis2", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 2, 1}, {1, 1, 1}, 0,
     0, 2, 2, 0, false, MOTE_OK, 3, {1, 3, 1}, 3, {1, 3, 5}},
    {"ellipsis4_newaxis2", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 2, 1}, {1, 1, 1}, 0,
     0, 4, 2, 0, false, MOTE_OK, 4, {1, 1, 3, 2}, 6, {1, 2, 3, 4, 5, 6}},
    {"ellipsis2", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 2, 1}, {1, 1, 1}, 0, 0, 2, 0,
     0, false, MOTE_OK, 3, {1, 3, 1}, 3, {1, 3, 5}},
    {"newaxis2", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 3, 1}, {1, 1, 1}, 0, 0, 0, 2,
     0, false, MOTE_OK, 4, {1, 1, 1, 2}, 2, {1, 2}},
    {"newaxis1", 3, {2, 3, 2}, 3, {0, 0, 0}, {1, 3, 1}, {1, 1, 1}, 0, 0, 0, 1,
     0, false, MOTE_OK, 4, {1, 2, 1, 2}, 4, {1, 2, 7, 8}},
    /* [..., 1] on [2,3,2]: ellipsis spans the two leading dims. */
    {"ellipsis_then_shrink", 3, {2, 3, 2}, 2, {0, 1}, {0, 2}, {1, 1}, 0, 0, 1,
     0, 2, false, MOTE_OK, 2, {2, 3}, 6, {2, 4, 6, 8, 10, 12}},
    /* TFLite's "no infinite loop" case: 6 entries on a [1,1] input. */
    {"many_new_axes", 2, {1, 1}, 6, {1, 1, 1, 1, 1, 1}, {3, 3, 3, 3, 3, 3},
     {1, 1, 1, 1, 1, 1}, 1, 2, 1, 6, 0, false, MOTE_OK, 4, {1, 1, 1, 0}, 0,
     {0}},
    /* Offset: end is a size from begin; [1:3, 1:2] on [3,3]. */
    {"offset", 2, {3, 3}, 2, {1, 1}, {2, 1}, {1, 1}, 0, 0, 0, 0, 0, true,
     MOTE_OK, 2, {2, 1}, 2, {5, 8}},
    {"offset_neg_stride", 1, {5}, 1, {4}, {-3}, {-1}, 0, 0, 0, 0, 0, true,
     MOTE_OK, 1, {3}, 3, {5, 4, 3}},
    /* Rejected: TFLite would size an output it never writes. */
    {"shrink_oob", 1, {1}, 1, {1}, {1}, {1}, 0, 0, 0, 0, 1, false,
     MOTE_ERR_BAD_SHAPE, 0, {0}, -1, {0}},
    {"shrink_neg_stride", 1, {4}, 1, {2}, {1}, {-1}, 0, 0, 0, 0, 1, false,
     MOTE_ERR_BAD_SHAPE, 0, {0}, -1, {0}},
    {"zero_stride", 2, {2, 3}, 2, {0, 0}, {2, 3}, {1, 0}, 0, 0, 0, 0, 0, false,
     MOTE_ERR_BAD_SHAPE, 0, {0}, -1, {0}},
    {"two_ellipses", 2, {2, 3}, 2, {0, 0}, {2, 3}, {1, 1}, 0, 0, 3, 0, 0, false,
     MOTE_ERR_BAD_SHAPE, 0, {0}, -1, {0}},
    {"mask_past_spec", 2, {2, 3}, 1, {0}, {2}, {1}, 0, 0, 0, 2, 0, false,
     MOTE_ERR_BAD_SHAPE, 0, {0}, -1, {0}},
    {"seven_dims", 6, {1, 1, 1, 1, 1, 2}, 1, {0}, {1}, {1}, 0, 0, 0, 1, 0,
     false, MOTE_ERR_UNSUPPORTED, 0, {0}, -1, {0}},
    {"six_dims", 6, {1, 2, 1, 2, 1, 2}, 6, {0, 1, 0, -1, 0, 1},
     {1, 2, 1, 2, 1, 2}, {1, 1, 1, -1, 1, 1}, 0, 8, 0, 0, 0, false, MOTE_OK, 6,
     {1, 1, 1, 2, 1, 1}, 2, {8, 6}},
};

static void fill_spec(const ss_case_t *c, mote_strided_slice_spec_t *s) {
  memset(s, 0, sizeof(*s));
  s->count = c->n;
  memcpy(s->begin, c->begin, sizeof(c->begin));
  memcpy(s->end, c->end, sizeof(c->end));
  memcpy(s->strides, c->strides, sizeof(c->strides));
  s->begin_mask = c->bmask;
  s->end_mask = c->emask;
  s->ellipsis_mask = c->ellmask;
  s->new_axis_mask = c->naxmask;
  s->shrink_axis_mask = c->smask;
  s->offset = c->offset;
}

/* Stores value v (truncated) as element i of size es, little end first. */
static void put(uint8_t *buf, size_t es, int32_t i, int64_t v) {
  size_t b;
  for (b = 0; b < es; ++b) {
    buf[(size_t)i * es + b] = (uint8_t)((uint64_t)v >> (8 * b));
  }
}

static void test_table(void) {
  static const size_t sizes[] = {1, 2, 4, 8};
  size_t c, z;
  for (c = 0; c < sizeof(cases) / sizeof(cases[0]); ++c) {
    const ss_case_t *tc = &cases[c];
    for (z = 0; z < 4; ++z) {
      const size_t es = sizes[z];
      mote_strided_slice_spec_t spec;
      mote_strided_slice_params_t p;
      int32_t dims[MOTE_MAX_DIMS];
      uint8_t rank = 99;
      const char *reason = NULL;
      uint8_t in[64 * 8], out[64 * 8], want[64 * 8];
      int32_t n_in = 1, i;
      mote_status_t st;
      fill_spec(tc, &spec);
      st = mote_strided_slice_plan(&spec, tc->in_dims, tc->in_rank, &p, dims,
                                   &rank, &reason);
      if (st != tc->status) {
        fprintf(stderr, "case %s: status %d, want %d (%s)\n", tc->name,
                (int)st, (int)tc->status, reason ? reason : "");
      }
      CHECK_EQ_INT(st, tc->status);
      if (st != MOTE_OK) {
        CHECK(reason != NULL && reason[0] != '\0');
        continue;
      }
      CHECK_EQ_INT(rank, tc->out_rank);
      for (i = 0; i < tc->out_rank && i < rank; ++i) {
        CHECK_EQ_INT(dims[i], tc->out_dims[i]);
      }
      if (tc->nvals < 0) {
        continue;
      }
      for (i = 0; i < tc->in_rank; ++i) {
        n_in *= tc->in_dims[i];
      }
      for (i = 0; i < n_in; ++i) {
        put(in, es, i, 0x0102030405060700LL + i + 1);
      }
      for (i = 0; i < tc->nvals; ++i) {
        put(want, es, i, 0x0102030405060700LL + tc->vals[i]);
      }
      memset(out, 0xA5, sizeof(out));
      p.elem_size = es;
      mote_strided_slice(&p, in, out);
      if (memcmp(out, want, (size_t)tc->nvals * es) != 0) {
        fprintf(stderr, "case %s (elem %u): values differ\n", tc->name,
                (unsigned)es);
        CHECK(0);
      }
      /* Nothing written past the slice. */
      CHECK(out[(size_t)tc->nvals * es] == 0xA5);
    }
  }
}

/* --- randomized plain slices against Python slice rules -------------- */

static uint32_t rng = 2463534242u;
static int32_t rnd(int32_t lo, int32_t hi) { /* inclusive */
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return lo + (int32_t)(rng % (uint32_t)(hi - lo + 1));
}

/* Indices a Python slice begin:end:stride (None under a mask) visits on a
 * dimension of size n. Returns the count. */
static int32_t py_slice(int32_t n, int32_t b, int32_t e, int32_t s,
                        bool bnone, bool enone, int32_t *out) {
  int32_t lo, hi, k = 0, i;
  if (s > 0) {
    lo = bnone ? 0 : (b < 0 ? (b + n < 0 ? 0 : b + n) : (b > n ? n : b));
    hi = enone ? n : (e < 0 ? (e + n < 0 ? 0 : e + n) : (e > n ? n : e));
    for (i = lo; i < hi; i += s) {
      out[k++] = i;
    }
  } else {
    lo = bnone ? n - 1
               : (b < 0 ? (b + n < 0 ? -1 : b + n) : (b > n - 1 ? n - 1 : b));
    hi = enone ? -1
               : (e < 0 ? (e + n < 0 ? -1 : e + n) : (e > n - 1 ? n - 1 : e));
    for (i = lo; i > hi; i += s) {
      out[k++] = i;
    }
  }
  return k;
}

static void test_random(void) {
  int iter;
  for (iter = 0; iter < 3000; ++iter) {
    mote_strided_slice_spec_t spec;
    mote_strided_slice_params_t p;
    int32_t in_dims[MOTE_MAX_DIMS], dims[MOTE_MAX_DIMS];
    int32_t idx[4][16], cnt[4], in_stride[4];
    int32_t want[4096], got[4096];
    const char *reason = NULL;
    uint8_t rank = 0, rank_in = (uint8_t)rnd(1, 4), want_rank = 0;
    int32_t total = 1, d, k, n_in = 1;
    bool expect_fail = false;
    mote_status_t st;

    memset(&spec, 0, sizeof(spec));
    spec.count = rank_in;
    for (d = 0; d < rank_in; ++d) {
      in_dims[d] = rnd(1, 5);
      n_in *= in_dims[d];
    }
    for (d = rank_in - 1, k = 1; d >= 0; --d) {
      in_stride[d] = k;
      k *= in_dims[d];
    }
    for (d = 0; d < rank_in; ++d) {
      const int32_t n = in_dims[d];
      bool shrink = rnd(0, 4) == 0;
      spec.begin[d] = rnd(-n - 2, n + 2);
      spec.end[d] = rnd(-n - 2, n + 2);
      spec.strides[d] = rnd(-3, 3);
      if (spec.strides[d] == 0) {
        spec.strides[d] = 1;
      }
      if (rnd(0, 3) == 0) {
        spec.begin_mask |= 1 << d;
      }
      if (rnd(0, 3) == 0) {
        spec.end_mask |= 1 << d;
      }
      if (shrink) {
        /* x[i]. TFLite does not fail on an index before the start: it
         * clamps it to 0 like a slice bound. Past the end, or with a
         * negative stride (its loop never runs), nothing is written, which
         * mote rejects. */
        int32_t i = spec.begin[d] < 0 ? spec.begin[d] + n : spec.begin[d];
        i = i < 0 ? 0 : i;
        spec.shrink_axis_mask |= 1 << d;
        if ((spec.begin_mask & (1 << d)) != 0) {
          i = spec.strides[d] > 0 ? 0 : n - 1;
        }
        if (i < 0 || i >= n || spec.strides[d] < 0) {
          expect_fail = true;
        }
        cnt[d] = 1;
        idx[d][0] = i;
      } else {
        cnt[d] = py_slice(n, spec.begin[d], spec.end[d], spec.strides[d],
                          (spec.begin_mask & (1 << d)) != 0,
                          (spec.end_mask & (1 << d)) != 0, idx[d]);
        dims[want_rank++] = cnt[d];
      }
      total *= cnt[d];
    }
    {
      int32_t tmp[MOTE_MAX_DIMS];
      memcpy(tmp, dims, sizeof(tmp));
      st = mote_strided_slice_plan(&spec, in_dims, rank_in, &p, dims, &rank,
                                   &reason);
      if (expect_fail) {
        CHECK_EQ_INT(st, MOTE_ERR_BAD_SHAPE);
        continue;
      }
      CHECK_EQ_INT(st, MOTE_OK);
      if (st != MOTE_OK) {
        continue;
      }
      CHECK_EQ_INT(rank, want_rank);
      for (d = 0; d < want_rank; ++d) {
        CHECK_EQ_INT(dims[d], tmp[d]);
      }
    }
    /* Reference gather over the index lists. */
    for (k = 0; k < total; ++k) {
      int32_t rem = k, off = 0;
      for (d = rank_in - 1; d >= 0; --d) {
        off += idx[d][rem % cnt[d]] * in_stride[d];
        rem /= cnt[d];
      }
      want[k] = off * 7 + 3;
    }
    {
      int32_t in[1024];
      for (k = 0; k < n_in; ++k) {
        in[k] = k * 7 + 3;
      }
      p.elem_size = 4;
      got[total] = -1;
      mote_strided_slice(&p, in, got);
      CHECK(memcmp(got, want, (size_t)total * 4) == 0);
      CHECK_EQ_INT(got[total], -1);
    }
  }
}

int main(void) {
  MOTE_RUN(test_table);
  MOTE_RUN(test_random);
  return MOTE_TEST_END();
}
