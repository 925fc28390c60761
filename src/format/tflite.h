/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Field numbers of the TFLite schema (tensorflow/lite/schema/schema.fbs,
 * version 3) that mote reads, and the model-reading helpers shared by the
 * verifier, the interpreter and the public model accessors.
 */
#ifndef MOTE_FORMAT_TFLITE_H
#define MOTE_FORMAT_TFLITE_H

#include "format/fb.h"
#include "mote/model.h"

enum {
  MOTE_MODEL_VERSION = 0,
  MOTE_MODEL_OPERATOR_CODES = 1,
  MOTE_MODEL_SUBGRAPHS = 2,
  MOTE_MODEL_DESCRIPTION = 3,
  MOTE_MODEL_BUFFERS = 4,
  MOTE_MODEL_METADATA_BUFFER = 5,
  MOTE_MODEL_METADATA = 6,
  MOTE_MODEL_SIGNATURE_DEFS = 7
};

enum {
  MOTE_OPCODE_DEPRECATED_BUILTIN = 0,
  MOTE_OPCODE_CUSTOM_CODE = 1,
  MOTE_OPCODE_VERSION = 2,
  MOTE_OPCODE_BUILTIN = 3
};

enum {
  MOTE_SUBGRAPH_TENSORS = 0,
  MOTE_SUBGRAPH_INPUTS = 1,
  MOTE_SUBGRAPH_OUTPUTS = 2,
  MOTE_SUBGRAPH_OPERATORS = 3,
  MOTE_SUBGRAPH_NAME = 4
};

enum {
  MOTE_TENSOR_SHAPE = 0,
  MOTE_TENSOR_TYPE = 1,
  MOTE_TENSOR_BUFFER = 2,
  MOTE_TENSOR_NAME = 3,
  MOTE_TENSOR_QUANTIZATION = 4,
  MOTE_TENSOR_IS_VARIABLE = 5,
  MOTE_TENSOR_SPARSITY = 6,
  MOTE_TENSOR_SHAPE_SIGNATURE = 7,
  MOTE_TENSOR_HAS_RANK = 8,
  MOTE_TENSOR_VARIANT_TENSORS = 9
};

enum {
  MOTE_QUANT_MIN = 0,
  MOTE_QUANT_MAX = 1,
  MOTE_QUANT_SCALE = 2,
  MOTE_QUANT_ZERO_POINT = 3,
  MOTE_QUANT_DETAILS_TYPE = 4,
  MOTE_QUANT_DETAILS = 5,
  MOTE_QUANT_DIMENSION = 6
};

enum {
  MOTE_OPERATOR_OPCODE_INDEX = 0,
  MOTE_OPERATOR_INPUTS = 1,
  MOTE_OPERATOR_OUTPUTS = 2,
  MOTE_OPERATOR_OPTIONS_TYPE = 3,
  MOTE_OPERATOR_OPTIONS = 4,
  MOTE_OPERATOR_CUSTOM_OPTIONS = 5,
  MOTE_OPERATOR_CUSTOM_OPTIONS_FORMAT = 6,
  MOTE_OPERATOR_MUTATING_VARIABLE_INPUTS = 7,
  MOTE_OPERATOR_INTERMEDIATES = 8,
  MOTE_OPERATOR_LARGE_CUSTOM_OFFSET = 9,
  MOTE_OPERATOR_LARGE_CUSTOM_SIZE = 10,
  MOTE_OPERATOR_OPTIONS_2_TYPE = 11,
  MOTE_OPERATOR_OPTIONS_2 = 12
};

enum { MOTE_BUFFER_DATA = 0, MOTE_BUFFER_OFFSET = 1, MOTE_BUFFER_SIZE = 2 };
enum { MOTE_METADATA_NAME = 0, MOTE_METADATA_BUFFER = 1 };

/* BuiltinOperator value below which deprecated_builtin_code is exact. */
#define MOTE_PLACEHOLDER_FOR_GREATER_OP_CODES 127

static inline mote_fb_t mote_model_fb(const mote_model_t *m) {
  mote_fb_t fb;
  fb.p = m->data_;
  fb.n = m->size_;
  return fb;
}

/* The table, vector or string that `field` of the table at `table` refers
 * to (a model offset, 0 when absent): mote_fb_ref over the model, kept out
 * of line here so that a file outside format/ that needs a reference or
 * two does not get its own inlined copy of the vtable walk (~200 bytes of
 * Cortex-M code at -Os). */
uint32_t mote_model_ref(const mote_model_t *m, uint32_t table, unsigned field);

/* Offset of subgraph `sg`'s table (0 when out of range). */
uint32_t mote_model_subgraph_table(const mote_model_t *m, uint32_t sg);
/* Offset of tensor `t` of subgraph table `sgt` (0 when out of range). */
uint32_t mote_model_tensor_table(const mote_model_t *m, uint32_t sgt,
                                 uint32_t t);
/* Offset of operator `op` of subgraph table `sgt`. */
uint32_t mote_model_op_table(const mote_model_t *m, uint32_t sgt, uint32_t op);

/* The constant bytes of buffer `b` (in the model); *len 0 and NULL when
 * empty. Handles buffers stored after the flatbuffer (offset/size). */
const uint8_t *mote_model_buffer_data(const mote_model_t *m, uint32_t b,
                                      uint32_t *len);

/* The builtin code of operator-code table `oc`, by TFLite's rule: the
 * larger of deprecated_builtin_code and builtin_code. */
int32_t mote_model_opcode_builtin(const mote_fb_t *fb, uint32_t oc);

/* Fills `out` from tensor table `tt` (data from the model's buffer or NULL). */
void mote_model_fill_tensor(const mote_model_t *m, uint32_t tt, uint32_t index,
                            mote_tensor_t *out);

/*
 * The model's offline memory plan, if it has one: the metadata entry
 * "OfflineMemoryAllocation" that TFLM's offline planners write, a buffer of
 * little-endian int32 [version 1, subgraph, tensor count, one arena offset
 * per tensor, -1 for "plan online"]. Fills *offsets with a view of the
 * per-tensor offsets in the model bytes (n 0 when there is no plan; with
 * several entries the last counts, as in TFLM). MOTE_ERR_CORRUPT_MODEL
 * naming the metadata entry when it is not version 1 or does not hold
 * `tensor_count` offsets. `tensor_count` is the subgraph's (below 2^29 in
 * any model mote opens).
 */
mote_status_t mote_model_offline_plan(const mote_model_t *m,
                                      uint32_t tensor_count,
                                      mote_fb_t *offsets, mote_error_t *err);

/* Offset of tensor `t` in an offline plan view: -1 when `t` is to be
 * planned online or the view is empty. */
static inline int32_t mote_model_offline_offset(const mote_fb_t *offsets,
                                                uint32_t t) {
  return t < offsets->n / 4u ? mote_fb_i32(offsets, 4u * t) : -1;
}

/* Verifies the whole model; see mote_model_open. */
mote_status_t mote_model_verify(const mote_model_t *m, mote_error_t *err);

#endif /* MOTE_FORMAT_TFLITE_H */
