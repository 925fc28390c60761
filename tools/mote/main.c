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
      "  inspect MODEL [--json]\n"
      "      Verify a .tflite model and describe it: operators in execution\n"
      "      order, tensors (type, shape, quantization, bytes), inputs and\n"
      "      outputs, weight and activation bytes, MACs per operator, and the\n"
      "      arena mote plans for it (in a 16 MiB arena). When mote cannot\n"
      "      run the model it says why and exits 1; every op without a\n"
      "      kernel is listed with the operators that use it.\n"
      "      --json   print one JSON object instead of text\n"
      "\n"
      "  run MODEL --inputs INDIR --outputs OUTDIR [--arena-bytes N]\n"
      "            [--repeat N] [--profile]\n"
      "      Run MODEL on INDIR/input_<i>.bin (raw little-endian tensor bytes,\n"
      "      one file per model input, exactly the tensor's size), write\n"
      "      OUTDIR/output_<i>.bin (creating OUTDIR) and summarise each\n"
      "      output.\n"
      "      --arena-bytes N  use an arena of exactly N bytes (default 16 MiB;\n"
      "                       a K or M suffix multiplies by 1024 or 1024^2)\n"
      "      --repeat N       invoke N times and report the time per invoke;\n"
      "                       inputs and state are reset before each invoke,\n"
      "                       so the outputs are those of a single run\n"
      "      --profile        time each operator (platform tick counter)\n"
      "\n"
      "  ops [--json]\n"
      "      List the operators this build runs: builtin code, name, the\n"
      "      newest operator version its kernel takes and the types of its\n"
      "      data input (the first; SPLIT's and FILL's second); custom\n"
      "      ops (the signal library) after the builtins. --json prints a\n"
      "      list of {\"op\", \"code\", \"custom\", \"version\", \"types\"}\n"
      "      objects.\n"
      "\n"
      "  version   print the mote version\n"
      "  help      print this text\n"
      "\n"
      "Exit status: 0 success, 1 failure (bad model, file or run), 2 bad\n"
      "usage.\n",
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
  if (strcmp(cmd, "ops") == 0) {
    return cli_cmd_ops(argc, argv);
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
