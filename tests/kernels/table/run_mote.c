/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kt_run_mote() (run.h), compiled twice: once as it is, against the library
 * as built, and once as kt_run_mote_ref() with `-include` of the reference
 * twin's names (cmake/ref_twin.sh), against the reference twin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "mote/custom_ops.h"
#include "mote/signal_ops.h"
#include "table/run.h"

#ifdef KT_RUN_REF_TWIN
#define kt_run_mote kt_run_mote_ref
#endif

void kt_run_mote(const kt_case_t *c, const uint8_t *bytes, size_t len,
                     uint8_t *const *data, uint8_t *arena_mem,
                     size_t arena_bytes, kt_side_t *s) {
  mote_resolver_entry_t
      entries[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS +
              MOTE_RESOLVER_CUSTOM_OPS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_model_t model;
  mote_error_t err;
  mote_status_t st;
  int i, k = 0;
  memset(&err, 0, sizeof err);
  mote_resolver_init(&resolver, entries,
                     MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS +
                         MOTE_RESOLVER_CUSTOM_OPS);
  mote_resolver_add_builtins(&resolver);
  mote_resolver_add_signal_ops(&resolver);
  mote_resolver_add_custom_ops(&resolver);
  mote_arena_init(&arena, arena_mem, arena_bytes);
  st = mote_model_open(&model, bytes, len, &err);
  if (st == MOTE_OK) {
    st = mote_interp_init(&interp, &model, &resolver, &arena, &err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&interp, &err);
  }
  if (st != MOTE_OK) {
    s->refused = 1;
    snprintf(s->why, sizeof s->why, "%s: %s", mote_status_str(st), err.message);
    return;
  }
  for (i = 0; i < c->nin; ++i) {
    mote_tensor_t t;
    /* An empty input (BROADCAST_ARGS of a [0] shape) has no data. */
    if (c->t[i].role == KT_INPUT &&
        mote_interp_input(&interp, (uint32_t)k++, &t) == MOTE_OK &&
        t.bytes > 0) {
      memcpy(t.data, data[i], t.bytes);
    }
  }
  for (i = 0; i < c->invokes && st == MOTE_OK; ++i) {
    st = mote_interp_invoke(&interp, &err);
  }
  if (st != MOTE_OK) {
    s->refused = 2;
    snprintf(s->why, sizeof s->why, "invoke: %s: %s", mote_status_str(st),
             err.message);
    return;
  }
  if (interp.model_reads_ != 0) { /* see include/mote/model.h */
    s->refused = 2;
    snprintf(s->why, sizeof s->why,
             "invoke: the kernel read the model %u times (views or options "
             "at invoke)",
             (unsigned)interp.model_reads_);
    return;
  }
  for (i = 0; i < c->nout && i < KT_MAX_IO; ++i) {
    mote_tensor_t t;
    mote_interp_output(&interp, (uint32_t)i, &t);
    s->out[i] = (uint8_t *)malloc(t.bytes > 0 ? t.bytes : 1);
    if (t.bytes > 0) { /* an empty output (SHAPE of a scalar) has no data */
      memcpy(s->out[i], t.data, t.bytes);
    }
    s->out_bytes[i] = t.bytes;
    s->nout = i + 1;
  }
}

