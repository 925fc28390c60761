/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The parameters of the ADD / MUL / DIV compute functions
 * (mote_arith_params_t) from the values the older tests give: offsets,
 * one multiplier and shift, the clamps. The struct holds the multiplier
 * and shift the requantization points at, so it is built in place and not
 * copied.
 */
#ifndef MOTE_TEST_ARITH_CALL_H
#define MOTE_TEST_ARITH_CALL_H

#include <string.h>

#include "kernels/broadcast.h"

typedef struct arith_call {
  mote_arith_params_t p;
  int32_t mult;
  int8_t shift;
} arith_call_t;

/* Integer parameters: offsets (minus the input zero points, plus the
 * output's), the output rescale (mult, shift) and the clamp [lo, hi]. */
static inline void arith_call_q(arith_call_t *c, int32_t in1_offset,
                                int32_t in2_offset, int32_t out_offset,
                                int32_t mult, int shift, int32_t lo,
                                int32_t hi) {
  memset(c, 0, sizeof *c);
  c->mult = mult;
  c->shift = (int8_t)shift;
  c->p.input1_offset = in1_offset;
  c->p.input2_offset = in2_offset;
  c->p.rq.multiplier = &c->mult;
  c->p.rq.shift = &c->shift;
  c->p.rq.output_offset = out_offset;
  c->p.rq.act_min = lo;
  c->p.rq.act_max = hi;
}

/* Float parameters: the clamp [lo, hi]. */
static inline void arith_call_f32(arith_call_t *c, float lo, float hi) {
  arith_call_q(c, 0, 0, 0, 0, 0, 0, 0);
  c->p.act_min_f = lo;
  c->p.act_max_f = hi;
}

#endif /* MOTE_TEST_ARITH_CALL_H */
