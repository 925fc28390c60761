/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FULLY_CONNECTED int8, Cortex-M DSP extension (fully_connected.h): for
 * Cortex-M4, M7 and M33 (SMLAD, SXTB16, SXTAB16; unaligned word loads).
 * No assumption on alignment or depths; no scratch.
 *
 * Four output rows per pass share each input load: per four columns one
 * word of the input, widened with the input offset added by SXTAB16 and
 * SXTAB16 ROR 8 into the halfword pairs (x0, x2) and (x1, x3) (x + offset
 * fits int16), then per row a weight word split the same way by SXTB16
 * and two SMLAD: 23 instructions for 16 MACs, in inline assembly for the
 * reasons conv_2d_arm_dsp.c gives (GCC 12 does not fold the ROR and
 * spills the row pointers). Rows 1 and 2 are read at register offsets
 * from row 0's pointer, so that the loop fits the 14 registers. A depth
 * not a multiple of 4 ends with a partial group, inputs and weights
 * assembled byte by byte (never read past a row). A last block of four
 * overlaps the one before it; fewer than four rows run as one block that
 * names a row more than once.
 * Rejected: widening each input row once into scratch (21 instructions
 * instead of 23, but 2 bytes of arena per input column: 8 KB for
 * micro_speech's 4000-deep layer, on an arena of 6 KB), and folding the
 * offset into the bias as off * sum(w) (a pass over the weights per
 * invoke, which for one batch row costs as much as the product).
 *
 * Multipliers come from scales the glue does not require positive here,
 * so one equal to INT32_MIN (a negative filter scale) takes the
 * reference's saturating requantization.
 */
#include "kernels/fully_connected.h"

#if defined(__ARM_FEATURE_DSP)
#include "kernels/arm_dsp/dsp_util.h"

/* Declared here too: the binding in fully_connected.h declares them only
 * when this family is the one bound. */
mote_fc_s8_fn mote_fc_s8_arm_dsp;
mote_fc_scratch_fn mote_fc_s8_arm_dsp_scratch_bytes;

size_t mote_fc_s8_arm_dsp_scratch_bytes(const mote_fc_params_t *p) {
  (void)p;
  return 0;
}

/* One row of one group: the weight word at `addr`, split and multiplied
 * into `a` against the input pair (xe, xo). */
#define MOTE_DSP_FC_ROW(a, addr)                                               \
  "ldr %[t], " addr "\n\t"                                                     \
  "sxtb16 %[u], %[t], ror #8\n\t"                                              \
  "sxtb16 %[t], %[t]\n\t"                                                      \
  "smlad %[" a "], %[t], %[xe], %[" a "]\n\t"                                  \
  "smlad %[" a "], %[u], %[xo], %[" a "]\n\t"

/* Rows 1 and 2 at offsets k and 2k from row 0, before row 0's load
 * moves its pointer. */
#define MOTE_DSP_FC_GROUP                                                      \
  "ldr %[xe], [%[x]], #4\n\t"                                                  \
  "sxtab16 %[xo], %[offs], %[xe], ror #8\n\t"                                  \
  "sxtab16 %[xe], %[offs], %[xe]\n\t"                                          \
  MOTE_DSP_FC_ROW("a1", "[%[w0], %[k]]")                                       \
  MOTE_DSP_FC_ROW("a2", "[%[w0], %[k], lsl #1]")                               \
  MOTE_DSP_FC_ROW("a3", "[%[w3]], #4")                                         \
  MOTE_DSP_FC_ROW("a0", "[%[w0]], #4")

/* The even and odd halfword pairs of a partial group of `rem` (1..3)
 * inputs at x, each plus off; missing ones are 0. */
static void tail_inputs(const int8_t *x, int32_t rem, int32_t off,
                        int32_t *even, int32_t *odd) {
  uint32_t h[4];
  int32_t j;
  for (j = 0; j < 4; ++j) {
    h[j] = j < rem ? (uint32_t)(x[j] + off) & 0xFFFFu : 0u;
  }
  *even = (int32_t)(h[0] | h[2] << 16);
  *odd = (int32_t)(h[1] | h[3] << 16);
}

/*
 * acc[r] += sum over i < n of (x[i] + off) * w[r][i], r < 4, the rows k
 * bytes apart except the last (w3): two groups per loop step, then an odd
 * group, then a partial one. The loop takes all 14 allocatable
 * registers, which GCC 12 finds only in a function of its own (inlined
 * into block(), at -Os or for Cortex-M55, it reports impossible
 * constraints): hence noinline, a call per 4 rows. A memory clobber, not
 * memory operands naming what the loop reads, for the same reason: each
 * operand's address would take a register.
 */
__attribute__((noinline)) static void dot4(const int8_t *x, int32_t off,
                                          const int8_t *w0, const int8_t *w3,
                                          int32_t k, int32_t n, int32_t *acc) {
  const int32_t offs = mote_dsp_dup16(off);
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  int32_t xe, xo;
#if MOTE_DSP_ASM
  int32_t t, u, steps = n >> 3;
  if (steps > 0) {
    __asm__("1:\n\t" MOTE_DSP_FC_GROUP MOTE_DSP_FC_GROUP
            "subs %[n], %[n], #1\n\t"
            "bne 1b\n\t"
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
              [w0] "+r"(w0), [w3] "+r"(w3), [x] "+r"(x), [n] "+r"(steps),
              [xe] "=&r"(xe), [xo] "=&r"(xo), [t] "=&r"(t), [u] "=&r"(u)
            : [k] "r"(k), [offs] "r"(offs)
            : "cc", "memory");
  }
  if ((n & 4) != 0) {
    __asm__(MOTE_DSP_FC_GROUP
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
              [w0] "+r"(w0), [w3] "+r"(w3), [x] "+r"(x), [xe] "=&r"(xe),
              [xo] "=&r"(xo), [t] "=&r"(t), [u] "=&r"(u)
            : [k] "r"(k), [offs] "r"(offs)
            : "memory");
  }
#else
  int32_t g, w;
  for (g = n >> 2; g > 0; --g, x += 4, w0 += 4, w3 += 4) {
    const int32_t v = mote_dsp_load32(x);
    xe = __sxtab16(offs, v);
    xo = mote_dsp_sxtab16_ror8(offs, v);
    w = mote_dsp_load32(w0);
    a0 = __smlad(mote_dsp_sxtb16_ror8(w), xo, __smlad(__sxtb16(w), xe, a0));
    w = mote_dsp_load32(w0 + k);
    a1 = __smlad(mote_dsp_sxtb16_ror8(w), xo, __smlad(__sxtb16(w), xe, a1));
    w = mote_dsp_load32(w0 + 2 * k);
    a2 = __smlad(mote_dsp_sxtb16_ror8(w), xo, __smlad(__sxtb16(w), xe, a2));
    w = mote_dsp_load32(w3);
    a3 = __smlad(mote_dsp_sxtb16_ror8(w), xo, __smlad(__sxtb16(w), xe, a3));
  }
#endif
  if ((n & 3) != 0) {
    int32_t e, o;
    tail_inputs(x, n & 3, off, &xe, &xo);
    mote_dsp_tail_pairs(w0, n & 3, &e, &o);
    a0 = __smlad(o, xo, __smlad(e, xe, a0));
    mote_dsp_tail_pairs(w0 + k, n & 3, &e, &o);
    a1 = __smlad(o, xo, __smlad(e, xe, a1));
    mote_dsp_tail_pairs(w0 + 2 * k, n & 3, &e, &o);
    a2 = __smlad(o, xo, __smlad(e, xe, a2));
    mote_dsp_tail_pairs(w3, n & 3, &e, &o);
    a3 = __smlad(o, xo, __smlad(e, xe, a3));
  }
  acc[0] = a0, acc[1] = a1, acc[2] = a2, acc[3] = a3;
}

/* Output row o from its sum. */
static int8_t requant(const mote_dsp_out_t *q, int32_t o, int32_t acc) {
  const mote_dsp_scale_t s = mote_dsp_scale_at(q, o);
  if (s.mult == INT32_MIN) {
    const int32_t shift = s.left > 0 ? s.left : -s.right;
    const int32_t v = mote_mul_by_quant_mult(acc, s.mult, (int)shift);
    const int32_t r = (int32_t)((uint32_t)v + (uint32_t)q->offset);
    return (int8_t)mote_clamp_i32(r, q->lo, q->hi);
  }
  return mote_dsp_requant(q, &s, acc);
}

/* Rows r0, r0 + step, r0 + 2 * step and r3 of one batch row x [depth]
 * (step 0 or 1; a row named twice is computed and stored twice,
 * identically). */
static void block(const mote_fc_params_t *p, const mote_dsp_out_t *q,
                  const int8_t *x, const int8_t *filter, const int32_t *bias,
                  int32_t r0, int32_t step, int32_t r3, int8_t *out) {
  const int32_t depth = p->accum_depth;
  int32_t row[4], acc[4], i;
  row[0] = r0, row[1] = r0 + step, row[2] = r0 + 2 * step, row[3] = r3;
  for (i = 0; i < 4; ++i) {
    acc[i] = bias != NULL ? bias[row[i]] : 0;
  }
  dot4(x, p->input_offset, filter + (ptrdiff_t)r0 * depth,
       filter + (ptrdiff_t)r3 * depth, step * depth, depth, acc);
  for (i = 0; i < 4; ++i) {
    out[row[i]] = requant(q, row[i], acc[i]);
  }
}

/* Every output row of one batch row: blocks of four, the last one
 * overlapping the one before it when out_depth is not a multiple of 4;
 * 1 to 3 rows as one block that names some twice. */
static void rows(const mote_fc_params_t *p, const int8_t *x,
                 const int8_t *filter, const int32_t *bias, int8_t *out) {
  const int32_t n = p->out_depth;
  const mote_dsp_out_t q = mote_dsp_out(&p->out.rq);
  int32_t o;
  if (n < 4) {
    /* 3: rows 0, 1, 2, 2; 2: 1, 1, 1, 0; 1: 0 four times. */
    block(p, &q, x, filter, bias, n == 2 ? 1 : 0, n == 3 ? 1 : 0,
          n == 3 ? 2 : 0, out);
    return;
  }
  for (o = 0; o < n; o += 4) {
    const int32_t first = o + 4 <= n ? o : n - 4;
    block(p, &q, x, filter, bias, first, 1, first + 3, out);
  }
}

void mote_fc_s8_arm_dsp(const mote_fc_params_t *p, const int8_t *input,
                        const int8_t *filter, const int32_t *bias,
                        int8_t *output, void *scratch) {
  int32_t b;
  (void)scratch;
  for (b = 0; b < p->batches; ++b) {
    rows(p, input + (ptrdiff_t)b * p->accum_depth, filter, bias,
         output + (ptrdiff_t)b * p->out_depth);
  }
}

#else
/* Not a DSP target: nothing to compile (ISO C wants a declaration). */
typedef int mote_fully_connected_arm_dsp_unused;
#endif
