/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Model verifier.
 *
 * Walks the whole flatbuffer once, schema-aware, before anything else uses
 * it. Structural checks (every table, vtable, vector and string in bounds
 * and aligned) follow the flatbuffers verifier; semantic checks (indices,
 * shapes, buffer sizes, quantization) follow what TFLite's loader and TFLM's
 * allocator assume. The first fault is reported with its byte offset and the
 * schema path that reached it, so a user can find it in a hex dump.
 *
 * Rejected alternative: verifying lazily at first use. It spreads checks
 * through the interpreter and leaves no single place that says the model is
 * sound; one pass costs little next to the first inference.
 *
 * Builtin-options tables are checked structurally here (they are tables of
 * scalars plus a few vectors); the vector fields are bounds-checked again
 * when kernels read them through mote_options_i32_vector().
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "common/error.h"
#include "format/tflite.h"

typedef struct verifier {
  mote_fb_t fb;
  mote_error_t *err;
  const mote_model_t *m;
  uint32_t n_buffers;
  uint32_t n_opcodes;
} verifier_t;

#define FAIL(v, ...) MOTE_FAIL((v)->err, MOTE_ERR_CORRUPT_MODEL, __VA_ARGS__)

/* Checks the table at `t` and its vtable; `what` names it in messages. */
static mote_status_t check_table(verifier_t *v, uint32_t t, const char *what) {
  int64_t vt;
  uint16_t vt_size;
  uint16_t t_size;
  uint32_t i;
  if (t == 0 || (t & 3u) != 0 || !mote_fb_in(&v->fb, t, 4)) {
    return FAIL(v, "byte %lu: %s table is out of bounds or misaligned",
                (unsigned long)t, what);
  }
  vt = (int64_t)t - (int64_t)mote_fb_i32(&v->fb, t);
  if (vt < 0 || (vt & 1) != 0 || !mote_fb_in(&v->fb, (uint64_t)vt, 4)) {
    return FAIL(v, "byte %lu: %s vtable is out of bounds or misaligned",
                (unsigned long)t, what);
  }
  vt_size = mote_fb_u16(&v->fb, (uint32_t)vt);
  t_size = mote_fb_u16(&v->fb, (uint32_t)vt + 2u);
  if (vt_size < 4 || (vt_size & 1u) != 0 ||
      !mote_fb_in(&v->fb, (uint64_t)vt, vt_size) || t_size < 4 ||
      !mote_fb_in(&v->fb, t, t_size)) {
    return FAIL(v, "byte %lu: %s vtable sizes are invalid", (unsigned long)t,
                what);
  }
  for (i = 4; i < vt_size; i += 2) {
    uint16_t fo = mote_fb_u16(&v->fb, (uint32_t)vt + i);
    if (fo != 0 && (fo < 4 || fo >= t_size)) {
      return FAIL(v, "byte %lu: %s field %u lies outside its table",
                  (unsigned long)t, what, (unsigned)(i - 4) / 2u);
    }
  }
  return MOTE_OK;
}

/* Size of the table at `t` (already checked). */
static uint32_t table_size(const verifier_t *v, uint32_t t) {
  uint32_t vt = (uint32_t)((int64_t)t - (int64_t)mote_fb_i32(&v->fb, t));
  return mote_fb_u16(&v->fb, vt + 2u);
}

/* Checks a scalar field of `size` bytes: inside its table, aligned. */
static mote_status_t check_scalar(verifier_t *v, uint32_t t, unsigned field,
                                  uint32_t size, const char *what) {
  uint32_t at = mote_fb_field(&v->fb, t, field);
  if (at == 0) {
    return MOTE_OK;
  }
  if ((uint64_t)(at - t) + size > table_size(v, t) || (at % size) != 0) {
    return FAIL(v, "byte %lu: %s field %u is misaligned or overruns its table",
                (unsigned long)at, what, field);
  }
  return MOTE_OK;
}

/* Checks an offset field and returns its target in *out (0 if absent). */
static mote_status_t check_offset(verifier_t *v, uint32_t t, unsigned field,
                                  const char *what, uint32_t *out) {
  uint32_t at;
  uint64_t target;
  mote_status_t st = check_scalar(v, t, field, 4, what);
  *out = 0;
  if (st != MOTE_OK) {
    return st;
  }
  at = mote_fb_field(&v->fb, t, field);
  if (at == 0) {
    return MOTE_OK;
  }
  target = (uint64_t)at + mote_fb_u32(&v->fb, at);
  if (mote_fb_u32(&v->fb, at) == 0 || !mote_fb_in(&v->fb, target, 4)) {
    return FAIL(v, "byte %lu: %s field %u points outside the model",
                (unsigned long)at, what, field);
  }
  *out = (uint32_t)target;
  return MOTE_OK;
}

/* Checks a vector field of elem_size-byte elements; *vec is 0 if absent. */
static mote_status_t check_vector(verifier_t *v, uint32_t t, unsigned field,
                                  uint32_t elem_size, const char *what,
                                  uint32_t *vec, uint32_t *len) {
  mote_status_t st = check_offset(v, t, field, what, vec);
  uint32_t align = elem_size > 4 ? 4 : elem_size;
  *len = 0;
  if (st != MOTE_OK || *vec == 0) {
    return st;
  }
  if ((*vec & 3u) != 0) {
    return FAIL(v, "byte %lu: %s field %u vector is misaligned",
                (unsigned long)*vec, what, field);
  }
  *len = mote_fb_u32(&v->fb, *vec);
  if (!mote_fb_in(&v->fb, (uint64_t)*vec + 4u, (uint64_t)*len * elem_size) ||
      ((*vec + 4u) % align) != 0) {
    return FAIL(v, "byte %lu: %s field %u vector of %lu elements overruns "
                   "the model",
                (unsigned long)*vec, what, field, (unsigned long)*len);
  }
  return MOTE_OK;
}

static mote_status_t check_string(verifier_t *v, uint32_t t, unsigned field,
                                  const char *what) {
  uint32_t vec;
  uint32_t len;
  mote_status_t st = check_vector(v, t, field, 1, what, &vec, &len);
  if (st != MOTE_OK || vec == 0) {
    return st;
  }
  if (!mote_fb_in(&v->fb, (uint64_t)vec + 4u + len, 1) ||
      mote_fb_u8(&v->fb, vec + 4u + len) != 0) {
    return FAIL(v, "byte %lu: %s field %u string is not NUL-terminated",
                (unsigned long)vec, what, field);
  }
  return MOTE_OK;
}

/* Checks a vector of tables, each with check_table. */
static mote_status_t check_table_vector(verifier_t *v, uint32_t t,
                                        unsigned field, const char *what,
                                        uint32_t *vec, uint32_t *len) {
  uint32_t i;
  mote_status_t st = check_vector(v, t, field, 4, what, vec, len);
  if (st != MOTE_OK) {
    return st;
  }
  for (i = 0; i < *len; i++) {
    uint32_t pos = *vec + 4u + 4u * i;
    uint64_t target = (uint64_t)pos + mote_fb_u32(&v->fb, pos);
    if (!mote_fb_in(&v->fb, target, 4)) {
      return FAIL(v, "byte %lu: %s element %lu points outside the model",
                  (unsigned long)pos, what, (unsigned long)i);
    }
    st = check_table(v, (uint32_t)target, what);
    if (st != MOTE_OK) {
      return st;
    }
  }
  return MOTE_OK;
}

static mote_status_t check_opcodes(verifier_t *v, uint32_t root) {
  uint32_t vec;
  uint32_t i;
  mote_status_t st = check_table_vector(v, root, MOTE_MODEL_OPERATOR_CODES,
                                        "operator code", &vec, &v->n_opcodes);
  for (i = 0; st == MOTE_OK && i < v->n_opcodes; i++) {
    uint32_t oc = mote_fb_vec_table(&v->fb, vec, i);
    int32_t dep;
    int32_t code;
    int32_t version;
    if ((st = check_scalar(v, oc, MOTE_OPCODE_DEPRECATED_BUILTIN, 1, "operator code")) ||
        (st = check_string(v, oc, MOTE_OPCODE_CUSTOM_CODE, "operator code")) ||
        (st = check_scalar(v, oc, MOTE_OPCODE_VERSION, 4, "operator code")) ||
        (st = check_scalar(v, oc, MOTE_OPCODE_BUILTIN, 4, "operator code"))) {
      return st;
    }
    dep = (int8_t)mote_fb_get_u8(&v->fb, oc, MOTE_OPCODE_DEPRECATED_BUILTIN, 0);
    code = mote_fb_get_i32(&v->fb, oc, MOTE_OPCODE_BUILTIN, 0);
    version = mote_fb_get_i32(&v->fb, oc, MOTE_OPCODE_VERSION, 1);
    if (dep < 0 || code < 0) {
      return FAIL(v, "operator code %lu: negative builtin code", (unsigned long)i);
    }
    /* Converters write both fields: the old byte holds the code when it
     * fits and the placeholder otherwise. Older models have only the byte. */
    if (code >= MOTE_PLACEHOLDER_FOR_GREATER_OP_CODES
            ? dep != MOTE_PLACEHOLDER_FOR_GREATER_OP_CODES
            : (code != 0 && dep != code)) {
      return FAIL(v, "operator code %lu: deprecated_builtin_code %d disagrees "
                     "with builtin_code %d",
                  (unsigned long)i, (int)dep, (int)code);
    }
    if (version < 1) {
      return FAIL(v, "operator code %lu: version %d is below 1",
                  (unsigned long)i, (int)version);
    }
    if (mote_model_opcode_builtin(&v->fb, oc) == 32 &&
        mote_fb_ref(&v->fb, oc, MOTE_OPCODE_CUSTOM_CODE) == 0) {
      return FAIL(v, "operator code %lu: CUSTOM without a custom_code name",
                  (unsigned long)i);
    }
  }
  return st;
}

static mote_status_t check_buffers(verifier_t *v, uint32_t root) {
  uint32_t vec;
  uint32_t i;
  mote_status_t st = check_table_vector(v, root, MOTE_MODEL_BUFFERS, "buffer",
                                        &vec, &v->n_buffers);
  for (i = 0; st == MOTE_OK && i < v->n_buffers; i++) {
    uint32_t bt = mote_fb_vec_table(&v->fb, vec, i);
    uint32_t dv;
    uint32_t dlen;
    uint64_t off;
    uint64_t size;
    if ((st = check_vector(v, bt, MOTE_BUFFER_DATA, 1, "buffer", &dv, &dlen)) ||
        (st = check_scalar(v, bt, MOTE_BUFFER_OFFSET, 8, "buffer")) ||
        (st = check_scalar(v, bt, MOTE_BUFFER_SIZE, 8, "buffer"))) {
      return st;
    }
    off = mote_fb_get_u64(&v->fb, bt, MOTE_BUFFER_OFFSET, 0);
    size = mote_fb_get_u64(&v->fb, bt, MOTE_BUFFER_SIZE, 0);
    if (off > 1 && (dv != 0 || !mote_fb_in(&v->fb, off, size))) {
      return FAIL(v, "buffer %lu: external data at offset %lu, %lu bytes, "
                     "lies outside the model",
                  (unsigned long)i, (unsigned long)off, (unsigned long)size);
    }
  }
  return st;
}

static mote_status_t check_index_vector(verifier_t *v, uint32_t t,
                                        unsigned field, uint32_t limit,
                                        int allow_absent, const char *what,
                                        uint32_t owner) {
  uint32_t vec;
  uint32_t len;
  uint32_t i;
  mote_status_t st = check_vector(v, t, field, 4, what, &vec, &len);
  for (i = 0; st == MOTE_OK && i < len; i++) {
    int32_t idx = mote_fb_vec_i32(&v->fb, vec, i);
    if ((idx == -1 && allow_absent) || (idx >= 0 && (uint32_t)idx < limit)) {
      continue;
    }
    return FAIL(v, "%s %lu: tensor index %ld at position %lu is out of range "
                   "(%lu tensors)",
                what, (unsigned long)owner, (long)idx, (unsigned long)i,
                (unsigned long)limit);
  }
  return st;
}

/* The zero point must be a value of the tensor's own type: kernels add it
 * to elements in int32 arithmetic and rely on that bound. */
static int zero_point_fits(uint8_t type, int64_t z) {
  switch (type) {
  case MOTE_TYPE_INT8: return z >= -128 && z <= 127;
  case MOTE_TYPE_UINT8: return z >= 0 && z <= 255;
  case MOTE_TYPE_INT16: return z >= -32768 && z <= 32767;
  case MOTE_TYPE_UINT16: return z >= 0 && z <= 65535;
  default: return z >= INT32_MIN && z <= INT32_MAX;
  }
}

static mote_status_t check_quantization(verifier_t *v, uint32_t q,
                                        uint32_t ti, uint8_t type,
                                        const int32_t *dims, uint32_t rank) {
  uint32_t sv, sn, zv, zn, mv, mn, details;
  uint32_t i;
  int32_t qdim;
  mote_status_t st;
  if ((st = check_table(v, q, "quantization")) ||
      (st = check_vector(v, q, MOTE_QUANT_MIN, 4, "quantization", &mv, &mn)) ||
      (st = check_vector(v, q, MOTE_QUANT_MAX, 4, "quantization", &mv, &mn)) ||
      (st = check_vector(v, q, MOTE_QUANT_SCALE, 4, "quantization", &sv, &sn)) ||
      (st = check_vector(v, q, MOTE_QUANT_ZERO_POINT, 8, "quantization", &zv, &zn)) ||
      (st = check_scalar(v, q, MOTE_QUANT_DETAILS_TYPE, 1, "quantization")) ||
      (st = check_offset(v, q, MOTE_QUANT_DETAILS, "quantization", &details)) ||
      (st = check_scalar(v, q, MOTE_QUANT_DIMENSION, 4, "quantization"))) {
    return st;
  }
  if (details != 0 || mote_fb_get_u8(&v->fb, q, MOTE_QUANT_DETAILS_TYPE, 0)) {
    return MOTE_FAIL(v->err, MOTE_ERR_UNSUPPORTED,
                     "tensor %lu: custom quantization details are not supported",
                     (unsigned long)ti);
  }
  if (sn == 0) {
    return MOTE_OK;
  }
  if (zn != sn) {
    return FAIL(v, "tensor %lu: %lu quantization scales but %lu zero points",
                (unsigned long)ti, (unsigned long)sn, (unsigned long)zn);
  }
  qdim = mote_fb_get_i32(&v->fb, q, MOTE_QUANT_DIMENSION, 0);
  /* Old converters wrote per-channel biases (rank 1) with the filter's
   * quantized_dimension; TFLite accepts them, so do we, reading dim 0. */
  if (sn > 1 && rank == 1 && qdim >= 1) {
    qdim = 0;
  }
  if (sn > 1 && (qdim < 0 || (uint32_t)qdim >= rank || dims[qdim] != (int32_t)sn)) {
    return FAIL(v, "tensor %lu: %lu per-channel scales do not match "
                   "quantized_dimension %ld of its shape",
                (unsigned long)ti, (unsigned long)sn, (long)qdim);
  }
  for (i = 0; i < sn; i++) {
    float s = mote_fb_f32(&v->fb, sv + 4u + 4u * i);
    uint64_t zp = mote_fb_u64(&v->fb, zv + 4u + 8u * i);
    int64_t z;
    memcpy(&z, &zp, sizeof z);
    if (!(s >= 0.0f) || isinf(s)) {
      return FAIL(v, "tensor %lu: quantization scale %lu is negative or not "
                     "finite",
                  (unsigned long)ti, (unsigned long)i);
    }
    if (!zero_point_fits(type, z)) {
      return FAIL(v, "tensor %lu: zero point %lu does not fit type %s",
                  (unsigned long)ti, (unsigned long)i,
                  mote_type_name((mote_type_t)type));
    }
  }
  return MOTE_OK;
}

static mote_status_t check_tensor(verifier_t *v, uint32_t tt, uint32_t ti) {
  uint32_t shape, rank, sig, siglen, q, sparsity, variants, buffer;
  int32_t dims[MOTE_MAX_DIMS];
  uint64_t elems = 1;
  uint64_t nonzero = 1;
  uint32_t i;
  size_t nibbles;
  uint64_t bytes;
  uint8_t type;
  mote_status_t st;
  if ((st = check_vector(v, tt, MOTE_TENSOR_SHAPE, 4, "tensor", &shape, &rank)) ||
      (st = check_scalar(v, tt, MOTE_TENSOR_TYPE, 1, "tensor")) ||
      (st = check_scalar(v, tt, MOTE_TENSOR_BUFFER, 4, "tensor")) ||
      (st = check_string(v, tt, MOTE_TENSOR_NAME, "tensor")) ||
      (st = check_offset(v, tt, MOTE_TENSOR_QUANTIZATION, "tensor", &q)) ||
      (st = check_scalar(v, tt, MOTE_TENSOR_IS_VARIABLE, 1, "tensor")) ||
      (st = check_offset(v, tt, MOTE_TENSOR_SPARSITY, "tensor", &sparsity)) ||
      (st = check_vector(v, tt, MOTE_TENSOR_SHAPE_SIGNATURE, 4, "tensor", &sig, &siglen)) ||
      (st = check_scalar(v, tt, MOTE_TENSOR_HAS_RANK, 1, "tensor")) ||
      (st = check_offset(v, tt, MOTE_TENSOR_VARIANT_TENSORS, "tensor", &variants))) {
    return st;
  }
  if (sparsity != 0) {
    return MOTE_FAIL(v->err, MOTE_ERR_UNSUPPORTED,
                     "tensor %lu: sparse tensors are not supported",
                     (unsigned long)ti);
  }
  if (rank > MOTE_MAX_DIMS) {
    return MOTE_FAIL(v->err, MOTE_ERR_UNSUPPORTED,
                     "tensor %lu: rank %lu exceeds mote's limit of %d",
                     (unsigned long)ti, (unsigned long)rank, MOTE_MAX_DIMS);
  }
  for (i = 0; i < rank; i++) {
    dims[i] = mote_fb_vec_i32(&v->fb, shape, i);
    if (dims[i] < 0) {
      return FAIL(v, "tensor %lu: dimension %lu is negative (%ld)",
                  (unsigned long)ti, (unsigned long)i, (long)dims[i]);
    }
    /* Zero dimensions are skipped so that an empty tensor such as
     * [0, 65536, 65536] cannot carry products (strides, row counts) that
     * overflow the int32 arithmetic kernels do on its dimensions. */
    nonzero *= dims[i] != 0 ? (uint64_t)dims[i] : 1u;
    if (nonzero > 0x7FFFFFFFu) {
      return FAIL(v, "tensor %lu: shape has more than 2^31 elements "
                     "(counting zero dimensions as 1)",
                  (unsigned long)ti);
    }
    elems *= (uint64_t)dims[i];
  }
  type = mote_fb_get_u8(&v->fb, tt, MOTE_TENSOR_TYPE, 0);
  if (type >= MOTE_TYPE_COUNT_) {
    return FAIL(v, "tensor %lu: unknown type %u", (unsigned long)ti,
                (unsigned)type);
  }
  /* Half-bytes an element takes: packed int4 has one, two a byte, the
   * last byte half used when the count is odd. */
  nibbles = 2u * mote_type_size((mote_type_t)type) +
            (type == MOTE_TYPE_INT4 ? 1u : 0u);
  if (nibbles == 0) {
    return MOTE_FAIL(v->err, MOTE_ERR_UNSUPPORTED_TYPE,
                     "tensor %lu: type %s is not supported", (unsigned long)ti,
                     mote_type_name((mote_type_t)type));
  }
  bytes = (elems * nibbles + 1u) / 2u;
  if (bytes > 0x7FFFFFFFu) {
    return FAIL(v, "tensor %lu: more than 2 GiB of data", (unsigned long)ti);
  }
  buffer = mote_fb_get_u32(&v->fb, tt, MOTE_TENSOR_BUFFER, 0);
  if (buffer >= v->n_buffers && !(buffer == 0 && v->n_buffers == 0)) {
    return FAIL(v, "tensor %lu: buffer index %lu is out of range (%lu buffers)",
                (unsigned long)ti, (unsigned long)buffer,
                (unsigned long)v->n_buffers);
  }
  {
    uint32_t len = 0;
    const uint8_t *data = mote_model_buffer_data(v->m, buffer, &len);
    if (data != NULL && len != bytes) {
      return FAIL(v, "tensor %lu: buffer %lu holds %lu bytes but its shape "
                     "and type need %lu",
                  (unsigned long)ti, (unsigned long)buffer, (unsigned long)len,
                  (unsigned long)bytes);
    }
    /* Constants less aligned than their elements (the converter stores
     * int64 biases 4-byte aligned; external buffers may start anywhere)
     * are accepted: mote_interp_init copies them into the arena. */
  }
  if (q != 0) {
    return check_quantization(v, q, ti, type, dims, rank);
  }
  return MOTE_OK;
}

static mote_status_t check_operator(verifier_t *v, uint32_t ot, uint32_t oi,
                                    uint32_t n_tensors, uint32_t tensors) {
  uint32_t vec, len, opt, opt2, i;
  uint64_t large_off, large_size;
  uint8_t opt_type;
  mote_status_t st;
  if ((st = check_scalar(v, ot, MOTE_OPERATOR_OPCODE_INDEX, 4, "operator")) ||
      (st = check_index_vector(v, ot, MOTE_OPERATOR_INPUTS, n_tensors, 1, "operator", oi)) ||
      (st = check_index_vector(v, ot, MOTE_OPERATOR_OUTPUTS, n_tensors, 0, "operator", oi)) ||
      (st = check_scalar(v, ot, MOTE_OPERATOR_OPTIONS_TYPE, 1, "operator")) ||
      (st = check_offset(v, ot, MOTE_OPERATOR_OPTIONS, "operator", &opt)) ||
      (st = check_vector(v, ot, MOTE_OPERATOR_CUSTOM_OPTIONS, 1, "operator", &vec, &len)) ||
      (st = check_scalar(v, ot, MOTE_OPERATOR_CUSTOM_OPTIONS_FORMAT, 1, "operator")) ||
      (st = check_vector(v, ot, MOTE_OPERATOR_MUTATING_VARIABLE_INPUTS, 1, "operator", &vec, &len)) ||
      (st = check_index_vector(v, ot, MOTE_OPERATOR_INTERMEDIATES, n_tensors, 0, "operator", oi)) ||
      (st = check_scalar(v, ot, MOTE_OPERATOR_LARGE_CUSTOM_OFFSET, 8, "operator")) ||
      (st = check_scalar(v, ot, MOTE_OPERATOR_LARGE_CUSTOM_SIZE, 8, "operator")) ||
      (st = check_scalar(v, ot, MOTE_OPERATOR_OPTIONS_2_TYPE, 1, "operator")) ||
      (st = check_offset(v, ot, MOTE_OPERATOR_OPTIONS_2, "operator", &opt2))) {
    return st;
  }
  if (mote_fb_get_u32(&v->fb, ot, MOTE_OPERATOR_OPCODE_INDEX, 0) >= v->n_opcodes) {
    return FAIL(v, "operator %lu: opcode_index %lu is out of range (%lu codes)",
                (unsigned long)oi,
                (unsigned long)mote_fb_get_u32(&v->fb, ot, MOTE_OPERATOR_OPCODE_INDEX, 0),
                (unsigned long)v->n_opcodes);
  }
  opt_type = mote_fb_get_u8(&v->fb, ot, MOTE_OPERATOR_OPTIONS_TYPE, 0);
  if (opt != 0 && opt_type == 0) {
    return FAIL(v, "operator %lu: options table without an options type",
                (unsigned long)oi);
  }
  if ((opt != 0 && (st = check_table(v, opt, "operator options"))) ||
      (opt2 != 0 && (st = check_table(v, opt2, "operator options")))) {
    return st;
  }
  large_off = mote_fb_get_u64(&v->fb, ot, MOTE_OPERATOR_LARGE_CUSTOM_OFFSET, 0);
  large_size = mote_fb_get_u64(&v->fb, ot, MOTE_OPERATOR_LARGE_CUSTOM_SIZE, 0);
  if (large_off > 1 && !mote_fb_in(&v->fb, large_off, large_size)) {
    return FAIL(v, "operator %lu: external custom options lie outside the "
                   "model",
                (unsigned long)oi);
  }
  /* Outputs are written by kernels; a constant output would mean writing
   * into the caller's (possibly flash-resident) model. */
  vec = mote_fb_ref(&v->fb, ot, MOTE_OPERATOR_OUTPUTS);
  for (i = 0; i < mote_fb_vec_len(&v->fb, vec); i++) {
    uint32_t ti = (uint32_t)mote_fb_vec_i32(&v->fb, vec, i);
    uint32_t tt = mote_fb_vec_table(&v->fb, tensors, ti);
    uint32_t blen = 0;
    (void)mote_model_buffer_data(
        v->m, mote_fb_get_u32(&v->fb, tt, MOTE_TENSOR_BUFFER, 0), &blen);
    if (blen != 0) {
      return FAIL(v, "operator %lu: output %lu is constant tensor %lu",
                  (unsigned long)oi, (unsigned long)i, (unsigned long)ti);
    }
  }
  return MOTE_OK;
}

static mote_status_t check_subgraph(verifier_t *v, uint32_t sgt, uint32_t si) {
  uint32_t tensors, n_tensors, ops, n_ops, i;
  mote_status_t st;
  (void)si;
  if ((st = check_table_vector(v, sgt, MOTE_SUBGRAPH_TENSORS, "tensor", &tensors, &n_tensors)) ||
      (st = check_index_vector(v, sgt, MOTE_SUBGRAPH_INPUTS, n_tensors, 0, "subgraph", si)) ||
      (st = check_index_vector(v, sgt, MOTE_SUBGRAPH_OUTPUTS, n_tensors, 0, "subgraph", si)) ||
      (st = check_table_vector(v, sgt, MOTE_SUBGRAPH_OPERATORS, "operator", &ops, &n_ops)) ||
      (st = check_string(v, sgt, MOTE_SUBGRAPH_NAME, "subgraph"))) {
    return st;
  }
  for (i = 0; i < n_tensors; i++) {
    if ((st = check_tensor(v, mote_fb_vec_table(&v->fb, tensors, i), i))) {
      return st;
    }
  }
  for (i = 0; i < n_ops; i++) {
    if ((st = check_operator(v, mote_fb_vec_table(&v->fb, ops, i), i, n_tensors,
                             tensors))) {
      return st;
    }
  }
  return MOTE_OK;
}

static mote_status_t check_metadata(verifier_t *v, uint32_t root) {
  uint32_t vec, len, i;
  mote_status_t st = check_table_vector(v, root, MOTE_MODEL_METADATA,
                                        "metadata", &vec, &len);
  for (i = 0; st == MOTE_OK && i < len; i++) {
    uint32_t mt = mote_fb_vec_table(&v->fb, vec, i);
    if ((st = check_string(v, mt, MOTE_METADATA_NAME, "metadata")) ||
        (st = check_scalar(v, mt, MOTE_METADATA_BUFFER, 4, "metadata"))) {
      return st;
    }
    if (mote_fb_get_u32(&v->fb, mt, MOTE_METADATA_BUFFER, 0) >= v->n_buffers) {
      return FAIL(v, "metadata %lu: buffer index is out of range",
                  (unsigned long)i);
    }
  }
  if (st == MOTE_OK) {
    st = check_vector(v, root, MOTE_MODEL_METADATA_BUFFER, 4, "model", &vec, &len);
  }
  return st;
}

mote_status_t mote_model_verify(const mote_model_t *m, mote_error_t *err) {
  verifier_t v;
  uint32_t root = m->root_;
  uint32_t subgraphs, n_subgraphs, i, vec, len;
  uint32_t version;
  mote_status_t st;
  v.fb = mote_model_fb(m);
  v.err = err;
  v.m = m;
  v.n_buffers = 0;
  v.n_opcodes = 0;
  if ((st = check_table(&v, root, "model")) ||
      (st = check_scalar(&v, root, MOTE_MODEL_VERSION, 4, "model")) ||
      (st = check_string(&v, root, MOTE_MODEL_DESCRIPTION, "model")) ||
      (st = check_buffers(&v, root)) || (st = check_opcodes(&v, root)) ||
      (st = check_metadata(&v, root)) ||
      (st = check_vector(&v, root, MOTE_MODEL_SIGNATURE_DEFS, 4, "model", &vec, &len))) {
    return st;
  }
  version = mote_fb_get_u32(&v.fb, root, MOTE_MODEL_VERSION, 0);
  if (version != MOTE_SCHEMA_VERSION) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                     "schema version %lu; mote reads version %d",
                     (unsigned long)version, MOTE_SCHEMA_VERSION);
  }
  if ((st = check_table_vector(&v, root, MOTE_MODEL_SUBGRAPHS, "subgraph",
                               &subgraphs, &n_subgraphs))) {
    return st;
  }
  if (n_subgraphs == 0) {
    return FAIL(&v, "model has no subgraphs");
  }
  for (i = 0; i < n_subgraphs; i++) {
    if ((st = check_subgraph(&v, mote_fb_vec_table(&v.fb, subgraphs, i), i))) {
      return st;
    }
  }
  return MOTE_OK;
}
