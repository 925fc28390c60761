/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_interp_keep_tensor end to end, on a float chain built in the test:
 *
 *   x[1,4] -FC-> h1[1,8] -FC-> h2[1,8] -FC-> h3[1,8] -FC-> y[1,2]
 *
 * h1 is dead after step 1, so the plan gives h3 (written at step 2) its
 * bytes: without a keep, h1 reads back as h3 after invoke. Kept, h1 shares
 * bytes with no tensor written after it and holds exactly what the same
 * layer computes alone (a second model that stops at h1, as its output).
 * Also the call's errors: bad index, bad state, constants, a full arena.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory/arena.h"
#include "mote/mote.h"
#include "test.h"
#include "tflite_build.h"

enum { T_X = 0, T_H1 = 3, T_H2 = 6, T_H3 = 9, T_Y = 12, N_LAYERS = 4 };
#define ARENA_BYTES 16384u

static uint8_t *g_arena;     /* 16-byte aligned, from main */
static uint8_t *g_ref_arena; /* the same, for the reference model */

/* Adds FC layer `l` (weights w[o][i] = sin(l + 3o + i) / 2, bias o / 10)
 * reading tensor `in` and writing a new [1, n_out] tensor, which it
 * returns. Tensors per layer: weights, bias, output. */
static int add_layer(tfb_model_t *m, int fc, int l, int in, int n_in,
                     int n_out) {
  float w[64];
  float b[8];
  int32_t ws[2], bs[1], os[2];
  int32_t ins[3], outs[1];
  int i, o, tw, tb;
  for (o = 0; o < n_out; o++) {
    for (i = 0; i < n_in; i++) {
      w[o * n_in + i] = 0.5f * (float)sin((double)(l + 3 * o + i));
    }
    b[o] = 0.1f * (float)o;
  }
  ws[0] = n_out;
  ws[1] = n_in;
  bs[0] = n_out;
  os[0] = 1;
  os[1] = n_out;
  tw = tfb_add_tensor(
      m, NULL, MOTE_TYPE_FLOAT32, ws, 2,
      tfb_add_buffer(m, w, sizeof(float) * (size_t)(n_in * n_out)), NULL, NULL,
      0, 0, false);
  tb = tfb_add_tensor(m, NULL, MOTE_TYPE_FLOAT32, bs, 1,
                      tfb_add_buffer(m, b, sizeof(float) * (size_t)n_out), NULL,
                      NULL, 0, 0, false);
  ins[0] = in;
  ins[1] = tw;
  ins[2] = tb;
  outs[0] = tfb_add_tensor(m, NULL, MOTE_TYPE_FLOAT32, os, 2, 0, NULL, NULL, 0,
                           0, false);
  tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, NULL, NULL,
             0);
  return outs[0];
}

/* The chain with its first `layers` layers; the last one's output is the
 * model output. */
static uint8_t *build_chain(int layers, size_t *len) {
  static const int widths[N_LAYERS + 1] = {4, 8, 8, 8, 2};
  tfb_model_t *m = tfb_new();
  int32_t xs[2] = {1, 4};
  int32_t x, t;
  int l, fc;
  uint8_t *out = NULL;
  x = tfb_add_tensor(m, "x", MOTE_TYPE_FLOAT32, xs, 2, 0, NULL, NULL, 0, 0,
                     false);
  fc = tfb_add_opcode(m, MOTE_OP_FULLY_CONNECTED, NULL, 1);
  t = x;
  for (l = 0; l < layers; l++) {
    t = add_layer(m, fc, l, t, widths[l], widths[l + 1]);
  }
  tfb_set_io(m, &x, 1, &t, 1);
  if (tfb_finish(m, &out, len) != 0) {
    fprintf(stderr, "builder: %s\n", tfb_error(m));
  }
  tfb_free(m);
  return out;
}

typedef struct session {
  uint8_t *bytes;
  size_t len;
  mote_model_t model;
  mote_resolver_entry_t entries[1];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
} session_t;

/* Opens the chain of `layers` layers and initialises an interpreter on
 * `arena_bytes` of `arena`, `taken` bytes of whose tail another tenant
 * already holds. */
static mote_status_t session_init_after(session_t *s, int layers,
                                        uint8_t *arena, size_t arena_bytes,
                                        size_t taken) {
  void *other;
  memset(s, 0, sizeof *s);
  s->bytes = build_chain(layers, &s->len);
  if (s->bytes == NULL ||
      mote_model_open(&s->model, s->bytes, s->len, &s->err) != MOTE_OK) {
    return MOTE_ERR_CORRUPT_MODEL;
  }
  mote_resolver_init(&s->resolver, s->entries, 1);
  mote_resolver_add(&s->resolver, MOTE_OP_FULLY_CONNECTED,
                    &mote_kernel_fully_connected);
  mote_arena_init(&s->arena, arena, arena_bytes);
  if (taken > 0 &&
      mote_arena_alloc_tail(&s->arena, taken, 8, &other) != MOTE_OK) {
    return MOTE_ERR_ARENA_TOO_SMALL;
  }
  return mote_interp_init(&s->in, &s->model, &s->resolver, &s->arena, &s->err);
}

static mote_status_t session_init(session_t *s, int layers, uint8_t *arena,
                                  size_t arena_bytes) {
  return session_init_after(s, layers, arena, arena_bytes, 0);
}

/* Fills x (scaled by `scale`), invokes, and copies tensor `t` to out. */
static void run(session_t *s, float scale, uint32_t t, float *out, size_t n) {
  const float x[4] = {0.5f * scale, -1.0f * scale, 2.0f * scale, 0.25f * scale};
  mote_tensor_t v;
  CHECK_EQ_INT(mote_interp_input(&s->in, 0, &v), MOTE_OK);
  memcpy(v.data, x, sizeof x);
  CHECK_EQ_INT(mote_interp_invoke(&s->in, &s->err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_tensor(&s->in, t, &v), MOTE_OK);
  CHECK_EQ_INT(v.bytes, sizeof(float) * n);
  memcpy(out, v.data, sizeof(float) * n);
}

static int shares_bytes(const mote_interp_t *in, uint32_t a, uint32_t b) {
  mote_tensor_t ta, tb;
  const uint8_t *pa, *pb;
  mote_interp_tensor(in, a, &ta);
  mote_interp_tensor(in, b, &tb);
  pa = (const uint8_t *)ta.data;
  pb = (const uint8_t *)tb.data;
  return pa < pb + tb.bytes && pb < pa + ta.bytes;
}

/* h1 as layer 0 alone computes it: the model output of a one-layer chain. */
static void reference_h1(float scale, float h1[8]) {
  session_t s;
  CHECK_EQ_INT(session_init(&s, 1, g_ref_arena, ARENA_BYTES), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  run(&s, scale, T_H1, h1, 8);
  free(s.bytes);
}

static void test_without_keep_h1_is_overwritten(void) {
  session_t s;
  float want[8], got[8];
  reference_h1(1.0f, want);
  CHECK_EQ_INT(session_init(&s, N_LAYERS, g_arena, ARENA_BYTES), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  /* The premise of the keep test: a later op's output reuses h1. */
  CHECK(shares_bytes(&s.in, T_H1, T_H3));
  run(&s, 1.0f, T_H1, got, 8);
  CHECK(memcmp(got, want, sizeof want) != 0);
  free(s.bytes);
}

static void test_kept_h1_survives_invoke(void) {
  session_t s;
  float want[8], got[8];
  size_t plain;
  uint32_t t;
  CHECK_EQ_INT(session_init(&s, N_LAYERS, g_arena, ARENA_BYTES), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  plain = mote_interp_arena_used_bytes(&s.in);
  free(s.bytes);

  CHECK_EQ_INT(session_init(&s, N_LAYERS, g_arena, ARENA_BYTES), MOTE_OK);
  CHECK_EQ_INT(mote_interp_keep_tensor(&s.in, T_H1, &s.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_keep_tensor(&s.in, T_H1, &s.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  for (t = T_H1 + 1; t <= T_Y; t++) {
    CHECK(!shares_bytes(&s.in, T_H1, t));
  }
  /* Kept for every invoke, not just the first. */
  reference_h1(1.0f, want);
  run(&s, 1.0f, T_H1, got, 8);
  CHECK(memcmp(got, want, sizeof want) == 0);
  reference_h1(-3.0f, want);
  run(&s, -3.0f, T_H1, got, 8);
  CHECK(memcmp(got, want, sizeof want) == 0);
  /* Its bytes are paid for: the plan is larger, by at most h1 and the
   * one-byte bitmap's tail granule. */
  CHECK(mote_interp_arena_used_bytes(&s.in) > plain);
  CHECK(mote_interp_arena_used_bytes(&s.in) <= plain + 32 + 16);
  free(s.bytes);
}

static void test_keep_errors_and_no_ops(void) {
  session_t s;
  mote_interp_t zero;
  size_t tail;
  memset(&zero, 0, sizeof zero);
  CHECK_EQ_INT(mote_interp_keep_tensor(NULL, 0, NULL), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_keep_tensor(&zero, 0, NULL), MOTE_ERR_BAD_STATE);
  CHECK_EQ_INT(session_init(&s, N_LAYERS, g_arena, ARENA_BYTES), MOTE_OK);
  CHECK_EQ_INT(mote_interp_keep_tensor(&s.in, T_Y + 1, &s.err),
               MOTE_ERR_BAD_ARG);
  CHECK(strstr(s.err.message, "tensor 13 does not exist") != NULL);
  /* Constants (a weight) are never shared: accepted, nothing taken. */
  tail = s.arena.tail_used_;
  CHECK_EQ_INT(mote_interp_keep_tensor(&s.in, T_X + 1, &s.err), MOTE_OK);
  CHECK_EQ_INT(s.arena.tail_used_, tail);
  /* An output is kept anyway: the plan does not change. */
  CHECK_EQ_INT(mote_interp_keep_tensor(&s.in, T_Y, &s.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_keep_tensor(&s.in, T_H1, &s.err),
               MOTE_ERR_BAD_STATE);
  CHECK(strstr(s.err.message, "between init and prepare") != NULL);
  free(s.bytes);
}

/* Every arena size where init fits, with 0 or 8 bytes of tail already
 * taken (so that some size leaves no byte spare): the keep either fits or
 * fails cleanly with the bytes needed, and at some size it cannot fit. */
static void test_keep_in_a_full_arena(void) {
  size_t size;
  size_t taken;
  int fails = 0;
  for (taken = 0; taken <= 8; taken += 8) {
    for (size = 0; size <= 1024; size += 16) {
      session_t s;
      mote_status_t st;
      if (session_init_after(&s, N_LAYERS, g_arena, size, taken) != MOTE_OK) {
        free(s.bytes);
        continue;
      }
      st = mote_interp_keep_tensor(&s.in, T_H2, &s.err);
      CHECK(st == MOTE_OK || st == MOTE_ERR_ARENA_TOO_SMALL);
      if (st != MOTE_OK) {
        CHECK(strstr(s.err.message, "needs more than") != NULL);
        fails++;
      }
      free(s.bytes);
    }
  }
  CHECK(fails > 0);
}

int main(void) {
  void *mem = NULL;
  void *ref = NULL;
  if (posix_memalign(&mem, 16, ARENA_BYTES) != 0 ||
      posix_memalign(&ref, 16, ARENA_BYTES) != 0) {
    return 1;
  }
  g_arena = (uint8_t *)mem;
  g_ref_arena = (uint8_t *)ref;
  MOTE_RUN(test_without_keep_h1_is_overwritten);
  MOTE_RUN(test_kept_h1_survives_invoke);
  MOTE_RUN(test_keep_errors_and_no_ops);
  MOTE_RUN(test_keep_in_a_full_arena);
  free(g_arena);
  free(g_ref_arena);
  return MOTE_TEST_END();
}
