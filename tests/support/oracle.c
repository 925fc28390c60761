// SPDX-License-Identifier: Apache-2.0
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include "oracle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"
#include "tflite_build.h"

/* Removes the files the run wrote and the directory. */
static void clean(const char *dir, int nin, int nout) {
  char path[800];
  int i;
  for (i = 0; i < nin; ++i) {
    snprintf(path, sizeof path, "%s/input_%d.bin", dir, i);
    remove(path);
  }
  for (i = 0; i < nout; ++i) {
    snprintf(path, sizeof path, "%s/output_%d.bin", dir, i);
    remove(path);
  }
  snprintf(path, sizeof path, "%s/model.tflite", dir);
  remove(path);
  snprintf(path, sizeof path, "%s/oracle.log", dir);
  remove(path);
  rmdir(dir);
}

int mote_test_oracle_run(const uint8_t *model, size_t len,
                         const void *const *in, const size_t *in_bytes, int nin,
                         uint8_t **out, size_t *out_bytes, int nout, char *why,
                         size_t cap) {
  const char *oracle = mote_test_find_oracle();
  const char *tmp = getenv("TMPDIR");
  char dir[600], path[800], cmd[4096];
  int i, status, code = 0;
  for (i = 0; i < nout; ++i) {
    out[i] = NULL;
    out_bytes[i] = 0;
  }
  if (oracle == NULL) {
    snprintf(why, cap, "no oracle");
    return -1;
  }
  snprintf(dir, sizeof dir, "%s/mote-oracle-XXXXXX",
           tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
  if (mkdtemp(dir) == NULL) {
    snprintf(why, cap, "cannot make a directory in %s", dir);
    return -1;
  }
  snprintf(path, sizeof path, "%s/model.tflite", dir);
  code = tfb_write_file(path, model, len) != 0 ? -1 : 0;
  for (i = 0; i < nin && code == 0; ++i) {
    snprintf(path, sizeof path, "%s/input_%d.bin", dir, i);
    code = tfb_write_file(path, (const uint8_t *)in[i], in_bytes[i]);
  }
  if (code != 0) {
    snprintf(why, cap, "cannot write the case to %s", dir);
    clean(dir, nin, nout);
    return -1;
  }
  snprintf(cmd, sizeof cmd,
           "'%s' '%s/model.tflite' '%s' '%s' --arena "
           "2097152 >'%s/oracle.log' 2>&1",
           oracle, dir, dir, dir, dir);
  status = system(cmd);
  code = status == -1 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  if (code != 0) {
    size_t n = 0;
    uint8_t *log;
    snprintf(path, sizeof path, "%s/oracle.log", dir);
    log = mote_test_read_file(path, &n);
    snprintf(why, cap, "tflm_run exit %d: %.*s", code, (int)(n < 300 ? n : 300),
             log != NULL ? (const char *)log : "");
    free(log);
    clean(dir, nin, nout);
    return code;
  }
  for (i = 0; i < nout; ++i) {
    snprintf(path, sizeof path, "%s/output_%d.bin", dir, i);
    out[i] = mote_test_read_file(path, &out_bytes[i]);
    if (out[i] == NULL) {
      snprintf(why, cap, "tflm_run wrote no output %d", i);
      code = -1;
    }
  }
  clean(dir, nin, nout);
  return code;
}
