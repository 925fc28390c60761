/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tflite_build: a small flatbuffer writer specialised for .tflite models.
 *
 * Host-side only (uses malloc). Used by the sine fitter to write its models
 * and by tests that need synthetic models, including broken ones: the
 * builder writes indices, shapes, types and versions exactly as given and
 * checks none of them against each other, so a test can point a tensor at a
 * buffer that does not exist and see what the verifier says.
 *
 * What it does guarantee is a structurally valid flatbuffer, laid out the
 * way flatc's C++ builder and the TFLite converter lay one out:
 *   - file identifier "TFL3" at bytes 4..7, Model.version = 3;
 *   - buffer 0 is the empty sentinel (created by tfb_new);
 *   - every table and vector 4-byte aligned, 8-byte scalars and int64
 *     vectors 8-byte aligned, Buffer.data 16-byte aligned (the schema's
 *     force_align: 16) and the file length a multiple of the largest
 *     alignment used, so a 16-byte aligned copy keeps every guarantee;
 *   - fields equal to their schema default are left out, fields are placed
 *     in a table largest first, and identical vtables are shared.
 *
 * Usage:
 *
 *   tfb_model_t *m = tfb_new();
 *   int fc = tfb_add_opcode(m, 9, NULL, 1);          // FULLY_CONNECTED v1
 *   int wb = tfb_add_buffer(m, weights, sizeof weights);
 *   int32_t in_shape[2] = {1, 1}, w_shape[2] = {16, 1};
 *   int x = tfb_add_tensor(m, "x", 0, in_shape, 2, 0, NULL, NULL, 0, 0, false);
 *   int w = tfb_add_tensor(m, "w", 0, w_shape, 2, wb, NULL, NULL, 0, 0, false);
 *   ...
 *   tfb_options_t o;
 *   tfb_options_init(&o);
 *   tfb_opt_u8(&o, 0, 1);                            // fused RELU
 *   tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, &o,
 *              NULL, 0);
 *   tfb_set_io(m, &x, 1, &y, 1);
 *   if (tfb_finish(m, &bytes, &len) != 0) puts(tfb_error(m));
 *   ...
 *   free(bytes);
 *   tfb_free(m);
 *
 * Errors: every tfb_add_* returns the new index, or -1 on a NULL pointer
 * with a non-zero count, a negative count or out of memory. The first such
 * failure is remembered; tfb_finish then fails too, and tfb_error() says
 * what went wrong, so callers may check only the result of tfb_finish.
 *
 * All data passed in (names, shapes, buffer bytes, options) is copied; the
 * caller may free or reuse it as soon as the call returns.
 */
#ifndef MOTE_TFLITE_BUILD_H
#define MOTE_TFLITE_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tfb_model tfb_model_t;

/* A few BuiltinOptions union indices (schema.fbs; 0 means "no options").
 * Any other index can be passed as a plain int. */
#define TFB_OPTIONS_NONE 0
#define TFB_OPTIONS_CONV_2D 1
#define TFB_OPTIONS_DEPTHWISE_CONV_2D 2
#define TFB_OPTIONS_POOL_2D 5
#define TFB_OPTIONS_FULLY_CONNECTED 8
#define TFB_OPTIONS_SOFTMAX 9
#define TFB_OPTIONS_CONCATENATION 10
#define TFB_OPTIONS_ADD 11
#define TFB_OPTIONS_RESHAPE 17
#define TFB_OPTIONS_MUL 21

/* ---------------------------------------------------------------------------
 * Builtin options, described generically: a list of fields of one options
 * table. `field` is the field's index in the schema table counting from 0,
 * deprecated fields included (the numbering mote_options_* uses). Every
 * field listed is written, even when it equals the schema default; leave a
 * field out to get its default, as the converter does.
 * ------------------------------------------------------------------------ */

typedef enum tfb_kind {
  TFB_BOOL = 0,    /* 1 byte, 0 or 1 */
  TFB_INT8,        /* byte (also enums declared ": byte", e.g. Padding) */
  TFB_UINT8,       /* ubyte */
  TFB_INT16,
  TFB_UINT16,
  TFB_INT32,       /* int (also enums declared ": int") */
  TFB_UINT32,
  TFB_INT64,
  TFB_FLOAT32,
  TFB_VEC_INT32,   /* [int] */
  TFB_VEC_INT64,   /* [long] */
  TFB_VEC_FLOAT32, /* [float] */
  TFB_VEC_UINT8,   /* [ubyte] */
  TFB_STRING       /* string, NUL-terminated */
} tfb_kind_t;

typedef struct tfb_option {
  uint16_t field;   /* schema field index, from 0 */
  uint8_t kind;     /* tfb_kind_t */
  int64_t i;        /* value of integer and bool kinds */
  float f;          /* value of TFB_FLOAT32 */
  const void *data; /* elements of a vector kind, or the string */
  int32_t count;    /* number of vector elements */
} tfb_option_t;

#define TFB_MAX_OPTIONS 16

typedef struct tfb_options {
  int count;
  tfb_option_t v[TFB_MAX_OPTIONS];
} tfb_options_t;

/* Empties `o`. */
void tfb_options_init(tfb_options_t *o);

/* Append one field to `o`. Vector and string data is only referenced here;
 * tfb_add_op copies it. Each returns 0, or -1 when `o` is full
 * (TFB_MAX_OPTIONS fields), `kind` is not a scalar kind (tfb_opt_int), or
 * `count` is negative. */
int tfb_opt_int(tfb_options_t *o, int field, tfb_kind_t kind, int64_t value);
int tfb_opt_bool(tfb_options_t *o, int field, bool value);
int tfb_opt_u8(tfb_options_t *o, int field, uint8_t value);
int tfb_opt_i32(tfb_options_t *o, int field, int32_t value);
int tfb_opt_f32(tfb_options_t *o, int field, float value);
int tfb_opt_vec_i32(tfb_options_t *o, int field, const int32_t *v, int count);
int tfb_opt_vec_i64(tfb_options_t *o, int field, const int64_t *v, int count);
int tfb_opt_vec_f32(tfb_options_t *o, int field, const float *v, int count);
int tfb_opt_string(tfb_options_t *o, int field, const char *s);

/* ---------------------------------------------------------------------------
 * Model building. A model starts with buffer 0 (empty) and subgraph 0
 * ("main"), which is the current subgraph: tensors, operators and I/O go
 * to the current subgraph.
 * ------------------------------------------------------------------------ */

/* A new, empty model; NULL when out of memory. Free with tfb_free. */
tfb_model_t *tfb_new(void);

/* Frees the model and everything it copied. NULL is allowed. */
void tfb_free(tfb_model_t *m);

/* The first error recorded ("" if none). Owned by `m`. */
const char *tfb_error(const tfb_model_t *m);

/* Adds a Buffer holding a copy of `len` bytes at `data` (16-byte aligned in
 * the file). With len 0 the buffer is an empty table, like buffer 0.
 * Returns its index (1, 2, ...) or -1. */
int tfb_add_buffer(tfb_model_t *m, const void *data, size_t len);

/* Marks buffer `buffer` as stored outside the flatbuffer (the Buffer table's
 * `offset` and `size` fields, used by models over 2 GiB). Its data, if any,
 * is still written. Returns 0 or -1 for an unknown buffer. */
int tfb_set_buffer_external(tfb_model_t *m, int buffer, uint64_t offset,
                            uint64_t size);

/* Places buffer `buffer`'s data at a file offset of `mod16` modulo 16
 * (0, 4, 8 or 12) instead of on a 16-byte boundary, as converters that
 * ignore force_align do (int64 data 4-byte aligned). Returns 0 or -1 for
 * an unknown buffer or another offset. */
int tfb_set_buffer_data_at(tfb_model_t *m, int buffer, int mod16);

/*
 * Adds a Tensor to the current subgraph and returns its index, or -1.
 *   name         NUL-terminated, or NULL for no name field
 *   type         TensorType (mote_type_t values: 0 float32, 9 int8, ...)
 *   shape, rank  dimensions, outermost first; rank 0 writes an empty shape
 *                (a scalar). has_rank is written as true.
 *   buffer       index into the model's buffers, 0 for none
 *   scales, zero_points, nquant
 *                quantization parameters, nquant entries each (per-tensor
 *                when 1); nquant 0 writes no quantization table.
 *                zero_points may be NULL for all zeros.
 *   quant_dim    quantized_dimension (per-channel axis)
 *   is_variable  state tensor
 */
int tfb_add_tensor(tfb_model_t *m, const char *name, int type,
                   const int32_t *shape, int rank, int buffer,
                   const float *scales, const int64_t *zero_points,
                   int nquant, int quant_dim, bool is_variable);

/* Sets the shape_signature of tensor `tensor` in the current subgraph
 * (-1 marks an unknown dimension). Returns 0 or -1. */
int tfb_set_tensor_signature(tfb_model_t *m, int tensor,
                             const int32_t *signature, int rank);

/* Adds an OperatorCode and returns its index, or -1. `builtin_code` is the
 * BuiltinOperator (32 = CUSTOM, with `custom_name`; otherwise custom_name
 * is NULL). Writes builtin_code and deprecated_builtin_code, the latter
 * clamped to 127 (PLACEHOLDER_FOR_GREATER_OP_CODES) as the converter does.
 * `version` is written as given (valid models use >= 1); version 1 is the
 * schema default and is left out. */
int tfb_add_opcode(tfb_model_t *m, int builtin_code, const char *custom_name,
                   int version);

/*
 * Adds an Operator to the current subgraph and returns its index, or -1.
 *   opcode_index      index into the operator codes
 *   inputs, nin       tensor indices; -1 for an absent optional input
 *   outputs, nout     tensor indices
 *   options_type      BuiltinOptions union index (TFB_OPTIONS_*), 0 for none
 *   opts              fields of the options table; NULL (or no fields) with
 *                     a non-zero options_type writes an empty table, which
 *                     reads as all defaults
 *   custom_options, ncustom
 *                     raw custom_options bytes; NULL for none (non-NULL
 *                     with ncustom 0 writes an empty vector)
 * options_type 0 ignores `opts`.
 */
int tfb_add_op(tfb_model_t *m, int opcode_index, const int32_t *inputs,
               int nin, const int32_t *outputs, int nout, int options_type,
               const tfb_options_t *opts, const uint8_t *custom_options,
               size_t ncustom);

/* Sets the intermediates of operator `op` in the current subgraph.
 * Returns 0 or -1. */
int tfb_set_op_intermediates(tfb_model_t *m, int op, const int32_t *tensors,
                             int count);

/* Sets the current subgraph's input and output tensor lists (replacing
 * earlier ones). Returns 0 or -1. */
int tfb_set_io(tfb_model_t *m, const int32_t *inputs, int nin,
               const int32_t *outputs, int nout);

/* Adds a subgraph (name may be NULL), makes it current and returns its
 * index, or -1. */
int tfb_add_subgraph(tfb_model_t *m, const char *name);

/* Makes subgraph `index` current. Returns 0 or -1 when out of range. */
int tfb_select_subgraph(tfb_model_t *m, int index);

/* Adds a Metadata entry (`name` -> buffer index) and returns its index,
 * or -1. */
int tfb_add_metadata(tfb_model_t *m, const char *name, int buffer);

/* Sets Model.description (NULL removes it). Returns 0 or -1. */
int tfb_set_description(tfb_model_t *m, const char *description);

/*
 * Serializes the model. On success returns 0 and sets *out to a malloc'ed
 * copy of the .tflite bytes (the caller frees it) and *len to its length,
 * a multiple of 16 when any buffer holds data. The model is unchanged and
 * can be edited and finished again. Returns -1 (with *out NULL, *len 0 and
 * tfb_error set) after an earlier failed call, when out of memory, or when
 * the file would not fit 32-bit offsets.
 */
int tfb_finish(tfb_model_t *m, uint8_t **out, size_t *len);

/* Writes `len` bytes to the file at `path`. Returns 0, or -1 on any I/O
 * error. */
int tfb_write_file(const char *path, const uint8_t *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_TFLITE_BUILD_H */
