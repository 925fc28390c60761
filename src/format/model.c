/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Public model accessors over a verified flatbuffer. Every read is through
 * the bounds-checked helpers in fb.h, so even an unverified mote_model_t
 * cannot make these read out of bounds; verification is what makes the
 * answers meaningful.
 */
#include <stdint.h>
#include <string.h>

#include "common/crc32.h"
#include "common/error.h"
#include "format/tflite.h"

mote_status_t mote_model_open(mote_model_t *model, const void *data,
                              size_t size, mote_error_t *err) {
  mote_fb_t fb;
  mote_status_t st;
  if (model == NULL || data == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "model or data is NULL");
  }
  memset(model, 0, sizeof *model);
  if (size >= 0x80000000u) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                     "model of %lu bytes: models of 2 GiB or more are not "
                     "supported",
                     (unsigned long)size);
  }
  if (((uintptr_t)data & 3u) != 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "model data must be 4-byte aligned (16 recommended)");
  }
  if (size < 8) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "model is %lu bytes, too short for a flatbuffer",
                     (unsigned long)size);
  }
  model->data_ = (const uint8_t *)data;
  model->size_ = (uint32_t)size;
  fb = mote_model_fb(model);
  if (memcmp(model->data_ + 4, "TFL3", 4) != 0) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "byte 4: file identifier is not \"TFL3\" (not a .tflite "
                     "model)");
  }
  /* The bounds-checked readers make these safe before verification, which
   * itself needs the buffer table. */
  model->root_ = mote_fb_u32(&fb, 0); /* root uoffset, from byte 0 */
  model->version_ = mote_fb_get_u32(&fb, model->root_, MOTE_MODEL_VERSION, 0);
  model->subgraphs_ = mote_fb_ref(&fb, model->root_, MOTE_MODEL_SUBGRAPHS);
  model->opcodes_ = mote_fb_ref(&fb, model->root_, MOTE_MODEL_OPERATOR_CODES);
  model->buffers_ = mote_fb_ref(&fb, model->root_, MOTE_MODEL_BUFFERS);
  st = mote_model_verify(model, err);
  if (st != MOTE_OK) {
    memset(model, 0, sizeof *model);
    return st;
  }
  return MOTE_OK;
}

/* The check is opt-in and kept in the handle (no arena, no global): a
 * CRC over every byte is the one way to see a rewritten weight, and the
 * runtime does not need it to stay in bounds (interp.c copies the
 * structure it runs on), so applications that trust their flash pay
 * nothing. */
mote_status_t mote_model_record_crc(mote_model_t *model, mote_error_t *err) {
  if (model == NULL || model->data_ == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "model is NULL or not open");
  }
  model->crc_ = mote_crc32(0, model->data_, model->size_);
  model->crc_recorded_ = 1;
  return MOTE_OK;
}

mote_status_t mote_model_check_unchanged(const mote_model_t *model,
                                         mote_error_t *err) {
  uint32_t now;
  if (model == NULL || model->data_ == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "model is NULL or not open");
  }
  if (!model->crc_recorded_) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "no CRC recorded: call mote_model_record_crc after "
                     "mote_model_open");
  }
  now = mote_crc32(0, model->data_, model->size_);
  if (now != model->crc_) {
    return MOTE_FAIL(err, MOTE_ERR_MODEL_CHANGED,
                     "model bytes changed since the CRC was recorded: CRC-32 "
                     "%lu, was %lu (%lu bytes)",
                     (unsigned long)now, (unsigned long)model->crc_,
                     (unsigned long)model->size_);
  }
  return MOTE_OK;
}

uint32_t mote_model_ref(const mote_model_t *m, uint32_t table, unsigned field) {
  mote_fb_t fb = mote_model_fb(m);
  return mote_fb_ref(&fb, table, field);
}

uint32_t mote_model_subgraph_table(const mote_model_t *m, uint32_t sg) {
  mote_fb_t fb = mote_model_fb(m);
  return mote_fb_vec_table(&fb, m->subgraphs_, sg);
}

uint32_t mote_model_tensor_table(const mote_model_t *m, uint32_t sgt,
                                 uint32_t t) {
  mote_fb_t fb = mote_model_fb(m);
  return mote_fb_vec_table(&fb, mote_fb_ref(&fb, sgt, MOTE_SUBGRAPH_TENSORS),
                           t);
}

uint32_t mote_model_op_table(const mote_model_t *m, uint32_t sgt, uint32_t op) {
  mote_fb_t fb = mote_model_fb(m);
  return mote_fb_vec_table(&fb, mote_fb_ref(&fb, sgt, MOTE_SUBGRAPH_OPERATORS),
                           op);
}

const uint8_t *mote_model_buffer_data(const mote_model_t *m, uint32_t b,
                                      uint32_t *len) {
  mote_fb_t fb = mote_model_fb(m);
  uint32_t bt = mote_fb_vec_table(&fb, m->buffers_, b);
  uint32_t vec = mote_fb_ref(&fb, bt, MOTE_BUFFER_DATA);
  uint64_t off = mote_fb_get_u64(&fb, bt, MOTE_BUFFER_OFFSET, 0);
  uint64_t size = mote_fb_get_u64(&fb, bt, MOTE_BUFFER_SIZE, 0);
  *len = 0;
  if (off > 1) {
    /* Data stored after the flatbuffer, relative to the file start. */
    if (size == 0 || !mote_fb_in(&fb, off, size)) {
      return NULL;
    }
    *len = (uint32_t)size;
    return m->data_ + off;
  }
  if (vec != 0) {
    uint32_t n = mote_fb_vec_len(&fb, vec);
    if (n > 0 && mote_fb_in(&fb, (uint64_t)vec + 4u, n)) {
      *len = n;
      return m->data_ + vec + 4;
    }
  }
  return NULL;
}

int32_t mote_model_opcode_builtin(const mote_fb_t *fb, uint32_t oc) {
  int32_t dep = (int8_t)mote_fb_get_u8(fb, oc, MOTE_OPCODE_DEPRECATED_BUILTIN, 0);
  int32_t code = mote_fb_get_i32(fb, oc, MOTE_OPCODE_BUILTIN, 0);
  return code > dep ? code : dep;
}

void mote_model_fill_tensor(const mote_model_t *m, uint32_t tt, uint32_t index,
                            mote_tensor_t *out) {
  mote_fb_t fb = mote_model_fb(m);
  uint32_t shape = mote_fb_ref(&fb, tt, MOTE_TENSOR_SHAPE);
  uint32_t rank = mote_fb_vec_len(&fb, shape);
  uint32_t q = mote_fb_ref(&fb, tt, MOTE_TENSOR_QUANTIZATION);
  uint32_t i;
  uint32_t len = 0;
  size_t esize;
  memset(out, 0, sizeof *out);
  out->index = index;
  out->type = mote_fb_get_u8(&fb, tt, MOTE_TENSOR_TYPE, 0);
  if (rank > MOTE_MAX_DIMS) {
    rank = MOTE_MAX_DIMS; /* the verifier rejects such models */
  }
  out->rank = (uint8_t)rank;
  for (i = 0; i < rank; i++) {
    out->dims[i] = mote_fb_vec_i32(&fb, shape, i);
  }
  esize = mote_type_size((mote_type_t)out->type);
  {
    /* Unsigned, so that bytes that changed after verification (model.h)
     * wrap instead of overflowing: the product of verified dims fits. */
    uint32_t elements = 1;
    for (i = 0; i < rank; i++) {
      elements *= (uint32_t)out->dims[i];
    }
    out->bytes = (uint32_t)(elements * esize);
  }
  out->data = (void *)(uintptr_t)mote_model_buffer_data(
      m, mote_fb_get_u32(&fb, tt, MOTE_TENSOR_BUFFER, 0), &len);
  if (out->data != NULL) {
    out->flags |= MOTE_TENSOR_CONST;
  }
  if (mote_fb_get_u8(&fb, tt, MOTE_TENSOR_IS_VARIABLE, 0) != 0) {
    out->flags |= MOTE_TENSOR_VARIABLE;
  }
  if (q != 0) {
    uint32_t sv = mote_fb_ref(&fb, q, MOTE_QUANT_SCALE);
    uint32_t zv = mote_fb_ref(&fb, q, MOTE_QUANT_ZERO_POINT);
    uint32_t n = mote_fb_vec_len(&fb, sv);
    /* In bounds for the readers (mote_tensor_channel_scale) even when
     * the bytes changed after verification. */
    if (n > 0 && mote_fb_in(&fb, (uint64_t)sv + 4u, (uint64_t)n * 4u)) {
      out->quant_count = n;
      out->quant_dim = mote_fb_get_i32(&fb, q, MOTE_QUANT_DIMENSION, 0);
      if (rank == 1) {
        out->quant_dim = 0; /* see the verifier: legacy per-channel biases */
      }
      out->quant_scales_ = m->data_ + sv + 4;
      out->scale = mote_fb_f32(&fb, sv + 4);
      if (mote_fb_vec_len(&fb, zv) == n &&
          mote_fb_in(&fb, (uint64_t)zv + 4u, (uint64_t)n * 8u)) {
        out->quant_zero_points_ = m->data_ + zv + 4;
        out->zero_point = mote_fb_i32(&fb, zv + 4);
      }
    }
  }
}

static const char *string_at(const mote_model_t *m, uint32_t s) {
  mote_fb_t fb = mote_model_fb(m);
  const uint32_t len = mote_fb_vec_len(&fb, s);
  /* The verifier checked the terminating NUL; looked at again because the
   * bytes may have changed since (model.h), and a string without it would
   * take strcmp past the buffer. */
  if (s == 0 || !mote_fb_in(&fb, (uint64_t)s + 4u, (uint64_t)len + 1u) ||
      m->data_[s + 4u + len] != 0) {
    return "";
  }
  return (const char *)(m->data_ + s + 4);
}

#define OFFLINE_PLAN_NAME "OfflineMemoryAllocation"

mote_status_t mote_model_offline_plan(const mote_model_t *m,
                                      uint32_t tensor_count,
                                      mote_fb_t *offsets, mote_error_t *err) {
  mote_fb_t fb = mote_model_fb(m);
  const uint32_t vec = mote_model_ref(m, m->root_, MOTE_MODEL_METADATA);
  uint32_t i;
  offsets->p = NULL;
  offsets->n = 0;
  for (i = 0; i < mote_fb_vec_len(&fb, vec); i++) {
    /* Element i, in range by the loop bound: mote_fb_vec_table would
     * check it again, and its one more inlined use in this file tips
     * GCC -O2 into outlining sg_vec for ~200 bytes more code. A verified
     * vector ends inside the model, so the sum cannot wrap; if it did,
     * the bounds-checked read would still stay inside the model. */
    const uint32_t mt = mote_fb_deref(&fb, vec + 4u + 4u * i);
    mote_fb_t plan;
    if (strcmp(string_at(m, mote_model_ref(m, mt, MOTE_METADATA_NAME)),
               OFFLINE_PLAN_NAME) != 0) {
      continue;
    }
    plan.p = mote_model_buffer_data(
        m, mote_fb_get_u32(&fb, mt, MOTE_METADATA_BUFFER, 0), &plan.n);
    /* An empty or short buffer reads as version 0. The tensor count is
     * below 2^29 in a model under 2 GiB, so the sum cannot wrap. */
    if (mote_fb_i32(&plan, 0) != 1 || mote_fb_u32(&plan, 8) != tensor_count ||
        plan.n / 4u < 3u + tensor_count) {
      return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                       "metadata %u \"%s\": malformed offline plan (needs "
                       "version 1 and %u offsets)",
                       (unsigned)i, OFFLINE_PLAN_NAME, (unsigned)tensor_count);
    }
    offsets->p = plan.p + 12;
    offsets->n = 4u * tensor_count;
  }
  return MOTE_OK;
}

/* --- public accessors ---------------------------------------------------- */

/* The length of the vector of 32-bit entries at `vec`, or 0 when it does
 * not fit in the buffer: verified models always fit, and a count read
 * from bytes that changed after verification (model.h) then bounds every
 * loop over it by the buffer's size instead of 2^32. */
static uint32_t count_of(const mote_model_t *m, uint32_t vec) {
  mote_fb_t fb = mote_model_fb(m);
  const uint32_t n = mote_fb_vec_len(&fb, vec);
  return mote_fb_in(&fb, (uint64_t)vec + 4u, (uint64_t)n * 4u) ? n : 0;
}

uint32_t mote_model_subgraph_count(const mote_model_t *model) {
  return count_of(model, model->subgraphs_);
}

static uint32_t sg_vec(const mote_model_t *m, uint32_t sg, unsigned field) {
  mote_fb_t fb = mote_model_fb(m);
  return mote_fb_ref(&fb, mote_model_subgraph_table(m, sg), field);
}

uint32_t mote_model_tensor_count(const mote_model_t *model, uint32_t subgraph) {
  return count_of(model, sg_vec(model, subgraph, MOTE_SUBGRAPH_TENSORS));
}

uint32_t mote_model_op_count(const mote_model_t *model, uint32_t subgraph) {
  return count_of(model, sg_vec(model, subgraph, MOTE_SUBGRAPH_OPERATORS));
}

uint32_t mote_model_input_count(const mote_model_t *model, uint32_t subgraph) {
  return count_of(model, sg_vec(model, subgraph, MOTE_SUBGRAPH_INPUTS));
}

uint32_t mote_model_output_count(const mote_model_t *model, uint32_t subgraph) {
  return count_of(model, sg_vec(model, subgraph, MOTE_SUBGRAPH_OUTPUTS));
}

static int32_t index_at(const mote_model_t *m, uint32_t vec, uint32_t i) {
  mote_fb_t fb = mote_model_fb(m);
  if (i >= mote_fb_vec_len(&fb, vec)) {
    return -1;
  }
  return mote_fb_vec_i32(&fb, vec, i);
}

int32_t mote_model_input_index(const mote_model_t *model, uint32_t subgraph,
                               uint32_t i) {
  return index_at(model, sg_vec(model, subgraph, MOTE_SUBGRAPH_INPUTS), i);
}

int32_t mote_model_output_index(const mote_model_t *model, uint32_t subgraph,
                                uint32_t i) {
  return index_at(model, sg_vec(model, subgraph, MOTE_SUBGRAPH_OUTPUTS), i);
}

mote_status_t mote_model_tensor(const mote_model_t *model, uint32_t subgraph,
                                uint32_t index, mote_tensor_t *out) {
  uint32_t tt;
  if (model == NULL || out == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  tt = mote_model_tensor_table(model, mote_model_subgraph_table(model, subgraph),
                               index);
  if (tt == 0) {
    return MOTE_ERR_BAD_ARG;
  }
  mote_model_fill_tensor(model, tt, index, out);
  return MOTE_OK;
}

const char *mote_model_tensor_name(const mote_model_t *model,
                                   uint32_t subgraph, uint32_t index) {
  mote_fb_t fb = mote_model_fb(model);
  uint32_t tt = mote_model_tensor_table(
      model, mote_model_subgraph_table(model, subgraph), index);
  return string_at(model, mote_fb_ref(&fb, tt, MOTE_TENSOR_NAME));
}

mote_status_t mote_model_tensor_find(const mote_model_t *model,
                                     uint32_t subgraph, const char *name,
                                     uint32_t *index) {
  uint32_t n;
  uint32_t i;
  if (model == NULL || model->data_ == NULL || name == NULL || index == NULL ||
      name[0] == '\0') {
    return MOTE_ERR_BAD_ARG;
  }
  n = mote_model_tensor_count(model, subgraph);
  for (i = 0; i < n; i++) {
    if (strcmp(mote_model_tensor_name(model, subgraph, i), name) == 0) {
      *index = i;
      return MOTE_OK;
    }
  }
  return MOTE_ERR_BAD_ARG;
}

const char *mote_model_description(const mote_model_t *model) {
  mote_fb_t fb = mote_model_fb(model);
  return string_at(model, mote_fb_ref(&fb, model->root_, MOTE_MODEL_DESCRIPTION));
}

mote_status_t mote_model_op(const mote_model_t *model, uint32_t subgraph,
                            uint32_t op, mote_op_info_t *out) {
  mote_fb_t fb;
  uint32_t ot;
  uint32_t oc;
  if (model == NULL || out == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  fb = mote_model_fb(model);
  ot = mote_model_op_table(model, mote_model_subgraph_table(model, subgraph), op);
  if (ot == 0) {
    return MOTE_ERR_BAD_ARG;
  }
  oc = mote_fb_vec_table(&fb, model->opcodes_,
                         mote_fb_get_u32(&fb, ot, MOTE_OPERATOR_OPCODE_INDEX, 0));
  memset(out, 0, sizeof *out);
  out->builtin = mote_model_opcode_builtin(&fb, oc);
  out->version = mote_fb_get_i32(&fb, oc, MOTE_OPCODE_VERSION, 1);
  if (out->builtin == 32) {
    out->custom_name = string_at(model, mote_fb_ref(&fb, oc, MOTE_OPCODE_CUSTOM_CODE));
  }
  out->input_count = mote_fb_vec_len(&fb, mote_fb_ref(&fb, ot, MOTE_OPERATOR_INPUTS));
  out->output_count = mote_fb_vec_len(&fb, mote_fb_ref(&fb, ot, MOTE_OPERATOR_OUTPUTS));
  return MOTE_OK;
}

int32_t mote_model_op_input(const mote_model_t *model, uint32_t subgraph,
                            uint32_t op, uint32_t k) {
  mote_fb_t fb = mote_model_fb(model);
  uint32_t ot = mote_model_op_table(model, mote_model_subgraph_table(model, subgraph), op);
  return index_at(model, mote_fb_ref(&fb, ot, MOTE_OPERATOR_INPUTS), k);
}

int32_t mote_model_op_output(const mote_model_t *model, uint32_t subgraph,
                             uint32_t op, uint32_t k) {
  mote_fb_t fb = mote_model_fb(model);
  uint32_t ot = mote_model_op_table(model, mote_model_subgraph_table(model, subgraph), op);
  return index_at(model, mote_fb_ref(&fb, ot, MOTE_OPERATOR_OUTPUTS), k);
}
