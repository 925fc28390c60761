/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared setup for the pooling tests: a table of shapes, filters, strides,
 * paddings and activations, and mote_pool_params_t filled from TFLite's
 * documented SAME / VALID rules, worked out here independently of
 * src/kernels/pooling.c.
 */
#ifndef MOTE_TEST_POOL_REF_H
#define MOTE_TEST_POOL_REF_H

#include <float.h>
#include <stdint.h>

#include "arith_ref.h"
#include "kernels/pooling.h"

typedef struct pool_case {
  int32_t batches, in_h, in_w, depth;
  int32_t fh, fw, sh, sw;
  int same; /* 1 SAME, 0 VALID */
  int act;  /* 0 NONE, 1 RELU, 2 RELU_N1_TO_1, 3 RELU6 */
} pool_case_t;

static const pool_case_t pool_cases[] = {
    {1, 5, 7, 3, 2, 3, 1, 2, 1, 0},
    {2, 6, 6, 2, 3, 3, 2, 2, 1, 1},
    {1, 6, 6, 4, 3, 3, 2, 2, 0, 3},
    {1, 25, 5, 8, 25, 5, 25, 5, 0, 0}, /* kws_dscnn global average */
    {1, 3, 3, 5, 3, 3, 2, 2, 0, 2},    /* person_detect: filter 3, stride 2 */
    {1, 4, 4, 2, 4, 4, 1, 1, 1, 0},    /* windows hanging off every side */
    {1, 1, 1, 3, 1, 1, 1, 1, 0, 0},
    {1, 7, 3, 2, 1, 1, 3, 2, 1, 1},    /* stride larger than the filter */
    {3, 8, 8, 1, 2, 2, 2, 2, 1, 3},
};
#define NPOOL (sizeof(pool_cases) / sizeof(pool_cases[0]))

/* ceil(a / b) for a >= 0, b > 0. */
static inline int32_t ref_ceil_div(int32_t a, int32_t b) {
  return (a + b - 1) / b;
}

/* Output extent and leading padding of one spatial dimension. */
static inline void ref_pool_dim(int same, int32_t in, int32_t f, int32_t s,
                                int32_t *out, int32_t *pad) {
  int32_t total;
  *out = same ? ref_ceil_div(in, s) : ref_ceil_div(in - f + 1, s);
  total = (*out - 1) * s + f - in;
  *pad = total > 0 ? total / 2 : 0;
}

/* Fills p for case c; integer activation ranges for (scale, zp) on
 * [qmin, qmax], float ones from the activation's real bounds. */
static inline void ref_pool_params(const pool_case_t *c, float scale,
                                   int32_t zp, int32_t qmin, int32_t qmax,
                                   mote_pool_params_t *p) {
  static const float flo[] = {-FLT_MAX, 0.0f, -1.0f, 0.0f};
  static const float fhi[] = {FLT_MAX, FLT_MAX, 1.0f, 6.0f};
  p->batches = c->batches;
  p->in_h = c->in_h;
  p->in_w = c->in_w;
  p->depth = c->depth;
  p->filter_h = c->fh;
  p->filter_w = c->fw;
  p->stride_h = c->sh;
  p->stride_w = c->sw;
  ref_pool_dim(c->same, c->in_h, c->fh, c->sh, &p->out_h, &p->pad_h);
  ref_pool_dim(c->same, c->in_w, c->fw, c->sw, &p->out_w, &p->pad_w);
  ref_act_q(c->act, scale, zp, qmin, qmax, &p->act_min, &p->act_max);
  p->act_min_f = flo[c->act];
  p->act_max_f = fhi[c->act];
}

/* Input offset of (b, y, x, ch), or -1 when (y, x) is padding. */
static inline int32_t ref_pool_at(const mote_pool_params_t *p, int32_t b,
                                  int32_t y, int32_t x, int32_t ch) {
  if (y < 0 || y >= p->in_h || x < 0 || x >= p->in_w) {
    return -1;
  }
  return ((b * p->in_h + y) * p->in_w + x) * p->depth + ch;
}

#endif /* MOTE_TEST_POOL_REF_H */
