/* SPDX-License-Identifier: Apache-2.0 */
/*
 * src/interp/interp_info.c: tensors by name (mote_model_tensor_find,
 * mote_interp_tensor_by_name) and the arena breakdown
 * (mote_interp_memory_usage, mote_interp_record_op_memory,
 * mote_interp_record_plan), on a model
 * built in the test from two custom probe kernels whose arena requests are
 * known:
 *
 *   input[1,4], state[1,4] (variable), weights[4] (constant)
 *     -PROBE_A-> mid[1,4] -PROBE_B-> output[1,4]
 *
 * PROBE_A takes 40 bytes of op data and 24 of state and requests scratch
 * of 100 and 28 bytes; PROBE_B requests 64 bytes of scratch and nothing
 * else. A fifth tensor, unused, is also named "mid". Every error path of
 * the four calls is tried too.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory/arena.h"
#include "mote/mote.h"
#include "test.h"
#include "tflite_build.h"

enum { T_INPUT, T_STATE, T_WEIGHTS, T_MID, T_OUTPUT, T_MID_TWIN, N_TENSORS };
#define ARENA_BYTES 8192u

static uint8_t *g_arena; /* 16-byte aligned, from main */

static mote_status_t probe_a_prepare(mote_kctx_t *ctx) {
  void *mem;
  int32_t index;
  mote_status_t st = mote_kctx_alloc_persistent(ctx, 40, &mem);
  if (st == MOTE_OK) {
    st = mote_kctx_alloc_state(ctx, 24, &mem);
  }
  if (st == MOTE_OK) {
    st = mote_kctx_request_scratch(ctx, 100, &index);
  }
  if (st == MOTE_OK) {
    st = mote_kctx_request_scratch(ctx, 28, &index);
  }
  return st;
}

/* mid = input + state + weights; the scratch buffers must be there. */
static mote_status_t probe_a_invoke(mote_kctx_t *ctx) {
  const float *in = (const float *)mote_kctx_input_data(ctx, 0);
  const float *state = (const float *)mote_kctx_input_data(ctx, 1);
  const float *w = (const float *)mote_kctx_input_data(ctx, 2);
  float *out = (float *)mote_kctx_output_data(ctx, 0);
  int i;
  if (mote_kctx_scratch(ctx, 0) == NULL || mote_kctx_scratch(ctx, 1) == NULL) {
    return MOTE_ERR_KERNEL;
  }
  for (i = 0; i < 4; i++) {
    out[i] = in[i] + state[i] + w[i];
  }
  return MOTE_OK;
}

static mote_status_t probe_b_prepare(mote_kctx_t *ctx) {
  int32_t index;
  return mote_kctx_request_scratch(ctx, 64, &index);
}

/* output = 2 * mid. */
static mote_status_t probe_b_invoke(mote_kctx_t *ctx) {
  const float *in = (const float *)mote_kctx_input_data(ctx, 0);
  float *out = (float *)mote_kctx_output_data(ctx, 0);
  int i;
  for (i = 0; i < 4; i++) {
    out[i] = 2.0f * in[i];
  }
  return MOTE_OK;
}

static const mote_kernel_t k_probe_a = {"PROBE_A", 1, probe_a_prepare,
                                        probe_a_invoke};
static const mote_kernel_t k_probe_b = {"PROBE_B", 1, probe_b_prepare,
                                        probe_b_invoke};

static uint8_t *build_model(size_t *len) {
  static const char *const names[N_TENSORS] = {"input", "state", "weights",
                                               "mid",   "output", "mid"};
  const float weights[4] = {0.5f, 1.5f, 2.5f, 3.5f};
  int32_t shape[2] = {1, 4};
  int32_t ins_a[3] = {T_INPUT, T_STATE, T_WEIGHTS}, outs_a[1] = {T_MID};
  int32_t ins_b[1] = {T_MID}, outs_b[1] = {T_OUTPUT};
  int32_t in_io[1] = {T_INPUT}, out_io[1] = {T_OUTPUT};
  tfb_model_t *m = tfb_new();
  uint8_t *out = NULL;
  int a, b, t, wbuf;
  wbuf = tfb_add_buffer(m, weights, sizeof weights);
  for (t = 0; t < N_TENSORS; t++) {
    tfb_add_tensor(m, names[t], MOTE_TYPE_FLOAT32,
                   t == T_WEIGHTS ? &shape[1] : shape, t == T_WEIGHTS ? 1 : 2,
                   t == T_WEIGHTS ? wbuf : 0, NULL, NULL, 0, 0, t == T_STATE);
  }
  a = tfb_add_opcode(m, MOTE_OP_CUSTOM, "PROBE_A", 1);
  b = tfb_add_opcode(m, MOTE_OP_CUSTOM, "PROBE_B", 1);
  tfb_add_op(m, a, ins_a, 3, outs_a, 1, 0, NULL, NULL, 0);
  tfb_add_op(m, b, ins_b, 1, outs_b, 1, 0, NULL, NULL, 0);
  tfb_set_io(m, in_io, 1, out_io, 1);
  if (tfb_finish(m, &out, len) != 0) {
    fprintf(stderr, "tflite_build: %s\n", tfb_error(m));
  }
  tfb_free(m);
  return out;
}

typedef struct setup {
  uint8_t *bytes;
  mote_model_t model;
  mote_resolver_entry_t entries[2];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
} setup_t;

/* Opens the model and initialises an interpreter (not prepared). */
static int setup_init(setup_t *s) {
  size_t len = 0;
  memset(s, 0, sizeof *s);
  s->bytes = build_model(&len);
  if (s->bytes == NULL ||
      mote_model_open(&s->model, s->bytes, len, &s->err) != MOTE_OK ||
      mote_resolver_init(&s->resolver, s->entries, 2) != MOTE_OK ||
      mote_resolver_add_custom(&s->resolver, "PROBE_A", &k_probe_a) !=
          MOTE_OK ||
      mote_resolver_add_custom(&s->resolver, "PROBE_B", &k_probe_b) !=
          MOTE_OK ||
      mote_arena_init(&s->arena, g_arena, ARENA_BYTES) != MOTE_OK ||
      mote_interp_init(&s->in, &s->model, &s->resolver, &s->arena, &s->err) !=
          MOTE_OK) {
    fprintf(stderr, "setup failed: %s\n", s->err.message);
    CHECK(0);
    return 0;
  }
  return 1;
}

static void setup_free(setup_t *s) {
  free(s->bytes);
}

static void test_model_tensor_find(void) {
  setup_t s;
  uint32_t index = 99;
  if (!setup_init(&s)) {
    return;
  }
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 0, "output", &index), MOTE_OK);
  CHECK_EQ_INT(index, T_OUTPUT);
  /* Two tensors are named "mid": the lower index wins. */
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 0, "mid", &index), MOTE_OK);
  CHECK_EQ_INT(index, T_MID);
  index = 99;
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 0, "nope", &index),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 0, "mi", &index),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 0, "middle", &index),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 0, "", &index),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(index, 99); /* untouched on failure */
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 1, "mid", &index),
               MOTE_ERR_BAD_ARG); /* no subgraph 1 */
  CHECK_EQ_INT(mote_model_tensor_find(NULL, 0, "mid", &index),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 0, NULL, &index),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 0, "mid", NULL),
               MOTE_ERR_BAD_ARG);
  setup_free(&s);
}

static void test_interp_tensor_by_name(void) {
  setup_t s;
  mote_tensor_t t, out;
  uint32_t index;
  if (!setup_init(&s)) {
    return;
  }
  CHECK_EQ_INT(mote_interp_tensor_by_name(&s.in, "mid", &t),
               MOTE_ERR_BAD_STATE);
  /* Before prepare the model finds it, to keep it. */
  CHECK_EQ_INT(mote_model_tensor_find(&s.model, 0, "mid", &index), MOTE_OK);
  CHECK_EQ_INT(mote_interp_keep_tensor(&s.in, index, &s.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_input(&s.in, 0, &t), MOTE_OK);
  memset(t.data, 0, t.bytes);
  ((float *)t.data)[1] = 1.0f;
  CHECK_EQ_INT(mote_interp_invoke(&s.in, &s.err), MOTE_OK);

  CHECK_EQ_INT(mote_interp_tensor_by_name(&s.in, "mid", &t), MOTE_OK);
  CHECK_EQ_INT(t.index, T_MID);
  CHECK(t.data != NULL && ((const float *)t.data)[1] == 2.5f);
  CHECK_EQ_INT(mote_interp_tensor_by_name(&s.in, "output", &t), MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(&s.in, 0, &out), MOTE_OK);
  CHECK(t.data == out.data && t.index == out.index);
  CHECK(((const float *)t.data)[1] == 5.0f);
  CHECK_EQ_INT(mote_interp_tensor_by_name(&s.in, "weights", &t), MOTE_OK);
  CHECK((t.flags & MOTE_TENSOR_CONST) != 0 && t.index == T_WEIGHTS);
  CHECK_EQ_INT(mote_interp_tensor_by_name(&s.in, "nope", &t), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_tensor_by_name(&s.in, "", &t), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_tensor_by_name(&s.in, NULL, &t), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_tensor_by_name(&s.in, "mid", NULL),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_tensor_by_name(NULL, "mid", &t), MOTE_ERR_BAD_ARG);
  setup_free(&s);
}

/* The totals, whether or not the operators are recorded. */
static void check_usage(const setup_t *s, size_t tail_before_prepare) {
  mote_memory_usage_t u;
  size_t persistent;
  CHECK_EQ_INT(mote_interp_memory_usage(&s->in, &u), MOTE_OK);
  persistent = s->arena.tail_used_; /* one interpreter: the whole tail */
  CHECK_EQ_INT(u.arena_bytes, mote_interp_arena_used_bytes(&s->in));
  CHECK_EQ_INT(u.arena_bytes, mote_arena_used_bytes(&s->arena));
  CHECK_EQ_INT(u.persistent_bytes, persistent);
  CHECK_EQ_INT(u.persistent_bytes,
               u.runtime_bytes + u.variable_bytes + u.kernel_bytes);
  CHECK(u.arena_bytes >= u.persistent_bytes + u.head_bytes &&
        u.arena_bytes < u.persistent_bytes + u.head_bytes + MOTE_ARENA_ALIGN);
  /* The state tensor: 16 bytes, 16-aligned. */
  CHECK(u.variable_bytes >= 16 && u.variable_bytes < 32);
  /* 40 bytes of op data and 24 of state (with its list header), each
   * 8-aligned. */
  CHECK(u.kernel_bytes >= 40 + 24 + 2 * sizeof(void *) &&
        u.kernel_bytes <= 40 + 24 + 2 * sizeof(void *) + 14);
  /* Init's tables (and keep marks) came before prepare; prepare added
   * the state's reset record (8 bytes), the input's and output's records
   * (8 each) and the three scratch offsets, 8-aligned. */
  CHECK(u.runtime_bytes >= tail_before_prepare + 8 + 2 * 8 + 3 * 4 &&
        u.runtime_bytes <= tail_before_prepare + 8 + 2 * 8 + 3 * 4 + 7);
  CHECK(tail_before_prepare >= N_TENSORS * sizeof(uint32_t));
  CHECK_EQ_INT(u.scratch_bytes, 100 + 28 + 64);
  CHECK_EQ_INT(u.scratch_count, 3);
  /* input, mid, output: 16 bytes each; the unused twin gets nothing. */
  CHECK_EQ_INT(u.tensor_count, 3);
  CHECK_EQ_INT(u.tensor_bytes, 3 * 16);
  /* PROBE_A's step holds input, mid and both of its scratch buffers. */
  CHECK(u.planned_bytes >= 16 + 16 + 112 + 32);
  CHECK(u.planned_bytes <= u.tensor_bytes + 112 + 32 + 64);
  CHECK(u.planned_bytes <= u.head_bytes);
}

static void test_memory_usage(void) {
  setup_t s;
  mote_memory_usage_t u;
  size_t tail;
  if (!setup_init(&s)) {
    return;
  }
  CHECK_EQ_INT(mote_interp_memory_usage(&s.in, &u), MOTE_ERR_BAD_STATE);
  tail = s.arena.tail_used_;
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  check_usage(&s, tail);
  CHECK_EQ_INT(mote_interp_invoke(&s.in, &s.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_memory_usage(&s.in, NULL), MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_memory_usage(NULL, &u), MOTE_ERR_BAD_ARG);
  setup_free(&s);
}

static void test_record_op_memory(void) {
  setup_t s;
  mote_op_memory_t ops[3];
  mote_memory_usage_t u;
  size_t tail;
  if (!setup_init(&s)) {
    return;
  }
  memset(ops, 0xA5, sizeof ops);
  CHECK_EQ_INT(mote_interp_record_op_memory(&s.in, ops, 1, &s.err),
               MOTE_ERR_CAPACITY);
  CHECK_EQ_INT(s.err.status, MOTE_ERR_CAPACITY);
  CHECK(strstr(s.err.message, "2 operators") != NULL);
  CHECK_EQ_INT(mote_interp_record_op_memory(&s.in, NULL, 3, &s.err),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_record_op_memory(NULL, ops, 3, NULL),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_record_op_memory(&s.in, ops, 3, &s.err), MOTE_OK);
  CHECK_EQ_INT(ops[2].persistent_bytes, 0); /* zeroed, past the ops too */
  tail = s.arena.tail_used_;
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  check_usage(&s, tail);
  CHECK_EQ_INT(mote_interp_memory_usage(&s.in, &u), MOTE_OK);
  CHECK_EQ_INT(ops[0].scratch_bytes, 128);
  CHECK_EQ_INT(ops[0].scratch_count, 2);
  CHECK_EQ_INT(ops[1].scratch_bytes, 64);
  CHECK_EQ_INT(ops[1].scratch_count, 1);
  CHECK_EQ_INT(ops[1].persistent_bytes, 0);
  CHECK_EQ_INT(ops[0].persistent_bytes, u.kernel_bytes);
  CHECK_EQ_INT(ops[2].scratch_count, 0);
  /* Only between init and prepare. */
  CHECK_EQ_INT(mote_interp_record_op_memory(&s.in, ops, 3, &s.err),
               MOTE_ERR_BAD_STATE);
  setup_free(&s);
  {
    mote_interp_t fresh;
    memset(&fresh, 0, sizeof fresh);
    CHECK_EQ_INT(mote_interp_record_op_memory(&fresh, ops, 3, NULL),
                 MOTE_ERR_BAD_STATE);
  }
}

/* Whether two plan entries are alive at a common operator and share
 * bytes. */
static int entries_clash(const mote_plan_entry_t *a,
                         const mote_plan_entry_t *b) {
  return a->first_op <= b->last_op && b->first_op <= a->last_op &&
         a->offset < b->offset + b->bytes && b->offset < a->offset + a->bytes;
}

/* The recorded plan: which buffers, their sizes and lifetimes, offsets
 * where the tensors' data really is, no clash, peak = planned_bytes. */
static void test_record_plan(void) {
  setup_t s;
  mote_plan_entry_t e[8];
  mote_memory_usage_t u;
  mote_tensor_t t;
  uint32_t count = 99, i, j, top = 0;
  static const struct {
    int32_t tensor;
    uint32_t scratch, bytes, first, last;
  } want[6] = {{T_INPUT, 0, 16, 0, 0},  {T_MID, 0, 16, 0, 1},
               {T_OUTPUT, 0, 16, 1, 2}, {-1, 0, 112, 0, 0},
               {-1, 1, 32, 0, 0},       {-1, 2, 64, 1, 1}};
  if (!setup_init(&s)) {
    return;
  }
  memset(e, 0xA5, sizeof e);
  CHECK_EQ_INT(mote_interp_record_plan(&s.in, NULL, 8, &count, &s.err),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_record_plan(&s.in, e, 8, NULL, &s.err),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_record_plan(NULL, e, 8, &count, NULL),
               MOTE_ERR_BAD_ARG);
  CHECK_EQ_INT(mote_interp_record_plan(&s.in, e, 8, &count, &s.err), MOTE_OK);
  CHECK_EQ_INT(count, 0);
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_memory_usage(&s.in, &u), MOTE_OK);
  CHECK_EQ_INT(count, 6);
  CHECK_EQ_INT(count, u.tensor_count + u.scratch_count);
  for (i = 0; i < 6 && i < count; i++) {
    CHECK_EQ_INT(e[i].tensor, want[i].tensor);
    CHECK_EQ_INT(e[i].scratch, want[i].scratch);
    CHECK_EQ_INT(e[i].bytes, want[i].bytes);
    CHECK_EQ_INT(e[i].first_op, want[i].first);
    CHECK_EQ_INT(e[i].last_op, want[i].last);
    CHECK_EQ_INT(e[i].offset % MOTE_ARENA_ALIGN, 0);
    if (e[i].tensor >= 0) {
      CHECK_EQ_INT(mote_interp_tensor(&s.in, (uint32_t)e[i].tensor, &t),
                   MOTE_OK);
      CHECK(t.data == g_arena + e[i].offset);
    }
    for (j = 0; j < i; j++) {
      CHECK(!entries_clash(&e[i], &e[j]));
    }
    top = e[i].offset + e[i].bytes > top ? e[i].offset + e[i].bytes : top;
  }
  CHECK_EQ_INT(top, u.planned_bytes);
  CHECK_EQ_INT(e[6].tensor, (int32_t)0xA5A5A5A5); /* nothing past count */
  CHECK_EQ_INT(mote_interp_record_plan(&s.in, e, 8, &count, &s.err),
               MOTE_ERR_BAD_STATE);
  setup_free(&s);
  /* A short array: the count says how many there are, only `capacity`
   * are written. */
  if (!setup_init(&s)) {
    return;
  }
  memset(e, 0xA5, sizeof e);
  CHECK_EQ_INT(mote_interp_record_plan(&s.in, e, 2, &count, &s.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&s.in, &s.err), MOTE_OK);
  CHECK_EQ_INT(count, 6);
  CHECK_EQ_INT(e[1].tensor, T_MID);
  CHECK_EQ_INT(e[2].tensor, (int32_t)0xA5A5A5A5);
  setup_free(&s);
}

/* A prepare that fails (arena too small) leaves the usage unavailable,
 * and the figures of a later, successful interpreter are those of a
 * fresh one. */
static void test_usage_after_failed_prepare(void) {
  setup_t s;
  mote_memory_usage_t u;
  mote_error_t err;
  if (!setup_init(&s)) {
    return;
  }
  CHECK_EQ_INT(mote_arena_init(&s.arena, g_arena, 256), MOTE_OK);
  CHECK_EQ_INT(mote_interp_init(&s.in, &s.model, &s.resolver, &s.arena, &err),
               MOTE_OK);
  CHECK(mote_interp_prepare(&s.in, &err) == MOTE_ERR_ARENA_TOO_SMALL);
  CHECK_EQ_INT(mote_interp_memory_usage(&s.in, &u), MOTE_ERR_BAD_STATE);
  setup_free(&s);
}

int main(void) {
  void *mem = NULL;
  if (posix_memalign(&mem, 16, ARENA_BYTES) != 0) {
    return 1;
  }
  g_arena = (uint8_t *)mem;
  MOTE_RUN(test_model_tensor_find);
  MOTE_RUN(test_interp_tensor_by_name);
  MOTE_RUN(test_memory_usage);
  MOTE_RUN(test_record_op_memory);
  MOTE_RUN(test_record_plan);
  MOTE_RUN(test_usage_after_failed_prepare);
  free(mem);
  return MOTE_TEST_END();
}
