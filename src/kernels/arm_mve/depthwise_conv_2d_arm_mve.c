/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DEPTHWISE_CONV_2D int8, Helium (depthwise_conv_2d.h): for
 * Cortex-M55/M85 (MVE integer). No alignment assumption. Two shapes are
 * specialised; the rest (a depth multiplier above 1 with more than one
 * input channel, or fewer than 8 channels) falls back to the reference,
 * mote_depthwise_conv_2d_s8_ref.
 *
 * Depth multiplier 1, at least 8 channels: channels are the lanes, eight
 * at a time widened to int16 by the load (VLDRB.S16; x + offset and its
 * product with a weight fit int16), multiplied by VMULLB / VMULLT into
 * int32 products of the even and odd channels, added to two
 * accumulators: 6 instructions per 8 MACs and tap. The two halves are
 * requantized four lanes at a time (mve_requant.h, bit-exact with the
 * reference; multipliers de-interleaved by VLD20/VLD21) and
 * re-interleaved by VMOVNB / VMOVNT into one 8-byte store. A last block
 * overlaps the one before it (computed twice, identically) rather than
 * being predicated. Windows inside the input start from bias + off *
 * sum of the filter over every tap (formed per invoke into scratch, and
 * kept for the later bands of an in-place run: reuse_scratch),
 * multiply raw inputs, and read a copy of the filter repacked per block
 * ([blocks][taps][8], scratch) in order. Border windows start from the
 * bias and add the offset to each input, over the taps the window keeps.
 *
 * 3x3 windows run every whole block of 8 channels of the pixel in one
 * inline-assembly low-overhead loop: 9 taps of 6 instructions, the
 * requantization of both halves from a per-block copy of the full
 * starting sums and scaling (8 int32x4, scratch, per invoke), VMOVNT of
 * the odd channels into the even ones' 16-bit tops and one store.
 * Interior windows (interior3x3) step through the input with 8 address
 * ADDs: 91 instructions per block, against some 165 from intrinsics (GCC
 * 12 scheduled every load first, spilled accumulators and reloaded and
 * re-derived the scaling per block). Border windows (border3x3) read
 * their 9 taps through a table of pointers, the padding taps pointing at
 * a row of input zero points (scratch) so that they add nothing to the
 * full sums: 101 per block, against some 165 for the C loop over the
 * kept taps. A partial last block (out_c not a multiple of 8) stays in
 * C. VLDRB.S16 and VSTRB.16 take only low base registers, so both
 * functions are kept out of line (inlined into the pixel loop, the
 * operands do not fit): a call per pixel, not per block.
 *
 * One input channel (any multiplier; person_detect's and micro_speech's
 * first layers): output channel m reads the only input channel, so the
 * layer is a CONV_2D with out_c = multiplier and the filter transposed to
 * [out_c][filter_h][filter_w][1]; the filter is transposed into scratch
 * once per invoke and the bound mote_conv_2d_s8 does the rest (16 taps
 * per VMLADAVA on Helium).
 *
 * Measured on mlperf_kws_dscnn_int8's 3x3 64-channel layers at -O2
 * (TFLM+CMSIS-NN: 169,101 instructions each, 676,404 for the four): from
 * intrinsics, 865,452; interior windows in assembly, 726,184; border
 * windows too, 598,828 (0.89x). mlperf_vww_mobilenet_int8's and
 * person_detect's DEPTHWISE_CONV_2D: 2,726,800 -> 2,116,668 and
 * 3,474,570 -> 2,864,439 (CMSIS-NN: 2,572,654, 3,573,210).
 * Rejected: int32 lanes (VLDRB.S32): MVE has no vector-by-vector VMLA,
 * so VMUL + VADD make 4 instructions per 4 MACs against 6 per 8; blocks
 * of 16 channels (four accumulators) spill Q registers under GCC 12:
 * 211,598 against 206,919 for blocks of 8 (one layer); 16 int8 lanes with
 * VMULLB/VMULLT.S8 (products widened in four more steps, and the input
 * offset does not fit int8).
 *
 * Scratch: 8 * out_c bytes (two int32 starting sums per channel) + the
 * repacked filter (taps * 8 per block of 8) + for 3x3, 128 bytes per
 * whole block of 8 (its sums and scaling) and in_c (the zero points);
 * for one input channel, the transposed filter and the convolution's
 * scratch.
 */
#include "kernels/depthwise_conv_2d.h"

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>
#include <string.h>

#include "common/compiler.h"
#include "kernels/arm_mve/mve_requant.h"

/* Declared here too: the op header declares them only when this family is
 * the one bound. */
mote_conv_s8_fn mote_depthwise_conv_2d_s8_arm_mve;
mote_conv_scratch_fn mote_depthwise_conv_2d_s8_arm_mve_scratch_bytes;

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
  return p->depth_multiplier == 1 && p->in_c >= 8;
}

/* Blocks of 8 channels; block j starts at channel start8(j) (the last
 * overlaps the one before it when out_c is not a multiple of 8). */
static int32_t blocks8(const mote_conv_params_t *p) {
  return (p->out_c + 7) / 8;
}

static int32_t start8(const mote_conv_params_t *p, int32_t j) {
  return 8 * j + 8 <= p->out_c ? 8 * j : p->out_c - 8;
}

/* The filter repacked per block, [blocks8][taps][8], so that interior
 * windows read it with post-incremented loads. */
static size_t packed_bytes(const mote_conv_params_t *p) {
  return (size_t)blocks8(p) * (size_t)taps(p) * 8u;
}

static void pack(const mote_conv_params_t *p, const int8_t *filter,
                 int8_t *packed) {
  const int32_t n = taps(p);
  int32_t j, t;
  for (j = 0; j < blocks8(p); ++j) {
    const int8_t *f = filter + start8(p, j);
    for (t = 0; t < n; ++t, f += p->out_c, packed += 8) {
      vstrbq_s16(packed, vldrbq_s16(f));
    }
  }
}

static int three_by_three(const mote_conv_params_t *p) {
  return p->filter_h == 3 && p->filter_w == 3;
}

/* 3x3: what the assembly loop reads per whole block of 8 channels, eight
 * int32x4: the even and odd starting sums, then multiplier, left and
 * right shift of the even channels, then of the odd ones. */
enum { kParamBytes = 8 * 16 };

static size_t block_params_bytes(const mote_conv_params_t *p) {
  return three_by_three(p) ? (size_t)(p->out_c / 8) * kParamBytes : 0u;
}

/* 3x3: and a row of in_c input zero points, which the padding taps of
 * border windows read. */
static size_t zero_row_bytes(const mote_conv_params_t *p) {
  return three_by_three(p) ? (size_t)p->in_c : 0u;
}

size_t
mote_depthwise_conv_2d_s8_arm_mve_scratch_bytes(const mote_conv_params_t *p) {
  if (as_conv(p)) {
    return round16((size_t)taps(p) * (size_t)p->out_c) +
           mote_conv_2d_s8_scratch_bytes(p);
  }
  return vectorised(p) ? (size_t)p->out_c * 8u + packed_bytes(p) +
                             block_params_bytes(p) + zero_row_bytes(p)
                       : 0u;
}

/* full[c] = bias[c] + off * sum over taps of w[t][c]; part[c] = bias[c]
 * (0 without one), modulo 2^32. */
static void start_sums(const mote_conv_params_t *p, const int8_t *filter,
                       const int32_t *bias, int32_t *full, int32_t *part) {
  const int32_t n = taps(p), ch = p->out_c;
  int32_t c, t;
  for (c = 0; c < ch; ++c) {
    uint32_t s = 0;
    for (t = 0; t < n; ++t) {
      s += (uint32_t)filter[(ptrdiff_t)t * ch + c];
    }
    part[c] = bias != NULL ? bias[c] : 0;
    full[c] = (int32_t)(s * (uint32_t)p->input_offset + (uint32_t)part[c]);
  }
}

/* The geometry one block of channels walks: where its window starts in
 * the input and filter, which taps it keeps, and the element strides. */
typedef struct walk {
  const int8_t *x; /* input of the first kept tap, channel c */
  const int8_t *w; /* filter of the first kept tap, channel c */
  int32_t rows, cols;
  ptrdiff_t x_col, x_row; /* input step per tap, per row of taps */
  ptrdiff_t w_row;        /* filter step per row of taps */
  int32_t ch;             /* filter step per tap */
} walk_t;

/* A border window of channels [c, c + 8): the even channels accumulate
 * in acc[0], the odd ones in acc[1], from the int32 products VMULLB /
 * VMULLT give. */
static void block(const walk_t *k, int32_t c, int32_t off, int32x4_t *acc) {
  const int8_t *xr = k->x + c, *wr = k->w + c;
  int32x4_t a0 = acc[0], a1 = acc[1];
  int32_t r, t;
  for (r = 0; r < k->rows; ++r, xr += k->x_row, wr += k->w_row) {
    const int8_t *x = xr, *w = wr;
    for (t = 0; t < k->cols; ++t, x += k->x_col, w += k->ch) {
      const int16x8_t x0 = vaddq_n_s16(vldrbq_s16(x), (int16_t)off);
      const int16x8_t w0 = vldrbq_s16(w);
      a0 = vaddq_s32(a0, vmullbq_int_s16(x0, w0));
      a1 = vaddq_s32(a1, vmulltq_int_s16(x0, w0));
    }
  }
  acc[0] = a0, acc[1] = a1;
}

/* acc[0..1] += x * w over eight channels (even, odd lanes). */
static inline void tap8(const int8_t *x, const int8_t *w, int32x4_t *acc) {
  const int16x8_t x0 = vldrbq_s16(x), w0 = vldrbq_s16(w);
  acc[0] = vaddq_s32(acc[0], vmullbq_int_s16(x0, w0));
  acc[1] = vaddq_s32(acc[1], vmulltq_int_s16(x0, w0));
}

/* An interior window of channels [c, c + 8), its filter block packed
 * (wp, taps in order): raw inputs, the offset being in the starting
 * sums. */
static void interior8(const walk_t *k, int32_t c, const int8_t *wp,
                      int32x4_t *acc) {
  const int8_t *xr = k->x + c;
  int32_t r, t;
  for (r = 0; r < k->rows; ++r, xr += k->x_row) {
    const int8_t *x = xr;
    for (t = 0; t < k->cols; ++t, x += k->x_col, wp += 8) {
      tap8(x, wp, acc);
    }
  }
}

/* The same for a 3x3 filter, unrolled. */
static void interior8_3x3(const walk_t *k, int32_t c, const int8_t *wp,
                          int32x4_t *acc) {
  const int8_t *x = k->x + c;
  const ptrdiff_t s = k->x_col;
  int32_t r;
  for (r = 0; r < 3; ++r, x += k->x_row, wp += 24) {
    tap8(x, wp, acc);
    tap8(x + s, wp + 8, acc);
    tap8(x + 2 * s, wp + 16, acc);
  }
}

/* The scaling of the even (s[0]) and odd (s[1]) channels of [c, c + 8). */
static void scale8(const mote_requant_t *q, int32_t c, mote_mve_scale_t *s) {
  const int32x4_t zero = vdupq_n_s32(0);
  int32x4_t sh[2];
  int j;
  if (!q->per_channel) {
    /* Two statements: GCC's -fanalyzer reads s[1] back in `s[0] = s[1] =`
     * as uninitialized. */
    s[0] = mote_mve_scale_at(q, 0, vctp32q(4u));
    s[1] = s[0];
    return;
  } else {
    const int32x4x2_t m = vld2q_s32(q->multiplier + c);
    const int16x8_t sh16 = vldrbq_s16(q->shift + c);
    s[0].mult = m.val[0];
    s[1].mult = m.val[1];
    sh[0] = vmovlbq_s16(sh16);
    sh[1] = vmovltq_s16(sh16);
  }
  for (j = 0; j < 2; ++j) {
    s[j].left = vmaxq_s32(sh[j], zero);
    s[j].right = vminq_s32(sh[j], zero);
  }
}

/* Requantizes channels [c, c + 8) from their even and odd sums and
 * stores them in order (VMOVNB / VMOVNT interleave the two halves). */
static void store8(const mote_requant_t *q, int32_t c, const int32x4_t *acc,
                   int8_t *out) {
  mote_mve_scale_t s[2];
  int16x8_t r = vdupq_n_s16(0);
  scale8(q, c, s);
  r = vmovnbq_s32(r, mote_mve_finish(mote_mve_scale(acc[0], &s[0]), q));
  r = vmovntq_s32(r, mote_mve_finish(mote_mve_scale(acc[1], &s[1]), q));
  vstrbq_s16(out + c, r);
}

/* Per invoke: the starting sums (full) and scaling of each whole block
 * of 8 channels, in the order interior3x3 reads them. */
static void pack_params(const mote_conv_params_t *p, const int32_t *full,
                        int32x4_t *dst) {
  int32_t c;
  for (c = 0; c + 8 <= p->out_c; c += 8, dst += 8) {
    const int32x4x2_t s = vld2q_s32(full + c);
    mote_mve_scale_t sc[2];
    scale8(&p->rq, c, sc);
    dst[0] = s.val[0], dst[1] = s.val[1];
    dst[2] = sc[0].mult, dst[3] = sc[0].left, dst[4] = sc[0].right;
    dst[5] = sc[1].mult, dst[6] = sc[1].left, dst[7] = sc[1].right;
  }
}

/* The output range and offset, for interior3x3. */
typedef struct clamp {
  int32x4_t lo, hi;
  int32_t offset;
} clamp_t;

/* One tap of interior3x3: eight channels at x. */
#define MOTE_DW_TAP(x)                                                         \
  "   vldrb.s16 q2, [%[" x "]]\n"                                              \
  "   vldrb.s16 q3, [%[wp]], #8\n"                                             \
  "   vmullb.s16 q4, q2, q3\n"                                                 \
  "   vadd.i32 q0, q0, q4\n"                                                   \
  "   vmullt.s16 q4, q2, q3\n"                                                 \
  "   vadd.i32 q1, q1, q4\n"

/* Taps (ky, 1) and (ky, 2) of interior3x3, from (ky, 0) at `row`. */
#define MOTE_DW_ROW(row)                                                       \
  "   add %[t0], %[" row                                                       \
  "], %[s]\n" MOTE_DW_TAP("t0") "   add %[t0], %[s]\n" MOTE_DW_TAP("t0")

/* mote_mve_scale then mote_mve_finish of the sums in q (mve_requant.h),
 * multiplier, left and right shift read from prm. */
#define MOTE_DW_REQUANT(q)                                                     \
  "   vldrw.32 q2, [%[prm]], #16\n"                                            \
  "   vldrw.32 q3, [%[prm]], #16\n"                                            \
  "   vldrw.32 q4, [%[prm]], #16\n"                                            \
  "   vshl.s32 " q ", " q ", q3\n"                                             \
  "   vqrdmulh.s32 " q ", " q ", q2\n"                                         \
  "   vand q5, " q ", q4\n"                                                    \
  "   vshr.s32 q5, q5, #31\n"                                                  \
  "   vqadd.s32 " q ", " q ", q5\n"                                            \
  "   vrshl.s32 " q ", " q ", q4\n"                                            \
  "   vadd.i32 " q ", " q ", %[off]\n"                                         \
  "   vmax.s32 " q ", " q ", %q[lo]\n"                                         \
  "   vmin.s32 " q ", " q ", %q[hi]\n"

/*
 * An interior 3x3 window over the n whole blocks of 8 channels from
 * channel 0 (x its tap (0, 0); s, r the input step per tap and per row
 * of taps), all in one low-overhead loop: per block, two starting sums,
 * 9 taps of VLDRB.S16 x 2, VMULLB / VMULLT and two VADDs (6
 * instructions, 8 address ADDs in all; tap (0, 0)'s weights are loaded
 * first, its inputs last, so that their post-increment moves x on), then
 * the requantization of mve_requant.h from prm (both halves), VMOVNT of
 * the odd channels into the even ones' 16-bit tops and one 8-byte store:
 * 91 instructions a block. Inline assembly because GCC 12 schedules every load
 * first, spills accumulators and reloads the scaling per block (some 165).
 */
MOTE_NOINLINE static void interior3x3(const int8_t *x, ptrdiff_t s, ptrdiff_t r,
                                      const int8_t *wp, const int32x4_t *prm,
                                      int32_t n, const clamp_t *k,
                                      int8_t *out) {
  const int8_t *t0, *t1;
  __asm__ volatile("   dls lr, %[n]\n"
                   "2: vldrw.32 q0, [%[prm]], #16\n"
                   "   vldrw.32 q1, [%[prm]], #16\n" /* */
                   "   vldrb.s16 q5, [%[wp]], #8\n"  /* (0, 0) */
                   MOTE_DW_ROW("x")                  /* (0, 1..2) */
                   "   add %[t1], %[x], %[r]\n"      /* */
                   MOTE_DW_TAP("t1")                 /* (1, 0) */
                   MOTE_DW_ROW("t1")                 /* (1, 1..2) */
                   "   add %[t1], %[r]\n"            /* */
                   MOTE_DW_TAP("t1")                 /* (2, 0) */
                   MOTE_DW_ROW("t1")                 /* (2, 1..2) */
                   "   vldrb.s16 q2, [%[x]], #8\n"   /* (0, 0) last */
                   "   vmullb.s16 q4, q2, q5\n"
                   "   vadd.i32 q0, q0, q4\n"
                   "   vmullt.s16 q4, q2, q5\n"
                   "   vadd.i32 q1, q1, q4\n" /* */
                   MOTE_DW_REQUANT("q0")      /* even */
                   MOTE_DW_REQUANT("q1")      /* odd */
                   "   vmovnt.i32 q0, q1\n"
                   "   vstrb.16 q0, [%[out]], #8\n"
                   "   le lr, 2b\n"
                   : [x] "+l"(x), [wp] "+l"(wp), [prm] "+r"(prm),
                     [out] "+l"(out), [t0] "=&l"(t0), [t1] "=&l"(t1)
                   : [s] "r"(s), [r] "r"(r), [n] "r"(n), [off] "r"(k->offset),
                     [lo] "w"(k->lo), [hi] "w"(k->hi)
                   : "q0", "q1", "q2", "q3", "q4", "q5", "lr", "memory");
}

/* One tap of border3x3: the pointer at byte k of tab, channel c on. */
#define MOTE_DW_TTAP(k)                                                        \
  "   ldr %[t0], [%[tab], #" k "]\n"                                           \
  "   add %[t0], %[c]\n" MOTE_DW_TAP("t0")

/*
 * A border 3x3 window the same way, its 9 taps read through tab: the
 * input of tap (ky, kx), channel 0, or a row of input zero points for
 * the taps that fall outside (x + off = 0, so that the full starting
 * sums come out as the reference's sum over the kept taps): 101
 * instructions a block.
 */
MOTE_NOINLINE static void border3x3(const int8_t *const *tab, const int8_t *wp,
                                    const int32x4_t *prm, int32_t n,
                                    const clamp_t *k, int8_t *out) {
  const int8_t *t0;
  int32_t c = 0;
  __asm__ volatile("   dls lr, %[n]\n"
                   "2: vldrw.32 q0, [%[prm]], #16\n"
                   "   vldrw.32 q1, [%[prm]], #16\n" /* */
                   MOTE_DW_TTAP("0") MOTE_DW_TTAP("4") MOTE_DW_TTAP("8")
                       MOTE_DW_TTAP("12") MOTE_DW_TTAP("16") MOTE_DW_TTAP("20")
                           MOTE_DW_TTAP("24") MOTE_DW_TTAP("28")
                               MOTE_DW_TTAP("32") "   add %[c], #8\n" /* */
                   MOTE_DW_REQUANT("q0")                              /* even */
                   MOTE_DW_REQUANT("q1")                              /* odd */
                   "   vmovnt.i32 q0, q1\n"
                   "   vstrb.16 q0, [%[out]], #8\n"
                   "   le lr, 2b\n"
                   : [wp] "+l"(wp), [prm] "+r"(prm), [out] "+l"(out),
                     [c] "+r"(c), [t0] "=&l"(t0)
                   : [tab] "r"(tab), [n] "r"(n), [off] "r"(k->offset),
                     [lo] "w"(k->lo), [hi] "w"(k->hi)
                   : "q0", "q1", "q2", "q3", "q4", "q5", "lr", "memory");
}

/* Every channel of one pixel, in blocks of 8. An interior window
 * (`packed` not NULL) starts from the full sums and reads the packed
 * filter; a border one starts from the bias and adds the offset. */
static void channels(const mote_conv_params_t *p, const walk_t *k,
                     const int32_t *start, const int8_t *packed, int32_t j,
                     int8_t *out) {
  const int32_t n = taps(p), off = p->input_offset;
  const int three = three_by_three(p);
  for (; j < blocks8(p); ++j) {
    const int32_t c = start8(p, j);
    const int32x4x2_t s = vld2q_s32(start + c);
    int32x4_t acc[2];
    acc[0] = s.val[0], acc[1] = s.val[1];
    if (packed == NULL) {
      block(k, c, off, acc);
    } else if (three) {
      interior8_3x3(k, c, packed + j * n * 8, acc);
    } else {
      interior8(k, c, packed + j * n * 8, acc);
    }
    store8(&p->rq, c, acc, out);
  }
}

/* What an invoke sets up in scratch. */
typedef struct layer {
  const int32_t *full, *part; /* starting sums */
  const int8_t *packed;       /* filter, [blocks8][taps][8] */
  const int32x4_t *prm;       /* 3x3: per whole block, pack_params */
  const int8_t *zero;         /* 3x3: in_c input zero points */
} layer_t;

/* 3x3: the whole blocks of 8 channels of the window of tap (0, 0) at
 * (y0, x0) (k: walk as pixel forms it), in assembly; returns how many. */
static int32_t whole3x3(const mote_conv_params_t *p, const layer_t *l,
                        const int8_t *in, const mote_conv_window_t *win,
                        int interior, const walk_t *k, int8_t *out) {
  const int32_t n = p->out_c / 8;
  clamp_t cl;
  cl.lo = vdupq_n_s32(p->rq.act_min);
  cl.hi = vdupq_n_s32(p->rq.act_max);
  cl.offset = p->rq.output_offset;
  if (interior) {
    interior3x3(k->x, k->x_col, k->x_row, l->packed, l->prm, n, &cl, out);
  } else {
    const int8_t *tab[9];
    int32_t ky, kx;
    for (ky = 0; ky < 3; ++ky) {
      for (kx = 0; kx < 3; ++kx) {
        const int in_y = ky >= win->ky0 && ky < win->ky1;
        const int in_x = kx >= win->kx0 && kx < win->kx1;
        tab[ky * 3 + kx] =
            in_y && in_x
                ? in + mote_conv_in_index(p, 0, win->y0 + ky * p->dilation_h,
                                          win->x0 + kx * p->dilation_w)
                : l->zero;
      }
    }
    border3x3(tab, l->packed, l->prm, n, &cl, out);
  }
  return n;
}

/* Output pixel (oy, ox); `in` the batch's input. */
static void pixel(const mote_conv_params_t *p, const layer_t *l,
                  const int8_t *in, const int8_t *filter, int32_t oy,
                  int32_t ox, int8_t *out) {
  mote_conv_window_t win;
  walk_t k;
  int interior;
  int32_t j = 0;
  mote_conv_window(p, oy, ox, &win);
  interior = win.ky0 == 0 && win.ky1 == p->filter_h && win.kx0 == 0 &&
             win.kx1 == p->filter_w;
  k.x = in + mote_conv_in_index(p, 0, win.y0 + win.ky0 * p->dilation_h,
                                win.x0 + win.kx0 * p->dilation_w);
  k.w = filter + ((ptrdiff_t)win.ky0 * p->filter_w + win.kx0) * p->out_c;
  k.rows = win.ky1 - win.ky0;
  k.cols = win.kx1 - win.kx0;
  k.ch = p->out_c;
  k.x_col = (ptrdiff_t)p->dilation_w * p->in_c;
  k.x_row = (ptrdiff_t)p->dilation_h * p->in_w * p->in_c;
  k.w_row = (ptrdiff_t)p->filter_w * p->out_c;
  if (three_by_three(p)) {
    j = whole3x3(p, l, in, &win, interior, &k, out);
  }
  channels(p, &k, interior ? l->full : l->part, interior ? l->packed : NULL, j,
           out);
}

void mote_depthwise_conv_2d_s8_arm_mve(const mote_conv_params_t *p,
                                       const int8_t *input,
                                       const int8_t *filter,
                                       const int32_t *bias, int8_t *output,
                                       void *scratch) {
  int32_t b, oy, ox;
  layer_t l;
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
  l.full = (const int32_t *)scratch;
  l.part = l.full + p->out_c;
  l.packed = (const int8_t *)scratch + 8 * p->out_c;
  l.prm = (const int32x4_t *)(const void *)(l.packed + packed_bytes(p));
  l.zero = (const int8_t *)l.prm + block_params_bytes(p);
  if (!p->reuse_scratch) {
    start_sums(p, filter, bias, (int32_t *)scratch,
               (int32_t *)scratch + p->out_c);
    pack(p, filter, (int8_t *)scratch + 8 * p->out_c);
    if (three_by_three(p)) {
      pack_params(p, l.full, (int32x4_t *)(uintptr_t)l.prm);
      memset((int8_t *)(uintptr_t)l.zero, -p->input_offset, zero_row_bytes(p));
    }
  }
  for (b = 0; b < p->batches; ++b) {
    const int8_t *in = input + mote_conv_in_index(p, b, 0, 0);
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox, output += p->out_c) {
        pixel(p, &l, in, filter, oy, ox, output);
      }
    }
  }
}

#else
/* Not a Helium target: nothing to compile (ISO C wants a declaration). */
typedef int mote_depthwise_conv_2d_arm_mve_unused;
#endif
