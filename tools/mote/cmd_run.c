/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote run MODEL [inputs] [outputs] [--json] [--top-k N] [--labels FILE]
 *  [--arena-bytes N] [--repeat N] [--profile]`
 *
 * Every input is read and converted (cli_inputs.c) before anything is
 * invoked, so a missing or wrong file is reported before any work is
 * done; so is the labels file, whose line count is checked against the
 * output once the model is prepared.
 *
 * With --repeat, the inputs are copied in again and the variable tensors
 * reset before every invoke (cli_session_invoke), which keeps the written
 * outputs equal to those of one invoke. Only mote_interp_invoke() itself
 * is timed, with the platform layer's tick counter
 * (include/mote/platform.h); --profile also times each operator through
 * the interpreter's profiling hook.
 *
 * --json prints one object on stdout instead of the text (errors stay
 * one line on stderr, stdout then empty), so scripts never parse text.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "mote/platform.h"

static const char run_help[] =
    "usage: mote run MODEL [--input FILE]... [--inputs DIR] [--random SEED]\n"
    "                [--outputs DIR] [--output DIR] [--save-inputs DIR]\n"
    "                [--json] [--top-k N] [--labels FILE]\n"
    "                [--arena-bytes N] [--repeat N] [--profile]\n"
    "\n"
    "Run MODEL once: say where each input came from and how it was\n"
    "converted, then summarise each output (name, type, shape,\n"
    "quantization, values or min/max/argmax).\n"
    "\n"
    "inputs (every model input needs one):\n"
    "  --input FILE     one per model input, in input order:\n"
    "                   .npy   int8/uint8/int16/int32/int64/float16/32/64, C order;\n"
    "                          the shape must match the tensor's (dims of 1\n"
    "                          aside). Same dtype: the bytes as they are;\n"
    "                          integers into another integer type must fit;\n"
    "                          floats into a quantized tensor are quantized\n"
    "                          with its scale and zero point\n"
    "                   .wav   16-bit PCM mono, exactly as many samples as\n"
    "                          the tensor has elements; int16/int32 tensors\n"
    "                          take the samples as they are, float tensors\n"
    "                          s/32768 in [-1, 1), quantized int8 ones that\n"
    "                          value quantized\n"
    "                   .pgm .ppm (P5/P6)  .bmp (24-bit, 8-bit palette)  .png\n"
    "                          exactly the tensor's height x width ([1, H, W, C],\n"
    "                          C 1 or 3; gray and RGB are converted); pixel p\n"
    "                          goes in as p into uint8, p - 128 into int8\n"
    "                          (as TFLM's camera examples), p/255 into float\n"
    "                          (quantized for quantized int16/int32)\n"
    "                   .bin   raw tensor bytes, exactly the tensor's size\n"
    "  --raw-pixels     pixel bytes into int8 inputs unchanged (no - 128), as\n"
    "                   TFLM's person_detection test feeds its pictures\n"
    "  --inputs DIR     DIR/input_<i>.bin for every input (the golden layout)\n"
    "  --random SEED    fill the inputs no --input gives with xorshift32 data\n"
    "                   (the golden random cases: SEED 1 gives random_0)\n"
    "\n"
    "outputs:\n"
    "  --outputs DIR    write DIR/output_<i>.bin, raw tensor bytes\n"
    "  --output DIR     write DIR/output_<i>.npy (type and shape kept; what\n"
    "                   'mote diff' compares)\n"
    "  --save-inputs DIR  write the bytes each input got as DIR/input_<i>.bin\n"
    "  --json           print one JSON object: model, arena, invoke time,\n"
    "                   and per output name, type, shape, quantization,\n"
    "                   every value and, when quantized, dequantized values\n"
    "  --top-k N        the N highest scores of output 0 (dequantized when\n"
    "                   quantized), best first\n"
    "  --labels FILE    one label per line, as many as output 0 has elements;\n"
    "                   names the top-k (alone: top 5)\n"
    "\n"
    "running:\n"
    "  --arena-bytes N  an arena of exactly N bytes (default 16 MiB; K, M)\n"
    "  --repeat N       invoke N times, report mean and best time; inputs and\n"
    "                   state are reset before each, so outputs are one run's\n"
    "  --profile        time each operator (mean over the runs); see also\n"
    "                   'mote profile'\n"
    "\n"
    "Exit status: 0 success, 1 failure (model, file or run), 2 bad usage.\n";

#define RUN_DEFAULT_TOP_K 5u

typedef struct run_args {
  const char *model;
  cli_input_spec_t in;
  const char *save_inputs;
  const char *outputs;
  const char *npy_outputs;
  const char *labels;
  size_t arena_bytes;
  unsigned long repeat;
  uint32_t top_k;
  int repeat_given;
  int profile;
  int json;
} run_args_t;

/* What the runs measured. */
typedef struct run_stats {
  double total;
  double best;
  uint64_t start;
  uint64_t *ticks; /* [op_count] per operator, summed over the runs */
  uint32_t op_count;
} run_stats_t;

static void on_operator(void *user, uint32_t op, int32_t code, int end) {
  run_stats_t *p = (run_stats_t *)user;
  uint64_t now = mote_platform_ticks();
  (void)code;
  if (!end) {
    p->start = now;
  } else if (op < p->op_count) {
    p->ticks[op] += now - p->start;
  }
}

/* Takes a value-less flag or an option with a value; returns 1 when taken,
 * 0 when not, -1 on a usage error (printed). */
static int take_run_option(int argc, char **argv, int *i, run_args_t *a) {
  const char *v = NULL;
  unsigned long long n;
  int r;
  if ((r = cli_input_option(argc, argv, i, &a->in)) != 0) {
    return r;
  }
  if (strcmp(argv[*i], "--profile") == 0) {
    a->profile = 1;
    return 1;
  }
  if (strcmp(argv[*i], "--json") == 0) {
    a->json = 1;
    return 1;
  }
  if ((r = cli_take_option(argc, argv, i, "--save-inputs", &v)) != 0) {
    a->save_inputs = v;
  } else if ((r = cli_take_option(argc, argv, i, "--outputs", &v)) != 0) {
    a->outputs = v;
  } else if ((r = cli_take_option(argc, argv, i, "--output", &v)) != 0) {
    a->npy_outputs = v;
  } else if ((r = cli_take_option(argc, argv, i, "--labels", &v)) != 0) {
    a->labels = v;
  } else if ((r = cli_take_option(argc, argv, i, "--top-k", &v)) != 0) {
    if (r > 0 && (cli_parse_count(v, 0, &n) != 0 || n == 0 || n > 100000u)) {
      cli_usage_error("run: --top-k: '%s' is not a count from 1 to 100000", v);
      return -1;
    }
    a->top_k = r > 0 ? (uint32_t)n : 0u;
  } else if ((r = cli_arena_option(argc, argv, i, &a->arena_bytes)) != 0) {
    return r;
  } else if ((r = cli_take_option(argc, argv, i, "--repeat", &v)) != 0) {
    if (r > 0 && (cli_parse_count(v, 0, &n) != 0 || n == 0 ||
                  n > 1000000000ull)) {
      cli_usage_error("run: --repeat: '%s' is not a count from 1 to "
                      "1000000000",
                      v);
      return -1;
    }
    a->repeat = r > 0 ? (unsigned long)n : a->repeat;
    a->repeat_given = 1;
  }
  return r;
}

/* Returns -1 to continue, or the exit status to return. */
static int parse_args(int argc, char **argv, run_args_t *a) {
  int i;
  memset(a, 0, sizeof *a);
  a->arena_bytes = CLI_DEFAULT_ARENA_BYTES;
  a->repeat = 1;
  for (i = 2; i < argc; i++) {
    int r;
    if (cli_is_help(argv[i])) {
      fputs(run_help, stdout);
      return CLI_EXIT_OK;
    }
    r = take_run_option(argc, argv, &i, a);
    if (r < 0) {
      return CLI_EXIT_USAGE;
    }
    if (r > 0) {
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return cli_usage_error("run: unknown option '%s' (see 'mote run "
                             "--help')",
                             argv[i]);
    }
    if (a->model != NULL) {
      return cli_usage_error("run: one model at a time ('%s' and '%s')",
                             a->model, argv[i]);
    }
    a->model = argv[i];
  }
  if (a->model == NULL) {
    return cli_usage_error("run: missing MODEL (see 'mote run --help')");
  }
  if (a->labels != NULL && a->top_k == 0) {
    a->top_k = RUN_DEFAULT_TOP_K;
  }
  return -1;
}

static const char *op_name(const cli_session_t *s, uint32_t op) {
  mote_op_info_t info;
  if (mote_model_op(&s->model, 0, op, &info) != MOTE_OK) {
    return "?";
  }
  return info.custom_name ? info.custom_name : mote_op_name(info.builtin);
}

static void print_profile(const cli_session_t *s, const run_stats_t *p,
                          unsigned long runs, int json) {
  uint32_t hz = mote_platform_ticks_per_second();
  uint64_t sum = 0;
  uint32_t i;
  for (i = 0; i < p->op_count; i++) {
    sum += p->ticks[i];
  }
  if (json) {
    fputs(",\n  \"profile\": [", stdout);
  } else if (hz == 0) {
    printf("profile: this platform has no clock\n");
    return;
  } else {
    printf("profile (mean of %lu runs):\n", runs);
  }
  for (i = 0; i < p->op_count; i++) {
    double ms = hz ? (double)p->ticks[i] * 1e3 / (double)hz / (double)runs
                   : 0.0;
    double share = sum ? 100.0 * (double)p->ticks[i] / (double)sum : 0.0;
    if (json) {
      printf("%s\n    {\"op\": %lu, \"name\": ", i ? "," : "",
             (unsigned long)i);
      cli_json_string(stdout, op_name(s, i));
      fputs(", \"ms\": ", stdout);
      cli_json_float(stdout, ms);
      fputs(", \"share\": ", stdout);
      cli_json_float(stdout, share);
      fputc('}', stdout);
    } else {
      printf("  op %3lu  %-30s %9.4f ms  %5.1f%%\n", (unsigned long)i,
             op_name(s, i), ms, share);
    }
  }
  if (json) {
    fputs("\n  ]", stdout);
  }
}

/* --save-inputs: the bytes each input got, as DIR/input_<i>.bin. */
static int save_inputs(const char *dir, const cli_buffer_t *files,
                       uint32_t count) {
  uint32_t i;
  if (cli_make_dirs(dir) != 0) {
    return -1;
  }
  for (i = 0; i < count; i++) {
    char name[32];
    char *path;
    int rc;
    snprintf(name, sizeof name, "input_%lu.bin", (unsigned long)i);
    path = cli_path_join(dir, name);
    rc = cli_write_file(path, files[i].data, files[i].size);
    free(path);
    if (rc != 0) {
      return -1;
    }
  }
  return 0;
}

static int invoke_all(const run_args_t *a, cli_session_t *s,
                      const cli_buffer_t *files, uint32_t count,
                      run_stats_t *stats) {
  unsigned long r;
  if (a->profile) {
    stats->op_count = mote_model_op_count(&s->model, 0);
    stats->ticks = (uint64_t *)calloc(stats->op_count ? stats->op_count : 1u,
                                      sizeof *stats->ticks);
    if (stats->ticks == NULL) {
      cli_error("out of memory");
      return -1;
    }
    mote_interp_set_profiler(&s->interp, on_operator, stats);
  }
  for (r = 0; r < a->repeat; r++) {
    mote_error_t err;
    double dt;
    mote_status_t st = cli_session_invoke(s, files, count, r > 0, &dt, &err);
    if (st != MOTE_OK) {
      cli_report(a->model, st, &err);
      mote_interp_set_profiler(&s->interp, NULL, NULL);
      return -1;
    }
    stats->total += dt;
    stats->best = r == 0 || dt < stats->best ? dt : stats->best;
  }
  mote_interp_set_profiler(&s->interp, NULL, NULL);
  return 0;
}

/* Writes DIR/output_<i>.<ext> for every output (raw bytes or .npy). */
static int write_files(cli_session_t *s, const char *dir, int npy) {
  uint32_t n = mote_interp_output_count(&s->interp);
  uint32_t i;
  if (cli_make_dirs(dir) != 0) {
    return -1;
  }
  for (i = 0; i < n; i++) {
    char name[32];
    char *path;
    mote_tensor_t t;
    int rc;
    if (mote_interp_output(&s->interp, i, &t) != MOTE_OK || t.data == NULL) {
      cli_error("%s: cannot read output %lu", s->path, (unsigned long)i);
      return -1;
    }
    snprintf(name, sizeof name, "output_%lu.%s", (unsigned long)i,
             npy ? "npy" : "bin");
    path = cli_path_join(dir, name);
    rc = npy ? cli_npy_write(path, &t) : cli_write_file(path, t.data, t.bytes);
    free(path);
    if (rc != 0) {
      return -1;
    }
  }
  return 0;
}

/* Checks --labels against output 0 before anything runs. */
static int check_labels(const run_args_t *a, cli_session_t *s,
                        cli_labels_t *labels, mote_tensor_t *out0) {
  char shape[96];
  if (a->top_k == 0) {
    return 0;
  }
  if (mote_interp_output(&s->interp, 0, out0) != MOTE_OK ||
      mote_type_size((mote_type_t)out0->type) == 0) {
    cli_error("%s: output 0 has no numeric values to rank for --top-k",
              a->model);
    return -1;
  }
  if (a->labels == NULL) {
    return 0;
  }
  if (cli_labels_load(a->labels, labels) != 0) {
    return -1;
  }
  if ((int32_t)labels->count != mote_tensor_elements(out0)) {
    cli_format_shape(out0, shape, sizeof shape);
    cli_error("%s: %lu labels, but output 0 (%s %s) has %ld elements; give "
              "one label per element, in output order",
              a->labels, (unsigned long)labels->count,
              mote_type_name((mote_type_t)out0->type), shape,
              (long)mote_tensor_elements(out0));
    return -1;
  }
  return 0;
}

static void report(const run_args_t *a, cli_session_t *s,
                   const run_stats_t *stats, const cli_labels_t *labels) {
  uint32_t n = mote_interp_output_count(&s->interp);
  uint32_t *order = NULL;
  uint32_t k = 0;
  uint32_t i;
  mote_tensor_t t;
  if (a->top_k > 0 && mote_interp_output(&s->interp, 0, &t) == MOTE_OK) {
    order = (uint32_t *)malloc(a->top_k * sizeof *order);
    k = order != NULL ? cli_top_k(&t, a->top_k, order) : 0u;
  }
  if (a->json) {
    fputs("{\n  \"model\": ", stdout);
    cli_json_string(stdout, a->model);
    printf(",\n  \"operators\": %lu,\n  \"arena_bytes\": %lu,\n"
           "  \"arena_used_bytes\": %lu,\n  \"invoke\": {\"runs\": %lu, "
           "\"mean_ms\": ",
           (unsigned long)mote_model_op_count(&s->model, 0),
           (unsigned long)a->arena_bytes,
           (unsigned long)mote_interp_arena_used_bytes(&s->interp),
           a->repeat);
    cli_json_float(stdout, stats->total * 1e3 / (double)a->repeat);
    fputs(", \"best_ms\": ", stdout);
    cli_json_float(stdout, stats->best * 1e3);
    fputc('}', stdout);
    if (a->profile) {
      print_profile(s, stats, a->repeat, 1);
    }
    fputs(",\n  \"outputs\": [", stdout);
    for (i = 0; i < n; i++) {
      if (mote_interp_output(&s->interp, i, &t) == MOTE_OK) {
        fputs(i ? ",\n    " : "\n    ", stdout);
        cli_json_tensor(stdout, i, mote_model_tensor_name(&s->model, 0, t.index),
                        &t);
      }
    }
    fputs("\n  ]", stdout);
    if (order != NULL && mote_interp_output(&s->interp, 0, &t) == MOTE_OK) {
      fputs(",\n  \"top_k\": ", stdout);
      cli_json_top_k(stdout, &t, order, k, labels);
    }
    fputs("\n}\n", stdout);
    free(order);
    return;
  }
  if (a->repeat_given) {
    printf("invoke: %lu runs, mean %.4g ms, best %.4g ms\n", a->repeat,
           stats->total * 1e3 / (double)a->repeat, stats->best * 1e3);
  }
  if (a->profile) {
    print_profile(s, stats, a->repeat, 0);
  }
  printf("%s: %lu operators, arena used %lu of %lu bytes\n", a->model,
         (unsigned long)mote_model_op_count(&s->model, 0),
         (unsigned long)mote_interp_arena_used_bytes(&s->interp),
         (unsigned long)a->arena_bytes);
  for (i = 0; i < n; i++) {
    char label[48];
    if (mote_interp_output(&s->interp, i, &t) != MOTE_OK) {
      continue;
    }
    snprintf(label, sizeof label, "output %lu (tensor %lu)", (unsigned long)i,
             (unsigned long)t.index);
    cli_print_tensor_summary(stdout, label,
                             mote_model_tensor_name(&s->model, 0, t.index), &t);
  }
  if (order != NULL && mote_interp_output(&s->interp, 0, &t) == MOTE_OK) {
    printf("top %lu of output 0:\n", (unsigned long)k);
    cli_print_top_k(stdout, &t, order, k, labels);
  }
  free(order);
}

int cli_cmd_run(int argc, char **argv) {
  run_args_t a;
  run_stats_t stats;
  cli_session_t s;
  cli_labels_t labels;
  mote_tensor_t out0;
  cli_buffer_t *files;
  uint32_t count;
  int rc = parse_args(argc, argv, &a);
  if (rc >= 0) {
    return rc;
  }
  if (cli_session_start(&s, a.model, a.arena_bytes) != 0) {
    return CLI_EXIT_FAIL;
  }
  memset(&stats, 0, sizeof stats);
  memset(&labels, 0, sizeof labels);
  count = mote_interp_input_count(&s.interp);
  files = cli_inputs_alloc(count);
  rc = CLI_EXIT_FAIL;
  if (files != NULL && check_labels(&a, &s, &labels, &out0) == 0 &&
      cli_inputs_load(&s, &a.in, files, a.json ? NULL : stdout) == 0 &&
      (a.save_inputs == NULL || save_inputs(a.save_inputs, files, count) == 0) &&
      invoke_all(&a, &s, files, count, &stats) == 0 &&
      (a.outputs == NULL || write_files(&s, a.outputs, 0) == 0) &&
      (a.npy_outputs == NULL || write_files(&s, a.npy_outputs, 1) == 0)) {
    report(&a, &s, &stats, &labels);
    rc = CLI_EXIT_OK;
  }
  cli_inputs_free(files, count);
  free(stats.ticks);
  cli_labels_free(&labels);
  cli_session_close(&s);
  return cli_finish(rc);
}
