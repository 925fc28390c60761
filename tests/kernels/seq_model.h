/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared by test_svdf.c and test_lstm.c: a one-operator model with state
 * (variable) tensors that stays alive across invokes, so tests can feed a
 * sequence, read every output, reset the state and start again; and the
 * test-side reference arithmetic (TFLite's documented requantization,
 * written independently of src/kernels/kernel_util.c).
 */
#ifndef MOTE_TEST_SEQ_MODEL_H
#define MOTE_TEST_SEQ_MODEL_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "tflite_build.h"

#define SM_MAX_TENSORS 32
#define SM_ARENA_BYTES (64 * 1024)

/* One tensor of the model. `data` non-NULL makes it a constant; `variable`
 * a state tensor; `absent` an optional input given as -1. */
typedef struct sm_tensor {
  int type;
  int rank;
  int32_t shape[4];
  const void *data;
  size_t bytes;
  float scale; /* 0: not quantized */
  int64_t zero_point;
  int variable;
  int absent;
} sm_tensor_t;

typedef struct sm_session {
  uint8_t *bytes;
  mote_model_t model;
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_error_t err;
  mote_status_t status; /* of the first failing stage */
  uint8_t arena_mem[SM_ARENA_BYTES];
} sm_session_t;

static inline sm_tensor_t sm_t(int type, int rank, const int32_t *shape,
                        const void *data, size_t bytes, float scale,
                        int64_t zero_point) {
  sm_tensor_t t;
  memset(&t, 0, sizeof t);
  t.type = type;
  t.rank = rank;
  memcpy(t.shape, shape, sizeof(int32_t) * (size_t)rank);
  t.data = data;
  t.bytes = bytes;
  t.scale = scale;
  t.zero_point = zero_point;
  return t;
}

static inline sm_tensor_t sm_absent(void) {
  sm_tensor_t t;
  memset(&t, 0, sizeof t);
  t.absent = 1;
  return t;
}

/* Builds op `code` over inputs ins[0..nin) and one output, then opens,
 * initialises and prepares it (s->status says how far it got). The one
 * non-constant, non-variable input becomes model input 0. */
static inline void sm_open(sm_session_t *s, int code, int version,
                    const sm_tensor_t *ins, int nin, const sm_tensor_t *out,
                    int options_type, const tfb_options_t *opts) {
  tfb_model_t *m = tfb_new();
  int32_t idx[SM_MAX_TENSORS];
  int32_t model_in = -1;
  int32_t out_idx;
  int opcode;
  size_t len = 0;
  int i;
  memset(&s->err, 0, sizeof s->err);
  s->bytes = NULL;
  s->status = MOTE_ERR_BAD_ARG;
  for (i = 0; i < nin; ++i) {
    const sm_tensor_t *t = &ins[i];
    const float scale = t->scale;
    int buf = 0;
    if (t->absent) {
      idx[i] = -1;
      continue;
    }
    if (t->data != NULL) {
      buf = tfb_add_buffer(m, t->data, t->bytes);
    }
    idx[i] = tfb_add_tensor(m, NULL, t->type, t->shape, t->rank, buf,
                            t->scale > 0.0f ? &scale : NULL, &t->zero_point,
                            t->scale > 0.0f ? 1 : 0, 0, t->variable != 0);
    if (t->data == NULL && !t->variable) {
      model_in = idx[i];
    }
  }
  {
    const float scale = out->scale;
    out_idx = tfb_add_tensor(m, NULL, out->type, out->shape, out->rank, 0,
                             out->scale > 0.0f ? &scale : NULL,
                             &out->zero_point, out->scale > 0.0f ? 1 : 0, 0,
                             false);
  }
  opcode = tfb_add_opcode(m, code, NULL, version);
  tfb_add_op(m, opcode, idx, nin, &out_idx, 1, options_type, opts, NULL, 0);
  tfb_set_io(m, &model_in, 1, &out_idx, 1);
  if (tfb_finish(m, &s->bytes, &len) != 0) {
    tfb_free(m);
    return;
  }
  tfb_free(m);
  s->status = mote_model_open(&s->model, s->bytes, len, &s->err);
  if (s->status == MOTE_OK) {
    mote_resolver_init(&s->resolver, s->entries, MOTE_RESOLVER_BUILTINS);
    mote_resolver_add_builtins(&s->resolver);
    mote_arena_init(&s->arena, s->arena_mem, sizeof s->arena_mem);
    s->status = mote_interp_init(&s->interp, &s->model, &s->resolver,
                                 &s->arena, &s->err);
  }
  if (s->status == MOTE_OK) {
    s->status = mote_interp_prepare(&s->interp, &s->err);
  }
}

/* Copies `in` to model input 0, invokes, copies output 0 to `out`. */
static inline mote_status_t sm_invoke(sm_session_t *s, const void *in, void *out) {
  mote_tensor_t t;
  mote_status_t st = mote_interp_input(&s->interp, 0, &t);
  if (st != MOTE_OK) {
    return st;
  }
  memcpy(t.data, in, t.bytes);
  st = mote_interp_invoke(&s->interp, &s->err);
  if (st != MOTE_OK) {
    return st;
  }
  st = mote_interp_output(&s->interp, 0, &t);
  if (st == MOTE_OK) {
    memcpy(out, t.data, t.bytes);
  }
  return st;
}

static inline void sm_close(sm_session_t *s) { free(s->bytes); }

/* --- reference arithmetic ------------------------------------------------
 * Written from TFLite's definitions rather than shared with the library:
 * the doubling high multiply rounds half up (floor(x + 1/2) of a * b /
 * 2^31), the power-of-two division rounds half away from zero. */

static inline int32_t ref_srdhm(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) {
    return INT32_MAX;
  }
  return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
}

static inline int32_t ref_rdbpot(int32_t x, int e) {
  const double q = (double)x / ldexp(1.0, e);
  return (int32_t)(q >= 0.0 ? floor(q + 0.5) : ceil(q - 0.5));
}

static inline int32_t ref_mbqm(int32_t x, int32_t m, int shift) {
  const int64_t scaled = (int64_t)x * ((int64_t)1 << (shift > 0 ? shift : 0));
  return ref_rdbpot(ref_srdhm((int32_t)scaled, m), shift > 0 ? 0 : -shift);
}

/* TFLite's QuantizeMultiplier: real = m * 2^(shift - 31), m in [2^30,
 * 2^31). */
static inline void ref_qmult(double real, int32_t *m, int *shift) {
  int e = 0;
  const double f = frexp(real, &e);
  long long q = llround(f * 2147483648.0);
  if (real == 0.0) {
    *m = 0;
    *shift = 0;
    return;
  }
  if (q == 2147483648LL) {
    q /= 2;
    ++e;
  }
  if (e < -31) {
    e = 0;
    q = 0;
  }
  *m = (int32_t)q;
  *shift = e;
}

static inline int32_t ref_clamp(int32_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

/* Deterministic test data. */
static uint32_t g_sm_seed = 12345u;
static inline int32_t sm_rand(int32_t lo, int32_t hi) {
  g_sm_seed = g_sm_seed * 1664525u + 1013904223u;
  return lo + (int32_t)((g_sm_seed >> 8) % (uint32_t)(hi - lo + 1));
}
static inline float sm_randf(float lo, float hi) {
  return lo + (hi - lo) * (float)sm_rand(0, 1 << 20) / (float)(1 << 20);
}

#endif /* MOTE_TEST_SEQ_MODEL_H */
