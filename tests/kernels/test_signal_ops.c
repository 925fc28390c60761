/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The signal operators' compute functions against references written
 * here: plain formulas in wide or floating arithmetic (floor division for
 * the truncating shifts, exact integer square roots, the natural log in
 * double), hand-worked values for the quirks TFLM's arithmetic has (int16
 * peak search, saturating rounding, unsigned wraparound), and the state
 * SignalFilterBankSpectralSubtraction carries across calls.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernels/signal/energy.h"
#include "kernels/signal/fft_auto_scale.h"
#include "kernels/signal/filter_bank.h"
#include "kernels/signal/filter_bank_log.h"
#include "kernels/signal/filter_bank_spectral_subtraction.h"
#include "kernels/signal/filter_bank_square_root.h"
#include "kernels/signal/pcan.h"
#include "kernels/signal/signal_math.h"
#include "kernels/signal/window.h"
#include "test.h"

static uint32_t g_rng = 2463534242u;
static uint32_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}

static void test_window(void) {
  static const int16_t w[4] = {4096, 16384, 32767, -32768};
  int16_t in[8], out[8];
  mote_signal_window_params_t p;
  int i;
  p.frame = 4;
  p.count = 8;
  for (p.shift = 0; p.shift <= 31; p.shift += 3) {
    for (i = 0; i < 8; ++i) {
      in[i] = (int16_t)rnd();
    }
    in[0] = INT16_MIN;
    in[7] = INT16_MIN; /* times -32768: the largest product */
    mote_signal_window(&p, in, w, out);
    for (i = 0; i < 8; ++i) {
      /* floor(in * w / 2^shift), saturated. */
      double v = floor((double)in[i] * w[i % 4] / ldexp(1.0, p.shift));
      v = v < -32768 ? -32768 : (v > 32767 ? 32767 : v);
      CHECK_EQ_INT(out[i], (int)v);
    }
  }
}

/* Two frames worked by hand in Q12: the shift floors (-5 * 32767 / 4096
 * is -39.99, giving -40) and both ends saturate. */
static void test_window_values(void) {
  static const int16_t w[4] = {4096, 16384, 32767, -32768};
  static const int16_t in[8] = {1000, -3, -5, 32767, 7, 3, 100, -32768};
  static const int16_t want[8] = {1000, -12, -40, -32768, 7, 12, 799, 32767};
  int16_t out[8];
  mote_signal_window_params_t p;
  int i;
  p.frame = 4;
  p.count = 8;
  p.shift = 12;
  mote_signal_window(&p, in, w, out);
  for (i = 0; i < 8; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
}

static void test_fft_auto_scale(void) {
  static const int16_t a[3] = {100, -200, 50};
  static const int16_t zeros[4] = {0, 0, 0, 0};
  /* -32768 negates to itself in int16; the next larger value replaces it,
   * so the shift follows 5 and -32768 wraps to 0 after scaling. */
  static const int16_t min_first[2] = {-32768, 5};
  static const int16_t min_last[2] = {5, -32768};
  int16_t out[4];
  CHECK_EQ_INT(mote_signal_fft_auto_scale(a, out, 3), 7);
  CHECK(out[0] == 12800 && out[1] == -25600 && out[2] == 6400);
  CHECK_EQ_INT(mote_signal_fft_auto_scale(zeros, out, 4), 0);
  CHECK(out[0] == 0 && out[3] == 0);
  CHECK_EQ_INT(mote_signal_fft_auto_scale(min_first, out, 2), 12);
  CHECK(out[0] == 0 && out[1] == 20480);
  CHECK_EQ_INT(mote_signal_fft_auto_scale(min_last, out, 2), 0);
  CHECK(out[0] == 5 && out[1] == -32768);
  {
    static const int16_t one[1] = {1};
    static const int16_t big[1] = {16384};
    CHECK_EQ_INT(mote_signal_fft_auto_scale(one, out, 1), 14);
    CHECK_EQ_INT(out[0], 16384);
    CHECK_EQ_INT(mote_signal_fft_auto_scale(big, out, 1), 0);
  }
}

static void test_energy(void) {
  int16_t spec[2 * 9];
  uint32_t out[9];
  mote_signal_energy_params_t p;
  int i;
  for (i = 0; i < 18; ++i) {
    spec[i] = (int16_t)rnd();
  }
  spec[2] = INT16_MIN; /* (-32768, -32768): 2^31 */
  spec[3] = INT16_MIN;
  memset(out, 0xAB, sizeof out);
  p.start = 1;
  p.end = 8;
  p.bins = 9;
  mote_signal_energy(&p, spec, out);
  CHECK_EQ_INT(out[0], 0);
  CHECK_EQ_INT(out[8], 0);
  CHECK(out[1] == 0x80000000u);
  for (i = 1; i < 8; ++i) {
    const int64_t want = (int64_t)spec[2 * i] * spec[2 * i] +
                         (int64_t)spec[2 * i + 1] * spec[2 * i + 1];
    CHECK(out[i] == (uint32_t)want);
  }
}

/* Four bins by hand: 3^2 + (-4)^2, (-32768)^2 = 2^30, and the bins
 * outside [1, 3) zeroed whatever the spectrum holds there. */
static void test_energy_values(void) {
  static const int16_t spec[8] = {1, 2, 3, -4, -32768, 0, 9, 9};
  static const uint32_t want[4] = {0, 25, 1073741824u, 0};
  uint32_t out[4];
  mote_signal_energy_params_t p;
  int i;
  memset(out, 0xAB, sizeof out);
  p.start = 1;
  p.end = 3;
  p.bins = 4;
  mote_signal_energy(&p, spec, out);
  for (i = 0; i < 4; ++i) {
    CHECK(out[i] == want[i]);
  }
}

static void test_filter_bank(void) {
  /* Three channels over 10 bins; channel 0 only carries its unweighted
   * part into channel 1. Channel 2 has a negative weight, which TFLM
   * sign-extends into the uint64 product. */
  static const int16_t weights[8] = {100, 200, 4096, 300, 400, -1, 500, 600};
  static const int16_t unweights[8] = {10, 20, 30, 40, 50, 60, 70, 80};
  static const int16_t freq[4] = {0, 2, 4, 7};
  static const int16_t wstart[4] = {0, 2, 4, 6};
  static const int16_t widths[4] = {2, 2, 2, 2};
  mote_signal_filter_bank_params_t cfg;
  uint32_t e[10];
  uint64_t out[3], want[3];
  int32_t bad = -1;
  int c, j;
  cfg.num_channels = 3;
  cfg.weights = weights;
  cfg.unweights = unweights;
  cfg.channel_frequency_starts = freq;
  cfg.channel_weight_starts = wstart;
  cfg.channel_widths = widths;
  for (j = 0; j < 10; ++j) {
    e[j] = rnd();
  }
  CHECK(mote_signal_filter_bank_check(&cfg, 10, 8, &bad));
  mote_signal_filter_bank(&cfg, e, out);
  for (c = 0; c < 3; ++c) {
    /* Channel c: its own weighted bins plus the previous table entry's
     * unweighted bins, all modulo 2^64. */
    uint64_t acc = 0;
    for (j = 0; j < widths[c + 1]; ++j) {
      acc += (uint64_t)(int64_t)weights[wstart[c + 1] + j] * e[freq[c + 1] + j];
    }
    for (j = 0; j < widths[c]; ++j) {
      acc += (uint64_t)(int64_t)unweights[wstart[c] + j] * e[freq[c] + j];
    }
    want[c] = acc;
    CHECK(out[c] == want[c]);
  }
  /* Bounds: bins past the input, weights past the table. */
  CHECK(!mote_signal_filter_bank_check(&cfg, 8, 8, &bad));
  CHECK_EQ_INT(bad, 3);
  CHECK(!mote_signal_filter_bank_check(&cfg, 10, 7, &bad));
  CHECK_EQ_INT(bad, 3);
  {
    static const int16_t neg[4] = {0, -1, 4, 7};
    cfg.channel_frequency_starts = neg;
    CHECK(!mote_signal_filter_bank_check(&cfg, 10, 8, &bad));
    CHECK_EQ_INT(bad, 1);
  }
}

/* Two channels by hand. Entry 0 passes 10 * 1 on; channel 0 is
 * 10 + 2 * 2 + 3 * 3 = 23 and passes 20 * 2 + 30 * 3 = 130 on; channel 1
 * is 130 + 4 * 4 - 100 * (2^32 - 1), wrapped to 2^64 - 429496729354. */
static void test_filter_bank_values(void) {
  static const int16_t weights[5] = {1, 2, 3, 4, -100};
  static const int16_t unweights[5] = {10, 20, 30, 40, 50};
  static const int16_t freq[3] = {0, 1, 3};
  static const int16_t wstart[3] = {0, 1, 3};
  static const int16_t widths[3] = {1, 2, 2};
  static const uint32_t e[5] = {1, 2, 3, 4, 0xFFFFFFFFu};
  mote_signal_filter_bank_params_t p;
  uint64_t out[2];
  int32_t bad = -1;
  p.num_channels = 2;
  p.weights = weights;
  p.unweights = unweights;
  p.channel_frequency_starts = freq;
  p.channel_weight_starts = wstart;
  p.channel_widths = widths;
  CHECK(mote_signal_filter_bank_check(&p, 5, 5, &bad));
  mote_signal_filter_bank(&p, e, out);
  CHECK(out[0] == 23);
  CHECK(out[1] == 0xFFFFFF9C000000F6ull);
}

/* The integer nearest sqrt(x): r with (2r - 1)^2 <= 4x < (2r + 1)^2. */
static uint64_t nearest_sqrt(uint64_t x) {
  uint64_t r = (uint64_t)sqrtl((long double)x);
  __extension__ typedef unsigned __int128 u128;
  while (r > 0 && (u128)(2 * r - 1) * (2 * r - 1) > (u128)4 * x) {
    --r;
  }
  while ((u128)(2 * r + 1) * (2 * r + 1) <= (u128)4 * x) {
    ++r;
  }
  return r;
}

static void test_sqrt(void) {
  static const uint64_t edges[] = {0,
                                   1,
                                   2,
                                   3,
                                   4,
                                   6,
                                   7,
                                   8,
                                   0xFFFF,
                                   0xFFFE0001u, /* 65535^2 */
                                   0xFFFF0000u, /* rounds to 65536: saturates */
                                   0xFFFFFFFFu,
                                   0x100000000ull,
                                   0xFFFFFFFE00000001ull, /* (2^32-1)^2 */
                                   0xFFFFFFFF80000000ull,
                                   0xFFFFFFFFFFFFFFFFull};
  size_t i;
  int k;
  for (i = 0; i < sizeof edges / sizeof edges[0]; ++i) {
    const uint64_t x = edges[i];
    uint64_t want = nearest_sqrt(x);
    /* Below 2^32 the 16-bit root saturates at 0xFFFF, above at 2^32 - 1. */
    if ((x >> 32) == 0 && want > 0xFFFF) {
      want = 0xFFFF;
    }
    if (want > 0xFFFFFFFFu) {
      want = 0xFFFFFFFFu;
    }
    CHECK(mote_signal_sqrt64(x) == want);
    if ((x >> 32) == 0) {
      CHECK(mote_signal_sqrt32((uint32_t)x) == want);
    }
  }
  for (k = 0; k < 20000; ++k) {
    const uint64_t x = ((uint64_t)rnd() << 32 | rnd()) >> (rnd() % 64);
    uint64_t want = nearest_sqrt(x);
    if ((x >> 32) == 0 && want > 0xFFFF) {
      want = 0xFFFF;
    }
    if (want > 0xFFFFFFFFu) {
      want = 0xFFFFFFFFu;
    }
    CHECK(mote_signal_sqrt64(x) == want);
  }
  {
    /* sqrt 1000, 1048575.9999995 rounded up, 4.12 rounded down, then
     * >> 2; 0xFFFF0000 rounds to 65536 and saturates in the 32-bit path. */
    const uint64_t in[4] = {1000000, 0xFFFFFFFFFFull, 17, 0xFFFF0000u};
    uint32_t out[4];
    mote_signal_filter_bank_sqrt(in, out, 4, 2);
    CHECK(out[0] == 250 && out[1] == 1048576 / 4 && out[2] == 1);
    CHECK(out[3] == 0xFFFF / 4);
    mote_signal_filter_bank_sqrt(in, out, 4, 0);
    CHECK(out[0] == 1000 && out[1] == 1048576 && out[2] == 4);
    CHECK(out[3] == 0xFFFF);
  }
}

static void test_msb(void) {
  CHECK_EQ_INT(mote_signal_msb32(0), 32); /* GCC builtin path in TFLM */
  CHECK_EQ_INT(mote_signal_msb32(1), 1);
  CHECK_EQ_INT(mote_signal_msb32(0x80000000u), 32);
  CHECK_EQ_INT(mote_signal_msb32(0x7FFF), 15);
  CHECK_EQ_INT(mote_signal_msb64(0), 64);
  CHECK_EQ_INT(mote_signal_msb64((uint64_t)1 << 40), 41);
}

static void test_log(void) {
  const uint16_t *lut = mote_signal_log_lut();
  int i, k;
  /* The table is round(65536 (log2(1 + i/128) - i/128)), padded. */
  for (i = 0; i <= 128; ++i) {
    const double v = 65536.0 * (log2(1.0 + i / 128.0) - i / 128.0);
    CHECK_EQ_INT(lut[i], (int)floor(v + 0.5));
  }
  CHECK_EQ_INT(lut[129], 0);
  /* Powers of two are exact: ln 2 is 45426 / 65536. */
  for (k = 1; k < 32; ++k) {
    const uint32_t want =
        (uint32_t)(((uint64_t)1600u * 45426u * (uint32_t)k + 32768u) >> 16);
    CHECK_EQ_INT(mote_signal_log32((uint32_t)1 << k, 1600), want);
  }
  /* Elsewhere close to ln(x) * scale. TFLM's interpolation shifts the
   * within-segment product by 16 bits where the segment is 9 bits wide, so
   * it adds at most one unit: the table acts almost as steps, off by up to
   * the largest step (224 / 65536 in log2) plus the roundings. */
  for (k = 0; k < 20000; ++k) {
    const uint32_t x = (rnd() >> (rnd() % 31)) | 2u;
    const double want = log((double)x) * 1600.0;
    CHECK_NEAR(mote_signal_log32(x, 1600), want,
               1600.0 * log(2.0) * 225.0 / 65536.0 + 1.0);
  }
}

static void test_filter_bank_log(void) {
  const uint32_t in[6] = {0, 1, 2, 0x40000000u, 0xFFFFFFFFu, 3};
  int16_t out[6];
  mote_signal_filter_bank_log_params_t p;
  p.channels = 6;
  p.output_scale = 64;
  p.correction_bits = 0;
  mote_signal_filter_bank_log(&p, in, out);
  CHECK(out[0] == 0 && out[1] == 0);
  CHECK_EQ_INT(out[2], (64 * 45426 + 32768) >> 16);
  CHECK_NEAR(out[4], 64 * log(4294967295.0), 1.5 + 64 * 0.0024);
  /* The correction shift drops high bits: 0x40000000 << 2 == 0. */
  p.correction_bits = 2;
  mote_signal_filter_bank_log(&p, in, out);
  CHECK_EQ_INT(out[3], 0);
  CHECK_NEAR(out[5], 64 * log(12.0), 1.5 + 64 * 0.0024);
  /* Saturation at INT16_MAX (2000 ln(2^32 - 1) is 44361; the uint32
   * product 2000 * ln in Q16 does not wrap yet). */
  p.output_scale = 2000;
  p.correction_bits = 0;
  mote_signal_filter_bank_log(&p, in, out);
  CHECK_EQ_INT(out[4], 32767);
}

/* Five channels, correction 1 bit, scale 1000, worked through Log32 by
 * hand: 0 stays 0; 2 and 2048 are exact powers of two (1 and 11 times
 * ln 2 = 45426 / 65536, scaled and rounded: 693, 7625); 6 and 1000 take
 * table segments 64 and 122 (1792 and 6908 against 1000 ln x = 1791.8
 * and 6907.8). */
static void test_filter_bank_log_values(void) {
  static const uint32_t in[5] = {0, 1, 1024, 3, 500};
  static const int16_t want[5] = {0, 693, 7625, 1792, 6908};
  int16_t out[5];
  mote_signal_filter_bank_log_params_t p;
  int i;
  p.channels = 5;
  p.output_scale = 1000;
  p.correction_bits = 1;
  mote_signal_filter_bank_log(&p, in, out);
  for (i = 0; i < 5; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
}

static void test_spectral_subtraction(void) {
  mote_signal_spectral_sub_params_t cfg;
  uint32_t noise[4], ref_noise[4], in[4], out[4];
  int step, i, clamp;
  for (clamp = 0; clamp <= 1; ++clamp) {
    cfg.num_channels = 4;
    cfg.smoothing = 655; /* 0.04 in Q14 */
    cfg.one_minus_smoothing = 15729;
    cfg.alternate_smoothing = 1638; /* odd channels adapt faster */
    cfg.alternate_one_minus_smoothing = 14746;
    cfg.min_signal_remaining = 819; /* 0.05 */
    cfg.smoothing_bits = 10;
    cfg.spectral_subtraction_bits = 14;
    cfg.clamping = clamp != 0;
    memset(noise, 0, sizeof noise);
    memset(ref_noise, 0, sizeof ref_noise);
    for (step = 0; step < 30; ++step) {
      for (i = 0; i < 4; ++i) {
        /* Loud for a while, then quiet, so the estimate exceeds the signal
         * and clamping matters. */
        in[i] = step < 15 ? 3000 + rnd() % 500 : rnd() % 50;
      }
      mote_signal_spectral_sub(&cfg, in, noise, out);
      for (i = 0; i < 4; ++i) {
        const uint64_t s = (uint64_t)in[i] * 1024u;
        const uint64_t a = (i & 1) ? cfg.alternate_smoothing : cfg.smoothing;
        const uint64_t b = (i & 1) ? cfg.alternate_one_minus_smoothing
                                   : cfg.one_minus_smoothing;
        uint64_t est = (s * a + ref_noise[i] * b) / 16384u;
        uint64_t floor_v = (uint64_t)in[i] * cfg.min_signal_remaining / 16384u;
        uint64_t sub;
        ref_noise[i] = (uint32_t)est;
        if (est > s) {
          est = s;
          if (clamp) {
            ref_noise[i] = (uint32_t)s;
          }
        }
        sub = (s - est) / 1024u;
        CHECK_EQ_INT(noise[i], ref_noise[i]);
        CHECK_EQ_INT(out[i], sub > floor_v ? sub : floor_v);
      }
    }
  }
}

/* Two channels, two calls, by hand (Q14 coefficients, 2 smoothing bits).
 * Call 1: channel 0 blends 400 halfway from 0 to 200 and keeps
 * (400 - 200) >> 2 = 50; channel 1 (alternate, all new) tracks 160 and
 * keeps its floor, 40 * 1638 >> 14 = 3. Call 2: channel 0's estimate,
 * (40 + 200) / 2 = 120, exceeds the signal 40: nothing is left, and only
 * clamping pulls the estimate down to 40. */
static void test_spectral_subtraction_values(void) {
  static const uint32_t in1[2] = {100, 40};
  static const uint32_t in2[2] = {10, 40};
  mote_signal_spectral_sub_params_t p;
  uint32_t noise[2], out[2];
  int clamp;
  p.num_channels = 2;
  p.smoothing = 8192;
  p.one_minus_smoothing = 8192;
  p.alternate_smoothing = 16384;
  p.alternate_one_minus_smoothing = 0;
  p.min_signal_remaining = 1638;
  p.smoothing_bits = 2;
  p.spectral_subtraction_bits = 14;
  for (clamp = 0; clamp <= 1; ++clamp) {
    p.clamping = clamp != 0;
    noise[0] = noise[1] = 0;
    mote_signal_spectral_sub(&p, in1, noise, out);
    CHECK(out[0] == 50 && out[1] == 3);
    CHECK(noise[0] == 200 && noise[1] == 160);
    mote_signal_spectral_sub(&p, in2, noise, out);
    CHECK(out[0] == 0 && out[1] == 3);
    CHECK(noise[0] == (clamp ? 40u : 120u) && noise[1] == 160);
  }
}

static void test_pcan(void) {
  /* A gain table: entries 0..2 direct, then (c0, c1, c2) per octave from
   * octave 2 (at 4 * 2 - 6 = 2) up to 32 (at 122). */
  int16_t lut[MOTE_SIGNAL_PCAN_LUT_SIZE];
  uint32_t noise[6], io[6];
  mote_signal_pcan_params_t p;
  int i;
  p.snr_shift = 10;
  for (i = 0; i < MOTE_SIGNAL_PCAN_LUT_SIZE; ++i) {
    lut[i] = (int16_t)(4000 - 20 * i);
  }
  lut[0] = 4096;
  lut[1] = 3000;
  lut[2] = -5; /* a negative gain is sign-extended, wrapping the product */
  noise[0] = 0;
  noise[1] = 1;
  noise[2] = 2;
  noise[3] = 3;        /* octave 2, frac (3 << 9) & 0x3FF = 512 */
  noise[4] = 1000;     /* octave 10 */
  noise[5] = 1u << 31; /* octave 32, the last coefficients */
  for (i = 0; i < 6; ++i) {
    io[i] = 200;
  }
  p.channels = 6;
  mote_signal_pcan(&p, noise, lut, io);
  /* gain 4096: snr = 200 * 4096 >> 10 = 800 (< 8192): 800^2 >> 20 = 0. */
  CHECK_EQ_INT(io[0], (800u * 800u) >> 20);
  /* gain 3000: snr 585: 0. Larger input to see the x - 1 branch. */
  {
    uint32_t big[2] = {100000, 100000};
    const uint32_t nz[2] = {0, 1};
    p.channels = 2;
    mote_signal_pcan(&p, nz, lut, big);
    /* snr = 100000 * 4096 >> 10 = 400000 >= 8192: 400000 / 64 - 64. */
    CHECK_EQ_INT(big[0], 400000 / 64 - 64);
    CHECK_EQ_INT(big[1], (100000u * 3000u >> 10) / 64 - 64);
  }
  /* Entry 2 is negative: the gain 0xFFFFFFFB times 200, shifted by 10,
   * truncated to 32 bits, then shrunk. */
  {
    const uint32_t snr = (uint32_t)(((uint64_t)200 * 0xFFFFFFFBu) >> 10);
    CHECK_EQ_INT(io[2], snr / 64 - 64);
  }
  /* Interpolated gains, against the quadratic in double:
   * c0 + (c1 f / 1024) + (c2 f^2 / 2^20), f the 10 bits below the top. */
  for (i = 3; i < 6; ++i) {
    const uint32_t x = noise[i];
    const int octave = (int)mote_signal_msb32(x);
    const int16_t *c = lut + 4 * octave - 6;
    const double f =
        (double)((octave < 11 ? x << (11 - octave) : x >> (octave - 11)) &
                 0x3FFu);
    const double gain = c[0] + c[1] * f / 1024.0 + c[2] * f * f / 1048576.0;
    const double snr = floor(200.0 * floor(gain + 0.5) / 1024.0);
    const double want =
        snr < 8192 ? floor(snr * snr / 1048576.0) : floor(snr / 64) - 64;
    CHECK_NEAR(io[i], want, 1.0);
  }
}

/* Three channels by hand, snr_shift 10. Estimate 1 takes entry 1 (gain
 * 2048): snr 6000 is below 2 in Q12, so 6000^2 >> 20 = 34. Estimates 1536
 * and 1125 sit in octave 11, coefficients (1000, 2000, -3000) at entry
 * 38, with the 10 bits below the top 512 and 101: gains 1250 and 1168
 * (the second through the floor of -303000 >> 5 = -9469), snr 122070 and
 * 114062, shrunk to x / 64 - 64 = 1843 and 1718. */
static void test_pcan_values(void) {
  static const uint32_t noise[3] = {1, 1536, 1125};
  static const uint32_t want[3] = {34, 1843, 1718};
  int16_t lut[MOTE_SIGNAL_PCAN_LUT_SIZE];
  uint32_t io[3] = {3000, 100000, 100000};
  mote_signal_pcan_params_t p;
  int i;
  memset(lut, 0, sizeof lut);
  lut[1] = 2048;
  lut[38] = 1000;
  lut[39] = 2000;
  lut[40] = -3000;
  p.channels = 3;
  p.snr_shift = 10;
  mote_signal_pcan(&p, noise, lut, io);
  for (i = 0; i < 3; ++i) {
    CHECK_EQ_INT(io[i], want[i]);
  }
}

int main(void) {
  MOTE_RUN(test_window);
  MOTE_RUN(test_window_values);
  MOTE_RUN(test_fft_auto_scale);
  MOTE_RUN(test_energy);
  MOTE_RUN(test_energy_values);
  MOTE_RUN(test_filter_bank);
  MOTE_RUN(test_filter_bank_values);
  MOTE_RUN(test_sqrt);
  MOTE_RUN(test_msb);
  MOTE_RUN(test_log);
  MOTE_RUN(test_filter_bank_log);
  MOTE_RUN(test_filter_bank_log_values);
  MOTE_RUN(test_spectral_subtraction);
  MOTE_RUN(test_spectral_subtraction_values);
  MOTE_RUN(test_pcan);
  MOTE_RUN(test_pcan_values);
  return MOTE_TEST_END();
}
