/*
 * Broadcasting for element-wise binary operators (ADD, MUL, ...).
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
 *
 * The kernel glue ADD, MUL, DIV, MAXIMUM and MINIMUM share (the prepare
 * checks, the data at invoke) and their row walk live here too. Kernels
 * keep the canonical shape packed in 28 bytes (mote_bcast_op_t) rather
 * than the 76-byte description, and unpack it on each invoke: re-reading
 * three shapes from the model there cost far more than the 48 bytes.
 */
#ifndef MOTE_KERNELS_BROADCAST_H
#define MOTE_KERNELS_BROADCAST_H

#include <stddef.h>
#include <stdint.h>

#include "mote/kernel.h"
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
 * in row-major order, *out++ = OP(x, y) with x read through in1 and y
 * through in2 (pointers to T; `out` is advanced). STOP is evaluated after
 * every element and ends the walk when true (0 for kernels that cannot
 * fail). OP may be a macro; its arguments are plain array reads.
 */
#define MOTE_BCAST_WALK(b, T, in1, in2, out, OP, STOP)                         \
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
        *(out)++ = OP(bw_x_[bw_i_ * bw_s1_], bw_y_[bw_i_ * bw_s2_]);           \
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
 * What an element-wise binary kernel keeps from prepare for invoke, in 28
 * bytes where a mote_bcast_t takes 76: the merged extents, the dimensions
 * each input varies along, and the type. mote_bcast_unpack() rebuilds the
 * description from it in a few dozen instructions, without reading a
 * shape from the model. Each such kernel's op data begins with one.
 */
typedef struct mote_bcast_op {
  int32_t dims[MOTE_MAX_DIMS]; /* as mote_bcast_t.dims */
  uint8_t vary1;               /* bit d: input 1 varies along dims[d] */
  uint8_t vary2;
  uint8_t type; /* mote_type_t of both inputs and the output */
} mote_bcast_op_t;

/* Fills *b from *o: the description mote_bcast_init() gave in prepare. */
void mote_bcast_unpack(const mote_bcast_op_t *o, mote_bcast_t *b);

/* Bit of `type` in mote_bcast_prepare()'s `types`. */
#define MOTE_TYPE_BIT(type) (1u << (unsigned)(type))

/*
 * The prepare checks of an element-wise binary operator: 2 inputs and 1
 * output; the builtin options of union type `options_type` into *opt
 * (skipped when opt is NULL); an output type among `types` (MOTE_TYPE_BIT
 * flags), else MOTE_ERR_UNSUPPORTED_TYPE with "output 0 has type T; " and
 * `supported`; inputs of the output's type; and shapes that broadcast to
 * the output (MOTE_ERR_BAD_SHAPE). Fills the three views, then takes
 * `op_bytes` (at least sizeof(mote_bcast_op_t)) of persistent memory for
 * the op data, fills the mote_bcast_op_t it begins with and returns it in
 * *op. Fails through mote_kctx_fail().
 */
mote_status_t mote_bcast_prepare(mote_kctx_t *ctx, uint8_t options_type,
                                 mote_options_t *opt, uint32_t types,
                                 const char *supported, size_t op_bytes,
                                 void **op, mote_tensor_t *in1,
                                 mote_tensor_t *in2, mote_tensor_t *out);

/* At invoke: the op data (see mote_bcast_prepare), *b rebuilt from it, and
 * the data of both inputs and the output. */
const mote_bcast_op_t *mote_bcast_invoke_data(mote_kctx_t *ctx, mote_bcast_t *b,
                                              const void **in1,
                                              const void **in2, void **out);

#endif /* MOTE_KERNELS_BROADCAST_H */
