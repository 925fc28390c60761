/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote inspect` on a model it cannot run: a chain of four operators, two
 * of them LSH_PROJECTION (a builtin TFLM has no kernel for either, so no
 * later kernel will make this model runnable by accident), one a custom
 * op of an invented name, and a RELU mote has. The report must name both
 * missing ops with their operator indices, in text and JSON, and the tool
 * must exit 1 with a reason on stderr. `mote gen` must refuse the model
 * the same way, naming both ops and their operators, and write nothing;
 * in a model of several subgraphs both must find the ops of every
 * subgraph and name those outside the main one as "subgraph G op J", and
 * inspect's operator tables (one per subgraph) say which ops have no
 * kernel.
 *
 * The model is written with tools/tflite_build and the CLI (MOTE_CLI_PATH)
 * run through popen, stderr merged, so the test sees what a user sees.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "tflite_build.h"

#define LSH_PROJECTION 15
#define RELU 19
#define CALL_ONCE 129
#define CALL_ONCE_OPTIONS 103

/* Finishes `m`, writes it to `path` and frees it; 0 or an error. */
static int finish_to(tfb_model_t *m, const char *path) {
  uint8_t *bytes = NULL;
  size_t len = 0;
  int rc = tfb_finish(m, &bytes, &len);
  if (rc != 0) {
    fprintf(stderr, "tflite_build: %s\n", tfb_error(m));
  } else {
    rc = tfb_write_file(path, bytes, len);
  }
  free(bytes);
  tfb_free(m);
  return rc;
}

/* Operators 0 and 2 LSH_PROJECTION, 1 the custom op, 3 RELU: a chain of
 * float32 [4] tensors. */
static int write_model(const char *path) {
  tfb_model_t *m = tfb_new();
  const int32_t shape[] = {4};
  int32_t t[5];
  int lsh, custom, relu, i;
  tfb_options_t o;
  tfb_options_init(&o);
  for (i = 0; i < 5; ++i) {
    t[i] = tfb_add_tensor(m, NULL, 0, shape, 1, 0, NULL, NULL, 0, 0, false);
  }
  lsh = tfb_add_opcode(m, LSH_PROJECTION, NULL, 1);
  custom = tfb_add_opcode(m, 32, "NotAMoteKernel", 1);
  relu = tfb_add_opcode(m, RELU, NULL, 1);
  tfb_add_op(m, lsh, &t[0], 1, &t[1], 1, 0, &o, NULL, 0);
  tfb_add_op(m, custom, &t[1], 1, &t[2], 1, 0, &o, NULL, 0);
  tfb_add_op(m, lsh, &t[2], 1, &t[3], 1, 0, &o, NULL, 0);
  tfb_add_op(m, relu, &t[3], 1, &t[4], 1, 0, &o, NULL, 0);
  tfb_set_io(m, &t[0], 1, &t[4], 1);
  return finish_to(m, path);
}

/* Runs `mote ARGS` (already quoted), stdout and stderr into out[cap];
 * returns the exit status, or -1 when it did not exit. */
static int run_cli(const char *args, char *out, size_t cap) {
  char cmd[1536];
  size_t n = 0;
  int st;
  FILE *p;
  snprintf(cmd, sizeof cmd, "'%s' %s 2>&1", MOTE_CLI_PATH, args);
  p = popen(cmd, "r");
  if (p == NULL) {
    return -1;
  }
  while (n + 1 < cap && (st = fgetc(p)) != EOF) {
    out[n++] = (char)st;
  }
  out[n] = '\0';
  st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Runs `mote inspect [--json] path`, as run_cli. */
static int inspect(const char *path, int json, char *out, size_t cap) {
  char args[1024];
  snprintf(args, sizeof args, "inspect %s'%s'", json ? "--json " : "", path);
  return run_cli(args, out, cap);
}

static char g_path[512];
static char g_out[1 << 16];

static void test_text(void) {
  CHECK_EQ_INT(inspect(g_path, 0, g_out, sizeof g_out), 1);
  CHECK(strstr(g_out, "unsupported ops (2, no kernel in this build)") != NULL);
  CHECK(strstr(g_out, "LSH_PROJECTION (builtin 15): 2, operators 0, 2") !=
        NULL);
  CHECK(strstr(g_out, "NotAMoteKernel (custom, code 32): 1, operator 1") !=
        NULL);
  CHECK(strstr(g_out, "RELU (builtin") == NULL);
  CHECK(strstr(g_out, "cannot run: 2 unsupported ops") != NULL);
}

static void test_json(void) {
  CHECK_EQ_INT(inspect(g_path, 1, g_out, sizeof g_out), 1);
  CHECK(strstr(g_out, "{\"op\": \"LSH_PROJECTION\", \"code\": 15, \"count\": "
                      "2, \"operators\": [0, 2], \"locations\": [[0, 0], "
                      "[0, 2]]}") != NULL);
  CHECK(strstr(g_out, "{\"op\": \"NotAMoteKernel\", \"code\": 32, "
                      "\"count\": 1, \"operators\": [1], \"locations\": "
                      "[[0, 1]]}") != NULL);
  CHECK(strstr(g_out, "\"name\": \"LSH_PROJECTION\", \"version\": 1, "
                      "\"supported\": false") != NULL);
  CHECK(strstr(g_out, "\"name\": \"RELU\", \"version\": 1, "
                      "\"supported\": true") != NULL);
  CHECK(strstr(g_out, "\"other_subgraphs\": [],") != NULL);
}

/* The operator table's "supported" column: NO for each missing op. */
static void test_supported_column(void) {
  CHECK_EQ_INT(inspect(g_path, 0, g_out, sizeof g_out), 1);
  CHECK(strstr(g_out, "ver  supported  inputs") != NULL);
  CHECK(strstr(g_out, "0  LSH_PROJECTION    1  NO         [0]") != NULL);
  CHECK(strstr(g_out, "1  NotAMoteKernel    1  NO         [1]") != NULL);
  CHECK(strstr(g_out, "3  RELU              1  yes        [3]") != NULL);
}

/* A RELU of operator version 99: a kernel exists, but not for that. */
static int write_new_version_model(const char *path) {
  tfb_model_t *m = tfb_new();
  const int32_t shape[] = {4};
  int32_t t[2];
  int relu;
  tfb_options_t o;
  tfb_options_init(&o);
  t[0] = tfb_add_tensor(m, NULL, 0, shape, 1, 0, NULL, NULL, 0, 0, false);
  t[1] = tfb_add_tensor(m, NULL, 0, shape, 1, 0, NULL, NULL, 0, 0, false);
  relu = tfb_add_opcode(m, RELU, NULL, 99);
  tfb_add_op(m, relu, &t[0], 1, &t[1], 1, 0, &o, NULL, 0);
  tfb_set_io(m, &t[0], 1, &t[1], 1);
  return finish_to(m, path);
}

/* Writes a model with `write` next to g_path (`suffix`), runs gen on it
 * into g_out, requires exit status 1, and removes the model. */
static void gen_refuses(const char *suffix, int (*write)(const char *)) {
  char path[600];
  char args[1400];
  snprintf(path, sizeof path, "%s.%s.tflite", g_path, suffix);
  CHECK_EQ_INT(write(path), 0);
  snprintf(args, sizeof args, "gen '%s' -o '%s.gen' --name m", path, path);
  CHECK_EQ_INT(run_cli(args, g_out, sizeof g_out), 1);
  printf("%s", g_out);
  remove(path);
}

/* gen refuses an op version newer than the kernel takes, naming it. */
static void test_gen_version(void) {
  gen_refuses("v99", write_new_version_model);
  CHECK(strstr(g_out, "RELU version 99 is newer") != NULL);
}

static void test_gen(void) {
  char args[1200];
  char dir[600];
  FILE *f;
  snprintf(dir, sizeof dir, "%s.gen", g_path);
  snprintf(args, sizeof args, "gen '%s' -o '%s' --name m", g_path, dir);
  CHECK_EQ_INT(run_cli(args, g_out, sizeof g_out), 1);
  CHECK(strstr(g_out, "unsupported ops") != NULL);
  CHECK(strstr(g_out, "LSH_PROJECTION (builtin 15): operators 0, 2") != NULL);
  CHECK(strstr(g_out, "NotAMoteKernel (custom, code 32): operator 1") !=
        NULL);
  CHECK(strstr(g_out, "RELU") == NULL);
  snprintf(args, sizeof args, "%s/m_model.c", dir);
  f = fopen(args, "r");
  CHECK(f == NULL);
  if (f != NULL) {
    fclose(f);
  }
}

/* Adds `n` float32 [4] tensors to the current subgraph, into t. */
static void add_chain(tfb_model_t *m, int32_t *t, int n) {
  const int32_t shape[] = {4};
  int i;
  for (i = 0; i < n; ++i) {
    t[i] = tfb_add_tensor(m, NULL, 0, shape, 1, 0, NULL, NULL, 0, 0, false);
  }
}

/* Main: CALL_ONCE of subgraph 1, then LSH_PROJECTION; subgraph 1:
 * LSH_PROJECTION, RELU, NotAMoteKernel. gen must look at every subgraph
 * (CALL_ONCE runs subgraph 1) and name the uses outside the main one by
 * subgraph. */
static int write_subgraphs_model(const char *path) {
  tfb_model_t *m = tfb_new();
  const int once = tfb_add_opcode(m, CALL_ONCE, NULL, 1);
  const int lsh = tfb_add_opcode(m, LSH_PROJECTION, NULL, 1);
  const int relu = tfb_add_opcode(m, RELU, NULL, 1);
  const int custom = tfb_add_opcode(m, 32, "NotAMoteKernel", 1);
  int32_t t[3];
  tfb_options_t o;
  tfb_options_init(&o);
  (void)tfb_opt_i32(&o, 0, 1); /* init_subgraph_index */
  tfb_add_op(m, once, NULL, 0, NULL, 0, CALL_ONCE_OPTIONS, &o, NULL, 0);
  tfb_options_init(&o);
  add_chain(m, t, 2);
  tfb_add_op(m, lsh, &t[0], 1, &t[1], 1, 0, &o, NULL, 0);
  tfb_set_io(m, &t[0], 1, &t[1], 1);
  tfb_add_subgraph(m, "init");
  add_chain(m, t, 3);
  tfb_add_op(m, lsh, &t[0], 1, &t[1], 1, 0, &o, NULL, 0);
  tfb_add_op(m, relu, &t[1], 1, &t[2], 1, 0, &o, NULL, 0);
  tfb_add_op(m, custom, &t[2], 1, &t[0], 1, 0, &o, NULL, 0);
  tfb_set_io(m, NULL, 0, NULL, 0);
  return finish_to(m, path);
}

static void test_gen_subgraphs(void) {
  gen_refuses("sg", write_subgraphs_model);
  CHECK(strstr(g_out, "LSH_PROJECTION (builtin 15): operators 1, "
                      "subgraph 1 op 0\n") != NULL);
  CHECK(strstr(g_out, "NotAMoteKernel (custom, code 32): subgraph 1 op 2\n") !=
        NULL);
  CHECK(strstr(g_out, "CALL_ONCE") == NULL);
  CHECK(strstr(g_out, "RELU") == NULL);
}

/* inspect looks at every subgraph too: both missing ops, the uses
 * outside the main one by subgraph, each subgraph's operator table. */
static void test_inspect_subgraphs(void) {
  char path[600];
  snprintf(path, sizeof path, "%s.sgi.tflite", g_path);
  CHECK_EQ_INT(write_subgraphs_model(path), 0);
  CHECK_EQ_INT(inspect(path, 0, g_out, sizeof g_out), 1);
  CHECK(strstr(g_out, "unsupported ops (2, no kernel in this build)") != NULL);
  CHECK(strstr(g_out, "LSH_PROJECTION (builtin 15): 2, operators 1, "
                      "subgraph 1 op 0\n") != NULL);
  CHECK(strstr(g_out, "NotAMoteKernel (custom, code 32): 1, "
                      "subgraph 1 op 2\n") != NULL);
  CHECK(strstr(g_out, "== subgraph 1 ==") != NULL);
  CHECK(strstr(g_out, "operators (3, in execution order)") != NULL);
  CHECK(strstr(g_out, "CALL_ONCE         1  yes") != NULL);
  CHECK(strstr(g_out, "cannot run: 2 unsupported ops") != NULL);
  CHECK_EQ_INT(inspect(path, 1, g_out, sizeof g_out), 1);
  CHECK(strstr(g_out, "\"count\": 2, \"operators\": [1], \"locations\": "
                      "[[0, 1], [1, 0]]}") != NULL);
  CHECK(strstr(g_out, "\"other_subgraphs\": [\n    {\n      \"index\": 1,")
        != NULL);
  remove(path);
}

int main(void) {
  const char *tmp = getenv("TMPDIR");
  int rc;
  snprintf(g_path, sizeof g_path, "%s/mote_inspect_unsupported_%ld.tflite",
           tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp", (long)getpid());
  if (write_model(g_path) != 0) {
    fprintf(stderr, "cannot write %s\n", g_path);
    return 1;
  }
  MOTE_RUN(test_text);
  MOTE_RUN(test_json);
  MOTE_RUN(test_supported_column);
  MOTE_RUN(test_inspect_subgraphs);
  MOTE_RUN(test_gen);
  MOTE_RUN(test_gen_version);
  MOTE_RUN(test_gen_subgraphs);
  rc = MOTE_TEST_END();
  if (rc != 0) {
    fputs(g_out, stderr);
  }
  remove(g_path);
  return rc;
}
