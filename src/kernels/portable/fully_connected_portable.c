/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FULLY_CONNECTED int8, portable C (fully_connected.h): for hosts and cores
 * without SIMD instructions (RISC-V, Cortex-M0+/M3); no assumptions on
 * alignment or channel counts.
 *
 * Four output rows at a time: each input value is loaded and offset once
 * for four weight rows, and the four sums are independent, so the loop
 * has instruction-level parallelism a compiler can schedule; within a
 * row, blocks of 16 columns in 16-bit lanes, which GCC vectorises at -O2
 * (ad_autoencoder on x86-64: the layer's instructions 1.02 M -> 0.41 M). Rows left over run the shared dot product. The integer sums
 * are exactly the reference's (addition modulo 2^32 does not depend on
 * order), so results are bit-identical. Rejected: folding the input offset
 * into the bias at prepare (it saves the add per column but costs
 * out_depth x 4 bytes of persistent arena, a trade for the DSP families to
 * make), and 8-row blocks (registers run out on 32-bit cores).
 */
#include <stddef.h>

#include "kernels/core/dot.h"
#include "kernels/fully_connected.h"

/* Declared here as well as by the binding in fully_connected.h, which
 * declares them only when this family is bound. */
mote_fc_s8_fn mote_fc_s8_portable;
mote_fc_scratch_fn mote_fc_s8_portable_scratch_bytes;

size_t mote_fc_s8_portable_scratch_bytes(const mote_fc_params_t *p) {
  (void)p;
  return 0;
}

/* Rows [o, o + 4) of one batch row. */
static void rows4(const mote_fc_params_t *p, const int8_t *x,
                  const int8_t *filter, const int32_t *bias, int32_t o,
                  int8_t *out) {
  const int32_t depth = p->accum_depth;
  const int32_t offset = p->input_offset;
  const int8_t *w0 = filter + (ptrdiff_t)o * depth;
  const int8_t *w1 = w0 + depth;
  const int8_t *w2 = w1 + depth;
  const int8_t *w3 = w2 + depth;
  uint32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  int32_t i, j, k;
  uint32_t acc[4];
  /* Blocks of 16 columns in 16-bit lanes: the products (|w| <= 128,
   * |x + offset| <= 255) and a block's sums fit 32 bits, and a loop of a
   * constant 16 is what GCC vectorises at -O2 (multiply-add of 16-bit
   * pairs into 32-bit lanes on x86's SSE2). */
  for (i = 0; i + 16 <= depth; i += 16) {
    int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (j = 0; j < 16; ++j) {
      const int16_t xi = (int16_t)(x[i + j] + offset);
      s0 += (int32_t)(int16_t)w0[i + j] * xi;
      s1 += (int32_t)(int16_t)w1[i + j] * xi;
      s2 += (int32_t)(int16_t)w2[i + j] * xi;
      s3 += (int32_t)(int16_t)w3[i + j] * xi;
    }
    a0 += (uint32_t)s0;
    a1 += (uint32_t)s1;
    a2 += (uint32_t)s2;
    a3 += (uint32_t)s3;
  }
  for (; i < depth; ++i) {
    const int32_t xi = (int32_t)x[i] + offset;
    a0 += (uint32_t)((int32_t)w0[i] * xi);
    a1 += (uint32_t)((int32_t)w1[i] * xi);
    a2 += (uint32_t)((int32_t)w2[i] * xi);
    a3 += (uint32_t)((int32_t)w3[i] * xi);
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
  for (k = 0; k < 4; ++k) {
    if (bias != NULL) {
      acc[k] += (uint32_t)bias[o + k];
    }
    out[o + k] = (int8_t)mote_requant_apply(&p->out.rq, o + k, (int32_t)acc[k]);
  }
}

void mote_fc_s8_portable(const mote_fc_params_t *p, const int8_t *input,
                         const int8_t *filter, const int32_t *bias,
                         int8_t *output, void *scratch) {
  const int32_t depth = p->accum_depth;
  int32_t b, o;
  (void)scratch;
  for (b = 0; b < p->batches; ++b) {
    const int8_t *x = input + (ptrdiff_t)b * depth;
    int8_t *out = output + (ptrdiff_t)b * p->out_depth;
    for (o = 0; o + 4 <= p->out_depth; o += 4) {
      rows4(p, x, filter, bias, o, out);
    }
    for (; o < p->out_depth; ++o) {
      const int32_t acc =
          mote_dot_s8(bias != NULL ? bias[o] : 0, x, p->input_offset,
                      filter + (ptrdiff_t)o * depth, depth);
      out[o] = (int8_t)mote_requant_apply(&p->out.rq, o, acc);
    }
  }
}
