/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Model, resolver, arena and interpreter set-up shared by `inspect` and
 * `run`.
 *
 * The arena gets exactly the requested number of usable bytes, starting at
 * a 16-byte boundary, so `run --arena-bytes N` measures the library's own
 * arena checks rather than whatever slack malloc happened to give. The
 * resolver holds every built-in kernel and the signal-library custom ops
 * (the micro_speech front end): the CLI is a host tool and has no
 * flash to save.
 */
#include <string.h>

#include "cli.h"
#include "mote/platform.h"

int cli_session_open(cli_session_t *s, const char *path) {
  mote_error_t err;
  mote_status_t st;
  memset(s, 0, sizeof *s);
  s->path = path;
  if (cli_read_file(path, &s->file) != 0) {
    return -1;
  }
  cli_error_clear(&err);
  st = mote_model_open(&s->model, s->file.data, s->file.size, &err);
  if (st != MOTE_OK) {
    cli_report(path, st, &err);
    cli_buffer_free(&s->file);
    return -1;
  }
  return 0;
}

mote_status_t cli_session_resolver(cli_session_t *s) {
  mote_status_t st;
  st = mote_resolver_init(&s->resolver, s->entries,
                          MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS +
                              MOTE_RESOLVER_CUSTOM_OPS);
  if (st == MOTE_OK) {
    st = mote_resolver_add_builtins(&s->resolver);
  }
  if (st == MOTE_OK) {
    st = mote_resolver_add_signal_ops(&s->resolver);
  }
  if (st == MOTE_OK) {
    st = mote_resolver_add_custom_ops(&s->resolver);
  }
  return st;
}

mote_status_t cli_session_prepare(cli_session_t *s, size_t arena_bytes,
                                  mote_error_t *err) {
  mote_status_t st;
  cli_error_clear(err);
  st = cli_session_resolver(s);
  if (st != MOTE_OK) {
    err->status = st;
    strcpy(err->message, "cannot register the built-in and signal kernels");
    return st;
  }
  if (cli_buffer_alloc(&s->arena_buf, arena_bytes) != 0) {
    err->status = MOTE_ERR_BAD_ARG;
    strcpy(err->message, "cannot allocate the arena on the host");
    return MOTE_ERR_BAD_ARG;
  }
  s->arena_bytes = arena_bytes;
  st = mote_arena_init(&s->arena, s->arena_buf.data, arena_bytes);
  if (st != MOTE_OK) {
    err->status = st;
    strcpy(err->message, "cannot set up the arena");
    return st;
  }
  st = mote_interp_init(&s->interp, &s->model, &s->resolver, &s->arena, err);
  if (st == MOTE_OK && s->plan_rec != NULL) {
    st = mote_interp_record_plan(&s->interp, s->plan_rec, s->plan_cap,
                                 &s->plan_count, err);
  }
  if (st == MOTE_OK && s->before_prepare != NULL) {
    st = s->before_prepare(&s->interp, s->hook_user, err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&s->interp, err);
  }
  if (st != MOTE_OK) {
    err->status = st;
    return st;
  }
  s->prepared = 1;
  return MOTE_OK;
}

mote_status_t cli_session_invoke(cli_session_t *s, const cli_buffer_t *inputs,
                                 uint32_t count, int reset,
                                 double *seconds, mote_error_t *err) {
  uint32_t hz = mote_platform_ticks_per_second();
  uint64_t t0;
  mote_status_t st;
  uint32_t i;
  cli_error_clear(err);
  for (i = 0; i < count; i++) {
    mote_tensor_t t;
    if (mote_interp_input(&s->interp, i, &t) == MOTE_OK && t.data != NULL &&
        inputs[i].size == t.bytes && t.bytes > 0) {
      memcpy(t.data, inputs[i].data, t.bytes);
    }
  }
  if (reset && (st = mote_interp_reset_state(&s->interp)) != MOTE_OK) {
    err->status = st;
    strcpy(err->message, "cannot reset the variable tensors");
    return st;
  }
  t0 = mote_platform_ticks();
  st = mote_interp_invoke(&s->interp, err);
  *seconds = hz ? (double)(mote_platform_ticks() - t0) / (double)hz : 0.0;
  return st;
}

int cli_session_start(cli_session_t *s, const char *path,
                      size_t arena_bytes) {
  mote_error_t err;
  mote_status_t st;
  if (cli_session_open(s, path) != 0) {
    return -1;
  }
  st = cli_session_prepare(s, arena_bytes, &err);
  if (st != MOTE_OK) {
    cli_report(path, st, &err);
    cli_session_close(s);
    return -1;
  }
  return 0;
}

void cli_session_close(cli_session_t *s) {
  cli_buffer_free(&s->arena_buf);
  cli_buffer_free(&s->file);
  s->prepared = 0;
}
