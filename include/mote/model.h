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
 * Ownership: the model bytes stay the caller's, are never written, and must
 * outlive the mote_model_t and every interpreter built on it. They may
 * live in flash. They must be 4-byte aligned (16 is better: TFLite aligns
 * constant buffers to 16 inside the file). They are not copied, with one
 * exception: constant data stored less aligned than its elements (int64
 * at 4 bytes, as some converters write it; an external buffer at any
 * byte) is copied once, aligned, into the arena by mote_interp_init()
 * (mote_memory_usage_t.constant_bytes).
 *
 * Bytes that change after open (a RAM buffer reused, a flash region
 * rewritten, a bit flipped): they must stay as verified until
 * mote_interp_prepare() returns, which reads the structure. From then on
 * mote_interp_invoke() reads none of it: operator order, kernels, operand
 * indices, tensor sizes, options and every table a kernel indexes with
 * were copied into the arena at init and prepare, and only weights (and
 * per-channel quantization a kernel reads as numbers) are read in place,
 * within the sizes verified at open. So a model whose bytes change after
 * prepare may give wrong numbers, but never makes invoke,
 * mote_interp_reset_state(), mote_interp_input() / _output() or
 * mote_interp_tensor() read or write out of bounds or loop without end;
 * the last three report MOTE_ERR_MODEL_CHANGED when the shape they read no
 * longer matches (mote_interp_tensor() of a tensor that is not an input
 * or output reads its shape from the model and can only check it against
 * the memory it is in). Custom kernels keep this only if they too take
 * what invoke needs in prepare (mote/kernel.h). To find out that the
 * bytes changed, record a CRC after open and check it
 * (mote_model_record_crc, mote_model_check_unchanged); the accessors
 * below read the bytes as they are now.
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
  uint32_t crc_;        /* CRC-32 of the bytes, when crc_recorded_ */
  uint32_t crc_recorded_;
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

/**
 * Computes the CRC-32 (IEEE, as zlib) of the model's `size` bytes and keeps
 * it in the handle, for mote_model_check_unchanged(). Optional, and not
 * done by mote_model_open because it reads every weight byte (about 10
 * cycles a byte on a Cortex-M4): call it right after mote_model_open, when
 * the bytes are the ones that were verified. MOTE_ERR_BAD_ARG for a NULL
 * or unopened model. `err` may be NULL.
 */
mote_status_t mote_model_record_crc(mote_model_t *model, mote_error_t *err);

/**
 * Reads the model's bytes again and compares their CRC-32 with the one
 * mote_model_record_crc() kept: MOTE_OK when equal, MOTE_ERR_MODEL_CHANGED
 * (with both values in the message) when the bytes changed; the model then
 * no longer holds the weights that were verified, and an application
 * should stop invoking it and open it again. MOTE_ERR_BAD_STATE when no
 * CRC was recorded, MOTE_ERR_BAD_ARG for a NULL or unopened model. Costs
 * as mote_model_record_crc. `err` may be NULL.
 */
mote_status_t mote_model_check_unchanged(const mote_model_t *model,
                                         mote_error_t *err);

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
