/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The int16 real FFT (kissfft fixed-point arithmetic) against
 *  - hand-worked tiny transforms, exact to the last bit: each value below
 *    was derived by stepping through the butterfly by hand (see the
 *    comments), so the rounding of every stage is pinned down;
 *  - a double-precision DFT divided by N, for every supported radix mix:
 *    the fixed-point result stays within stages + 1 LSB plus the known
 *    gain shortfall of the fixed-point scaling (see dft_excess);
 *  - kissfft's factoring order and the lengths it must reject;
 * and the int32 and float32 transforms and the inverses of all three
 * against the DFT and by round trip (bit-exactness with TFLM is the op
 * table's: kernels/test_op_table).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernels/signal/rfft.h"
#include "test.h"

#define MAXN 1024

static int16_t g_twiddles[2 * MAXN];

static int plan_for(mote_rfft_plan_t *plan, int32_t n) {
  if (mote_rfft_plan_factor(plan, n) != MOTE_OK) {
    return 0;
  }
  CHECK(mote_rfft_q15_twiddle_values(plan) <= 2 * MAXN);
  mote_rfft_q15_init(plan, g_twiddles);
  return 1;
}

static void expect_exact(const int16_t *in, int32_t len, int32_t n,
                         const int16_t *want) {
  mote_rfft_plan_t plan;
  int16_t out[2 * MAXN + 2];
  int32_t i;
  CHECK(plan_for(&plan, n));
  mote_rfft_q15(&plan, in, len, out);
  for (i = 0; i < n + 2; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
}

static void test_tiny_exact(void) {
  /* N = 4, impulse 16384: one radix-2 stage. Scaling by 1/2 is a multiply
   * by 16383 and a rounding shift: 16384 * 16383 + 16384 = 2^28 exactly,
   * so 8192; the split halves again to 4096, flat as 16384 / 4. */
  static const int16_t impulse[4] = {16384, 0, 0, 0};
  static const int16_t impulse_want[6] = {4096, 0, 4096, 0, 4096, 0};
  /* Constant 1000: (1000 * 16383 + 16384) >> 15 = 500 at each halving,
   * the twiddle 32767 multiply rounds 500 back to 500, giving DC 1000. */
  static const int16_t dc[4] = {1000, 1000, 1000, 1000};
  static const int16_t dc_want[6] = {1000, 0, 0, 0, 0, 0};
  /* Impulse 1000 at t = 1 (the imaginary lane): bin k is 250 e^-i pi k/2.
   * The negative half, (-500 * 16383 + 16384) >> 15 = -250 (floor of
   * -249.48), and the super twiddle (-32767, 0) make bin 1 exactly -250i. */
  static const int16_t odd[4] = {0, 1000, 0, 0};
  static const int16_t odd_want[6] = {250, 0, 0, -250, -250, 0};
  /* A single LSB vanishes in the first halving: (16383 + 16384) >> 15. */
  static const int16_t lsb[4] = {1, 0, 0, 0};
  static const int16_t zero_want[6] = {0, 0, 0, 0, 0, 0};
  /* Zero padding: a 1-sample input of 16384 padded to 4 = the impulse. */
  expect_exact(impulse, 4, 4, impulse_want);
  expect_exact(impulse, 1, 4, impulse_want);
  expect_exact(dc, 4, 4, dc_want);
  expect_exact(odd, 4, 4, odd_want);
  expect_exact(lsb, 4, 4, zero_want);
}

/*
 * Worst excess of |fixed - DFT / N| over the bound, in LSB (<= 0 when
 * every bin and part is within it). The bound is `abs_lsb` plus a
 * relative part: each stage divides by its radix p as a multiply by
 * floor(32767 / p) / 32768 and its twiddles have magnitude 32767 / 32768,
 * so the transform is the DFT / N times a gain just below 1; `loss` is 1
 * minus the smallest such gain.
 */
static double dft_excess(const mote_rfft_plan_t *plan, const int16_t *in,
                         int32_t len, double abs_lsb, double loss) {
  const int32_t n = plan->fft_length;
  const double pi = 3.14159265358979323846;
  int16_t out[2 * MAXN + 2];
  double worst = -1e9;
  int32_t k, t;
  mote_rfft_q15(plan, in, len, out);
  for (k = 0; k <= n / 2; ++k) {
    double re = 0.0, im = 0.0, e;
    for (t = 0; t < len; ++t) {
      re += in[t] * cos(2.0 * pi * k * t / n);
      im -= in[t] * sin(2.0 * pi * k * t / n);
    }
    re /= n;
    im /= n;
    e = fabs(out[2 * k] - re) - (abs_lsb + loss * fabs(re));
    worst = e > worst ? e : worst;
    e = fabs(out[2 * k + 1] - im) - (abs_lsb + loss * fabs(im));
    worst = e > worst ? e : worst;
  }
  return worst;
}

static uint32_t g_rng = 12345u;
static int16_t rnd16(int amplitude) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return (int16_t)((int32_t)(g_rng % (uint32_t)(2 * amplitude + 1)) -
                   amplitude);
}

static void test_against_dft(void) {
  /* n = N/2 radices: 2; 4; 3; 5; 2,3,5; 4,3; 4,4,3,5; 5,5; 4,4,4,4;
   * 4,4,4,4,2. */
  static const int32_t lengths[] = {4, 8, 6, 10, 60, 24, 480, 50, 512, 1024};
  static const int amplitudes[] = {32767, 1000, 40};
  size_t li, ai;
  int trial;
  for (li = 0; li < sizeof lengths / sizeof lengths[0]; ++li) {
    mote_rfft_plan_t plan;
    int16_t in[MAXN];
    double gain = 16383.0 * 2 / 32768.0; /* the split's halving */
    int32_t s;
    CHECK(plan_for(&plan, lengths[li]));
    for (s = 0; s < plan.stages; ++s) {
      const int32_t p = plan.radix[s];
      gain *= (double)(32767 / p) * p / 32768.0 * (32767.0 / 32768.0);
    }
    for (ai = 0; ai < sizeof amplitudes / sizeof amplitudes[0]; ++ai) {
      for (trial = 0; trial < 3; ++trial) {
        int32_t i, len = lengths[li] - (trial == 2 ? lengths[li] / 4 : 0);
        double excess;
        for (i = 0; i < len; ++i) {
          in[i] = rnd16(amplitudes[ai]);
        }
        /* Half an LSB per rounding; two roundings per stage and two in
         * the split: stages + 1 LSB. */
        excess = dft_excess(&plan, in, len, plan.stages + 1.0, 1.0 - gain);
        if (excess > 0) {
          fprintf(stderr, "N=%ld amplitude %d: %.3f LSB over the bound\n",
                  (long)lengths[li], amplitudes[ai], excess);
        }
        CHECK(excess <= 0);
      }
    }
  }
}

static void test_factoring(void) {
  static const struct {
    int32_t n;
    int32_t stages;
    int32_t radix[6];
  } cases[] = {
      {512, 4, {4, 4, 4, 4}},
      {1024, 5, {4, 4, 4, 4, 2}},
      {480, 4, {4, 4, 3, 5}},
      {60, 3, {2, 3, 5}},
      {24, 2, {4, 3}},
      {50, 2, {5, 5}},
      {18, 2, {3, 3}},
      {4, 1, {2}},
      {6, 1, {3}},
      {12, 2, {2, 3}},
      {40, 2, {4, 5}},
  };
  static const int32_t rejected[] = {0,  2,  3,  7,      14,
                                     22, 26, 34, 2 * 49, (1 << 24) + 2};
  size_t i;
  int32_t s;
  for (i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    mote_rfft_plan_t plan;
    int32_t len = cases[i].n / 2;
    CHECK_EQ_INT(mote_rfft_plan_factor(&plan, cases[i].n), MOTE_OK);
    CHECK_EQ_INT(plan.stages, cases[i].stages);
    for (s = 0; s < plan.stages; ++s) {
      CHECK_EQ_INT(plan.radix[s], cases[i].radix[s]);
      len /= plan.radix[s];
      CHECK_EQ_INT(plan.sub_length[s], len);
    }
    CHECK_EQ_INT(len, 1);
  }
  for (i = 0; i < sizeof rejected / sizeof rejected[0]; ++i) {
    mote_rfft_plan_t plan;
    CHECK_EQ_INT(mote_rfft_plan_factor(&plan, rejected[i]),
                 MOTE_ERR_UNSUPPORTED);
  }
}

static void test_twiddles(void) {
  /* kissfft's fixed twiddles: floor(0.5 + 32767 cos), (.. sin); the super
   * twiddles start at angle -pi (1 / n + 1/2). */
  mote_rfft_plan_t plan;
  const double pi = 3.14159265358979323846;
  int32_t k;
  CHECK(plan_for(&plan, 512));
  CHECK_EQ_INT(plan.twiddles[0], 32767);
  CHECK_EQ_INT(plan.twiddles[1], 0);
  CHECK_EQ_INT(plan.twiddles[2 * 64], 0); /* -pi/2: (0, -32767) */
  CHECK_EQ_INT(plan.twiddles[2 * 64 + 1], -32767);
  CHECK_EQ_INT(plan.twiddles[2 * 128], -32767); /* -pi */
  for (k = 0; k < plan.n; ++k) {
    CHECK_NEAR(plan.twiddles[2 * k], 32767.0 * cos(-2.0 * pi * k / plan.n),
               0.5);
    CHECK_NEAR(plan.twiddles[2 * k + 1], 32767.0 * sin(-2.0 * pi * k / plan.n),
               0.5);
  }
  for (k = 0; k < plan.n / 2; ++k) {
    const double phase = -pi * ((double)(k + 1) / plan.n + 0.5);
    CHECK_NEAR(plan.super_twiddles[2 * k], 32767.0 * cos(phase), 0.5);
    CHECK_NEAR(plan.super_twiddles[2 * k + 1], 32767.0 * sin(phase), 0.5);
  }
}

/* Lengths of every radix mix, for the other types. */
static const int32_t kLengths[] = {4, 6, 10, 12, 40, 120, 480, 512, 1000};

static void plan_typed(mote_rfft_plan_t *plan, int32_t n, int32_t inverse,
                       void *twiddles, int type_bits) {
  CHECK_EQ_INT(mote_rfft_plan_factor(plan, n), MOTE_OK);
  plan->inverse = inverse;
  if (type_bits == 32) {
    mote_rfft_q31_init(plan, (int32_t *)twiddles);
  } else if (type_bits == 16) {
    mote_rfft_q15_init(plan, (int16_t *)twiddles);
  } else {
    mote_rfft_f32_init(plan, (float *)twiddles);
  }
}

/* Bins 0..n/2 of the double DFT of in[0..n). */
static void dft(const double *in, int32_t n, double *re, double *im) {
  const double pi = 3.14159265358979323846;
  int32_t k, t;
  for (k = 0; k <= n / 2; ++k) {
    re[k] = im[k] = 0;
    for (t = 0; t < n; ++t) {
      re[k] += in[t] * cos(-2 * pi * (double)k * t / n);
      im[k] += in[t] * sin(-2 * pi * (double)k * t / n);
    }
  }
}

static void test_float_and_int32(void) {
  static float fin[MAXN], fout[MAXN + 2], fback[MAXN], fwork[MAXN];
  static float ftw[2 * MAXN], ftw_inv[2 * MAXN];
  static int32_t qin[MAXN], qout[MAXN + 2], qback[MAXN], qwork[MAXN];
  static int32_t qtw[2 * MAXN], qtw_inv[2 * MAXN];
  static double din[MAXN], re[MAXN / 2 + 1], im[MAXN / 2 + 1];
  size_t i;
  for (i = 0; i < sizeof kLengths / sizeof kLengths[0]; ++i) {
    const int32_t n = kLengths[i];
    mote_rfft_plan_t fwd, inv;
    double worst_f = 0, worst_q = 0, back_f = 0, back_q = 0;
    int32_t t, k;
    uint32_t seed = 12345u + (uint32_t)n;
    for (t = 0; t < n; ++t) {
      seed = seed * 1664525u + 1013904223u;
      qin[t] = (int32_t)(seed >> 1) - (1 << 30); /* +-2^30 */
      fin[t] = (float)qin[t] / 1073741824.0f;
      din[t] = (double)qin[t];
    }
    dft(din, n, re, im);
    plan_typed(&fwd, n, 0, ftw, 0);
    plan_typed(&inv, n, 1, ftw_inv, 0);
    mote_rfft_f32(&fwd, fin, n, fout);
    mote_irfft_f32(&inv, fout, fwork, fback);
    for (k = 0; k <= n / 2; ++k) {
      const double r = re[k] / 1073741824.0, m = im[k] / 1073741824.0;
      worst_f = fmax(worst_f,
                     fmax(fabs(fout[2 * k] - r), fabs(fout[2 * k + 1] - m)));
    }
    for (t = 0; t < n; ++t) {
      back_f = fmax(back_f, fabs((double)fback[t] - (double)fin[t]));
    }
    /* Float: the DFT's magnitude is up to n, errors of a few ulps of
     * that per stage. */
    CHECK(worst_f < 1e-5 * n);
    CHECK(back_f < 1e-5);
    plan_typed(&fwd, n, 0, qtw, 32);
    plan_typed(&inv, n, 1, qtw_inv, 32);
    mote_rfft_q31(&fwd, qin, n, qout);
    mote_irfft_q31(&inv, qout, qwork, qback);
    for (k = 0; k <= n / 2; ++k) {
      worst_q = fmax(worst_q, fmax(fabs(qout[2 * k] - re[k] / n),
                                   fabs(qout[2 * k + 1] - im[k] / n)));
    }
    for (t = 0; t < n; ++t) {
      back_q = fmax(back_q, fabs(qback[t] - (double)qin[t] / n));
    }
    /* int32: the DFT / N within a few LSB per stage (the scaling gain
     * shortfall is 2^-31 per stage, far below an LSB at +-2^30 / N). */
    CHECK(worst_q < 8.0 * (fwd.stages + 1));
    CHECK(back_q < 8.0 * (fwd.stages + 1));
  }
}

static void test_int16_inverse(void) {
  /* The inverse of an impulse spectrum (DC only, value 4096 at N = 8):
   * kissfft's fixed-point inverse scales by 1/N, giving 4096 / 8 = 512
   * everywhere, up to the C_FIXDIV rounding of each stage. */
  static int16_t tw[2 * MAXN], work[MAXN], out[MAXN];
  int16_t in[10] = {4096, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  mote_rfft_plan_t plan;
  int32_t t;
  plan_typed(&plan, 8, 1, tw, 16);
  mote_irfft_q15(&plan, in, work, out);
  for (t = 0; t < 8; ++t) {
    CHECK_NEAR(out[t], 512.0, 1.0);
  }
  /* The inverse twiddles are the conjugates. */
  CHECK_EQ_INT(plan.twiddles[2 * 1 + 1], 32767); /* k = 1 of n = 4: +pi/2 */
}

int main(void) {
  MOTE_RUN(test_tiny_exact);
  MOTE_RUN(test_against_dft);
  MOTE_RUN(test_factoring);
  MOTE_RUN(test_twiddles);
  MOTE_RUN(test_float_and_int32);
  MOTE_RUN(test_int16_inverse);
  return MOTE_TEST_END();
}
