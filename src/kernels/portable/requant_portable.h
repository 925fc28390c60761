/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Requantization for the portable family: core/requant.h's
 * mote_requantize, byte for byte, as inline code without branches on the
 * data, for kernels that requantize once per handful of MACs (1x1
 * convolutions, depthwise). The out-of-line mote_mul_by_quant_mult was a
 * fifth of a MobileNet's host instructions once the MACs were
 * vectorised (callgrind, x86-64 GCC 12 -O2).
 *
 * The doubling high multiply, TFLite's (a * b + nudge) / 2^31 truncated
 * with a nudge of 2^30 or 1 - 2^30 by the product's sign, equals
 * floor((a * b + 2^30) / 2^31): for a negative product, truncation is the
 * ceiling, and ceil((v) / 2^31) = floor((v + 2^31 - 1) / 2^31). One add
 * and one arithmetic shift. Its one saturating case (both operands
 * INT32_MIN) needs a negative multiplier, which the glue never makes
 * (mote_quantize_multiplier gives 0 or [2^30, 2^31)). The rounding right
 * shift is RoundingDivideByPOT's mask and threshold as in requant.c.
 * Checked against mote_requantize in tests/kernels/test_cores.c.
 */
#ifndef MOTE_KERNELS_PORTABLE_REQUANT_PORTABLE_H
#define MOTE_KERNELS_PORTABLE_REQUANT_PORTABLE_H

#include <stdint.h>

#include "kernels/core/requant.h"

/* One channel's scaling, split once for the outputs that share it. */
typedef struct mote_rq_portable {
  int32_t multiplier;
  int left, right; /* shift = left - right, one of them 0 */
  int32_t mask;    /* 2^right - 1 */
  int32_t offset, lo, hi;
} mote_rq_portable_t;

/* The scaling of a channel with `multiplier` >= 0 and -31 <= shift <= 30,
 * then offset and clamp, as mote_requantize takes them. */
static inline mote_rq_portable_t mote_rq_portable(int32_t multiplier, int shift,
                                                  int32_t offset, int32_t lo,
                                                  int32_t hi) {
  mote_rq_portable_t r;
  r.multiplier = multiplier;
  r.left = shift > 0 ? shift : 0;
  r.right = shift > 0 ? 0 : -shift;
  r.mask = (int32_t)(((int64_t)1 << r.right) - 1);
  r.offset = offset, r.lo = lo, r.hi = hi;
  return r;
}

/* mote_requantize(acc, ...) of the channel `r` describes. */
static inline int32_t mote_rq_portable_apply(const mote_rq_portable_t *r,
                                             int32_t acc) {
  const int32_t x = (int32_t)((uint32_t)acc << r->left);
  const int64_t ab = (int64_t)x * r->multiplier + ((int64_t)1 << 30);
  const int32_t high = (int32_t)(ab >> 31);
  const int32_t threshold = (r->mask >> 1) + (high < 0 ? 1 : 0);
  const int32_t v = (high >> r->right) + ((high & r->mask) > threshold ? 1 : 0);
  return mote_clamp_i32((int32_t)((uint32_t)v + (uint32_t)r->offset), r->lo,
                        r->hi);
}

/* Both at once, for an output whose channel has no neighbours to share
 * the split with. */
static inline int32_t mote_requantize_portable(int32_t acc, int32_t multiplier,
                                               int shift, int32_t offset,
                                               int32_t lo, int32_t hi) {
  const mote_rq_portable_t r =
      mote_rq_portable(multiplier, shift, offset, lo, hi);
  return mote_rq_portable_apply(&r, acc);
}

#endif /* MOTE_KERNELS_PORTABLE_REQUANT_PORTABLE_H */
