/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Export of the base plus the learnt head as a .tflite model (train.h).
 *
 * Layout of the output, front to back (flatbuffer offsets point forward):
 *
 *   root offset, "TFL3" | new Model table | new operator-code, subgraph and
 *   buffer vectors | new SubGraph | new tensor, output and operator vectors
 *   | new operator codes (those the base lacks) | new Buffer tables (the
 *   head's, and copies of the base's external ones) | head tensors, their
 *   shapes, names and quantization | head operators | head constant data
 *   (16-aligned) | the base model bytes, verbatim, 16-aligned
 *
 * Every base object the new vectors list (operator codes, tensors, the
 *   kept operators, buffers and their data, strings) is referenced inside
 * the copy, so nothing of the base is re-encoded: the writer touches only
 * a few hundred bytes of new tables plus the head's weights, needs no heap
 * and no scratch, and the copy keeps the base's constant data at its
 * alignment. The one exception: buffers stored after the flatbuffer carry
 * file-relative offsets, which the copy shifts, so they get new Buffer
 * tables with the offset moved by the copy's position.
 *
 * Rejected: rebuilding the whole model in a fresh flatbuffer (needs a
 * builder with a table cache or the model's size in scratch, and re-encodes
 * every options table by type); appending the head after the base and
 * pointing the old root at it (offsets cannot point backward).
 *
 * The writer runs twice over emit(): a layout pass that records where every
 * new object lands, then a writing pass that uses those positions. The
 * head itself (its graph, weights and quantization) is export_head.c's.
 */
#include <string.h>

#include "common/error.h"
#include "mote/ops.h"
#include "train/export_internal.h"

#define OPTIONS_FULLY_CONNECTED 8
#define OPTIONS_SOFTMAX 9

/* Positions of the new objects in the output. */
typedef struct plan {
  uint32_t model, opcodes, subgraphs, buffers, subgraph, tensors, outputs, operators;
  uint32_t opcode[3];
  uint32_t ext, ext_off, ext_stride;
  uint32_t buf[MAX_BUF], data[MAX_BUF];
  uint32_t t[MAX_T], t_shape[MAX_T], t_name[MAX_T], t_quant[MAX_T], t_scale[MAX_T],
      t_zp[MAX_T];
  uint32_t op[MAX_OPS], op_in[MAX_OPS], op_out[MAX_OPS], op_opt[MAX_OPS];
  uint32_t base, end;
} plan_t;

/* --- the model ----------------------------------------------------------- */

static mote_fbw_field_t fld(unsigned id, unsigned size, unsigned ref, uint64_t v) {
  mote_fbw_field_t f;
  f.id = (uint16_t)id;
  f.size = (uint8_t)size;
  f.ref = (uint8_t)ref;
  f.v = v;
  return f;
}

static int is_external(const exporter_t *e, uint32_t bt) {
  return mote_fb_get_u64(&e->fb, bt, MOTE_BUFFER_OFFSET, 0) > 1u;
}

static void emit_vectors(mote_fbw_t *w, const exporter_t *e, const plan_t *p, plan_t *q) {
  uint32_t i, j = 0;
  q->opcodes = mote_fbw_vector(w, e->n_oc + e->n_new_codes, 4);
  for (i = 0; i < e->n_oc; i++) {
    mote_fbw_ref(w, p->base + mote_fb_vec_table(&e->fb, e->opcodes, i));
  }
  for (i = 0; i < e->n_new_codes; i++) {
    mote_fbw_ref(w, p->opcode[i]);
  }
  q->subgraphs = mote_fbw_vector(w, 1, 4);
  mote_fbw_ref(w, p->subgraph);
  q->buffers = mote_fbw_vector(w, e->n_b + e->nbuf, 4);
  for (i = 0; i < e->n_b; i++) {
    const uint32_t bt = mote_fb_vec_table(&e->fb, e->buffers, i);
    if (is_external(e, bt)) {
      mote_fbw_ref(w, p->ext + j++ * p->ext_stride + p->ext_off);
    } else {
      mote_fbw_ref(w, p->base + bt);
    }
  }
  for (i = 0; i < e->nbuf; i++) {
    mote_fbw_ref(w, p->buf[i]);
  }
}

static void emit_subgraph(mote_fbw_t *w, const exporter_t *e, const plan_t *p, plan_t *q) {
  mote_fbw_field_t f[5];
  uint32_t n = 0, i;
  f[n++] = fld(MOTE_SUBGRAPH_TENSORS, 4, 1, p->tensors);
  if (e->inputs != 0) {
    f[n++] = fld(MOTE_SUBGRAPH_INPUTS, 4, 1, p->base + e->inputs);
  }
  f[n++] = fld(MOTE_SUBGRAPH_OUTPUTS, 4, 1, p->outputs);
  f[n++] = fld(MOTE_SUBGRAPH_OPERATORS, 4, 1, p->operators);
  if (e->sg_name != 0) {
    f[n++] = fld(MOTE_SUBGRAPH_NAME, 4, 1, p->base + e->sg_name);
  }
  q->subgraph = mote_fbw_table(w, f, n);
  q->tensors = mote_fbw_vector(w, e->n_t + e->nt, 4);
  for (i = 0; i < e->n_t; i++) {
    mote_fbw_ref(w, p->base + mote_fb_vec_table(&e->fb, e->tensors, i));
  }
  for (i = 0; i < e->nt; i++) {
    mote_fbw_ref(w, p->t[i]);
  }
  q->outputs = mote_fbw_vector(w, 1, 4);
  mote_fbw_u32(w, e->n_t + e->nt - 1u); /* the probabilities, made last */
  q->operators = mote_fbw_vector(w, e->n_kept + e->nop, 4);
  for (i = 0; i < e->n_kept; i++) {
    mote_fbw_ref(w, p->base + mote_fb_vec_table(&e->fb, e->ops, i));
  }
  for (i = 0; i < e->nop; i++) {
    mote_fbw_ref(w, p->op[i]);
  }
}

static void emit_buffers(mote_fbw_t *w, const exporter_t *e, const plan_t *p, plan_t *q) {
  mote_fbw_field_t f[2];
  uint32_t i, j = 0;
  for (i = 0; i < e->n_new_codes; i++) {
    const int32_t c = e->new_code[i];
    f[0] = fld(MOTE_OPCODE_BUILTIN, 4, 0, (uint32_t)c);
    f[1] = fld(MOTE_OPCODE_DEPRECATED_BUILTIN, 1, 0,
               (uint32_t)(c < MOTE_PLACEHOLDER_FOR_GREATER_OP_CODES
                              ? c
                              : MOTE_PLACEHOLDER_FOR_GREATER_OP_CODES));
    q->opcode[i] = mote_fbw_table(w, f, 2);
  }
  mote_fbw_align(w, 8);
  q->ext = w->pos;
  for (i = 0; i < e->n_b; i++) {
    const uint32_t bt = mote_fb_vec_table(&e->fb, e->buffers, i);
    uint32_t start, tbl;
    if (!is_external(e, bt)) {
      continue;
    }
    start = w->pos;
    f[0] = fld(MOTE_BUFFER_OFFSET, 8, 0,
               mote_fb_get_u64(&e->fb, bt, MOTE_BUFFER_OFFSET, 0) + p->base);
    f[1] = fld(MOTE_BUFFER_SIZE, 8, 0, mote_fb_get_u64(&e->fb, bt, MOTE_BUFFER_SIZE, 0));
    tbl = mote_fbw_table(w, f, 2);
    mote_fbw_align(w, 8);
    if (j++ == 0) {
      q->ext_off = tbl - start;
      q->ext_stride = w->pos - start;
    }
  }
  for (i = 0; i < e->nbuf; i++) {
    f[0] = fld(MOTE_BUFFER_DATA, 4, 1, p->data[i]);
    q->buf[i] = mote_fbw_table(w, f, i == 0 ? 0u : 1u);
  }
}

static void emit_tensors(mote_fbw_t *w, const exporter_t *e, const plan_t *p, plan_t *q) {
  mote_fbw_field_t f[5];
  uint32_t i, c;
  for (i = 0; i < e->nt; i++) {
    const htensor_t *t = &e->t[i];
    const uint32_t nq = mote_export_quant_count(e, t);
    uint32_t n = 0;
    f[n++] = fld(MOTE_TENSOR_SHAPE, 4, 1,
                 t->base_shape != 0 ? p->base + t->base_shape : p->t_shape[i]);
    f[n++] = fld(MOTE_TENSOR_BUFFER, 4, 0, e->n_b + t->buffer);
    f[n++] = fld(MOTE_TENSOR_NAME, 4, 1, p->t_name[i]);
    if (nq > 0) {
      f[n++] = fld(MOTE_TENSOR_QUANTIZATION, 4, 1, p->t_quant[i]);
    }
    f[n++] = fld(MOTE_TENSOR_TYPE, 1, 0, t->type);
    q->t[i] = mote_fbw_table(w, f, n);
    if (t->base_shape == 0) {
      q->t_shape[i] = mote_fbw_i32_vector(w, t->shape, t->shape_n);
    }
    q->t_name[i] = mote_fbw_string(w, t->name);
    if (nq == 0) {
      continue;
    }
    f[0] = fld(MOTE_QUANT_SCALE, 4, 1, p->t_scale[i]);
    f[1] = fld(MOTE_QUANT_ZERO_POINT, 4, 1, p->t_zp[i]);
    f[2] = fld(MOTE_QUANT_DIMENSION, 4, 0, 0);
    q->t_quant[i] = mote_fbw_table(w, f, 3);
    q->t_scale[i] = mote_fbw_vector(w, nq, 4);
    for (c = 0; c < nq; c++) {
      mote_fbw_f32(w, w->p != NULL ? mote_export_quant_scale(e, t, c) : 0.0f);
    }
    q->t_zp[i] = mote_fbw_vector(w, nq, 8);
    for (c = 0; c < nq; c++) {
      mote_fbw_u64(w, (uint64_t)(int64_t)mote_export_quant_zp(e, t));
    }
  }
}

static void emit_ops(mote_fbw_t *w, const exporter_t *e, const plan_t *p, plan_t *q) {
  mote_fbw_field_t f[5];
  uint32_t i;
  for (i = 0; i < e->nop; i++) {
    const hop_t *o = &e->op[i];
    const int32_t slot = o->code == MOTE_OP_DEQUANTIZE ? 0 : o->code == MOTE_OP_SOFTMAX ? 2 : 1;
    const uint32_t opt = o->code == MOTE_OP_FULLY_CONNECTED ? OPTIONS_FULLY_CONNECTED
                         : o->code == MOTE_OP_SOFTMAX       ? OPTIONS_SOFTMAX
                                                            : 0u;
    uint32_t n = 0;
    f[n++] = fld(MOTE_OPERATOR_OPCODE_INDEX, 4, 0, (uint32_t)e->code_index[slot]);
    f[n++] = fld(MOTE_OPERATOR_INPUTS, 4, 1, p->op_in[i]);
    f[n++] = fld(MOTE_OPERATOR_OUTPUTS, 4, 1, p->op_out[i]);
    if (opt != 0) {
      f[n++] = fld(MOTE_OPERATOR_OPTIONS, 4, 1, p->op_opt[i]);
      f[n++] = fld(MOTE_OPERATOR_OPTIONS_TYPE, 1, 0, opt);
    }
    q->op[i] = mote_fbw_table(w, f, n);
    q->op_in[i] = mote_fbw_i32_vector(w, o->in, o->nin);
    q->op_out[i] = mote_fbw_i32_vector(w, &o->out, 1);
    if (opt == OPTIONS_FULLY_CONNECTED) {
      f[0] = fld(0, 1, 0, o->act); /* fused_activation_function */
      q->op_opt[i] = mote_fbw_table(w, f, 1);
    } else if (opt == OPTIONS_SOFTMAX) {
      f[0] = fld(0, 4, 0, 0x3F800000u); /* beta 1.0f */
      q->op_opt[i] = mote_fbw_table(w, f, 1);
    }
  }
}

/* Lays out (w->p NULL) or writes the model; `p` holds the positions of the
 * layout pass, `q` gets this pass's. */
static void emit(mote_fbw_t *w, const exporter_t *e, const plan_t *p, plan_t *q) {
  mote_fbw_field_t f[5];
  uint32_t n = 0, i;
  mote_fbw_ref(w, p->model);
  mote_fbw_bytes(w, "TFL3", 4);
  f[n++] = fld(MOTE_MODEL_VERSION, 4, 0, MOTE_SCHEMA_VERSION);
  f[n++] = fld(MOTE_MODEL_OPERATOR_CODES, 4, 1, p->opcodes);
  f[n++] = fld(MOTE_MODEL_SUBGRAPHS, 4, 1, p->subgraphs);
  f[n++] = fld(MOTE_MODEL_BUFFERS, 4, 1, p->buffers);
  if (e->desc != 0) {
    f[n++] = fld(MOTE_MODEL_DESCRIPTION, 4, 1, p->base + e->desc);
  }
  q->model = mote_fbw_table(w, f, n);
  emit_vectors(w, e, p, q);
  emit_subgraph(w, e, p, q);
  emit_buffers(w, e, p, q);
  emit_tensors(w, e, p, q);
  emit_ops(w, e, p, q);
  q->data[0] = 0;
  for (i = 1; i < e->nbuf; i++) {
    uint32_t j;
    for (j = 0; j < e->nt && e->t[j].buffer != i; j++) {
    }
    q->data[i] = mote_fbw_vector(w, mote_export_data_bytes(e, &e->t[j]), 16);
    if (w->p != NULL) {
      mote_export_write_data(w, e, &e->t[j]);
    } else {
      mote_fbw_bytes(w, NULL, mote_export_data_bytes(e, &e->t[j]));
    }
  }
  mote_fbw_align(w, 16);
  q->base = w->pos;
  mote_fbw_bytes(w, e->fb.p, e->fb.n);
  q->end = w->pos;
}

/* --- entry points -------------------------------------------------------- */

/* Reads what the export needs of the base and checks the learner. */
static mote_status_t setup(exporter_t *e, const mote_learner_t *l, uint32_t flags,
                           mote_error_t *err) {
  static const int32_t codes[3] = {MOTE_OP_DEQUANTIZE, MOTE_OP_FULLY_CONNECTED,
                                   MOTE_OP_SOFTMAX};
  const mote_model_t *m;
  uint32_t i, j;
  memset(e, 0, sizeof *e);
  if (l == NULL || l->mem_ == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "export: NULL learner");
  }
  if (flags != MOTE_EXPORT_INT8 && flags != MOTE_EXPORT_FLOAT32) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "export: flags 0x%lx; give exactly one of MOTE_EXPORT_INT8 "
                     "and MOTE_EXPORT_FLOAT32",
                     (unsigned long)flags);
  }
  if (l->interp_ == NULL || l->interp_->model_ == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "export: the learner has no interpreter, so no base model");
  }
  if (l->class_count_ == 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE, "export: no class learnt yet");
  }
  e->l = l;
  e->int8 = flags == MOTE_EXPORT_INT8;
  e->layers = l->cfg_.hidden_units > 0 ? 2u : 1u;
  if (e->int8 && l->cfg_.feature_type != MOTE_TYPE_INT8) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_TYPE,
                     "export: an int8 head needs int8 features; the cut is float32 "
                     "(export MOTE_EXPORT_FLOAT32)");
  }
  if (e->int8 && l->replay_count_ == 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "export: an int8 head calibrates its ranges on the replay "
                     "buffer, which is empty");
  }
  m = l->interp_->model_;
  e->fb = mote_model_fb(m);
  e->root = m->root_;
  e->opcodes = m->opcodes_;
  e->n_oc = mote_fb_vec_len(&e->fb, e->opcodes);
  e->buffers = m->buffers_;
  e->n_b = mote_fb_vec_len(&e->fb, e->buffers);
  e->sgt = mote_model_subgraph_table(m, 0);
  e->tensors = mote_fb_ref(&e->fb, e->sgt, MOTE_SUBGRAPH_TENSORS);
  e->n_t = mote_fb_vec_len(&e->fb, e->tensors);
  e->ops = mote_fb_ref(&e->fb, e->sgt, MOTE_SUBGRAPH_OPERATORS);
  e->inputs = mote_fb_ref(&e->fb, e->sgt, MOTE_SUBGRAPH_INPUTS);
  e->sg_name = mote_fb_ref(&e->fb, e->sgt, MOTE_SUBGRAPH_NAME);
  e->desc = mote_fb_ref(&e->fb, e->root, MOTE_MODEL_DESCRIPTION);
  /* Keep the operators up to the last one that writes the cut. */
  for (i = 0; i < mote_fb_vec_len(&e->fb, e->ops); i++) {
    const uint32_t ot = mote_fb_vec_table(&e->fb, e->ops, i);
    const uint32_t outs = mote_fb_ref(&e->fb, ot, MOTE_OPERATOR_OUTPUTS);
    for (j = 0; j < mote_fb_vec_len(&e->fb, outs); j++) {
      if (mote_fb_vec_i32(&e->fb, outs, j) == l->cut_) {
        e->n_kept = i + 1u;
      }
    }
  }
  for (i = 0; i < e->n_kept; i++) {
    const uint32_t ot = mote_fb_vec_table(&e->fb, e->ops, i);
    if (mote_fb_get_u64(&e->fb, ot, MOTE_OPERATOR_LARGE_CUSTOM_OFFSET, 0) > 1u) {
      return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                       "export: operator %lu keeps its custom options outside the "
                       "flatbuffer",
                       (unsigned long)i);
    }
  }
  for (i = 0; i < e->n_b; i++) {
    e->n_ext += (uint32_t)is_external(e, mote_fb_vec_table(&e->fb, e->buffers, i));
  }
  for (i = 0; i < 3; i++) {
    e->code_index[i] = -1;
    for (j = 0; j < e->n_oc && e->code_index[i] < 0; j++) {
      if (mote_model_opcode_builtin(&e->fb, mote_fb_vec_table(&e->fb, e->opcodes, j)) ==
          codes[i]) {
        e->code_index[i] = (int32_t)j;
      }
    }
    if (e->code_index[i] < 0 && (i > 0 || (!e->int8 && l->cfg_.feature_type == MOTE_TYPE_INT8))) {
      e->code_index[i] = (int32_t)(e->n_oc + e->n_new_codes);
      e->new_code[e->n_new_codes++] = codes[i];
    }
  }
  mote_export_build_head(e);
  return MOTE_OK;
}

/* Layout pass: every position, and the size. Its references are not
 * written, so it reads them from a plan of zeros (read-only, not on the
 * stack). */
static const plan_t k_no_plan;

static void layout(const exporter_t *e, plan_t *plan) {
  mote_fbw_t w;
  memset(plan, 0, sizeof *plan);
  mote_fbw_init(&w, NULL, 0);
  emit(&w, e, &k_no_plan, plan);
}

mote_status_t mote_learner_export_bytes(const mote_learner_t *learner, uint32_t flags,
                                        size_t *bytes, mote_error_t *err) {
  exporter_t e;
  plan_t plan;
  mote_status_t st;
  if (bytes == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "export: NULL bytes");
  }
  *bytes = 0;
  st = setup(&e, learner, flags, err);
  if (st != MOTE_OK) {
    return st;
  }
  layout(&e, &plan);
  *bytes = plan.end;
  return MOTE_OK;
}

mote_status_t mote_learner_export_tflite(const mote_learner_t *learner, uint32_t flags,
                                         void *out, size_t cap, size_t *written,
                                         mote_error_t *err) {
  exporter_t e;
  plan_t plan, check;
  mote_fbw_t w;
  mote_status_t st;
  if (out == NULL || written == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "export: NULL out or written");
  }
  *written = 0;
  st = setup(&e, learner, flags, err);
  if (st != MOTE_OK) {
    return st;
  }
  layout(&e, &plan);
  if (cap < plan.end) {
    return MOTE_FAIL(err, MOTE_ERR_CAPACITY,
                     "export: the model needs %lu bytes, the buffer holds %lu",
                     (unsigned long)plan.end, (unsigned long)cap);
  }
  if (e.int8) {
    mote_export_calibrate(&e);
  }
  mote_fbw_init(&w, out, cap);
  emit(&w, &e, &plan, &check);
  if (w.overflow || check.end != plan.end) {
    return MOTE_FAIL(err, MOTE_ERR_CAPACITY, "export: the model outgrew its layout");
  }
  *written = plan.end;
  return MOTE_OK;
}
