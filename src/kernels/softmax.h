/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SOFTMAX compute functions: the seam between the op's glue (softmax.c)
 * and its implementations (impl.h).
 *
 * Every variant normalizes p->outer rows of p->depth contiguous elements
 * (the innermost dimension), as TFLite Micro's reference kernels:
 *   float32 -> float32  exp((x - max) * beta) / sum, in float;
 *   int8 -> int8 / int16 gemmlowp fixed point: the input difference to the
 *                       row maximum is scaled to Q5.26, exp() on it in Q0.31,
 *                       the sum kept in Q12.19, output = exp * (1 / sum);
 *   int16 -> int16      two 513-entry interpolating tables (exp on [-10, 0]
 *                       and 1 / (1 + x) on [0, 1]).
 * Quantized outputs have fixed scales (1/256 zp -128 for int8, 1/65536 zp
 * -32768 for int8 -> int16, 1/32768 zp 0 for int16) that the glue checks.
 * The input scaling is not an output requantization, so there is no
 * mote_requant_t here: the multiplier scales input differences into the
 * fixed-point exp's domain.
 *
 * The integer variants can fail at run time, on data alone: a row whose
 * exponentials sum past what TFLite's int32 fixed point holds (TFLite
 * aborts there). They return MOTE_ERR_KERNEL, having written some rows;
 * otherwise MOTE_OK. No scratch: every implementation worth having
 * (CMSIS-NN's included) works row by row in registers.
 */
#ifndef MOTE_KERNELS_SOFTMAX_H
#define MOTE_KERNELS_SOFTMAX_H

#include <stdint.h>

#include "kernels/impl.h"
#include "mote/status.h"

/* Integer bits of the int8 variants' scaled input difference (Q5.26): the
 * input multiplier is computed for it. */
#define MOTE_SOFTMAX_DIFF_INT_BITS 5

typedef struct mote_softmax_params {
  int32_t outer;            /* rows */
  int32_t depth;            /* row length: the innermost dimension */
  float beta;               /* float32 only */
  int32_t input_multiplier; /* quantized: Q0.31 significand of the input
                               rescale */
  int32_t input_left_shift; /* its power of two (>= 0 for int8) */
  int32_t diff_min;         /* int8: differences below this give 0 */
  /* int16 only: the exp table, then the 1 / (1 + x) table, each
   * MOTE_LUT16_SIZE entries (mote_softmax_luts_s16). */
  const int16_t *luts;
} mote_softmax_params_t;

/* --- prepare-time helpers (softmax.c), for the glue and for tests ------ */

/*
 * int8 input scaling into p's input_multiplier, input_left_shift and
 * diff_min, as TFLite PreprocessSoftmaxScaling with 5 integer bits plus
 * CalculateInputRadius: beta * input_scale * 2^26, capped at 2^31 - 1.
 * MOTE_ERR_UNSUPPORTED when that is not above 1 (TFLite aborts).
 */
mote_status_t mote_softmax_params_s8(float beta, float input_scale,
                                     mote_softmax_params_t *p);

/* int16 input scaling (input_multiplier, input_left_shift; diff_min 0):
 * input differences mapped so that [-65535, 0] covers [-10, 0] of beta * x
 * (TFLite's int16 softmax). MOTE_ERR_UNSUPPORTED when that needs a left
 * shift over 30 (beta * input scale above ~1.6e5, where TFLite's rescale
 * overflows). */
mote_status_t mote_softmax_params_s16(float beta, float input_scale,
                                      mote_softmax_params_t *p);

/* Fills luts[0 .. 2 * MOTE_LUT16_SIZE): the two tables the int16 variant
 * reads through p->luts. */
void mote_softmax_luts_s16(int16_t *luts);

/* --- compute functions -------------------------------------------------- */

/* input, output: [outer][depth]. */
typedef void mote_softmax_f32_fn(const mote_softmax_params_t *p,
                                 const float *input, float *output);
/* Output scale 1/256, zero point -128. MOTE_ERR_KERNEL needs >= 512
 * near-maximal elements in one row. */
typedef mote_status_t mote_softmax_s8_fn(const mote_softmax_params_t *p,
                                         const int8_t *input, int8_t *output);
/* As int8, output int16 (scale 1/65536, zero point -32768). */
typedef mote_status_t mote_softmax_s8_s16_fn(const mote_softmax_params_t *p,
                                             const int8_t *input,
                                             int16_t *output);
/* Zero points 0, output scale 1/32768. `output` may not alias `input` (it
 * holds the row's exponentials first). MOTE_ERR_KERNEL when a row's
 * exponentials sum to nothing representable. */
typedef mote_status_t mote_softmax_s16_fn(const mote_softmax_params_t *p,
                                          const int16_t *input,
                                          int16_t *output);

mote_softmax_f32_fn mote_softmax_f32_ref;
mote_softmax_s8_fn mote_softmax_s8_ref;
mote_softmax_s8_s16_fn mote_softmax_s8_s16_ref;
mote_softmax_s16_fn mote_softmax_s16_ref;

#ifdef MOTE_IMPL_SOFTMAX_F32
#define mote_softmax_f32 MOTE_IMPL_NAME(softmax_f32, MOTE_IMPL_SOFTMAX_F32)
mote_softmax_f32_fn mote_softmax_f32;
#else
#define mote_softmax_f32 mote_softmax_f32_ref
#endif
#ifdef MOTE_IMPL_SOFTMAX_S8
#define mote_softmax_s8 MOTE_IMPL_NAME(softmax_s8, MOTE_IMPL_SOFTMAX_S8)
mote_softmax_s8_fn mote_softmax_s8;
#else
#define mote_softmax_s8 mote_softmax_s8_ref
#endif
#ifdef MOTE_IMPL_SOFTMAX_S8_S16
#define mote_softmax_s8_s16                                                    \
  MOTE_IMPL_NAME(softmax_s8_s16, MOTE_IMPL_SOFTMAX_S8_S16)
mote_softmax_s8_s16_fn mote_softmax_s8_s16;
#else
#define mote_softmax_s8_s16 mote_softmax_s8_s16_ref
#endif
#ifdef MOTE_IMPL_SOFTMAX_S16
#define mote_softmax_s16 MOTE_IMPL_NAME(softmax_s16, MOTE_IMPL_SOFTMAX_S16)
mote_softmax_s16_fn mote_softmax_s16;
#else
#define mote_softmax_s16 mote_softmax_s16_ref
#endif

#endif /* MOTE_KERNELS_SOFTMAX_H */
