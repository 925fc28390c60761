/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests for the .tflite builder (tools/tflite_build).
 *
 * The models built here are read back with a tiny flatbuffer reader written
 * for this test alone (it shares nothing with the builder or with
 * src/format), walking vtables field by field. Besides field values, the
 * walk checks what the builder promises about layout: every table, vtable
 * and vector in bounds and aligned, Buffer.data 16-byte aligned, int64
 * vectors 8-byte aligned, vtables shared, defaults left out. Finally the
 * library's own verifier (mote_model_open) must accept what we build, and
 * reject it once an index is broken on purpose.
 */
#include <stdint.h>
#include <string.h>

#include "mote/mote.h"
#include "test.h"
#include "tflite_build.h"

/* ---- an independent reader -------------------------------------------- */

typedef struct rd {
  const uint8_t *p;
  size_t n;
  int bad; /* set by any read out of bounds */
} rd_t;

static uint32_t rd_u32(rd_t *r, size_t off) {
  if (off > r->n || r->n - off < 4) {
    r->bad = 1;
    return 0;
  }
  return (uint32_t)r->p[off] | (uint32_t)r->p[off + 1] << 8 |
         (uint32_t)r->p[off + 2] << 16 | (uint32_t)r->p[off + 3] << 24;
}

static uint16_t rd_u16(rd_t *r, size_t off) {
  if (off > r->n || r->n - off < 2) {
    r->bad = 1;
    return 0;
  }
  return (uint16_t)(r->p[off] | r->p[off + 1] << 8);
}

static uint8_t rd_u8(rd_t *r, size_t off) {
  if (off >= r->n) {
    r->bad = 1;
    return 0;
  }
  return r->p[off];
}

static int64_t rd_i64(rd_t *r, size_t off) {
  uint64_t lo = rd_u32(r, off), hi = rd_u32(r, off + 4);
  return (int64_t)(lo | hi << 32);
}

static float rd_f32(rd_t *r, size_t off) {
  uint32_t u = rd_u32(r, off);
  float f;
  memcpy(&f, &u, 4);
  return f;
}

/* Follows the uoffset stored at `off`. */
static size_t rd_ref(rd_t *r, size_t off) {
  if (off % 4 != 0) {
    r->bad = 1;
  }
  return off + rd_u32(r, off);
}

/* Vtable of the table at `t`; checks alignment and bounds. */
static size_t rd_vtable(rd_t *r, size_t t) {
  int32_t soff = (int32_t)rd_u32(r, t);
  size_t vt = (size_t)((int64_t)t - soff);
  uint16_t vlen, tlen;
  if (t % 4 != 0 || vt % 2 != 0) {
    r->bad = 1;
  }
  vlen = rd_u16(r, vt);
  tlen = rd_u16(r, vt + 2);
  if (vlen < 4 || vlen % 2 != 0 || vt + vlen > r->n || t + tlen > r->n) {
    r->bad = 1;
  }
  return vt;
}

/* Absolute offset of field `slot` of table `t`, 0 if absent. */
static size_t rd_field(rd_t *r, size_t t, unsigned slot) {
  size_t vt = rd_vtable(r, t);
  uint16_t vlen = rd_u16(r, vt), tlen = rd_u16(r, vt + 2), off;
  if (4 + 2 * (size_t)slot >= vlen) {
    return 0;
  }
  off = rd_u16(r, vt + 4 + 2 * slot);
  if (off != 0 && off >= tlen) {
    r->bad = 1;
  }
  return off ? t + off : 0;
}

static int rd_has(rd_t *r, size_t t, unsigned slot) {
  return rd_field(r, t, slot) != 0;
}

static uint32_t rd_field_u32(rd_t *r, size_t t, unsigned slot, uint32_t def) {
  size_t f = rd_field(r, t, slot);
  if (f && f % 4 != 0) {
    r->bad = 1;
  }
  return f ? rd_u32(r, f) : def;
}

static uint8_t rd_field_u8(rd_t *r, size_t t, unsigned slot, uint8_t def) {
  size_t f = rd_field(r, t, slot);
  return f ? rd_u8(r, f) : def;
}

/* Table referenced by field `slot` (0 if absent). */
static size_t rd_field_table(rd_t *r, size_t t, unsigned slot) {
  size_t f = rd_field(r, t, slot);
  return f ? rd_ref(r, f) : 0;
}

/* Vector referenced by field `slot`: returns the offset of element 0 and
 * the length in *len (0 / 0 if absent). Checks element alignment. */
static size_t rd_field_vec(rd_t *r, size_t t, unsigned slot, size_t elem,
                           uint32_t *len) {
  size_t f = rd_field(r, t, slot), v;
  *len = 0;
  if (!f) {
    return 0;
  }
  v = rd_ref(r, f);
  if (v % 4 != 0) {
    r->bad = 1;
  }
  *len = rd_u32(r, v);
  if (v + 4 + (size_t)*len * elem > r->n || (v + 4) % (elem < 4 ? 1 : elem)) {
    r->bad = 1;
  }
  return v + 4;
}

/* Element `i` of a vector of tables starting at `v`. */
static size_t rd_vec_table(rd_t *r, size_t v, uint32_t i) {
  return rd_ref(r, v + 4 * (size_t)i);
}

static int rd_field_str_eq(rd_t *r, size_t t, unsigned slot, const char *s) {
  uint32_t len;
  size_t v = rd_field_vec(r, t, slot, 1, &len);
  if (!v || len != strlen(s) || rd_u8(r, v + len) != 0) {
    return 0;
  }
  return memcmp(r->p + v, s, len) == 0;
}

static int rd_vec_i32_eq(rd_t *r, size_t t, unsigned slot, const int32_t *e,
                         uint32_t n) {
  uint32_t len, i;
  size_t v = rd_field_vec(r, t, slot, 4, &len);
  if (!v || len != n) {
    return 0;
  }
  for (i = 0; i < n; i++) {
    if ((int32_t)rd_u32(r, v + 4 * i) != e[i]) {
      return 0;
    }
  }
  return 1;
}

static size_t rd_root(rd_t *r) { return rd_ref(r, 0); }

/* ---- schema slots used below (schema.fbs) ------------------------------ */
enum { M_VERSION, M_OPCODES, M_SUBGRAPHS, M_DESCRIPTION, M_BUFFERS,
       M_METADATA_BUFFER, M_METADATA };
enum { SG_TENSORS, SG_INPUTS, SG_OUTPUTS, SG_OPERATORS, SG_NAME };
enum { T_SHAPE, T_TYPE, T_BUFFER, T_NAME, T_QUANT, T_IS_VARIABLE,
       T_SPARSITY, T_SIGNATURE, T_HAS_RANK };
enum { Q_MIN, Q_MAX, Q_SCALE, Q_ZERO_POINT, Q_DETAILS_TYPE, Q_DETAILS,
       Q_DIM };
enum { OP_OPCODE, OP_INPUTS, OP_OUTPUTS, OP_OPTIONS_TYPE, OP_OPTIONS,
       OP_CUSTOM, OP_CUSTOM_FORMAT, OP_MUTATING, OP_INTERMEDIATES };
enum { OC_DEPRECATED, OC_CUSTOM, OC_VERSION, OC_BUILTIN };

/* ---- a model exercising most of the builder ---------------------------- */

static const float kWeights[6] = {1.5f, -2.0f, 0.25f, 3.0f, -1.0f, 0.5f};
static const int8_t kQWeights[6] = {127, -127, 3, 0, -1, 64};
static const int32_t kBias[3] = {-100, 0, 70000};

static uint8_t *build_sample(size_t *len, tfb_model_t **out_model) {
  tfb_model_t *m = tfb_new();
  tfb_options_t o;
  uint8_t *bytes = NULL;
  int32_t in_shape[2] = {1, 2}, w_shape[2] = {3, 2}, b_shape[1] = {3};
  int32_t out_shape[2] = {1, 3}, new_shape[2] = {3, 1}, r_shape[2] = {3, 1};
  int32_t sig[2] = {-1, 2};
  float ch_scales[3] = {0.5f, 0.25f, 0.125f};
  int64_t ch_zps[3] = {0, 0, 0};
  float act_scale = 0.0625f;
  int64_t act_zp = -7;
  const uint8_t custom_bytes[5] = {1, 2, 3, 4, 5};
  int wbuf, qbuf, bbuf, mdbuf, fc, reshape, custom, t_in, t_w, t_b, t_out;
  int t_q, t_r, t_state, op;
  int32_t ins[3], outs[1], io_in[1], io_out[1];

  CHECK(m != NULL);
  wbuf = tfb_add_buffer(m, kWeights, sizeof kWeights);
  qbuf = tfb_add_buffer(m, kQWeights, sizeof kQWeights);
  bbuf = tfb_add_buffer(m, kBias, sizeof kBias);
  mdbuf = tfb_add_buffer(m, "1.14.0", 7);
  CHECK_EQ_INT(wbuf, 1);
  CHECK_EQ_INT(qbuf, 2);
  CHECK_EQ_INT(bbuf, 3);
  CHECK_EQ_INT(mdbuf, 4);

  fc = tfb_add_opcode(m, 9, NULL, 1);
  reshape = tfb_add_opcode(m, 22, NULL, 1);
  custom = tfb_add_opcode(m, 32, "MyCustom", 2);
  CHECK_EQ_INT(tfb_add_opcode(m, 150, NULL, 3), 3); /* GELU, code > 127 */
  CHECK_EQ_INT(fc, 0);
  CHECK_EQ_INT(reshape, 1);
  CHECK_EQ_INT(custom, 2);

  t_in = tfb_add_tensor(m, "input", 0, in_shape, 2, 0, NULL, NULL, 0, 0,
                        false);
  t_w = tfb_add_tensor(m, "weights", 0, w_shape, 2, wbuf, NULL, NULL, 0, 0,
                       false);
  t_b = tfb_add_tensor(m, "bias", 2, b_shape, 1, bbuf, NULL, NULL, 0, 0,
                       false);
  t_out = tfb_add_tensor(m, "fc_out", 0, out_shape, 2, 0, NULL, NULL, 0, 0,
                         false);
  t_q = tfb_add_tensor(m, "qweights", 9, w_shape, 2, qbuf, ch_scales, ch_zps,
                       3, 0, false);
  t_r = tfb_add_tensor(m, "reshaped", 9, r_shape, 2, 0, &act_scale, &act_zp,
                       1, 0, false);
  t_state = tfb_add_tensor(m, "state", 0, NULL, 0, 0, NULL, NULL, 0, 0, true);
  CHECK_EQ_INT(t_in, 0);
  CHECK_EQ_INT(t_state, 6);
  CHECK_EQ_INT(tfb_set_tensor_signature(m, t_in, sig, 2), 0);

  tfb_options_init(&o);
  CHECK_EQ_INT(tfb_opt_u8(&o, 0, 1), 0);    /* fused RELU */
  CHECK_EQ_INT(tfb_opt_bool(&o, 2, true), 0); /* keep_num_dims */
  ins[0] = t_in;
  ins[1] = t_w;
  ins[2] = t_b;
  outs[0] = t_out;
  op = tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, &o,
                  NULL, 0);
  CHECK_EQ_INT(op, 0);

  tfb_options_init(&o);
  CHECK_EQ_INT(tfb_opt_vec_i32(&o, 0, new_shape, 2), 0);
  ins[0] = t_out;
  ins[1] = -1;
  outs[0] = t_r;
  op = tfb_add_op(m, reshape, ins, 2, outs, 1, TFB_OPTIONS_RESHAPE, &o, NULL,
                  0);
  CHECK_EQ_INT(op, 1);
  new_shape[0] = 99; /* the builder copied the vector */

  ins[0] = t_r;
  outs[0] = t_state;
  op = tfb_add_op(m, custom, ins, 1, outs, 1, 0, NULL, custom_bytes,
                  sizeof custom_bytes);
  CHECK_EQ_INT(op, 2);
  CHECK_EQ_INT(tfb_set_op_intermediates(m, op, &t_q, 1), 0);

  io_in[0] = t_in;
  io_out[0] = t_state;
  CHECK_EQ_INT(tfb_set_io(m, io_in, 1, io_out, 1), 0);
  CHECK_EQ_INT(tfb_add_metadata(m, "min_runtime_version", mdbuf), 0);
  CHECK_EQ_INT(tfb_set_description(m, "builder test"), 0);

  /* A second subgraph with one tensor and no ops. */
  CHECK_EQ_INT(tfb_add_subgraph(m, "second"), 1);
  CHECK_EQ_INT(tfb_add_tensor(m, "only", 9, in_shape, 2, 0, &act_scale,
                              NULL, 1, 0, false),
               0);
  io_in[0] = 0;
  CHECK_EQ_INT(tfb_set_io(m, io_in, 1, io_in, 1), 0);
  CHECK_EQ_INT(tfb_select_subgraph(m, 0), 0);

  CHECK_EQ_INT(tfb_finish(m, &bytes, len), 0);
  CHECK(bytes != NULL);
  if (out_model != NULL) {
    *out_model = m;
  } else {
    tfb_free(m);
  }
  return bytes;
}

static void test_header_and_alignment(void) {
  size_t len;
  uint8_t *b = build_sample(&len, NULL);
  rd_t r;
  size_t root, bufs, i;
  uint32_t nbuf;
  if (b == NULL) {
    return;
  }
  r.p = b;
  r.n = len;
  r.bad = 0;
  CHECK(memcmp(b + 4, "TFL3", 4) == 0);
  CHECK_EQ_INT(len % 16, 0);
  root = rd_root(&r);
  CHECK_EQ_INT(root % 4, 0);
  CHECK_EQ_INT(rd_field_u32(&r, root, M_VERSION, 0), 3);
  CHECK(rd_field_str_eq(&r, root, M_DESCRIPTION, "builder test"));

  bufs = rd_field_vec(&r, root, M_BUFFERS, 4, &nbuf);
  CHECK_EQ_INT(nbuf, 5);
  for (i = 0; i < nbuf; i++) {
    size_t bt = rd_vec_table(&r, bufs, (uint32_t)i);
    uint32_t dlen;
    size_t data = rd_field_vec(&r, bt, 0, 1, &dlen);
    if (i == 0) {
      CHECK(!rd_has(&r, bt, 0)); /* the empty sentinel */
    } else {
      CHECK(data != 0);
      CHECK_EQ_INT(data % 16, 0);
    }
  }
  {
    size_t bt = rd_vec_table(&r, bufs, 1);
    uint32_t dlen;
    size_t data = rd_field_vec(&r, bt, 0, 1, &dlen);
    CHECK_EQ_INT(dlen, sizeof kWeights);
    CHECK(rd_f32(&r, data) == 1.5f);
    CHECK(rd_f32(&r, data + 4) == -2.0f);
    bt = rd_vec_table(&r, bufs, 3);
    data = rd_field_vec(&r, bt, 0, 1, &dlen);
    CHECK_EQ_INT(dlen, 12);
    CHECK_EQ_INT((int32_t)rd_u32(&r, data + 8), 70000);
  }
  CHECK(!r.bad);
  free(b);
}

static void test_opcodes(void) {
  size_t len;
  uint8_t *b = build_sample(&len, NULL);
  rd_t r;
  size_t root, codes, c;
  uint32_t n, slen;
  if (b == NULL) {
    return;
  }
  r.p = b;
  r.n = len;
  r.bad = 0;
  root = rd_root(&r);
  codes = rd_field_vec(&r, root, M_OPCODES, 4, &n);
  CHECK_EQ_INT(n, 4);

  c = rd_vec_table(&r, codes, 0);
  CHECK_EQ_INT(rd_field_u8(&r, c, OC_DEPRECATED, 0), 9);
  CHECK_EQ_INT(rd_field_u32(&r, c, OC_BUILTIN, 0), 9);
  CHECK(!rd_has(&r, c, OC_VERSION)); /* 1 is the default */
  CHECK(!rd_has(&r, c, OC_CUSTOM));
  /* FC and RESHAPE codes have the same fields: one shared vtable. */
  CHECK_EQ_INT(rd_vtable(&r, c), rd_vtable(&r, rd_vec_table(&r, codes, 1)));

  c = rd_vec_table(&r, codes, 2);
  CHECK_EQ_INT(rd_field_u8(&r, c, OC_DEPRECATED, 0), 32);
  CHECK_EQ_INT(rd_field_u32(&r, c, OC_VERSION, 1), 2);
  CHECK(rd_field_str_eq(&r, c, OC_CUSTOM, "MyCustom"));
  rd_field_vec(&r, c, OC_CUSTOM, 1, &slen);
  CHECK_EQ_INT(slen, 8);

  c = rd_vec_table(&r, codes, 3);
  CHECK_EQ_INT(rd_field_u8(&r, c, OC_DEPRECATED, 0), 127);
  CHECK_EQ_INT(rd_field_u32(&r, c, OC_BUILTIN, 0), 150);
  CHECK_EQ_INT(rd_field_u32(&r, c, OC_VERSION, 1), 3);
  CHECK(!r.bad);
  free(b);
}

static void test_tensors(void) {
  size_t len;
  uint8_t *b = build_sample(&len, NULL);
  rd_t r;
  size_t root, sgs, sg, tensors, t, q, v;
  uint32_t n, k;
  const int32_t in_shape[2] = {1, 2}, sig[2] = {-1, 2}, w_shape[2] = {3, 2};
  if (b == NULL) {
    return;
  }
  r.p = b;
  r.n = len;
  r.bad = 0;
  root = rd_root(&r);
  sgs = rd_field_vec(&r, root, M_SUBGRAPHS, 4, &n);
  CHECK_EQ_INT(n, 2);
  sg = rd_vec_table(&r, sgs, 0);
  CHECK(rd_field_str_eq(&r, sg, SG_NAME, "main"));
  tensors = rd_field_vec(&r, sg, SG_TENSORS, 4, &n);
  CHECK_EQ_INT(n, 7);

  t = rd_vec_table(&r, tensors, 0);
  CHECK(rd_field_str_eq(&r, t, T_NAME, "input"));
  CHECK(rd_vec_i32_eq(&r, t, T_SHAPE, in_shape, 2));
  CHECK(rd_vec_i32_eq(&r, t, T_SIGNATURE, sig, 2));
  CHECK(!rd_has(&r, t, T_TYPE));   /* FLOAT32 is the default */
  CHECK(!rd_has(&r, t, T_BUFFER)); /* buffer 0 is the default */
  CHECK(!rd_has(&r, t, T_QUANT));
  CHECK(!rd_has(&r, t, T_IS_VARIABLE));
  CHECK_EQ_INT(rd_field_u8(&r, t, T_HAS_RANK, 0), 1);

  t = rd_vec_table(&r, tensors, 1);
  CHECK_EQ_INT(rd_field_u32(&r, t, T_BUFFER, 0), 1);
  CHECK(rd_vec_i32_eq(&r, t, T_SHAPE, w_shape, 2));

  t = rd_vec_table(&r, tensors, 2);
  CHECK_EQ_INT(rd_field_u8(&r, t, T_TYPE, 0), 2);

  t = rd_vec_table(&r, tensors, 4); /* per-channel int8 */
  CHECK_EQ_INT(rd_field_u8(&r, t, T_TYPE, 0), 9);
  q = rd_field_table(&r, t, T_QUANT);
  CHECK(q != 0);
  v = rd_field_vec(&r, q, Q_SCALE, 4, &n);
  CHECK_EQ_INT(n, 3);
  CHECK(rd_f32(&r, v + 8) == 0.125f);
  v = rd_field_vec(&r, q, Q_ZERO_POINT, 8, &n);
  CHECK_EQ_INT(n, 3);
  CHECK_EQ_INT(v % 8, 0);
  for (k = 0; k < n; k++) {
    CHECK_EQ_INT(rd_i64(&r, v + 8 * k), 0);
  }
  CHECK(!rd_has(&r, q, Q_DIM));
  CHECK(!rd_has(&r, q, Q_MIN));
  /* Tensors 4 and 5 have quantization tables with the same fields: they
   * share one vtable. */
  CHECK_EQ_INT(rd_vtable(&r, q), rd_vtable(&r, rd_field_table(
                                     &r, rd_vec_table(&r, tensors, 5),
                                     T_QUANT)));

  t = rd_vec_table(&r, tensors, 5); /* per-tensor, negative zero point */
  q = rd_field_table(&r, t, T_QUANT);
  v = rd_field_vec(&r, q, Q_ZERO_POINT, 8, &n);
  CHECK_EQ_INT(n, 1);
  CHECK_EQ_INT(rd_i64(&r, v), -7);
  v = rd_field_vec(&r, q, Q_SCALE, 4, &n);
  CHECK(rd_f32(&r, v) == 0.0625f);

  t = rd_vec_table(&r, tensors, 6); /* scalar state */
  CHECK_EQ_INT(rd_field_u8(&r, t, T_IS_VARIABLE, 0), 1);
  rd_field_vec(&r, t, T_SHAPE, 4, &n);
  CHECK(rd_has(&r, t, T_SHAPE));
  CHECK_EQ_INT(n, 0);

  sg = rd_vec_table(&r, sgs, 1);
  CHECK(rd_field_str_eq(&r, sg, SG_NAME, "second"));
  rd_field_vec(&r, sg, SG_TENSORS, 4, &n);
  CHECK_EQ_INT(n, 1);
  rd_field_vec(&r, sg, SG_OPERATORS, 4, &n);
  CHECK_EQ_INT(n, 0);
  CHECK(!r.bad);
  free(b);
}

static void test_operators(void) {
  size_t len;
  uint8_t *b = build_sample(&len, NULL);
  rd_t r;
  size_t root, sg, ops, op, opt, v, md;
  uint32_t n;
  const int32_t fc_in[3] = {0, 1, 2}, rs_in[2] = {3, -1}, new_shape[2] = {3, 1};
  const int32_t one[1] = {6}, zero[1] = {0}, inter[1] = {4};
  if (b == NULL) {
    return;
  }
  r.p = b;
  r.n = len;
  r.bad = 0;
  root = rd_root(&r);
  sg = rd_vec_table(&r, rd_field_vec(&r, root, M_SUBGRAPHS, 4, &n), 0);
  ops = rd_field_vec(&r, sg, SG_OPERATORS, 4, &n);
  CHECK_EQ_INT(n, 3);
  CHECK(rd_vec_i32_eq(&r, sg, SG_INPUTS, zero, 1));
  CHECK(rd_vec_i32_eq(&r, sg, SG_OUTPUTS, one, 1));

  op = rd_vec_table(&r, ops, 0);
  CHECK(!rd_has(&r, op, OP_OPCODE)); /* opcode 0 is the default */
  CHECK(rd_vec_i32_eq(&r, op, OP_INPUTS, fc_in, 3));
  CHECK_EQ_INT(rd_field_u8(&r, op, OP_OPTIONS_TYPE, 0), 8);
  opt = rd_field_table(&r, op, OP_OPTIONS);
  CHECK_EQ_INT(rd_field_u8(&r, opt, 0, 0), 1);
  CHECK(!rd_has(&r, opt, 1));
  CHECK_EQ_INT(rd_field_u8(&r, opt, 2, 0), 1);
  CHECK(!rd_has(&r, op, OP_CUSTOM));

  op = rd_vec_table(&r, ops, 1);
  CHECK_EQ_INT(rd_field_u32(&r, op, OP_OPCODE, 0), 1);
  CHECK(rd_vec_i32_eq(&r, op, OP_INPUTS, rs_in, 2));
  CHECK_EQ_INT(rd_field_u8(&r, op, OP_OPTIONS_TYPE, 0), 17);
  opt = rd_field_table(&r, op, OP_OPTIONS);
  CHECK(rd_vec_i32_eq(&r, opt, 0, new_shape, 2));

  op = rd_vec_table(&r, ops, 2);
  CHECK(!rd_has(&r, op, OP_OPTIONS_TYPE));
  CHECK(!rd_has(&r, op, OP_OPTIONS));
  v = rd_field_vec(&r, op, OP_CUSTOM, 1, &n);
  CHECK_EQ_INT(n, 5);
  CHECK_EQ_INT(rd_u8(&r, v + 4), 5);
  CHECK(rd_vec_i32_eq(&r, op, OP_INTERMEDIATES, inter, 1));

  md = rd_vec_table(&r, rd_field_vec(&r, root, M_METADATA, 4, &n), 0);
  CHECK_EQ_INT(n, 1);
  CHECK(rd_field_str_eq(&r, md, 0, "min_runtime_version"));
  CHECK_EQ_INT(rd_field_u32(&r, md, 1, 0), 4);
  CHECK(!r.bad);
  free(b);
}

/* Finishing twice gives the same bytes; an edit shows up in the next. */
static void test_finish_repeatable(void) {
  tfb_model_t *m = NULL;
  size_t len1, len2;
  uint8_t *b1 = build_sample(&len1, &m), *b2 = NULL;
  if (b1 == NULL || m == NULL) {
    tfb_free(m);
    free(b1);
    return;
  }
  CHECK_EQ_INT(tfb_finish(m, &b2, &len2), 0);
  CHECK_EQ_INT(len1, len2);
  CHECK(b2 != NULL && memcmp(b1, b2, len1) == 0);
  free(b2);
  CHECK_EQ_INT(tfb_set_description(m, NULL), 0);
  CHECK_EQ_INT(tfb_finish(m, &b2, &len2), 0);
  CHECK(len2 < len1);
  free(b1);
  free(b2);
  tfb_free(m);
}

/* A model with nothing in it is still a valid flatbuffer. */
static void test_empty_model(void) {
  tfb_model_t *m = tfb_new();
  uint8_t *b = NULL;
  size_t len = 0, root, bufs, sg;
  uint32_t n;
  rd_t r;
  CHECK_EQ_INT(tfb_finish(m, &b, &len), 0);
  if (b == NULL) {
    tfb_free(m);
    return;
  }
  r.p = b;
  r.n = len;
  r.bad = 0;
  CHECK(memcmp(b + 4, "TFL3", 4) == 0);
  CHECK_EQ_INT(len % 4, 0);
  root = rd_root(&r);
  bufs = rd_field_vec(&r, root, M_BUFFERS, 4, &n);
  CHECK_EQ_INT(n, 1);
  CHECK(!rd_has(&r, rd_vec_table(&r, bufs, 0), 0));
  rd_field_vec(&r, root, M_OPCODES, 4, &n);
  CHECK_EQ_INT(n, 0);
  sg = rd_vec_table(&r, rd_field_vec(&r, root, M_SUBGRAPHS, 4, &n), 0);
  CHECK_EQ_INT(n, 1);
  rd_field_vec(&r, sg, SG_TENSORS, 4, &n);
  CHECK_EQ_INT(n, 0);
  CHECK(!rd_has(&r, root, M_METADATA));
  CHECK(!rd_has(&r, root, M_DESCRIPTION));
  CHECK(!r.bad);
  free(b);
  tfb_free(m);
}

/* Bad arguments are reported by the call and again by tfb_finish. */
static void test_errors(void) {
  tfb_model_t *m = tfb_new();
  tfb_options_t o;
  uint8_t *b = (uint8_t *)&o;
  size_t len = 1;
  int i;
  CHECK_EQ_INT(tfb_error(m)[0], 0);
  tfb_options_init(&o);
  for (i = 0; i < TFB_MAX_OPTIONS; i++) {
    CHECK_EQ_INT(tfb_opt_i32(&o, i, i), 0);
  }
  CHECK_EQ_INT(tfb_opt_i32(&o, 99, 1), -1); /* full */
  CHECK_EQ_INT(tfb_opt_int(&o, 0, TFB_VEC_INT32, 1), -1);
  CHECK_EQ_INT(tfb_add_buffer(m, NULL, 4), -1);
  CHECK(strstr(tfb_error(m), "tfb_add_buffer") != NULL);
  CHECK_EQ_INT(tfb_add_tensor(m, "x", 0, NULL, 2, 0, NULL, NULL, 0, 0, false),
               -1);
  CHECK_EQ_INT(tfb_select_subgraph(m, 5), -1);
  CHECK(strstr(tfb_error(m), "tfb_add_buffer") != NULL); /* the first */
  CHECK_EQ_INT(tfb_finish(m, &b, &len), -1);
  CHECK(b == NULL);
  CHECK_EQ_INT(len, 0);
  tfb_free(m);

  m = tfb_new();
  tfb_options_init(&o);
  tfb_opt_i32(&o, 1, 1);
  tfb_opt_i32(&o, 1, 2);
  CHECK_EQ_INT(tfb_add_op(m, 0, NULL, 0, NULL, 0, 1, &o, NULL, 0), -1);
  CHECK(strstr(tfb_error(m), "twice") != NULL);
  tfb_free(m);
  tfb_free(NULL);
}

/* Option kinds: every scalar width and vector kind lands where the reader
 * expects it. */
static void test_option_kinds(void) {
  tfb_model_t *m = tfb_new();
  tfb_options_t o;
  uint8_t *b = NULL;
  size_t len = 0, root, op, opt, v;
  uint32_t n;
  rd_t r;
  const int64_t longs[2] = {-5, 1099511627776LL};
  const float floats[1] = {2.5f};
  tfb_options_init(&o);
  tfb_opt_int(&o, 0, TFB_INT8, -3);
  tfb_opt_int(&o, 1, TFB_INT16, -300);
  tfb_opt_int(&o, 2, TFB_UINT32, 4000000000LL);
  tfb_opt_int(&o, 3, TFB_INT64, -9000000000LL);
  tfb_opt_f32(&o, 4, 0.75f);
  tfb_opt_vec_i64(&o, 5, longs, 2);
  tfb_opt_vec_f32(&o, 6, floats, 1);
  tfb_opt_string(&o, 7, "shared");
  CHECK_EQ_INT(tfb_add_op(m, 0, NULL, 0, NULL, 0, 120, &o, NULL, 0), 0);
  CHECK_EQ_INT(tfb_finish(m, &b, &len), 0);
  if (b == NULL) {
    tfb_free(m);
    return;
  }
  r.p = b;
  r.n = len;
  r.bad = 0;
  root = rd_root(&r);
  op = rd_vec_table(&r, rd_field_vec(&r, root, M_SUBGRAPHS, 4, &n), 0);
  op = rd_vec_table(&r, rd_field_vec(&r, op, SG_OPERATORS, 4, &n), 0);
  CHECK_EQ_INT(rd_field_u8(&r, op, OP_OPTIONS_TYPE, 0), 120);
  opt = rd_field_table(&r, op, OP_OPTIONS);
  CHECK_EQ_INT((int8_t)rd_field_u8(&r, opt, 0, 0), -3);
  v = rd_field(&r, opt, 1);
  CHECK_EQ_INT(v % 2, 0);
  CHECK_EQ_INT((int16_t)rd_u16(&r, v), -300);
  CHECK_EQ_INT(rd_field_u32(&r, opt, 2, 0), 4000000000LL);
  v = rd_field(&r, opt, 3);
  CHECK_EQ_INT(v % 8, 0);
  CHECK_EQ_INT(rd_i64(&r, v), -9000000000LL);
  CHECK(rd_f32(&r, rd_field(&r, opt, 4)) == 0.75f);
  v = rd_field_vec(&r, opt, 5, 8, &n);
  CHECK_EQ_INT(n, 2);
  CHECK_EQ_INT(rd_i64(&r, v + 8), 1099511627776LL);
  v = rd_field_vec(&r, opt, 6, 4, &n);
  CHECK(n == 1 && rd_f32(&r, v) == 2.5f);
  CHECK(rd_field_str_eq(&r, opt, 7, "shared"));
  CHECK(!r.bad);
  free(b);
  tfb_free(m);
}

/* mote's verifier accepts the sample and reads the same things back. */
static void test_mote_model_open(void) {
  size_t len;
  uint8_t *b = build_sample(&len, NULL);
  mote_model_t model;
  mote_error_t err;
  mote_op_info_t info;
  mote_tensor_t t;
  if (b == NULL) {
    return;
  }
  err.message[0] = '\0';
  CHECK_EQ_INT(mote_model_open(&model, b, len, &err), MOTE_OK);
  if (err.message[0] != '\0') {
    fprintf(stderr, "mote_model_open: %s\n", err.message);
  }
  CHECK_EQ_INT(mote_model_subgraph_count(&model), 2);
  CHECK_EQ_INT(mote_model_tensor_count(&model, 0), 7);
  CHECK_EQ_INT(mote_model_op_count(&model, 0), 3);
  CHECK_EQ_INT(mote_model_input_index(&model, 0, 0), 0);
  CHECK_EQ_INT(mote_model_output_index(&model, 0, 0), 6);
  CHECK(strcmp(mote_model_description(&model), "builder test") == 0);
  CHECK(strcmp(mote_model_tensor_name(&model, 0, 2), "bias") == 0);

  CHECK_EQ_INT(mote_model_op(&model, 0, 0, &info), MOTE_OK);
  CHECK_EQ_INT(info.builtin, MOTE_OP_FULLY_CONNECTED);
  CHECK_EQ_INT(info.version, 1);
  CHECK_EQ_INT(info.input_count, 3);
  CHECK_EQ_INT(mote_model_op(&model, 0, 2, &info), MOTE_OK);
  CHECK_EQ_INT(info.version, 2);
  CHECK(info.custom_name != NULL && strcmp(info.custom_name, "MyCustom") == 0);
  CHECK_EQ_INT(mote_model_op_input(&model, 0, 1, 1), -1);

  CHECK_EQ_INT(mote_model_tensor(&model, 0, 4, &t), MOTE_OK);
  CHECK_EQ_INT(t.type, MOTE_TYPE_INT8);
  CHECK_EQ_INT(t.quant_count, 3);
  CHECK_NEAR(mote_tensor_channel_scale(&t, 2), 0.125, 0);
  CHECK(t.data != NULL && ((const int8_t *)t.data)[5] == 64);
  CHECK_EQ_INT(mote_model_tensor(&model, 0, 2, &t), MOTE_OK);
  CHECK(t.data != NULL && ((const int32_t *)t.data)[2] == 70000);
  CHECK_EQ_INT(mote_model_tensor(&model, 0, 5, &t), MOTE_OK);
  CHECK_EQ_INT(t.zero_point, -7);
  free(b);
}

/* The builder writes indices as given, so a test can break one; the
 * verifier must notice. */
static void test_mote_rejects_bad_index(void) {
  tfb_model_t *m = tfb_new();
  int32_t shape[1] = {4};
  uint8_t *b = NULL;
  size_t len = 0;
  mote_model_t model;
  mote_error_t err;
  int32_t io[1] = {0};
  tfb_add_tensor(m, "t", 0, shape, 1, 7 /* no such buffer */, NULL, NULL, 0,
                 0, false);
  tfb_set_io(m, io, 1, io, 1);
  CHECK_EQ_INT(tfb_finish(m, &b, &len), 0);
  if (b != NULL) {
    CHECK_EQ_INT(mote_model_open(&model, b, len, &err),
                 MOTE_ERR_CORRUPT_MODEL);
  }
  free(b);
  tfb_free(m);
}

int main(void) {
  MOTE_RUN(test_header_and_alignment);
  MOTE_RUN(test_opcodes);
  MOTE_RUN(test_tensors);
  MOTE_RUN(test_operators);
  MOTE_RUN(test_finish_repeatable);
  MOTE_RUN(test_empty_model);
  MOTE_RUN(test_errors);
  MOTE_RUN(test_option_kinds);
  MOTE_RUN(test_mote_model_open);
  MOTE_RUN(test_mote_rejects_bad_index);
  return MOTE_TEST_END();
}
