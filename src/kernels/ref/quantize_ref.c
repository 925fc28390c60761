/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference QUANTIZE (quantize.h): TFLite Micro's AffineQuantize and
 * Requantize, bit for bit.
 *
 * Integer inputs are widened 32 elements at a time into an int32 buffer,
 * requantized there by core/requant.h's mote_requantize, and narrowed to
 * the output type, so that the twelve type pairs need no code of their
 * own. TFLM's int8 <-> uint8 "xor 0x80" fast path gives the same bytes as
 * the general formula, so it is not a separate path.
 */
#include <math.h>

#include "kernels/quantize.h"

#define CHUNK 32

/* x / scale rounded half away from zero, plus the zero point (in 64 bits:
 * TFLite's int32 sum would overflow only where it is undefined), clamped
 * to [lo, hi]. */
static int32_t quantize_one(float x, float scale, int32_t zero_point,
                            int32_t lo, int32_t hi) {
  const float r = roundf(x / scale);
  int64_t v;
  if (r != r || r < -2147483648.0f) {
    return lo;
  }
  if (r >= 2147483648.0f) {
    return hi;
  }
  v = (int64_t)(int32_t)r + zero_point;
  return v < lo ? lo : (v > hi ? hi : (int32_t)v);
}

void mote_quantize_f32_s8_ref(const mote_quantize_params_t *p,
                              const float *input, int8_t *output, int32_t n) {
  const mote_requant_t *rq = &p->rq;
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = (int8_t)quantize_one(input[i], p->scale, rq->output_offset,
                                     rq->act_min, rq->act_max);
  }
}

void mote_quantize_f32_s16_ref(const mote_quantize_params_t *p,
                               const float *input, int16_t *output, int32_t n) {
  const mote_requant_t *rq = &p->rq;
  int32_t i;
  for (i = 0; i < n; ++i) {
    output[i] = (int16_t)quantize_one(input[i], p->scale, rq->output_offset,
                                      rq->act_min, rq->act_max);
  }
}

static void load(mote_type_t type, const void *in, int32_t base, int32_t n,
                 int32_t *buf) {
  int32_t i;
  switch (type) {
  case MOTE_TYPE_UINT8:
    for (i = 0; i < n; ++i)
      buf[i] = ((const uint8_t *)in)[base + i];
    break;
  case MOTE_TYPE_INT16:
    for (i = 0; i < n; ++i)
      buf[i] = ((const int16_t *)in)[base + i];
    break;
  case MOTE_TYPE_INT32:
    for (i = 0; i < n; ++i)
      buf[i] = ((const int32_t *)in)[base + i];
    break;
  default:
    for (i = 0; i < n; ++i)
      buf[i] = ((const int8_t *)in)[base + i];
    break;
  }
}

static void store(mote_type_t type, void *out, int32_t base, int32_t n,
                  const int32_t *buf) {
  int32_t i;
  switch (type) {
  case MOTE_TYPE_UINT8:
    for (i = 0; i < n; ++i)
      ((uint8_t *)out)[base + i] = (uint8_t)buf[i];
    break;
  case MOTE_TYPE_INT16:
    for (i = 0; i < n; ++i)
      ((int16_t *)out)[base + i] = (int16_t)buf[i];
    break;
  case MOTE_TYPE_INT32:
    for (i = 0; i < n; ++i)
      ((int32_t *)out)[base + i] = buf[i];
    break;
  default:
    for (i = 0; i < n; ++i)
      ((int8_t *)out)[base + i] = (int8_t)buf[i];
    break;
  }
}

void mote_quantize_requantize_ref(const mote_quantize_params_t *p,
                                  const void *input, void *output, int32_t n) {
  /* Per tensor: one multiplier and shift. In locals, so that the stores
   * into buf need not reload them. */
  const int32_t multiplier = p->rq.multiplier[0];
  const int shift = p->rq.shift[0];
  const int32_t in_offset = p->input_offset;
  const int32_t out_offset = p->rq.output_offset;
  const int32_t lo = p->rq.act_min, hi = p->rq.act_max;
  int32_t buf[CHUNK];
  int32_t base, len, i;
  for (base = 0; base < n; base += len) {
    len = n - base < CHUNK ? n - base : CHUNK;
    load((mote_type_t)p->in_type, input, base, len, buf);
    for (i = 0; i < len; ++i) {
      /* TFLite's plain int32 arithmetic, made to wrap. */
      const int32_t x = (int32_t)((uint32_t)buf[i] + (uint32_t)in_offset);
      buf[i] = mote_requantize(x, multiplier, shift, out_offset, lo, hi);
    }
    store((mote_type_t)p->out_type, output, base, len, buf);
  }
}
