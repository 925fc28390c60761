// SPDX-License-Identifier: Apache-2.0
/*
 * Models of several subgraphs: resource variables with a CALL_ONCE init
 * subgraph (state across invokes), IF and WHILE, built with
 * tools/tflite_build, each run through mote and through real TFLM (the
 * oracle, tflm_run --invokes N) with byte-identical outputs required; and
 * the refusals: a subgraph index out of range, a condition that is not a
 * bool, a variable read and assigned with different sizes, a WHILE whose
 * body calls itself, CALL_ONCE nested too deep.
 *
 * `test_control_flow --export DIR` also writes every model that runs, with
 * the inputs and the outputs checked here, in the layout of the shared
 * models (DIR/<model>.tflite, DIR/golden/<model>/<case>/input_<i>.bin,
 * output_<i>.bin, and `invokes`: how many invokes of one interpreter give
 * those outputs), for tests/target/run_control_flow.sh to run the same
 * models on an emulated Cortex-M.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mote/mote.h"
#include "support.h"
#include "test.h"
#include "tflite_build.h"

enum { T_F32 = 0, T_I32 = 2, T_BOOL = 6, T_RESOURCE = 13 };
enum {
  OP_ADD = 0, OP_SUB = 41, OP_LESS = 58, OP_IF = 118, OP_WHILE = 119,
  OP_CALL_ONCE = 129, OP_VAR_HANDLE = 142, OP_READ_VARIABLE = 143,
  OP_ASSIGN_VARIABLE = 144
};
enum {
  O_ADD = 11, O_SUB = 28, O_LESS = 41, O_IF = 92, O_WHILE = 93,
  O_CALL_ONCE = 103, O_VAR_HANDLE = 111, O_READ_VARIABLE = 112,
  O_ASSIGN_VARIABLE = 113
};

#define MAX_IO 4

typedef struct run {
  uint32_t n_in;
  const void *in[MAX_IO];
  size_t in_bytes[MAX_IO];
  uint32_t n_out;
  uint8_t out[MAX_IO][64];
  size_t out_bytes[MAX_IO];
} run_t;

/* Appends an input of `bytes` bytes at `data` to `run`. */
static void add_input(run_t *run, const void *data, size_t bytes) {
  run->in[run->n_in] = data;
  run->in_bytes[run->n_in++] = bytes;
}

static uint64_t g_arena[8 * 1024]; /* 64 KiB, 8-byte aligned */

/* An interpreter and all it is bound to. */
typedef struct session {
  mote_model_t model;
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t r;
  mote_arena_t arena;
  mote_interp_t in;
} session_t;

static session_t g_s;

/* With MOTE_TEST_DUMP_DIR set, every model loaded is also written there
 * (cf_<n>.tflite): seeds for tests/fuzz. */
static void dump(const uint8_t *bytes, size_t len) {
  static int n;
  const char *dir = getenv("MOTE_TEST_DUMP_DIR");
  char path[1200];
  if (dir != NULL && dir[0] != '\0') {
    snprintf(path, sizeof path, "%s/cf_%d.tflite", dir, n++);
    CHECK(mote_test_write_file(path, bytes, len) == 0);
  }
}

static const char *g_export_dir; /* --export DIR, or NULL */

static void make_dir(const char *path) {
  CHECK(mkdir(path, 0777) == 0 || access(path, F_OK) == 0);
}

/* With --export, writes `model` (its bytes), and case `name`: the inputs
 * of `run`, the outputs it got after `invokes` invokes, and that count. */
static void export_case(const char *model, const uint8_t *bytes, size_t len,
                        const char *name, int invokes, const run_t *run) {
  char path[1400];
  char text[16];
  uint32_t i;
  if (g_export_dir == NULL) {
    return;
  }
  snprintf(path, sizeof path, "%s/%s.tflite", g_export_dir, model);
  CHECK(mote_test_write_file(path, bytes, len) == 0);
  snprintf(path, sizeof path, "%s/golden", g_export_dir);
  make_dir(path);
  snprintf(path, sizeof path, "%s/golden/%s", g_export_dir, model);
  make_dir(path);
  snprintf(path, sizeof path, "%s/golden/%s/%s", g_export_dir, model, name);
  make_dir(path);
  for (i = 0; i < run->n_in; i++) {
    snprintf(path, sizeof path, "%s/golden/%s/%s/input_%u.bin", g_export_dir,
             model, name, (unsigned)i);
    CHECK(mote_test_write_file(path, run->in[i], run->in_bytes[i]) == 0);
  }
  for (i = 0; i < run->n_out; i++) {
    snprintf(path, sizeof path, "%s/golden/%s/%s/output_%u.bin", g_export_dir,
             model, name, (unsigned)i);
    CHECK(mote_test_write_file(path, run->out[i], run->out_bytes[i]) == 0);
  }
  snprintf(path, sizeof path, "%s/golden/%s/%s/invokes", g_export_dir, model,
           name);
  snprintf(text, sizeof text, "%d\n", invokes);
  CHECK(mote_test_write_file(path, text, strlen(text)) == 0);
}

/* Opens, initialises and prepares `bytes` in g_s; the status, with the
 * message in `err`. */
static mote_status_t load(const uint8_t *bytes, size_t len, mote_error_t *err) {
  session_t *s = &g_s;
  mote_status_t st;
  dump(bytes, len);
  st = mote_model_open(&s->model, bytes, len, err);
  if (st != MOTE_OK) {
    return st;
  }
  (void)mote_resolver_init(&s->r, s->entries, MOTE_RESOLVER_BUILTINS);
  (void)mote_resolver_add_builtins(&s->r);
  (void)mote_arena_init(&s->arena, g_arena, sizeof g_arena);
  st = mote_interp_init(&s->in, &s->model, &s->r, &s->arena, err);
  return st != MOTE_OK ? st : mote_interp_prepare(&s->in, err);
}

/* Runs the model `invokes` times on the inputs through mote. */
static mote_status_t run_mote(const uint8_t *bytes, size_t len, int invokes,
                              run_t *run, mote_error_t *err) {
  mote_interp_t *in = &g_s.in;
  uint32_t i;
  int k;
  mote_status_t st = load(bytes, len, err);
  for (k = 0; k < invokes && st == MOTE_OK; k++) {
    for (i = 0; i < run->n_in; i++) {
      mote_tensor_t t;
      CHECK_EQ_INT(mote_interp_input(in, i, &t), MOTE_OK);
      CHECK_EQ_INT(t.bytes, run->in_bytes[i]);
      memcpy(t.data, run->in[i], run->in_bytes[i]);
    }
    st = mote_interp_invoke(in, err);
  }
  run->n_out = mote_interp_output_count(in);
  for (i = 0; st == MOTE_OK && i < run->n_out && i < MAX_IO; i++) {
    mote_tensor_t t;
    CHECK_EQ_INT(mote_interp_output(in, i, &t), MOTE_OK);
    CHECK(t.bytes <= sizeof run->out[i]);
    run->out_bytes[i] = t.bytes;
    memcpy(run->out[i], t.data, t.bytes);
  }
  /* Invoke read nothing of the model but weights. */
  CHECK_EQ_INT(in->model_reads_, 0);
  return st;
}

/* Runs the model through TFLM and requires mote's outputs in `run`,
 * byte for byte. Without the oracle, says so (CI fails). */
static int check_oracle(const char *what, const uint8_t *bytes, size_t len,
                        int invokes, const run_t *run) {
  const char *oracle = mote_test_find_oracle();
  char dir[] = "/tmp/mote_cf_XXXXXX";
  char path[1400];
  char cmd[4400];
  uint32_t i;
  if (oracle == NULL) {
    printf("%s: no TFLM oracle, not compared\n", what);
    CHECK(!mote_test_under_ci());
    return 0;
  }
  CHECK(mkdtemp(dir) != NULL);
  snprintf(path, sizeof path, "%s/model.tflite", dir);
  CHECK(mote_test_write_file(path, bytes, len) == 0);
  for (i = 0; i < run->n_in; i++) {
    snprintf(path, sizeof path, "%s/input_%u.bin", dir, (unsigned)i);
    CHECK(mote_test_write_file(path, run->in[i], run->in_bytes[i]) == 0);
  }
  snprintf(cmd, sizeof cmd,
           "'%s' '%s/model.tflite' '%s' '%s' --invokes %d > '%s/log' 2>&1",
           oracle, dir, dir, dir, invokes, dir);
  if (system(cmd) != 0) {
    size_t n = 0;
    uint8_t *log;
    snprintf(path, sizeof path, "%s/log", dir);
    log = mote_test_read_file(path, &n);
    /* tflm_run builds its interpreter without MicroResourceVariables,
     * so TFLM refuses VAR_HANDLE: then the known values must do. */
    if (log != NULL && strstr((char *)log, "requires resource variables")) {
      printf("%s: the oracle runs no resource variables, not compared\n",
             what);
      free(log);
      return 0;
    }
    fprintf(stderr, "%s: tflm_run failed: %s\n", what,
            log != NULL ? (char *)log : "");
    free(log);
    CHECK(0);
    return 0;
  }
  for (i = 0; i < run->n_out; i++) {
    size_t n = 0;
    uint8_t *got;
    snprintf(path, sizeof path, "%s/output_%u.bin", dir, (unsigned)i);
    got = mote_test_read_file(path, &n);
    CHECK(got != NULL && n == run->out_bytes[i]);
    if (got != NULL && n == run->out_bytes[i]) {
      if (memcmp(got, run->out[i], n) != 0) {
        fprintf(stderr, "%s: output %u differs from TFLM's\n", what,
                (unsigned)i);
        CHECK(0);
      }
    }
    free(got);
  }
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK(system(cmd) == 0);
  printf("%s: %u outputs as TFLM's\n", what, (unsigned)run->n_out);
  return 1;
}

/* An options list of one or two int fields. */
static tfb_options_t ints(int32_t a, int32_t b, int n) {
  tfb_options_t o;
  tfb_options_init(&o);
  (void)tfb_opt_i32(&o, 0, a);
  if (n > 1) {
    (void)tfb_opt_i32(&o, 1, b);
  }
  return o;
}

static tfb_options_t var_name(const char *name) {
  tfb_options_t o;
  tfb_options_init(&o);
  (void)tfb_opt_string(&o, 1, name);
  return o;
}

/* --- (a) resource variables and CALL_ONCE -------------------------------- */

/* main: CALL_ONCE(init); h = VAR_HANDLE("acc"); v = READ(h); s = v + x;
 * ASSIGN(h, s); output s. init: ASSIGN(VAR_HANDLE("acc"), start), with
 * `start_n` int32 elements (2 to match; another count is the mismatch). */
static uint8_t *variable_model(size_t *len, int start_n) {
  tfb_model_t *m = tfb_new();
  const int32_t s2[1] = {2};
  const int32_t sn[1] = {start_n};
  const int32_t start[3] = {10, -3, 7};
  const int add = tfb_add_opcode(m, OP_ADD, NULL, 1);
  const int once = tfb_add_opcode(m, OP_CALL_ONCE, NULL, 1);
  const int handle = tfb_add_opcode(m, OP_VAR_HANDLE, NULL, 1);
  const int rd = tfb_add_opcode(m, OP_READ_VARIABLE, NULL, 1);
  const int wr = tfb_add_opcode(m, OP_ASSIGN_VARIABLE, NULL, 1);
  const int sb = tfb_add_buffer(m, start, sizeof(int32_t) * (size_t)start_n);
  tfb_options_t o;
  int32_t x, h, v, s, io[2], c;
  x = tfb_add_tensor(m, "x", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  h = tfb_add_tensor(m, "h", T_RESOURCE, NULL, 0, 0, NULL, NULL, 0, 0, false);
  v = tfb_add_tensor(m, "v", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  s = tfb_add_tensor(m, "s", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  o = ints(1, 0, 1);
  tfb_add_op(m, once, NULL, 0, NULL, 0, O_CALL_ONCE, &o, NULL, 0);
  o = var_name("acc");
  tfb_add_op(m, handle, NULL, 0, &h, 1, O_VAR_HANDLE, &o, NULL, 0);
  tfb_add_op(m, rd, &h, 1, &v, 1, O_READ_VARIABLE, NULL, NULL, 0);
  io[0] = v;
  io[1] = x;
  tfb_add_op(m, add, io, 2, &s, 1, O_ADD, NULL, NULL, 0);
  io[0] = h;
  io[1] = s;
  tfb_add_op(m, wr, io, 2, NULL, 0, O_ASSIGN_VARIABLE, NULL, NULL, 0);
  tfb_set_io(m, &x, 1, &s, 1);
  tfb_add_subgraph(m, "init");
  h = tfb_add_tensor(m, "h", T_RESOURCE, NULL, 0, 0, NULL, NULL, 0, 0, false);
  c = tfb_add_tensor(m, "start", T_I32, sn, 1, sb, NULL, NULL, 0, 0, false);
  o = var_name("acc");
  tfb_add_op(m, handle, NULL, 0, &h, 1, O_VAR_HANDLE, &o, NULL, 0);
  io[0] = h;
  io[1] = c;
  tfb_add_op(m, wr, io, 2, NULL, 0, O_ASSIGN_VARIABLE, NULL, NULL, 0);
  tfb_set_io(m, NULL, 0, NULL, 0);
  return mote_test_tfb_finish(m, len);
}

static void test_variables_keep_state(void) {
  const int32_t x[2] = {1, 2};
  size_t len;
  uint8_t *bytes = variable_model(&len, 2);
  mote_error_t err;
  int invokes;
  CHECK(bytes != NULL);
  for (invokes = 1; bytes != NULL && invokes <= 3; invokes++) {
    run_t run;
    int32_t got[2];
    char what[64];
    memset(&run, 0, sizeof run);
    add_input(&run, x, sizeof x);
    CHECK_EQ_INT(run_mote(bytes, len, invokes, &run, &err), MOTE_OK);
    memcpy(got, run.out[0], sizeof got);
    CHECK_EQ_INT(got[0], 10 + invokes * 1);
    CHECK_EQ_INT(got[1], -3 + invokes * 2);
    snprintf(what, sizeof what, "variables, %d invokes", invokes);
    check_oracle(what, bytes, len, invokes, &run);
    snprintf(what, sizeof what, "invokes_%d", invokes);
    export_case("cf_variables", bytes, len, what, invokes, &run);
  }
  free(bytes);
}

/* A reset zeroes the variables and re-arms CALL_ONCE. */
static void test_reset_runs_init_again(void) {
  const int32_t x[2] = {1, 2};
  size_t len;
  uint8_t *bytes = variable_model(&len, 2);
  mote_interp_t *in = &g_s.in;
  mote_error_t err;
  mote_tensor_t t;
  int32_t got[2];
  int k;
  CHECK_EQ_INT(load(bytes, len, &err), MOTE_OK);
  for (k = 0; k < 4; k++) {
    if (k == 2) {
      CHECK_EQ_INT(mote_interp_reset_state(in), MOTE_OK);
    }
    CHECK_EQ_INT(mote_interp_input(in, 0, &t), MOTE_OK);
    memcpy(t.data, x, sizeof x);
    CHECK_EQ_INT(mote_interp_invoke(in, &err), MOTE_OK);
  }
  CHECK_EQ_INT(mote_interp_output(in, 0, &t), MOTE_OK);
  memcpy(got, t.data, sizeof got);
  CHECK_EQ_INT(got[0], 12);
  CHECK_EQ_INT(got[1], 1);
  free(bytes);
}

static void test_variable_size_mismatch(void) {
  size_t len;
  uint8_t *bytes = variable_model(&len, 3);
  run_t run;
  mote_error_t err;
  const int32_t x[2] = {1, 2};
  memset(&run, 0, sizeof run);
  add_input(&run, x, sizeof x);
  CHECK_EQ_INT(run_mote(bytes, len, 1, &run, &err), MOTE_ERR_BAD_SHAPE);
  printf("mismatch: %s\n", err.message);
  CHECK(strstr(err.message, "subgraph 1 op 1 (ASSIGN_VARIABLE)") != NULL);
  CHECK(strstr(err.message, "variable \"acc\" holds int32 of 8 bytes") != NULL);
  free(bytes);
}

/* --- (b) IF -------------------------------------------------------------- */

/* main: t = a + b; y = IF(cond, t, b) with then = `then_sg`; z = y + a
 * (a and t live across the call); then: t + b; else: t - b. The
 * condition's type is `cond_type`, the else subgraph's operands'
 * `else_type` (int32 to match). */
static uint8_t *if_model(size_t *len, int then_sg, int cond_type,
                         int else_type) {
  tfb_model_t *m = tfb_new();
  const int32_t s1[1] = {1};
  const int32_t s2[1] = {2};
  const int add = tfb_add_opcode(m, OP_ADD, NULL, 1);
  const int sub = tfb_add_opcode(m, OP_SUB, NULL, 1);
  const int iff = tfb_add_opcode(m, OP_IF, NULL, 1);
  tfb_options_t o = ints(then_sg, 2, 2);
  int32_t ins[3], y, p[2], r, t, z;
  int b;
  ins[0] = tfb_add_tensor(m, "cond", cond_type, s1, 1, 0, NULL, NULL, 0, 0, false);
  ins[1] = tfb_add_tensor(m, "a", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  ins[2] = tfb_add_tensor(m, "b", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  t = tfb_add_tensor(m, "t", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  y = tfb_add_tensor(m, "y", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  z = tfb_add_tensor(m, "z", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  tfb_add_op(m, add, ins + 1, 2, &t, 1, O_ADD, NULL, NULL, 0);
  {
    int32_t call[3] = {ins[0], t, ins[2]};
    int32_t post[2] = {0, 0};
    tfb_add_op(m, iff, call, 3, &y, 1, O_IF, &o, NULL, 0);
    post[0] = y;
    post[1] = ins[1];
    tfb_add_op(m, add, post, 2, &z, 1, O_ADD, NULL, NULL, 0);
  }
  tfb_set_io(m, ins, 3, &z, 1);
  for (b = 0; b < 2; b++) {
    tfb_add_subgraph(m, b == 0 ? "then" : "else");
    const int type = b == 0 ? T_I32 : else_type;
    p[0] = tfb_add_tensor(m, "p", type, s2, 1, 0, NULL, NULL, 0, 0, false);
    p[1] = tfb_add_tensor(m, "q", type, s2, 1, 0, NULL, NULL, 0, 0, false);
    r = tfb_add_tensor(m, "r", type, s2, 1, 0, NULL, NULL, 0, 0, false);
    tfb_add_op(m, b == 0 ? add : sub, p, 2, &r, 1, b == 0 ? O_ADD : O_SUB,
               NULL, NULL, 0);
    tfb_set_io(m, p, 2, &r, 1);
  }
  return mote_test_tfb_finish(m, len);
}

static void test_if_takes_either_branch(void) {
  const int32_t a[2] = {7, -4};
  const int32_t b[2] = {5, 9};
  size_t len;
  uint8_t *bytes = if_model(&len, 1, T_BOOL, T_I32);
  uint8_t cond;
  for (cond = 0; bytes != NULL && cond < 2; cond++) {
    run_t run;
    mote_error_t err;
    int32_t got[2];
    memset(&run, 0, sizeof run);
    add_input(&run, &cond, 1);
    add_input(&run, a, sizeof a);
    add_input(&run, b, sizeof b);
    CHECK_EQ_INT(run_mote(bytes, len, 2, &run, &err), MOTE_OK);
    memcpy(got, run.out[0], sizeof got);
    CHECK_EQ_INT(got[0], cond ? 24 : 14);
    CHECK_EQ_INT(got[1], cond ? 10 : -8);
    check_oracle(cond ? "IF true" : "IF false", bytes, len, 2, &run);
    export_case("cf_if", bytes, len, cond ? "cond_true" : "cond_false", 2,
                &run);
  }
  free(bytes);
}

static void expect_refused(uint8_t *bytes, size_t len, mote_status_t want,
                           const char *text) {
  mote_error_t err;
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  memset(&err, 0, sizeof err);
  CHECK_EQ_INT(load(bytes, len, &err), want);
  printf("refused: %s\n", err.message);
  if (strstr(err.message, text) == NULL) {
    fprintf(stderr, "expected \"%s\" in the message\n", text);
    CHECK(0);
  }
  free(bytes);
}

static void test_if_refusals(void) {
  size_t len;
  uint8_t *bytes = if_model(&len, 7, T_BOOL, T_I32);
  expect_refused(bytes, len, MOTE_ERR_CORRUPT_MODEL,
                 "op 1 (IF): then/else subgraph index 7 is out of range");
  bytes = if_model(&len, 1, T_I32, T_I32);
  expect_refused(bytes, len, MOTE_ERR_UNSUPPORTED_TYPE,
                 "op 1 (IF): condition (input 0) must be one bool, not int32");
  bytes = if_model(&len, 1, T_BOOL, T_F32);
  expect_refused(bytes, len, MOTE_ERR_BAD_SHAPE,
                 "op 1 (IF): input 1 (int32, 8 bytes) does not match "
                 "else subgraph input 0 (float32, 8 bytes)");
  bytes = if_model(&len, 0, T_BOOL, T_I32); /* then: the main subgraph */
  expect_refused(bytes, len, MOTE_ERR_UNSUPPORTED,
                 "subgraph 0 op 1 (IF) calls the main subgraph 0");
}

/* --- (c) WHILE ----------------------------------------------------------- */

/* main: (i, acc) = WHILE(i0, acc0); cond: i < 5; body: (i + inc, acc +
 * step). With `recurse`, the body also runs a WHILE of itself. */
static uint8_t *while_model(size_t *len, int recurse, int32_t inc) {
  tfb_model_t *m = tfb_new();
  const int32_t s1[1] = {1};
  const int32_t s2[1] = {2};
  const int32_t limit[1] = {5};
  const int32_t one[1] = {inc};
  const int32_t step[2] = {3, -2};
  const int add = tfb_add_opcode(m, OP_ADD, NULL, 1);
  const int less = tfb_add_opcode(m, OP_LESS, NULL, 1);
  const int loop = tfb_add_opcode(m, OP_WHILE, NULL, 1);
  const int lb = tfb_add_buffer(m, limit, sizeof limit);
  const int ob = tfb_add_buffer(m, one, sizeof one);
  const int sb = tfb_add_buffer(m, step, sizeof step);
  tfb_options_t o = ints(1, 2, 2);
  int32_t ins[2], outs[2], c[2], cb, k[2], t[2];
  ins[0] = tfb_add_tensor(m, "i0", T_I32, s1, 1, 0, NULL, NULL, 0, 0, false);
  ins[1] = tfb_add_tensor(m, "acc0", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  outs[0] = tfb_add_tensor(m, "i", T_I32, s1, 1, 0, NULL, NULL, 0, 0, false);
  outs[1] = tfb_add_tensor(m, "acc", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  tfb_add_op(m, loop, ins, 2, outs, 2, O_WHILE, &o, NULL, 0);
  tfb_set_io(m, ins, 2, outs, 2);
  tfb_add_subgraph(m, "cond");
  c[0] = tfb_add_tensor(m, "ci", T_I32, s1, 1, 0, NULL, NULL, 0, 0, false);
  c[1] = tfb_add_tensor(m, "cacc", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  k[0] = c[0];
  k[1] = tfb_add_tensor(m, "limit", T_I32, s1, 1, lb, NULL, NULL, 0, 0, false);
  cb = tfb_add_tensor(m, "go", T_BOOL, s1, 1, 0, NULL, NULL, 0, 0, false);
  tfb_add_op(m, less, k, 2, &cb, 1, O_LESS, NULL, NULL, 0);
  tfb_set_io(m, c, 2, &cb, 1);
  tfb_add_subgraph(m, "body");
  c[0] = tfb_add_tensor(m, "bi", T_I32, s1, 1, 0, NULL, NULL, 0, 0, false);
  c[1] = tfb_add_tensor(m, "bacc", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  k[0] = tfb_add_tensor(m, "one", T_I32, s1, 1, ob, NULL, NULL, 0, 0, false);
  k[1] = tfb_add_tensor(m, "step", T_I32, s2, 1, sb, NULL, NULL, 0, 0, false);
  t[0] = tfb_add_tensor(m, "bi2", T_I32, s1, 1, 0, NULL, NULL, 0, 0, false);
  t[1] = tfb_add_tensor(m, "bacc2", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
  {
    int32_t a[2] = {c[0], k[0]};
    int32_t b[2] = {c[1], k[1]};
    tfb_add_op(m, add, a, 2, &t[0], 1, O_ADD, NULL, NULL, 0);
    tfb_add_op(m, add, b, 2, &t[1], 1, O_ADD, NULL, NULL, 0);
  }
  if (recurse) {
    int32_t r[2];
    r[0] = tfb_add_tensor(m, "ri", T_I32, s1, 1, 0, NULL, NULL, 0, 0, false);
    r[1] = tfb_add_tensor(m, "racc", T_I32, s2, 1, 0, NULL, NULL, 0, 0, false);
    tfb_add_op(m, loop, t, 2, r, 2, O_WHILE, &o, NULL, 0);
    tfb_set_io(m, c, 2, r, 2);
  } else {
    tfb_set_io(m, c, 2, t, 2);
  }
  return mote_test_tfb_finish(m, len);
}

static void test_while_loops_to_the_limit(void) {
  static const int32_t starts[3] = {0, 3, 9};
  const int32_t acc[2] = {100, 50};
  size_t len;
  uint8_t *bytes = while_model(&len, 0, 1);
  int s;
  for (s = 0; bytes != NULL && s < 3; s++) {
    run_t run;
    mote_error_t err;
    int32_t i_out;
    int32_t acc_out[2];
    const int32_t n = starts[s] < 5 ? 5 - starts[s] : 0;
    char what[48];
    memset(&run, 0, sizeof run);
    add_input(&run, &starts[s], 4);
    add_input(&run, acc, sizeof acc);
    CHECK_EQ_INT(run_mote(bytes, len, 1, &run, &err), MOTE_OK);
    memcpy(&i_out, run.out[0], 4);
    memcpy(acc_out, run.out[1], sizeof acc_out);
    CHECK_EQ_INT(i_out, starts[s] < 5 ? 5 : starts[s]);
    CHECK_EQ_INT(acc_out[0], 100 + 3 * n);
    CHECK_EQ_INT(acc_out[1], 50 - 2 * n);
    snprintf(what, sizeof what, "WHILE from %d", (int)starts[s]);
    check_oracle(what, bytes, len, 1, &run);
    snprintf(what, sizeof what, "from_%d", (int)starts[s]);
    export_case("cf_while", bytes, len, what, 1, &run);
  }
  free(bytes);
}

static void test_while_recursion_refused(void) {
  size_t len;
  uint8_t *bytes = while_model(&len, 1, 1);
  expect_refused(bytes, len, MOTE_ERR_UNSUPPORTED,
                 "subgraph 2 op 2 (WHILE) calls its own subgraph 2: "
                 "recursion is refused");
}

/* A loop that never ends fails the invoke (MOTE_MAX_LOOP_ITERATIONS)
 * rather than hang it. */
static void test_endless_loop_stops(void) {
  size_t len;
  uint8_t *bytes = while_model(&len, 0, 0);
  const int32_t i0 = 0;
  const int32_t acc[2] = {0, 0};
  run_t run;
  mote_error_t err;
  memset(&run, 0, sizeof run);
  add_input(&run, &i0, 4);
  add_input(&run, acc, sizeof acc);
  CHECK_EQ_INT(run_mote(bytes, len, 1, &run, &err), MOTE_ERR_KERNEL);
  printf("endless: %s\n", err.message);
  CHECK(strstr(err.message, "op 0 (WHILE): more than 1000000 loop iterations") !=
        NULL);
  free(bytes);
}

/* --- nesting ------------------------------------------------------------- */

/* Subgraph k calls k + 1 by CALL_ONCE, `depth` deep. */
static uint8_t *nested_model(size_t *len, int depth) {
  tfb_model_t *m = tfb_new();
  const int32_t s1[1] = {1};
  const int once = tfb_add_opcode(m, OP_CALL_ONCE, NULL, 1);
  const int add = tfb_add_opcode(m, OP_ADD, NULL, 1);
  int32_t x, y, io[2];
  int k;
  tfb_options_t o;
  x = tfb_add_tensor(m, "x", T_I32, s1, 1, 0, NULL, NULL, 0, 0, false);
  y = tfb_add_tensor(m, "y", T_I32, s1, 1, 0, NULL, NULL, 0, 0, false);
  io[0] = x;
  io[1] = x;
  o = ints(1, 0, 1);
  tfb_add_op(m, once, NULL, 0, NULL, 0, O_CALL_ONCE, &o, NULL, 0);
  tfb_add_op(m, add, io, 2, &y, 1, O_ADD, NULL, NULL, 0);
  tfb_set_io(m, &x, 1, &y, 1);
  for (k = 1; k <= depth; k++) {
    tfb_add_subgraph(m, NULL);
    if (k < depth) {
      o = ints(k + 1, 0, 1);
      tfb_add_op(m, once, NULL, 0, NULL, 0, O_CALL_ONCE, &o, NULL, 0);
    }
  }
  return mote_test_tfb_finish(m, len);
}

static void test_nesting_bounded(void) {
  size_t len;
  uint8_t *bytes = nested_model(&len, 8);
  run_t run;
  mote_error_t err;
  const int32_t x = 21;
  int32_t y;
  memset(&run, 0, sizeof run);
  add_input(&run, &x, 4);
  CHECK_EQ_INT(run_mote(bytes, len, 2, &run, &err), MOTE_OK);
  memcpy(&y, run.out[0], 4);
  CHECK_EQ_INT(y, 42);
  check_oracle("CALL_ONCE 8 deep", bytes, len, 2, &run);
  export_case("cf_call_once_nested", bytes, len, "depth_8", 2, &run);
  free(bytes);
  bytes = nested_model(&len, 10);
  expect_refused(bytes, len, MOTE_ERR_UNSUPPORTED,
                 "nested more than 8 deep");
}

/* Several subgraphs need a control-flow kernel in the resolver: the
 * support for them comes through it. */
static void test_needs_a_control_flow_kernel(void) {
  size_t len;
  uint8_t *bytes = if_model(&len, 1, T_BOOL, T_I32);
  session_t *s = &g_s;
  mote_error_t err;
  CHECK(bytes != NULL);
  CHECK_EQ_INT(mote_model_open(&s->model, bytes, len, &err), MOTE_OK);
  (void)mote_resolver_init(&s->r, s->entries, MOTE_RESOLVER_BUILTINS);
  (void)mote_resolver_add(&s->r, MOTE_OP_ADD, &mote_kernel_add);
  (void)mote_resolver_add(&s->r, MOTE_OP_SUB, &mote_kernel_sub);
  (void)mote_arena_init(&s->arena, g_arena, sizeof g_arena);
  CHECK_EQ_INT(mote_interp_init(&s->in, &s->model, &s->r, &s->arena, &err),
               MOTE_ERR_UNSUPPORTED_OP);
  printf("refused: %s\n", err.message);
  CHECK(strstr(err.message, "3 subgraphs and no IF, WHILE, CALL_ONCE kernel") !=
        NULL);
  free(bytes);
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "--export") == 0) {
    g_export_dir = argv[2];
    make_dir(g_export_dir);
  } else if (argc != 1) {
    fprintf(stderr, "usage: test_control_flow [--export DIR]\n");
    return 2;
  }
  MOTE_RUN(test_variables_keep_state);
  MOTE_RUN(test_reset_runs_init_again);
  MOTE_RUN(test_variable_size_mismatch);
  MOTE_RUN(test_if_takes_either_branch);
  MOTE_RUN(test_if_refusals);
  MOTE_RUN(test_while_loops_to_the_limit);
  MOTE_RUN(test_while_recursion_refused);
  MOTE_RUN(test_endless_loop_stops);
  MOTE_RUN(test_nesting_bounded);
  MOTE_RUN(test_needs_a_control_flow_kernel);
  return MOTE_TEST_END();
}
