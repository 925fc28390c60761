/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONV_2D and DEPTHWISE_CONV_2D with the output over the input, through
 * a ring of rows (kernels/inplace.h): the geometry of the op in rows,
 * and each band of output rows as a smaller convolution of the same
 * kind, so that every bound implementation runs it unchanged.
 */
#include <stddef.h>

#include "kernels/conv_common.h"
#include "kernels/inplace.h"
#include "mote/interp.h"

/* Bands of at least MIN_BAND bytes and MIN_BAND_PIXELS pixels, more rows
 * than the lag needs: every call of an implementation pays a set-up, and
 * blocked kernels waste their tails on short bands. Measured at -O2:
 * Helium kernels set up per channel group: on Cortex-M55 one-row bands
 * cost kws +42% instructions, 512-byte bands +8% (1024 loses
 * micro_speech's overlap: its ring would not pay). Since the depthwise
 * layers run in assembly, 256 bytes costs at most +0.3% against 512 on
 * the six MLPerf/TFLM models and saves up to 5% arena. The DSP convolution
 * pairs pixels, so on Cortex-M4 one-pixel bands cost sww +52%; 8 pixels
 * keep the pairs and the ring small. */
#if defined(__ARM_FEATURE_MVE)
#define MIN_BAND 256u
#else
#define MIN_BAND 1u
#endif
#define MIN_BAND_PIXELS 8

static uint32_t elem_bytes(uint8_t type) {
  return type == MOTE_TYPE_FLOAT32 ? 4u : (type == MOTE_TYPE_INT8 ? 1u : 2u);
}

static uint32_t round_up(uint64_t bytes) {
  return (uint32_t)((bytes + MOTE_ARENA_ALIGN - 1u) &
                    ~(uint64_t)(MOTE_ARENA_ALIGN - 1u));
}

static uint32_t op_row_bytes(const mote_conv_op_t *op) {
  return (uint32_t)op->p.out_w * (uint32_t)op->p.out_c * elem_bytes(op->type);
}

static void op_rows(const mote_conv_op_t *op, mote_rows_t *g) {
  const mote_conv_params_t *p = &op->p;
  const uint32_t e = elem_bytes(op->type);
  const uint64_t in_bytes = (uint64_t)p->in_h * (uint32_t)p->in_w *
                            (uint32_t)p->in_c * e;
  const uint64_t out_bytes = (uint64_t)p->out_h * (uint32_t)p->out_w *
                             (uint32_t)p->out_c * e;
  g->in_h = p->in_h;
  g->out_h = p->out_h;
  g->stride = p->stride_h;
  g->pad = p->pad_h;
  g->extent = (p->filter_h - 1) * p->dilation_h + 1;
  g->in_row = (uint32_t)p->in_w * (uint32_t)p->in_c * e;
  g->out_row = op_row_bytes(op);
  /* The input's end at (or just past) the output's: any lower and an
   * output row's place would reach the next input row. */
  g->rel = out_bytes > in_bytes ? round_up(out_bytes - in_bytes) : 0;
}

int mote_conv_rows(const mote_conv_op_t *op, mote_rows_t *g) {
  const mote_conv_params_t *p = &op->p;
  /* Batch 1, and every output row's window on at least one input row, so
   * that each band is an ordinary convolution. Rows past 4 MiB are not
   * microcontroller layers; leave them alone. */
  if (p->batches != 1 || p->in_h < 2 || p->out_h < 2 ||
      (int64_t)p->in_w * p->in_c > (1 << 22) ||
      (int64_t)p->out_w * p->out_c > (1 << 22)) {
    return 0;
  }
  op_rows(op, g);
  return (int64_t)(g->out_h - 1) * g->stride - g->pad <= g->in_h - 1 &&
         g->extent - g->pad >= 1;
}

int32_t mote_conv_inplace_rows(const mote_conv_op_t *op, uint32_t *rel) {
  mote_rows_t g;
  uint64_t smaller;
  int32_t rows;
  if (!mote_conv_rows(op, &g)) {
    return 0;
  }
  /* Bands of at least MIN_BAND bytes (more rows than the lag needs):
   * every call of an implementation pays a set-up (pointers, loops over
   * channel groups) that one-pixel bands would pay per pixel. */
  rows = (int32_t)((MIN_BAND - 1u) / g.out_row);
  if (rows < (MIN_BAND_PIXELS - 1) / op->p.out_w) {
    rows = (MIN_BAND_PIXELS - 1) / op->p.out_w;
  }
  rows += mote_rows_ring(&g);
  if (rows > g.out_h) {
    rows = g.out_h;
  }
  smaller = (uint64_t)g.in_h * g.in_row;
  if ((uint64_t)g.out_h * g.out_row < smaller) {
    smaller = (uint64_t)g.out_h * g.out_row;
  }
  /* Worth it only when the ring is well below what the overlap saves. */
  if ((uint64_t)rows * g.out_row * 2u > smaller) {
    return 0;
  }
  *rel = g.rel;
  return rows;
}

mote_status_t mote_conv_request_inplace(mote_kctx_t *ctx, mote_conv_op_t *op) {
  uint32_t rel = 0;
  const int32_t rows = mote_conv_inplace_rows(op, &rel);
  mote_status_t st;
  if (rows == 0) {
    return MOTE_OK;
  }
  st = mote_kctx_request_share(ctx, 0, rel);
  if (st == MOTE_OK) {
    st = mote_kctx_request_scratch(ctx, (size_t)rows * op_row_bytes(op),
                                   &op->ring);
  }
  if (st == MOTE_OK) {
    op->ring_rows = rows;
    op->rel = rel;
  }
  return st;
}

typedef struct {
  const mote_conv_op_t *op;
  const mote_conv_data_t *d;
  void *scratch;
  mote_conv_call_fn *call;
  uint32_t in_row;
} band_t;

/* Output rows y0.. as a convolution of their own: the input rows their
 * windows reach, the padding left above them, and `rows` output rows. */
static void conv_band(void *user, int32_t y0, int32_t rows, void *dst) {
  const band_t *b = (const band_t *)user;
  mote_conv_params_t p = b->op->p;
  const int32_t first = y0 * p.stride_h - p.pad_h;
  int32_t last = (y0 + rows - 1) * p.stride_h - p.pad_h +
                 (p.filter_h - 1) * p.dilation_h;
  const uint8_t *in = (const uint8_t *)b->d->input;
  if (last > p.in_h - 1) {
    last = p.in_h - 1;
  }
  if (first >= 0) {
    in += (size_t)first * b->in_row;
    p.pad_h = 0;
    p.in_h = last - first + 1;
  } else {
    p.pad_h = -first;
    p.in_h = last + 1;
  }
  p.out_h = rows;
  p.reuse_scratch = y0 > 0;
  b->call(b->op, &p, in, dst, b->d, b->scratch);
}

void mote_conv_run_ring(const mote_conv_op_t *op, const mote_conv_data_t *d,
                        void *scratch, void *ring, mote_conv_call_fn *call) {
  if (ring != NULL) {
    mote_rows_t g;
    band_t b;
    op_rows(op, &g);
    b.op = op;
    b.d = d;
    b.scratch = scratch;
    b.call = call;
    b.in_row = g.in_row;
    mote_rows_run(&g, op->ring_rows, (uint8_t *)d->output, (uint8_t *)ring,
                  conv_band, &b);
    return;
  }
  call(op, &op->p, d->input, d->output, d, scratch);
}

void mote_conv_run(mote_kctx_t *ctx, const mote_conv_op_t *op,
                   const mote_conv_data_t *d, void *scratch,
                   mote_conv_call_fn *call) {
  const int overlapped =
      op->ring_rows > 0 &&
      (const uint8_t *)d->input == (const uint8_t *)d->output + op->rel;
  mote_conv_run_ring(op, d, scratch,
                     overlapped ? mote_kctx_scratch(ctx, op->ring) : NULL,
                     call);
}
