/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The prepare-time glue CONV_2D and DEPTHWISE_CONV_2D share: tensor
 * fetching, output-size and padding checks, TFLite's per-channel
 * requantization parameters and activation clamps, and the op data both
 * keep. The compute side (parameters, windows) is conv_params.h.
 *
 * Requantization data is the bulk of these ops' persistent memory (a
 * MobileNet has some 17,000 output channels), so it is stored small:
 * shifts as int8_t, since TFLite's lie in [-31, 30] (QuantizeMultiplier
 * flushes anything below 2^-31 to zero, and prepare refuses gains that
 * need a larger left shift); and a filter with a single scale keeps a
 * single multiplier and shift (mote_requant_t.per_channel = 0) rather
 * than out_c identical copies.
 */
#ifndef MOTE_KERNELS_CONV_COMMON_H
#define MOTE_KERNELS_CONV_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/conv_params.h"
#include "kernels/kernel_util.h"
#include "mote/kernel.h"
#include "mote/tensor.h"

/* Builtin options both ops carry, in TFLite's encoding. */
typedef struct mote_conv_opts {
  int padding;    /* MOTE_PADDING_* */
  int activation; /* MOTE_ACT_* */
  int32_t stride_w, stride_h;
  int32_t dilation_w, dilation_h;
} mote_conv_opts_t;

/* The operator's tensors; bias.flags has MOTE_TENSOR_ABSENT when the op
 * has no bias (two inputs, or input 2 given as -1). */
typedef struct mote_conv_tensors {
  mote_tensor_t input, filter, bias, output;
} mote_conv_tensors_t;

/* Per-operator state, in persistent arena memory. Quantized types keep
 * p.rq's multipliers and shifts in one allocation after it, the
 * multipliers first to keep them aligned. */
typedef struct mote_conv_op {
  mote_conv_params_t p;
  int32_t scratch;   /* scratch buffer index, or -1 for none */
  int32_t ring;      /* scratch index of the in-place ring, or -1 */
  int32_t ring_rows; /* rows in it; 0 when the op never runs in place */
  uint32_t rel;      /* where the input starts when in place */
  uint8_t type;      /* mote_type_t of input and output; MOTE_TYPE_INT4
                        marks an int8 op with an int4 filter (int4.h) */
  uint8_t bias_type; /* mote_type_t of the bias when has_bias */
  bool has_bias;
  bool acc64; /* int16: 64-bit accumulator and requantization */
} mote_conv_op_t;

/* The data of one invoke: input, filter, bias (NULL when the op has
 * none) and output. */
typedef struct mote_conv_data {
  const void *input, *filter, *bias;
  void *output;
} mote_conv_data_t;

/*
 * The first half of prepare: reads the options (union `options_type`,
 * padding and strides in fields 0-2, the activation in `act_field` and the
 * dilations in the two fields after it), fetches inputs 0..2 and output 0
 * and fills *p with zeros and the geometry the input and filter shapes
 * give alike (batches, in_*, filter_h, filter_w). MOTE_ERR_BAD_SHAPE when
 * the operator has other than 2 or 3 inputs or other than one output, or
 * when input, filter or output is not 4-D; MOTE_ERR_CORRUPT_MODEL for
 * another options type.
 */
mote_status_t mote_conv_prepare_begin(mote_kctx_t *ctx, uint8_t options_type,
                                      unsigned act_field, mote_conv_opts_t *o,
                                      mote_conv_tensors_t *t,
                                      mote_conv_params_t *p);

/*
 * The shared half of prepare. `p` arrives with the geometry the op read
 * from the shapes (batches, in_*, filter_h/w, filter_c or
 * depth_multiplier, out_c); this checks the options, computes padding,
 * checks the output shape, the type combination and the bias, computes
 * requantization parameters along `quant_dim` of the filter, and stores a
 * mote_conv_op_t as the op's user data (*op; its scratch is -1, for the
 * op to request what its implementation needs). `s16_bias32` says whether an int16
 * op accepts an int32 bias (TFLM's CONV_2D does, DEPTHWISE_CONV_2D does
 * not). Fails with a message naming the offending tensor or option:
 * MOTE_ERR_UNSUPPORTED_TYPE, MOTE_ERR_BAD_SHAPE, MOTE_ERR_UNSUPPORTED,
 * MOTE_ERR_CORRUPT_MODEL (invalid stride, dilation or padding) or
 * MOTE_ERR_ARENA_TOO_SMALL.
 */
mote_status_t mote_conv_prepare_common(mote_kctx_t *ctx,
                                       const mote_conv_opts_t *opts,
                                       const mote_conv_tensors_t *t,
                                       int32_t quant_dim, bool s16_bias32,
                                       mote_conv_params_t *p,
                                       mote_conv_op_t **op);

/*
 * The quantized part of the shared prepare, for ops that compute their own
 * geometry (TRANSPOSE_CONV): with op->type, op->acc64 and op->p.out_c set,
 * checks the scales and zero points of t's input (named `input_name` in
 * messages, "input 2" say), filter (quantized along
 * `quant_dim`, 1 or out_c scales) and output, stores the multipliers and
 * shifts in persistent memory and sets op->p.rq (clamp of `activation`) and
 * op->p.input_offset. Errors: MOTE_ERR_UNSUPPORTED naming the tensor
 * (scales, zero points, a rescale past the requantizer, the activation),
 * MOTE_ERR_ARENA_TOO_SMALL.
 */
mote_status_t mote_conv_prepare_quant(mote_kctx_t *ctx, int activation,
                                     const mote_conv_tensors_t *t,
                                     int32_t quant_dim, const char *input_name,
                                     mote_conv_op_t *op);

/* At invoke: the data pointers into *d, and the op data prepare stored. */
const mote_conv_op_t *mote_conv_invoke_data(mote_kctx_t *ctx,
                                            mote_conv_data_t *d);

/* Runs the bound implementation for the op's type with params `p` (the
 * op's own, or a band of its output rows) from `input` to `output`. */
typedef void mote_conv_call_fn(const mote_conv_op_t *op,
                               const mote_conv_params_t *p, const void *input,
                               void *output, const mote_conv_data_t *d,
                               void *scratch);

/*
 * End of prepare: when writing the output over the input row by row
 * (kernels/inplace.h) could lower the arena, asks the planner for the
 * overlap and requests the ring. Batch 1 only. MOTE_ERR_ARENA_TOO_SMALL
 * when the requests do not fit.
 */
mote_status_t mote_conv_request_inplace(mote_kctx_t *ctx, mote_conv_op_t *op);

/* The op seen as rows for an in-place run (kernels/inplace.h), with the
 * input `rel` bytes after the output; 0 when it cannot run so (batches
 * above 1, rows whose windows lie wholly in the padding). */
struct mote_rows;
int mote_conv_rows(const mote_conv_op_t *op, struct mote_rows *g);

/* Rows of ring the op needs to write its output over its input from
 * `rel` bytes on (*rel), or 0 when it cannot (batches, geometry) or it
 * would not pay. */
int32_t mote_conv_inplace_rows(const mote_conv_op_t *op, uint32_t *rel);

/* `call` on the whole op when `ring` is NULL; else on bands of rows
 * through `ring` (op->ring_rows rows), the output over the input as
 * mote_conv_inplace_rows laid them out. */
void mote_conv_run_ring(const mote_conv_op_t *op, const mote_conv_data_t *d,
                        void *scratch, void *ring, mote_conv_call_fn *call);

/* Invoke: `call` on the whole op, or on bands of rows through the ring
 * when the planner overlapped output and input. */
void mote_conv_run(mote_kctx_t *ctx, const mote_conv_op_t *op,
                   const mote_conv_data_t *d, void *scratch,
                   mote_conv_call_fn *call);

#endif /* MOTE_KERNELS_CONV_COMMON_H */
