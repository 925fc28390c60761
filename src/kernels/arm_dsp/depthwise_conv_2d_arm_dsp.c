/*
 * DEPTHWISE_CONV_2D int8, Cortex-M DSP extension (depthwise_conv_2d.h):
 * for Cortex-M4, M7 and M33 (SMLABB/SMLATT, SXTAB16; unaligned word
 * loads). No alignment assumption. Two shapes are specialised; the rest
 * (a depth multiplier above 1 with more than one input channel, or fewer
 * than 4 channels) falls back to the reference,
 * mote_depthwise_conv_2d_s8_ref.
 *
 * Depth multiplier 1, at least 4 channels: channels innermost, four at a
 * time. Per tap one word load brings four input channels, widened with
 * the input offset added by SXTAB16 (channels 0 and 2) and SXTAB16 ROR 8
 * (1 and 3); the filter, repacked once per invoke into scratch as the
 * same int16 pairs ([group][tap][2 words], in tap order), takes one LDRD;
 * SMLABB and SMLATT multiply bottom and top halves into four separate
 * accumulators: 8 instructions per 4 MACs. SMLAD is no use here (it sums
 * two channels); pairing two taps per SMLAD would need a PKHBT/PKHTB per
 * input pair, which costs what it saves. Windows inside the input walk
 * their taps without bounds checks, 3x3 unrolled with fixed offsets;
 * border windows walk the taps the window keeps (the offset is added to
 * each input, so no per-window correction is needed). A last group of
 * four overlaps the one before it when the channel count is not a
 * multiple of 4 (those channels are computed twice, identically).
 *
 * One input channel (any multiplier; person_detect's and micro_speech's
 * first layers): output channel m reads the only input channel, so the
 * layer is a CONV_2D with out_c = multiplier and the filter transposed
 * to [out_c][filter_h][filter_w][1], which the bound mote_conv_2d_s8
 * runs (conv_2d_arm_dsp.c: SMLAD over the window).
 *
 * Scratch: taps * 8 bytes per group of four channels (the packed
 * filter); for one input channel, the transposed filter and the
 * convolution's scratch.
 */
#include "kernels/depthwise_conv_2d.h"

#if defined(__ARM_FEATURE_DSP)
#include "kernels/arm_dsp/dsp_util.h"

/* Declared here too: the op header declares them only when this family is
 * the one bound. */
mote_conv_s8_fn mote_depthwise_conv_2d_s8_arm_dsp;
mote_conv_scratch_fn mote_depthwise_conv_2d_s8_arm_dsp_scratch_bytes;

static int32_t taps(const mote_conv_params_t *p) {
  return p->filter_h * p->filter_w;
}

static size_t round16(size_t n) {
  return (n + 15u) & ~(size_t)15u;
}

/* One input channel: a convolution with the transposed filter. */
static int as_conv(const mote_conv_params_t *p) {
  return p->in_c == 1;
}

static int vectorised(const mote_conv_params_t *p) {
  return p->depth_multiplier == 1 && p->in_c >= 4;
}

/* Groups of 4 channels; group j starts at channel start4(j) (the last
 * overlaps the one before it when out_c is not a multiple of 4). */
static int32_t groups4(const mote_conv_params_t *p) {
  return (p->out_c + 3) / 4;
}

static int32_t start4(const mote_conv_params_t *p, int32_t j) {
  return 4 * j + 4 <= p->out_c ? 4 * j : p->out_c - 4;
}

size_t
mote_depthwise_conv_2d_s8_arm_dsp_scratch_bytes(const mote_conv_params_t *p) {
  if (as_conv(p)) {
    return round16((size_t)taps(p) * (size_t)p->out_c) +
           mote_conv_2d_s8_scratch_bytes(p);
  }
  return vectorised(p) ? (size_t)groups4(p) * (size_t)taps(p) * 8u : 0u;
}

/* filter [taps][out_c] -> t [out_c][taps]. */
static void transpose(const int8_t *filter, int32_t n_taps, int32_t out_c,
                      int8_t *t) {
  int32_t i, c;
  for (c = 0; c < out_c; ++c) {
    const int8_t *f = filter + c;
    for (i = 0; i < n_taps; ++i, f += out_c) {
      *t++ = *f;
    }
  }
}

/* Two int8 values as the halfwords of a word. */
static int32_t pair16(int8_t lo, int8_t hi) {
  return (int32_t)(((uint32_t)lo & 0xFFFFu) | (uint32_t)hi << 16);
}

/* The filter as [groups4][taps][2]: per tap the channel pairs (0, 2) and
 * (1, 3) of the group, the halves SXTAB16 gives the input. */
static void pack(const mote_conv_params_t *p, const int8_t *filter,
                 int32_t *packed) {
  const int32_t n = taps(p);
  int32_t j, t;
  for (j = 0; j < groups4(p); ++j) {
    const int8_t *f = filter + start4(p, j);
    for (t = 0; t < n; ++t, f += p->out_c, packed += 2) {
      packed[0] = pair16(f[0], f[2]);
      packed[1] = pair16(f[1], f[3]);
    }
  }
}

/* acc[0..3] += (x[0..3] + offset) * w for four channels of one tap; w
 * the tap's two packed words, offs the offset in both halfwords. */
static inline void tap4(const int8_t *x, const int32_t *w, int32_t offs,
                        int32_t *acc) {
  const int32_t v = mote_dsp_load32(x);
  const int32_t even = __sxtab16(offs, v);
  const int32_t odd = mote_dsp_sxtab16_ror8(offs, v);
  acc[0] = __smlabb(even, w[0], acc[0]);
  acc[2] = __smlatt(even, w[0], acc[2]);
  acc[1] = __smlabb(odd, w[1], acc[1]);
  acc[3] = __smlatt(odd, w[1], acc[3]);
}

/* Where one pixel's window lies: the input of its first kept tap
 * (channel 0), the packed-filter index of that tap, the kept rows and
 * columns, and the element steps. */
typedef struct walk {
  const int8_t *x;
  int32_t tap0, rows, cols;
  ptrdiff_t x_col, x_row;
  int32_t filter_w;
  int full3x3; /* the whole 3x3 window is inside the input */
} walk_t;

/* A window's kept taps for channels [c, c + 4); w the group's packed
 * filter. */
static void window4(const walk_t *k, int32_t c, const int32_t *w, int32_t offs,
                    int32_t *acc) {
  const int8_t *xr = k->x + c;
  int32_t r, t;
  w += 2 * k->tap0;
  for (r = 0; r < k->rows; ++r, xr += k->x_row, w += 2 * k->filter_w) {
    const int8_t *x = xr;
    for (t = 0; t < k->cols; ++t, x += k->x_col) {
      tap4(x, w + 2 * t, offs, acc);
    }
  }
}

/* The same for a whole 3x3 window, unrolled. */
static void window4_3x3(const walk_t *k, int32_t c, const int32_t *w,
                        int32_t offs, int32_t *acc) {
  const int8_t *x = k->x + c;
  const ptrdiff_t s = k->x_col;
  int32_t r;
  for (r = 0; r < 3; ++r, x += k->x_row, w += 6) {
    tap4(x, w, offs, acc);
    tap4(x + s, w + 2, offs, acc);
    tap4(x + 2 * s, w + 4, offs, acc);
  }
}

/* Every channel of one pixel, in groups of 4. */
static void channels(const mote_conv_params_t *p, const walk_t *k,
                     const int32_t *packed, const int32_t *bias, int8_t *out) {
  const int32_t n = taps(p), offs = mote_dsp_dup16(p->input_offset);
  const int32_t offset = p->rq.output_offset;
  const int32_t lo = p->rq.act_min, hi = p->rq.act_max;
  int32_t j, i;
  for (j = 0; j < groups4(p); ++j) {
    const int32_t c = start4(p, j);
    const int32_t *w = packed + 2 * n * j;
    int32_t acc[4];
    for (i = 0; i < 4; ++i) {
      acc[i] = bias != NULL ? bias[c + i] : 0;
    }
    if (k->full3x3) {
      window4_3x3(k, c, w, offs, acc);
    } else {
      window4(k, c, w, offs, acc);
    }
    for (i = 0; i < 4; ++i) {
      const mote_dsp_scale_t s = mote_dsp_scale_at(&p->rq, c + i);
      out[c + i] = mote_dsp_finish(mote_dsp_scale(acc[i], &s), offset, lo, hi);
    }
  }
}

/* Output pixel (oy, ox); `in` the batch's input. */
static void pixel(const mote_conv_params_t *p, const int8_t *in,
                  const int32_t *packed, const int32_t *bias, int32_t oy,
                  int32_t ox, int8_t *out) {
  mote_conv_window_t win;
  walk_t k;
  mote_conv_window(p, oy, ox, &win);
  k.x = in + mote_conv_in_index(p, 0, win.y0 + win.ky0 * p->dilation_h,
                                win.x0 + win.kx0 * p->dilation_w);
  k.tap0 = win.ky0 * p->filter_w + win.kx0;
  k.rows = win.ky1 - win.ky0;
  k.cols = win.kx1 - win.kx0;
  k.x_col = (ptrdiff_t)p->dilation_w * p->in_c;
  k.x_row = (ptrdiff_t)p->dilation_h * p->in_w * p->in_c;
  k.filter_w = p->filter_w;
  k.full3x3 = k.rows == 3 && k.cols == 3 && p->filter_h == 3 && p->filter_w == 3;
  channels(p, &k, packed, bias, out);
}

void mote_depthwise_conv_2d_s8_arm_dsp(const mote_conv_params_t *p,
                                       const int8_t *input,
                                       const int8_t *filter,
                                       const int32_t *bias, int8_t *output,
                                       void *scratch) {
  int32_t b, oy, ox;
  if (as_conv(p)) {
    int8_t *t = (int8_t *)scratch;
    transpose(filter, taps(p), p->out_c, t);
    mote_conv_2d_s8(p, input, t, bias, output,
                    t + round16((size_t)taps(p) * (size_t)p->out_c));
    return;
  }
  if (!vectorised(p)) {
    mote_depthwise_conv_2d_s8_ref(p, input, filter, bias, output, scratch);
    return;
  }
  pack(p, filter, (int32_t *)scratch);
  for (b = 0; b < p->batches; ++b) {
    const int8_t *in = input + mote_conv_in_index(p, b, 0, 0);
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox, output += p->out_c) {
        pixel(p, in, (const int32_t *)scratch, bias, oy, ox, output);
      }
    }
  }
}

#else
/* Not a DSP target: nothing to compile (ISO C wants a declaration). */
typedef int mote_depthwise_conv_2d_arm_dsp_unused;
#endif
