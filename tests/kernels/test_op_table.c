/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The op table against real TFLM and against mote's reference: every case
 * of tests/kernels/table becomes a one-operator .tflite
 * (tools/tflite_build) and runs three ways on the same inputs: through
 * mote as built (whatever implementations MOTE_KERNELS bound), through the
 * reference twin of the library (every compute function the reference;
 * cmake/ref_twin.sh), and through the oracle, tflm_run (TFLM's reference
 * kernels). The build's outputs must equal the reference's, refusals
 * included, and TFLM's, byte for byte, float included (two NaNs match
 * whatever their sign and payload; see kt_elem_differs). Stateful cases run
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
#include "oracle.h"

#define ARENA_BYTES (4u << 20)
#define SLOTS 2

typedef enum { PASS = 0, REFUSED_BOTH, KNOWN, FAILED } verdict_t;

/*
 * Where mote and TFLM knowingly differ: one entry per case, each the
 * smallest of its kind (docs/op_table.md says more). The test checks
 * mote's side of every entry, so a difference that goes away or changes
 * kind fails until the entry is revisited:
 *   MOTE_REFUSES    mote refuses a model TFLM runs: a feature mote lacks,
 *                   or one where TFLM reads out of bounds;
 *   TFLM_REFUSES    mote runs a model TFLM refuses or crashes on: a
 *                   documented superset;
 *   TFLM_UNDEFINED  both run, but TFLM's bytes come from undefined
 *                   behaviour; mote's outputs must hash (FNV-1a) to the
 *                   recorded value, which was checked by hand.
 */
typedef enum { MOTE_REFUSES = 1, TFLM_REFUSES, TFLM_UNDEFINED } diff_kind_t;

typedef struct known_diff {
  const char *op;
  int index;
  diff_kind_t kind;
  uint32_t mote_hash; /* TFLM_UNDEFINED only */
  const char *why;
} known_diff_t;

static const known_diff_t kKnown[] = {
    {"DEPTHWISE_CONV_2D", 3, MOTE_REFUSES, 0,
     "16x8 with an int32 bias: TFLM reads it as int64, past the buffer"},
    {"DEQUANTIZE", 4, MOTE_REFUSES, 0,
     "per-channel scales: TFLM uses scale[0] for every channel"},
    {"GATHER", 10, MOTE_REFUSES, 0,
     "a constant index past the axis: TFLM reads out of bounds"},
    {"GATHER", 11, MOTE_REFUSES, 0,
     "an input index past the axis: TFLM reads out of bounds"},
    {"GATHER_ND", 9, MOTE_REFUSES, 0,
     "an input index past its dimension: TFLM reads out of bounds"},
    {"GREATER", 24, MOTE_REFUSES, 0, /* KT_GREATER_INT16_CASE */
     "int16: TFLM's prepare leaves the rescale unset, every output false"},
    {"MIRROR_PAD", 46, MOTE_REFUSES, 0, /* KT_MIRROR_PAD_CASES - 1 */
     "input paddings short of the output: TFLM mirrors past them"},
    {"SPACE_TO_BATCH_ND", 38, MOTE_REFUSES, 0, /* KT_SPACE_BATCH_CASES - 1 */
     "input operands short of the output: TFLM pads the extra row"},
    {"BATCH_TO_SPACE_ND", 38, MOTE_REFUSES, 0,
     "input operands short of the output: TFLM leaves the extra row"},
    /* The last case of each reduction: axes a model input that reduce to
     * one element fewer than the output declares. */
    {"MEAN", 60, MOTE_REFUSES, 0, "input axes short of the output"},
    {"SUM", 42, MOTE_REFUSES, 0, "input axes short of the output"},
    {"REDUCE_MAX", 30, MOTE_REFUSES, 0, "input axes short of the output"},
    {"REDUCE_MIN", 30, MOTE_REFUSES, 0, "input axes short of the output"},
    {"REDUCE_ALL", 22, MOTE_REFUSES, 0, "input axes short of the output"},
    {"ARG_MAX", 22, MOTE_REFUSES, 0, "an input axis short of the output"},
    {"ARG_MIN", 22, MOTE_REFUSES, 0, "an input axis short of the output"},
    {"SLICE", 40, MOTE_REFUSES, 0, /* KT_SLICE_CASES - 1 */
     "input begin / size short of the output: TFLM writes the smaller slice"},
    {"DEQUANTIZE", 5, TFLM_REFUSES, 0, "float16 input"},
    {"DEPTHWISE_CONV_2D", 330, TFLM_REFUSES, 0, /* int4 case 11 */
     "int4 filter without a bias (input -1): TFLM crashes"},
    {"RELU_N1_TO_1", 0, TFLM_REFUSES, 0, "not in TFLM's op resolver"},
    {"RELU_N1_TO_1", 1, TFLM_REFUSES, 0, "not in TFLM's op resolver"},
    {"RELU_N1_TO_1", 2, TFLM_REFUSES, 0, "not in TFLM's op resolver"},
    {"RELU_N1_TO_1", 3, TFLM_REFUSES, 0, "not in TFLM's op resolver"},
    {"PAD", 6, TFLM_REFUSES, 0, "rank 6 (TFLM: at most 5)"},
    {"TRANSPOSE", 7, TFLM_REFUSES, 0, "rank 6 (TFLM: at most 5)"},
    {"TRANSPOSE", 3, TFLM_REFUSES, 0, "int32 (TFLM: float32, int8, int16)"},
    {"STRIDED_SLICE", 5, TFLM_REFUSES, 0, "new_axis_mask (TFLM ignores it)"},
    {"STRIDED_SLICE", 6, TFLM_REFUSES, 0, "rank 5 (TFLM: at most 4)"},
    {"SVDF", 5, TFLM_REFUSES, 0,
     "int8 without a bias: TFLM dereferences the absent bias"},
    {"DIV", 1, TFLM_UNDEFINED, 0xa10bbfb3u, /* the byte -92 */
     "total shift 32: TFLM shifts an int32 by 32; mote gives the exact -92"},
    {"QUANTIZE", 6, TFLM_UNDEFINED, 0x850b939fu, /* the byte -128 */
     "-NaN to int8: TFLM casts NaN to int32; mote saturates to -128"},
    {"QUANTIZE", 7, TFLM_UNDEFINED, 0x511df323u, /* int16 32767 */
     "FLT_MAX to int16: TFLM casts out of range; mote saturates to 32767"},
    {"SignalEnergy", 2, TFLM_UNDEFINED, 0x9228c833u, /* bin 0, then 51 zeros */
     "bins outside [start, end): TFLM leaves arena bytes; mote writes 0"},
    {"SignalFramer", 2, TFLM_UNDEFINED, 0xcdee223fu, /* zeros, false */
     "no frame ready yet: TFLM leaves arena bytes; mote writes 0"},
    {"SignalStacker", 2, TFLM_UNDEFINED, 0x67fb9737u, /* zeros, false */
     "no output ready yet: TFLM leaves arena bytes; mote writes 0"},
};

static const known_diff_t *known_diff(const char *op, int index) {
  size_t i;
  for (i = 0; i < sizeof kKnown / sizeof kKnown[0]; ++i) {
    if (kKnown[i].index == index && strcmp(kKnown[i].op, op) == 0) {
      return &kKnown[i];
    }
  }
  return NULL;
}

static uint32_t outputs_hash(const kt_case_t *c, const kt_side_t *s) {
  uint32_t h = 2166136261u;
  int o;
  size_t i;
  for (o = 0; o < c->nout; ++o) {
    for (i = 0; s->out[o] != NULL && i < s->out_bytes[o]; ++i) {
      h = (h ^ s->out[o][i]) * 16777619u;
    }
  }
  return h;
}

/* The verdict of a case with a known difference: KNOWN when mote's side is
 * as recorded, else FAILED with what changed in msg. */
static verdict_t judge_known(const known_diff_t *k, const kt_case_t *c,
                             const kt_side_t *m, const kt_side_t *t, char *msg,
                             size_t cap) {
  switch (k->kind) {
  case MOTE_REFUSES:
    if (m->refused && !t->refused) {
      snprintf(msg, cap, "known: %s", k->why);
      return KNOWN;
    }
    break;
  case TFLM_REFUSES:
    if (!m->refused && t->refused) {
      snprintf(msg, cap, "known: %s", k->why);
      return KNOWN;
    }
    break;
  default:
    if (!m->refused && !t->refused && outputs_hash(c, m) == k->mote_hash) {
      snprintf(msg, cap, "known: %s", k->why);
      return KNOWN;
    }
    break;
  }
  snprintf(msg, cap,
           "known difference changed (mote %s, TFLM %s, mote outputs hash "
           "0x%08x): revisit its entry in kKnown (%s)",
           m->refused ? "refuses" : "runs", t->refused ? "refuses" : "runs",
           (unsigned)outputs_hash(c, m), k->why);
  return FAILED;
}

/* One case in flight: mote has run it, the oracle may still be. */
typedef struct job {
  int active;
  int op, index;
  kt_case_t c;
  uint8_t *data[KT_MAX_TENSORS];
  uint8_t *bytes;
  size_t len;
  kt_side_t m;
  kt_side_t r; /* the reference twin */
  pid_t pid;   /* the oracle, or -1 when the case could not be built */
  char dir[600];
} job_t;

static uint8_t *g_arena;
static const char *g_oracle;
static int g_verbose;
static const char *g_keep;
static int g_keep_all; /* with MOTE_OP_TABLE_CASE: keep the case anyway */

/* Whether the build's side equals the reference twin's: both refuse, or
 * both run with the same outputs. Otherwise says how in msg. */
static int same_as_reference(const kt_case_t *c, const kt_side_t *m,
                             const kt_side_t *r, char *msg, size_t cap) {
  int o;
  if (m->refused || r->refused) {
    if (m->refused && r->refused) {
      return 1;
    }
    snprintf(msg, cap, "implementation vs reference: only %s refuses: %.300s",
             m->refused ? "the build" : "the reference",
             m->refused ? m->why : r->why);
    return 0;
  }
  for (o = 0; o < c->nout; ++o) {
    if (kt_output_differs(c, o, m, r)) {
      snprintf(msg, cap,
               "implementation vs reference: output %d differs "
               "(%s)",
               o, MOTE_TEST_KERNELS);
      return 0;
    }
  }
  return 1;
}

/* Builds case `index` of op `op`, starts the oracle on it and runs mote,
 * as built and as the reference. */
static void start_job(job_t *j, int op, int index) {
  j->active = 1;
  j->op = op;
  j->index = index;
  j->bytes = NULL;
  j->len = 0;
  j->pid = -1;
  memset(j->data, 0, sizeof j->data);
  memset(&j->m, 0, sizeof j->m);
  memset(&j->r, 0, sizeof j->r);
  if (kt_case_get(op, index, &j->c) != 0 || kt_make_data(&j->c, j->data) != 0 ||
      kt_build_model(&j->c, j->data, &j->bytes, &j->len) != 0 ||
      write_case(j->dir, &j->c, j->bytes, j->len, j->data) != 0) {
    return;
  }
  j->pid = start_oracle(g_oracle, j->dir, &j->c);
  kt_run_mote(&j->c, j->bytes, j->len, j->data, g_arena, ARENA_BYTES, &j->m);
  kt_run_mote_ref(&j->c, j->bytes, j->len, j->data, g_arena, ARENA_BYTES,
                  &j->r);
}

/* Waits for the job's oracle, compares, prints and frees the job. */
static verdict_t finish_job(job_t *j) {
  const kt_case_t *c = &j->c;
  char msg[1024];
  kt_side_t t;
  verdict_t v = FAILED;
  int i;
  memset(&t, 0, sizeof t);
  msg[0] = '\0';
  if (j->pid < 0) {
    snprintf(msg, sizeof msg, "case table or harness error");
  } else {
    const known_diff_t *k = known_diff(kt_op_name(j->op), j->index);
    finish_oracle(j->pid, j->dir, c, &t);
    if (!same_as_reference(c, &j->m, &j->r, msg, sizeof msg)) {
      v = FAILED;
    } else if (k != NULL) {
      v = judge_known(k, c, &j->m, &t, msg, sizeof msg);
    } else if (j->m.refused && t.refused) {
      v = REFUSED_BOTH;
      snprintf(msg, sizeof msg, "mote: %.300s | TFLM: %.300s", j->m.why, t.why);
    } else if (j->m.refused || t.refused) {
      snprintf(msg, sizeof msg, "only %s refuses: %.400s",
               j->m.refused ? "mote" : "TFLM", j->m.refused ? j->m.why : t.why);
    } else {
      v = PASS;
      for (i = 0; i < c->nout && v == PASS; ++i) {
        if (kt_output_differs(c, i, &j->m, &t)) {
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
           : v == KNOWN        ? "known-difference"
                               : "FAIL",
           kt_op_name(j->op), j->index, c->name, msg[0] ? ": " : "", msg);
    printf(v == PASS ? " (%d distinct in the first 64)\n" : "\n",
           distinct(c, &j->m));
  }
  for (i = 0; i < KT_MAX_TENSORS; ++i) {
    free(j->data[i]);
  }
  kt_side_free(&j->m);
  kt_side_free(&j->r);
  kt_side_free(&t);
  free(j->bytes);
  j->active = 0;
  return v;
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
  int op, k, totals[4] = {0, 0, 0, 0}, ops_failed = 0;
  const time_t start = time(NULL);
  static job_t jobs[SLOTS];
  g_verbose = getenv("MOTE_OP_TABLE_VERBOSE") != NULL;
  g_keep = getenv("MOTE_OP_TABLE_KEEP");
  g_keep_all = only_case != NULL;
  if (table_problems() != 0) {
    printf("0 passed, 1 failed (the case table is broken)\n");
    return 1;
  }
  g_oracle = mote_test_find_oracle();
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
  printf("op table against the reference and %s; kernels %s%s\n", g_oracle,
         MOTE_TEST_KERNELS,
         is_small ? " (MOTE_CONFORMANCE_SMALL: first cases of each op)" : "");
  for (op = 0; op < kt_op_count(); ++op) {
    int n = kt_case_count(op), i, counts[4] = {0, 0, 0, 0};
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
    printf("%-30s %4d cases: %4d passed, %3d refused by both, %2d known "
           "differences, %3d failed\n",
           kt_op_name(op), counts[0] + counts[1] + counts[2] + counts[3],
           counts[0], counts[1], counts[KNOWN], counts[FAILED]);
    fflush(stdout);
    for (i = 0; i < 4; ++i) {
      totals[i] += counts[i];
    }
    ops_failed += counts[FAILED] > 0;
  }
  printf("op table: %d cases, %d passed, %d refused by both, %d known "
         "differences, %d failed (%d ops with failures) in %lds\n",
         totals[0] + totals[1] + totals[2] + totals[3], totals[0], totals[1],
         totals[KNOWN], totals[FAILED], ops_failed, (long)(time(NULL) - start));
  for (k = 0; k < SLOTS; ++k) {
    remove_dir(jobs[k].dir);
  }
  free(g_arena);
  printf("%d passed, %d failed\n", totals[0] + totals[1] + totals[KNOWN],
         totals[FAILED]);
  return totals[FAILED] > 0 ? 1 : 0;
}
