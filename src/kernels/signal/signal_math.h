/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Integer helpers shared by the signal operators' compute functions (the
 * reference implementations in ref/ and any faster ones): bit length,
 * rounded square roots and TFLM's fixed-point natural log, with TFLM's
 * exact rounding and saturation (signal_math.c says how). Like the
 * shared integer cores of kernels/core/, they are not bound per build:
 * every implementation that needs TFLM's numbers calls these.
 *
 * The signal ops' arithmetic is that of TFLM's signal/src sources,
 * written anew: unsigned wraparound, truncating shifts and the rounding
 * rules are the same, because the front end's features must match TFLM
 * byte for byte.
 */
#ifndef MOTE_KERNELS_SIGNAL_SIGNAL_MATH_H
#define MOTE_KERNELS_SIGNAL_SIGNAL_MATH_H

#include <stdint.h>

/* Bit length of x (1 + index of the top set bit) as TFLM's
 * MostSignificantBit32 built with GCC: 32 for x == 0. */
uint32_t mote_signal_msb32(uint32_t x);
/* The same for 64 bits: 64 for x == 0. */
uint32_t mote_signal_msb64(uint64_t x);

/* sqrt(x) rounded to nearest (floor, plus one when the remainder exceeds
 * the root), saturating at 0xFFFF. */
uint16_t mote_signal_sqrt32(uint32_t x);
/* sqrt(x) rounded to nearest, saturating at 0xFFFFFFFF. Values below 2^32
 * go through mote_signal_sqrt32() and so saturate at 0xFFFF, as in TFLM. */
uint32_t mote_signal_sqrt64(uint64_t x);

/* ln(x) * out_scale, in TFLM's Log32 fixed point: log2(x) in Q16 from a
 * 128-segment interpolated table, times ln 2 in Q16, times out_scale with
 * 32-bit wraparound, each product rounded half up to Q0. x > 1. */
uint32_t mote_signal_log32(uint32_t x, uint32_t out_scale);

/* The 130-entry table behind mote_signal_log32(), for tests. */
const uint16_t *mote_signal_log_lut(void);

#endif /* MOTE_KERNELS_SIGNAL_SIGNAL_MATH_H */
