/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Test helpers; see test_support.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "support.h"

#include "mote/signal_ops.h"
#include "tflite_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MOTE_MODELS_DIR_DEFAULT
#define MOTE_MODELS_DIR_DEFAULT "../shared/models"
#endif

uint8_t *mote_test_tfb_finish(struct tfb_model *m, size_t *len) {
  uint8_t *out = NULL;
  if (tfb_finish(m, &out, len) != 0) {
    fprintf(stderr, "tflite_build: %s\n", tfb_error(m));
    out = NULL;
  }
  tfb_free(m);
  return out;
}

uint8_t *mote_test_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  long n;
  uint8_t *buf;
  if (f == NULL) {
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  {
    void *mem = NULL;
    if (posix_memalign(&mem, 16, ((size_t)n + 16u) & ~(size_t)15u) != 0) {
      mem = NULL;
    }
    buf = (uint8_t *)mem;
  }
  if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    fclose(f);
    return NULL;
  }
  fclose(f);
  *len = (size_t)n;
  return buf;
}

const char *mote_test_models_dir(void) {
  const char *env = getenv("MOTE_MODELS_DIR");
  return env != NULL && env[0] != '\0' ? env : MOTE_MODELS_DIR_DEFAULT;
}

const char *mote_test_find_oracle(void) {
  static char path[1200];
  const char *env = getenv("MOTE_TFLM_ORACLE");
  if (env != NULL && env[0] != '\0') {
    return access(env, X_OK) == 0 ? env : NULL;
  }
  snprintf(path, sizeof path, "%s/../tools/tflm-oracle/tflm_run",
           mote_test_models_dir());
  return access(path, X_OK) == 0 ? path : NULL;
}

int mote_test_write_file(const char *path, const void *data, size_t n) {
  FILE *f = fopen(path, "wb");
  size_t w;
  if (f == NULL) {
    return -1;
  }
  w = fwrite(data, 1, n, f);
  return fclose(f) == 0 && w == n ? 0 : -1;
}

int mote_test_under_ci(void) {
  const char *ci = getenv("CI");
  return ci != NULL && ci[0] != '\0' && strcmp(ci, "0") != 0 &&
         strcmp(ci, "false") != 0;
}

static void compare_output(const mote_tensor_t *t, const uint8_t *want,
                           size_t want_len, uint32_t index,
                           mote_golden_result_t *out) {
  size_t esize = mote_type_size((mote_type_t)t->type);
  mote_test_cmp_t cmp;
  size_t i;
  if (want_len != t->bytes) {
    out->mismatches++;
    snprintf(out->detail, sizeof out->detail,
             "output %u: golden has %zu bytes, tensor has %u", index, want_len,
             (unsigned)t->bytes);
    return;
  }
  memset(&cmp, 0, sizeof cmp);
  mote_test_compare((mote_type_t)t->type, t->data, want, t->bytes, &cmp);
  out->inexact += cmp.inexact;
  if (cmp.mismatches == 0) {
    return;
  }
  i = cmp.first_bad;
  if (out->mismatches == 0 && t->type == MOTE_TYPE_FLOAT32) {
    float g, w;
    memcpy(&g, (const uint8_t *)t->data + 4 * i, 4);
    memcpy(&w, want + 4 * i, 4);
    snprintf(out->detail, sizeof out->detail,
             "output %u element %zu: got %.9g, want %.9g", index, i, (double)g,
             (double)w);
  } else if (out->mismatches == 0) {
    long g = 0, w = 0;
    if (t->type == MOTE_TYPE_INT8) {
      g = ((const int8_t *)t->data)[i];
      w = (int8_t)want[i];
    } else if (t->type == MOTE_TYPE_INT16) {
      int16_t a, b;
      memcpy(&a, (const uint8_t *)t->data + 2 * i, 2);
      memcpy(&b, want + 2 * i, 2);
      g = a;
      w = b;
    } else if (t->type == MOTE_TYPE_INT32) {
      int32_t a, b;
      memcpy(&a, (const uint8_t *)t->data + 4 * i, 4);
      memcpy(&b, want + 4 * i, 4);
      g = a;
      w = b;
    } else if (esize == 1) {
      g = ((const uint8_t *)t->data)[i];
      w = want[i];
    }
    snprintf(out->detail, sizeof out->detail,
             "output %u element %zu: got %ld, want %ld", index, i, g, w);
  }
  out->mismatches += cmp.mismatches;
}

void mote_test_run_golden(const mote_model_t *model, const char *case_dir,
                          size_t arena_bytes, mote_golden_result_t *out) {
  mote_resolver_entry_t
      entries[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  uint8_t *arena_mem = (uint8_t *)malloc(arena_bytes);
  uint32_t i;
  char path[1024];
  memset(out, 0, sizeof *out);
  out->status = MOTE_OK;
  if (arena_mem == NULL) {
    out->status = MOTE_ERR_BAD_ARG;
    snprintf(out->detail, sizeof out->detail, "out of host memory");
    return;
  }
  mote_resolver_init(&resolver, entries,
                     MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS);
  mote_resolver_add_builtins(&resolver);
  mote_resolver_add_signal_ops(&resolver);
  mote_arena_init(&arena, arena_mem, arena_bytes);
  out->status = mote_interp_init(&interp, model, &resolver, &arena, &out->err);
  if (out->status == MOTE_OK) {
    out->status = mote_interp_prepare(&interp, &out->err);
  }
  if (out->status != MOTE_OK) {
    free(arena_mem);
    return;
  }
  out->arena_used = mote_interp_arena_used_bytes(&interp);
  for (i = 0; i < mote_interp_input_count(&interp); i++) {
    mote_tensor_t t;
    size_t len = 0;
    uint8_t *bytes;
    mote_interp_input(&interp, i, &t);
    snprintf(path, sizeof path, "%s/input_%u.bin", case_dir, (unsigned)i);
    bytes = mote_test_read_file(path, &len);
    if (bytes == NULL || len != t.bytes) {
      out->status = MOTE_ERR_BAD_ARG;
      snprintf(out->detail, sizeof out->detail,
               "%.200s: missing or %zu bytes, tensor needs %u", path, len,
               (unsigned)t.bytes);
      free(bytes);
      free(arena_mem);
      return;
    }
    memcpy(t.data, bytes, len);
    free(bytes);
  }
  out->status = mote_interp_invoke(&interp, &out->err);
  if (out->status != MOTE_OK) {
    free(arena_mem);
    return;
  }
  /* Invoke runs on what prepare kept (include/mote/model.h: the bytes may
   * change after open); a built-in kernel that asks for a view or its
   * options at invoke breaks that. */
  if (interp.model_reads_ != 0) {
    out->mismatches++;
    snprintf(out->detail, sizeof out->detail,
             "kernels read the model %u times during invoke",
             (unsigned)interp.model_reads_);
  }
  for (i = 0; i < mote_interp_output_count(&interp); i++) {
    mote_tensor_t t;
    size_t len = 0;
    uint8_t *want;
    mote_interp_output(&interp, i, &t);
    snprintf(path, sizeof path, "%s/output_%u.bin", case_dir, (unsigned)i);
    want = mote_test_read_file(path, &len);
    if (want == NULL) {
      out->mismatches++;
      snprintf(out->detail, sizeof out->detail, "%.200s: cannot read", path);
      continue;
    }
    compare_output(&t, want, len, i, out);
    out->outputs_compared++;
    free(want);
  }
  free(arena_mem);
}
