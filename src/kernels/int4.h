/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Packed int4 filters (TFLite's INT4 tensor type): two values a byte, the
 * low nibble first, each a signed 4-bit value; a tensor of n elements takes
 * (n + 1) / 2 bytes, the last byte half used when n is odd. The element
 * order is the tensor's own (row-major over its whole shape): rows are not
 * padded to whole bytes.
 *
 * The int4 kernel variants (mote_kernel_*_int4, mote/ops.h) unpack such a
 * filter into arena scratch at every invoke and run the int8 compute on it,
 * as TFLite Micro does. They are the plain kernels' glue compiled a second
 * time with MOTE_KERNEL_INT4 defined (conv_2d_int4.c and its siblings), so
 * that the plain kernels, which most firmwares link, carry none of it.
 */
#ifndef MOTE_KERNELS_INT4_H
#define MOTE_KERNELS_INT4_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/conv_common.h"

/* Where what follows `bytes` of a scratch buffer starts: `bytes` rounded
 * up to the arena's alignment (16), so that both parts of a buffer shared
 * by the unpacked filter and the implementation's scratch are aligned. */
size_t mote_int4_offset(size_t bytes);

/* Unpacks `count` packed int4 values from `packed` ((count + 1) / 2 bytes)
 * into `out` (count bytes), sign-extended. */
void mote_int4_unpack(const uint8_t *packed, int32_t count, int8_t *out);

/* CONV_2D and DEPTHWISE_CONV_2D with an int4 filter (t->filter), early in
 * prepare: requires int8 input and a constant filter, then retypes the
 * filter int8, the type of what invoke unpacks it into, so that the rest
 * of prepare takes the int8 path. MOTE_ERR_UNSUPPORTED_TYPE or
 * MOTE_ERR_UNSUPPORTED, naming the input. */
mote_status_t mote_conv_int4_check(mote_kctx_t *ctx, mote_conv_tensors_t *t);

/*
 * CONV_2D and DEPTHWISE_CONV_2D with an int4 filter, at the end of
 * prepare (in place of the scratch and in-place requests): requests one
 * scratch buffer for the unpacked filter (out_c x filter_h x filter_w x
 * filter_c bytes, filter_c 1 for depthwise) followed, from
 * mote_int4_offset(), by the `impl_bytes` the implementation wants, and
 * marks op->type MOTE_TYPE_INT4 for mote_conv_int4_invoke. The op never
 * runs in place. MOTE_ERR_ARENA_TOO_SMALL when the request does not fit.
 */
mote_status_t mote_conv_int4_prepare(mote_kctx_t *ctx, mote_conv_op_t *op,
                                     size_t impl_bytes);

/* The invoke of a convolution whose prepare may have called
 * mote_conv_int4_prepare: unpacks the filter of an int4 op first. */
mote_status_t mote_conv_int4_invoke(mote_kctx_t *ctx, mote_conv_call_fn *call);

#endif /* MOTE_KERNELS_INT4_H */
