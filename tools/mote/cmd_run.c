/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote run MODEL --inputs INDIR --outputs OUTDIR [--arena-bytes N]
 *  [--repeat N] [--profile]`
 *
 * Reads every input file before invoking anything, so a missing or
 * wrongly sized file is reported before any work is done. Input sizes must
 * match the tensor exactly: a file one byte short is far more likely a
 * wrong file (another model's, or float data for an int8 input) than
 * something to pad.
 *
 * With --repeat, the inputs are copied in again and the variable tensors
 * reset before every invoke: the planner may reuse an input's memory once
 * its last reader has run, and a stateful model would otherwise drift, so
 * this is what keeps the written outputs equal to those of one invoke.
 * Only mote_interp_invoke() itself is timed, with the platform layer's
 * tick counter (include/mote/platform.h); --profile also times each
 * operator through the interpreter's profiling hook.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "mote/platform.h"

typedef struct run_args {
  const char *model;
  const char *inputs;
  const char *outputs;
  size_t arena_bytes;
  unsigned long repeat;
  int repeat_given;
  int profile;
} run_args_t;

/* Ticks spent in each operator, summed over the runs (--profile). */
typedef struct op_profile {
  uint64_t start;
  uint64_t *ticks; /* [op count] */
  uint32_t count;
} op_profile_t;

static void on_operator(void *user, uint32_t op, int32_t code, int end) {
  op_profile_t *p = (op_profile_t *)user;
  uint64_t now = mote_platform_ticks();
  (void)code;
  if (!end) {
    p->start = now;
  } else if (op < p->count) {
    p->ticks[op] += now - p->start;
  }
}

/* Parses a byte count or count: decimal digits, optionally followed by K
 * (x1024) or M (x1024^2) when `suffixes` is set. 0 on success. */
static int parse_count(const char *s, int suffixes, unsigned long long *out) {
  unsigned long long v = 0;
  unsigned long long mul = 1;
  const char *p = s;
  if (*p < '0' || *p > '9') {
    return -1;
  }
  for (; *p >= '0' && *p <= '9'; p++) {
    unsigned d = (unsigned)(*p - '0');
    if (v > (~0ull - d) / 10u) {
      return -1;
    }
    v = v * 10u + d;
  }
  if (suffixes && (*p == 'K' || *p == 'k')) {
    mul = 1024u;
    p++;
  } else if (suffixes && (*p == 'M' || *p == 'm')) {
    mul = 1024u * 1024u;
    p++;
  }
  if (*p != '\0' || (v != 0 && mul > ~0ull / v)) {
    return -1;
  }
  *out = v * mul;
  return 0;
}

/* Matches "--name VALUE" and "--name=VALUE"; advances *i past VALUE. Returns
 * 1 on a match with *value set, 0 when argv[*i] is another option, and -1
 * (after printing) when the value is missing. */
static int take_option(int argc, char **argv, int *i, const char *name,
                       const char **value) {
  const char *a = argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, name, n) != 0) {
    return 0;
  }
  if (a[n] == '=') {
    *value = a + n + 1;
    return 1;
  }
  if (a[n] != '\0') {
    return 0;
  }
  if (*i + 1 >= argc) {
    cli_usage_error("run: %s needs a value", name);
    return -1;
  }
  *i += 1;
  *value = argv[*i];
  return 1;
}

/* Returns -1 to continue, or the exit status to return. */
static int parse_args(int argc, char **argv, run_args_t *a) {
  int i;
  memset(a, 0, sizeof *a);
  a->arena_bytes = CLI_DEFAULT_ARENA_BYTES;
  a->repeat = 1;
  for (i = 2; i < argc; i++) {
    const char *v = NULL;
    unsigned long long n;
    int r;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      cli_usage(stdout);
      return CLI_EXIT_OK;
    }
    if ((r = take_option(argc, argv, &i, "--inputs", &v)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      a->inputs = v;
    } else if ((r = take_option(argc, argv, &i, "--outputs", &v)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      a->outputs = v;
    } else if ((r = take_option(argc, argv, &i, "--arena-bytes", &v)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      if (parse_count(v, 1, &n) != 0 || n == 0 || n > (size_t)-1 / 2) {
        return cli_usage_error("run: --arena-bytes: '%s' is not a byte count "
                               "(e.g. 4096, 64K, 2M)",
                               v);
      }
      a->arena_bytes = (size_t)n;
    } else if (strcmp(argv[i], "--profile") == 0) {
      a->profile = 1;
    } else if ((r = take_option(argc, argv, &i, "--repeat", &v)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      if (parse_count(v, 0, &n) != 0 || n == 0 || n > 1000000000ull) {
        return cli_usage_error("run: --repeat: '%s' is not a count from 1 to "
                               "1000000000",
                               v);
      }
      a->repeat = (unsigned long)n;
      a->repeat_given = 1;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return cli_usage_error("run: unknown option '%s'", argv[i]);
    } else if (a->model != NULL) {
      return cli_usage_error("run: one model at a time ('%s' and '%s')",
                             a->model, argv[i]);
    } else {
      a->model = argv[i];
    }
  }
  if (a->model == NULL || a->inputs == NULL || a->outputs == NULL) {
    return cli_usage_error(
        "run: missing %s\nusage: mote run MODEL --inputs INDIR --outputs "
        "OUTDIR [--arena-bytes N] [--repeat N]",
        a->model == NULL ? "MODEL" : a->inputs == NULL ? "--inputs INDIR"
                                                       : "--outputs OUTDIR");
  }
  return -1;
}

static double now_seconds(void) {
  uint32_t hz = mote_platform_ticks_per_second();
  return hz ? (double)mote_platform_ticks() / (double)hz : 0.0;
}

static void print_profile(const cli_session_t *s, const op_profile_t *p,
                          unsigned long runs) {
  uint32_t hz = mote_platform_ticks_per_second();
  uint64_t sum = 0;
  uint32_t i;
  if (hz == 0) {
    printf("profile: this platform has no clock\n");
    return;
  }
  for (i = 0; i < p->count; i++) {
    sum += p->ticks[i];
  }
  printf("profile (mean of %lu runs):\n", runs);
  for (i = 0; i < p->count; i++) {
    mote_op_info_t info;
    double ms = (double)p->ticks[i] * 1e3 / (double)hz / (double)runs;
    mote_model_op(&s->model, 0, i, &info);
    printf("  op %3lu  %-30s %9.4f ms  %5.1f%%\n", (unsigned long)i,
           info.custom_name ? info.custom_name : mote_op_name(info.builtin),
           ms, sum ? 100.0 * (double)p->ticks[i] / (double)sum : 0.0);
  }
}

/* Reads DIR/input_<i>.bin for every model input and checks its size. */
static int load_inputs(const run_args_t *a, cli_session_t *s,
                       cli_buffer_t *files, uint32_t count) {
  uint32_t i;
  for (i = 0; i < count; i++) {
    char name[32];
    char *path;
    mote_tensor_t t;
    mote_status_t st;
    snprintf(name, sizeof name, "input_%lu.bin", (unsigned long)i);
    path = cli_path_join(a->inputs, name);
    st = mote_interp_input(&s->interp, i, &t);
    if (st != MOTE_OK) {
      cli_report(a->model, st, NULL);
      free(path);
      return -1;
    }
    if (cli_read_file(path, &files[i]) != 0) {
      free(path);
      return -1;
    }
    if (files[i].size != t.bytes || t.data == NULL) {
      char shape[96];
      cli_format_shape(&t, shape, sizeof shape);
      cli_error("%s: size is %lu bytes, but input %lu (tensor %lu, %s %s) "
                "takes exactly %lu bytes",
                path, (unsigned long)files[i].size, (unsigned long)i,
                (unsigned long)t.index, mote_type_name((mote_type_t)t.type),
                shape, (unsigned long)t.bytes);
      free(path);
      return -1;
    }
    free(path);
  }
  return 0;
}

static int invoke_all(const run_args_t *a, cli_session_t *s,
                      const cli_buffer_t *files, uint32_t count) {
  double total = 0.0;
  double best = 0.0;
  unsigned long r;
  op_profile_t prof;
  memset(&prof, 0, sizeof prof);
  if (a->profile) {
    prof.count = mote_model_op_count(&s->model, 0);
    prof.ticks = (uint64_t *)calloc(prof.count ? prof.count : 1u, sizeof *prof.ticks);
    if (prof.ticks == NULL) {
      cli_error("out of memory");
      return -1;
    }
    mote_interp_set_profiler(&s->interp, on_operator, &prof);
  }
  for (r = 0; r < a->repeat; r++) {
    mote_error_t err;
    mote_status_t st;
    double t0;
    double dt;
    uint32_t i;
    for (i = 0; i < count; i++) {
      mote_tensor_t t;
      if (mote_interp_input(&s->interp, i, &t) == MOTE_OK &&
          t.data != NULL && files[i].size > 0) {
        memcpy(t.data, files[i].data, files[i].size);
      }
    }
    if (r > 0 && (st = mote_interp_reset_state(&s->interp)) != MOTE_OK) {
      cli_report(a->model, st, NULL);
      free(prof.ticks);
      return -1;
    }
    cli_error_clear(&err);
    t0 = now_seconds();
    st = mote_interp_invoke(&s->interp, &err);
    dt = now_seconds() - t0;
    if (st != MOTE_OK) {
      cli_report(a->model, st, &err);
      free(prof.ticks);
      return -1;
    }
    total += dt;
    best = r == 0 || dt < best ? dt : best;
  }
  if (a->repeat_given) {
    printf("invoke: %lu runs, mean %.4g ms, best %.4g ms\n", a->repeat,
           total * 1e3 / (double)a->repeat, best * 1e3);
  }
  if (a->profile) {
    mote_interp_set_profiler(&s->interp, NULL, NULL);
    print_profile(s, &prof, a->repeat);
    free(prof.ticks);
  }
  return 0;
}

static int write_outputs(const run_args_t *a, cli_session_t *s) {
  uint32_t n = mote_interp_output_count(&s->interp);
  uint32_t i;
  if (cli_make_dirs(a->outputs) != 0) {
    return -1;
  }
  for (i = 0; i < n; i++) {
    char name[32];
    char label[48];
    char *path;
    mote_tensor_t t;
    mote_status_t st = mote_interp_output(&s->interp, i, &t);
    if (st != MOTE_OK || t.data == NULL) {
      cli_error("%s: cannot read output %lu: %s", a->model, (unsigned long)i,
                mote_status_str(st));
      return -1;
    }
    snprintf(name, sizeof name, "output_%lu.bin", (unsigned long)i);
    path = cli_path_join(a->outputs, name);
    if (cli_write_file(path, t.data, t.bytes) != 0) {
      free(path);
      return -1;
    }
    free(path);
    snprintf(label, sizeof label, "output %lu (tensor %lu)", (unsigned long)i,
             (unsigned long)t.index);
    cli_print_tensor_summary(stdout, label,
                             mote_model_tensor_name(&s->model, 0, t.index), &t);
  }
  return 0;
}

int cli_cmd_run(int argc, char **argv) {
  run_args_t a;
  cli_session_t s;
  cli_buffer_t *files;
  mote_error_t err;
  mote_status_t st;
  uint32_t count;
  uint32_t i;
  int rc = parse_args(argc, argv, &a);
  if (rc >= 0) {
    return rc;
  }
  if (cli_session_open(&s, a.model) != 0) {
    return CLI_EXIT_FAIL;
  }
  st = cli_session_prepare(&s, a.arena_bytes, &err);
  if (st != MOTE_OK) {
    cli_report(a.model, st, &err);
    cli_session_close(&s);
    return CLI_EXIT_FAIL;
  }
  count = mote_interp_input_count(&s.interp);
  files = (cli_buffer_t *)calloc(count > 0 ? count : 1u, sizeof *files);
  if (files == NULL) {
    cli_error("out of memory");
    cli_session_close(&s);
    return CLI_EXIT_FAIL;
  }
  rc = CLI_EXIT_FAIL;
  if (load_inputs(&a, &s, files, count) == 0 &&
      invoke_all(&a, &s, files, count) == 0) {
    printf("%s: %lu operators, arena used %lu of %lu bytes\n", a.model,
           (unsigned long)mote_model_op_count(&s.model, 0),
           (unsigned long)mote_interp_arena_used_bytes(&s.interp),
           (unsigned long)a.arena_bytes);
    if (write_outputs(&a, &s) == 0) {
      rc = CLI_EXIT_OK;
    }
  }
  for (i = 0; i < count; i++) {
    cli_buffer_free(&files[i]);
  }
  free(files);
  cli_session_close(&s);
  if (rc == CLI_EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
    cli_error("cannot write to standard output");
    rc = CLI_EXIT_FAIL;
  }
  return rc;
}
