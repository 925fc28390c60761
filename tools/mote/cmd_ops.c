/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote ops [--json]`: the operators this build of mote runs, from the
 * resolver the other commands use (every built-in kernel and the signal
 * ops), with each kernel's newest operator version and its input types
 * (op_types.h). Builtins come first, by code; custom ops after, by name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "op_types.h"

static int entry_order(const void *a, const void *b) {
  const mote_resolver_entry_t *x = (const mote_resolver_entry_t *)a;
  const mote_resolver_entry_t *y = (const mote_resolver_entry_t *)b;
  int xc = x->op == MOTE_OP_CUSTOM, yc = y->op == MOTE_OP_CUSTOM;
  if (xc != yc) {
    return xc - yc;
  }
  if (xc) {
    return strcmp(x->custom_name, y->custom_name);
  }
  return (x->op > y->op) - (x->op < y->op);
}

static const char *entry_name(const mote_resolver_entry_t *e) {
  return e->op == MOTE_OP_CUSTOM ? e->custom_name : mote_op_name(e->op);
}

/* The type names of `mask`, separated by `sep`; "?" when the kernel is
 * missing from op_types.c (a test keeps that from happening). */
static void print_types(FILE *f, uint32_t mask, int found, int json) {
  uint32_t t;
  int first = 1;
  if (!found) {
    fputs(json ? "[]" : "?", f);
    return;
  }
  if (json) {
    fputc('[', f);
  }
  for (t = 0; t < 32u; t++) {
    if ((mask >> t & 1u) == 0u) {
      continue;
    }
    if (!first) {
      fputs(json ? ", " : " ", f);
    }
    first = 0;
    if (json) {
      cli_json_string(f, mote_type_name((mote_type_t)t));
    } else {
      fputs(mote_type_name((mote_type_t)t), f);
    }
  }
  if (json) {
    fputc(']', f);
  }
}

int cli_cmd_ops(int argc, char **argv) {
  cli_session_t *s;
  int json = 0, i;
  uint32_t n, k, customs = 0;
  for (i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) {
      json = 1;
    } else if (cli_is_help(argv[i])) {
      cli_usage(stdout);
      return CLI_EXIT_OK;
    } else {
      return cli_usage_error("ops: unexpected argument '%s'", argv[i]);
    }
  }
  s = (cli_session_t *)calloc(1, sizeof *s);
  if (s == NULL) {
    cli_error("out of memory");
    return CLI_EXIT_FAIL;
  }
  if (cli_session_resolver(s) != MOTE_OK) {
    cli_error("cannot build the resolver of every kernel");
    free(s);
    return CLI_EXIT_FAIL;
  }
  n = s->resolver.count_;
  qsort(s->entries, n, sizeof s->entries[0], entry_order);
  for (k = 0; k < n; k++) {
    customs += s->entries[k].op == MOTE_OP_CUSTOM;
  }
  if (json) {
    fputs("[", stdout);
  } else {
    printf("mote %d.%d.%d runs %lu builtin and %lu custom operators:\n\n",
           MOTE_VERSION_MAJOR, MOTE_VERSION_MINOR, MOTE_VERSION_PATCH,
           (unsigned long)(n - customs), (unsigned long)customs);
    printf("%5s  %-36s %7s  %s\n", "code", "op", "version", "input types");
  }
  for (k = 0; k < n; k++) {
    const mote_resolver_entry_t *e = &s->entries[k];
    const cli_op_types_t *types = cli_op_types_find(e->op, e->custom_name);
    uint32_t mask = types != NULL ? types->input_types : 0u;
    if (json) {
      printf("%s\n  {\"op\": ", k == 0 ? "" : ",");
      cli_json_string(stdout, entry_name(e));
      printf(", \"code\": %d, \"custom\": %s, \"version\": %d, \"types\": ",
             (int)e->op, e->op == MOTE_OP_CUSTOM ? "true" : "false",
             (int)e->kernel->max_version);
      print_types(stdout, mask, types != NULL, 1);
      fputc('}', stdout);
    } else {
      printf("%5d  %-36s %7d  ", (int)e->op, entry_name(e),
             (int)e->kernel->max_version);
      print_types(stdout, mask, types != NULL, 0);
      fputc('\n', stdout);
    }
  }
  if (json) {
    puts("\n]");
  } else {
    puts("\nInput types are those of each operator's first input, as the op"
         "\ntable tests them against TFLM. Version is the newest operator"
         "\nversion the kernel runs.");
  }
  free(s);
  return CLI_EXIT_OK;
}
