/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference int16 real FFT (rfft.h), with kissfft v130's fixed-point
 * arithmetic (FIXED_POINT=16).
 *
 * A real FFT of even length N is a complex FFT of length n = N / 2 over
 * the samples taken in pairs (even sample real, odd imaginary), followed
 * by a split step that untangles the two interleaved spectra into bins
 * 0..n. The complex FFT is mixed radix, decimation in time, over the
 * stages the plan holds (rfft_plan.c factors n as kissfft does). Fixed point
 * loses one bit of range per radix-2 level, so every butterfly scales its
 * inputs down by its radix (kissfft's C_FIXDIV: a multiply by
 * 32767 / radix and a rounding shift), and the output is the DFT divided
 * by N. Bit-exactness with TFLM depends on every detail kept here: the
 * rounding shift of each product, int16 wraparound of sums, the order of
 * operations inside each butterfly.
 *
 * kissfft recurses: a stage of radix p first transforms its p decimated
 * sub-sequences (recursively), then combines them with one butterfly per
 * block. Blocks of one stage are disjoint and each butterfly reads only
 * what its sub-blocks produced, so running the stages innermost first,
 * one loop per stage, yields the same values in the same places; the
 * recursion's leaf copy becomes a digit-reversed gather of the input.
 *
 * Complex values are kept as (re, im) int16 pairs in plain arrays and
 * loaded into a small struct for arithmetic. Sums are formed in int and
 * narrowed to int16, which wraps as in kissfft; signed right shifts are
 * arithmetic, as everywhere in mote.
 */
#include "kernels/signal/rfft.h"

typedef struct cpx {
  int32_t r, i;
} cpx_t;

static int16_t narrow(int32_t v) {
  return (int16_t)v;
}

/* kissfft sround: Q15 product back to Q0 with round half up. */
static int16_t sround(int32_t x) {
  return (int16_t)((x + 16384) >> 15);
}

static int16_t s_mul(int32_t a, int32_t b) {
  return sround(a * b);
}

static cpx_t load(const int16_t *p, int32_t k) {
  cpx_t c;
  c.r = p[2 * k];
  c.i = p[2 * k + 1];
  return c;
}

static void store(int16_t *p, int32_t k, cpx_t c) {
  p[2 * k] = narrow(c.r);
  p[2 * k + 1] = narrow(c.i);
}

static cpx_t c_mul(cpx_t a, cpx_t b) {
  cpx_t m;
  m.r = sround(a.r * b.r - a.i * b.i);
  m.i = sround(a.r * b.i + a.i * b.r);
  return m;
}

/* C_ADD / C_SUB: the sum narrowed to int16, as stored by kissfft. */
static cpx_t c_add(cpx_t a, cpx_t b) {
  cpx_t s;
  s.r = narrow(a.r + b.r);
  s.i = narrow(a.i + b.i);
  return s;
}

static cpx_t c_sub(cpx_t a, cpx_t b) {
  cpx_t s;
  s.r = narrow(a.r - b.r);
  s.i = narrow(a.i - b.i);
  return s;
}

/* C_FIXDIV: divide by the radix as a multiply by 32767 / radix. */
static cpx_t c_fixdiv(cpx_t c, int32_t radix) {
  const int32_t k = 32767 / radix;
  cpx_t d;
  d.r = sround(c.r * k);
  d.i = sround(c.i * k);
  return d;
}

static void bfly2(int16_t *f, const int16_t *tw, int32_t fstride, int32_t m) {
  int32_t u;
  for (u = 0; u < m; ++u) {
    const cpx_t a = c_fixdiv(load(f, u), 2);
    const cpx_t t = c_mul(c_fixdiv(load(f, u + m), 2), load(tw, u * fstride));
    store(f, u + m, c_sub(a, t));
    store(f, u, c_add(a, t));
  }
}

static void bfly3(int16_t *f, const int16_t *tw, int32_t fstride, int32_t m) {
  const int32_t epi3_i = load(tw, fstride * m).i;
  int32_t k;
  for (k = 0; k < m; ++k) {
    cpx_t f0 = c_fixdiv(load(f, k), 3);
    const cpx_t s1 = c_mul(c_fixdiv(load(f, k + m), 3), load(tw, k * fstride));
    const cpx_t s2 =
        c_mul(c_fixdiv(load(f, k + 2 * m), 3), load(tw, 2 * k * fstride));
    const cpx_t s3 = c_add(s1, s2);
    cpx_t s0 = c_sub(s1, s2);
    cpx_t f1, f2;
    f1.r = narrow(f0.r - (s3.r >> 1));
    f1.i = narrow(f0.i - (s3.i >> 1));
    s0.r = sround(s0.r * epi3_i);
    s0.i = sround(s0.i * epi3_i);
    f0 = c_add(f0, s3);
    f2.r = narrow(f1.r + s0.i);
    f2.i = narrow(f1.i - s0.r);
    f1.r = narrow(f1.r - s0.i);
    f1.i = narrow(f1.i + s0.r);
    store(f, k, f0);
    store(f, k + m, f1);
    store(f, k + 2 * m, f2);
  }
}

static void bfly4(int16_t *f, const int16_t *tw, int32_t fstride, int32_t m) {
  int32_t k;
  for (k = 0; k < m; ++k) {
    cpx_t f0 = c_fixdiv(load(f, k), 4);
    const cpx_t s0 = c_mul(c_fixdiv(load(f, k + m), 4), load(tw, k * fstride));
    const cpx_t s1 =
        c_mul(c_fixdiv(load(f, k + 2 * m), 4), load(tw, 2 * k * fstride));
    const cpx_t s2 =
        c_mul(c_fixdiv(load(f, k + 3 * m), 4), load(tw, 3 * k * fstride));
    const cpx_t s5 = c_sub(f0, s1);
    cpx_t s3, s4, f1, f3;
    f0 = c_add(f0, s1);
    s3 = c_add(s0, s2);
    s4 = c_sub(s0, s2);
    store(f, k + 2 * m, c_sub(f0, s3));
    f0 = c_add(f0, s3);
    f1.r = s5.r + s4.i;
    f1.i = s5.i - s4.r;
    f3.r = s5.r - s4.i;
    f3.i = s5.i + s4.r;
    store(f, k, f0);
    store(f, k + m, f1);
    store(f, k + 3 * m, f3);
  }
}

static void bfly5(int16_t *f, const int16_t *tw, int32_t fstride, int32_t m) {
  const cpx_t ya = load(tw, fstride * m);
  const cpx_t yb = load(tw, fstride * 2 * m);
  int32_t u;
  for (u = 0; u < m; ++u) {
    cpx_t s[13];
    int32_t q;
    for (q = 0; q < 5; ++q) {
      s[q] = c_fixdiv(load(f, u + q * m), 5);
    }
    for (q = 1; q < 5; ++q) {
      s[q] = c_mul(s[q], load(tw, q * u * fstride));
    }
    s[7] = c_add(s[1], s[4]);
    s[10] = c_sub(s[1], s[4]);
    s[8] = c_add(s[2], s[3]);
    s[9] = c_sub(s[2], s[3]);
    s[5].r = narrow(s[0].r + s_mul(s[7].r, ya.r) + s_mul(s[8].r, yb.r));
    s[5].i = narrow(s[0].i + s_mul(s[7].i, ya.r) + s_mul(s[8].i, yb.r));
    s[6].r = narrow(s_mul(s[10].i, ya.i) + s_mul(s[9].i, yb.i));
    s[6].i = narrow(-s_mul(s[10].r, ya.i) - s_mul(s[9].r, yb.i));
    s[11].r = narrow(s[0].r + s_mul(s[7].r, yb.r) + s_mul(s[8].r, ya.r));
    s[11].i = narrow(s[0].i + s_mul(s[7].i, yb.r) + s_mul(s[8].i, ya.r));
    s[12].r = narrow(-s_mul(s[10].i, yb.i) + s_mul(s[9].i, ya.i));
    s[12].i = narrow(s_mul(s[10].r, yb.i) - s_mul(s[9].r, ya.i));
    s[0].r = narrow(s[0].r + (s[7].r + s[8].r));
    s[0].i = narrow(s[0].i + (s[7].i + s[8].i));
    store(f, u, s[0]);
    store(f, u + m, c_sub(s[5], s[6]));
    store(f, u + 4 * m, c_add(s[5], s[6]));
    store(f, u + 2 * m, c_add(s[11], s[12]));
    store(f, u + 3 * m, c_sub(s[11], s[12]));
  }
}

/* The leaf copy of kissfft's recursion: output position j holds input
 * sample pair sum(q_s * P_s), q_s the stage digits of j, P_s the product
 * of the radices outside stage s; pairs beyond in_len are zero. */
static void gather(const mote_rfft_plan_t *plan, const int16_t *in,
                   int32_t in_len, int16_t *out) {
  int32_t j, s;
  for (j = 0; j < plan->n; ++j) {
    int32_t src = 0, outer = 1;
    for (s = 0; s < plan->stages; ++s) {
      src += (j / plan->sub_length[s]) % plan->radix[s] * outer;
      outer *= plan->radix[s];
    }
    out[2 * j] = (int16_t)(2 * src < in_len ? in[2 * src] : 0);
    out[2 * j + 1] = (int16_t)(2 * src + 1 < in_len ? in[2 * src + 1] : 0);
  }
}

/* kiss_fftr's split step, in place: bins k and n - k come from FFT
 * outputs k and n - k only, so each pair is read before it is written. */
static void split(const mote_rfft_plan_t *plan, int16_t *io) {
  const int32_t n = plan->n;
  const cpx_t dc = c_fixdiv(load(io, 0), 2);
  int32_t k;
  io[0] = narrow(dc.r + dc.i);
  io[1] = 0;
  io[2 * n] = narrow(dc.r - dc.i);
  io[2 * n + 1] = 0;
  for (k = 1; k <= n / 2; ++k) {
    cpx_t fpnk = load(io, n - k);
    cpx_t fpk, f1k, f2k, tw;
    fpnk.i = narrow(-fpnk.i);
    fpk = c_fixdiv(load(io, k), 2);
    fpnk = c_fixdiv(fpnk, 2);
    f1k = c_add(fpk, fpnk);
    f2k = c_sub(fpk, fpnk);
    tw = c_mul(f2k, load(plan->super_twiddles, k - 1));
    io[2 * k] = narrow((f1k.r + tw.r) >> 1);
    io[2 * k + 1] = narrow((f1k.i + tw.i) >> 1);
    /* For k == n / 2 this overwrites bin k, as kissfft does. */
    io[2 * (n - k)] = narrow((f1k.r - tw.r) >> 1);
    io[2 * (n - k) + 1] = narrow((tw.i - f1k.i) >> 1);
  }
}

void mote_rfft_q15_ref(const mote_rfft_plan_t *plan, const int16_t *in,
                       int32_t in_len, int16_t *out) {
  int32_t s, b;
  int32_t outer = plan->n; /* product of the radices outside stage s */
  gather(plan, in, in_len, out);
  for (s = plan->stages - 1; s >= 0; --s) {
    const int32_t p = plan->radix[s];
    const int32_t m = plan->sub_length[s];
    outer /= p;
    for (b = 0; b < outer; ++b) {
      int16_t *f = out + 2 * b * p * m;
      switch (p) {
      case 2:
        bfly2(f, plan->twiddles, outer, m);
        break;
      case 3:
        bfly3(f, plan->twiddles, outer, m);
        break;
      case 4:
        bfly4(f, plan->twiddles, outer, m);
        break;
      default:
        bfly5(f, plan->twiddles, outer, m);
        break;
      }
    }
  }
  split(plan, out);
}
