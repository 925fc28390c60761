/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Convolutions written over their own input (kernels/inplace.h,
 * conv_inplace.c): on random geometries (1x1 to 3x3 windows, strides 1
 * and 2, dilation, SAME and VALID padding, channel expansion and
 * contraction, CONV_2D and DEPTHWISE_CONV_2D, int8 and float32), the
 * output computed in bands through the ring, in the layout the planner
 * gives (output at the block's start, input `rel` bytes on), must equal
 * byte for byte the output computed into separate memory, with rings of
 * the least rows and of a few more (bands of several rows that wrap). The
 * lag must stay small: one row for 1x1 layers, at most three for 3x3
 * ones whose rows are no wider than the input's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/conv_2d.h"
#include "kernels/conv_common.h"
#include "kernels/depthwise_conv_2d.h"
#include "kernels/inplace.h"
#include "mote/tensor.h"
#include "test.h"

static uint32_t g_rng = 0x1234567u;
static uint32_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}
static int32_t rnd_range(int32_t lo, int32_t hi) {
  return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}

static const int32_t kMult = 1 << 30;
static const int8_t kShift = -6;

static void call(const mote_conv_op_t *op, const mote_conv_params_t *p,
                 const void *input, void *output, const mote_conv_data_t *d,
                 void *scratch) {
  const int dw = p->depth_multiplier > 0;
  if (op->type == MOTE_TYPE_FLOAT32) {
    (dw ? mote_depthwise_conv_2d_f32_ref : mote_conv_2d_f32_ref)(
        p, (const float *)input, (const float *)d->filter,
        (const float *)d->bias, (float *)output, scratch);
  } else {
    (dw ? mote_depthwise_conv_2d_s8_ref : mote_conv_2d_s8_ref)(
        p, (const int8_t *)input, (const int8_t *)d->filter,
        (const int32_t *)d->bias, (int8_t *)output, scratch);
  }
}

/* TFLM's output size and leading padding for one dimension. */
static void dim(int32_t in, int32_t f, int32_t s, int32_t dil, int same,
                int32_t *out, int32_t *pad) {
  const int32_t ext = (f - 1) * dil + 1;
  int32_t total;
  *out = same ? (in + s - 1) / s : (in - ext + s) / s;
  total = (*out - 1) * s + ext - in;
  *pad = total > 0 ? total / 2 : 0;
}

/* A random layer into *op; 0 when its shape is degenerate. */
static int random_layer(mote_conv_op_t *op) {
  mote_conv_params_t *p = &op->p;
  const int dw = (int)(rnd() % 2);
  const int same = (int)(rnd() % 2);
  memset(op, 0, sizeof *op);
  op->type = (rnd() % 2) ? MOTE_TYPE_INT8 : MOTE_TYPE_FLOAT32;
  p->batches = 1;
  p->in_h = rnd_range(2, 12);
  p->in_w = rnd_range(1, 9);
  p->in_c = rnd_range(1, 9);
  p->filter_h = rnd_range(1, 3);
  p->filter_w = rnd_range(1, 3);
  p->stride_h = rnd_range(1, 2);
  p->stride_w = rnd_range(1, 2);
  p->dilation_h = (rnd() % 4 == 0) ? 2 : 1;
  p->dilation_w = 1;
  if (dw) {
    p->depth_multiplier = rnd_range(1, 2);
    p->out_c = p->in_c * p->depth_multiplier;
  } else {
    p->filter_c = p->in_c;
    p->out_c = rnd_range(1, 12);
  }
  dim(p->in_h, p->filter_h, p->stride_h, p->dilation_h, same, &p->out_h,
      &p->pad_h);
  dim(p->in_w, p->filter_w, p->stride_w, p->dilation_w, same, &p->out_w,
      &p->pad_w);
  p->input_offset = 3;
  p->rq.multiplier = &kMult;
  p->rq.shift = &kShift;
  p->rq.output_offset = -2;
  p->rq.act_min = -128;
  p->rq.act_max = 127;
  p->act_min_f = -1e30f;
  p->act_max_f = 1e30f;
  return p->out_h >= 1 && p->out_w >= 1;
}

static void fill(uint8_t *b, size_t n, int is_float) {
  size_t i;
  if (is_float) {
    for (i = 0; i + 4 <= n; i += 4) {
      const float v = (float)rnd_range(-64, 64) / 8.0f;
      memcpy(b + i, &v, 4);
    }
  } else {
    for (i = 0; i < n; i++) {
      b[i] = (uint8_t)rnd();
    }
  }
}

static void test_random_layers(void) {
  int tried = 0;
  int in_place = 0;
  int ring_hist[4] = {0, 0, 0, 0};
  while (tried < 3000) {
    mote_conv_op_t op;
    mote_conv_data_t d;
    const mote_conv_params_t *p = &op.p;
    mote_rows_t g;
    uint32_t rel = 0, policy_rel = 0;
    int32_t rows, lag, policy;
    size_t e, in_bytes, out_bytes, block, f_bytes;
    uint8_t *filter, *bias, *input, *expect, *mem, *ring;
    if (!random_layer(&op)) {
      continue;
    }
    tried++;
    if (!mote_conv_rows(&op, &g)) {
      continue;
    }
    /* The lag's ring, then bands of up to three more rows (wrapping). */
    lag = mote_rows_ring(&g);
    rel = g.rel;
    ring_hist[lag > 3 ? 3 : lag]++;
    if (p->filter_h == 1 && p->stride_h == 1) {
      CHECK_EQ_INT(lag, 1);
    }
    /* Rows no wider than the input's: at most a 3x3 window's lag. (Wider
     * rows over a smaller tensor, say VALID 5-row windows that add
     * channels, lag more; still correct, the ring is sized for it.) */
    if (g.out_row <= g.in_row && p->dilation_h == 1) {
      CHECK(lag <= 3);
    }
    rows = lag + rnd_range(0, 3);
    rows = rows > p->out_h ? p->out_h : rows;
    /* What prepare asks for is 0 or at least the lag, at this rel. */
    policy = mote_conv_inplace_rows(&op, &policy_rel);
    CHECK(policy == 0 || (policy >= lag && policy_rel == rel));
    in_place++;
    e = op.type == MOTE_TYPE_FLOAT32 ? 4u : 1u;
    in_bytes = (size_t)p->in_h * (size_t)p->in_w * (size_t)p->in_c * e;
    out_bytes = (size_t)p->out_h * (size_t)p->out_w * (size_t)p->out_c * e;
    f_bytes = (size_t)p->filter_h * (size_t)p->filter_w * e *
              (size_t)(p->depth_multiplier > 0 ? p->out_c
                                               : p->out_c * p->filter_c);
    block = (in_bytes > out_bytes ? in_bytes : out_bytes) + 16u;
    CHECK(rel + in_bytes <= block);
    filter = (uint8_t *)malloc(f_bytes);
    bias = (uint8_t *)malloc((size_t)p->out_c * 4u);
    input = (uint8_t *)malloc(in_bytes);
    expect = (uint8_t *)malloc(out_bytes);
    mem = (uint8_t *)calloc(1, block);
    ring = (uint8_t *)malloc((size_t)rows * (out_bytes / (size_t)p->out_h));
    fill(filter, f_bytes, e == 4);
    fill(bias, (size_t)p->out_c * 4u, e == 4);
    if (e == 1) {
      memset(bias, 0, (size_t)p->out_c * 4u);
    }
    fill(input, in_bytes, e == 4);
    d.filter = filter;
    d.bias = bias;
    d.input = input;
    d.output = expect;
    mote_conv_run_ring(&op, &d, NULL, NULL, call);
    memcpy(mem + rel, input, in_bytes);
    d.input = mem + rel;
    d.output = mem;
    op.ring_rows = rows;
    mote_conv_run_ring(&op, &d, NULL, ring, call);
    if (memcmp(mem, expect, out_bytes) != 0) {
      CHECK(0);
      fprintf(stderr,
              "in-place mismatch: %s %s in %dx%dx%d out %dx%dx%d f %dx%d "
              "s %d,%d dil %d pad %d,%d rel %u ring %d\n",
              p->depth_multiplier ? "dw" : "conv",
              e == 4 ? "f32" : "s8", (int)p->in_h, (int)p->in_w,
              (int)p->in_c, (int)p->out_h, (int)p->out_w, (int)p->out_c,
              (int)p->filter_h, (int)p->filter_w, (int)p->stride_h,
              (int)p->stride_w, (int)p->dilation_h, (int)p->pad_h,
              (int)p->pad_w, (unsigned)rel, (int)rows);
    }
    free(filter);
    free(bias);
    free(input);
    free(expect);
    free(mem);
    free(ring);
  }
  printf("  %d layers, %d run in place; lag of 1/2/3+ rows: %d/%d/%d\n",
         tried, in_place, ring_hist[1], ring_hist[2], ring_hist[3]);
  CHECK(in_place > 1000);
}

/* The ring on shapes worked out by hand: a same-size 3x3 layer needs two
 * rows (an output row may go where input row y lies only once row y + 1,
 * the last reader of y, is done), a 1x1 layer one, and a stride-2 3x3
 * halving layer one. */
static void test_ring_rows(void) {
  mote_rows_t g;
  memset(&g, 0, sizeof g);
  g.in_h = 25;
  g.out_h = 25;
  g.stride = 1;
  g.pad = 1;
  g.extent = 3;
  g.in_row = 320;
  g.out_row = 320;
  CHECK_EQ_INT(mote_rows_ring(&g), 2);
  g.pad = 0;
  g.extent = 1;
  CHECK_EQ_INT(mote_rows_ring(&g), 1);
  g.in_h = 48;
  g.out_h = 24;
  g.stride = 2;
  g.pad = 0;
  g.extent = 3;
  g.in_row = 48 * 16;
  g.out_row = 24 * 16;
  CHECK_EQ_INT(mote_rows_ring(&g), 1);
  /* Expansion: 8 -> 16 channels, 1x1; the input sits at the block's end. */
  g.in_h = 48;
  g.out_h = 48;
  g.stride = 1;
  g.extent = 1;
  g.in_row = 48 * 8;
  g.out_row = 48 * 16;
  g.rel = 48 * 48 * 8;
  CHECK_EQ_INT(mote_rows_ring(&g), 1);
}

int main(void) {
  MOTE_RUN(test_ring_rows);
  MOTE_RUN(test_random_layers);
  return MOTE_TEST_END();
}
