/*
 * The op table against real TFLM: every case of tests/kernels/table
 * becomes a one-operator .tflite (tools/tflite_build), runs through mote's
 * interpreter (every builtin and signal op registered) and through the
 * oracle, tflm_run (TFLM's reference kernels), on the same inputs, and the
 * outputs must be byte-identical, float included (two NaNs match whatever
 * their sign and payload; see elem_differs). Stateful cases run
 * `invokes` times on both sides and compare the last outputs. A model both
 * refuse is an agreed refusal (listed apart); one that only one side refuses is
 * a failure, as is any byte that differs.
 *
 * Two cases are in flight at a time: each case's oracle runs as a child
 * process in a directory of its own while mote runs it in-process, and a
 * case is judged when the one after next starts, so two oracles and mote
 * share two cores. Results still print in case order. Oracle:
 * $MOTE_TFLM_ORACLE, else <models dir>/../tools/tflm-oracle/tflm_run; without
 * it the test only checks that every case can be generated and then skips
 * (77), except under CI, where it fails.
 *
 * Knobs: MOTE_CONFORMANCE_SMALL=1 runs the first cases of each op (every
 * variant axis still covered); MOTE_OP_TABLE_OP=NAME one op,
 * MOTE_OP_TABLE_CASE=N one case of it; MOTE_OP_TABLE_VERBOSE=1 a line per
 * case; MOTE_OP_TABLE_KEEP=DIR leaves each failing case's model and
 * inputs (every case's, with MOTE_OP_TABLE_CASE) in DIR/<op>_<index>/,
 * ready for tflm_run and `mote run`.
 */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

#include "op_table_host.h"

#define ARENA_BYTES (4u << 20)
#define SLOTS 2

typedef enum { PASS = 0, REFUSED_BOTH, FAILED } verdict_t;

/* One case in flight: mote has run it, the oracle may still be. */
typedef struct job {
  int active;
  int op, index;
  kt_case_t c;
  uint8_t *data[KT_MAX_TENSORS];
  uint8_t *bytes;
  size_t len;
  side_t m;
  pid_t pid; /* the oracle, or -1 when the case could not be built */
  char dir[600];
} job_t;

static uint8_t *g_arena;
static const char *g_oracle;
static int g_verbose;
static const char *g_keep;
static int g_keep_all; /* with MOTE_OP_TABLE_CASE: keep the case anyway */

/* Builds case `index` of op `op`, starts the oracle on it and runs mote. */
static void start_job(job_t *j, int op, int index) {
  j->active = 1;
  j->op = op;
  j->index = index;
  j->bytes = NULL;
  j->len = 0;
  j->pid = -1;
  memset(j->data, 0, sizeof j->data);
  memset(&j->m, 0, sizeof j->m);
  if (kt_case_get(op, index, &j->c) != 0 || make_data(&j->c, j->data) != 0 ||
      build_model(&j->c, j->data, &j->bytes, &j->len) != 0 ||
      write_case(j->dir, &j->c, j->bytes, j->len, j->data) != 0) {
    return;
  }
  j->pid = start_oracle(g_oracle, j->dir, &j->c);
  run_mote(&j->c, j->bytes, j->len, j->data, g_arena, ARENA_BYTES, &j->m);
}

/* Waits for the job's oracle, compares, prints and frees the job. */
static verdict_t finish_job(job_t *j) {
  const kt_case_t *c = &j->c;
  char msg[1024];
  side_t t;
  verdict_t v = FAILED;
  int i;
  memset(&t, 0, sizeof t);
  msg[0] = '\0';
  if (j->pid < 0) {
    snprintf(msg, sizeof msg, "case table or harness error");
  } else {
    finish_oracle(j->pid, j->dir, c, &t);
    if (j->m.refused && t.refused) {
      v = REFUSED_BOTH;
      snprintf(msg, sizeof msg, "mote: %.300s | TFLM: %.300s", j->m.why, t.why);
    } else if (j->m.refused || t.refused) {
      snprintf(msg, sizeof msg, "only %s refuses: %.400s",
               j->m.refused ? "mote" : "TFLM", j->m.refused ? j->m.why : t.why);
    } else {
      v = PASS;
      for (i = 0; i < c->nout && v == PASS; ++i) {
        if (output_differs(c, i, &j->m, &t)) {
          v = FAILED;
          describe_diff(c, i, &j->m, &t, msg, sizeof msg);
        }
      }
    }
  }
  if ((v == FAILED || g_keep_all) && g_keep != NULL && j->bytes != NULL) {
    char dir[700];
    snprintf(dir, sizeof dir, "%s/%s_%d", g_keep, kt_op_name(j->op), j->index);
    mkdir(g_keep, 0755);
    write_case(dir, c, j->bytes, j->len, j->data);
  }
  if (v != PASS || g_verbose) {
    printf("  %s %s #%d [%s]%s%s",
           v == PASS           ? "pass"
           : v == REFUSED_BOTH ? "refused-by-both"
                               : "FAIL",
           kt_op_name(j->op), j->index, c->name, msg[0] ? ": " : "", msg);
    printf(v == PASS ? " (%d distinct in the first 64)\n" : "\n",
           distinct(c, &j->m));
  }
  for (i = 0; i < KT_MAX_TENSORS; ++i) {
    free(j->data[i]);
  }
  side_free(&j->m);
  side_free(&t);
  free(j->bytes);
  j->active = 0;
  return v;
}

static const char *find_oracle(void) {
  static char path[700];
  const char *env = getenv("MOTE_TFLM_ORACLE");
  if (env != NULL && env[0] != '\0') {
    return access(env, X_OK) == 0 ? env : NULL;
  }
  snprintf(path, sizeof path, "%s/../tools/tflm-oracle/tflm_run",
           mote_test_models_dir());
  return access(path, X_OK) == 0 ? path : NULL;
}

/* Checks, without the oracle, that every case of the table is complete
 * (no generator overflowed its arrays) and that its data can be made;
 * returns the number of broken cases. */
static int table_problems(void) {
  static kt_case_t c;
  static uint8_t buf[1 << 20];
  int op, i, t, bad = 0;
  for (op = 0; op < kt_op_count(); ++op) {
    for (i = 0; i < kt_case_count(op); ++i) {
      /* Every windowed op has strides of at least 1. */
      int ok = kt_case_get(op, i, &c) == 0 &&
               (c.options_type != 1 || kt_option_int(&c, 1, 0) >= 1);
      for (t = 0; ok && t < c.nin; ++t) {
        ok = (c.t[t].role != KT_INPUT && c.t[t].role != KT_CONST) ||
             kt_fill(&c, t, buf, sizeof buf) == 0;
      }
      if (!ok && bad++ < 10) {
        printf("  table: %s #%d cannot be generated\n", kt_op_name(op), i);
      }
    }
  }
  return bad;
}

/* Removes what the oracle runs left in a job directory, then it. */
static void remove_dir(const char *dir) {
  static const char *const names[] = {"oracle.log", "model.tflite"};
  char path[700];
  size_t i;
  for (i = 0; i < 2; ++i) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    remove(path);
  }
  for (i = 0; i < KT_MAX_TENSORS; ++i) {
    snprintf(path, sizeof path, "%s/input_%u.bin", dir, (unsigned)i);
    remove(path);
    snprintf(path, sizeof path, "%s/output_%u.bin", dir, (unsigned)i);
    remove(path);
  }
  rmdir(dir);
}

int main(void) {
  const char *small = getenv("MOTE_CONFORMANCE_SMALL");
  const char *only_op = getenv("MOTE_OP_TABLE_OP");
  const char *only_case = getenv("MOTE_OP_TABLE_CASE");
  const char *tmp = getenv("TMPDIR");
  const int is_small = small != NULL && strcmp(small, "1") == 0;
  int op, k, totals[3] = {0, 0, 0}, ops_failed = 0;
  const time_t start = time(NULL);
  static job_t jobs[SLOTS];
  g_verbose = getenv("MOTE_OP_TABLE_VERBOSE") != NULL;
  g_keep = getenv("MOTE_OP_TABLE_KEEP");
  g_keep_all = only_case != NULL;
  if (table_problems() != 0) {
    printf("0 passed, 1 failed (the case table is broken)\n");
    return 1;
  }
  g_oracle = find_oracle();
  if (g_oracle == NULL) {
    printf("op table: no TFLM oracle (set MOTE_TFLM_ORACLE or put shared/ "
           "beside the repository)\n");
    if (mote_test_under_ci()) {
      printf("0 passed, 1 failed (the oracle is required under CI)\n");
      return 1;
    }
    printf("0 passed, 0 failed, 1 skipped\n");
    return 77;
  }
  g_arena = (uint8_t *)malloc(ARENA_BYTES);
  for (k = 0; k < SLOTS; ++k) {
    snprintf(jobs[k].dir, sizeof jobs[k].dir, "%s/mote-op-table-XXXXXX",
             tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
    if (g_arena == NULL || mkdtemp(jobs[k].dir) == NULL) {
      perror("op table: set-up");
      return 1;
    }
  }
  printf("op table against %s%s\n", g_oracle,
         is_small ? " (MOTE_CONFORMANCE_SMALL: first cases of each op)" : "");
  for (op = 0; op < kt_op_count(); ++op) {
    int n = kt_case_count(op), i, counts[3] = {0, 0, 0};
    if (only_op != NULL && strcmp(only_op, kt_op_name(op)) != 0) {
      continue;
    }
    if (is_small) {
      /* The first cases enumerate every variant axis of the op. */
      n = n / 8 > 8 ? n / 8 : (n < 8 ? n : 8);
    }
    for (i = 0, k = 0; i < n; ++i) {
      if (only_case != NULL && atoi(only_case) != i) {
        continue;
      }
      if (jobs[k].active) {
        counts[finish_job(&jobs[k])]++;
      }
      start_job(&jobs[k], op, i);
      k = (k + 1) % SLOTS;
    }
    for (i = 0; i < SLOTS; ++i, k = (k + 1) % SLOTS) { /* oldest first */
      if (jobs[k].active) {
        counts[finish_job(&jobs[k])]++;
      }
    }
    printf("%-36s %4d cases: %4d passed, %3d refused by both, %3d failed\n",
           kt_op_name(op), counts[0] + counts[1] + counts[2], counts[0],
           counts[1], counts[2]);
    fflush(stdout);
    for (i = 0; i < 3; ++i) {
      totals[i] += counts[i];
    }
    ops_failed += counts[FAILED] > 0;
  }
  printf("op table: %d cases, %d passed, %d refused by both, %d failed "
         "(%d ops with failures) in %lds\n",
         totals[0] + totals[1] + totals[2], totals[0], totals[1], totals[2],
         ops_failed, (long)(time(NULL) - start));
  for (k = 0; k < SLOTS; ++k) {
    remove_dir(jobs[k].dir);
  }
  free(g_arena);
  printf("%d passed, %d failed\n", totals[0] + totals[1], totals[2]);
  return totals[2] > 0 ? 1 : 0;
}
