/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote`: the host command-line tool. This file only dispatches on the
 * command word and holds the usage text; each command lives in its own
 * cmd_*.c file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void cli_usage(FILE *f) {
  fputs(
      "usage: mote <command> [arguments]\n"
      "\n"
      "commands:\n"
      "  inspect MODEL [--json] [--target host|m4|m55|rv32] [--svg FILE]\n"
      "      Verify a .tflite model and describe it: operators in execution\n"
      "      order, tensors (type, shape, quantization, bytes), inputs and\n"
      "      outputs, weight and activation bytes, MACs per operator, and the\n"
      "      arena mote plans for it (in a 16 MiB arena), split into\n"
      "      persistent data and the planned head. When mote cannot run the\n"
      "      model it says why and exits 1; every op without a kernel is\n"
      "      listed with the operators that use it.\n"
      "      --json       print one JSON object instead of text\n"
      "      --target T   the arena for target T, as mote gen gets it: host\n"
      "                   is exact (this machine's planner); m4 and m55 are\n"
      "                   measured under QEMU by the source tree's\n"
      "                   tools/gen/target_arena.sh (or\n"
      "                   $MOTE_TARGET_ARENA_SCRIPT) when it and the cross\n"
      "                   tools are there (a cross build: slow the first\n"
      "                   time); otherwise, and for rv32, it says how to\n"
      "                   measure it, the reason on stderr, exit status 0\n"
      "      --svg FILE   draw the memory plan into FILE: each planned\n"
      "                   tensor and scratch buffer a rectangle over the\n"
      "                   operators it lives through (x) and its arena\n"
      "                   offset (y), the peak marked\n"
      "\n",
      f);
  /* Two strings: C99 compilers need not take one over 4095 bytes. */
  fputs(
      "  run MODEL [--input FILE]... [--inputs DIR] [--random SEED]\n"
      "            [--outputs DIR] [--output DIR] [--json] [--top-k N]\n"
      "            [--labels FILE] [--arena-bytes N] [--repeat N] [--profile]\n"
      "      Run MODEL on inputs from .npy, .wav, .pgm/.ppm, .bmp, .png or raw\n"
      "      .bin files (one --input per model input), DIR/input_<i>.bin or\n"
      "      random data, and summarise each output (--json: as one object,\n"
      "      every value); --outputs DIR writes DIR/output_<i>.bin, --output\n"
      "      DIR output_<i>.npy; --top-k ranks output 0, named by --labels.\n"
      "      'mote run --help' tells the conversions.\n"
      "\n"
      "  ops [--json]\n"
      "      List the operators this build runs: builtin code, name, the\n"
      "      newest operator version its kernel takes and the types of its\n"
      "      data input (the first; SPLIT's and FILL's second); custom\n"
      "      ops (the signal library) after the builtins. --json prints a\n"
      "      list of {\"op\", \"code\", \"custom\", \"version\", \"types\"}\n"
      "      objects.\n"
      "\n"
      "  gen MODEL -o DIR [--name NAME] [--target host|m4|m55|rv32]\n"
      "          [--section NAME] [--arena-bytes N]\n"
      "      Write the C sources that put MODEL in a firmware, into DIR\n"
      "      (created): NAME_model.c/.h (the bytes as a 16-byte aligned\n"
      "      const array, NAME_model_len, and NAME_ARENA_BYTES, the exact\n"
      "      arena prepare needs), NAME_resolver.c/.h (NAME_resolver_init\n"
      "      registers exactly the kernels the model uses;\n"
      "      NAME_RESOLVER_ENTRIES) and NAME.cmake (NAME_add_to(target)).\n"
      "      Fails, naming them all, when ops have no kernel.\n"
      "      --name NAME      C identifier prefix (default: from the file name)\n"
      "      --target T       host (default: this machine's planner), or a\n"
      "                       32-bit target m4, m55, rv32, whose arena the\n"
      "                       host cannot compute: without --arena-bytes,\n"
      "                       m4 and m55 are measured under QEMU as inspect\n"
      "                       does (tools/gen/target_arena.sh), and gen\n"
      "                       fails, saying why, when they cannot be\n"
      "                       measured; rv32 needs --arena-bytes\n"
      "      --section NAME   put the model bytes in this linker section\n"
      "                       (GCC and clang)\n"
      "      --arena-bytes N  the target's arena (a multiple of 16), for\n"
      "                       m4, m55, rv32 only\n"
      "\n"
      "  diff A B [--atol X] [--model MODEL]\n"
      "      Compare two output sets (.npy/.bin files or directories of\n"
      "      output_<i> files): max abs diff, elements over X, first one.\n"
      "      Exit 1 when any tensor differs by more than X.\n"
      "\n"
      "  profile MODEL [--csv] [--repeat N] [inputs as for run]\n"
      "      Time each operator (median of N invokes, default 10, on the\n"
      "      host clock): time, share of the total and MACs, per operator\n"
      "      and per operator type; --csv prints rows for a spreadsheet.\n"
      "\n"
      "  learn BASE DATA_DIR [--cut TENSOR] [--state FILE] [--save FILE]\n"
      "            [--export OUT] [--epochs N] [--lr X] [--replay N]\n"
      "            [--seed S] [--json]\n"
      "      Train a classifier head on BASE's features (cut at TENSOR,\n"
      "      default the input of the last FULLY_CONNECTED) from DATA_DIR,\n"
      "      one subdirectory of input files per class; print per-class\n"
      "      counts and the training accuracy. --state/--save continue\n"
      "      and keep the learning state; --export writes BASE + head as\n"
      "      a .tflite and checks that it agrees with the learner.\n"
      "\n"
      "  version   print the mote version\n"
      "  help      print this text\n"
      "\n"
      "Each command takes --help. Exit status: 0 success, 1 failure (bad\n"
      "model, file or run; diff: outputs differ), 2 bad usage.\n",
      f);
}

int cli_usage_error(const char *fmt, ...) {
  va_list ap;
  fputs("mote: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs("\nTry 'mote help' for usage.\n", stderr);
  return CLI_EXIT_USAGE;
}

static int cmd_version(int argc, char **argv) {
  (void)argv;
  if (argc > 2) {
    return cli_usage_error("version takes no arguments");
  }
  printf("mote %d.%d.%d (TFLite schema %d)\n", MOTE_VERSION_MAJOR,
         MOTE_VERSION_MINOR, MOTE_VERSION_PATCH, MOTE_SCHEMA_VERSION);
  return CLI_EXIT_OK;
}

int main(int argc, char **argv) {
  const char *cmd;
  if (argc < 2) {
    cli_usage(stderr);
    return CLI_EXIT_USAGE;
  }
  cmd = argv[1];
  if (strcmp(cmd, "inspect") == 0) {
    return cli_cmd_inspect(argc, argv);
  }
  if (strcmp(cmd, "run") == 0) {
    return cli_cmd_run(argc, argv);
  }
  if (strcmp(cmd, "gen") == 0) {
    return cli_cmd_gen(argc, argv);
  }
  if (strcmp(cmd, "ops") == 0) {
    return cli_cmd_ops(argc, argv);
  }
  if (strcmp(cmd, "diff") == 0) {
    return cli_cmd_diff(argc, argv);
  }
  if (strcmp(cmd, "profile") == 0) {
    return cli_cmd_profile(argc, argv);
  }
  if (strcmp(cmd, "learn") == 0) {
    return cli_cmd_learn(argc, argv);
  }
  if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
    return cmd_version(argc, argv);
  }
  if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
      strcmp(cmd, "-h") == 0) {
    cli_usage(stdout);
    return CLI_EXIT_OK;
  }
  return cli_usage_error("unknown command '%s'", cmd);
}
