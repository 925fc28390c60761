/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the TFLM signal library's custom ops (the audio front
 * end of micro_speech), with flexbuffer options.
 *
 * Sizes are drawn around the front end's (frames of 2^k samples, 40-ish
 * channels) and data over each op's whole input type, so the wrapping and
 * saturating corners of TFLM's integer arithmetic are hit. Filter-bank
 * tables are drawn consistent (channels inside the spectrum, weights
 * inside the table), as a front-end generator writes them. The stateful
 * SignalFilterBankSpectralSubtraction runs three invokes. SignalRfft
 * and SignalIrfft run their three element types over a grid of
 * fft_lengths (every radix kissfft has a butterfly for: 2, 3, 4, 5) and
 * frame counts.
 */
#include "cases_gen.h"

void kt_gen_signal_window(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t n = kt_rand_int(rng, 1, 3) * 32 + kt_rand_int(rng, 0, 7);
  const int32_t shift = index % 3 == 0 ? 12 : kt_rand_int(rng, 0, 31);
  const int batched = index % 2;
  int32_t shape[2];
  int in, w;
  shape[0] = 2, shape[1] = n;
  in = batched ? kt_add(c, KT_INPUT, KT_I16, 2, shape)
               : kt_add1(c, KT_INPUT, KT_I16, n);
  w = kt_add1(c, KT_CONST, KT_I16, n);
  if (index % 4 == 1) {
    kt_range(c, w, 0, 16384); /* a Hann-like positive window */
  }
  kt_add(c, KT_OUTPUT, KT_I16, c->t[in].rank, c->t[in].shape);
  kt_flex_one(c, "shift", shift);
  kt_name_shape(c, in);
  kt_name_n(c, " shift ", shift);
  (void)w;
  if (index >= 8) {
    kt_special_values(c);
  }
}

void kt_gen_signal_fft_auto_scale(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t n = kt_rand_int(rng, 1, 64) * (index % 2 ? 8 : 1);
  const int in = kt_add1(c, KT_INPUT, KT_I16, n);
  /* Quiet signals (big shifts), loud ones, and the full range. */
  static const int32_t amp[4] = {3, 300, 20000, 32767};
  kt_range(c, in, -amp[index % 4] - 1, amp[index % 4]);
  kt_add1(c, KT_OUTPUT, KT_I16, n);
  kt_add(c, KT_OUTPUT, KT_I32, 0, c->t[in].shape);
  kt_name_n(c, "n ", n);
  kt_name_n(c, " amplitude ", amp[index % 4]);
  if (index >= 8) {
    kt_special_values(c);
  }
}

/* fft_lengths of the grid cases: N / 2 a power of two, or with factors
 * 3 and 5 (kissfft's radix-3 and radix-5 butterflies), up to 1000. */
static const int32_t kRfftLengths[KT_RFFT_GRID_CASES / 3] = {
    4, 6, 10, 12, 20, 30, 64, 120, 256, 480, 512, 1000};

static const uint8_t kRfftTypes[3] = {KT_I16, KT_I32, KT_F32};

/* One SignalRfft or SignalIrfft case: `frames` frames of in_n values in,
 * out_n out, of `type`; quiet: inputs in [-300, 300]. */
static void fft_case(kt_case_t *c, int type, int32_t len, int32_t frames,
                     int32_t in_n, int32_t out_n, int quiet, int specials) {
  int in;
  kt_flex_t f;
  int32_t shape[2];
  shape[0] = frames;
  shape[1] = in_n;
  in = kt_add(c, KT_INPUT, (uint8_t)type, 2, shape);
  if (quiet) {
    kt_range(c, in, -300, 300);
  }
  shape[1] = out_n;
  kt_add(c, KT_OUTPUT, (uint8_t)type, 2, shape);
  f.n = 0;
  kt_flex_int(&f, "T", type);
  kt_flex_int(&f, "fft_length", len);
  kt_flex_end(c, &f);
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, in);
  kt_name_n(c, " fft_length ", len);
  if (specials) {
    kt_special_values(c);
  }
}

void kt_gen_signal_rfft(int index, kt_case_t *c, uint32_t *rng) {
  /* Cases 0-11 are drawn (int16, except a float32 #6 and an int32 #7);
   * the rest walk the grid: each length in the three types. */
  const int g = index - KT_RFFT_DRAWN_CASES;
  int32_t len, in_n;
  if (g >= 0) {
    len = kRfftLengths[g / 3];
    in_n = g / 3 % 2 ? kt_rand_int(rng, 1, len) : len;
    fft_case(c, kRfftTypes[g % 3], len, kt_rand_int(rng, 1, 3), in_n,
             len + 2, g % 4 == 1, g % 5 == 4);
    return;
  }
  len = index == 6 || index == 7 ? 8 : 1 << kt_rand_int(rng, 3, 9);
  in_n = index % 3 == 0 || index == 6 || index == 7 ? len
                                                    : kt_rand_int(rng, 1, len);
  fft_case(c, index == 6 ? KT_F32 : index == 7 ? KT_I32 : KT_I16, len,
           index % 2 && index != 7 ? 2 : 1, in_n, len + 2, index % 4 == 1,
           index >= 8);
}

void kt_gen_signal_irfft(int index, kt_case_t *c, uint32_t *rng) {
  /* The same grid of lengths and types as SignalRfft's: spectra of
   * N / 2 + 1 bins in, N reals out. */
  const int32_t len = kRfftLengths[index / 3 % (KT_RFFT_GRID_CASES / 3)];
  fft_case(c, kRfftTypes[index % 3], len, kt_rand_int(rng, 1, 3), len + 2,
           len, index % 4 == 1, index % 5 == 4);
}

void kt_gen_signal_energy(int index, kt_case_t *c, uint32_t *rng) {
  /* TFLM leaves bins outside [start, end) as the arena had them, mote
   * zeroes them (energy.c): only case 2 leaves some out, 51 of its 52
   * bins (at 50 bins the stale bytes happen to be zero). */
  const int32_t bins = index == 2 ? 52 : kt_rand_int(rng, 2, 257);
  const int32_t start = 0;
  const int32_t end = index == 2 ? 1 : bins;
  kt_flex_t f;
  kt_add1(c, KT_INPUT, KT_I16, 2 * bins);
  kt_add1(c, KT_OUTPUT, KT_U32, bins);
  f.n = 0;
  kt_flex_int(&f, "start_index", start);
  kt_flex_int(&f, "end_index", end);
  kt_flex_end(c, &f);
  kt_name_n(c, "bins ", bins);
  kt_name_n(c, " [", start);
  kt_name_n(c, ", ", end);
  kt_name(c, ")");
  if (index >= 8) {
    kt_special_values(c);
  }
}

void kt_gen_signal_filter_bank(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t channels = kt_rand_int(rng, 1, 40);
  int32_t widths[41], wstart[41], fstart[41], total = 0, bins, i, freq = 0;
  int32_t tbl[5];
  for (i = 0; i <= channels; ++i) {
    /* Overlapping triangles: each channel starts inside the previous. */
    widths[i] = kt_rand_int(rng, index % 4 == 0 ? 0 : 1, 6);
    fstart[i] = freq;
    wstart[i] = total;
    total += widths[i];
    freq += kt_rand_int(rng, 0, widths[i]);
  }
  bins = freq + 8;
  kt_add1(c, KT_INPUT, KT_U32, bins);
  if (index % 2) {
    kt_range(c, 0, 0, 65535); /* energies of a quiet signal */
  }
  for (i = 0; i < 5; ++i) {
    tbl[i] = kt_add1(c, KT_CONST, KT_I16,
                     i < 2 ? (total > 0 ? total : 1) : channels + 1);
  }
  kt_range(c, tbl[0], 0, 4096);
  kt_range(c, tbl[1], 0, 4096);
  kt_values(c, tbl[2], fstart, channels + 1);
  kt_values(c, tbl[3], wstart, channels + 1);
  kt_values(c, tbl[4], widths, channels + 1);
  kt_add1(c, KT_OUTPUT, KT_U64, channels);
  kt_flex_one(c, "num_channels", channels);
  kt_name_n(c, "bins ", bins);
  kt_name_n(c, " channels ", channels);
  kt_name_n(c, " weights ", total);
  if (index >= 8) {
    kt_special_values(c);
  }
}

void kt_gen_signal_filter_bank_sqrt(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t n = kt_rand_int(rng, 1, 48);
  const int32_t shift = kt_rand_int(rng, 0, 12);
  int in, s;
  in = kt_add1(c, KT_INPUT, KT_U64, n);
  if (index % 3 == 1) {
    kt_range(c, in, 0, 18446744073709551615.0); /* all 64 bits */
  } else if (index % 3 == 2) {
    kt_range(c, in, 0, 4294967295.0);
  }
  s = kt_add(c, KT_CONST, KT_I32, 0, c->t[in].shape);
  kt_values(c, s, &shift, 1);
  kt_add1(c, KT_OUTPUT, KT_U32, n);
  kt_name_n(c, "n ", n);
  kt_name_n(c, " shift ", shift);
  if (index >= 8) {
    kt_special_values(c);
  }
}

void kt_gen_signal_spectral_sub(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t n = kt_rand_int(rng, 1, 48);
  const int32_t bits = kt_rand_int(rng, 10, 16);
  const int32_t smoothing = kt_rand_int(rng, 1, (1 << bits) / 8);
  const int32_t alt = kt_rand_int(rng, 1, (1 << bits) / 8);
  kt_flex_t f;
  int in;
  c->invokes = 3;
  in = kt_add1(c, KT_INPUT, KT_U32, n);
  if (index % 2) {
    kt_range(c, in, 0, 1 << 20);
  }
  kt_add1(c, KT_OUTPUT, KT_U32, n);
  kt_add1(c, KT_OUTPUT, KT_U32, n);
  f.n = 0;
  kt_flex_int(&f, "num_channels", n);
  kt_flex_int(&f, "smoothing", smoothing);
  kt_flex_int(&f, "one_minus_smoothing", (1 << bits) - smoothing);
  kt_flex_int(&f, "alternate_smoothing", alt);
  kt_flex_int(&f, "alternate_one_minus_smoothing", (1 << bits) - alt);
  kt_flex_int(&f, "smoothing_bits", bits);
  kt_flex_int(&f, "min_signal_remaining", kt_rand_int(rng, 0, 1 << bits));
  kt_flex_bool(&f, "clamping", index % 3 == 1);
  kt_flex_int(&f, "spectral_subtraction_bits", kt_rand_int(rng, 8, 16));
  kt_flex_end(c, &f);
  kt_name_n(c, "n ", n);
  kt_name_n(c, " smoothing_bits ", bits);
  kt_name(c, index % 3 == 1 ? " clamping" : "");
  if (index >= 8) {
    kt_special_values(c);
  }
}

void kt_gen_signal_pcan(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t n = kt_rand_int(rng, 1, 48);
  const int32_t shift = index % 2 ? 6 : kt_rand_int(rng, 0, 12);
  const int32_t lut = 125 + (index % 3 == 2 ? kt_rand_int(rng, 1, 8) : 0);
  int in, noise, gain;
  in = kt_add1(c, KT_INPUT, KT_U32, n);
  noise = kt_add1(c, KT_INPUT, KT_U32, n);
  if (index % 4 < 2) { /* front-end magnitudes */
    kt_range(c, in, 0, 1 << 22);
    kt_range(c, noise, 0, 1 << 22);
  }
  gain = kt_add1(c, KT_CONST, KT_I16, lut);
  kt_range(c, gain, index % 2 ? 0 : -32768, 32767);
  kt_add1(c, KT_OUTPUT, KT_U32, n);
  kt_flex_one(c, "snr_shift", shift);
  kt_name_n(c, "n ", n);
  kt_name_n(c, " snr_shift ", shift);
  kt_name_n(c, " lut ", lut);
  if (index >= 8) {
    kt_special_values(c);
  }
}

void kt_gen_signal_filter_bank_log(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t n = kt_rand_int(rng, 1, 48);
  const int32_t bits = kt_rand_int(rng, 0, 12);
  const int32_t scale = index % 2 ? 1600 : kt_rand_int(rng, 1, 1 << 16);
  kt_flex_t f;
  const int in = kt_add1(c, KT_INPUT, KT_U32, n);
  if (index % 3 == 1) {
    kt_range(c, in, 0, 4096);
  }
  kt_add1(c, KT_OUTPUT, KT_I16, n);
  f.n = 0;
  kt_flex_int(&f, "input_correction_bits", bits);
  kt_flex_int(&f, "output_scale", scale);
  kt_flex_end(c, &f);
  kt_name_n(c, "n ", n);
  kt_name_n(c, " correction_bits ", bits);
  kt_name_n(c, " output_scale ", scale);
  if (index >= 8) {
    kt_special_values(c);
  }
}
