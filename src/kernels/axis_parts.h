/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Glue shared by the ops that cut one tensor into parts along an axis or
 * join parts into one: SPLIT and SPLIT_V (parts keep the axis, any
 * extent), UNPACK (parts drop it, one index each) and PACK (the inverse of
 * UNPACK). In row-major order each part is, for every index in front of
 * the axis, one contiguous block of the whole tensor's row, so every one
 * of these ops is a block copy per part (block_copy.h) and they differ
 * only in their operands and options, which each op's own file reads.
 *
 * Prepare checks what TFLite Micro leaves to debug assertions (its release
 * build reads past buffers instead): every part has the whole tensor's
 * type, its rank and dimensions off the axis (or the whole tensor's
 * dimensions with the axis removed, for PACK and UNPACK), and the parts'
 * extents along the axis add up to the whole tensor's. Quantization is
 * not compared: TFLM copies bytes whatever the scales, and so does mote.
 */
#ifndef MOTE_KERNELS_AXIS_PARTS_H
#define MOTE_KERNELS_AXIS_PARTS_H

#include <stdbool.h>
#include <stdint.h>

#include "mote/kernel.h"

/* What tells one of these ops from another. Field 0 of each one's options
 * is the part count (num_splits, values_count, num) and field 1, where
 * the axis is not an input, the axis. */
typedef struct mote_axis_parts_op {
  bool split;             /* parts are the outputs (else the inputs, output 0
                             the whole tensor) */
  bool keep_axis;         /* parts keep the axis (SPLIT, SPLIT_V) or drop it */
  bool equal;             /* every part has the same extent (SPLIT) */
  bool count_needed;      /* the count option must be given (PACK, UNPACK) */
  uint8_t options;        /* BuiltinOptions union index */
  int8_t axis_input;      /* the constant int32 input holding the axis, or -1
                             for option field 1 */
  uint8_t inputs;         /* inputs the operator has when split */
  uint8_t whole;          /* the whole tensor's input index when split */
  uint32_t types;         /* MOTE_TYPE_BIT set the whole tensor may have */
  const char *count_name; /* option field 0's name, for messages */
} mote_axis_parts_op_t;

/*
 * The kernels' prepare, up to their own extra checks: reads the count and
 * axis (negative counts from the end), checks the parts against the whole
 * tensor as above and keeps, in the operator's persistent data, what the
 * invoke halves need (no shape is read at invoke). The axis, in
 * [0, rank of the whole tensor), into *axis. Errors:
 * MOTE_ERR_UNSUPPORTED_TYPE for a type outside op->types; those of
 * mote_axis_input for an axis input; MOTE_ERR_BAD_SHAPE for another
 * number of operands, a missing or disagreeing count, an axis out of
 * range, a part whose type or shape does not fit, extents that do not add
 * up or are unequal under op->equal; those of mote_kctx_alloc_persistent.
 */
mote_status_t mote_axis_parts_prepare(mote_kctx_t *ctx,
                                      const mote_axis_parts_op_t *op,
                                      int32_t *axis);

/* The kernels' invoke: the whole tensor cut into its parts (split), or the
 * parts joined into it. Never fail. */
mote_status_t mote_axis_parts_split(mote_kctx_t *ctx);
mote_status_t mote_axis_parts_join(mote_kctx_t *ctx);

#endif /* MOTE_KERNELS_AXIS_PARTS_H */
