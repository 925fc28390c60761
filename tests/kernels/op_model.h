/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One-operator models for kernel glue tests: builds a .tflite with
 * tools/tflite_build, runs it through the real loader, resolver and
 * interpreter, and hands back the status, the error text and the outputs.
 * Tests use it to check what prepare() accepts and rejects (types, options,
 * quantization) and that invoke() wires the compute functions correctly.
 */
#ifndef MOTE_TEST_OP_MODEL_H
#define MOTE_TEST_OP_MODEL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "tflite_build.h"

#define OM_MAX_TENSORS 4
#define OM_ARENA_BYTES (256 * 1024)

/* One operator input or output. `data` non-NULL makes it a constant;
 * absent marks an optional input given as -1. */
typedef struct om_tensor {
  int type; /* mote_type_t */
  int rank;
  int32_t shape[MOTE_MAX_DIMS];
  const void *data;
  size_t bytes;
  int nquant; /* 0: not quantized */
  const float *scales;
  const int64_t *zero_points;
  int quant_dim;
  int absent;
} om_tensor_t;

typedef struct om_run {
  mote_status_t status; /* first failing stage, or MOTE_OK */
  int stage;            /* 0 build/open, 1 init, 2 prepare, 3 invoke */
  mote_error_t err;
} om_run_t;

static uint8_t om_arena_mem[OM_ARENA_BYTES];

/* When set, om_run_op registers this kernel alone for the op instead of
 * every builtin (a firmware's resolver: the plain kernel, say). */
static const mote_kernel_t *om_kernel = NULL;

/* When not NULL, om_run_op invokes a second time with the model inputs
 * refilled from it (as from in_data), and the outputs copied are the
 * second invoke's: for operands read at every invoke. */
static const void *const *om_reinvoke_data;

/* A quantized tensor description with per-tensor scale / zero point. */
static om_tensor_t om_q(int type, int rank, const int32_t *shape,
                        const void *data, size_t bytes, const float *scale,
                        const int64_t *zero_point) {
  om_tensor_t t;
  memset(&t, 0, sizeof t);
  t.type = type;
  t.rank = rank;
  memcpy(t.shape, shape, sizeof(int32_t) * (size_t)rank);
  t.data = data;
  t.bytes = bytes;
  t.nquant = scale != NULL ? 1 : 0;
  t.scales = scale;
  t.zero_points = zero_point;
  return t;
}

/*
 * Builds and runs op `code` (version `version`) with `nin` inputs and
 * `nout` outputs. Non-constant inputs become model inputs, filled from
 * in_data[i] (in operator-input order, NULL entries skipped); outputs are
 * copied to out_data[i] (out_bytes[i] bytes each) after invoke.
 */
static om_run_t om_run_op(int code, int version, const om_tensor_t *ins,
                          int nin, const om_tensor_t *outs, int nout,
                          int options_type, const tfb_options_t *opts,
                          const void *const *in_data, void *const *out_data,
                          const size_t *out_bytes) {
  om_run_t r;
  tfb_model_t *m = tfb_new();
  int32_t in_idx[OM_MAX_TENSORS];
  int32_t out_idx[OM_MAX_TENSORS];
  int32_t model_in[OM_MAX_TENSORS];
  int n_model_in = 0;
  int i;
  int opcode;
  uint8_t *bytes = NULL;
  size_t len = 0;
  mote_model_t model;
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  memset(&r, 0, sizeof r);
  r.status = MOTE_ERR_BAD_ARG;
  for (i = 0; i < nin; ++i) {
    const om_tensor_t *t = &ins[i];
    int buf = 0;
    if (t->absent) {
      in_idx[i] = -1;
      continue;
    }
    if (t->data != NULL) {
      buf = tfb_add_buffer(m, t->data, t->bytes);
    }
    in_idx[i] =
        tfb_add_tensor(m, NULL, t->type, t->shape, t->rank, buf, t->scales,
                       t->zero_points, t->nquant, t->quant_dim, false);
    if (t->data == NULL) {
      model_in[n_model_in++] = in_idx[i];
    }
  }
  for (i = 0; i < nout; ++i) {
    const om_tensor_t *t = &outs[i];
    out_idx[i] =
        tfb_add_tensor(m, NULL, t->type, t->shape, t->rank, 0, t->scales,
                       t->zero_points, t->nquant, t->quant_dim, false);
  }
  opcode = tfb_add_opcode(m, code, NULL, version);
  tfb_add_op(m, opcode, in_idx, nin, out_idx, nout, options_type, opts, NULL,
             0);
  tfb_set_io(m, model_in, n_model_in, out_idx, nout);
  if (tfb_finish(m, &bytes, &len) != 0) {
    strncpy(r.err.message, tfb_error(m), sizeof r.err.message - 1);
    tfb_free(m);
    return r;
  }
  tfb_free(m);
  r.status = mote_model_open(&model, bytes, len, &r.err);
  if (r.status == MOTE_OK) {
    r.stage = 1;
    mote_resolver_init(&resolver, entries, MOTE_RESOLVER_BUILTINS);
    /* A table too small for the builtins must fail here, not look like
     * an unsupported op later. */
    if ((om_kernel != NULL ? mote_resolver_add(&resolver, code, om_kernel)
                           : mote_resolver_add_builtins(&resolver)) !=
        MOTE_OK) {
      abort();
    }
    mote_arena_init(&arena, om_arena_mem, sizeof om_arena_mem);
    r.status = mote_interp_init(&interp, &model, &resolver, &arena, &r.err);
  }
  if (r.status == MOTE_OK) {
    r.stage = 2;
    r.status = mote_interp_prepare(&interp, &r.err);
  }
  if (r.status == MOTE_OK) {
    const void *const *data = in_data;
    int pass;
    r.stage = 3;
    for (pass = 0;
         pass < (om_reinvoke_data != NULL ? 2 : 1) && r.status == MOTE_OK;
         ++pass, data = om_reinvoke_data) {
      int k = 0;
      for (i = 0; i < nin; ++i) {
        mote_tensor_t t;
        if (ins[i].absent || ins[i].data != NULL) {
          continue;
        }
        /* An empty tensor has no memory to fill (t.data may be NULL). */
        if (mote_interp_input(&interp, (uint32_t)k++, &t) == MOTE_OK &&
            data != NULL && data[i] != NULL && t.bytes != 0) {
          memcpy(t.data, data[i], t.bytes);
        }
      }
      r.status = mote_interp_invoke(&interp, &r.err);
    }
  }
  if (r.status == MOTE_OK && interp.model_reads_ != 0) {
    /* Invoke must run on what prepare kept (include/mote/model.h). */
    r.status = MOTE_ERR_KERNEL;
    snprintf(r.err.message, sizeof r.err.message,
             "invoke read the model %u times", (unsigned)interp.model_reads_);
  }
  if (r.status == MOTE_OK && out_data != NULL) {
    for (i = 0; i < nout; ++i) {
      mote_tensor_t t;
      if (out_data[i] != NULL &&
          mote_interp_output(&interp, (uint32_t)i, &t) == MOTE_OK &&
          t.bytes != 0) {
        memcpy(out_data[i], t.data,
               out_bytes[i] < t.bytes ? out_bytes[i] : t.bytes);
      }
    }
  }
  free(bytes);
  return r;
}

/* A one-input, one-output op (an activation, SQUEEZE): input of `type`
 * and shape, output of `out_type` and out_shape, each quantized (scale,
 * zero point) when its scale pointer is given; options of union type
 * `options_type` from *opts (NULL: none). Runs `in` through it into
 * `out` (out_bytes), either may be NULL to only prepare. */
static inline om_run_t
om_run_unary(int code, int version, int type, int rank, const int32_t *shape,
             const float *s_in, const int64_t *z_in, int out_type, int out_rank,
             const int32_t *out_shape, const float *s_out, const int64_t *z_out,
             int options_type, const tfb_options_t *opts, const void *in,
             void *out, size_t out_bytes) {
  om_tensor_t ins[1], outs[1];
  tfb_options_t none;
  const void *in_data[1];
  void *out_data[1];
  ins[0] = om_q(type, rank, shape, NULL, 0, s_in, z_in);
  outs[0] = om_q(out_type, out_rank, out_shape, NULL, 0, s_out, z_out);
  in_data[0] = in;
  out_data[0] = out;
  tfb_options_init(&none);
  return om_run_op(code, version, ins, 1, outs, 1, options_type,
                   opts != NULL ? opts : &none, in_data,
                   out != NULL ? out_data : NULL, &out_bytes);
}

/* A one-output op over ins[0..nin): non-constant inputs fed from
 * in_data[i], options of union type `options_type` (NULL opts: none),
 * the output copied into `out` (out_bytes) when it is not NULL. */
static inline om_run_t om_run_one(int code, const om_tensor_t *ins, int nin,
                                  om_tensor_t out_t, int options_type,
                                  const tfb_options_t *opts,
                                  const void *const *in_data, void *out,
                                  size_t out_bytes) {
  tfb_options_t none;
  void *out_data[1];
  out_data[0] = out;
  tfb_options_init(&none);
  return om_run_op(code, 1, ins, nin, &out_t, 1, options_type,
                   opts != NULL ? opts : &none, in_data,
                   out != NULL ? out_data : NULL, &out_bytes);
}

/* Whether run r failed with `status` and a message containing both `op`
 * (the op's name) and `text` (the tensor or option it names). */
static inline int om_refused(const om_run_t *r, mote_status_t status,
                             const char *op, const char *text) {
  return r->status == status && strstr(r->err.message, op) != NULL &&
         strstr(r->err.message, text) != NULL;
}

/* om_refused for entry `i` of a table of refusals; prints what happened
 * instead when it is not that refusal. */
static inline int om_refused_at(size_t i, const om_run_t *r,
                                mote_status_t status, const char *op,
                                const char *text) {
  if (om_refused(r, status, op, text)) {
    return 1;
  }
  printf("refusal %u: status %d: %s\n", (unsigned)i, (int)r->status,
         r->err.message);
  return 0;
}

#endif /* MOTE_TEST_OP_MODEL_H */
