/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DEPTHWISE_CONV_2D int8, portable C (depthwise_conv_2d.h): for hosts
 * (x86-64, AArch64) and cores without DSP instructions (RISC-V, Cortex-M0+
 * /M3). No intrinsics; no assumption on alignment or channel counts.
 * Depth multiplier 1 and a one-channel input (any multiplier: every output
 * channel reads input channel 0) take the fast path; other multipliers
 * fall back to the reference (mote_depthwise_conv_2d_s8_ref).
 *
 * Channels innermost, as the layout has them: per output pixel, blocks of
 * 16 output channels (then one of 8, then single channels) keep their
 * sums in a fixed-length array while the taps run, each tap one
 * contiguous run of input channels against one of filter channels, so
 * the lane loop is what GCC vectorises at -O2 (a fixed trip count is all
 * its very-cheap cost model takes). The taps visited are the window's
 * inside the input (mote_conv_window, once per pixel): the border needs
 * no per-tap test, the interior no special case. Each product w * (x +
 * offset) fits int16 (|w| <= 128, |x + offset| <= 255), so the compiler
 * may multiply in 16 bits; sums are unsigned, wrapping as the reference's
 * do, so results are bit-identical.
 *
 * Measured (x86-64, GCC 12 -O2, assembly and callgrind): 36 instructions
 * per 16 MACs in the 16-channel loop (SSE2 widening of both operands),
 * against about 9 per MAC in the reference's strided dot product, which
 * walks one channel across the taps. Rejected: looping taps outside and
 * channels inside over an int32 row of sums in scratch (a load and store
 * of every sum per tap), and separate interior and border loops (the
 * window already excludes the padding, and models' layers are small
 * enough that the border is a large share of pixels).
 *
 * No scratch.
 */
#include <stddef.h>
#include <stdint.h>

#include "kernels/depthwise_conv_2d.h"
#include "kernels/portable/requant_portable.h"

/* Declared here too: the op header declares them only when this family
 * is the one bound. */
mote_conv_s8_fn mote_depthwise_conv_2d_s8_portable;
mote_conv_scratch_fn mote_depthwise_conv_2d_s8_portable_scratch_bytes;

enum { kLanes = 16 };

size_t
mote_depthwise_conv_2d_s8_portable_scratch_bytes(const mote_conv_params_t *p) {
  (void)p;
  return 0;
}

/* w * x for a product known to fit int16 (see the top), as uint32_t
 * because the sums wrap. */
static inline uint32_t mul16(int16_t w, int16_t x) {
  const int32_t v = (int16_t)(w * x);
  return (uint32_t)v;
}

/*
 * acc[j] = the window of output channel c0 + j, for j < lanes: `in` is
 * the batch's input, `bcast` nonzero for a one-channel input (every
 * channel reads channel 0). Inlined with constant lanes and bcast, the
 * lane loops have a fixed length.
 */
static inline void window(const mote_conv_params_t *p,
                          const mote_conv_window_t *w, const int8_t *in,
                          const int8_t *filter, int32_t c0, int32_t lanes,
                          int bcast, uint32_t *restrict acc) {
  const int32_t off = p->input_offset, out_c = p->out_c;
  const ptrdiff_t x_step = (ptrdiff_t)p->dilation_w * p->in_c;
  uint32_t a[kLanes];
  int32_t ky, kx, j;
  for (j = 0; j < lanes; ++j) {
    a[j] = 0;
  }
  for (ky = w->ky0; ky < w->ky1; ++ky) {
    const int8_t *restrict x =
        in +
        mote_conv_in_index(p, 0, w->y0 + ky * p->dilation_h,
                           w->x0 + w->kx0 * p->dilation_w) +
        (bcast ? 0 : c0);
    const int8_t *restrict f =
        filter + ((ptrdiff_t)ky * p->filter_w + w->kx0) * out_c + c0;
    for (kx = w->kx0; kx < w->kx1; ++kx, x += x_step, f += out_c) {
      if (bcast) {
        const int16_t xv = (int16_t)(x[0] + off);
        for (j = 0; j < lanes; ++j) {
          a[j] += mul16(f[j], xv);
        }
      } else {
        for (j = 0; j < lanes; ++j) {
          a[j] += mul16(f[j], (int16_t)(x[j] + off));
        }
      }
    }
  }
  for (j = 0; j < lanes; ++j) {
    acc[j] = a[j];
  }
}

/* Requantizes sums acc of channels c0.. into out (the pixel's). The
 * results go to a local array first: int8 stores into `out` may alias
 * the multiplier and shift arrays, which the compiler would then reload
 * for every channel. */
static void store(const mote_conv_params_t *p, const int32_t *bias,
                  const uint32_t *acc, int32_t c0, int32_t lanes, int8_t *out) {
  const int32_t step = p->rq.per_channel ? 1 : 0;
  const int32_t *mult = p->rq.multiplier + step * c0;
  const int8_t *shift = p->rq.shift + step * c0;
  const int32_t zp = p->rq.output_offset, lo = p->rq.act_min,
                hi = p->rq.act_max;
  int8_t res[kLanes];
  int32_t j;
  for (j = 0; j < lanes; ++j) {
    const uint32_t b = bias != NULL ? (uint32_t)bias[c0 + j] : 0u;
    res[j] = (int8_t)mote_requantize_portable(
        (int32_t)(acc[j] + b), mult[step * j], shift[step * j], zp, lo, hi);
  }
  for (j = 0; j < lanes; ++j) {
    out[c0 + j] = res[j];
  }
}

/* Every output channel of one pixel: blocks of 16 and 8 with constant
 * lane counts, then single channels. */
static void pixel(const mote_conv_params_t *p, const mote_conv_window_t *w,
                  const int8_t *in, const int8_t *filter, const int32_t *bias,
                  int bcast, int8_t *out) {
  uint32_t acc[kLanes];
  int32_t c = 0;
  for (; c + kLanes <= p->out_c; c += kLanes) {
    if (bcast) {
      window(p, w, in, filter, c, kLanes, 1, acc);
    } else {
      window(p, w, in, filter, c, kLanes, 0, acc);
    }
    store(p, bias, acc, c, kLanes, out);
  }
  if (c + kLanes / 2 <= p->out_c) {
    if (bcast) {
      window(p, w, in, filter, c, kLanes / 2, 1, acc);
    } else {
      window(p, w, in, filter, c, kLanes / 2, 0, acc);
    }
    store(p, bias, acc, c, kLanes / 2, out);
    c += kLanes / 2;
  }
  if (c < p->out_c) {
    window(p, w, in, filter, c, p->out_c - c, bcast, acc);
    store(p, bias, acc, c, p->out_c - c, out);
  }
}

void mote_depthwise_conv_2d_s8_portable(const mote_conv_params_t *p,
                                        const int8_t *input,
                                        const int8_t *filter,
                                        const int32_t *bias, int8_t *output,
                                        void *scratch) {
  const int bcast = p->in_c == 1;
  int32_t b, oy, ox;
  if (p->depth_multiplier != 1 && !bcast) {
    mote_depthwise_conv_2d_s8_ref(p, input, filter, bias, output, scratch);
    return;
  }
  for (b = 0; b < p->batches; ++b) {
    const int8_t *in = input + mote_conv_in_index(p, b, 0, 0);
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox, output += p->out_c) {
        mote_conv_window_t w;
        mote_conv_window(p, oy, ox, &w);
        pixel(p, &w, in, filter, bias, bcast, output);
      }
    }
  }
}
