/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote profile MODEL [--csv] [--repeat N] [inputs] [--arena-bytes N]`:
 * where one invoke spends its time, per operator.
 *
 * Each operator is timed through the interpreter's profiling hook with the
 * platform layer's clock (on the host, CLOCK_MONOTONIC in nanoseconds),
 * over N invokes after one warm-up invoke that is not counted (it pays
 * for cold caches and first-touch page faults). The figure per operator
 * is the median of its N times, not the mean: a host shared with other
 * work gives occasional slow runs, and the median ignores them where the
 * mean would smear them over every op. Shares are of the sum of the
 * medians. The median and best whole invoke are printed too: the best is
 * close to the sum (the gap is the interpreter's own overhead plus the
 * hook's); on a busy machine the median invoke is higher, because a
 * preemption anywhere in an invoke slows that whole invoke but only one
 * operator's sample.
 *
 * MACs come from macs.c (convolutions, fully connected, LSTM, SVDF; 0 for
 * the rest), so a slow op with many MACs and one with none can be told
 * apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mote/platform.h"

#define PROFILE_DEFAULT_REPEAT 10u

static const char profile_help[] =
    "usage: mote profile MODEL [--csv] [--repeat N] [--input FILE]...\n"
    "                    [--inputs DIR] [--random SEED] [--arena-bytes N]\n"
    "\n"
    "Time each operator of MODEL on the host clock: the median of N invokes\n"
    "(default 10) after one warm-up invoke, with its share of the total and\n"
    "its multiply-accumulates, then the same per operator type.\n"
    "\n"
    "  --csv            print 'op,name,time_us,share_pct,macs' rows instead\n"
    "  --repeat N       invokes to take the median of (1 to 100000)\n"
    "  --input FILE, --inputs DIR, --random SEED\n"
    "                   the inputs, as for 'mote run' (default: --random 1)\n"
    "  --raw-pixels     as for 'mote run'\n"
    "  --arena-bytes N  an arena of exactly N bytes (default 16 MiB; K, M)\n"
    "\n"
    "Exit status: 0 success, 1 failure (model, file or run), 2 bad usage.\n";

typedef struct profile_args {
  const char *model;
  cli_input_spec_t in;
  size_t arena_bytes;
  unsigned long repeat;
  int csv;
} profile_args_t;

/* Ticks per operator per run: ticks[run * op_count + op]. */
typedef struct profile_data {
  uint64_t *ticks;
  uint32_t op_count;
  unsigned long run;
  uint64_t start;
} profile_data_t;

static void on_operator(void *user, uint32_t op, int32_t code, int end) {
  profile_data_t *p = (profile_data_t *)user;
  uint64_t now = mote_platform_ticks();
  (void)code;
  if (!end) {
    p->start = now;
  } else if (op < p->op_count) {
    p->ticks[p->run * p->op_count + op] += now - p->start;
  }
}

/* Returns -1 to continue, or the exit status to return. */
static int parse_args(int argc, char **argv, profile_args_t *a) {
  int i;
  memset(a, 0, sizeof *a);
  a->arena_bytes = CLI_DEFAULT_ARENA_BYTES;
  a->repeat = PROFILE_DEFAULT_REPEAT;
  for (i = 2; i < argc; i++) {
    const char *v = NULL;
    unsigned long long n;
    int r;
    if (cli_is_help(argv[i])) {
      fputs(profile_help, stdout);
      return CLI_EXIT_OK;
    }
    if ((r = cli_input_option(argc, argv, &i, &a->in)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
    } else if (strcmp(argv[i], "--csv") == 0) {
      a->csv = 1;
    } else if ((r = cli_take_option(argc, argv, &i, "--repeat", &v)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      if (cli_parse_count(v, 0, &n) != 0 || n == 0 || n > 100000u) {
        return cli_usage_error("profile: --repeat: '%s' is not a count from "
                               "1 to 100000",
                               v);
      }
      a->repeat = (unsigned long)n;
    } else if ((r = cli_arena_option(argc, argv, &i, &a->arena_bytes)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return cli_usage_error("profile: unknown option '%s' (see 'mote "
                             "profile --help')",
                             argv[i]);
    } else if (a->model != NULL) {
      return cli_usage_error("profile: one model at a time ('%s' and '%s')",
                             a->model, argv[i]);
    } else {
      a->model = argv[i];
    }
  }
  if (a->model == NULL) {
    return cli_usage_error("profile: missing MODEL (see 'mote profile "
                           "--help')");
  }
  if (a->in.file_count == 0 && a->in.dir == NULL && !a->in.random) {
    a->in.random = 1;
    a->in.seed = 1;
  }
  return -1;
}

static int compare_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a;
  uint64_t y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Median of v[n] (sorts v); the mean of the middle two when n is even. */
static double median(uint64_t *v, unsigned long n) {
  qsort(v, n, sizeof *v, compare_u64);
  return n % 2u ? (double)v[n / 2u]
                : ((double)v[n / 2u - 1u] + (double)v[n / 2u]) / 2.0;
}

static const char *op_name(const mote_model_t *m, uint32_t op) {
  mote_op_info_t info;
  if (mote_model_op(m, 0, op, &info) != MOTE_OK) {
    return "?";
  }
  return info.custom_name ? info.custom_name : mote_op_name(info.builtin);
}

/* The same numbers summed per operator name, largest share first. */
static void print_by_type(const mote_model_t *m, const double *us,
                          uint32_t ops, double sum) {
  uint32_t *first = (uint32_t *)malloc((ops ? ops : 1u) * sizeof *first);
  double *total = (double *)calloc(ops ? ops : 1u, sizeof *total);
  uint32_t *count = (uint32_t *)calloc(ops ? ops : 1u, sizeof *count);
  uint64_t *macs = (uint64_t *)calloc(ops ? ops : 1u, sizeof *macs);
  uint32_t kinds = 0;
  uint32_t i;
  uint32_t k;
  if (first == NULL || total == NULL || count == NULL || macs == NULL) {
    free(first);
    free(total);
    free(count);
    free(macs);
    return;
  }
  for (i = 0; i < ops; i++) {
    for (k = 0; k < kinds && strcmp(op_name(m, first[k]), op_name(m, i)); k++) {
    }
    if (k == kinds) {
      first[kinds++] = i;
    }
    total[k] += us[i];
    count[k]++;
    macs[k] += cli_op_macs(m, 0, i);
  }
  printf("\nby operator type:\n  %-28s %5s %12s %8s %14s\n", "name", "ops",
         "time (µs)", "share %", "MACs");
  while (kinds > 0) {
    uint32_t best = 0;
    for (k = 1; k < kinds; k++) {
      best = total[k] > total[best] ? k : best;
    }
    printf("  %-28s %5lu %12.3f %8.2f %14llu\n", op_name(m, first[best]),
           (unsigned long)count[best], total[best],
           sum > 0.0 ? 100.0 * total[best] / sum : 0.0,
           (unsigned long long)macs[best]);
    kinds--;
    first[best] = first[kinds];
    total[best] = total[kinds];
    count[best] = count[kinds];
    macs[best] = macs[kinds];
  }
  free(first);
  free(total);
  free(count);
  free(macs);
}

static void report(const profile_args_t *a, const cli_session_t *s,
                   profile_data_t *p, uint64_t *invoke_ticks) {
  uint32_t hz = mote_platform_ticks_per_second();
  uint32_t ops = p->op_count;
  double *us = (double *)calloc(ops ? ops : 1u, sizeof *us);
  uint64_t *column = (uint64_t *)malloc(a->repeat * sizeof *column);
  double sum = 0.0;
  uint64_t total_macs = 0;
  uint32_t i;
  unsigned long r;
  if (us == NULL || column == NULL) {
    cli_error("out of memory");
    free(us);
    free(column);
    return;
  }
  for (i = 0; i < ops; i++) {
    for (r = 0; r < a->repeat; r++) {
      column[r] = p->ticks[r * ops + i];
    }
    us[i] = median(column, a->repeat) * 1e6 / (double)hz;
    sum += us[i];
  }
  if (a->csv) {
    printf("op,name,time_us,share_pct,macs\n");
  } else {
    printf("%s: %lu operators, median of %lu invokes after 1 warm-up, "
           "host clock\n  %4s  %-28s %12s %8s %14s\n",
           a->model, (unsigned long)ops, a->repeat, "op", "name",
           "time (µs)", "share %", "MACs");
  }
  for (i = 0; i < ops; i++) {
    uint64_t macs = cli_op_macs(&s->model, 0, i);
    double share = sum > 0.0 ? 100.0 * us[i] / sum : 0.0;
    total_macs += macs;
    if (a->csv) {
      printf("%lu,%s,%.3f,%.2f,%llu\n", (unsigned long)i,
             op_name(&s->model, i), us[i], share, (unsigned long long)macs);
    } else {
      printf("  %4lu  %-28s %12.3f %8.2f %14llu\n", (unsigned long)i,
             op_name(&s->model, i), us[i], share, (unsigned long long)macs);
    }
  }
  if (!a->csv) {
    printf("  %4s  %-28s %12.3f %8.2f %14llu\n", "", "sum of operators", sum,
           100.0, (unsigned long long)total_macs);
    printf("  %4s  %-28s %12.3f\n", "", "invoke (median)",
           median(invoke_ticks, a->repeat) * 1e6 / (double)hz);
    printf("  %4s  %-28s %12.3f\n", "", "invoke (best)",
           (double)invoke_ticks[0] * 1e6 / (double)hz); /* sorted now */
    print_by_type(&s->model, us, ops, sum);
  }
  free(us);
  free(column);
}

static int profile_runs(const profile_args_t *a, cli_session_t *s,
                        const cli_buffer_t *files, uint32_t count,
                        profile_data_t *p, uint64_t *invoke_ticks) {
  uint32_t hz = mote_platform_ticks_per_second();
  unsigned long r;
  for (r = 0; r <= a->repeat; r++) {
    mote_error_t err;
    double dt;
    mote_status_t st;
    /* Run 0 is the warm-up, timed into the last row and then cleared. */
    p->run = r == 0 ? a->repeat - 1u : r - 1u;
    mote_interp_set_profiler(&s->interp, on_operator, p);
    st = cli_session_invoke(s, files, count, r > 0, &dt, &err);
    mote_interp_set_profiler(&s->interp, NULL, NULL);
    if (st != MOTE_OK) {
      cli_report(a->model, st, &err);
      return -1;
    }
    if (r == 0) {
      memset(p->ticks + p->run * p->op_count, 0,
             p->op_count * sizeof *p->ticks);
    } else {
      invoke_ticks[r - 1u] = (uint64_t)(dt * (double)hz + 0.5);
    }
  }
  return 0;
}

int cli_cmd_profile(int argc, char **argv) {
  profile_args_t a;
  profile_data_t p;
  cli_session_t s;
  cli_buffer_t *files;
  uint64_t *invoke_ticks;
  uint32_t count;
  int rc = parse_args(argc, argv, &a);
  if (rc >= 0) {
    return rc;
  }
  if (mote_platform_ticks_per_second() == 0) {
    cli_error("this platform has no clock to profile with");
    return CLI_EXIT_FAIL;
  }
  if (cli_session_start(&s, a.model, a.arena_bytes) != 0) {
    return CLI_EXIT_FAIL;
  }
  memset(&p, 0, sizeof p);
  p.op_count = mote_model_op_count(&s.model, 0);
  count = mote_interp_input_count(&s.interp);
  files = cli_inputs_alloc(count);
  p.ticks = (uint64_t *)calloc((size_t)a.repeat * (p.op_count ? p.op_count : 1u),
                               sizeof *p.ticks);
  invoke_ticks = (uint64_t *)calloc(a.repeat, sizeof *invoke_ticks);
  rc = CLI_EXIT_FAIL;
  if (p.ticks == NULL || invoke_ticks == NULL) {
    cli_error("out of memory");
  } else if (files != NULL && cli_inputs_load(&s, &a.in, files, NULL) == 0 &&
             profile_runs(&a, &s, files, count, &p, invoke_ticks) == 0) {
    report(&a, &s, &p, invoke_ticks);
    rc = CLI_EXIT_OK;
  }
  cli_inputs_free(files, count);
  free(p.ticks);
  free(invoke_ticks);
  cli_session_close(&s);
  return cli_finish(rc);
}
