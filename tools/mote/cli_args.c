/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Option parsing shared by the commands: "--name VALUE" / "--name=VALUE"
 * and counts with optional K / M suffixes. Hand-rolled rather than
 * getopt_long, which is not C99 and not on every host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_parse_count(const char *s, int suffixes, unsigned long long *out) {
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

int cli_take_option(int argc, char **argv, int *i, const char *name,
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
    cli_usage_error("%s: %s needs a value", argv[1], name);
    return -1;
  }
  *i += 1;
  *value = argv[*i];
  return 1;
}

int cli_is_help(const char *arg) {
  return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_arena_option(int argc, char **argv, int *i, size_t *bytes) {
  const char *v = NULL;
  unsigned long long n;
  int r = cli_take_option(argc, argv, i, "--arena-bytes", &v);
  if (r <= 0) {
    return r;
  }
  if (cli_parse_count(v, 1, &n) != 0 || n == 0 || n > (size_t)-1 / 2) {
    cli_usage_error("%s: --arena-bytes: '%s' is not a byte count (e.g. 4096, "
                    "64K, 2M)",
                    argv[1], v);
    return -1;
  }
  *bytes = (size_t)n;
  return 1;
}

int cli_finish(int rc) {
  if (rc == CLI_EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
    cli_error("cannot write to standard output");
    return CLI_EXIT_FAIL;
  }
  return rc;
}
