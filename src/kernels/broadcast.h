/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The compute side every element-wise binary operator (ADD, MUL, DIV,
 * MAXIMUM, MINIMUM) shares: broadcasting, the walk over it, and the
 * arithmetic parameters of the quantized ones. Framework-free; the glue
 * they share is binary_common.h.
 *
 * Shapes follow TFLite's NumPy rules: both inputs are right-aligned to the
 * output rank and padded with leading 1s; along every dimension an input
 * either matches the output or has extent 1 and is repeated. TFLite walks
 * a 6-D index with per-input strides (NdArrayDesc, stride 0 along repeated
 * dimensions); every output element depends only on the two elements it
 * is paired with, so the order of the walk does not change any byte.
 *
 * mote_bcast_init() therefore canonicalises the shapes: it drops output
 * dimensions of extent 1 and merges neighbours that repeat the same way in
 * both inputs, so an element-wise op on equal shapes is a single row and
 * [1,8,8,64] + [64] is 64 rows of 64. The compute walks rows of
 * dims[MOTE_MAX_DIMS - 1] elements with mote_bcast_step().
 */
#ifndef MOTE_KERNELS_BROADCAST_H
#define MOTE_KERNELS_BROADCAST_H

#include <stdint.h>

#include "kernels/core/requant.h"
#include "mote/status.h"
#include "mote/tensor.h"

typedef struct mote_bcast {
  /* Output extents after merging, outermost first, padded in front with
   * 1s to MOTE_MAX_DIMS. The row length is dims[MOTE_MAX_DIMS - 1]. */
  int32_t dims[MOTE_MAX_DIMS];
  /* Element step of input 1 / input 2 along each dimension; 0 where that
   * input is repeated. */
  int32_t stride1[MOTE_MAX_DIMS];
  int32_t stride2[MOTE_MAX_DIMS];
  int32_t count; /* output elements (0 for an empty tensor) */
} mote_bcast_t;

/* Position of a row walk: index over the outer dimensions and the offsets
 * of the current row's first element in each input. */
typedef struct mote_bcast_iter {
  int32_t idx[MOTE_MAX_DIMS];
  int32_t off1;
  int32_t off2;
} mote_bcast_iter_t;

/*
 * Describes out = f(in1, in2) for shapes d1 (rank r1), d2 (rank r2) and
 * dout (rank rout), each rank <= MOTE_MAX_DIMS, outermost first. Returns
 * MOTE_ERR_BAD_SHAPE when the inputs do not broadcast exactly to the
 * output shape, with the offending output dimension (counted from the
 * front of dout, or -1 for a rank problem) in *bad_dim; MOTE_OK otherwise.
 */
mote_status_t mote_bcast_init(mote_bcast_t *b, const int32_t *d1, int r1,
                              const int32_t *d2, int r2, const int32_t *dout,
                              int rout, int *bad_dim);

/* Starts a walk at the first row. */
void mote_bcast_begin(mote_bcast_iter_t *it);

/* Moves to the next row (undefined past the last one). */
void mote_bcast_step(const mote_bcast_t *b, mote_bcast_iter_t *it);

/* Number of rows: count / row length (0 for an empty output). */
int32_t mote_bcast_rows(const mote_bcast_t *b);

/*
 * The walk every element-wise binary kernel shares: for each output element
 * in row-major order, *out++ = (T)OP(K, x, y) with x read through in1 and y
 * through in2 (pointers to T; `out` is advanced). K is the element
 * operation's context (its parameters in locals, say), passed through
 * untouched. STOP is evaluated after every element and ends the walk when
 * true (0 for kernels that cannot fail). OP may be a function or a macro;
 * the walk uses nothing but its arguments.
 */
#define MOTE_BCAST_WALK(b, T, in1, in2, out, OP, K, STOP)                      \
  MOTE_BCAST_WALK_TO(b, T, T, in1, in2, out, OP, K, STOP)

/* MOTE_BCAST_WALK with outputs of type TO (`out` points to TO): the
 * comparisons read T and write bool. */
#define MOTE_BCAST_WALK_TO(b, T, TO, in1, in2, out, OP, K, STOP)               \
  do {                                                                         \
    const int32_t bw_rows_ = mote_bcast_rows(b);                               \
    const int32_t bw_n_ = (b)->dims[MOTE_MAX_DIMS - 1];                        \
    const int32_t bw_s1_ = (b)->stride1[MOTE_MAX_DIMS - 1];                    \
    const int32_t bw_s2_ = (b)->stride2[MOTE_MAX_DIMS - 1];                    \
    mote_bcast_iter_t bw_it_;                                                  \
    int32_t bw_r_, bw_i_;                                                      \
    mote_bcast_begin(&bw_it_);                                                 \
    for (bw_r_ = 0; bw_r_ < bw_rows_; ++bw_r_) {                               \
      const T *bw_x_ = (in1) + bw_it_.off1;                                    \
      const T *bw_y_ = (in2) + bw_it_.off2;                                    \
      for (bw_i_ = 0; bw_i_ < bw_n_; ++bw_i_) {                                \
        *(out)++ = (TO)OP((K), bw_x_[bw_i_ * bw_s1_], bw_y_[bw_i_ * bw_s2_]);  \
        if (STOP) {                                                            \
          break;                                                               \
        }                                                                      \
      }                                                                        \
      if (bw_i_ < bw_n_) {                                                     \
        break;                                                                 \
      }                                                                        \
      mote_bcast_step((b), &bw_it_);                                           \
    }                                                                          \
  } while (0)

/*
 * The parameters of ADD, MUL and DIV, whatever the type (TFLite's
 * ArithmeticParams). Integer variants offset each input by minus its zero
 * point and end with rq: one multiplier and shift (per_channel 0), the
 * output zero point and the fused activation clamp; int32 MUL and DIV use
 * only its clamp. ADD first brings each input to a common scale: shifted
 * left by left_shift (20 for int8, 15 for int16), scaled by its
 * multiplier and shift (s_i / (2 max(s1, s2)), shifts <= 0); its rq
 * rescales the sum by 2 max(s1, s2) / (2^left_shift s_out), a shift <= 0.
 * Float variants clamp to [act_min_f, act_max_f].
 */
typedef struct mote_arith_params {
  int32_t input1_offset; /* minus the zero point of input 1 */
  int32_t input2_offset;
  int32_t input1_multiplier; /* ADD only */
  int32_t input2_multiplier;
  int input1_shift;
  int input2_shift;
  int left_shift;
  mote_requant_t rq;
  float act_min_f, act_max_f;
} mote_arith_params_t;

/* Compute functions of ADD and MUL: out = f(in1, in2) over the broadcast
 * b, b->count elements in row-major order. No validation, no failure. */
typedef void mote_arith_s8_fn(const mote_arith_params_t *p,
                              const mote_bcast_t *b, const int8_t *in1,
                              const int8_t *in2, int8_t *out);
typedef void mote_arith_s16_fn(const mote_arith_params_t *p,
                               const mote_bcast_t *b, const int16_t *in1,
                               const int16_t *in2, int16_t *out);
typedef void mote_arith_s32_fn(const mote_arith_params_t *p,
                               const mote_bcast_t *b, const int32_t *in1,
                               const int32_t *in2, int32_t *out);
typedef void mote_arith_f32_fn(const mote_arith_params_t *p,
                               const mote_bcast_t *b, const float *in1,
                               const float *in2, float *out);

#endif /* MOTE_KERNELS_BROADCAST_H */
