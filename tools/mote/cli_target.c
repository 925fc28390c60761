/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The targets `gen` and `inspect` give an arena for, and where each
 * target's figure comes from: one policy for both commands.
 *
 * host: the library's own prepare on this machine, which shares the
 * tool's pointer width and kernels, so the figure is exact (both commands
 * run mote_interp_prepare and read mote_interp_arena_used_bytes; the
 * resolver's size does not enter the arena). m4, m55, rv32: 32-bit
 * pointers and op data, and kernel families with scratch of their own,
 * which the host cannot reproduce (see cmd_gen.c's design note): the
 * figure is measured on the target, by tools/gen/target_arena.sh under
 * QEMU for m4 and m55, and by mote_interp_arena_used_bytes() on the device
 * for rv32.
 *
 * cli_target_measure runs that script for m4 and m55 when the tool can:
 * the script of the source tree the tool was built from (MOTE_SOURCE_DIR,
 * or MOTE_TARGET_ARENA_SCRIPT), with MOTE set to this very binary so that
 * the measuring firmware's resolver is the one this tool generates. The
 * script checks its own tools (cross compiler, QEMU, make, the harness)
 * and names the one missing; its messages are passed on to stderr and its
 * last line becomes the reason given. An installed tool whose source tree
 * is gone falls back to saying how to measure.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "cli.h"

int cli_target_known(const char *target) {
  return strcmp(target, "host") == 0 || strcmp(target, "m4") == 0 ||
         strcmp(target, "m55") == 0 || strcmp(target, "rv32") == 0;
}

int cli_target_is_host(const char *target) {
  return strcmp(target, "host") == 0;
}

void cli_target_arena_how(const char *target, const char *model, char *buf,
                          size_t cap) {
  if (strcmp(target, "rv32") == 0) {
    snprintf(buf, cap,
             "the host cannot compute the arena of target rv32 (32-bit "
             "pointers, its own kernels): measure "
             "mote_interp_arena_used_bytes() on the device");
  } else {
    snprintf(buf, cap,
             "the host cannot compute the arena of target %s (32-bit "
             "pointers, its own kernels): measure it with "
             "tools/gen/target_arena.sh %s %s",
             target, target, model);
  }
}

int cli_target_measurable(const char *target) {
  return strcmp(target, "m4") == 0 || strcmp(target, "m55") == 0;
}

#ifdef _WIN32
/* The script is a POSIX shell script: no measuring on Windows. */
int cli_target_measure(const char *target, const char *model,
                       const char *argv0, size_t *bytes, char *why,
                       size_t cap) {
  (void)target;
  (void)model;
  (void)argv0;
  (void)bytes;
  snprintf(why, cap, "measuring runs tools/gen/target_arena.sh, a POSIX "
                     "shell script");
  return -1;
}
#else
/* Appends s to buf (of cap bytes, holding len) in single quotes for sh.
 * Returns the new length, or cap when it does not fit. */
static size_t sh_quote(char *buf, size_t len, size_t cap, const char *s) {
  if (len + 1 >= cap) {
    return cap;
  }
  buf[len++] = '\'';
  for (; *s != '\0'; s++) {
    const char *piece = *s == '\'' ? "'\\''" : NULL;
    size_t n = piece != NULL ? strlen(piece) : 1;
    if (len + n + 2 >= cap) {
      return cap;
    }
    if (piece != NULL) {
      memcpy(buf + len, piece, n);
    } else {
      buf[len] = *s;
    }
    len += n;
  }
  buf[len++] = '\'';
  buf[len] = '\0';
  return len;
}

/* Into buf: the path of the running binary (/proc/self/exe on Linux,
 * else argv0 when it holds a '/', else argv0 found on PATH). Returns 0, or
 * -1 when none is known. */
static int self_path(const char *argv0, char *buf, size_t cap) {
  ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
  const char *path = getenv("PATH");
  if (n > 0 && (size_t)n < cap - 1) {
    buf[n] = '\0';
    return 0;
  }
  if (argv0 == NULL || argv0[0] == '\0') {
    return -1;
  }
  if (strchr(argv0, '/') != NULL) {
    snprintf(buf, cap, "%s", argv0);
    return 0;
  }
  while (path != NULL && *path != '\0') {
    const char *end = strchr(path, ':');
    size_t dir = end != NULL ? (size_t)(end - path) : strlen(path);
    int w = snprintf(buf, cap, "%.*s/%s", (int)dir, path, argv0);
    if (w > 0 && (size_t)w < cap && access(buf, X_OK) == 0) {
      return 0;
    }
    path = end != NULL ? end + 1 : NULL;
  }
  return -1;
}

/* Whether line (trailing newline removed) is a whole positive decimal
 * number; stores it in *bytes. */
static int parse_count(const char *line, size_t *bytes) {
  char *end = NULL;
  unsigned long v;
  if (line[0] < '0' || line[0] > '9') {
    return -1;
  }
  v = strtoul(line, &end, 10);
  if (end == NULL || *end != '\0' || v == 0) {
    return -1;
  }
  *bytes = (size_t)v;
  return 0;
}

int cli_target_measure(const char *target, const char *model,
                       const char *argv0, size_t *bytes, char *why,
                       size_t cap) {
  const char *script = getenv("MOTE_TARGET_ARENA_SCRIPT");
  char self[4096];
  char cmd[8192 + 64];
  char line[1024];
  char last[1024];
  size_t len;
  FILE *p;
  int status;
  last[0] = '\0';
  if (script == NULL || script[0] == '\0') {
#ifdef MOTE_SOURCE_DIR
    script = MOTE_SOURCE_DIR "/tools/gen/target_arena.sh";
#else
    snprintf(why, cap, "this mote was built without its source directory "
                       "(set MOTE_TARGET_ARENA_SCRIPT)");
    return -1;
#endif
  }
  if (access(script, R_OK) != 0) {
    snprintf(why, cap, "no measuring script at %s (set "
                       "MOTE_TARGET_ARENA_SCRIPT)", script);
    return -1;
  }
  if (self_path(argv0, self, sizeof self) != 0) {
    snprintf(why, cap, "cannot find the running mote binary to pass as "
                       "MOTE");
    return -1;
  }
  len = sh_quote(cmd, 0, sizeof cmd, self);
  if (len < sizeof cmd) {
    memmove(cmd + 5, cmd, len + 1);
    memcpy(cmd, "MOTE=", 5);
    len += 5;
    len += (size_t)snprintf(cmd + len, sizeof cmd - len, " sh ");
    len = sh_quote(cmd, len, sizeof cmd, script);
  }
  if (len < sizeof cmd) {
    len += (size_t)snprintf(cmd + len, sizeof cmd - len, " %s ", target);
    len = sh_quote(cmd, len, sizeof cmd, model);
  }
  if (len + sizeof " 2>&1" > sizeof cmd) {
    snprintf(why, cap, "the paths are too long to run %s", script);
    return -1;
  }
  memcpy(cmd + len, " 2>&1", sizeof " 2>&1");
  fflush(stdout);
  p = popen(cmd, "r");
  if (p == NULL) {
    snprintf(why, cap, "cannot run %s", script);
    return -1;
  }
  /* The figure is the last line; every line before it is a message. */
  while (fgets(line, sizeof line, p) != NULL) {
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '\0') {
      continue;
    }
    if (last[0] != '\0') {
      fprintf(stderr, "%s\n", last);
    }
    memcpy(last, line, sizeof last);
  }
  status = pclose(p);
  if (status == 0 && parse_count(last, bytes) == 0) {
    return 0;
  }
  if (last[0] != '\0') {
    fprintf(stderr, "%s\n", last);
  }
  if (status == 0) {
    snprintf(why, cap, "%s printed '%.200s', not a byte count", script, last);
  } else {
    snprintf(why, cap, "%s %s failed (exit status %d)%s%.300s", script,
             target, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
             last[0] != '\0' ? ": " : "", last);
  }
  return -1;
}
#endif
