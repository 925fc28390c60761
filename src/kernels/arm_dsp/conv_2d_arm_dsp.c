/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONV_2D int8, Cortex-M DSP extension (conv_2d.h): for Cortex-M4, M7
 * and M33 (SMLAD, SXTB16; unaligned word loads). No assumption on
 * alignment or channel counts; grouped convolution falls back to the
 * reference (mote_conv_2d_s8_ref).
 *
 * A convolution is a GEMM: each output pixel's window, read as one row
 * of K = filter_h * filter_w * in_c values, against each output
 * channel's filter (a row of K in [out_c][K]). Output pixels go in pairs;
 * their two rows are widened once into scratch as int16 with the input
 * offset added (x + offset fits int16; padding taps, the zero point,
 * become 0), in the order SMLAD wants: per group of four columns, pixel
 * 0's (k0, k2) and (k1, k3) halfword pairs, then pixel 1's. The filter
 * is read in place, each word of four weights split by SXTB16 into the
 * same even and odd pairs. Two channels x two pixels per pass: per four
 * columns one LDM of the four input words, two weight loads, four
 * SXTB16 and eight SMLAD, 15 instructions for 16 MACs; the loop is
 * inline assembly because GCC 12 neither folds the ROR into SXTB16 nor
 * forms the LDM, and spills the pointers (25 instructions, measured).
 * A 1x1 layer without padding widens the input pixels in place; others
 * gather the window first (im2col of two pixels, int8, zero point in the
 * padding). A K not a multiple of 4 ends with a partial group whose
 * weights are assembled byte by byte (never read past a filter row); an
 * odd last channel or pixel runs the pair with itself and stores one.
 *
 * The input offset is widened with the input, not folded into the bias
 * as off * sum(w): that would cost a pass over the filter per invoke (or
 * out_c words of persistent memory) and save nothing in the inner loop.
 * Each sum is requantized inline (dsp_util.h), bit-exact with the
 * reference.
 *
 * Scratch: 4 * K4 bytes (two widened rows; K4 = K rounded up to 4), and
 * 2 * K4 more for the int8 windows unless the layer is 1x1 unpadded.
 */
#include "kernels/conv_2d.h"

#if defined(__ARM_FEATURE_DSP)
#include "kernels/arm_dsp/dsp_util.h"

/* Declared here too: the op header declares them only when this family is
 * the one bound. */
mote_conv_s8_fn mote_conv_2d_s8_arm_dsp;
mote_conv_scratch_fn mote_conv_2d_s8_arm_dsp_scratch_bytes;

static int32_t round4(int32_t n) {
  return (n + 3) & ~3;
}

/* 1x1, no padding: the pixel's channels are the GEMM row. */
static int direct(const mote_conv_params_t *p) {
  return p->filter_h == 1 && p->filter_w == 1 && p->pad_h == 0 && p->pad_w == 0;
}

static int32_t depth(const mote_conv_params_t *p) {
  return p->filter_h * p->filter_w * p->filter_c;
}

size_t mote_conv_2d_s8_arm_dsp_scratch_bytes(const mote_conv_params_t *p) {
  const size_t k4 = (size_t)round4(depth(p));
  if (p->filter_c != p->in_c) {
    return 0;
  }
  return 4u * k4 + (direct(p) ? 0u : 2u * k4);
}

/*
 * Widens rows r0 and r1 [k] into x as described at the top: group g is
 * x[4g .. 4g + 3] = r0 even, r0 odd, r1 even, r1 odd, each value plus
 * `off`. A partial last group is padded with zeros.
 */
static void widen2(const int8_t *r0, const int8_t *r1, int32_t k, int32_t off,
                   int32_t *x) {
  const int32_t offs = mote_dsp_dup16(off);
  int32_t g, j;
  for (g = k >> 2; g > 0; --g, r0 += 4, r1 += 4, x += 4) {
    const int32_t v0 = mote_dsp_load32(r0), v1 = mote_dsp_load32(r1);
    x[0] = __sxtab16(offs, v0);
    x[1] = mote_dsp_sxtab16_ror8(offs, v0);
    x[2] = __sxtab16(offs, v1);
    x[3] = mote_dsp_sxtab16_ror8(offs, v1);
  }
  if ((k & 3) != 0) {
    uint32_t h[8];
    for (j = 0; j < 4; ++j) {
      h[j] = j < (k & 3) ? (uint32_t)(r0[j] + off) & 0xFFFFu : 0u;
      h[4 + j] = j < (k & 3) ? (uint32_t)(r1[j] + off) & 0xFFFFu : 0u;
    }
    x[0] = (int32_t)(h[0] | h[2] << 16);
    x[1] = (int32_t)(h[1] | h[3] << 16);
    x[2] = (int32_t)(h[4] | h[6] << 16);
    x[3] = (int32_t)(h[5] | h[7] << 16);
  }
}

/* One group of four columns of the 2x2 block (see dot2x2). */
#define MOTE_DSP_GROUP2X2                                                      \
  "ldm %[x]!, {%[xa], %[xb], %[xc], %[xd]}\n\t"                                \
  "ldr %[wa], [%[w0]], #4\n\t"                                                 \
  "sxtb16 %[wb], %[wa], ror #8\n\t"                                            \
  "sxtb16 %[wa], %[wa]\n\t"                                                    \
  "smlad %[a0], %[wa], %[xa], %[a0]\n\t"                                       \
  "smlad %[a1], %[wa], %[xc], %[a1]\n\t"                                       \
  "smlad %[a0], %[wb], %[xb], %[a0]\n\t"                                       \
  "smlad %[a1], %[wb], %[xd], %[a1]\n\t"                                       \
  "ldr %[wa], [%[w1]], #4\n\t"                                                 \
  "sxtb16 %[wb], %[wa], ror #8\n\t"                                            \
  "sxtb16 %[wa], %[wa]\n\t"                                                    \
  "smlad %[a2], %[wa], %[xa], %[a2]\n\t"                                       \
  "smlad %[a3], %[wa], %[xc], %[a3]\n\t"                                       \
  "smlad %[a2], %[wb], %[xb], %[a2]\n\t"                                       \
  "smlad %[a3], %[wb], %[xd], %[a3]\n\t"

/*
 * acc[0..3] += the dot products of filter rows w0, w1 [k] with the two
 * widened pixel rows x: acc[0] = (w0, pixel 0), acc[1] = (w0, pixel 1),
 * acc[2] = (w1, pixel 0), acc[3] = (w1, pixel 1). Two groups per loop
 * step. LDM loads registers in ascending order, hence the four input
 * words in fixed, ascending registers. A memory clobber rather than
 * memory operands naming what the loop reads: their addresses would
 * take registers, and the loop already needs all 14 (GCC 12 for
 * Cortex-M55 at -O1 then finds no allocation).
 */
static inline void dot2x2(const int32_t *x, const int8_t *w0, const int8_t *w1,
                          int32_t k, int32_t *acc) {
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
#if MOTE_DSP_ASM
  register int32_t xa __asm__("r0");
  register int32_t xb __asm__("r1");
  register int32_t xc __asm__("r2");
  register int32_t xd __asm__("r3");
  int32_t wa, wb, n = k >> 3;
  if (n > 0) {
    __asm__("1:\n\t" MOTE_DSP_GROUP2X2 MOTE_DSP_GROUP2X2
            "subs %[n], %[n], #1\n\t"
            "bne 1b\n\t"
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
              [x] "+r"(x), [w0] "+r"(w0), [w1] "+r"(w1), [n] "+r"(n),
              [xa] "=&r"(xa), [xb] "=&r"(xb), [xc] "=&r"(xc), [xd] "=&r"(xd),
              [wa] "=&r"(wa), [wb] "=&r"(wb)
            :
            : "cc", "memory");
  }
  if ((k & 4) != 0) {
    __asm__(MOTE_DSP_GROUP2X2
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
              [x] "+r"(x), [w0] "+r"(w0), [w1] "+r"(w1), [xa] "=&r"(xa),
              [xb] "=&r"(xb), [xc] "=&r"(xc), [xd] "=&r"(xd), [wa] "=&r"(wa),
              [wb] "=&r"(wb)
            :
            : "memory");
  }
#else
  int32_t g;
  for (g = k >> 2; g > 0; --g, x += 4, w0 += 4, w1 += 4) {
    const int32_t v0 = mote_dsp_load32(w0), v1 = mote_dsp_load32(w1);
    const int32_t e0 = __sxtb16(v0), o0 = mote_dsp_sxtb16_ror8(v0);
    const int32_t e1 = __sxtb16(v1), o1 = mote_dsp_sxtb16_ror8(v1);
    a0 = __smlad(o0, x[1], __smlad(e0, x[0], a0));
    a1 = __smlad(o0, x[3], __smlad(e0, x[2], a1));
    a2 = __smlad(o1, x[1], __smlad(e1, x[0], a2));
    a3 = __smlad(o1, x[3], __smlad(e1, x[2], a3));
  }
#endif
  if ((k & 3) != 0) {
    int32_t e0, o0, e1, o1;
    mote_dsp_tail_pairs(w0, k & 3, &e0, &o0);
    mote_dsp_tail_pairs(w1, k & 3, &e1, &o1);
    a0 = __smlad(o0, x[1], __smlad(e0, x[0], a0));
    a1 = __smlad(o0, x[3], __smlad(e0, x[2], a1));
    a2 = __smlad(o1, x[1], __smlad(e1, x[0], a2));
    a3 = __smlad(o1, x[3], __smlad(e1, x[2], a3));
  }
  acc[0] = a0, acc[1] = a1, acc[2] = a2, acc[3] = a3;
}

/* Every output channel of a pixel pair: x the widened rows, out0 and
 * out1 the pixels' outputs (out1 NULL for a lone last pixel). */
static void channels(const mote_conv_params_t *p, const int32_t *x,
                     const int8_t *filter, const int32_t *bias, int32_t k,
                     int8_t *out0, int8_t *out1) {
  const int32_t out_c = p->out_c;
  const mote_dsp_out_t o = mote_dsp_out(&p->rq);
  int32_t c;
  for (c = 0; c < out_c; c += 2) {
    const int two = c + 1 < out_c;
    const int8_t *w0 = filter + (ptrdiff_t)c * k;
    const int32_t b0 = bias != NULL ? bias[c] : 0;
    const int32_t b1 = bias != NULL && two ? bias[c + 1] : b0;
    int32_t acc[4];
    mote_dsp_scale_t s;
    acc[0] = acc[1] = b0;
    acc[2] = acc[3] = b1;
    dot2x2(x, w0, two ? w0 + k : w0, k, acc);
    s = mote_dsp_scale_at(&o, c);
    out0[c] = mote_dsp_requant(&o, &s, acc[0]);
    if (out1 != NULL) {
      out1[c] = mote_dsp_requant(&o, &s, acc[1]);
    }
    if (two) {
      s = mote_dsp_scale_at(&o, c + 1);
      out0[c + 1] = mote_dsp_requant(&o, &s, acc[2]);
      if (out1 != NULL) {
        out1[c + 1] = mote_dsp_requant(&o, &s, acc[3]);
      }
    }
  }
}

/* Output pixel n (in NHWC order) as its GEMM row: in place for a direct
 * layer, else gathered into col. */
static const int8_t *row_of(const mote_conv_params_t *p, const int8_t *input,
                            int32_t n, int8_t *col) {
  const int32_t ox = n % p->out_w, rest = n / p->out_w;
  const int32_t oy = rest % p->out_h, b = rest / p->out_h;
  if (direct(p)) {
    return input + mote_conv_in_index(p, b, oy * p->stride_h, ox * p->stride_w);
  }
  mote_conv_im2col_s8(p, input + mote_conv_in_index(p, b, 0, 0), oy, ox, col);
  return col;
}

void mote_conv_2d_s8_arm_dsp(const mote_conv_params_t *p, const int8_t *input,
                             const int8_t *filter, const int32_t *bias,
                             int8_t *output, void *scratch) {
  const int32_t k = depth(p), k4 = round4(k);
  const int32_t pixels = p->batches * p->out_h * p->out_w;
  int32_t *x = (int32_t *)scratch;
  int8_t *cols = (int8_t *)scratch + 4 * k4;
  int32_t n;
  if (p->filter_c != p->in_c) {
    mote_conv_2d_s8_ref(p, input, filter, bias, output, scratch);
    return;
  }
  for (n = 0; n < pixels; n += 2) {
    const int pair = n + 1 < pixels;
    const int8_t *r0 = row_of(p, input, n, cols);
    const int8_t *r1 = pair ? row_of(p, input, n + 1, cols + k4) : r0;
    int8_t *out0 = output + (ptrdiff_t)n * p->out_c;
    widen2(r0, r1, k, p->input_offset, x);
    channels(p, x, filter, bias, k, out0, pair ? out0 + p->out_c : NULL);
  }
}

#else
/* Not a DSP target: nothing to compile (ISO C wants a declaration). */
typedef int mote_conv_2d_arm_dsp_unused;
#endif
