/*
 * FULLY_CONNECTED int8, Cortex-M DSP extension (fully_connected.h): for
 * Cortex-M4, M7 and M33 (SMLAD, SXTB16; unaligned word loads). No
 * assumption on alignment or depths.
 *
 * Each batch row of the input is widened once into scratch as int16
 * with the input offset added (x + offset fits int16), per group of four
 * columns the halfword pairs (x0, x2) and (x1, x3) that SXTB16 and
 * SXTB16 ROR 8 give a word of four weights. Four output rows per pass
 * share each input load: per four columns one LDRD of the input pair,
 * then per row a weight load, two SXTB16 and two SMLAD, 21 instructions
 * for 16 MACs, in inline assembly for the reasons conv_2d_arm_dsp.c
 * gives (GCC 12 does not fold the ROR and spills the row pointers). A
 * depth not a multiple of 4 ends with a partial group whose weights are
 * assembled byte by byte; 1 to 3 rows left over run as a block of four
 * that repeats its last row (stored once). Rejected: folding the offset
 * into the bias as off * sum(w) (a pass over the weights per invoke,
 * which for one batch row costs as much as the product; or out_depth
 * words of persistent memory the seam has no hook for), and the offset
 * added per row with SXTAB16 (two more instructions per row and group).
 *
 * Multipliers come from scales the glue does not require positive here,
 * so one equal to INT32_MIN (a negative filter scale) takes the
 * reference's saturating requantization.
 *
 * Scratch: 2 * accum_depth rounded up to 4 bytes (the widened row).
 */
#include "kernels/fully_connected.h"

#if defined(__ARM_FEATURE_DSP)
#include "kernels/arm_dsp/dsp_util.h"

/* Declared here too: the binding in fully_connected.h declares them only
 * when this family is the one bound. */
mote_fc_s8_fn mote_fc_s8_arm_dsp;
mote_fc_scratch_fn mote_fc_s8_arm_dsp_scratch_bytes;

size_t mote_fc_s8_arm_dsp_scratch_bytes(const mote_fc_params_t *p) {
  return 2u * (((size_t)p->accum_depth + 3u) & ~(size_t)3u);
}

/* x [n] widened into w: per group of four, (x0, x2) and (x1, x3) plus
 * `off`; a partial last group padded with zeros. */
static void widen(const int8_t *x, int32_t n, int32_t off, int32_t *w) {
  const int32_t offs = mote_dsp_dup16(off);
  int32_t g, j;
  for (g = n >> 2; g > 0; --g, x += 4, w += 2) {
    const int32_t v = mote_dsp_load32(x);
    w[0] = __sxtab16(offs, v);
    w[1] = mote_dsp_sxtab16_ror8(offs, v);
  }
  if ((n & 3) != 0) {
    uint32_t h[4];
    for (j = 0; j < 4; ++j) {
      h[j] = j < (n & 3) ? (uint32_t)(x[j] + off) & 0xFFFFu : 0u;
    }
    w[0] = (int32_t)(h[0] | h[2] << 16);
    w[1] = (int32_t)(h[1] | h[3] << 16);
  }
}

/* One row of one group: the weight word at w<r>, split and multiplied
 * into a<r> against the input pair (xe, xo). */
#define MOTE_DSP_FC_ROW(r)                                                     \
  "ldr %[t], [%[w" #r "]], #4\n\t"                                             \
  "sxtb16 %[u], %[t], ror #8\n\t"                                              \
  "sxtb16 %[t], %[t]\n\t"                                                      \
  "smlad %[a" #r "], %[t], %[xe], %[a" #r "]\n\t"                              \
  "smlad %[a" #r "], %[u], %[xo], %[a" #r "]\n\t"

#define MOTE_DSP_FC_GROUP                                                      \
  "ldrd %[xe], %[xo], [%[x]], #8\n\t" MOTE_DSP_FC_ROW(0) MOTE_DSP_FC_ROW(1)    \
      MOTE_DSP_FC_ROW(2) MOTE_DSP_FC_ROW(3)

/*
 * acc[r] += the dot product of weight row w[r] [n] with the widened input
 * x, r < 4: two groups per loop step, then an odd group, then a partial
 * one. The memory operands say what the loop reads, so that no memory
 * clobber reloads the caller's state.
 */
static inline void dot4(const int32_t *x, const int8_t *const *w, int32_t n,
                        int32_t *acc) {
  const int8_t *w0 = w[0], *w1 = w[1], *w2 = w[2], *w3 = w[3];
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  int32_t xe, xo, t, u, steps = n >> 3;
  const int32_t *xs = x;
  if (steps > 0) {
    __asm__("1:\n\t" MOTE_DSP_FC_GROUP MOTE_DSP_FC_GROUP
            "subs %[n], %[n], #1\n\t"
            "bne 1b\n\t"
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
              [w0] "+r"(w0), [w1] "+r"(w1), [w2] "+r"(w2), [w3] "+r"(w3),
              [x] "+r"(x), [n] "+r"(steps), [xe] "=&r"(xe), [xo] "=&r"(xo),
              [t] "=&r"(t), [u] "=&r"(u)
            : "m"(*(const int32_t(*)[])xs)
            : "cc");
  }
  if ((n & 4) != 0) {
    __asm__(MOTE_DSP_FC_GROUP
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
              [w0] "+r"(w0), [w1] "+r"(w1), [w2] "+r"(w2), [w3] "+r"(w3),
              [x] "+r"(x), [xe] "=&r"(xe), [xo] "=&r"(xo), [t] "=&r"(t),
              [u] "=&r"(u)
            : "m"(*(const int32_t(*)[])xs));
  }
  if ((n & 3) != 0) {
    int32_t e, o;
    mote_dsp_tail_pairs(w0, n & 3, &e, &o);
    a0 = __smlad(o, x[1], __smlad(e, x[0], a0));
    mote_dsp_tail_pairs(w1, n & 3, &e, &o);
    a1 = __smlad(o, x[1], __smlad(e, x[0], a1));
    mote_dsp_tail_pairs(w2, n & 3, &e, &o);
    a2 = __smlad(o, x[1], __smlad(e, x[0], a2));
    mote_dsp_tail_pairs(w3, n & 3, &e, &o);
    a3 = __smlad(o, x[1], __smlad(e, x[0], a3));
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

/* Every output row of one batch row, from its widened input x. */
static void rows(const mote_fc_params_t *p, const int32_t *x,
                 const int8_t *filter, const int32_t *bias, int8_t *out) {
  const int32_t depth = p->accum_depth, n = p->out_depth;
  const mote_dsp_out_t q = mote_dsp_out(&p->rq);
  int32_t o, r;
  for (o = 0; o < n; o += 4) {
    const int8_t *w[4];
    int32_t acc[4];
    for (r = 0; r < 4; ++r) {
      const int32_t row = o + r < n ? o + r : n - 1;
      w[r] = filter + (ptrdiff_t)row * depth;
      acc[r] = bias != NULL ? bias[row] : 0;
    }
    dot4(x, w, depth, acc);
    for (r = 0; r < 4 && o + r < n; ++r) {
      out[o + r] = requant(&q, o + r, acc[r]);
    }
  }
}

void mote_fc_s8_arm_dsp(const mote_fc_params_t *p, const int8_t *input,
                        const int8_t *filter, const int32_t *bias,
                        int8_t *output, void *scratch) {
  int32_t b;
  for (b = 0; b < p->batches; ++b) {
    widen(input + (ptrdiff_t)b * p->accum_depth, p->accum_depth,
          p->input_offset, (int32_t *)scratch);
    rows(p, (const int32_t *)scratch, filter, bias,
         output + (ptrdiff_t)b * p->out_depth);
  }
}

#else
/* Not a DSP target: nothing to compile (ISO C wants a declaration). */
typedef int mote_fully_connected_arm_dsp_unused;
#endif
