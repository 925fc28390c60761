/*
 * The op table against real TFLM: every case of tests/kernels/table
 * becomes a one-operator .tflite (tools/tflite_build), runs through mote's
 * interpreter (every builtin and signal op registered) and through the
 * oracle, tflm_run (TFLM's reference kernels), on the same inputs, and the
 * outputs must be byte-identical, float included (two NaNs match whatever
 * their sign and payload; see elem_differs). Stateful cases run
 * `invokes` times on both sides and compare the last outputs. A model both
 * refuse is an agreed refusal (listed apart); one only one side refuses is
 * a failure, as is any byte that differs.
 *
 * The oracle runs as a child process while mote runs the same case
 * in-process, so the two overlap on two cores. Oracle: $MOTE_TFLM_ORACLE,
 * else <models dir>/../tools/tflm-oracle/tflm_run; without it the test
 * skips (77), except under CI, where it fails.
 *
 * Knobs: MOTE_CONFORMANCE_SMALL=1 runs the first cases of each op (every
 * variant axis still covered); MOTE_OP_TABLE_OP=NAME one op,
 * MOTE_OP_TABLE_CASE=N one case of it; MOTE_OP_TABLE_VERBOSE=1 a line per
 * case; MOTE_OP_TABLE_KEEP=DIR leaves each failing case's model and
 * inputs (every case's, with MOTE_OP_TABLE_CASE) in DIR/<op>_<index>/,
 * ready for tflm_run and `mote run`.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mote/mote.h"
#include "mote/signal_ops.h"
#include "support.h"
#include "table/cases.h"
#include "tflite_build.h"

#define ARENA_BYTES (4u << 20)
#define MAX_IO 8

typedef struct side {
  int refused;   /* 1: refused at open..prepare; 2: invoke failed */
  char why[320]; /* mote's message or the oracle's stderr */
  uint8_t *out[MAX_IO];
  size_t out_bytes[MAX_IO];
  int nout;
} side_t;

typedef enum { PASS = 0, REFUSED_BOTH, FAILED } verdict_t;

static uint8_t *g_arena;
static char g_tmp[512];
static const char *g_oracle;
static int g_verbose;
static const char *g_keep;
static int g_keep_all; /* with MOTE_OP_TABLE_CASE: keep the case anyway */

static void side_free(side_t *s) {
  int i;
  for (i = 0; i < s->nout; ++i) {
    free(s->out[i]);
  }
  memset(s, 0, sizeof *s);
}

/* Tensor data of the case's inputs and constants (NULL for the rest). */
static int make_data(const kt_case_t *c, uint8_t **data) {
  int i;
  for (i = 0; i < c->nin; ++i) {
    const kt_tensor_t *t = &c->t[i];
    const size_t n = kt_tensor_bytes(t);
    data[i] = NULL;
    if (t->role != KT_INPUT && t->role != KT_CONST) {
      continue;
    }
    data[i] = (uint8_t *)malloc(n > 0 ? n : 1);
    if (data[i] == NULL || kt_fill(c, i, data[i], n) != 0) {
      return -1;
    }
  }
  return 0;
}

static int build_model(const kt_case_t *c, uint8_t *const *data,
                       uint8_t **bytes, size_t *len) {
  tfb_model_t *m = tfb_new();
  int32_t idx[KT_MAX_TENSORS], io_in[KT_MAX_TENSORS];
  int nio = 0, i, opcode, rc;
  tfb_options_t o;
  tfb_options_init(&o);
  for (i = 0; i < c->nin + c->nout; ++i) {
    const kt_tensor_t *t = &c->t[i];
    int64_t zps[KT_MAX_FVALS];
    const float *scales = t->nquant > 1 ? &c->fval[t->scale_at] : &t->scale;
    int buf = 0;
    if (t->role == KT_ABSENT) {
      idx[i] = -1;
      continue;
    }
    if (t->role == KT_CONST) {
      buf = tfb_add_buffer(m, data[i], kt_tensor_bytes(t));
    }
    memset(zps, 0, sizeof zps);
    zps[0] = t->zero_point;
    idx[i] =
        tfb_add_tensor(m, NULL, t->type, t->shape, t->rank, buf, scales, zps,
                       t->nquant, t->quant_dim, t->role == KT_VARIABLE);
    if (t->role == KT_INPUT) {
      io_in[nio++] = idx[i];
    }
  }
  for (i = 0; i < c->noptions; ++i) {
    const kt_option_t *op = &c->options[i];
    if (op->kind == KT_OPT_FLOAT32) {
      tfb_opt_f32(&o, op->field, op->f);
    } else if (op->kind == KT_OPT_VEC_INT32) {
      tfb_opt_vec_i32(&o, op->field, &c->ival[op->at], op->count);
    } else {
      tfb_opt_int(&o, op->field, (tfb_kind_t)op->kind, op->i);
    }
  }
  opcode = tfb_add_opcode(m, c->op, c->custom, c->version);
  tfb_add_op(m, opcode, idx, c->nin, idx + c->nin, c->nout, c->options_type, &o,
             c->ncustom > 0 ? c->custom_options : NULL, c->ncustom);
  tfb_set_io(m, io_in, nio, idx + c->nin, c->nout);
  rc = tfb_finish(m, bytes, len);
  if (rc != 0) {
    fprintf(stderr, "tflite_build: %s\n", tfb_error(m));
  }
  tfb_free(m);
  return rc;
}

static void run_mote(const kt_case_t *c, const uint8_t *bytes, size_t len,
                     uint8_t *const *data, side_t *s) {
  mote_resolver_entry_t
      entries[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_model_t model;
  mote_error_t err;
  mote_status_t st;
  int i, k = 0;
  memset(&err, 0, sizeof err);
  mote_resolver_init(&resolver, entries,
                     MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS);
  mote_resolver_add_builtins(&resolver);
  mote_resolver_add_signal_ops(&resolver);
  mote_arena_init(&arena, g_arena, ARENA_BYTES);
  st = mote_model_open(&model, bytes, len, &err);
  if (st == MOTE_OK) {
    st = mote_interp_init(&interp, &model, &resolver, &arena, &err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&interp, &err);
  }
  if (st != MOTE_OK) {
    s->refused = 1;
    snprintf(s->why, sizeof s->why, "%s: %s", mote_status_str(st), err.message);
    return;
  }
  for (i = 0; i < c->nin; ++i) {
    mote_tensor_t t;
    if (c->t[i].role == KT_INPUT &&
        mote_interp_input(&interp, (uint32_t)k++, &t) == MOTE_OK) {
      memcpy(t.data, data[i], t.bytes);
    }
  }
  for (i = 0; i < c->invokes && st == MOTE_OK; ++i) {
    st = mote_interp_invoke(&interp, &err);
  }
  if (st != MOTE_OK) {
    s->refused = 2;
    snprintf(s->why, sizeof s->why, "invoke: %s: %s", mote_status_str(st),
             err.message);
    return;
  }
  for (i = 0; i < c->nout && i < MAX_IO; ++i) {
    mote_tensor_t t;
    mote_interp_output(&interp, (uint32_t)i, &t);
    s->out[i] = (uint8_t *)malloc(t.bytes > 0 ? t.bytes : 1);
    memcpy(s->out[i], t.data, t.bytes);
    s->out_bytes[i] = t.bytes;
    s->nout = i + 1;
  }
}

static int write_file(const char *dir, const char *name, const void *data,
                      size_t len) {
  char path[700];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return tfb_write_file(path, (const uint8_t *)data, len);
}

/* Writes the model and inputs to `dir` (created), for the oracle or for a
 * kept failing case. */
static int write_case(const char *dir, const kt_case_t *c, const uint8_t *bytes,
                      size_t len, uint8_t *const *data) {
  int i, k = 0;
  char name[32];
  mkdir(dir, 0755);
  if (write_file(dir, "model.tflite", bytes, len) != 0) {
    return -1;
  }
  for (i = 0; i < c->nin; ++i) {
    if (c->t[i].role == KT_INPUT) {
      snprintf(name, sizeof name, "input_%d.bin", k++);
      if (write_file(dir, name, data[i], kt_tensor_bytes(&c->t[i])) != 0) {
        return -1;
      }
    }
  }
  return 0;
}

static pid_t start_oracle(const kt_case_t *c) {
  char model[600], log[600], invokes[16];
  pid_t pid;
  snprintf(model, sizeof model, "%s/model.tflite", g_tmp);
  snprintf(log, sizeof log, "%s/oracle.log", g_tmp);
  snprintf(invokes, sizeof invokes, "%d", (int)c->invokes);
  pid = fork();
  if (pid == 0) {
    const int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    /* 2 MiB of arena is plenty for these models; TFLM's 16 MiB default
     * costs more to clear than most cases take to run. */
    execl(g_oracle, g_oracle, model, g_tmp, g_tmp, "--invokes", invokes,
          "--arena", "2097152", (char *)NULL);
    _exit(127);
  }
  return pid;
}

static void finish_oracle(pid_t pid, const kt_case_t *c, side_t *s) {
  int status = 0, code, i;
  char path[700];
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  if (WIFSIGNALED(status)) {
    s->refused = 3;
    snprintf(s->why, sizeof s->why, "tflm_run crashed (signal %d)",
             WTERMSIG(status));
    return;
  }
  if (code != 0) {
    size_t n = 0;
    uint8_t *log;
    snprintf(path, sizeof path, "%s/oracle.log", g_tmp);
    log = mote_test_read_file(path, &n);
    s->refused = code == 2 ? 1 : code == 4 ? 2 : 3;
    snprintf(s->why, sizeof s->why, "tflm_run exit %d: %.*s", code,
             (int)(n < 250 ? n : 250), log != NULL ? (const char *)log : "");
    for (i = 0; s->why[i] != '\0'; ++i) { /* one line per case */
      s->why[i] = s->why[i] == '\n' ? ' ' : s->why[i];
    }
    free(log);
    return;
  }
  for (i = 0; i < c->nout && i < MAX_IO; ++i) {
    snprintf(path, sizeof path, "%s/output_%d.bin", g_tmp, i);
    s->out[i] = mote_test_read_file(path, &s->out_bytes[i]);
    s->nout = i + 1;
    remove(path);
  }
}

/* Whether one element differs. Bytes decide, with one exception: two
 * float32 NaNs match whatever their sign and payload. IEEE 754 leaves
 * open which NaN operand an operation passes on, and C compilers treat
 * + and * as commutative, so the NaN an x86 build propagates depends on
 * the register allocation of each side's compiler, not on the source
 * (seen: conv and FC sums with two NaN terms). */
static int elem_differs(int type, const uint8_t *a, const uint8_t *b,
                        size_t es) {
  if (memcmp(a, b, es) == 0) {
    return 0;
  }
  if (type == 0) {
    float x, y;
    memcpy(&x, a, 4);
    memcpy(&y, b, 4);
    return !(x != x && y != y);
  }
  return 1;
}

/* Whether output `o` differs anywhere. */
static int output_differs(const kt_case_t *c, int o, const side_t *m,
                          const side_t *t) {
  const int type = c->t[c->nin + o].type;
  const size_t es = kt_type_size(type) > 0 ? kt_type_size(type) : 1;
  size_t i;
  if (m->out[o] == NULL || t->out[o] == NULL ||
      m->out_bytes[o] != t->out_bytes[o]) {
    return 1;
  }
  for (i = 0; i + es <= m->out_bytes[o]; i += es) {
    if (elem_differs(type, m->out[o] + i, t->out[o] + i, es)) {
      return 1;
    }
  }
  return 0;
}

/* Describes the first differing element of output `o` into `msg`. */
static void describe_diff(const kt_case_t *c, int o, const side_t *m,
                          const side_t *t, char *msg, size_t cap) {
  const int type = c->t[c->nin + o].type;
  const size_t es = kt_type_size(type) > 0 ? kt_type_size(type) : 1;
  size_t i, first = (size_t)-1, count = 0;
  for (i = 0; i + es <= m->out_bytes[o]; i += es) {
    if (elem_differs(type, m->out[o] + i, t->out[o] + i, es)) {
      first = first == (size_t)-1 ? i / es : first;
      ++count;
    }
  }
  if (first == (size_t)-1) {
    snprintf(msg, cap, "output %d: sizes %zu vs %zu", o, m->out_bytes[o],
             t->out_bytes[o]);
    return;
  }
  {
    int64_t a = 0, b = 0;
    float fa, fb;
    const uint8_t *pa = m->out[o] + first * es, *pb = t->out[o] + first * es;
    if (type == 0) {
      memcpy(&fa, pa, 4), memcpy(&fb, pb, 4);
      snprintf(msg, cap,
               "output %d: %zu of %zu elements differ; first [%zu] "
               "mote %.9g TFLM %.9g",
               o, count, m->out_bytes[o] / es, first, (double)fa, (double)fb);
      return;
    }
    if (type == 9)
      a = (int8_t)*pa, b = (int8_t)*pb;
    else if (es == 1)
      a = *pa, b = *pb;
    else if (type == 7) {
      int16_t x, y;
      memcpy(&x, pa, 2), memcpy(&y, pb, 2);
      a = x, b = y;
    } else if (type == 2) {
      int32_t x, y;
      memcpy(&x, pa, 4), memcpy(&y, pb, 4);
      a = x, b = y;
    } else if (type == 15) {
      uint32_t x, y;
      memcpy(&x, pa, 4), memcpy(&y, pb, 4);
      a = x, b = y;
    } else {
      memcpy(&a, pa, 8), memcpy(&b, pb, 8);
    }
    snprintf(msg, cap,
             "output %d: %zu of %zu elements differ; first [%zu] "
             "mote %lld TFLM %lld",
             o, count, m->out_bytes[o] / es, first, (long long)a, (long long)b);
  }
}

/* Distinct values among the first 64 elements of output 0: the verbose
 * listing shows it so that degenerate cases (all saturated) stand out. */
static int distinct(const kt_case_t *c, const side_t *s) {
  const size_t es = kt_type_size(c->t[c->nin].type);
  size_t n, i, j;
  int count = 0;
  if (s->nout == 0 || es == 0) {
    return 0;
  }
  n = s->out_bytes[0] / es < 64 ? s->out_bytes[0] / es : 64;
  for (i = 0; i < n; ++i) {
    for (j = 0; j < i && memcmp(s->out[0] + i * es, s->out[0] + j * es, es);
         ++j) {
    }
    count += j == i;
  }
  return count;
}

static verdict_t run_case(int slot, int index, char *msg, size_t cap) {
  kt_case_t *c = (kt_case_t *)calloc(1, sizeof *c);
  uint8_t *data[KT_MAX_TENSORS];
  uint8_t *bytes = NULL;
  size_t len = 0;
  side_t m, t;
  verdict_t v = FAILED;
  int i;
  memset(&m, 0, sizeof m);
  memset(&t, 0, sizeof t);
  memset(data, 0, sizeof data);
  msg[0] = '\0';
  if (kt_case_get(slot, index, c) != 0 || make_data(c, data) != 0 ||
      build_model(c, data, &bytes, &len) != 0 ||
      write_case(g_tmp, c, bytes, len, data) != 0) {
    snprintf(msg, cap, "case table or harness error");
  } else {
    const pid_t pid = start_oracle(c);
    run_mote(c, bytes, len, data, &m);
    finish_oracle(pid, c, &t);
    if (m.refused && t.refused) {
      v = REFUSED_BOTH;
      snprintf(msg, cap, "mote: %.300s | TFLM: %.300s", m.why, t.why);
    } else if (m.refused || t.refused) {
      snprintf(msg, cap, "only %s refuses: %.400s", m.refused ? "mote" : "TFLM",
               m.refused ? m.why : t.why);
    } else {
      v = PASS;
      for (i = 0; i < c->nout && v == PASS; ++i) {
        if (output_differs(c, i, &m, &t)) {
          v = FAILED;
          describe_diff(c, i, &m, &t, msg, cap);
        }
      }
    }
  }
  if ((v == FAILED || g_keep_all) && g_keep != NULL && bytes != NULL) {
    char dir[700];
    snprintf(dir, sizeof dir, "%s/%s_%d", g_keep, kt_op_name(slot), index);
    mkdir(g_keep, 0755);
    write_case(dir, c, bytes, len, data);
  }
  if (v != PASS || g_verbose) {
    printf("  %s %s #%d [%s]%s%s",
           v == PASS           ? "pass"
           : v == REFUSED_BOTH ? "refused-by-both"
                               : "FAIL",
           kt_op_name(slot), index, c->name, msg[0] ? ": " : "", msg);
    printf(v == PASS ? " (%d distinct in the first 64)\n" : "\n",
           distinct(c, &m));
  }
  for (i = 0; i < KT_MAX_TENSORS; ++i) {
    free(data[i]);
  }
  side_free(&m);
  side_free(&t);
  free(bytes);
  free(c);
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

int main(void) {
  const char *small = getenv("MOTE_CONFORMANCE_SMALL");
  const char *only_op = getenv("MOTE_OP_TABLE_OP");
  const char *only_case = getenv("MOTE_OP_TABLE_CASE");
  const char *tmp = getenv("TMPDIR");
  const int is_small = small != NULL && strcmp(small, "1") == 0;
  int slot, totals[3] = {0, 0, 0}, ops_failed = 0;
  const time_t start = time(NULL);
  g_verbose = getenv("MOTE_OP_TABLE_VERBOSE") != NULL;
  g_keep = getenv("MOTE_OP_TABLE_KEEP");
  g_keep_all = only_case != NULL;
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
  snprintf(g_tmp, sizeof g_tmp, "%s/mote-op-table-XXXXXX",
           tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
  g_arena = (uint8_t *)malloc(ARENA_BYTES);
  if (g_arena == NULL || mkdtemp(g_tmp) == NULL) {
    perror("op table: set-up");
    return 1;
  }
  printf("op table against %s%s\n", g_oracle,
         is_small ? " (MOTE_CONFORMANCE_SMALL: first cases of each op)" : "");
  for (slot = 0; slot < kt_op_count(); ++slot) {
    int n = kt_case_count(slot), i, counts[3] = {0, 0, 0};
    if (only_op != NULL && strcmp(only_op, kt_op_name(slot)) != 0) {
      continue;
    }
    if (is_small) {
      /* The first cases enumerate every variant axis of the op. */
      n = n / 8 > 8 ? n / 8 : (n < 8 ? n : 8);
    }
    for (i = 0; i < n; ++i) {
      char msg[1024];
      if (only_case != NULL && atoi(only_case) != i) {
        continue;
      }
      counts[run_case(slot, i, msg, sizeof msg)]++;
    }
    printf("%-36s %4d cases: %4d passed, %3d refused by both, %3d failed\n",
           kt_op_name(slot), counts[0] + counts[1] + counts[2], counts[0],
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
  {
    char path[700];
    snprintf(path, sizeof path, "%s/oracle.log", g_tmp);
    remove(path);
    snprintf(path, sizeof path, "%s/model.tflite", g_tmp);
    remove(path);
    for (slot = 0; slot < KT_MAX_TENSORS; ++slot) {
      snprintf(path, sizeof path, "%s/input_%d.bin", g_tmp, slot);
      remove(path);
    }
    rmdir(g_tmp);
  }
  free(g_arena);
  printf("%d passed, %d failed\n", totals[0] + totals[1], totals[2]);
  return totals[2] > 0 ? 1 : 0;
}
