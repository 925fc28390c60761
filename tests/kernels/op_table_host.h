/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host side of the op table test (test_op_table.c): turns a kt_case_t
 * into tensor data and a one-op .tflite, runs it through mote's
 * interpreter in-process and through the TFLM oracle (tflm_run) as a
 * child process working in a directory of its own, and compares the
 * outputs. Static functions in a header, like op_model.h, because only
 * that one test binary uses them.
 */
#ifndef MOTE_TEST_OP_TABLE_HOST_H
#define MOTE_TEST_OP_TABLE_HOST_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mote/mote.h"
#include "mote/signal_ops.h"
#include "support.h"
#include "table/cases.h"
#include "table/run.h"
#include "tflite_build.h"


static int write_file(const char *dir, const char *name, const void *data,
                      size_t len) {
  char path[700];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return tfb_write_file(path, (const uint8_t *)data, len);
}

/* Writes the model and inputs to `dir` (created), for the oracle or for a
 * kept failing case. */
static int write_case(const char *dir, const kt_case_t *c, const uint8_t *bytes,
                      size_t len, uint8_t *const *data) {
  int i, k = 0;
  char name[32];
  mkdir(dir, 0755);
  if (write_file(dir, "model.tflite", bytes, len) != 0) {
    return -1;
  }
  for (i = 0; i < c->nin; ++i) {
    if (c->t[i].role == KT_INPUT) {
      snprintf(name, sizeof name, "input_%d.bin", k++);
      if (write_file(dir, name, data[i], kt_tensor_bytes(&c->t[i])) != 0) {
        return -1;
      }
    }
  }
  return 0;
}

static pid_t start_oracle(const char *oracle, const char *dir,
                          const kt_case_t *c) {
  char model[600], log[600], invokes[16];
  pid_t pid;
  snprintf(model, sizeof model, "%s/model.tflite", dir);
  snprintf(log, sizeof log, "%s/oracle.log", dir);
  snprintf(invokes, sizeof invokes, "%d", (int)c->invokes);
  pid = fork();
  if (pid == 0) {
    const int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    /* 2 MiB of arena is plenty for these models; TFLM's 16 MiB default
     * costs more to clear than most cases take to run. */
    execl(oracle, oracle, model, dir, dir, "--invokes", invokes, "--arena",
          "2097152", (char *)NULL);
    _exit(127);
  }
  return pid;
}

static void finish_oracle(pid_t pid, const char *dir, const kt_case_t *c,
                          kt_side_t *s) {
  int status = 0, code, i;
  char path[700];
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  if (WIFSIGNALED(status)) {
    s->refused = 3;
    snprintf(s->why, sizeof s->why, "tflm_run crashed (signal %d)",
             WTERMSIG(status));
    return;
  }
  if (code != 0) {
    size_t n = 0;
    uint8_t *log;
    snprintf(path, sizeof path, "%s/oracle.log", dir);
    log = mote_test_read_file(path, &n);
    s->refused = code == 2 ? 1 : code == 4 ? 2 : 3;
    snprintf(s->why, sizeof s->why, "tflm_run exit %d: %.*s", code,
             (int)(n < 250 ? n : 250), log != NULL ? (const char *)log : "");
    for (i = 0; s->why[i] != '\0'; ++i) { /* one line per case */
      s->why[i] = s->why[i] == '\n' ? ' ' : s->why[i];
    }
    free(log);
    return;
  }
  for (i = 0; i < c->nout && i < KT_MAX_IO; ++i) {
    snprintf(path, sizeof path, "%s/output_%d.bin", dir, i);
    s->out[i] = mote_test_read_file(path, &s->out_bytes[i]);
    s->nout = i + 1;
    remove(path);
  }
}

/* Describes the first differing element of output `o` into `msg`. */
static void describe_diff(const kt_case_t *c, int o, const kt_side_t *m,
                          const kt_side_t *t, char *msg, size_t cap) {
  const int type = c->t[c->nin + o].type;
  const size_t es = kt_type_size(type) > 0 ? kt_type_size(type) : 1;
  size_t i, first = (size_t)-1, count = 0;
  for (i = 0; i + es <= m->out_bytes[o]; i += es) {
    if (kt_elem_differs(type, m->out[o] + i, t->out[o] + i, es)) {
      first = first == (size_t)-1 ? i / es : first;
      ++count;
    }
  }
  if (first == (size_t)-1) {
    snprintf(msg, cap, "output %d: sizes %zu vs %zu", o, m->out_bytes[o],
             t->out_bytes[o]);
    return;
  }
  {
    int64_t a = 0, b = 0;
    float fa, fb;
    const uint8_t *pa = m->out[o] + first * es, *pb = t->out[o] + first * es;
    if (type == 0) {
      memcpy(&fa, pa, 4), memcpy(&fb, pb, 4);
      snprintf(msg, cap,
               "output %d: %zu of %zu elements differ; first [%zu] "
               "mote %.9g TFLM %.9g",
               o, count, m->out_bytes[o] / es, first, (double)fa, (double)fb);
      return;
    }
    if (type == 9)
      a = (int8_t)*pa, b = (int8_t)*pb;
    else if (es == 1)
      a = *pa, b = *pb;
    else if (type == 7) {
      int16_t x, y;
      memcpy(&x, pa, 2), memcpy(&y, pb, 2);
      a = x, b = y;
    } else if (type == 2) {
      int32_t x, y;
      memcpy(&x, pa, 4), memcpy(&y, pb, 4);
      a = x, b = y;
    } else if (type == 15) {
      uint32_t x, y;
      memcpy(&x, pa, 4), memcpy(&y, pb, 4);
      a = x, b = y;
    } else {
      memcpy(&a, pa, 8), memcpy(&b, pb, 8);
    }
    snprintf(msg, cap,
             "output %d: %zu of %zu elements differ; first [%zu] "
             "mote %lld TFLM %lld",
             o, count, m->out_bytes[o] / es, first, (long long)a, (long long)b);
  }
}

/* Distinct values among the first 64 elements of output 0: the verbose
 * listing shows it so that degenerate cases (all saturated) stand out. */
static int distinct(const kt_case_t *c, const kt_side_t *s) {
  const size_t es = kt_type_size(c->t[c->nin].type);
  size_t n, i, j;
  int count = 0;
  if (s->nout == 0 || es == 0) {
    return 0;
  }
  n = s->out_bytes[0] / es < 64 ? s->out_bytes[0] / es : 64;
  for (i = 0; i < n; ++i) {
    for (j = 0; j < i && memcmp(s->out[0] + i * es, s->out[0] + j * es, es);
         ++j) {
    }
    count += j == i;
  }
  return count;
}

#endif /* MOTE_TEST_OP_TABLE_HOST_H */
