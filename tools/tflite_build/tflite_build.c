/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tflite_build: a .tflite flatbuffer writer.
 *
 * Design. The model is first collected as plain C arrays (buffers, operator
 * codes, subgraphs of tensors and operators), copying everything the caller
 * passes. tfb_finish() then serializes it in one go with a small generic
 * flatbuffer writer (the fbw_* functions below), which works the way flatc's
 * C++ FlatBufferBuilder does: the file is built back to front in a buffer
 * that grows downward, children before parents, so every reference is a
 * forward (unsigned) offset. An object is identified while building by its
 * distance from the end of the buffer, which does not change as more is
 * written in front of it.
 *
 * Alignment is handled as flatc does: before writing n bytes that need
 * alignment a, zero padding is inserted so the object ends (and therefore
 * starts) at a multiple of a measured from the end; at the end the whole
 * file is padded to a multiple of the largest alignment seen, which makes
 * "aligned from the end" the same as "aligned from the start".
 *
 * A table is described as a list of fields and written in one call: scalars
 * and references are placed largest first and, within one size, in reverse
 * field order (the order flatc-generated Create functions use, so the
 * converter's files and ours look alike), then the vtable is written or an
 * identical earlier one is reused.
 *
 * Rejected: writing front to back (references would point backward, which
 * flatbuffers forbids, or need a second layout pass); reusing flatc's
 * generated code (C++, and mote wants no dependencies); a general-purpose
 * builder API exposed to callers (nothing needs it beyond .tflite).
 */
#include "tflite_build.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest file the writer produces: flatbuffers offsets are 32-bit and
 * signed offsets must fit too. */
#define FBW_MAX_SIZE 0x7FFFFFF0u

/* ===================================================================== */
/* Generic back-to-front flatbuffer writer                               */
/* ===================================================================== */

typedef struct fbw {
  uint8_t *buf;
  size_t cap;
  size_t size;     /* bytes in use, at buf[cap - size .. cap) */
  size_t minalign; /* largest alignment requested */
  uint32_t *vtables; /* positions (from the end) of vtables written */
  size_t nvtables;
  size_t capvtables;
  int failed;      /* out of memory or too large */
} fbw_t;

/* One field of a table being written. */
typedef struct fbw_field {
  uint16_t slot;   /* field index in the schema table */
  uint8_t size;    /* 1, 2, 4 or 8 bytes */
  uint8_t is_ref;  /* bits holds a reference (position from the end) */
  uint64_t bits;   /* scalar value, little-endian order when written */
} fbw_field_t;

/* Most fields any table we write has (Operator has 13 slots, options
 * tables at most TFB_MAX_OPTIONS). */
#define FBW_MAX_FIELDS 32

static void fbw_init(fbw_t *w) {
  memset(w, 0, sizeof *w);
  w->minalign = 1;
}

static void fbw_release(fbw_t *w) {
  free(w->buf);
  free(w->vtables);
  memset(w, 0, sizeof *w);
}

static uint8_t *fbw_top(fbw_t *w) { return w->buf + w->cap - w->size; }

/* Makes room for `n` more bytes in front of what is written. */
static int fbw_reserve(fbw_t *w, size_t n) {
  size_t ncap;
  uint8_t *nb;
  if (w->failed) {
    return -1;
  }
  if (w->cap - w->size >= n) {
    return 0;
  }
  if (n > FBW_MAX_SIZE || w->size + n > FBW_MAX_SIZE) {
    w->failed = 1;
    return -1;
  }
  ncap = w->cap ? w->cap : 1024;
  while (ncap - w->size < n) {
    ncap *= 2;
  }
  nb = (uint8_t *)malloc(ncap);
  if (nb == NULL) {
    w->failed = 1;
    return -1;
  }
  if (w->size) {
    memcpy(nb + ncap - w->size, w->buf + w->cap - w->size, w->size);
  }
  free(w->buf);
  w->buf = nb;
  w->cap = ncap;
  return 0;
}

static void fbw_bytes(fbw_t *w, const void *p, size_t n) {
  if (n == 0 || fbw_reserve(w, n) != 0) {
    return;
  }
  w->size += n;
  memcpy(fbw_top(w), p, n);
}

static void fbw_zeros(fbw_t *w, size_t n) {
  if (n == 0 || fbw_reserve(w, n) != 0) {
    return;
  }
  w->size += n;
  memset(fbw_top(w), 0, n);
}

/* Writes the low `n` bytes of `v`, little-endian. */
static void fbw_le(fbw_t *w, uint64_t v, size_t n) {
  uint8_t b[8];
  size_t i;
  for (i = 0; i < n; i++) {
    b[i] = (uint8_t)(v >> (8 * i));
  }
  fbw_bytes(w, b, n);
}

/* Pads so that after `extra` more bytes the size is a multiple of `align`
 * (a power of two). */
static void fbw_align(fbw_t *w, size_t align, size_t extra) {
  size_t pad;
  if (align > w->minalign) {
    w->minalign = align;
  }
  pad = (align - ((w->size + extra) & (align - 1))) & (align - 1);
  fbw_zeros(w, pad);
}

/* Writes a uoffset to the object at `ref`, from the position written. */
static void fbw_ref(fbw_t *w, uint32_t ref) {
  fbw_align(w, 4, 0);
  fbw_le(w, (uint64_t)(w->size + 4 - ref), 4);
}

static void fbw_vec_begin(fbw_t *w, size_t n, size_t elem, size_t align) {
  fbw_align(w, 4, n * elem);
  fbw_align(w, align, n * elem);
}

static uint32_t fbw_vec_end(fbw_t *w, size_t n) {
  fbw_le(w, (uint64_t)n, 4);
  return (uint32_t)w->size;
}

static uint32_t fbw_vec_i32(fbw_t *w, const int32_t *v, size_t n) {
  size_t i;
  fbw_vec_begin(w, n, 4, 4);
  for (i = n; i-- > 0;) {
    fbw_le(w, (uint32_t)v[i], 4);
  }
  return fbw_vec_end(w, n);
}

static uint32_t fbw_vec_i64(fbw_t *w, const int64_t *v, size_t n) {
  size_t i;
  fbw_vec_begin(w, n, 8, 8);
  for (i = n; i-- > 0;) {
    fbw_le(w, (uint64_t)v[i], 8);
  }
  return fbw_vec_end(w, n);
}

static uint32_t fbw_vec_f32(fbw_t *w, const float *v, size_t n) {
  size_t i;
  uint32_t u;
  fbw_vec_begin(w, n, 4, 4);
  for (i = n; i-- > 0;) {
    memcpy(&u, &v[i], 4);
    fbw_le(w, u, 4);
  }
  return fbw_vec_end(w, n);
}

static uint32_t fbw_vec_u8(fbw_t *w, const uint8_t *v, size_t n,
                           size_t align) {
  fbw_vec_begin(w, n, 1, align);
  fbw_bytes(w, v, n);
  return fbw_vec_end(w, n);
}

static uint32_t fbw_vec_refs(fbw_t *w, const uint32_t *refs, size_t n) {
  size_t i;
  fbw_vec_begin(w, n, 4, 4);
  for (i = n; i-- > 0;) {
    fbw_ref(w, refs[i]);
  }
  return fbw_vec_end(w, n);
}

static uint32_t fbw_string(fbw_t *w, const char *s) {
  size_t n = strlen(s);
  fbw_align(w, 4, n + 1);
  fbw_zeros(w, 1);
  fbw_bytes(w, s, n);
  return fbw_vec_end(w, n);
}

/* Placement order: larger fields first, then higher slots first. */
static int fbw_field_before(const fbw_field_t *a, const fbw_field_t *b) {
  if (a->size != b->size) {
    return a->size > b->size;
  }
  return a->slot > b->slot;
}

/* Writes a table with `n` fields (distinct slots) and returns its
 * reference. */
static uint32_t fbw_table(fbw_t *w, const fbw_field_t *fields, size_t n) {
  fbw_field_t f[FBW_MAX_FIELDS];
  uint32_t pos[FBW_MAX_FIELDS];
  uint8_t vt[4 + 2 * 256];
  size_t i, j, nslots = 0, vtlen, start, tbl, objsize;
  uint32_t vtpos = 0;
  int32_t soff;
  uint8_t *p;

  if (n > FBW_MAX_FIELDS) {
    w->failed = 1;
    return 0;
  }
  /* Insertion sort into placement order. */
  for (i = 0; i < n; i++) {
    fbw_field_t x = fields[i];
    for (j = i; j > 0 && fbw_field_before(&x, &f[j - 1]); j--) {
      f[j] = f[j - 1];
    }
    f[j] = x;
    if ((size_t)x.slot + 1 > nslots) {
      nslots = (size_t)x.slot + 1;
    }
  }
  if (nslots > 256) {
    w->failed = 1;
    return 0;
  }

  start = w->size;
  for (i = 0; i < n; i++) {
    if (f[i].is_ref) {
      fbw_ref(w, (uint32_t)f[i].bits);
    } else {
      fbw_align(w, f[i].size, 0);
      fbw_le(w, f[i].bits, f[i].size);
    }
    pos[i] = (uint32_t)w->size;
  }
  fbw_align(w, 4, 0);
  fbw_le(w, 0, 4); /* soffset to the vtable, patched below */
  tbl = w->size;
  objsize = tbl - start;
  if (w->failed || objsize > 0xFFFF) {
    w->failed = 1;
    return 0;
  }

  vtlen = 4 + 2 * nslots;
  memset(vt, 0, vtlen);
  vt[0] = (uint8_t)vtlen;
  vt[1] = (uint8_t)(vtlen >> 8);
  vt[2] = (uint8_t)objsize;
  vt[3] = (uint8_t)(objsize >> 8);
  for (i = 0; i < n; i++) {
    size_t at = 4 + 2 * (size_t)f[i].slot;
    size_t off = tbl - pos[i];
    vt[at] = (uint8_t)off;
    vt[at + 1] = (uint8_t)(off >> 8);
  }

  /* Share an identical vtable written earlier, as flatc does. */
  for (i = 0; i < w->nvtables; i++) {
    const uint8_t *old = w->buf + w->cap - w->vtables[i];
    if (old[0] == vt[0] && old[1] == vt[1] && memcmp(old, vt, vtlen) == 0) {
      vtpos = w->vtables[i];
      break;
    }
  }
  if (vtpos == 0) {
    fbw_bytes(w, vt, vtlen);
    if (w->failed) {
      return 0;
    }
    vtpos = (uint32_t)w->size;
    if (w->nvtables == w->capvtables) {
      size_t ncap = w->capvtables ? 2 * w->capvtables : 16;
      uint32_t *nv = (uint32_t *)realloc(w->vtables, ncap * sizeof *nv);
      if (nv == NULL) {
        w->failed = 1;
        return 0;
      }
      w->vtables = nv;
      w->capvtables = ncap;
    }
    w->vtables[w->nvtables++] = vtpos;
  }
  /* vtable = table - soffset; both measured from the end here. */
  soff = (int32_t)((int64_t)vtpos - (int64_t)tbl);
  p = w->buf + w->cap - tbl;
  {
    uint32_t u = (uint32_t)soff;
    p[0] = (uint8_t)u;
    p[1] = (uint8_t)(u >> 8);
    p[2] = (uint8_t)(u >> 16);
    p[3] = (uint8_t)(u >> 24);
  }
  return (uint32_t)tbl;
}

/* Table-building helpers: append one field to a list. */
static void fld_scalar(fbw_field_t *f, size_t *n, int slot, int size,
                       uint64_t bits) {
  f[*n].slot = (uint16_t)slot;
  f[*n].size = (uint8_t)size;
  f[*n].is_ref = 0;
  f[*n].bits = bits;
  (*n)++;
}

static void fld_ref(fbw_field_t *f, size_t *n, int slot, uint32_t ref) {
  f[*n].slot = (uint16_t)slot;
  f[*n].size = 4;
  f[*n].is_ref = 1;
  f[*n].bits = ref;
  (*n)++;
}

/* Root offset and file identifier; the result is at fbw_top(w). */
static void fbw_finish(fbw_t *w, uint32_t root, const char ident[4]) {
  fbw_align(w, w->minalign, 8);
  fbw_bytes(w, ident, 4);
  fbw_ref(w, root);
}

/* ===================================================================== */
/* The model description                                                 */
/* ===================================================================== */

typedef struct tfb_buffer {
  uint8_t *data; /* NULL for an empty buffer */
  size_t len;
  int external;
  uint64_t offset, size;
  int data_at; /* file offset of the data mod 16 (a multiple of 4) */
} tfb_buffer_t;

typedef struct tfb_tensor {
  char *name;
  int type;
  int32_t *shape;
  int rank;
  int32_t *signature; /* NULL when not set */
  int sig_rank;
  uint32_t buffer;
  float *scales;
  int64_t *zero_points;
  int nquant;
  int quant_dim;
  bool is_variable;
} tfb_tensor_t;

typedef struct tfb_opcode {
  int builtin;
  char *custom;
  int version;
} tfb_opcode_t;

/* Options kept by an operator: the caller's list with data copied. */
typedef struct tfb_op {
  int opcode;
  int32_t *inputs;
  int nin;
  int32_t *outputs;
  int nout;
  int32_t *intermediates; /* NULL when not set */
  int ninter;
  int options_type;
  tfb_options_t opts;  /* data pointers point at opt_data[i] */
  void *opt_data[TFB_MAX_OPTIONS];
  uint8_t *custom;     /* NULL when none */
  size_t ncustom;
} tfb_op_t;

typedef struct tfb_subgraph {
  char *name;
  tfb_tensor_t *tensors;
  int ntensors, captensors;
  tfb_op_t *ops;
  int nops, capops;
  int32_t *inputs;
  int nin;
  int32_t *outputs;
  int nout;
} tfb_subgraph_t;

typedef struct tfb_metadata {
  char *name;
  uint32_t buffer;
} tfb_metadata_t;

struct tfb_model {
  tfb_buffer_t *buffers;
  int nbuffers, capbuffers;
  tfb_opcode_t *opcodes;
  int nopcodes, capopcodes;
  tfb_subgraph_t *subgraphs;
  int nsubgraphs, capsubgraphs;
  int current;
  tfb_metadata_t *metadata;
  int nmetadata, capmetadata;
  char *description;
  char error[160];
};

static int fail(tfb_model_t *m, const char *fmt, ...) {
  va_list ap;
  if (m->error[0] == '\0') {
    va_start(ap, fmt);
    vsnprintf(m->error, sizeof m->error, fmt, ap);
    va_end(ap);
  }
  return -1;
}

/* Ensures room for `need` elements; returns the (possibly moved) array or
 * NULL, leaving the old one intact. */
static void *grow(void *arr, int *cap, int need, size_t elem) {
  int ncap;
  void *p;
  if (need <= *cap) {
    return arr;
  }
  ncap = *cap ? *cap * 2 : 8;
  while (ncap < need) {
    ncap *= 2;
  }
  p = realloc(arr, (size_t)ncap * elem);
  if (p != NULL) {
    *cap = ncap;
  }
  return p;
}

/* Copy of n bytes (a valid pointer even for n == 0), or NULL. */
static void *dup_bytes(const void *src, size_t n) {
  void *p = malloc(n ? n : 1);
  if (p != NULL && n) {
    memcpy(p, src, n);
  }
  return p;
}

static char *dup_str(const char *s) {
  return (char *)dup_bytes(s, strlen(s) + 1);
}

/* Copies count int32s into *dst; 0 or -1 (recorded). */
static int dup_i32(tfb_model_t *m, int32_t **dst, const int32_t *src,
                   int count, const char *what) {
  if (count < 0 || (count > 0 && src == NULL)) {
    return fail(m, "%s: bad count %d or NULL list", what, count);
  }
  *dst = (int32_t *)dup_bytes(src, (size_t)count * sizeof(int32_t));
  if (*dst == NULL) {
    return fail(m, "%s: out of memory", what);
  }
  return 0;
}

static tfb_subgraph_t *cur(tfb_model_t *m) {
  return &m->subgraphs[m->current];
}

static void free_op(tfb_op_t *op) {
  int i;
  free(op->inputs);
  free(op->outputs);
  free(op->intermediates);
  free(op->custom);
  for (i = 0; i < TFB_MAX_OPTIONS; i++) {
    free(op->opt_data[i]);
  }
}

static void free_tensor(tfb_tensor_t *t) {
  free(t->name);
  free(t->shape);
  free(t->signature);
  free(t->scales);
  free(t->zero_points);
}

void tfb_free(tfb_model_t *m) {
  int i, j;
  if (m == NULL) {
    return;
  }
  for (i = 0; i < m->nbuffers; i++) {
    free(m->buffers[i].data);
  }
  for (i = 0; i < m->nopcodes; i++) {
    free(m->opcodes[i].custom);
  }
  for (i = 0; i < m->nsubgraphs; i++) {
    tfb_subgraph_t *s = &m->subgraphs[i];
    for (j = 0; j < s->ntensors; j++) {
      free_tensor(&s->tensors[j]);
    }
    for (j = 0; j < s->nops; j++) {
      free_op(&s->ops[j]);
    }
    free(s->name);
    free(s->tensors);
    free(s->ops);
    free(s->inputs);
    free(s->outputs);
  }
  for (i = 0; i < m->nmetadata; i++) {
    free(m->metadata[i].name);
  }
  free(m->buffers);
  free(m->opcodes);
  free(m->subgraphs);
  free(m->metadata);
  free(m->description);
  free(m);
}

tfb_model_t *tfb_new(void) {
  tfb_model_t *m = (tfb_model_t *)calloc(1, sizeof *m);
  if (m == NULL) {
    return NULL;
  }
  if (tfb_add_buffer(m, NULL, 0) != 0 || tfb_add_subgraph(m, "main") != 0) {
    tfb_free(m);
    return NULL;
  }
  return m;
}

const char *tfb_error(const tfb_model_t *m) {
  return m != NULL ? m->error : "NULL model";
}

int tfb_add_buffer(tfb_model_t *m, const void *data, size_t len) {
  tfb_buffer_t *b;
  void *p;
  if (len > 0 && data == NULL) {
    return fail(m, "tfb_add_buffer: NULL data with length %lu",
                (unsigned long)len);
  }
  p = grow(m->buffers, &m->capbuffers, m->nbuffers + 1, sizeof *m->buffers);
  if (p == NULL) {
    return fail(m, "tfb_add_buffer: out of memory");
  }
  m->buffers = (tfb_buffer_t *)p;
  b = &m->buffers[m->nbuffers];
  memset(b, 0, sizeof *b);
  if (len > 0) {
    b->data = (uint8_t *)dup_bytes(data, len);
    if (b->data == NULL) {
      return fail(m, "tfb_add_buffer: out of memory");
    }
    b->len = len;
  }
  return m->nbuffers++;
}

int tfb_set_buffer_external(tfb_model_t *m, int buffer, uint64_t offset,
                            uint64_t size) {
  if (buffer < 0 || buffer >= m->nbuffers) {
    return fail(m, "tfb_set_buffer_external: no buffer %d", buffer);
  }
  m->buffers[buffer].external = 1;
  m->buffers[buffer].offset = offset;
  m->buffers[buffer].size = size;
  return 0;
}

int tfb_set_buffer_data_at(tfb_model_t *m, int buffer, int mod16) {
  if (buffer <= 0 || buffer >= m->nbuffers || mod16 < 0 || mod16 > 12 ||
      mod16 % 4 != 0) {
    return fail(m, "tfb_set_buffer_data_at: no buffer %d or offset %d not "
                   "0, 4, 8 or 12", buffer, mod16);
  }
  m->buffers[buffer].data_at = mod16;
  return 0;
}

int tfb_add_tensor(tfb_model_t *m, const char *name, int type,
                   const int32_t *shape, int rank, int buffer,
                   const float *scales, const int64_t *zero_points,
                   int nquant, int quant_dim, bool is_variable) {
  tfb_subgraph_t *s = cur(m);
  tfb_tensor_t t;
  void *p;
  int i;

  memset(&t, 0, sizeof t);
  t.type = type;
  t.rank = rank;
  t.sig_rank = -1;
  t.buffer = (uint32_t)buffer;
  t.nquant = nquant;
  t.quant_dim = quant_dim;
  t.is_variable = is_variable;
  if (nquant < 0 || (nquant > 0 && scales == NULL)) {
    return fail(m, "tfb_add_tensor: bad quantization count %d", nquant);
  }
  if (dup_i32(m, &t.shape, shape, rank, "tfb_add_tensor shape") != 0) {
    return -1;
  }
  if (name != NULL && (t.name = dup_str(name)) == NULL) {
    free_tensor(&t);
    return fail(m, "tfb_add_tensor: out of memory");
  }
  if (nquant > 0) {
    t.scales = (float *)dup_bytes(scales, (size_t)nquant * sizeof(float));
    t.zero_points = (int64_t *)calloc((size_t)nquant, sizeof(int64_t));
    if (t.scales == NULL || t.zero_points == NULL) {
      free_tensor(&t);
      return fail(m, "tfb_add_tensor: out of memory");
    }
    for (i = 0; zero_points != NULL && i < nquant; i++) {
      t.zero_points[i] = zero_points[i];
    }
  }
  p = grow(s->tensors, &s->captensors, s->ntensors + 1, sizeof t);
  if (p == NULL) {
    free_tensor(&t);
    return fail(m, "tfb_add_tensor: out of memory");
  }
  s->tensors = (tfb_tensor_t *)p;
  s->tensors[s->ntensors] = t;
  return s->ntensors++;
}

int tfb_set_tensor_signature(tfb_model_t *m, int tensor,
                             const int32_t *signature, int rank) {
  tfb_subgraph_t *s = cur(m);
  int32_t *copy;
  if (tensor < 0 || tensor >= s->ntensors) {
    return fail(m, "tfb_set_tensor_signature: no tensor %d", tensor);
  }
  if (dup_i32(m, &copy, signature, rank, "tfb_set_tensor_signature") != 0) {
    return -1;
  }
  free(s->tensors[tensor].signature);
  s->tensors[tensor].signature = copy;
  s->tensors[tensor].sig_rank = rank;
  return 0;
}

int tfb_add_opcode(tfb_model_t *m, int builtin_code, const char *custom_name,
                   int version) {
  tfb_opcode_t *c;
  void *p = grow(m->opcodes, &m->capopcodes, m->nopcodes + 1,
                 sizeof *m->opcodes);
  if (p == NULL) {
    return fail(m, "tfb_add_opcode: out of memory");
  }
  m->opcodes = (tfb_opcode_t *)p;
  c = &m->opcodes[m->nopcodes];
  c->builtin = builtin_code;
  c->version = version;
  c->custom = NULL;
  if (custom_name != NULL && (c->custom = dup_str(custom_name)) == NULL) {
    return fail(m, "tfb_add_opcode: out of memory");
  }
  return m->nopcodes++;
}

static int is_scalar_kind(int kind) {
  return kind >= TFB_BOOL && kind <= TFB_FLOAT32;
}

static size_t kind_size(int kind) {
  switch (kind) {
    case TFB_BOOL:
    case TFB_INT8:
    case TFB_UINT8:
    case TFB_VEC_UINT8:
      return 1;
    case TFB_INT16:
    case TFB_UINT16:
      return 2;
    case TFB_INT64:
    case TFB_VEC_INT64:
      return 8;
    default:
      return 4;
  }
}

/* Copies the caller's options into `op`, duplicating vector data. */
static int copy_options(tfb_model_t *m, tfb_op_t *op,
                        const tfb_options_t *opts) {
  int i, j;
  if (opts == NULL) {
    return 0;
  }
  if (opts->count < 0 || opts->count > TFB_MAX_OPTIONS) {
    return fail(m, "tfb_add_op: bad option count %d", opts->count);
  }
  op->opts = *opts;
  for (i = 0; i < opts->count; i++) {
    const tfb_option_t *o = &opts->v[i];
    for (j = 0; j < i; j++) {
      if (opts->v[j].field == o->field) {
        return fail(m, "tfb_add_op: option field %u given twice",
                    (unsigned)o->field);
      }
    }
    if (o->kind > TFB_STRING) {
      return fail(m, "tfb_add_op: option field %u has bad kind %u",
                  (unsigned)o->field, (unsigned)o->kind);
    }
    if (o->kind == TFB_STRING) {
      if (o->data == NULL) {
        return fail(m, "tfb_add_op: NULL string option");
      }
      op->opt_data[i] = dup_str((const char *)o->data);
    } else if (!is_scalar_kind(o->kind)) {
      if (o->count < 0 || (o->count > 0 && o->data == NULL)) {
        return fail(m, "tfb_add_op: bad vector option field %u",
                    (unsigned)o->field);
      }
      op->opt_data[i] =
          dup_bytes(o->data, (size_t)o->count * kind_size(o->kind));
    } else {
      continue;
    }
    if (op->opt_data[i] == NULL) {
      return fail(m, "tfb_add_op: out of memory");
    }
    op->opts.v[i].data = op->opt_data[i];
  }
  return 0;
}

int tfb_add_op(tfb_model_t *m, int opcode_index, const int32_t *inputs,
               int nin, const int32_t *outputs, int nout, int options_type,
               const tfb_options_t *opts, const uint8_t *custom_options,
               size_t ncustom) {
  tfb_subgraph_t *s = cur(m);
  tfb_op_t op;
  void *p;

  memset(&op, 0, sizeof op);
  op.opcode = opcode_index;
  op.nin = nin;
  op.nout = nout;
  op.options_type = options_type;
  if (options_type < 0 || options_type > 255) {
    return fail(m, "tfb_add_op: bad options type %d", options_type);
  }
  if (dup_i32(m, &op.inputs, inputs, nin, "tfb_add_op inputs") != 0 ||
      dup_i32(m, &op.outputs, outputs, nout, "tfb_add_op outputs") != 0 ||
      copy_options(m, &op, opts) != 0) {
    free_op(&op);
    return -1;
  }
  if (custom_options != NULL) {
    op.custom = (uint8_t *)dup_bytes(custom_options, ncustom);
    op.ncustom = ncustom;
    if (op.custom == NULL) {
      free_op(&op);
      return fail(m, "tfb_add_op: out of memory");
    }
  }
  p = grow(s->ops, &s->capops, s->nops + 1, sizeof op);
  if (p == NULL) {
    free_op(&op);
    return fail(m, "tfb_add_op: out of memory");
  }
  s->ops = (tfb_op_t *)p;
  s->ops[s->nops] = op;
  return s->nops++;
}

int tfb_set_op_intermediates(tfb_model_t *m, int op, const int32_t *tensors,
                             int count) {
  tfb_subgraph_t *s = cur(m);
  int32_t *copy;
  if (op < 0 || op >= s->nops) {
    return fail(m, "tfb_set_op_intermediates: no operator %d", op);
  }
  if (dup_i32(m, &copy, tensors, count, "tfb_set_op_intermediates") != 0) {
    return -1;
  }
  free(s->ops[op].intermediates);
  s->ops[op].intermediates = copy;
  s->ops[op].ninter = count;
  return 0;
}

int tfb_set_io(tfb_model_t *m, const int32_t *inputs, int nin,
               const int32_t *outputs, int nout) {
  tfb_subgraph_t *s = cur(m);
  int32_t *in, *out;
  if (dup_i32(m, &in, inputs, nin, "tfb_set_io inputs") != 0) {
    return -1;
  }
  if (dup_i32(m, &out, outputs, nout, "tfb_set_io outputs") != 0) {
    free(in);
    return -1;
  }
  free(s->inputs);
  free(s->outputs);
  s->inputs = in;
  s->nin = nin;
  s->outputs = out;
  s->nout = nout;
  return 0;
}

int tfb_add_subgraph(tfb_model_t *m, const char *name) {
  tfb_subgraph_t *s;
  void *p = grow(m->subgraphs, &m->capsubgraphs, m->nsubgraphs + 1,
                 sizeof *m->subgraphs);
  if (p == NULL) {
    return fail(m, "tfb_add_subgraph: out of memory");
  }
  m->subgraphs = (tfb_subgraph_t *)p;
  s = &m->subgraphs[m->nsubgraphs];
  memset(s, 0, sizeof *s);
  if (name != NULL && (s->name = dup_str(name)) == NULL) {
    return fail(m, "tfb_add_subgraph: out of memory");
  }
  m->current = m->nsubgraphs;
  return m->nsubgraphs++;
}

int tfb_select_subgraph(tfb_model_t *m, int index) {
  if (index < 0 || index >= m->nsubgraphs) {
    return fail(m, "tfb_select_subgraph: no subgraph %d", index);
  }
  m->current = index;
  return 0;
}

int tfb_add_metadata(tfb_model_t *m, const char *name, int buffer) {
  tfb_metadata_t *md;
  void *p;
  if (name == NULL) {
    return fail(m, "tfb_add_metadata: NULL name");
  }
  p = grow(m->metadata, &m->capmetadata, m->nmetadata + 1,
           sizeof *m->metadata);
  if (p == NULL) {
    return fail(m, "tfb_add_metadata: out of memory");
  }
  m->metadata = (tfb_metadata_t *)p;
  md = &m->metadata[m->nmetadata];
  md->buffer = (uint32_t)buffer;
  if ((md->name = dup_str(name)) == NULL) {
    return fail(m, "tfb_add_metadata: out of memory");
  }
  return m->nmetadata++;
}

int tfb_set_description(tfb_model_t *m, const char *description) {
  char *copy = NULL;
  if (description != NULL && (copy = dup_str(description)) == NULL) {
    return fail(m, "tfb_set_description: out of memory");
  }
  free(m->description);
  m->description = copy;
  return 0;
}

/* ---- options ---------------------------------------------------------- */

void tfb_options_init(tfb_options_t *o) { memset(o, 0, sizeof *o); }

static tfb_option_t *opt_append(tfb_options_t *o, int field, int kind) {
  tfb_option_t *v;
  if (o->count < 0 || o->count >= TFB_MAX_OPTIONS || field < 0 ||
      field > 0xFFFF) {
    return NULL;
  }
  v = &o->v[o->count++];
  memset(v, 0, sizeof *v);
  v->field = (uint16_t)field;
  v->kind = (uint8_t)kind;
  return v;
}

int tfb_opt_int(tfb_options_t *o, int field, tfb_kind_t kind, int64_t value) {
  tfb_option_t *v;
  if (!is_scalar_kind((int)kind) || kind == TFB_FLOAT32) {
    return -1;
  }
  if ((v = opt_append(o, field, (int)kind)) == NULL) {
    return -1;
  }
  v->i = value;
  return 0;
}

int tfb_opt_bool(tfb_options_t *o, int field, bool value) {
  return tfb_opt_int(o, field, TFB_BOOL, value ? 1 : 0);
}

int tfb_opt_u8(tfb_options_t *o, int field, uint8_t value) {
  return tfb_opt_int(o, field, TFB_UINT8, value);
}

int tfb_opt_i32(tfb_options_t *o, int field, int32_t value) {
  return tfb_opt_int(o, field, TFB_INT32, value);
}

int tfb_opt_f32(tfb_options_t *o, int field, float value) {
  tfb_option_t *v = opt_append(o, field, TFB_FLOAT32);
  if (v == NULL) {
    return -1;
  }
  v->f = value;
  return 0;
}

static int opt_vec(tfb_options_t *o, int field, int kind, const void *data,
                   int count) {
  tfb_option_t *v;
  if (count < 0 || (count > 0 && data == NULL)) {
    return -1;
  }
  if ((v = opt_append(o, field, kind)) == NULL) {
    return -1;
  }
  v->data = data;
  v->count = count;
  return 0;
}

int tfb_opt_vec_i32(tfb_options_t *o, int field, const int32_t *v,
                    int count) {
  return opt_vec(o, field, TFB_VEC_INT32, v, count);
}

int tfb_opt_vec_i64(tfb_options_t *o, int field, const int64_t *v,
                    int count) {
  return opt_vec(o, field, TFB_VEC_INT64, v, count);
}

int tfb_opt_vec_f32(tfb_options_t *o, int field, const float *v, int count) {
  return opt_vec(o, field, TFB_VEC_FLOAT32, v, count);
}

int tfb_opt_string(tfb_options_t *o, int field, const char *s) {
  if (s == NULL) {
    return -1;
  }
  return opt_vec(o, field, TFB_STRING, s, 0);
}

/* ===================================================================== */
/* Serialization                                                         */
/* ===================================================================== */

/* Schema field indices (schema.fbs; union fields take two slots). */
enum {
  MODEL_VERSION = 0, MODEL_OPCODES = 1, MODEL_SUBGRAPHS = 2,
  MODEL_DESCRIPTION = 3, MODEL_BUFFERS = 4, MODEL_METADATA = 6
};
enum { OPCODE_DEPRECATED = 0, OPCODE_CUSTOM = 1, OPCODE_VERSION = 2,
       OPCODE_BUILTIN = 3 };
enum { SG_TENSORS = 0, SG_INPUTS = 1, SG_OUTPUTS = 2, SG_OPERATORS = 3,
       SG_NAME = 4 };
enum { T_SHAPE = 0, T_TYPE = 1, T_BUFFER = 2, T_NAME = 3, T_QUANT = 4,
       T_IS_VARIABLE = 5, T_SIGNATURE = 7, T_HAS_RANK = 8 };
enum { Q_SCALE = 2, Q_ZERO_POINT = 3, Q_DIM = 6 };
enum { OP_OPCODE = 0, OP_INPUTS = 1, OP_OUTPUTS = 2, OP_OPTIONS_TYPE = 3,
       OP_OPTIONS = 4, OP_CUSTOM = 5, OP_INTERMEDIATES = 8 };
enum { BUF_DATA = 0, BUF_OFFSET = 1, BUF_SIZE = 2 };
enum { MD_NAME = 0, MD_BUFFER = 1 };

#define TFB_SCHEMA_VERSION 3
#define TFB_PLACEHOLDER_FOR_GREATER_OP_CODES 127

static uint32_t write_opcode(fbw_t *w, const tfb_opcode_t *c) {
  fbw_field_t f[4];
  size_t n = 0;
  uint32_t custom = c->custom != NULL ? fbw_string(w, c->custom) : 0;
  int dep = c->builtin < TFB_PLACEHOLDER_FOR_GREATER_OP_CODES
                ? c->builtin
                : TFB_PLACEHOLDER_FOR_GREATER_OP_CODES;
  if (dep != 0) {
    fld_scalar(f, &n, OPCODE_DEPRECATED, 1, (uint8_t)(int8_t)dep);
  }
  if (c->custom != NULL) {
    fld_ref(f, &n, OPCODE_CUSTOM, custom);
  }
  if (c->version != 1) {
    fld_scalar(f, &n, OPCODE_VERSION, 4, (uint32_t)c->version);
  }
  if (c->builtin != 0) {
    fld_scalar(f, &n, OPCODE_BUILTIN, 4, (uint32_t)c->builtin);
  }
  return fbw_table(w, f, n);
}

static uint32_t write_tensor(fbw_t *w, const tfb_tensor_t *t) {
  fbw_field_t f[10];
  size_t n = 0;
  uint32_t shape = fbw_vec_i32(w, t->shape, (size_t)t->rank);
  uint32_t name = t->name != NULL ? fbw_string(w, t->name) : 0;
  uint32_t quant = 0, sig = 0;
  if (t->nquant > 0) {
    fbw_field_t q[3];
    size_t nq = 0;
    uint32_t scale = fbw_vec_f32(w, t->scales, (size_t)t->nquant);
    uint32_t zp = fbw_vec_i64(w, t->zero_points, (size_t)t->nquant);
    fld_ref(q, &nq, Q_SCALE, scale);
    fld_ref(q, &nq, Q_ZERO_POINT, zp);
    if (t->quant_dim != 0) {
      fld_scalar(q, &nq, Q_DIM, 4, (uint32_t)t->quant_dim);
    }
    quant = fbw_table(w, q, nq);
  }
  if (t->signature != NULL) {
    sig = fbw_vec_i32(w, t->signature, (size_t)t->sig_rank);
  }
  fld_ref(f, &n, T_SHAPE, shape);
  if (t->type != 0) {
    fld_scalar(f, &n, T_TYPE, 1, (uint8_t)t->type);
  }
  if (t->buffer != 0) {
    fld_scalar(f, &n, T_BUFFER, 4, t->buffer);
  }
  if (t->name != NULL) {
    fld_ref(f, &n, T_NAME, name);
  }
  if (t->nquant > 0) {
    fld_ref(f, &n, T_QUANT, quant);
  }
  if (t->is_variable) {
    fld_scalar(f, &n, T_IS_VARIABLE, 1, 1);
  }
  if (t->signature != NULL) {
    fld_ref(f, &n, T_SIGNATURE, sig);
  }
  fld_scalar(f, &n, T_HAS_RANK, 1, 1);
  return fbw_table(w, f, n);
}

static uint32_t write_options(fbw_t *w, const tfb_options_t *o) {
  fbw_field_t f[TFB_MAX_OPTIONS];
  size_t n = 0;
  int i;
  for (i = 0; i < o->count; i++) {
    const tfb_option_t *v = &o->v[i];
    uint32_t u;
    switch (v->kind) {
      case TFB_FLOAT32:
        memcpy(&u, &v->f, 4);
        fld_scalar(f, &n, v->field, 4, u);
        break;
      case TFB_VEC_INT32:
        fld_ref(f, &n, v->field,
                fbw_vec_i32(w, (const int32_t *)v->data, (size_t)v->count));
        break;
      case TFB_VEC_INT64:
        fld_ref(f, &n, v->field,
                fbw_vec_i64(w, (const int64_t *)v->data, (size_t)v->count));
        break;
      case TFB_VEC_FLOAT32:
        fld_ref(f, &n, v->field,
                fbw_vec_f32(w, (const float *)v->data, (size_t)v->count));
        break;
      case TFB_VEC_UINT8:
        fld_ref(f, &n, v->field,
                fbw_vec_u8(w, (const uint8_t *)v->data, (size_t)v->count, 1));
        break;
      case TFB_STRING:
        fld_ref(f, &n, v->field, fbw_string(w, (const char *)v->data));
        break;
      default:
        fld_scalar(f, &n, v->field, (int)kind_size(v->kind),
                   (uint64_t)v->i);
        break;
    }
  }
  return fbw_table(w, f, n);
}

static uint32_t write_op(fbw_t *w, const tfb_op_t *op) {
  fbw_field_t f[8];
  size_t n = 0;
  uint32_t in = fbw_vec_i32(w, op->inputs, (size_t)op->nin);
  uint32_t out = fbw_vec_i32(w, op->outputs, (size_t)op->nout);
  uint32_t opts = 0, custom = 0, inter = 0;
  if (op->options_type != 0) {
    opts = write_options(w, &op->opts);
  }
  if (op->custom != NULL) {
    custom = fbw_vec_u8(w, op->custom, op->ncustom, 1);
  }
  if (op->intermediates != NULL) {
    inter = fbw_vec_i32(w, op->intermediates, (size_t)op->ninter);
  }
  if (op->opcode != 0) {
    fld_scalar(f, &n, OP_OPCODE, 4, (uint32_t)op->opcode);
  }
  fld_ref(f, &n, OP_INPUTS, in);
  fld_ref(f, &n, OP_OUTPUTS, out);
  if (op->options_type != 0) {
    fld_scalar(f, &n, OP_OPTIONS_TYPE, 1, (uint8_t)op->options_type);
    fld_ref(f, &n, OP_OPTIONS, opts);
  }
  if (op->custom != NULL) {
    fld_ref(f, &n, OP_CUSTOM, custom);
  }
  if (op->intermediates != NULL) {
    fld_ref(f, &n, OP_INTERMEDIATES, inter);
  }
  return fbw_table(w, f, n);
}

/* Tensors, then operators, then the I/O lists and the SubGraph table. */
static uint32_t write_subgraph(fbw_t *w, const tfb_subgraph_t *s) {
  fbw_field_t f[5];
  size_t n = 0;
  uint32_t *refs;
  uint32_t tensors, ops, in, out, name = 0;
  int i, most = s->ntensors > s->nops ? s->ntensors : s->nops;

  refs = (uint32_t *)malloc((size_t)(most > 0 ? most : 1) * sizeof *refs);
  if (refs == NULL) {
    w->failed = 1;
    return 0;
  }
  for (i = 0; i < s->ntensors; i++) {
    refs[i] = write_tensor(w, &s->tensors[i]);
  }
  tensors = fbw_vec_refs(w, refs, (size_t)s->ntensors);
  for (i = 0; i < s->nops; i++) {
    refs[i] = write_op(w, &s->ops[i]);
  }
  ops = fbw_vec_refs(w, refs, (size_t)s->nops);
  free(refs);
  in = fbw_vec_i32(w, s->inputs, (size_t)s->nin);
  out = fbw_vec_i32(w, s->outputs, (size_t)s->nout);
  if (s->name != NULL) {
    name = fbw_string(w, s->name);
  }
  fld_ref(f, &n, SG_TENSORS, tensors);
  fld_ref(f, &n, SG_INPUTS, in);
  fld_ref(f, &n, SG_OUTPUTS, out);
  fld_ref(f, &n, SG_OPERATORS, ops);
  if (s->name != NULL) {
    fld_ref(f, &n, SG_NAME, name);
  }
  return fbw_table(w, f, n);
}

static uint32_t write_buffer(fbw_t *w, const tfb_buffer_t *b) {
  fbw_field_t f[3];
  size_t n = 0;
  if (b->data != NULL) {
    /* Buffer.data is declared (force_align: 16); data_at places it off
     * that, as some converter versions do. The file is a multiple of 16
     * long, so data that ends `data_at` short of a 16-byte boundary
     * counted from the end starts `data_at` past one. */
    if (b->data_at != 0) {
      fbw_align(w, 16, b->len + (size_t)b->data_at);
    }
    fld_ref(f, &n, BUF_DATA,
            fbw_vec_u8(w, b->data, b->len, b->data_at != 0 ? 4 : 16));
  }
  if (b->external) {
    fld_scalar(f, &n, BUF_OFFSET, 8, b->offset);
    fld_scalar(f, &n, BUF_SIZE, 8, b->size);
  }
  return fbw_table(w, f, n);
}

static uint32_t write_metadata(fbw_t *w, const tfb_metadata_t *md) {
  fbw_field_t f[2];
  size_t n = 0;
  uint32_t name = fbw_string(w, md->name);
  fld_ref(f, &n, MD_NAME, name);
  if (md->buffer != 0) {
    fld_scalar(f, &n, MD_BUFFER, 4, md->buffer);
  }
  return fbw_table(w, f, n);
}

int tfb_finish(tfb_model_t *m, uint8_t **out, size_t *len) {
  fbw_t w;
  fbw_field_t f[8];
  size_t n = 0;
  uint32_t *refs;
  uint32_t opcodes, subgraphs, buffers, metadata = 0, description = 0, root;
  int i, most;

  *out = NULL;
  *len = 0;
  if (m->error[0] != '\0') {
    return -1;
  }
  most = m->nopcodes;
  if (m->nsubgraphs > most) most = m->nsubgraphs;
  if (m->nbuffers > most) most = m->nbuffers;
  if (m->nmetadata > most) most = m->nmetadata;
  refs = (uint32_t *)malloc((size_t)(most > 0 ? most : 1) * sizeof *refs);
  if (refs == NULL) {
    return fail(m, "tfb_finish: out of memory");
  }
  fbw_init(&w);

  /* Created first = placed last in the file, as the converter does:
   * operator codes at the end, then subgraphs, then buffers. */
  for (i = 0; i < m->nopcodes; i++) {
    refs[i] = write_opcode(&w, &m->opcodes[i]);
  }
  opcodes = fbw_vec_refs(&w, refs, (size_t)m->nopcodes);
  for (i = 0; i < m->nsubgraphs; i++) {
    refs[i] = write_subgraph(&w, &m->subgraphs[i]);
  }
  subgraphs = fbw_vec_refs(&w, refs, (size_t)m->nsubgraphs);
  for (i = 0; i < m->nbuffers; i++) {
    refs[i] = write_buffer(&w, &m->buffers[i]);
  }
  buffers = fbw_vec_refs(&w, refs, (size_t)m->nbuffers);
  if (m->nmetadata > 0) {
    for (i = 0; i < m->nmetadata; i++) {
      refs[i] = write_metadata(&w, &m->metadata[i]);
    }
    metadata = fbw_vec_refs(&w, refs, (size_t)m->nmetadata);
  }
  free(refs);
  if (m->description != NULL) {
    description = fbw_string(&w, m->description);
  }

  fld_scalar(f, &n, MODEL_VERSION, 4, TFB_SCHEMA_VERSION);
  fld_ref(f, &n, MODEL_OPCODES, opcodes);
  fld_ref(f, &n, MODEL_SUBGRAPHS, subgraphs);
  if (m->description != NULL) {
    fld_ref(f, &n, MODEL_DESCRIPTION, description);
  }
  fld_ref(f, &n, MODEL_BUFFERS, buffers);
  if (m->nmetadata > 0) {
    fld_ref(f, &n, MODEL_METADATA, metadata);
  }
  root = fbw_table(&w, f, n);
  fbw_finish(&w, root, "TFL3");

  if (w.failed) {
    fbw_release(&w);
    return fail(m, "tfb_finish: out of memory or model over 2 GiB");
  }
  *out = (uint8_t *)dup_bytes(fbw_top(&w), w.size);
  if (*out == NULL) {
    fbw_release(&w);
    return fail(m, "tfb_finish: out of memory");
  }
  *len = w.size;
  fbw_release(&w);
  return 0;
}

int tfb_write_file(const char *path, const uint8_t *data, size_t len) {
  FILE *f = fopen(path, "wb");
  int ok;
  if (f == NULL) {
    return -1;
  }
  ok = fwrite(data, 1, len, f) == len;
  if (fclose(f) != 0) {
    ok = 0;
  }
  return ok ? 0 : -1;
}
