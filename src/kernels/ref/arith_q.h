/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the reference ADD, MUL and DIV share per element: the parameters
 * in a local copy, made once per call. An int8 or int16 store can alias
 * anything, and a float store any float, so an element operation reading
 * through the parameter pointer would reload rq's entries through its
 * arrays after every output; from the copy each field costs at most one
 * load, and none where the operation is inlined and they fit in
 * registers. Reference-only.
 */
#ifndef MOTE_KERNELS_REF_ARITH_Q_H
#define MOTE_KERNELS_REF_ARITH_Q_H

#include <stdint.h>

#include "kernels/broadcast.h"
#include "kernels/core/requant.h"

/* The integer fields of mote_arith_params_t, rq's one entry as values. */
typedef struct mote_arith_q {
  int32_t input1_offset, input2_offset;
  int32_t multiplier;
  int shift;
  int32_t output_offset, act_min, act_max;
} mote_arith_q_t;

static inline mote_arith_q_t mote_arith_q(const mote_arith_params_t *p) {
  mote_arith_q_t k;
  k.input1_offset = p->input1_offset;
  k.input2_offset = p->input2_offset;
  k.multiplier = p->rq.multiplier[0];
  k.shift = p->rq.shift[0];
  k.output_offset = p->rq.output_offset;
  k.act_min = p->rq.act_min;
  k.act_max = p->rq.act_max;
  return k;
}

/* The output value of an integer accumulator: mote_requantize with k's
 * scaling, zero point and clamp. */
static inline int32_t mote_arith_requantize(const mote_arith_q_t *k,
                                            int32_t acc) {
  return mote_requantize(acc, k->multiplier, k->shift, k->output_offset,
                         k->act_min, k->act_max);
}

/* The clamp of unquantized int32 outputs, rq's alone (its multiplier and
 * shift arrays may be absent). */
typedef struct mote_arith_i32 {
  int32_t lo, hi;
} mote_arith_i32_t;

static inline mote_arith_i32_t mote_arith_i32(const mote_arith_params_t *p) {
  mote_arith_i32_t k;
  k.lo = p->rq.act_min;
  k.hi = p->rq.act_max;
  return k;
}

/* The float clamp. */
typedef struct mote_arith_f32 {
  float lo, hi;
} mote_arith_f32_t;

static inline mote_arith_f32_t mote_arith_f32(const mote_arith_params_t *p) {
  mote_arith_f32_t k;
  k.lo = p->act_min_f;
  k.hi = p->act_max_f;
  return k;
}

static inline float mote_arith_clamp_f32(const mote_arith_f32_t *k, float v) {
  return v < k->lo ? k->lo : (v > k->hi ? k->hi : v);
}

/* Defines the compute function `name` over element type T: a context of
 * type K made from the parameters by INIT (a local copy, as above), then
 * *out++ = OP(&k, x, y) over the broadcast. The types' functions of an op
 * differ in nothing else, so each is one line. */
#define MOTE_ARITH_REF(name, T, K, INIT, OP)                                   \
  void name(const mote_arith_params_t *p, const mote_bcast_t *b, const T *in1, \
            const T *in2, T *out) { /* NOLINT(bugprone-macro-parentheses): T is a type */ \
    const K k = INIT(p);                                                       \
    MOTE_BCAST_WALK(b, T, in1, in2, out, OP, &k, 0);                           \
  }

/* ADD's and SUB's parameters in locals: arith's, then each input's
 * rescale to the common scale. */
typedef struct mote_addsub_q {
  mote_arith_q_t q;
  int32_t input1_multiplier, input2_multiplier;
  int input1_shift, input2_shift, left_shift;
} mote_addsub_q_t;

static inline mote_addsub_q_t mote_addsub_q(const mote_arith_params_t *p) {
  mote_addsub_q_t k;
  k.q = mote_arith_q(p);
  k.input1_multiplier = p->input1_multiplier;
  k.input2_multiplier = p->input2_multiplier;
  k.input1_shift = p->input1_shift;
  k.input2_shift = p->input2_shift;
  k.left_shift = p->left_shift;
  return k;
}

/* x * 2^n modulo 2^32, as TFLite's int32 product. */
static inline int32_t mote_arith_wrap_shl(int32_t x, int n) {
  return (int32_t)((uint32_t)x << (unsigned)n);
}

/* Input x (of input 1 when `second` is 0, else input 2) on the common
 * scale of ADD and SUB: offset, shifted left, rescaled (shift <= 0). */
static inline int32_t mote_addsub_scaled(const mote_addsub_q_t *k, int second,
                                         int32_t x) {
  return second
             ? mote_mul_by_quant_mult_lt1(
                   mote_arith_wrap_shl(k->q.input2_offset + x, k->left_shift),
                   k->input2_multiplier, k->input2_shift)
             : mote_mul_by_quant_mult_lt1(
                   mote_arith_wrap_shl(k->q.input1_offset + x, k->left_shift),
                   k->input1_multiplier, k->input1_shift);
}

/* a + b and a * b modulo 2^32: TFLite's plain int32 arithmetic, which
 * wraps on every target it runs on, without C's undefined overflow. */
static inline int32_t mote_arith_wrap_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t mote_arith_wrap_sub(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a - (uint32_t)b);
}

static inline int32_t mote_arith_wrap_mul(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a * (uint32_t)b);
}

#endif /* MOTE_KERNELS_REF_ARITH_Q_H */
