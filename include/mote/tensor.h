/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * Tensor views.
 *
 * A mote_tensor_t is a small value the runtime fills on request: it describes
 * one tensor of a model (type, shape, quantization) and points at its bytes.
 * It owns nothing. `data` points into the arena (activations, variables) or
 * into the caller's model buffer (constants, read-only); it stays valid while
 * the interpreter and the model buffer live. Per-channel scales and zero
 * points are read from the model through mote_tensor_channel_scale() and
 * mote_tensor_channel_zero_point(), never copied.
 */
#ifndef MOTE_TENSOR_H
#define MOTE_TENSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mote/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Highest rank mote handles. TFLite's reference kernels stop at 5 or 6. */
#define MOTE_MAX_DIMS 6

/** Element types; values equal TFLite's TensorType. */
typedef enum mote_type {
  MOTE_TYPE_FLOAT32 = 0,
  MOTE_TYPE_FLOAT16 = 1,
  MOTE_TYPE_INT32 = 2,
  MOTE_TYPE_UINT8 = 3,
  MOTE_TYPE_INT64 = 4,
  MOTE_TYPE_STRING = 5,
  MOTE_TYPE_BOOL = 6,
  MOTE_TYPE_INT16 = 7,
  MOTE_TYPE_COMPLEX64 = 8,
  MOTE_TYPE_INT8 = 9,
  MOTE_TYPE_FLOAT64 = 10,
  MOTE_TYPE_COMPLEX128 = 11,
  MOTE_TYPE_UINT64 = 12,
  MOTE_TYPE_RESOURCE = 13,
  MOTE_TYPE_VARIANT = 14,
  MOTE_TYPE_UINT32 = 15,
  MOTE_TYPE_UINT16 = 16,
  MOTE_TYPE_INT4 = 17,
  MOTE_TYPE_BFLOAT16 = 18,
  MOTE_TYPE_COUNT_ = 19
} mote_type_t;

/** Tensor roles, as flags in mote_tensor_t.flags. */
#define MOTE_TENSOR_CONST 0x01u    /**< data is in the model buffer */
#define MOTE_TENSOR_VARIABLE 0x02u /**< state kept across invokes */
#define MOTE_TENSOR_ABSENT 0x04u   /**< optional operator input given as -1 */

/** A view of one tensor: type, shape, quantization and its bytes (see the
 * file's description for ownership). */
typedef struct mote_tensor {
  void *data;          /**< first element; NULL only when ABSENT */
  uint32_t bytes;      /**< elements x element size */
  uint32_t index;      /**< index in the subgraph's tensor list */
  int32_t dims[MOTE_MAX_DIMS]; /**< shape, outermost first */
  uint8_t rank;        /**< number of dims in use, 0 for a scalar */
  uint8_t type;        /**< mote_type_t */
  uint8_t flags;       /**< MOTE_TENSOR_* */
  uint8_t reserved_;
  /** Per-tensor quantization (channel 0 when per-channel). scale is 0 when
   * the tensor is not quantized. */
  float scale;
  int32_t zero_point; /**< of channel 0 when per-channel */
  /** Per-channel quantization: number of scales (1 for per-tensor, 0 for
   * none) and the dimension they run along. */
  uint32_t quant_count;
  int32_t quant_dim; /**< the dimension the per-channel scales run along */
  /** Model-buffer locations of the scale and zero-point vectors' first
   * element (little-endian float32 / int64); NULL when absent. */
  const uint8_t *quant_scales_;
  const uint8_t *quant_zero_points_;
} mote_tensor_t;

/** Size in bytes of one element of `type`; 0 for types without a fixed size. */
size_t mote_type_size(mote_type_t type);

/** A static name for `type`, e.g. "int8"; "unknown" when out of range. */
const char *mote_type_name(mote_type_t type);

/** Product of the dimensions (1 for a scalar). */
int32_t mote_tensor_elements(const mote_tensor_t *t);

/** Dimension `i` counted from the front; negative `i` counts from the back
 * (-1 is the innermost). Returns 1 when `i` is out of range. */
int32_t mote_tensor_dim(const mote_tensor_t *t, int i);

/** Scale of channel `c` (c < quant_count), read from the model; 0 when the
 * tensor has no quantization or `c` is out of range. */
float mote_tensor_channel_scale(const mote_tensor_t *t, uint32_t c);

/** Zero point of channel `c`, read from the model; 0 when absent. */
int32_t mote_tensor_channel_zero_point(const mote_tensor_t *t, uint32_t c);

/** @{ */
/**
 * Float values into and out of a quantized tensor, with TFLite's arithmetic
 * (that of its QUANTIZE and DEQUANTIZE operators, bit for bit):
 *
 *   quantize:   q = clamp(round(x / scale) + zero_point), rounding half
 *               away from zero, saturating at the type's range (NaN gives
 *               the lowest value);
 *   dequantize: x = scale * (q - zero_point), rounded once to float.
 *
 * `tensor` is a view from mote_interp_input(), _output() or _tensor()
 * (after prepare), or mote_model_tensor() for a constant: type int8 or
 * int16, quantized per tensor. `values` holds `count` floats in the
 * tensor's element order (row-major, outermost dimension first), and
 * `count` must be the tensor's element count. mote_quantize_floats writes
 * the tensor's data; mote_dequantize_to_floats writes `values`. The caller
 * owns both buffers, which must not overlap. Nothing is written on failure.
 *
 * Errors, with a message in `err` (may be NULL): MOTE_ERR_BAD_ARG for a
 * NULL tensor or values, a tensor without data (absent, or an activation
 * viewed through the model before prepare) and, for quantize, a constant
 * tensor (its bytes are the model's, read-only); MOTE_ERR_UNSUPPORTED_TYPE
 * for a type other than int8 and int16; MOTE_ERR_UNSUPPORTED for a tensor
 * without quantization or quantized per channel; MOTE_ERR_BAD_SHAPE when
 * `count` is not the tensor's element count.
 */
mote_status_t mote_quantize_floats(const mote_tensor_t *tensor,
                                   const float *values, size_t count,
                                   mote_error_t *err);
mote_status_t mote_dequantize_to_floats(const mote_tensor_t *tensor,
                                        float *values, size_t count,
                                        mote_error_t *err);
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* MOTE_TENSOR_H */
