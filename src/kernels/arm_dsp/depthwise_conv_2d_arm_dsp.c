/* SPDX-License-Identifier: Apache-2.0 */
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
 * input pair, which costs what it saves. Windows inside the input are
 * read in place; a window that overlaps the padding is gathered first
 * (mote_conv_im2col_s8, the zero point in the padding, which the offset
 * turns into 0), so that every window runs the same taps without bounds
 * checks, 3x3 unrolled at fixed offsets. A last group of
 * four overlaps the one before it when the channel count is not a
 * multiple of 4 (those channels are computed twice, identically).
 *
 * One input channel (any multiplier; person_detect's and micro_speech's
 * first layers): output channel m reads the only input channel, so the
 * layer is a CONV_2D with out_c = multiplier and the filter transposed
 * to [out_c][filter_h][filter_w][1], which the bound mote_conv_2d_s8
 * runs (conv_2d_arm_dsp.c: SMLAD over the window).
 *
 * Every channel's multiplier and shifts are unpacked once per invoke
 * into scratch (12 bytes a channel): per output that saves the loads
 * and shift arithmetic of mote_requant_t's form, some 10 instructions,
 * which next to 9 taps of 2 instructions per MAC is a tenth of the op.
 *
 * Scratch: taps * 8 bytes per group of four channels (the packed
 * filter), 12 * out_c (the scalings) and taps * in_c (a gathered
 * window); for one input channel, the transposed filter and the
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

/* The packed filter: two words per tap and group. */
static size_t packed_bytes(const mote_conv_params_t *p) {
  return (size_t)groups4(p) * (size_t)taps(p) * 8u;
}

/* Every channel's scaling, unpacked once per invoke. */
static size_t scales_bytes(const mote_conv_params_t *p) {
  return (size_t)p->out_c * sizeof(mote_dsp_scale_t);
}

size_t
mote_depthwise_conv_2d_s8_arm_dsp_scratch_bytes(const mote_conv_params_t *p) {
  if (as_conv(p)) {
    return round16((size_t)taps(p) * (size_t)p->out_c) +
           mote_conv_2d_s8_scratch_bytes(p);
  }
  return vectorised(p) ? packed_bytes(p) + scales_bytes(p) +
                             (size_t)taps(p) * (size_t)p->in_c
                       : 0u;
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

/* Where one pixel's window lies: its tap (0, 0) at channel 0, in the
 * input or in a gathered copy, and the element steps between taps. */
typedef struct walk {
  const int8_t *x;
  ptrdiff_t x_col, x_row;
} walk_t;

/* The window's taps for channels [c, c + 4); w the group's packed
 * filter. */
static void window4(const mote_conv_params_t *p, const walk_t *k, int32_t c,
                    const int32_t *w, int32_t offs, int32_t *acc) {
  const int8_t *xr = k->x + c;
  int32_t r, t;
  for (r = 0; r < p->filter_h; ++r, xr += k->x_row) {
    const int8_t *x = xr;
    for (t = 0; t < p->filter_w; ++t, x += k->x_col, w += 2) {
      tap4(x, w, offs, acc);
    }
  }
}

/* One tap of four channels (see tap4): input word at `addr`, the
 * packed filter's two words post-incremented. */
#define MOTE_DSP_TAP4(addr)                                                    \
  "ldr %[v], " addr "\n\t"                                                     \
  "ldrd %[w0], %[w1], [%[w]], #8\n\t"                                          \
  "sxtab16 %[o], %[offs], %[v], ror #8\n\t"                                    \
  "sxtab16 %[v], %[offs], %[v]\n\t"                                            \
  "smlabb %[a0], %[v], %[w0], %[a0]\n\t"                                       \
  "smlatt %[a2], %[v], %[w0], %[a2]\n\t"                                       \
  "smlabb %[a1], %[o], %[w1], %[a1]\n\t"                                       \
  "smlatt %[a3], %[o], %[w1], %[a3]\n\t"

/* A row of three taps from x, x + s and x + 2s, then x moves a row. */
#define MOTE_DSP_ROW3                                                          \
  MOTE_DSP_TAP4("[%[x]]")                                                      \
  MOTE_DSP_TAP4("[%[x], %[s]]")                                                \
  MOTE_DSP_TAP4("[%[x], %[s], lsl #1]") "add %[x], %[x], %[r]\n\t"

/*
 * The same for a whole 3x3 window: nine taps, 8 instructions each, from
 * one row pointer and the column step (the third column by LDR's scaled
 * register offset). Inline assembly: from tap4, GCC 12 precomputes the
 * nine offsets into stack slots and spills accumulators (13 instructions
 * a tap, measured). *w moves past the window's 18 filter words. A
 * memory clobber rather than memory operands naming what it reads:
 * their addresses take registers (GCC 12 for Cortex-M55 at -O1 then
 * finds no allocation).
 */
static inline void window4_3x3(const int8_t *x, ptrdiff_t s, ptrdiff_t r,
                               const int32_t **w, int32_t offs, int32_t *acc) {
#if MOTE_DSP_ASM
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  int32_t v, o, w0, w1;
  const int32_t *wp = *w;
  __asm__(MOTE_DSP_ROW3 MOTE_DSP_ROW3 MOTE_DSP_ROW3
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
            [x] "+r"(x), [w] "+r"(wp), [v] "=&r"(v), [o] "=&r"(o),
            [w0] "=&r"(w0), [w1] "=&r"(w1)
          : [s] "r"(s), [r] "r"(r), [offs] "r"(offs)
          : "memory");
  acc[0] = a0, acc[1] = a1, acc[2] = a2, acc[3] = a3;
  *w = wp;
#else
  int32_t i, j;
  for (i = 0; i < 3; ++i, x += r) {
    for (j = 0; j < 3; ++j, *w += 2) {
      tap4(x + j * s, *w, offs, acc);
    }
  }
#endif
}

/* Every channel of one pixel, in groups of 4. The accumulators are
 * indexed by constants only, so that they stay in registers. */
static void channels(const mote_conv_params_t *p, const walk_t *k,
                     const int32_t *packed, const mote_dsp_scale_t *scales,
                     const int32_t *bias, int8_t *out) {
  const int32_t n = taps(p), offs = mote_dsp_dup16(p->input_offset);
  const int three = p->filter_h == 3 && p->filter_w == 3;
  const mote_dsp_out_t o = mote_dsp_out(&p->rq);
  const int32_t *w = packed;
  int32_t j;
  for (j = 0; j < groups4(p); ++j) {
    const int32_t c = start4(p, j);
    int32_t acc[4] = {0, 0, 0, 0};
    if (bias != NULL) {
      acc[0] = bias[c], acc[1] = bias[c + 1];
      acc[2] = bias[c + 2], acc[3] = bias[c + 3];
    }
    if (three) {
      window4_3x3(k->x + c, k->x_col, k->x_row, &w, offs, acc);
    } else {
      window4(p, k, c, w, offs, acc);
      w += 2 * n;
    }
    out[c] = mote_dsp_requant(&o, &scales[c], acc[0]);
    out[c + 1] = mote_dsp_requant(&o, &scales[c + 1], acc[1]);
    out[c + 2] = mote_dsp_requant(&o, &scales[c + 2], acc[2]);
    out[c + 3] = mote_dsp_requant(&o, &scales[c + 3], acc[3]);
  }
}

/* Output pixel (oy, ox); `in` the batch's input. A window inside the
 * input is read in place; one that overlaps the padding is gathered into
 * col first, the zero point in the padding, so that every window runs
 * the same taps without bounds checks. */
static void pixel(const mote_conv_params_t *p, const int8_t *in,
                  const int32_t *packed, const mote_dsp_scale_t *scales,
                  const int32_t *bias, int32_t oy, int32_t ox, int8_t *col,
                  int8_t *out) {
  mote_conv_window_t win;
  walk_t k;
  mote_conv_window(p, oy, ox, &win);
  if (win.ky0 == 0 && win.ky1 == p->filter_h && win.kx0 == 0 &&
      win.kx1 == p->filter_w) {
    k.x = in + mote_conv_in_index(p, 0, win.y0, win.x0);
    k.x_col = (ptrdiff_t)p->dilation_w * p->in_c;
    k.x_row = (ptrdiff_t)p->dilation_h * p->in_w * p->in_c;
  } else {
    mote_conv_im2col_s8(p, in, oy, ox, col);
    k.x = col;
    k.x_col = p->in_c;
    k.x_row = (ptrdiff_t)p->filter_w * p->in_c;
  }
  channels(p, &k, packed, scales, bias, out);
}

void mote_depthwise_conv_2d_s8_arm_dsp(const mote_conv_params_t *p,
                                       const int8_t *input,
                                       const int8_t *filter,
                                       const int32_t *bias, int8_t *output,
                                       void *scratch) {
  int32_t *packed = (int32_t *)scratch;
  mote_dsp_scale_t *scales =
      (mote_dsp_scale_t *)(void *)((int8_t *)scratch + packed_bytes(p));
  int8_t *col = (int8_t *)(scales + p->out_c);
  const mote_dsp_out_t o = mote_dsp_out(&p->rq);
  int32_t b, oy, ox, c;
  if (as_conv(p)) {
    int8_t *t = (int8_t *)scratch;
    if (!p->reuse_scratch) {
      mote_conv_dw_filter_as_conv_s8(filter, taps(p), p->out_c, t);
    }
    mote_conv_2d_s8(p, input, t, bias, output,
                    t + round16((size_t)taps(p) * (size_t)p->out_c));
    return;
  }
  if (!vectorised(p)) {
    mote_depthwise_conv_2d_s8_ref(p, input, filter, bias, output, scratch);
    return;
  }
  /* Once per invoke; later bands of an in-place run find them there. */
  if (!p->reuse_scratch) {
    pack(p, filter, packed);
    for (c = 0; c < p->out_c; ++c) {
      scales[c] = mote_dsp_scale_at(&o, c);
    }
  }
  for (b = 0; b < p->batches; ++b) {
    const int8_t *in = input + mote_conv_in_index(p, b, 0, 0);
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox, output += p->out_c) {
        pixel(p, in, packed, scales, bias, oy, ox, col, output);
      }
    }
  }
}

#else
/* Not a DSP target: nothing to compile (ISO C wants a declaration). */
typedef int mote_depthwise_conv_2d_arm_dsp_unused;
#endif
