/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM quantization: the integer parameters
 * TFLite Micro's prepare (lstm_eval_common.cc, PrepareGateParametersInteger
 * and CreateLstmCellStateInfo) derives from the tensor scales.
 *
 * Gate pre-activations have the fixed scale 2^-12 (Q3.12) and gate outputs
 * 2^-15 (Q0.15). Each gate's two fully connected products get
 * QuantizeMultiplier(act x weight / 2^-12) with the two scales multiplied
 * in float first (TFLite's GetQuantizedConvolutionMultipler); the three
 * element-wise products get QuantizeMultiplier(s1 x s2 / s_out) in double.
 * The cell scale's power of two is TFLite's CheckedLog2 rounding, taken
 * without complaint as TFLite Micro does; the cell clip is divided in
 * double and truncated to int16.
 *
 * TFLite Micro has carried two spellings of the constants, 2^-12 and 2^-15
 * exactly and the decimal literals 0.00024414062f and 0.00003051757f (the
 * second is 2^-15 less 2.4e-7 relative). The exact values are used here:
 * they are what the newest kernel source writes, and every golden LSTM
 * case agrees with them (it agrees with the literals too, so the choice
 * is not pinned down by data).
 */
#include "kernels/unidirectional_sequence_lstm.h"

#include "kernels/activation_q.h"
#include "kernels/kernel_util.h"

static const float kGateInScale = 0.000244140625f;
static const float kGateOutScale = 0.000030517578125f;

static int fc_quant(float act_scale, float weight_scale, int32_t zero_point,
                    int act16, mote_lstm_fc_q_t *q) {
  const float product = act_scale * weight_scale;
  int shift;
  mote_quantize_multiplier((double)product / (double)kGateInScale,
                           &q->multiplier, &shift);
  q->shift = shift;
  q->input_offset = -zero_point;
  /* TFLite's 64-bit requantization is defined for shifts below 8; the
   * int32 one overflows past 30. */
  return shift < (act16 ? 8 : 31);
}

static int mul_quant(float s1, float s2, float s_out, int out16,
                     int32_t zero_point, mote_lstm_mul_q_t *m) {
  int shift;
  mote_quantize_multiplier((double)s1 * (double)s2 / (double)s_out,
                           &m->multiplier, &shift);
  m->shift = shift;
  m->output_offset = zero_point;
  m->act_min = out16 ? INT16_MIN : INT8_MIN;
  m->act_max = out16 ? INT16_MAX : INT8_MAX;
  return shift < 31;
}

mote_status_t mote_lstm_quantize(const mote_lstm_scales_t *s,
                                 mote_lstm_q_t *q, int *power) {
  int ok = 1;
  int g;
  double clip;
  for (g = 0; g < MOTE_LSTM_GATES; ++g) {
    ok &= fc_quant(s->input, s->w_in[g], s->input_zero_point, s->hidden16,
                   &q->fc_in[g]);
    ok &= fc_quant(s->hidden, s->w_rec[g], s->hidden_zero_point, s->hidden16,
                   &q->fc_rec[g]);
  }
  ok &= mul_quant(kGateOutScale, s->cell, s->cell, 1, 0, &q->forget_mul);
  ok &= mul_quant(kGateOutScale, kGateOutScale, s->cell, 1, 0,
                  &q->input_mul);
  ok &= mul_quant(kGateOutScale, kGateOutScale, s->hidden, s->hidden16,
                  s->hidden_zero_point, &q->output_mul);
  *power = 0;
  (void)mote_checked_log2(s->cell, power);
  q->cell_scale_power = *power;
  q->clip = s->cell_clip > 0.0f;
  clip = (double)s->cell_clip / (double)s->cell;
  clip = clip < -32768.0 ? -32768.0 : (clip > 32767.0 ? 32767.0 : clip);
  /* Converted only when used: a NaN cell_clip option (clip off) would
   * make the conversion undefined. */
  q->cell_clip = q->clip ? (int32_t)(int16_t)clip : 0;
  /* The cell tanh shifts by 12 + power either way; keep it in range. */
  if (!ok || *power < -27 || *power > 3) {
    return MOTE_ERR_UNSUPPORTED;
  }
  return MOTE_OK;
}
