/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONV_2D int8, portable C (conv_2d.h): for hosts (x86-64, AArch64) and
 * cores without DSP instructions (RISC-V, Cortex-M0+/M3). No intrinsics;
 * no assumption on alignment or channel counts. Grouped convolution falls
 * back to the reference (mote_conv_2d_s8_ref).
 *
 * A convolution is a GEMM: each output pixel's window, read as one row of
 * K = filter_h * filter_w * in_c values, against each output channel's
 * filter row ([out_c][K], read in place). Four output pixels at a time:
 * their rows are gathered into scratch as int16 with the input offset
 * added (im2col; padding taps become 0, so they need no test in the inner
 * loop), then every output channel's filter row runs against the four.
 *
 * The inner loop walks K in groups of eight with eight int32 partial sums
 * per pixel, a fixed-length loop that GCC vectorises at -O2 (its
 * very-cheap cost model takes only loops without a scalar epilogue) and
 * that is plain unrolled code on a scalar core. Each product w * (x +
 * offset) fits int16 (|w| <= 128, |x + offset| <= 255), so the compiler
 * may multiply in 16 bits (SSE2 pmullw) and widen only the product; the
 * sums are the reference's modulo 2^32, so results are bit-identical.
 * Measured (x86-64, GCC 12 -O2, callgrind): 44 instructions per 32 MACs
 * in the loop against about 9 per MAC in the reference's dot product.
 *
 * Rejected: folding the offset as offset * sum(w) (weight sums per
 * invoke, and int8 x int8 products would still need widening on SSE2);
 * vectorising across output channels (needs the filter repacked into
 * [K][channel block] scratch, out_c * K bytes); a [4][8] accumulator
 * array (GCC keeps it in memory and reloads it every group); 16-pixel
 * blocks with broadcast weights (the broadcast costs four instructions
 * per tap and the accumulators spill).
 *
 * Requantization is requant_portable.h's inline form, split once per
 * channel for its four pixels (the out-of-line core call was a fifth of
 * a MobileNet's instructions). Whole-model host figures against the
 * reference (callgrind Ir): vww 0.37, person_detect 0.36, kws 0.34,
 * resnet8 0.32, mobilenet_v2 0.31, with the depthwise beside it.
 *
 * Scratch: 4 * K int16. Nothing in it outlives a call, so later bands of
 * an in-place convolution (reuse_scratch) need no special handling.
 */
#include <stddef.h>
#include <stdint.h>

#include "kernels/conv_2d.h"
#include "kernels/portable/requant_portable.h"

/* Declared here too: the op header declares them only when this family
 * is the one bound. */
mote_conv_s8_fn mote_conv_2d_s8_portable;
mote_conv_scratch_fn mote_conv_2d_s8_portable_scratch_bytes;

enum { kPixels = 4, kGroup = 8 };

static int32_t depth(const mote_conv_params_t *p) {
  return p->filter_h * p->filter_w * p->filter_c;
}

size_t mote_conv_2d_s8_portable_scratch_bytes(const mote_conv_params_t *p) {
  if (p->filter_c != p->in_c) {
    return 0;
  }
  return (size_t)kPixels * (size_t)depth(p) * sizeof(int16_t);
}

/* The window of output pixel (oy, ox) of batch input `in` as K int16
 * values [ky][kx][channel], each plus `off`; taps outside the input are
 * 0 (the zero point plus the offset). */
static void gather(const mote_conv_params_t *p, const int8_t *in, int32_t oy,
                   int32_t ox, int16_t *col) {
  const int32_t off = p->input_offset, c = p->in_c;
  const int32_t y0 = oy * p->stride_h - p->pad_h;
  const int32_t x0 = ox * p->stride_w - p->pad_w;
  int32_t ky, kx, i;
  for (ky = 0; ky < p->filter_h; ++ky) {
    const int32_t y = y0 + ky * p->dilation_h;
    for (kx = 0; kx < p->filter_w; ++kx, col += c) {
      const int32_t x = x0 + kx * p->dilation_w;
      if (y < 0 || y >= p->in_h || x < 0 || x >= p->in_w) {
        for (i = 0; i < c; ++i) {
          col[i] = 0;
        }
      } else {
        const int8_t *src = in + ((ptrdiff_t)y * p->in_w + x) * c;
        for (i = 0; i < c; ++i) {
          col[i] = (int16_t)(src[i] + off);
        }
      }
    }
  }
}

/* w * x for a product known to fit int16, so that a compiler may
 * multiply in 16 bits; as uint32_t, because the sums wrap. */
static inline uint32_t mul16(int16_t w, int16_t x) {
  const int32_t v = (int16_t)(w * x);
  return (uint32_t)v;
}

/*
 * sums[j] = the dot product of filter row w [k] with gathered row
 * x + j * k, for the four rows. Separate eight-lane arrays, each summed
 * by a loop of its own, are what GCC keeps in vector registers.
 */
static void dot4(const int8_t *restrict w, const int16_t *restrict x, int32_t k,
                 uint32_t *restrict sums) {
  const int16_t *restrict x0 = x;
  const int16_t *restrict x1 = x0 + k;
  const int16_t *restrict x2 = x1 + k;
  const int16_t *restrict x3 = x2 + k;
  uint32_t a0[kGroup] = {0}, a1[kGroup] = {0}, a2[kGroup] = {0},
           a3[kGroup] = {0};
  uint32_t t0, t1, t2, t3;
  int32_t g, j;
  for (g = k / kGroup; g > 0; --g) {
    int16_t wv[kGroup];
    for (j = 0; j < kGroup; ++j) {
      wv[j] = w[j];
    }
    for (j = 0; j < kGroup; ++j) {
      a0[j] += mul16(wv[j], x0[j]);
    }
    for (j = 0; j < kGroup; ++j) {
      a1[j] += mul16(wv[j], x1[j]);
    }
    for (j = 0; j < kGroup; ++j) {
      a2[j] += mul16(wv[j], x2[j]);
    }
    for (j = 0; j < kGroup; ++j) {
      a3[j] += mul16(wv[j], x3[j]);
    }
    w += kGroup, x0 += kGroup, x1 += kGroup, x2 += kGroup, x3 += kGroup;
  }
  /* The last k % 8 columns. Sums are unsigned so that they wrap as the
   * reference's do (a layer would need K > 500000 to get there). */
  t0 = t1 = t2 = t3 = 0;
  for (j = 0; j < k % kGroup; ++j) {
    t0 += (uint32_t)(w[j] * x0[j]);
    t1 += (uint32_t)(w[j] * x1[j]);
    t2 += (uint32_t)(w[j] * x2[j]);
    t3 += (uint32_t)(w[j] * x3[j]);
  }
  for (j = 0; j < kGroup; ++j) {
    t0 += a0[j], t1 += a1[j], t2 += a2[j], t3 += a3[j];
  }
  sums[0] = t0, sums[1] = t1, sums[2] = t2, sums[3] = t3;
}

/* Every output channel of `n` (1..4) gathered pixels x, written at out
 * (pixel j at out + j * out_c). Rows past n repeat the last one. */
static void channels(const mote_conv_params_t *p, const int16_t *x,
                     const int8_t *filter, const int32_t *bias, int32_t n,
                     int8_t *out) {
  const int32_t k = depth(p), out_c = p->out_c;
  const int32_t step = p->rq.per_channel ? 1 : 0;
  const int32_t *mult = p->rq.multiplier;
  const int8_t *shift = p->rq.shift;
  int32_t c, j;
  for (c = 0; c < out_c; ++c, mult += step, shift += step) {
    const uint32_t b = bias != NULL ? (uint32_t)bias[c] : 0u;
    /* Split once per channel, in a local: int8 stores may alias the
     * multiplier and shift arrays, so the compiler would reload them. */
    const mote_rq_portable_t rq = mote_rq_portable(
        *mult, *shift, p->rq.output_offset, p->rq.act_min, p->rq.act_max);
    uint32_t sums[kPixels];
    dot4(filter + (ptrdiff_t)c * k, x, k, sums);
    for (j = 0; j < n; ++j) {
      out[(ptrdiff_t)j * out_c + c] =
          (int8_t)mote_rq_portable_apply(&rq, (int32_t)(sums[j] + b));
    }
  }
}

void mote_conv_2d_s8_portable(const mote_conv_params_t *p, const int8_t *input,
                              const int8_t *filter, const int32_t *bias,
                              int8_t *output, void *scratch) {
  const int32_t k = depth(p), per_batch = p->out_h * p->out_w;
  const int32_t pixels = p->batches * per_batch;
  int16_t *cols = (int16_t *)scratch;
  int32_t n, j;
  if (p->filter_c != p->in_c) {
    mote_conv_2d_s8_ref(p, input, filter, bias, output, scratch);
    return;
  }
  for (n = 0; n < pixels; n += kPixels) {
    const int32_t count = pixels - n < kPixels ? pixels - n : kPixels;
    for (j = 0; j < kPixels; ++j) {
      /* Pixels past the end repeat the last: the block always runs four
       * rows, and only `count` are stored. */
      const int32_t m = n + (j < count ? j : count - 1);
      const int32_t b = m / per_batch, r = m % per_batch;
      gather(p, input + mote_conv_in_index(p, b, 0, 0), r / p->out_w,
             r % p->out_w, cols + (ptrdiff_t)j * k);
    }
    channels(p, cols, filter, bias, count, output + (ptrdiff_t)n * p->out_c);
  }
}
