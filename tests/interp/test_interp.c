/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interpreter tests on a small two-layer float model built in the test:
 * every too-small arena fails cleanly and says how much is needed, two
 * interpreters share one arena, the profiler sees every op, call-order
 * mistakes are caught, unsupported ops and versions are named, an offline
 * memory plan is honoured, and a kernel's data accessors agree with its
 * tensor views.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "tflite_build.h"
#include "mote/mote.h"

/* x[1,4] -> FC(8, RELU) -> h[1,8] -> FC(3) -> y[1,3]. Weights are
 * w1[o][i] = (o + 1) * 0.1 * (i - 1.5) and w2[o][i] = (i - o) * 0.05. */
/* Bytes of the offline plan's metadata buffer: the whole plan unless a
 * test shortens it. */
static uint32_t g_offline_bytes = 4u * (3u + 7u);

static uint8_t *build_mlp(int version, const int32_t *offline, size_t *len) {
  float w1[32], b1[8], w2[24], b2[3];
  int32_t xs[2] = {1, 4}, w1s[2] = {8, 4}, b1s[1] = {8}, hs[2] = {1, 8};
  int32_t w2s[2] = {3, 8}, b2s[1] = {3}, ys[2] = {1, 3};
  int i, o;
  tfb_model_t *m = tfb_new();
  tfb_options_t relu;
  int x, tw1, tb1, h, tw2, tb2, y, fc;
  int32_t ins[3], outs[1];
  uint8_t *out = NULL;
  for (o = 0; o < 8; o++) {
    for (i = 0; i < 4; i++) {
      w1[o * 4 + i] = (float)(o + 1) * 0.1f * ((float)i - 1.5f);
    }
    b1[o] = 0.01f * (float)o;
  }
  for (o = 0; o < 3; o++) {
    for (i = 0; i < 8; i++) {
      w2[o * 8 + i] = (float)(i - o) * 0.05f;
    }
    b2[o] = -0.1f * (float)o;
  }
  x = tfb_add_tensor(m, "x", 0, xs, 2, 0, NULL, NULL, 0, 0, false);
  tw1 = tfb_add_tensor(m, "w1", 0, w1s, 2, tfb_add_buffer(m, w1, sizeof w1), NULL, NULL, 0, 0, false);
  tb1 = tfb_add_tensor(m, "b1", 0, b1s, 1, tfb_add_buffer(m, b1, sizeof b1), NULL, NULL, 0, 0, false);
  h = tfb_add_tensor(m, "h", 0, hs, 2, 0, NULL, NULL, 0, 0, false);
  tw2 = tfb_add_tensor(m, "w2", 0, w2s, 2, tfb_add_buffer(m, w2, sizeof w2), NULL, NULL, 0, 0, false);
  tb2 = tfb_add_tensor(m, "b2", 0, b2s, 1, tfb_add_buffer(m, b2, sizeof b2), NULL, NULL, 0, 0, false);
  y = tfb_add_tensor(m, "y", 0, ys, 2, 0, NULL, NULL, 0, 0, false);
  fc = tfb_add_opcode(m, MOTE_OP_FULLY_CONNECTED, NULL, version);
  tfb_options_init(&relu);
  tfb_opt_u8(&relu, 0, 1);
  ins[0] = x;
  ins[1] = tw1;
  ins[2] = tb1;
  outs[0] = h;
  tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, &relu, NULL, 0);
  ins[0] = h;
  ins[1] = tw2;
  ins[2] = tb2;
  outs[0] = y;
  tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, NULL, NULL, 0);
  tfb_set_io(m, &x, 1, &y, 1);
  if (offline != NULL) {
    tfb_add_metadata(m, "OfflineMemoryAllocation",
                     tfb_add_buffer(m, offline, g_offline_bytes));
  }
  if (tfb_finish(m, &out, len) != 0) {
    fprintf(stderr, "builder: %s\n", tfb_error(m));
  }
  tfb_free(m);
  return out;
}

static void expected_y(const float x[4], float y[3]) {
  float h[8];
  int i, o;
  for (o = 0; o < 8; o++) {
    float acc = 0.0f;
    for (i = 0; i < 4; i++) {
      acc += x[i] * (float)(o + 1) * 0.1f * ((float)i - 1.5f);
    }
    acc += 0.01f * (float)o;
    h[o] = acc > 0.0f ? acc : 0.0f;
  }
  for (o = 0; o < 3; o++) {
    float acc = 0.0f;
    for (i = 0; i < 8; i++) {
      acc += h[i] * (float)(i - o) * 0.05f;
    }
    y[o] = acc - 0.1f * (float)o;
  }
}

typedef struct fixture {
  uint8_t *bytes;
  size_t len;
  mote_model_t model;
  mote_resolver_entry_t entries[2];
  mote_resolver_t resolver;
} fixture_t;

static int fixture_open(fixture_t *f, int version, const int32_t *offline) {
  mote_error_t err;
  f->bytes = build_mlp(version, offline, &f->len);
  mote_resolver_init(&f->resolver, f->entries, 2);
  mote_resolver_add(&f->resolver, MOTE_OP_FULLY_CONNECTED, &mote_kernel_fully_connected);
  return f->bytes != NULL && mote_model_open(&f->model, f->bytes, f->len, &err) == MOTE_OK;
}

static void run_and_check(mote_interp_t *in, float scale) {
  float x[4] = {0.5f * scale, -1.0f * scale, 2.0f * scale, 0.25f * scale};
  float want[3];
  mote_tensor_t t;
  mote_error_t err;
  int k;
  if (mote_interp_input(in, 0, &t) != MOTE_OK) {
    CHECK(0);
    return;
  }
  memcpy(t.data, x, sizeof x);
  CHECK_EQ_INT(mote_interp_invoke(in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(in, 0, &t), MOTE_OK);
  expected_y(x, want);
  for (k = 0; k < 3; k++) {
    CHECK_NEAR(((float *)t.data)[k], want[k], 1e-5);
  }
}

#define ARENA_SIZE 8192u
static uint8_t *g_arena; /* 16-byte aligned, from main */

static size_t needed_bytes(fixture_t *f) {
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  if (mote_interp_init(&in, &f->model, &f->resolver, &arena, &err) != MOTE_OK ||
      mote_interp_prepare(&in, &err) != MOTE_OK) {
    return 0;
  }
  CHECK_EQ_INT(mote_interp_arena_used_bytes(&in), mote_arena_used_bytes(&arena));
  return mote_arena_used_bytes(&arena);
}

static void test_every_small_arena_fails_cleanly(void) {
  fixture_t f;
  size_t need;
  size_t size;
  CHECK(fixture_open(&f, 1, NULL));
  need = needed_bytes(&f);
  CHECK(need > 0);
  for (size = 0; size < need; size += 16) {
    mote_arena_t arena;
    mote_interp_t in;
    mote_error_t err;
    mote_status_t st;
    memset(&err, 0, sizeof err);
    mote_arena_init(&arena, g_arena, size);
    st = mote_interp_init(&in, &f.model, &f.resolver, &arena, &err);
    if (st == MOTE_OK) {
      st = mote_interp_prepare(&in, &err);
    }
    CHECK_EQ_INT(st, MOTE_ERR_ARENA_TOO_SMALL);
    CHECK(strstr(err.message, "needs") != NULL);
    /* When the plan is what does not fit, the figure is exact. */
    if (strstr(err.message, "for activations") != NULL) {
      char want[64];
      snprintf(want, sizeof want, "needs %zu ", need);
      CHECK(strstr(err.message, want) != NULL);
    }
  }
  {
    mote_arena_t arena;
    mote_interp_t in;
    mote_error_t err;
    memset(&err, 0, sizeof err);
    mote_arena_init(&arena, g_arena, need);
    CHECK_EQ_INT(mote_interp_init(&in, &f.model, &f.resolver, &arena, &err), MOTE_OK);
    CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);
    if (err.status != MOTE_OK) {
      fprintf(stderr, "at %zu bytes: %s\n", need, err.message);
    }
    run_and_check(&in, 1.0f);
  }
  free(f.bytes);
}

static void test_two_interpreters_share_an_arena(void) {
  fixture_t f;
  mote_arena_t arena;
  mote_interp_t a, b;
  mote_error_t err;
  size_t single;
  CHECK(fixture_open(&f, 1, NULL));
  single = needed_bytes(&f);
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  CHECK_EQ_INT(mote_interp_init(&a, &f.model, &f.resolver, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&a, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_init(&b, &f.model, &f.resolver, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&b, &err), MOTE_OK);
  run_and_check(&a, 1.0f);
  run_and_check(&b, -0.5f);
  run_and_check(&a, 2.0f);
  /* Heads overlap: two tenants cost less than twice one. */
  CHECK(mote_arena_used_bytes(&arena) < 2 * single);
  free(f.bytes);
}

static int g_profile_calls[2];

static void profile(void *user, uint32_t op, int32_t code, int end) {
  (void)user;
  (void)op;
  CHECK_EQ_INT(code, MOTE_OP_FULLY_CONNECTED);
  g_profile_calls[end ? 1 : 0]++;
}

static void test_profiler_and_call_order(void) {
  fixture_t f;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  mote_tensor_t t;
  CHECK(fixture_open(&f, 1, NULL));
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  memset(&in, 0, sizeof in); /* a zeroed handle is "not initialised" */
  CHECK_EQ_INT(mote_interp_invoke(&in, &err), MOTE_ERR_BAD_STATE);
  CHECK_EQ_INT(mote_interp_init(&in, &f.model, &f.resolver, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_invoke(&in, &err), MOTE_ERR_BAD_STATE);
  CHECK_EQ_INT(mote_interp_input(&in, 0, &t), MOTE_ERR_BAD_STATE);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_ERR_BAD_STATE);
  CHECK_EQ_INT(mote_interp_input(&in, 1, &t), MOTE_ERR_BAD_ARG);
  mote_interp_set_profiler(&in, profile, NULL);
  run_and_check(&in, 1.0f);
  CHECK_EQ_INT(g_profile_calls[0], 2);
  CHECK_EQ_INT(g_profile_calls[1], 2);
  free(f.bytes);
}

static void test_unsupported_ops_are_named(void) {
  fixture_t f;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  mote_resolver_t empty;
  CHECK(fixture_open(&f, 1, NULL));
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  mote_resolver_init(&empty, NULL, 0);
  CHECK_EQ_INT(mote_interp_init(&in, &f.model, &empty, &arena, &err), MOTE_ERR_UNSUPPORTED_OP);
  CHECK(strcmp(err.message, "no kernel in the resolver for FULLY_CONNECTED "
                            "(builtin 9; op 0 and 1 more)") == 0);
  CHECK_EQ_INT(mote_resolver_add(&empty, MOTE_OP_ADD, &mote_kernel_add), MOTE_ERR_CAPACITY);
  free(f.bytes);
  CHECK(fixture_open(&f, 99, NULL));
  CHECK_EQ_INT(mote_interp_init(&in, &f.model, &f.resolver, &arena, &err), MOTE_ERR_UNSUPPORTED_OP);
  CHECK(strstr(err.message, "version 99") != NULL);
  free(f.bytes);
}

static void test_offline_plan_is_honoured(void) {
  /* [version, subgraph, tensor count, offsets]; -1 = planned online. */
  const int32_t plan[10] = {1, 0, 7, 64, -1, -1, 0, -1, -1, 128};
  const int32_t bad[10] = {1, 0, 7, 0, -1, -1, 0, -1, -1, 128};
  fixture_t f;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  mote_tensor_t t;
  CHECK(fixture_open(&f, 1, plan));
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  CHECK_EQ_INT(mote_interp_init(&in, &f.model, &f.resolver, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_tensor(&in, 0, &t), MOTE_OK);
  CHECK((uint8_t *)t.data == arena.base_ + 64);
  CHECK_EQ_INT(mote_interp_tensor(&in, 3, &t), MOTE_OK);
  CHECK((uint8_t *)t.data == arena.base_ + 0);
  CHECK_EQ_INT(mote_interp_tensor(&in, 6, &t), MOTE_OK);
  CHECK((uint8_t *)t.data == arena.base_ + 128);
  run_and_check(&in, 1.0f);
  free(f.bytes);
  /* x and h alive together at step 0 in the same bytes: rejected. */
  CHECK(fixture_open(&f, 1, bad));
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  CHECK_EQ_INT(mote_interp_init(&in, &f.model, &f.resolver, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "offline plan: tensors 0 and 3 share bytes") !=
        NULL);
  free(f.bytes);
}

/* Prepare's error for a model whose offline plan is `plan`, its buffer
 * `bytes` long. */
static mote_status_t prepare_with_plan(const int32_t *plan, uint32_t bytes,
                                       mote_error_t *err) {
  fixture_t f;
  mote_arena_t arena;
  mote_interp_t in;
  mote_status_t st = MOTE_ERR_BAD_STATE;
  g_offline_bytes = bytes;
  CHECK(fixture_open(&f, 1, plan));
  g_offline_bytes = 4u * (3u + 7u);
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  if (mote_interp_init(&in, &f.model, &f.resolver, &arena, err) == MOTE_OK) {
    st = mote_interp_prepare(&in, err);
  }
  free(f.bytes);
  return st;
}

static void test_malformed_offline_plan_is_refused(void) {
  const int32_t v2[10] = {2, 0, 7, -1, -1, -1, -1, -1, -1, -1};
  const int32_t six[10] = {1, 0, 6, -1, -1, -1, -1, -1, -1, -1};
  const int32_t ok[10] = {1, 0, 7, -1, -1, -1, -1, -1, -1, -1};
  const int32_t odd[10] = {1, 0, 7, 8, -1, -1, -1, -1, -1, -1};
  mote_error_t err;
  CHECK_EQ_INT(prepare_with_plan(ok, 40, &err), MOTE_OK);
  CHECK_EQ_INT(prepare_with_plan(v2, 40, &err), MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "malformed offline plan") != NULL);
  CHECK_EQ_INT(prepare_with_plan(six, 40, &err), MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "malformed offline plan") != NULL);
  /* One offset short, and too short for the header itself. */
  CHECK_EQ_INT(prepare_with_plan(ok, 36, &err), MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "malformed offline plan") != NULL);
  CHECK_EQ_INT(prepare_with_plan(ok, 8, &err), MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "malformed offline plan") != NULL);
  CHECK_EQ_INT(prepare_with_plan(odd, 40, &err), MOTE_ERR_CORRUPT_MODEL);
  CHECK(strstr(err.message, "offline plan: tensor 0 offset 8 is not 16-byte "
                            "aligned") != NULL);
}

/* A probe in place of FULLY_CONNECTED: compares the data accessors with
 * the views in prepare and in invoke; every disagreement counts. */
static int g_probe_bad, g_probe_prepares, g_probe_invokes;

static void probe_compare(mote_kctx_t *ctx) {
  mote_tensor_t t;
  uint32_t i;
  for (i = 0; i < mote_kctx_input_count(ctx); i++) {
    g_probe_bad += mote_kctx_input(ctx, i, &t) != MOTE_OK ||
                   mote_kctx_input_data(ctx, i) != t.data;
  }
  g_probe_bad += mote_kctx_output(ctx, 0, &t) != MOTE_OK ||
                 mote_kctx_output_data(ctx, 0) != t.data;
  /* Beyond the operator's inputs and outputs: NULL, and no failure. */
  g_probe_bad += mote_kctx_input_data(ctx, 3) != NULL;
  g_probe_bad += mote_kctx_output_data(ctx, 1) != NULL;
  g_probe_bad += mote_kctx_op_version(ctx) != 1;
}

static mote_status_t probe_prepare(mote_kctx_t *ctx) {
  probe_compare(ctx);
  /* Activations get memory after every prepare; constants have it. */
  g_probe_bad += mote_kctx_input_data(ctx, 0) != NULL;
  g_probe_bad += mote_kctx_input_data(ctx, 1) == NULL;
  g_probe_prepares++;
  return MOTE_OK;
}

static mote_status_t probe_invoke(mote_kctx_t *ctx) {
  probe_compare(ctx);
  g_probe_bad += mote_kctx_input_data(ctx, 0) == NULL;
  g_probe_bad += mote_kctx_output_data(ctx, 0) == NULL;
  g_probe_invokes++;
  return MOTE_OK;
}

/* A nameless kernel that fails: the message must still name the op. */
static mote_status_t failing_invoke(mote_kctx_t *ctx) {
  return mote_kctx_fail(ctx, MOTE_ERR_KERNEL, "probe failure %d", 7);
}

/* mote_kctx_fail() with MOTE_OK still fails (kernel.h promises the
 * static analyzers a status other than MOTE_OK). */
static mote_status_t ok_failing_invoke(mote_kctx_t *ctx) {
  return mote_kctx_fail(ctx, MOTE_OK, "not really %s", "failing");
}

static void test_data_accessors_match_views(void) {
  static const mote_kernel_t probe = {"PROBE", 1, probe_prepare, probe_invoke};
  static const mote_kernel_t nameless = {NULL, 1, NULL, failing_invoke};
  static const mote_kernel_t ok_fail = {"OKFAIL", 1, NULL, ok_failing_invoke};
  static const mote_kernel_t *const failing[2] = {&nameless, &ok_fail};
  static const char *const said[2] = {
      "op 0 (FULLY_CONNECTED): probe failure 7",
      "op 0 (OKFAIL): not really failing"};
  int i;
  fixture_t f;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  mote_resolver_entry_t entry;
  mote_resolver_t r;
  CHECK(fixture_open(&f, 1, NULL));
  mote_resolver_init(&r, &entry, 1);
  CHECK_EQ_INT(mote_resolver_add(&r, MOTE_OP_FULLY_CONNECTED, &probe), MOTE_OK);
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  CHECK_EQ_INT(mote_interp_init(&in, &f.model, &r, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_invoke(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_invoke(&in, &err), MOTE_OK);
  CHECK_EQ_INT(g_probe_prepares, 2);
  CHECK_EQ_INT(g_probe_invokes, 4);
  CHECK_EQ_INT(g_probe_bad, 0);

  for (i = 0; i < 2; ++i) {
    mote_resolver_init(&r, &entry, 1);
    CHECK_EQ_INT(mote_resolver_add(&r, MOTE_OP_FULLY_CONNECTED, failing[i]),
                 MOTE_OK);
    mote_arena_init(&arena, g_arena, ARENA_SIZE);
    CHECK_EQ_INT(mote_interp_init(&in, &f.model, &r, &arena, &err), MOTE_OK);
    CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);
    CHECK_EQ_INT(mote_interp_invoke(&in, &err), MOTE_ERR_KERNEL);
    CHECK_EQ_INT(err.status, MOTE_ERR_KERNEL);
    CHECK(strstr(err.message, said[i]) != NULL);
  }
  free(f.bytes);
}

/* A probe that asks to overlay its output on an input: at a misaligned
 * offset or of an input it does not have in prepare, or (aligned) in
 * invoke. Each refused with a message that says what. */
static int g_share_mode;
static mote_status_t share_prepare(mote_kctx_t *ctx) {
  if (g_share_mode == 2) {
    return mote_kctx_request_share(ctx, 9, 0);
  }
  return mote_kctx_request_share(ctx, 0, g_share_mode == 0 ? 8u : 16u);
}
static mote_status_t share_invoke(mote_kctx_t *ctx) {
  return mote_kctx_request_share(ctx, 0, 0);
}

static void test_share_requests_are_checked(void) {
  static const mote_kernel_t probe = {"SHARE", 1, share_prepare, share_invoke};
  fixture_t f;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  mote_resolver_entry_t entry;
  mote_resolver_t r;
  CHECK(fixture_open(&f, 1, NULL));
  mote_resolver_init(&r, &entry, 1);
  CHECK_EQ_INT(mote_resolver_add(&r, MOTE_OP_FULLY_CONNECTED, &probe), MOTE_OK);
  g_share_mode = 0;
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  CHECK_EQ_INT(mote_interp_init(&in, &f.model, &r, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_ERR_BAD_ARG);
  CHECK(strstr(err.message, "op 0 (SHARE): share of input 0 at 8 bytes: "
                            "not a multiple of 16") != NULL);
  g_share_mode = 1;
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  CHECK_EQ_INT(mote_interp_init(&in, &f.model, &r, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_invoke(&in, &err), MOTE_ERR_BAD_STATE);
  CHECK(strstr(err.message, "share requested outside prepare") != NULL);
  g_share_mode = 2;
  mote_arena_init(&arena, g_arena, ARENA_SIZE);
  CHECK_EQ_INT(mote_interp_init(&in, &f.model, &r, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_ERR_BAD_ARG);
  CHECK(strstr(err.message, "share of input 9: the op has 3 inputs") != NULL);
  free(f.bytes);
}

int main(void) {
  void *mem = NULL;
  if (posix_memalign(&mem, 16, ARENA_SIZE) != 0) {
    return 1;
  }
  g_arena = (uint8_t *)mem;
  MOTE_RUN(test_every_small_arena_fails_cleanly);
  MOTE_RUN(test_two_interpreters_share_an_arena);
  MOTE_RUN(test_profiler_and_call_order);
  MOTE_RUN(test_unsupported_ops_are_named);
  MOTE_RUN(test_offline_plan_is_honoured);
  MOTE_RUN(test_malformed_offline_plan_is_refused);
  MOTE_RUN(test_share_requests_are_checked);
  MOTE_RUN(test_data_accessors_match_views);
  free(g_arena);
  return MOTE_TEST_END();
}
