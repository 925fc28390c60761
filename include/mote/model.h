/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * Models: a verified, zero-copy view of a .tflite flatbuffer.
 *
 * mote_model_open() checks the whole flatbuffer before anything else reads
 * it: every offset, vtable, vector, string and union in bounds and aligned,
 * the schema version, operator-code, tensor, buffer and subgraph indices,
 * shapes, constant-buffer sizes against shape x element size, and
 * quantization parameters. After it succeeds, the accessors below never read
 * outside the buffer.
 *
 * Ownership: the model bytes stay the caller's, are never copied or written,
 * and must outlive the mote_model_t and every interpreter built on it. They
 * may live in flash. They must be 4-byte aligned (16 is better: TFLite
 * aligns constant buffers to 16 inside the file).
 */
#ifndef MOTE_MODEL_H
#define MOTE_MODEL_H

#include <stdint.h>

#include "mote/status.h"
#include "mote/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The schema version mote reads (TFLite's "TFL3"). */
#define MOTE_SCHEMA_VERSION 3

/** Caller-allocated model handle; the fields are private. */
typedef struct mote_model {
  const uint8_t *data_;
  uint32_t size_;
  uint32_t subgraphs_;  /**< offset of the subgraphs vector */
  uint32_t opcodes_;    /**< offset of the operator_codes vector */
  uint32_t buffers_;    /**< offset of the buffers vector */
  uint32_t root_;       /**< offset of the Model table */
  uint32_t version_;
} mote_model_t;

/** Description of one operator, filled by mote_model_op(). */
typedef struct mote_op_info {
  int32_t builtin;         /**< mote_op_t code (MOTE_OP_CUSTOM for custom) */
  int32_t version;         /**< operator version, >= 1 */
  const char *custom_name; /**< NUL-terminated in the model; NULL if builtin */
  uint32_t input_count;    /**< absent optional inputs included */
  uint32_t output_count;   /**< outputs */
} mote_op_info_t;

/**
 * Verifies `size` bytes at `data` as a .tflite model and fills `model`.
 * Buffers stored after the flatbuffer (Buffer.offset / size, counted from
 * the first byte) are read in place and must lie within `size`.
 * Returns MOTE_OK; MOTE_ERR_BAD_ARG for NULL pointers or misaligned data;
 * MOTE_ERR_CORRUPT_MODEL with the byte offset of the first fault;
 * MOTE_ERR_UNSUPPORTED for a size of 2 GiB or more and for valid features
 * mote does not read (sparse tensors). `err` may be NULL.
 */
mote_status_t mote_model_open(mote_model_t *model, const void *data,
                              size_t size, mote_error_t *err);

/** Number of subgraphs (mote's interpreter runs subgraph 0). */
uint32_t mote_model_subgraph_count(const mote_model_t *model);
/** Number of tensors of `subgraph`; 0 when out of range. */
uint32_t mote_model_tensor_count(const mote_model_t *model, uint32_t subgraph);
/** Number of operators of `subgraph`; 0 when out of range. */
uint32_t mote_model_op_count(const mote_model_t *model, uint32_t subgraph);

/** @{ */
/** Inputs / outputs of a subgraph: how many, and the tensor index of the
 * `i`th (-1 when out of range). */
uint32_t mote_model_input_count(const mote_model_t *model, uint32_t subgraph);
uint32_t mote_model_output_count(const mote_model_t *model, uint32_t subgraph);
int32_t mote_model_input_index(const mote_model_t *model, uint32_t subgraph,
                               uint32_t i);
int32_t mote_model_output_index(const mote_model_t *model, uint32_t subgraph,
                                uint32_t i);
/** @} */

/**
 * Fills `out` with tensor `index` of `subgraph` as stored in the model:
 * `data` points at the constant bytes in the model buffer, or is NULL for
 * tensors without data (activations, variables). Returns MOTE_ERR_BAD_ARG
 * for an index out of range.
 */
mote_status_t mote_model_tensor(const mote_model_t *model, uint32_t subgraph,
                                uint32_t index, mote_tensor_t *out);

/** The tensor's name (NUL-terminated, in the model buffer), or "" if none. */
const char *mote_model_tensor_name(const mote_model_t *model,
                                   uint32_t subgraph, uint32_t index);

/** Finds the tensor named `name` (compared exactly, as NUL-terminated
 * bytes) in `subgraph` and stores its index in *index; the lowest index
 * when several share the name. Works on an open model, so an application
 * can look up a tensor to keep (mote_interp_keep_tensor) before prepare.
 * MOTE_ERR_BAD_ARG for NULL pointers, an empty name, or no tensor of that
 * name (*index is then unchanged). */
mote_status_t mote_model_tensor_find(const mote_model_t *model,
                                     uint32_t subgraph, const char *name,
                                     uint32_t *index);

/** Describes operator `op` of `subgraph`. MOTE_ERR_BAD_ARG when out of
 * range. */
mote_status_t mote_model_op(const mote_model_t *model, uint32_t subgraph,
                            uint32_t op, mote_op_info_t *out);

/** @{ */
/** Tensor index of input / output `k` of operator `op`; -1 for an absent
 * optional input or an index out of range. */
int32_t mote_model_op_input(const mote_model_t *model, uint32_t subgraph,
                            uint32_t op, uint32_t k);
int32_t mote_model_op_output(const mote_model_t *model, uint32_t subgraph,
                             uint32_t op, uint32_t k);
/** @} */

/** The model's description string, or "" if none. */
const char *mote_model_description(const mote_model_t *model);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_MODEL_H */
