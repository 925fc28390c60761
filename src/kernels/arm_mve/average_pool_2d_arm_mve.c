/* SPDX-License-Identifier: Apache-2.0 */
/*
 * AVERAGE_POOL_2D int8, Helium (pooling.h): for Cortex-M55/M85 (MVE
 * integer). No alignment assumption, any depth. Windows of at most 256
 * elements (filter_h * filter_w); larger ones take the reference.
 *
 * Channels are the lanes. For each output pixel, 16 channels at a time
 * are summed over the window in two int16 accumulators (VLDRB.S16
 * widens eight channels per load; 2 instructions per 8 channel-elements
 * and no accumulator traffic, where CMSIS-NN keeps int32 sums in scratch).
 * int16 is exact: at most 256 int8 values sum to [-32768, 32512]. The
 * last block of a pixel is predicated (VCTP16). The reference's rounding
 * division is then exact as a reciprocal multiply (see averages), four
 * channels per int32 vector: a scalar SDIV per channel cost some 25
 * instructions a channel (vww's 3x3 pool over 256 channels: 6,552, more
 * than the sums).
 *
 * Scratch: none.
 */
#include "kernels/pooling.h"

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>

/* Declared here too: pooling.h declares them only when this family is
 * bound. */
mote_avg_pool_s8_fn mote_avg_pool_s8_arm_mve;
mote_pool_scratch_fn mote_avg_pool_s8_arm_mve_scratch_bytes;

size_t mote_avg_pool_s8_arm_mve_scratch_bytes(const mote_pool_params_t *p) {
  (void)p;
  return 0;
}

/* The reference's division and clamp of the window's count, four
 * channels at a time. (sum +- count/2) / count truncating is
 * sign(sum) * ((|sum| + count/2) / count); with |sum| + count/2 < 2^16
 * and count <= 256 the quotient is exactly the high word of the
 * numerator times ceil(2^32 / count) (the error term stays below 2^-16,
 * under the 1/count a quotient's fraction keeps from the next integer).
 * count 1 (2^32 does not fit) is the numerator itself. */
typedef struct pool_div {
  uint32_t mult; /* ceil(2^32 / count); 0 for count 1 */
  int32_t half;  /* count / 2 */
  int32_t lo, hi;
} pool_div_t;

static pool_div_t pool_div(int32_t count, int32_t lo, int32_t hi) {
  pool_div_t d;
  d.mult = count > 1 ? (uint32_t)(0xffffffffu / (uint32_t)count) + 1u : 0u;
  d.half = count / 2;
  d.lo = lo;
  d.hi = hi;
  return d;
}

/* Channels [0, n) of sum[16] (n <= 16), averaged and clamped into out. */
static void averages(const int16_t *sum, int32_t n, const pool_div_t *d,
                     int8_t *out) {
  int32_t i;
  for (i = 0; i < n; i += 4) {
    const mve_pred16_t pred = vctp32q((uint32_t)(n - i));
    const int32x4_t s = vldrhq_z_s32(sum + i, pred);
    const int32x4_t sign = vshrq_n_s32(s, 31);
    const uint32x4_t num =
        vreinterpretq_u32_s32(vaddq_n_s32(vabsq_s32(s), d->half));
    int32x4_t q = vreinterpretq_s32_u32(
        d->mult != 0u ? vmulhq_u32(num, vdupq_n_u32(d->mult)) : num);
    q = vsubq_s32(veorq_s32(q, sign), sign);
    q = vminq_s32(vmaxq_s32(q, vdupq_n_s32(d->lo)), vdupq_n_s32(d->hi));
    vstrbq_p_s32(out + i, q, pred);
  }
}

/* Sums of channels [0, n) (n <= 16) of the window w into sum[16]: the
 * pixel at (y, x) of the image starts at img + (y * in_w + x) * depth.
 * Inlined with full = 1 (n == 16, unpredicated) and full = 0. */
static inline void window_sums(const mote_pool_params_t *p, const int8_t *img,
                               const mote_pool_window_t *w, int32_t n,
                               int full, int16_t *sum) {
  const mve_pred16_t p0 = vctp16q((uint32_t)n);
  const mve_pred16_t p1 = vctp16q((uint32_t)(n > 8 ? n - 8 : 0));
  const int32_t depth = p->depth;
  int16x8_t a0 = vdupq_n_s16(0), a1 = vdupq_n_s16(0);
  int32_t y, x;
  for (y = w->y0; y < w->y1; ++y) {
    const int8_t *q = img + (y * p->in_w + w->x0) * depth;
    for (x = w->x0; x < w->x1; ++x, q += depth) {
      if (full) {
        a0 = vaddq_s16(a0, vldrbq_s16(q));
        a1 = vaddq_s16(a1, vldrbq_s16(q + 8));
      } else {
        a0 = vaddq_s16(a0, vldrbq_z_s16(q, p0));
        a1 = vaddq_s16(a1, vldrbq_z_s16(q + 8, p1));
      }
    }
  }
  vst1q_s16(sum, a0);
  vst1q_s16(sum + 8, a1);
}

/* One output pixel: every channel of window w. */
static void pool_pixel(const mote_pool_params_t *p, const int8_t *img,
                       const mote_pool_window_t *w, int8_t *out) {
  const pool_div_t d = pool_div((w->y1 - w->y0) * (w->x1 - w->x0),
                                p->act_min, p->act_max);
  int16_t sum[16];
  int32_t c;
  for (c = 0; c < p->depth; c += 16) {
    const int32_t n = p->depth - c < 16 ? p->depth - c : 16;
    if (n == 16) {
      window_sums(p, img + c, w, 16, 1, sum);
    } else {
      window_sums(p, img + c, w, n, 0, sum);
    }
    averages(sum, n, &d, out + c);
  }
}

void mote_avg_pool_s8_arm_mve(const mote_pool_params_t *p, const int8_t *input,
                              int8_t *output, void *scratch) {
  int32_t b, oy, ox;
  if (p->filter_h * p->filter_w > 256) {
    mote_avg_pool_s8_ref(p, input, output, scratch);
    return;
  }
  for (b = 0; b < p->batches; ++b) {
    const int8_t *img = input + b * p->in_h * p->in_w * p->depth;
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox, output += p->depth) {
        mote_pool_window_t w;
        mote_pool_window(p, oy, ox, &w);
        pool_pixel(p, img, &w, output);
      }
    }
  }
}

#else
/* Not a Helium target: nothing to compile (ISO C wants a declaration). */
typedef int mote_average_pool_2d_arm_mve_unused;
#endif
