/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONV_2D int8, Helium (conv_2d.h): for Cortex-M55/M85 (MVE integer). No
 * assumption on alignment or channel counts; grouped convolution falls
 * back to the reference (mote_conv_2d_s8_ref).
 *
 * A convolution is a GEMM: each output pixel's window, read as one row of
 * K = filter_h * filter_w * in_c values, against each output channel's
 * filter (a row of K in [out_c][K]). A 1x1 filter with no padding reads
 * its row in place (the pixel's in_c channels); any other window is
 * copied first into a K-byte row (im2col of one pixel), padding taps
 * filled with the input zero point so that they add nothing. The input
 * offset is folded out: sum w * (x + off) = sum w * x + off * sum w, with
 * bias + off * sum w formed once per invoke into scratch (out_c int32;
 * kept for the later bands of an in-place run: reuse_scratch),
 * so the inner loop is 16 int8 MACs per VMLADAVA. Four output channels
 * per pass share each input load (1 + 4 loads, 4 VMLADAVA per 16
 * columns), the tail of K under a VCTP predicate; their four sums are
 * requantized together (mve_requant.h), bit-exact with the reference.
 * A 1x1 layer loops channel groups outside and pixels inside (scaling,
 * sums and filter rows stay put); other layers loop pixels outside (one
 * im2col row serves every group). Fewer than 4 output channels run one
 * channel per pass.
 *
 * Measured on mlperf_kws_dscnn_int8's 1x1 64->64 layer at -O2 (TFLM +
 * CMSIS-NN: 203,140 instructions): the asm loop with pixels outside,
 * 192,175; channel groups outside, 164,225; the same from intrinsics
 * (GCC 12 indexes the loads and predicates the tail with a VPST per
 * load), 185,145. Rejected: 2 pixels x 4 channels (8 accumulators; there
 * are 7 even registers), 2 x 2 (stores split across pixels). Still
 * there: some 30 instructions per pass besides the loop (GCC keeps few
 * values in registers around the asm), which is most of what separates
 * K = 64 layers from the 16-MACs-per-instruction floor.
 *
 * Scratch: 4 * out_c (rounded up to 4 channels) + K (im2col; 0 for 1x1).
 */
#include "kernels/conv_2d.h"

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>

#include "common/compiler.h"
#include "kernels/arm_mve/mve_conv.h"
#include "kernels/arm_mve/mve_requant.h"

/* Declared here too: the op header declares them only when this family is
 * the one bound. */
mote_conv_s8_fn mote_conv_2d_s8_arm_mve;
mote_conv_scratch_fn mote_conv_2d_s8_arm_mve_scratch_bytes;

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

size_t mote_conv_2d_s8_arm_mve_scratch_bytes(const mote_conv_params_t *p) {
  if (p->filter_c != p->in_c) {
    return 0;
  }
  return (size_t)round4(p->out_c) * 4u +
         (direct(p) ? 0u : (size_t)round4(depth(p)));
}

/* n bytes from src to dst, 16 per step. */
static void copy_run(int8_t *dst, const int8_t *src, int32_t n) {
  for (; n > 0; n -= 16, src += 16, dst += 16) {
    const mve_pred16_t q = vctp8q((uint32_t)n);
    vstrbq_p_s8(dst, vldrbq_z_s8(src, q), q);
  }
}

static void fill_run(int8_t *dst, int8_t v, int32_t n) {
  const int8x16_t fill = vdupq_n_s8(v);
  for (; n > 0; n -= 16, dst += 16) {
    vstrbq_p_s8(dst, fill, vctp8q((uint32_t)n));
  }
}

/* The window of output pixel (oy, ox) as one row of K values; `in` is
 * the batch's input. Taps outside the input read the zero point. */
static void im2col(const mote_conv_params_t *p, const int8_t *in, int32_t oy,
                   int32_t ox, int8_t *col) {
  const int8_t zero_point = (int8_t)-p->input_offset;
  const int32_t y0 = oy * p->stride_h - p->pad_h;
  const int32_t x0 = ox * p->stride_w - p->pad_w;
  const int32_t row = p->filter_w * p->in_c;
  int32_t ky, kx;
  for (ky = 0; ky < p->filter_h; ++ky, col += row) {
    const int32_t y = y0 + ky * p->dilation_h;
    const int32_t xe = x0 + (p->filter_w - 1) * p->dilation_w;
    if (y < 0 || y >= p->in_h) {
      fill_run(col, zero_point, row);
    } else if (p->dilation_w == 1 && x0 >= 0 && xe < p->in_w) {
      copy_run(col, in + mote_conv_in_index(p, 0, y, x0), row);
    } else {
      for (kx = 0; kx < p->filter_w; ++kx) {
        const int32_t x = x0 + kx * p->dilation_w;
        int8_t *dst = col + kx * p->in_c;
        if (x < 0 || x >= p->in_w) {
          fill_run(dst, zero_point, p->in_c);
        } else {
          copy_run(dst, in + mote_conv_in_index(p, 0, y, x), p->in_c);
        }
      }
    }
  }
}

/*
 * sums[j] + sum_k x[k] * w_j[k] for the four rows w_j = w + j * step,
 * k < n, as one tail-predicated low-overhead loop (WLSTP/LETP) with
 * post-incremented loads: 10 instructions per 16 columns of four
 * channels, the last iteration predicated by the hardware. Inline
 * assembly because GCC 12 has no intrinsic for either: from intrinsics it
 * indexes the loads off one counter (16 instructions a step), predicates
 * a separate tail with a VPST per load and a VPR round trip (18 more per
 * pass), and shuffles the ten live registers around the loop (some 50
 * more). VMLADAVA wants even accumulator registers ("Te"); the memory
 * operands say what the loop reads, so that no memory clobber makes the
 * caller reload its loop bounds after every pass.
 */
/* The memory operands cast `const T *` to `const T (*)[]`: GCC 12 takes
 * that for dropping a qualifier (before C2x an array of const elements is
 * not itself const-qualified) and -Wcast-qual would say so. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-qual"
static int32x4_t dot4(const int8_t *x, const int8_t *w, int32_t step, int32_t n,
                      const int32_t *sums) {
  int32x4_t acc;
  int32_t a0, a1, a2, a3;
  const int8_t *w1, *w2, *w3;
  __asm__("   ldrd %[a0], %[a1], [%[s]]\n"
          "   ldrd %[a2], %[a3], [%[s], #8]\n"
          "   add %[w1], %[w], %[step]\n"
          "   add %[w2], %[w1], %[step]\n"
          "   add %[w3], %[w2], %[step]\n"
          "   wlstp.8 lr, %[n], 1f\n"
          "2: vldrb.8 q0, [%[x]], #16\n"
          "   vldrb.8 q1, [%[w]], #16\n"
          "   vmladava.s8 %[a0], q0, q1\n"
          "   vldrb.8 q1, [%[w1]], #16\n"
          "   vmladava.s8 %[a1], q0, q1\n"
          "   vldrb.8 q1, [%[w2]], #16\n"
          "   vmladava.s8 %[a2], q0, q1\n"
          "   vldrb.8 q1, [%[w3]], #16\n"
          "   vmladava.s8 %[a3], q0, q1\n"
          "   letp lr, 2b\n"
          "1: vmov %q[acc][2], %q[acc][0], %[a0], %[a2]\n"
          "   vmov %q[acc][3], %q[acc][1], %[a1], %[a3]\n"
          : [acc] "=w"(acc), [a0] "=&Te"(a0), [a1] "=&Te"(a1), [a2] "=&Te"(a2),
            [a3] "=&Te"(a3), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3),
            [x] "+r"(x), [w] "+r"(w)
          : [step] "r"(step), [n] "r"(n), [s] "r"(sums),
            "m"(*(const int8_t(*)[])x), "m"(*(const int8_t(*)[])w),
            "m"(*(const int32_t(*)[4])sums)
          : "q0", "q1", "lr");
  return acc;
}
#pragma GCC diagnostic pop

/* An op's output scaling, hoisted into registers for the channel loop. */
typedef struct scaling {
  const int32_t *mult;
  const int8_t *shift;
  int32_t per_channel, offset;
  int32x4_t lo, hi;
  mote_mve_scale_t s; /* per-tensor: every channel's */
} scaling_t;

static scaling_t scaling(const mote_requant_t *q) {
  scaling_t r;
  r.mult = q->multiplier;
  r.shift = q->shift;
  r.per_channel = q->per_channel;
  r.offset = q->output_offset;
  r.lo = vdupq_n_s32(q->act_min);
  r.hi = vdupq_n_s32(q->act_max);
  r.s = mote_mve_scale_at(q, 0, vctp32q(4u));
  return r;
}

/* The scaling of output channels [c, c + 4). */
static inline mote_mve_scale_t scale_at(const scaling_t *r, int32_t c) {
  mote_mve_scale_t s = r->s;
  if (r->per_channel) {
    const int32x4_t shift = vldrbq_s32(r->shift + c);
    s.mult = vldrwq_s32(r->mult + c);
    s.left = vmaxq_s32(shift, vdupq_n_s32(0));
    s.right = vminq_s32(shift, vdupq_n_s32(0));
  }
  return s;
}

/* Requantizes four sums and stores them at out. */
static inline void store4(int32x4_t acc, const mote_mve_scale_t *s,
                          const scaling_t *r, int8_t *out) {
  acc = vaddq_n_s32(mote_mve_scale(acc, s), r->offset);
  vstrbq_s32(out, vminq_s32(vmaxq_s32(acc, r->lo), r->hi));
}

/* Output channels [c, c + 4) of one pixel, from its row x [k]. */
static inline void group(const int8_t *x, const int8_t *filter, int32_t k,
                         const int32_t *sums, const scaling_t *r, int32_t c,
                         int8_t *out) {
  const mote_mve_scale_t s = scale_at(r, c);
  store4(dot4(x, filter + c * k, k, k, sums + c), &s, r, out + c);
}

/* The next group of four channels after the one at c, or -1: the last
 * group overlaps the one before it when out_c is not a multiple of 4
 * (its channels are computed twice, identically). */
static inline int32_t next_group(int32_t c, int32_t out_c) {
  if (c + 4 >= out_c) {
    return -1;
  }
  return c + 8 <= out_c ? c + 4 : out_c - 4;
}

/* A 1x1 convolution without padding, out_c >= 4: channel groups outside,
 * pixels inside, so that a group's scaling, sums and filter rows stay in
 * registers while its dot products walk the input in place. */
static MOTE_NOINLINE void conv_1x1(const mote_conv_params_t *p, const int8_t *input,
                     const int8_t *filter, const int32_t *sums,
                     const scaling_t *r, int8_t *output) {
  const int32_t k = p->in_c, out_c = p->out_c, out_w = p->out_w;
  const int32_t out_h = p->out_h, batches = p->batches;
  const ptrdiff_t col_step = (ptrdiff_t)p->stride_w * k;
  const ptrdiff_t row_step = (ptrdiff_t)p->stride_h * p->in_w * k;
  const ptrdiff_t batch_step = mote_conv_in_index(p, 1, 0, 0);
  int32_t c = 0;
  do {
    const mote_mve_scale_t s = scale_at(r, c);
    const int8_t *w = filter + c * k;
    int8_t *out = output + c;
    int32_t b, oy, ox;
    for (b = 0; b < batches; ++b) {
      for (oy = 0; oy < out_h; ++oy) {
        const int8_t *x = input + b * batch_step + oy * row_step;
        for (ox = 0; ox < out_w; ++ox, x += col_step, out += out_c) {
          store4(dot4(x, w, k, k, sums + c), &s, r, out);
        }
      }
    }
    c = next_group(c, out_c);
  } while (c >= 0);
}

/* Every output channel of one pixel, out_c >= 4. */
static inline void pixel(const int8_t *x, const int8_t *filter, int32_t k,
                         const int32_t *sums, const scaling_t *r, int32_t out_c,
                         int8_t *out) {
  int32_t c = 0;
  do {
    group(x, filter, k, sums, r, c, out);
    c = next_group(c, out_c);
  } while (c >= 0);
}

/* Fewer than four output channels: one channel a pass, lane 0. */
static void pixel_narrow(const mote_conv_params_t *p, const int8_t *x,
                         const int8_t *filter, int32_t k, const int32_t *sums,
                         int8_t *out) {
  int32_t c;
  for (c = 0; c < p->out_c; ++c) {
    const int32x4_t acc = dot4(x, filter + c * k, 0, k, sums + c);
    out[c] = (int8_t)mote_requant_apply(&p->rq, c, vgetq_lane_s32(acc, 0));
  }
}

void mote_mve_conv_1x1_s8(const mote_conv_params_t *p, const int8_t *input,
                          const int8_t *filter, const int32_t *bias,
                          int8_t *output, int32_t *sums) {
  const scaling_t r = scaling(&p->rq);
  const int32_t pixels = p->batches * p->out_h * p->out_w;
  int32_t n;
  if (!p->reuse_scratch) {
    mote_mve_offset_sums(filter, p->out_c, p->in_c, p->input_offset, bias,
                         sums);
  }
  if (p->out_c >= 4) {
    conv_1x1(p, input, filter, sums, &r, output);
    return;
  }
  for (n = 0; n < pixels; ++n) {
    pixel_narrow(p, input + (ptrdiff_t)n * p->in_c, filter, p->in_c, sums,
                 output + (ptrdiff_t)n * p->out_c);
  }
}

void mote_conv_2d_s8_arm_mve(const mote_conv_params_t *p, const int8_t *input,
                             const int8_t *filter, const int32_t *bias,
                             int8_t *output, void *scratch) {
  const int32_t k = depth(p);
  int32_t *sums = (int32_t *)scratch;
  int8_t *col;
  scaling_t r;
  int32_t b, oy, ox;
  if (p->filter_c != p->in_c) {
    mote_conv_2d_s8_ref(p, input, filter, bias, output, scratch);
    return;
  }
  if (direct(p) && p->out_c >= 4) {
    mote_mve_conv_1x1_s8(p, input, filter, bias, output, sums);
    return;
  }
  col = (int8_t *)(sums + round4(p->out_c));
  r = scaling(&p->rq);
  if (!p->reuse_scratch) {
    mote_mve_offset_sums(filter, p->out_c, k, p->input_offset, bias, sums);
  }
  for (b = 0; b < p->batches; ++b) {
    const int8_t *in = input + mote_conv_in_index(p, b, 0, 0);
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox, output += p->out_c) {
        const int8_t *x = col;
        if (direct(p)) {
          x = in + mote_conv_in_index(p, 0, oy * p->stride_h, ox * p->stride_w);
        } else {
          im2col(p, in, oy, ox, col);
        }
        if (p->out_c >= 4) {
          pixel(x, filter, k, sums, &r, p->out_c, output);
        } else {
          pixel_narrow(p, x, filter, k, sums, output);
        }
      }
    }
  }
}

#else
/* Not a Helium target: nothing to compile (ISO C wants a declaration). */
typedef int mote_conv_2d_arm_mve_unused;
#endif
