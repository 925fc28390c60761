/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference BATCH_MATMUL (batch_matmul.h). TFLM first copies a transposed
 * operand (rhs unless adj_y, lhs when adj_x) into arena memory; reading
 * it strided in place gives the same products in the same order, without
 * the copy.
 */
#include <stddef.h>

#include "kernels/batch_matmul.h"
#include "kernels/core/requant.h"

/* Element (a, k) of an lhs matrix and (k, c) of an rhs matrix. */
static ptrdiff_t lhs_at(const mote_bmm_params_t *p, int32_t a, int32_t k) {
  return p->adj_x ? (ptrdiff_t)k * p->rows + a : (ptrdiff_t)a * p->depth + k;
}

static ptrdiff_t rhs_at(const mote_bmm_params_t *p, int32_t k, int32_t c) {
  return p->adj_y ? (ptrdiff_t)c * p->depth + k : (ptrdiff_t)k * p->cols + c;
}

/* Calls `body` for every output matrix with `L`, `R` and `O` the element
 * offsets of its operands and itself. */
#define BMM_BATCHES(p, body)                                                   \
  do {                                                                         \
    const ptrdiff_t lsize_ = (ptrdiff_t)(p)->rows * (p)->depth;                \
    const ptrdiff_t rsize_ = (ptrdiff_t)(p)->depth * (p)->cols;                \
    ptrdiff_t O = 0;                                                           \
    int32_t b0_, b1_, b2_;                                                     \
    for (b0_ = 0; b0_ < (p)->batch[0]; ++b0_) {                                \
      for (b1_ = 0; b1_ < (p)->batch[1]; ++b1_) {                              \
        for (b2_ = 0; b2_ < (p)->batch[2]; ++b2_) {                            \
          const ptrdiff_t L =                                                  \
              lsize_ * ((ptrdiff_t)b0_ * (p)->lhs_step[0] +                    \
                        (ptrdiff_t)b1_ * (p)->lhs_step[1] +                    \
                        (ptrdiff_t)b2_ * (p)->lhs_step[2]);                    \
          const ptrdiff_t R =                                                  \
              rsize_ * ((ptrdiff_t)b0_ * (p)->rhs_step[0] +                    \
                        (ptrdiff_t)b1_ * (p)->rhs_step[1] +                    \
                        (ptrdiff_t)b2_ * (p)->rhs_step[2]);                    \
          body;                                                                \
          O += (ptrdiff_t)(p)->rows * (p)->cols;                               \
        }                                                                      \
      }                                                                        \
    }                                                                          \
  } while (0)

static void f32_matrix(const mote_bmm_params_t *p, const float *lhs,
                       const float *rhs, float *out) {
  int32_t a, c, k;
  for (a = 0; a < p->rows; ++a) {
    for (c = 0; c < p->cols; ++c) {
      float total = 0.0f;
      for (k = 0; k < p->depth; ++k) {
        total += lhs[lhs_at(p, a, k)] * rhs[rhs_at(p, k, c)];
      }
      out[(ptrdiff_t)a * p->cols + c] = total;
    }
  }
}

void mote_batch_matmul_f32_ref(const mote_bmm_params_t *p, const float *lhs,
                               const float *rhs, float *out) {
  BMM_BATCHES(p, f32_matrix(p, lhs + L, rhs + R, out + O));
}

static void s8_matrix(const mote_bmm_params_t *p, const int8_t *lhs,
                      const int8_t *rhs, int8_t *out) {
  int32_t a, c, k;
  for (a = 0; a < p->rows; ++a) {
    for (c = 0; c < p->cols; ++c) {
      uint32_t total = 0; /* TFLM's int32 sum, wrapping defined */
      for (k = 0; k < p->depth; ++k) {
        total += (uint32_t)((lhs[lhs_at(p, a, k)] + p->lhs_offset) *
                            (rhs[rhs_at(p, k, c)] + p->rhs_offset));
      }
      out[(ptrdiff_t)a * p->cols + c] = (int8_t)mote_requantize(
          (int32_t)total, p->multiplier, (int)p->shift, p->out_offset,
          p->act_min, p->act_max);
    }
  }
}

void mote_batch_matmul_s8_ref(const mote_bmm_params_t *p, const int8_t *lhs,
                              const int8_t *rhs, int8_t *out) {
  BMM_BATCHES(p, s8_matrix(p, lhs + L, rhs + R, out + O));
}

static void s16_matrix(const mote_bmm_params_t *p, const int16_t *lhs,
                       const int16_t *rhs, int16_t *out) {
  int32_t a, c, k;
  for (a = 0; a < p->rows; ++a) {
    for (c = 0; c < p->cols; ++c) {
      int64_t total = 0;
      for (k = 0; k < p->depth; ++k) {
        total += (int64_t)(lhs[lhs_at(p, a, k)] + p->lhs_offset) *
                 (rhs[rhs_at(p, k, c)] + p->rhs_offset);
      }
      out[(ptrdiff_t)a * p->cols + c] = (int16_t)mote_requantize64(
          total, p->multiplier, (int)p->shift, p->out_offset, p->act_min,
          p->act_max);
    }
  }
}

void mote_batch_matmul_s16_ref(const mote_bmm_params_t *p, const int16_t *lhs,
                               const int16_t *rhs, int16_t *out) {
  BMM_BATCHES(p, s16_matrix(p, lhs + L, rhs + R, out + O));
}
