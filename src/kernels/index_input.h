/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading the integer operands that steer data-movement ops, at prepare
 * when constant (at invoke otherwise, for the ops that allow it):
 * an axis (SPLIT, SPLIT_V), begin and size vectors (SLICE), split sizes
 * (SPLIT_V), indices (GATHER, GATHER_ND) and shapes (FILL). Converters
 * write them as constants, which live in the model buffer and need not be
 * aligned, so elements are read byte by byte (little-endian, as .tflite
 * stores them). Every failure names the operand ("axis input 0 (tensor
 * 3)").
 */
#ifndef MOTE_KERNELS_INDEX_INPUT_H
#define MOTE_KERNELS_INDEX_INPUT_H

#include <stdint.h>

#include "mote/kernel.h"
#include "mote/tensor.h"

/* Element i of int32 or int64 data (`type` MOTE_TYPE_INT32 or
 * MOTE_TYPE_INT64), read byte by byte whatever its alignment, widened to
 * int64: for invoke, where only the data pointer is at hand. */
int64_t mote_index_load(const void *data, uint8_t type, uint32_t i);

/* Element i of an int32 or int64 tensor `t` whose data is readable (a
 * constant at prepare, any tensor at invoke), widened to int64. The
 * caller has checked the type and that i is below the element count. */
int64_t mote_index_at(const mote_tensor_t *t, uint32_t i);

/*
 * Fetches operator input `input` into *t and checks that it is a constant
 * whose type is in `types` (MOTE_TYPE_BIT of int32 and/or int64). `what`
 * names it in messages ("axis"). Errors: those of mote_kctx_input;
 * MOTE_ERR_UNSUPPORTED when it is absent or not constant (its values are
 * unknown at prepare); MOTE_ERR_UNSUPPORTED_TYPE for another type.
 */
mote_status_t mote_index_input(mote_kctx_t *ctx, uint32_t input,
                               const char *what, uint32_t types,
                               mote_tensor_t *t);

/*
 * As mote_index_input, but the operand may also be a model input or an
 * activation, whose values are known only at invoke (then t->data is not
 * to be read at prepare: the caller keeps what it needs of the shape and
 * reads the values through mote_kctx_input_data() at invoke). Errors:
 * those of mote_kctx_input; MOTE_ERR_UNSUPPORTED when absent;
 * MOTE_ERR_UNSUPPORTED_TYPE for another type.
 */
mote_status_t mote_index_operand(mote_kctx_t *ctx, uint32_t input,
                                 const char *what, uint32_t types,
                                 mote_tensor_t *t);

/*
 * An axis of a tensor of rank `rank`: `value` (from an option or an axis
 * input) counted from the end when negative, into [0, rank) in *axis.
 * MOTE_ERR_BAD_SHAPE naming `what` when it is outside [-rank, rank).
 */
mote_status_t mote_axis_normalize(mote_kctx_t *ctx, const char *what,
                                  int64_t value, int32_t rank, int32_t *axis);

/*
 * An axis `value` of a tensor of `rank` dims (normalized as
 * mote_axis_normalize, naming `what`) split into the product of the dims
 * before it (*outer), its own size (*size) and the product after (*inner).
 */
mote_status_t mote_axis_split(mote_kctx_t *ctx, const char *what, int64_t value,
                              int32_t rank, const int32_t *dims, int32_t *outer,
                              int32_t *size, int32_t *inner);

/*
 * The axis held by constant input `input`: int32 with exactly one element
 * (rank 0 or [1]), as TFLite Micro reads it, normalized against `rank` by
 * mote_axis_normalize. Errors as mote_index_input, and
 * MOTE_ERR_BAD_SHAPE for another element count or an axis out of range.
 */
mote_status_t mote_axis_input(mote_kctx_t *ctx, uint32_t input, int32_t rank,
                              int32_t *axis);

#endif /* MOTE_KERNELS_INDEX_INPUT_H */
