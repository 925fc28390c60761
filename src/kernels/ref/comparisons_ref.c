/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference comparisons and logical ops (comparisons.h): TFLM's reference
 * kernels, bit for bit, one output at a time over the shared broadcast
 * walk. The operation is chosen once per call, not per element.
 */
#include "kernels/comparisons.h"

#include "kernels/core/requant.h"

/* (off + x) * 2^n modulo 2^32: TFLM's int32 arithmetic, which cannot
 * overflow for zero points in the type's range, without C's undefined
 * behaviour for those outside it. */
static inline int32_t cmp_shifted(int32_t off, int32_t x, int n) {
  return (int32_t)(((uint32_t)off + (uint32_t)x) << (unsigned)n);
}

/* Input x of input 1 (second 0) or 2 on the common scale, as TFLM's
 * *WithScaling: offset, shifted left, then the input's multiplier. */
static inline int32_t cmp_scaled(const mote_compare_params_t *k, int second,
                                 int32_t x) {
  return second ? mote_mul_by_quant_mult_lt1(
                      cmp_shifted(k->input2_offset, x, k->left_shift),
                      k->input2_multiplier, k->input2_shift)
                : mote_mul_by_quant_mult_lt1(
                      cmp_shifted(k->input1_offset, x, k->left_shift),
                      k->input1_multiplier, k->input1_shift);
}

/* Element operations: R_ on the values as stored, Q_ after the rescale. */
#define R_EQ(K, x, y) ((x) == (y))
#define R_NE(K, x, y) ((x) != (y))
#define R_LT(K, x, y) ((x) < (y))
#define R_LE(K, x, y) ((x) <= (y))
#define R_GT(K, x, y) ((x) > (y))
#define R_GE(K, x, y) ((x) >= (y))
#define R_AND(K, x, y) ((x) != 0 && (y) != 0)
#define R_OR(K, x, y) ((x) != 0 || (y) != 0)
#define Q_EQ(K, x, y) (cmp_scaled(K, 0, x) == cmp_scaled(K, 1, y))
#define Q_NE(K, x, y) (cmp_scaled(K, 0, x) != cmp_scaled(K, 1, y))
#define Q_LT(K, x, y) (cmp_scaled(K, 0, x) < cmp_scaled(K, 1, y))
#define Q_LE(K, x, y) (cmp_scaled(K, 0, x) <= cmp_scaled(K, 1, y))
#define Q_GT(K, x, y) (cmp_scaled(K, 0, x) > cmp_scaled(K, 1, y))
#define Q_GE(K, x, y) (cmp_scaled(K, 0, x) >= cmp_scaled(K, 1, y))
#define Q_AND R_AND /* never chosen: the logical ops take bool alone */
#define Q_OR R_OR

#define CMP_CASE(op, T, E)                                                     \
  case op:                                                                     \
    MOTE_BCAST_WALK_TO(b, T, uint8_t, in1, in2, out, E, &k, 0);                \
    break

/* Every type's function is this one body over element type T, with the
 * element operations of prefix R_ or Q_. */
#define CMP_FN(name, T, P)                                                     \
  void name(const mote_compare_params_t *p, const mote_bcast_t *b,             \
            const T *in1, const T *in2, uint8_t *out) {                        \
    const mote_compare_params_t k = *p;                                        \
    switch ((mote_compare_op_t)k.op) {                                         \
      CMP_CASE(MOTE_CMP_EQUAL, T, P##EQ);                                      \
      CMP_CASE(MOTE_CMP_NOT_EQUAL, T, P##NE);                                  \
      CMP_CASE(MOTE_CMP_LESS, T, P##LT);                                       \
      CMP_CASE(MOTE_CMP_LESS_EQUAL, T, P##LE);                                 \
      CMP_CASE(MOTE_CMP_GREATER, T, P##GT);                                    \
      CMP_CASE(MOTE_CMP_GREATER_EQUAL, T, P##GE);                              \
      CMP_CASE(MOTE_CMP_LOGICAL_AND, T, P##AND);                               \
    default:                                                                   \
      MOTE_BCAST_WALK_TO(b, T, uint8_t, in1, in2, out, P##OR, &k, 0);          \
      break;                                                                   \
    }                                                                          \
  }

CMP_FN(mote_compare_b8_ref, uint8_t, R_)
CMP_FN(mote_compare_s8_ref, int8_t, Q_)
CMP_FN(mote_compare_s32_ref, int32_t, R_)
CMP_FN(mote_compare_s64_ref, int64_t, R_)
CMP_FN(mote_compare_f32_ref, float, R_)
