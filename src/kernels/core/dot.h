/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Dot products: the inner loop of every quantized MAC-heavy kernel.
 *
 * FULLY_CONNECTED, CONV_2D (one run of input channels per filter tap),
 * the LSTM gates and the SVDF feature product all sum w[i] * (x[i] +
 * offset), where offset is minus the input zero point (TFLite keeps
 * filters symmetric, so only the input has an offset). These are the
 * reference forms, static inline so that a kernel's loop nest compiles to
 * the same code as if the loop were written in place; optimized
 * implementations replace whole compute functions (see impl.h), not these.
 *
 * int8 x int8 sums wrap in 32 bits as TFLite's int32 accumulator does on
 * every target (a realistic layer never gets near it; a corrupt one must
 * not be undefined behaviour). int16 x int8 sums are exact in 64 bits,
 * TFLite's 16x8 accumulator.
 */
#ifndef MOTE_KERNELS_CORE_DOT_H
#define MOTE_KERNELS_CORE_DOT_H

#include <stdint.h>

/* acc + sum over i < n of w[i] * (x[i] + x_offset), modulo 2^32.
 *   x [n] int8 activations, w [n] int8 weights; x_offset in [-127, 128].
 * Taking the running sum (a bias, earlier taps) keeps it in the loop's
 * register instead of adding it after. */
static inline int32_t mote_dot_s8(int32_t acc0, const int8_t *x,
                                  int32_t x_offset, const int8_t *w,
                                  int32_t n) {
  uint32_t acc = (uint32_t)acc0;
  /* Pointer steps and a down-counter: of the forms tried, the one GCC
   * keeps in registers with post-incremented loads at -O2 and -Os alike
   * (indexing cost an instruction per MAC on Cortex-M55 at -Os). */
  for (; n > 0; --n) {
    acc += (uint32_t)((int32_t)*w++ * ((int32_t)*x++ + x_offset));
  }
  return (int32_t)acc;
}

/* acc + sum over i < n of w[i] * (x[i] + x_offset), exact (the caller
 * keeps |acc| below 2^62: a window of int16 x int8 products is far below).
 *   x [n] int16 activations, w [n] int8 weights; |x_offset| <= 2^16. */
static inline int64_t mote_dot_s16_s8(int64_t acc, const int16_t *x,
                                      int32_t x_offset, const int8_t *w,
                                      int32_t n) {
  for (; n > 0; --n) {
    acc += (int64_t)*w++ * ((int32_t)*x++ + x_offset);
  }
  return acc;
}

/* acc + x[0] * w[0] + x[1] * w[1] + ... in single precision, in index
 * order: float sums are not associative, so a convolution continues one
 * accumulator across its taps, as TFLite does, rather than adding per-tap
 * sums. The product is its own statement so that compilers cannot contract
 * it into a fused multiply-add TFLite's build does not use. */
static inline float mote_dot_f32(float acc, const float *x, const float *w,
                                 int32_t n) {
  for (; n > 0; --n) {
    const float prod = *x++ * *w++;
    acc += prod;
  }
  return acc;
}

/* The same over strided operands: x[i * x_stride], w[i * w_stride]
 * (element strides). A depthwise convolution's row of taps reads one
 * channel of consecutive pixels against one channel of the filter. */
static inline int32_t mote_dot_s8_strided(int32_t acc0, const int8_t *x,
                                          int32_t x_stride, int32_t x_offset,
                                          const int8_t *w, int32_t w_stride,
                                          int32_t n) {
  uint32_t acc = (uint32_t)acc0;
  int32_t i;
  for (i = 0; i < n; ++i, x += x_stride, w += w_stride) {
    acc += (uint32_t)((int32_t)*w * ((int32_t)*x + x_offset));
  }
  return (int32_t)acc;
}

static inline int64_t mote_dot_s16_s8_strided(int64_t acc, const int16_t *x,
                                              int32_t x_stride,
                                              int32_t x_offset,
                                              const int8_t *w,
                                              int32_t w_stride, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i, x += x_stride, w += w_stride) {
    acc += (int64_t)*w * ((int32_t)*x + x_offset);
  }
  return acc;
}

static inline float mote_dot_f32_strided(float acc, const float *x,
                                         int32_t x_stride, const float *w,
                                         int32_t w_stride, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i, x += x_stride, w += w_stride) {
    const float prod = *x * *w;
    acc += prod;
  }
  return acc;
}

#endif /* MOTE_KERNELS_CORE_DOT_H */
