/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Resource variables against TFLM's arithmetic, by unrolling.
 *
 * The TFLM oracle (tflm_run) builds its interpreter without
 * MicroResourceVariables, so it refuses any model with VAR_HANDLE and a
 * resource-variable model cannot be compared with it directly. What it
 * can run is the same computation unrolled: an accumulator
 *
 *   init (CALL_ONCE): acc = start
 *   main:             s = acc + x; acc = s; output s
 *
 * invoked k times gives, byte for byte, what a chain of k ADDs gives from
 * the constant `start` when every link has the accumulator's type and
 * quantization. So mote runs the variable model k times, the oracle runs
 * the k-ADD chain once, and the bytes must agree: float32 (rounding at
 * every step, so the order of the additions shows) and int8 (x quantized
 * unlike the accumulator, so every step requantizes, and the sums reach
 * the int8 limits and saturate). mote_interp_reset_state() must then
 * replay the same sequence from `start`.
 *
 * Under CI the oracle must be there; without it the test says so and
 * compares mote's variable model with mote's own unrolled chain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "oracle.h"
#include "support.h"
#include "test.h"
#include "tflite_build.h"

enum { T_F32 = 0, T_I8 = 9, T_RESOURCE = 13 };
enum {
  OP_ADD = 0, OP_CALL_ONCE = 129, OP_VAR_HANDLE = 142,
  OP_READ_VARIABLE = 143, OP_ASSIGN_VARIABLE = 144
};
enum {
  O_CALL_ONCE = 103, O_VAR_HANDLE = 111, O_READ_VARIABLE = 112,
  O_ASSIGN_VARIABLE = 113
};

#define N 4
#define MAX_INVOKES 6

/* One accumulator type: its data and quantization. */
typedef struct acc_case {
  const char *name;
  int type;
  size_t esize;
  const void *start; /* N elements */
  const void *x;     /* N elements */
  float acc_scale;   /* 0: float */
  int64_t acc_zp;
  float x_scale;
  int64_t x_zp;
} acc_case_t;

static const float kStartF[N] = {0.1f, -2.5f, 1e-3f, 3.3f};
static const float kXF[N] = {0.7f, 0.3f, 1234.567f, -1e-4f};
static const int8_t kStartQ[N] = {3, -100, 90, 0};
static const int8_t kXQ[N] = {40, -128, 117, -7};

static const acc_case_t kCases[] = {
    {"float32", T_F32, 4, kStartF, kXF, 0.0f, 0, 0.0f, 0},
    {"int8", T_I8, 1, kStartQ, kXQ, 0.05f, 3, 0.031f, -5},
};

/* A tensor of `c`'s type, [N], quantized as the accumulator or as x. */
static int32_t tensor(tfb_model_t *m, const acc_case_t *c, const char *name,
                      int buffer, int as_x) {
  const int32_t shape[1] = {N};
  const float scale = as_x ? c->x_scale : c->acc_scale;
  const int64_t zp = as_x ? c->x_zp : c->acc_zp;
  return tfb_add_tensor(m, name, c->type, shape, 1, buffer,
                        scale > 0.0f ? &scale : NULL,
                        scale > 0.0f ? &zp : NULL, scale > 0.0f ? 1 : 0, 0,
                        false);
}

static tfb_options_t var_name(void) {
  tfb_options_t o;
  tfb_options_init(&o);
  (void)tfb_opt_string(&o, 1, "acc");
  return o;
}

/* The accumulator with a resource variable, initialised by CALL_ONCE. */
static uint8_t *variable_model(const acc_case_t *c, size_t *len) {
  tfb_model_t *m = tfb_new();
  const int add = tfb_add_opcode(m, OP_ADD, NULL, 1);
  const int once = tfb_add_opcode(m, OP_CALL_ONCE, NULL, 1);
  const int handle = tfb_add_opcode(m, OP_VAR_HANDLE, NULL, 1);
  const int rd = tfb_add_opcode(m, OP_READ_VARIABLE, NULL, 1);
  const int wr = tfb_add_opcode(m, OP_ASSIGN_VARIABLE, NULL, 1);
  const int sb = tfb_add_buffer(m, c->start, c->esize * N);
  tfb_options_t o;
  int32_t x, h, v, s, io[2], k;
  x = tensor(m, c, "x", 0, 1);
  h = tfb_add_tensor(m, "h", T_RESOURCE, NULL, 0, 0, NULL, NULL, 0, 0, false);
  v = tensor(m, c, "acc", 0, 0);
  s = tensor(m, c, "s", 0, 0);
  tfb_options_init(&o);
  (void)tfb_opt_i32(&o, 0, 1); /* init_subgraph_index */
  tfb_add_op(m, once, NULL, 0, NULL, 0, O_CALL_ONCE, &o, NULL, 0);
  o = var_name();
  tfb_add_op(m, handle, NULL, 0, &h, 1, O_VAR_HANDLE, &o, NULL, 0);
  tfb_add_op(m, rd, &h, 1, &v, 1, O_READ_VARIABLE, NULL, NULL, 0);
  io[0] = v;
  io[1] = x;
  tfb_add_op(m, add, io, 2, &s, 1, 0, NULL, NULL, 0);
  io[0] = h;
  io[1] = s;
  tfb_add_op(m, wr, io, 2, NULL, 0, O_ASSIGN_VARIABLE, NULL, NULL, 0);
  tfb_set_io(m, &x, 1, &s, 1);
  tfb_add_subgraph(m, "init");
  h = tfb_add_tensor(m, "h", T_RESOURCE, NULL, 0, 0, NULL, NULL, 0, 0, false);
  k = tensor(m, c, "start", sb, 0);
  o = var_name();
  tfb_add_op(m, handle, NULL, 0, &h, 1, O_VAR_HANDLE, &o, NULL, 0);
  io[0] = h;
  io[1] = k;
  tfb_add_op(m, wr, io, 2, NULL, 0, O_ASSIGN_VARIABLE, NULL, NULL, 0);
  tfb_set_io(m, NULL, 0, NULL, 0);
  return mote_test_tfb_finish(m, len);
}

/* The same computation unrolled: `invokes` ADDs of x onto `start`. */
static uint8_t *unrolled_model(const acc_case_t *c, int invokes, size_t *len) {
  tfb_model_t *m = tfb_new();
  const int add = tfb_add_opcode(m, OP_ADD, NULL, 1);
  const int sb = tfb_add_buffer(m, c->start, c->esize * N);
  int32_t x, acc, s, io[2];
  int k;
  x = tensor(m, c, "x", 0, 1);
  acc = tensor(m, c, "start", sb, 0);
  for (k = 0; k < invokes; k++) {
    s = tensor(m, c, "s", 0, 0);
    io[0] = acc;
    io[1] = x;
    tfb_add_op(m, add, io, 2, &s, 1, 0, NULL, NULL, 0);
    acc = s;
  }
  tfb_set_io(m, &x, 1, &acc, 1);
  return mote_test_tfb_finish(m, len);
}

typedef struct session {
  mote_model_t model;
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
} session_t;

static uint64_t g_arena[4 * 1024];
static session_t g_s;

static mote_status_t load(const uint8_t *bytes, size_t len,
                          mote_error_t *err) {
  mote_status_t st = mote_model_open(&g_s.model, bytes, len, err);
  if (st == MOTE_OK) {
    st = mote_resolver_init(&g_s.resolver, g_s.entries,
                            MOTE_RESOLVER_BUILTINS);
  }
  if (st == MOTE_OK) {
    st = mote_resolver_add_builtins(&g_s.resolver);
  }
  if (st == MOTE_OK) {
    st = mote_arena_init(&g_s.arena, g_arena, sizeof g_arena);
  }
  if (st == MOTE_OK) {
    st = mote_interp_init(&g_s.interp, &g_s.model, &g_s.resolver,
                          &g_s.arena, err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&g_s.interp, err);
  }
  return st;
}

/* Sets the loaded model's input to x and invokes it `invokes` times;
 * copies the output (N elements) into out. */
static mote_status_t invoke(const acc_case_t *c, int invokes, uint8_t *out,
                            mote_error_t *err) {
  mote_tensor_t t;
  mote_status_t st = mote_interp_input(&g_s.interp, 0, &t);
  int k;
  if (st != MOTE_OK || t.bytes != c->esize * N) {
    return st != MOTE_OK ? st : MOTE_ERR_BAD_SHAPE;
  }
  memcpy(t.data, c->x, t.bytes);
  for (k = 0; k < invokes && st == MOTE_OK; k++) {
    st = mote_interp_invoke(&g_s.interp, err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_output(&g_s.interp, 0, &t);
  }
  if (st == MOTE_OK) {
    CHECK_EQ_INT((int)t.bytes, (int)(c->esize * N));
    memcpy(out, t.data, c->esize * N);
  }
  return st;
}

/* The unrolled chain's output from TFLM into want; 0, or -1 when there is
 * no oracle (allowed outside CI only). */
static int oracle_chain(const acc_case_t *c, int invokes, uint8_t *want) {
  size_t len = 0;
  uint8_t *bytes = unrolled_model(c, invokes, &len);
  const void *in[1];
  size_t in_bytes[1];
  uint8_t *out[1] = {NULL};
  size_t out_bytes[1] = {0};
  char why[512];
  int rc;
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return -1;
  }
  if (mote_test_find_oracle() == NULL) {
    mote_error_t err;
    printf("%s: no TFLM oracle, mote's own unrolled chain instead\n",
           c->name);
    CHECK(!mote_test_under_ci());
    CHECK_EQ_INT(load(bytes, len, &err), MOTE_OK);
    CHECK_EQ_INT(invoke(c, 1, want, &err), MOTE_OK);
    free(bytes);
    return -1;
  }
  in[0] = c->x;
  in_bytes[0] = c->esize * N;
  rc = mote_test_oracle_run(bytes, len, in, in_bytes, 1, out, out_bytes, 1,
                            why, sizeof why);
  if (rc != 0) {
    fprintf(stderr, "%s, %d ADDs: tflm_run: %s\n", c->name, invokes, why);
  }
  CHECK_EQ_INT(rc, 0);
  CHECK(rc != 0 || out_bytes[0] == c->esize * N);
  if (rc == 0 && out_bytes[0] == c->esize * N) {
    memcpy(want, out[0], out_bytes[0]);
  }
  free(out[0]);
  free(bytes);
  return rc == 0 ? 0 : -1;
}

static void test_variables_as_tflm_unrolled(void) {
  size_t i;
  for (i = 0; i < sizeof kCases / sizeof kCases[0]; i++) {
    const acc_case_t *c = &kCases[i];
    size_t len = 0;
    uint8_t *bytes = variable_model(c, &len);
    int invokes, compared = 0;
    CHECK(bytes != NULL);
    for (invokes = 1; bytes != NULL && invokes <= MAX_INVOKES; invokes++) {
      uint8_t want[4 * N], got[4 * N];
      mote_error_t err;
      memset(want, 0xA5, sizeof want);
      compared += oracle_chain(c, invokes, want) == 0;
      CHECK_EQ_INT(load(bytes, len, &err), MOTE_OK);
      CHECK_EQ_INT(invoke(c, invokes, got, &err), MOTE_OK);
      if (memcmp(got, want, c->esize * N) != 0) {
        fprintf(stderr, "%s: %d invokes differ from %d unrolled ADDs\n",
                c->name, invokes, invokes);
        CHECK(0);
      }
      /* A reset restarts the accumulator from `start`. */
      CHECK_EQ_INT(mote_interp_reset_state(&g_s.interp), MOTE_OK);
      memset(got, 0, sizeof got);
      CHECK_EQ_INT(invoke(c, invokes, got, &err), MOTE_OK);
      CHECK(memcmp(got, want, c->esize * N) == 0);
    }
    printf("%s: %d of %d invoke counts compared with TFLM's unrolled "
           "chain\n",
           c->name, compared, MAX_INVOKES);
    free(bytes);
  }
}

/* The int8 sums must reach both limits within MAX_INVOKES, or the test
 * would not show that saturation is carried in the variable. */
static void test_int8_case_saturates(void) {
  const acc_case_t *c = &kCases[1];
  size_t len = 0;
  uint8_t *bytes = variable_model(c, &len);
  int8_t got[N];
  mote_error_t err;
  CHECK(bytes != NULL);
  CHECK_EQ_INT(load(bytes, len, &err), MOTE_OK);
  CHECK_EQ_INT(invoke(c, MAX_INVOKES, (uint8_t *)got, &err), MOTE_OK);
  CHECK_EQ_INT(got[1], -128);
  CHECK_EQ_INT(got[2], 127);
  free(bytes);
}

int main(void) {
  MOTE_RUN(test_variables_as_tflm_unrolled);
  MOTE_RUN(test_int8_case_saturates);
  return MOTE_TEST_END();
}
