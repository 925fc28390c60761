/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalPCAN (pcan.h): TFLM's PcanGainControl channel by
 * channel, the gain through WideDynamicFunction and the compression
 * through PcanShrink, with TFLM's int32 and uint32 arithmetic (a negative
 * gain is sign-extended into the uint32 product, as in TFLM).
 */
#include "kernels/signal/pcan.h"

#include "kernels/signal/signal_math.h"

/* Fraction bits of the SNR and of the output (TFLM kPcanSnrBits,
 * kPcanOutputBits). */
#define PCAN_SNR_BITS 12
#define PCAN_OUTPUT_BITS 6

static int16_t pcan_gain(uint32_t x, const int16_t *lut) {
  int32_t octave, frac, result;
  if (x <= 2) {
    return lut[x];
  }
  octave = (int32_t)mote_signal_msb32(x);
  lut += 4 * octave - 6;
  /* The 10 bits below the leading one. */
  frac = (int32_t)((octave < 11 ? x << (11 - octave) : x >> (octave - 11)) &
                   0x3FFu);
  result = (lut[2] * frac) >> 5;
  result += (int32_t)((uint32_t)(int32_t)lut[1] << 5);
  result *= frac;
  result = (result + (1 << 14)) >> 15;
  result += lut[0];
  return (int16_t)result;
}

static uint32_t pcan_shrink(uint32_t x) {
  if (x < (2u << PCAN_SNR_BITS)) {
    return (x * x) >> (2 + 2 * PCAN_SNR_BITS - PCAN_OUTPUT_BITS);
  }
  return (x >> (PCAN_SNR_BITS - PCAN_OUTPUT_BITS)) - (1u << PCAN_OUTPUT_BITS);
}

void mote_signal_pcan_ref(const mote_signal_pcan_params_t *p,
                          const uint32_t *noise, const int16_t *gain_lut,
                          uint32_t *io) {
  int32_t i;
  for (i = 0; i < p->channels; ++i) {
    const uint32_t gain = (uint32_t)(int32_t)pcan_gain(noise[i], gain_lut);
    const uint32_t snr = (uint32_t)(((uint64_t)io[i] * gain) >> p->snr_shift);
    io[i] = pcan_shrink(snr);
  }
}
