/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote run MODEL [inputs] [--outputs DIR] [--save-inputs DIR]
 *  [--arena-bytes N] [--repeat N] [--profile]`
 *
 * Every input is read and converted (cli_inputs.c) before anything is
 * invoked, so a missing or wrong file is reported before any work is
 * done.
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

static const char run_help[] =
    "usage: mote run MODEL [--input FILE]... [--inputs DIR] [--random SEED]\n"
    "                [--outputs DIR] [--save-inputs DIR] [--arena-bytes N]\n"
    "                [--repeat N] [--profile]\n"
    "\n"
    "Run MODEL once and summarise each output (name, type, shape,\n"
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
    "  --save-inputs DIR  write the bytes each input got as DIR/input_<i>.bin\n"
    "\n"
    "running:\n"
    "  --arena-bytes N  an arena of exactly N bytes (default 16 MiB; K, M)\n"
    "  --repeat N       invoke N times, report mean and best time; inputs and\n"
    "                   state are reset before each, so outputs are one run's\n"
    "  --profile        time each operator (mean over the runs)\n"
    "\n"
    "Exit status: 0 success, 1 failure (model, file or run), 2 bad usage.\n";

typedef struct run_args {
  const char *model;
  cli_input_spec_t in;
  const char *save_inputs;
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
    if (cli_is_help(argv[i])) {
      fputs(run_help, stdout);
      return CLI_EXIT_OK;
    }
    if ((r = cli_input_option(argc, argv, &i, &a->in)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
    } else if ((r = cli_take_option(argc, argv, &i, "--save-inputs", &v)) !=
               0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      a->save_inputs = v;
    } else if ((r = cli_take_option(argc, argv, &i, "--outputs", &v)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      a->outputs = v;
    } else if ((r = cli_take_option(argc, argv, &i, "--arena-bytes", &v)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      if (cli_parse_count(v, 1, &n) != 0 || n == 0 || n > (size_t)-1 / 2) {
        return cli_usage_error("run: --arena-bytes: '%s' is not a byte count "
                               "(e.g. 4096, 64K, 2M)",
                               v);
      }
      a->arena_bytes = (size_t)n;
    } else if (strcmp(argv[i], "--profile") == 0) {
      a->profile = 1;
    } else if ((r = cli_take_option(argc, argv, &i, "--repeat", &v)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      if (cli_parse_count(v, 0, &n) != 0 || n == 0 || n > 1000000000ull) {
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
  if (a->model == NULL) {
    return cli_usage_error("run: missing MODEL (see 'mote run --help')");
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
  if (a->outputs != NULL && cli_make_dirs(a->outputs) != 0) {
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
    if (a->outputs != NULL) {
      snprintf(name, sizeof name, "output_%lu.bin", (unsigned long)i);
      path = cli_path_join(a->outputs, name);
      if (cli_write_file(path, t.data, t.bytes) != 0) {
        free(path);
        return -1;
      }
      free(path);
    }
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
  if (cli_inputs_load(&s, &a.in, files) == 0 &&
      (a.save_inputs == NULL || save_inputs(a.save_inputs, files, count) == 0) &&
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
