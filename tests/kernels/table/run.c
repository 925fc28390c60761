/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The shared part of running an op-table case through mote; see run.h.
 */
#include "table/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tflite_build.h"

void kt_side_free(kt_side_t *s) {
  int i;
  for (i = 0; i < s->nout; ++i) {
    free(s->out[i]);
  }
  memset(s, 0, sizeof *s);
}

/* Tensor data of the case's inputs and constants (NULL for the rest). */
int kt_make_data(const kt_case_t *c, uint8_t **data) {
  int i;
  for (i = 0; i < c->nin; ++i) {
    const kt_tensor_t *t = &c->t[i];
    const size_t n = kt_tensor_bytes(t);
    data[i] = NULL;
    if (t->role != KT_INPUT && t->role != KT_CONST) {
      continue;
    }
    data[i] = (uint8_t *)malloc(n > 0 ? n : 1);
    if (data[i] == NULL || kt_fill(c, i, data[i], n) != 0) {
      return -1;
    }
  }
  return 0;
}

int kt_build_model(const kt_case_t *c, uint8_t *const *data,
                       uint8_t **bytes, size_t *len) {
  tfb_model_t *m = tfb_new();
  int32_t idx[KT_MAX_TENSORS], io_in[KT_MAX_TENSORS];
  int nio = 0, i, opcode, rc;
  tfb_options_t o;
  tfb_options_init(&o);
  for (i = 0; i < c->nin + c->nout; ++i) {
    const kt_tensor_t *t = &c->t[i];
    int64_t zps[KT_MAX_FVALS];
    const float *scales = t->nquant > 1 ? &c->fval[t->scale_at] : &t->scale;
    int buf = 0;
    if (t->role == KT_ABSENT) {
      idx[i] = -1;
      continue;
    }
    if (t->role == KT_CONST) {
      buf = tfb_add_buffer(m, data[i], kt_tensor_bytes(t));
      if (t->data_at != 0) {
        (void)tfb_set_buffer_data_at(m, buf, t->data_at);
      }
    }
    memset(zps, 0, sizeof zps);
    zps[0] = t->zero_point;
    idx[i] =
        tfb_add_tensor(m, NULL, t->type, t->shape, t->rank, buf, scales, zps,
                       t->nquant, t->quant_dim, t->role == KT_VARIABLE);
    if (t->role == KT_INPUT) {
      io_in[nio++] = idx[i];
    }
  }
  for (i = 0; i < c->noptions; ++i) {
    const kt_option_t *op = &c->options[i];
    if (op->kind == KT_OPT_FLOAT32) {
      tfb_opt_f32(&o, op->field, op->f);
    } else if (op->kind == KT_OPT_VEC_INT32) {
      tfb_opt_vec_i32(&o, op->field, &c->ival[op->at], op->count);
    } else {
      tfb_opt_int(&o, op->field, (tfb_kind_t)op->kind, op->i);
    }
  }
  opcode = tfb_add_opcode(m, c->op, c->custom, c->version);
  tfb_add_op(m, opcode, idx, c->nin, idx + c->nin, c->nout, c->options_type, &o,
             c->ncustom > 0 ? c->custom_options : NULL, c->ncustom);
  tfb_set_io(m, io_in, nio, idx + c->nin, c->nout);
  rc = tfb_finish(m, bytes, len);
  if (rc != 0) {
    fprintf(stderr, "tflite_build: %s\n", tfb_error(m));
  }
  tfb_free(m);
  return rc;
}

/* Whether one element differs. Bytes decide, with one exception: two
 * float32 NaNs match whatever their sign and payload. IEEE 754 leaves
 * open which NaN operand an operation passes on, and C compilers treat
 * + and * as commutative, so the NaN an x86 build propagates depends on
 * the register allocation of each side's compiler, not on the source
 * (seen: conv and FC sums with two NaN terms). */
int kt_elem_differs(int type, const uint8_t *a, const uint8_t *b,
                        size_t es) {
  if (memcmp(a, b, es) == 0) {
    return 0;
  }
  if (type == 0) {
    float x, y;
    memcpy(&x, a, 4);
    memcpy(&y, b, 4);
    return !(x != x && y != y);
  }
  return 1;
}

/* Whether output `o` differs anywhere. */
int kt_output_differs(const kt_case_t *c, int o, const kt_side_t *m,
                      const kt_side_t *t) {
  const int type = c->t[c->nin + o].type;
  const size_t es = kt_type_size(type) > 0 ? kt_type_size(type) : 1;
  size_t i;
  if (m->out[o] == NULL || t->out[o] == NULL ||
      m->out_bytes[o] != t->out_bytes[o]) {
    return 1;
  }
  for (i = 0; i + es <= m->out_bytes[o]; i += es) {
    if (kt_elem_differs(type, m->out[o] + i, t->out[o] + i, es)) {
      return 1;
    }
  }
  return 0;
}

