/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One model of TFLM's custom ops (mote/custom_ops.h, mote/signal_ops.h)
 * opened, initialised and prepared with a resolver of those ops alone,
 * for the tests of each (test_detection_postprocess.c,
 * test_circular_buffer.c, test_signal_stream.c, test_decode.c). Static functions in a
 * header, like op_model.h.
 */
#ifndef MOTE_TEST_CUSTOM_RUN_H
#define MOTE_TEST_CUSTOM_RUN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/custom_ops.h"
#include "mote/mote.h"
#include "mote/signal_ops.h"
#include "test.h"

typedef struct custom_run {
  mote_model_t model;
  mote_resolver_entry_t e[MOTE_RESOLVER_CUSTOM_OPS + MOTE_RESOLVER_SIGNAL_OPS];
  mote_resolver_t r;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  uint8_t mem[32768];
} custom_run_t;

/* Opens `len` bytes and prepares them in x; the first failing status
 * (its message in x->err). */
static mote_status_t custom_start(custom_run_t *x, const uint8_t *bytes,
                                  size_t len) {
  mote_status_t st;
  memset(&x->err, 0, sizeof x->err);
  st = mote_model_open(&x->model, bytes, len, &x->err);
  if (st == MOTE_OK) {
    mote_resolver_init(&x->r, x->e,
                       MOTE_RESOLVER_CUSTOM_OPS + MOTE_RESOLVER_SIGNAL_OPS);
    st = mote_resolver_add_custom_ops(&x->r);
  }
  if (st == MOTE_OK) {
    st = mote_resolver_add_signal_ops(&x->r);
  }
  if (st == MOTE_OK) {
    mote_arena_init(&x->arena, x->mem, sizeof x->mem);
    st = mote_interp_init(&x->in, &x->model, &x->r, &x->arena, &x->err);
  }
  return st != MOTE_OK ? st : mote_interp_prepare(&x->in, &x->err);
}

/* Requires that preparing `bytes` (malloc'ed by a model builder, NULL
 * when building failed; freed here) fails with `status` and a message
 * containing `what`. */
static inline void custom_expect_refused(uint8_t *bytes, size_t len,
                                         mote_status_t status,
                                         const char *what) {
  static custom_run_t x;
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  CHECK_EQ_INT(custom_start(&x, bytes, len), status);
  if (strstr(x.err.message, what) == NULL) {
    fprintf(stderr, "want \"%s\" in \"%s\"\n", what, x.err.message);
    CHECK(0);
  }
  free(bytes);
}

#endif /* MOTE_TEST_CUSTOM_RUN_H */
