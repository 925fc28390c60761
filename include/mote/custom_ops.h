/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * TFLM's custom operators (besides the signal library, signal_ops.h),
 * registered by the names the converter writes: TFLite_Detection_PostProcess
 * CIRCULAR_BUFFER and TFLM_DECODE.
 *
 * TFLite_Detection_PostProcess: SSD box decoding and non-maximum
 * suppression. Inputs: box encodings [1, anchors, >= 4] (y, x, h, w),
 * class predictions [1, anchors, classes (+ background)], anchors
 * [anchors, 4], all float32 (TFLM's kernel fails on quantized ones;
 * mote refuses them at prepare). Outputs, float32: boxes [1, slots, 4]
 * (ymin, xmin, ymax, xmax), classes [1, slots], scores [1, slots] and
 * num_detections [1], slots = max_detections * max_classes_per_detection;
 * slots without a detection hold 0. Options: the flexbuffer map the
 * converter writes. Prepare fails with MOTE_ERR_CORRUPT_MODEL for missing
 * or malformed options, MOTE_ERR_UNSUPPORTED for out-of-range ones,
 * MOTE_ERR_UNSUPPORTED_TYPE for other than float32 tensors and
 * MOTE_ERR_BAD_SHAPE for shapes that disagree; each message names the
 * option or tensor. Working memory: one scratch buffer of about
 * 4 * (14 * anchors + 5 * max_detections + anchors * classes per
 * detection) bytes.
 */
#ifndef MOTE_CUSTOM_OPS_H
#define MOTE_CUSTOM_OPS_H

#include "mote/kernel.h"
#include "mote/resolver.h"
#include "mote/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Custom op "TFLite_Detection_PostProcess". */
extern const mote_kernel_t mote_kernel_detection_postprocess;
/** Custom op "CIRCULAR_BUFFER" (int8 [1, 1, w, d] in, [1, slots, w, d]
 * out: the last `slots` inputs, oldest first, zeros before the first;
 * kept in kernel state, which mote_interp_reset_state() clears). Only
 * "cycles_max" 1: TFLM ends the invoke early for larger periods, which
 * mote refuses at prepare (MOTE_ERR_UNSUPPORTED). */
extern const mote_kernel_t mote_kernel_circular_buffer;

/** Custom op "TFLM_DECODE" (TFLM's decoder of compressed constants),
 * LUT type only: inputs in (encoded, DCM) constant pairs, one output per
 * pair (bool, int8, int16, int32, int64 or float32), each element the
 * value-table entry its bit-packed index (1 to 7 bits, most significant
 * bit first) selects in its quantization channel's table. Prepare fails
 * with MOTE_ERR_UNSUPPORTED for another decode type or version, a bit
 * width of 0 or non-constant inputs, MOTE_ERR_BAD_SHAPE when a header,
 * table or index stream is shorter than it needs or an index is past its
 * table (the message names the input, field and byte), and
 * MOTE_ERR_UNSUPPORTED_TYPE for other output types. No working memory
 * beyond kernel data of 28 bytes per output (40 on a 64-bit host). */
extern const mote_kernel_t mote_kernel_decode;

/** Number of resolver entries mote_resolver_add_custom_ops() uses. */
#define MOTE_RESOLVER_CUSTOM_OPS 3

/** Registers every kernel above under its custom name. Returns
 * MOTE_ERR_CAPACITY when the resolver has fewer than
 * MOTE_RESOLVER_CUSTOM_OPS free entries, MOTE_ERR_BAD_ARG for NULL. */
mote_status_t mote_resolver_add_custom_ops(mote_resolver_t *r);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_CUSTOM_OPS_H */
