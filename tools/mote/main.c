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
      "      first input; custom ops (the signal library) after the\n"
      "      builtins. --json prints a list of {\"op\", \"code\",\n"
      "      \"custom\", \"version\", \"types\"} objects.\n"
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
      "                       host cannot compute: give it with --arena-bytes\n"
      "                       (tools/gen/target_arena.sh measures it)\n"
      "      --section NAME   put the model bytes in this linker section\n"
      "                       (GCC and clang)\n"
      "      --arena-bytes N  the target's arena (a multiple of 16), for\n"
      "                       m4, m55, rv32 only\n"
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
  if (strcmp(cmd, "gen") == 0) {
    return cli_cmd_gen(argc, argv);
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
