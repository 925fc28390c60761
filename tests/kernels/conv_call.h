/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Calls of the CONV_2D / DEPTHWISE_CONV_2D compute functions with the
 * multiplier and shift arrays given apart from the parameters, as the
 * older tests build them: each wrapper points a copy of the parameters'
 * requantization at the arrays and calls the implementation the build
 * binds, with the scratch it asks for.
 */
#ifndef MOTE_TEST_CONV_CALL_H
#define MOTE_TEST_CONV_CALL_H

#include <stddef.h>
#include <stdlib.h>

#include "kernels/conv_2d.h"
#include "kernels/depthwise_conv_2d.h"

static inline mote_conv_params_t conv_call_params(const mote_conv_params_t *p,
                                           const int32_t *mult,
                                           const int8_t *shift) {
  mote_conv_params_t q = *p;
  q.rq.multiplier = mult;
  q.rq.shift = shift;
  return q;
}

#define CONV_CALL_Q(fn, T, TB)                                                 \
  static inline void fn##_call(const mote_conv_params_t *p, const int32_t *mult,      \
                        const int8_t *shift, const T *in, const int8_t *f,     \
                        const TB *bias, T *out) {                              \
    const mote_conv_params_t q = conv_call_params(p, mult, shift);             \
    const size_t n = fn##_scratch_bytes(&q);                                   \
    void *scratch = n > 0 ? malloc(n) : NULL;                                  \
    fn(&q, in, f, bias, out, scratch);                                         \
    free(scratch);                                                             \
  }
CONV_CALL_Q(mote_conv_2d_s8, int8_t, int32_t)
CONV_CALL_Q(mote_conv_2d_s16, int16_t, int64_t)
CONV_CALL_Q(mote_conv_2d_s16_b32, int16_t, int32_t)
CONV_CALL_Q(mote_depthwise_conv_2d_s8, int8_t, int32_t)
CONV_CALL_Q(mote_depthwise_conv_2d_s16, int16_t, int64_t)

#define CONV_CALL_F32(fn)                                                      \
  static inline void fn##_call(const mote_conv_params_t *p, const float *in,          \
                        const float *f, const float *bias, float *out) {       \
    const size_t n = fn##_scratch_bytes(p);                                    \
    void *scratch = n > 0 ? malloc(n) : NULL;                                  \
    fn(p, in, f, bias, out, scratch);                                          \
    free(scratch);                                                             \
  }
CONV_CALL_F32(mote_conv_2d_f32)
CONV_CALL_F32(mote_depthwise_conv_2d_f32)

#endif /* MOTE_TEST_CONV_CALL_H */
