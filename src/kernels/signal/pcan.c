/*
 * SignalPCAN: per-channel automatic gain control (PCAN), normalising each
 * filter-bank channel by a gain looked up from its noise estimate, then
 * compressing with x^2/4 below 2 and x - 1 above.
 *
 * The gain table is a piecewise quadratic indexed by the estimate's bit
 * length (three int16 coefficients per octave, plus three direct entries
 * for estimates 0..2), evaluated in int32 with a round-half-up Q15 step,
 * as TFLM's WideDynamicFunction. A uint32 estimate can reach octave 32,
 * so the table needs 125 entries; TFLM does not check this, mote rejects
 * shorter tables in prepare.
 */
#include "kernels/signal/signal.h"

#include <string.h>

#include "mote/signal_ops.h"

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

void mote_signal_pcan(const int16_t *gain_lut, int snr_shift,
                      const uint32_t *noise, uint32_t *io, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    /* A negative gain is sign-extended into the uint32, as in TFLM. */
    const uint32_t gain = (uint32_t)(int32_t)pcan_gain(noise[i], gain_lut);
    const uint32_t snr = (uint32_t)(((uint64_t)io[i] * gain) >> snr_shift);
    io[i] = pcan_shrink(snr);
  }
}

typedef struct pcan_op {
  int32_t snr_shift;
  int32_t channels;
} pcan_op_t;

static mote_status_t pcan_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in[3], out;
  mote_flex_map_t opts;
  pcan_op_t *op;
  int64_t shift;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 3, in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in[0], MOTE_TYPE_UINT32, 1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &in[1], MOTE_TYPE_UINT32, 1, "input 1")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &in[2], MOTE_TYPE_INT16, 1, "input 2")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_UINT32, 1, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  if (in[0].dims[0] <= 0 || in[1].dims[0] != in[0].dims[0] ||
      out.dims[0] != in[0].dims[0]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0, input 1 and output 0 have %ld, %ld and "
                          "%ld channels; they must agree",
                          (long)in[0].dims[0], (long)in[1].dims[0],
                          (long)out.dims[0]);
  }
  if (in[2].dims[0] < MOTE_SIGNAL_PCAN_LUT_SIZE) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 2 (gain table) has %ld entries, needs %d",
                          (long)in[2].dims[0], MOTE_SIGNAL_PCAN_LUT_SIZE);
  }
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "snr_shift", 0, 63, &shift)) !=
          MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (pcan_op_t *)mem;
  op->snr_shift = (int32_t)shift;
  op->channels = in[0].dims[0];
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t pcan_invoke(mote_kctx_t *ctx) {
  const pcan_op_t *op = (const pcan_op_t *)mote_kctx_user_data(ctx);
  const void *in = mote_kctx_input_data(ctx, 0);
  uint32_t *out = (uint32_t *)mote_kctx_output_data(ctx, 0);
  if ((const void *)out != in) {
    memcpy(out, in, (size_t)op->channels * sizeof(uint32_t));
  }
  mote_signal_pcan(
      (const int16_t *)mote_kctx_input_data(ctx, 2), (int)op->snr_shift,
      (const uint32_t *)mote_kctx_input_data(ctx, 1), out, op->channels);
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_pcan = {"SignalPCAN", 1, pcan_prepare,
                                               pcan_invoke};
