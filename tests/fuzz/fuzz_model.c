/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: arbitrary bytes as a .tflite model, through every step
 * an application takes: open, init, keep a tensor, prepare, several
 * invokes with reset_state between them, and a second interpreter on the
 * same arena, with every kernel mote has registered (builtins and the
 * signal library).
 *
 * The last FUZZ_TRAILER bytes of the input are not model bytes but the
 * run's parameters (see params_t): the arena size, the number of invokes,
 * which steps to take. Seeds are real models with a trailer appended
 * (tests/fuzz/run.sh does it), so the model part stays intact while the
 * mutator explores both.
 *
 * Each step must either succeed or return one of mote's status codes with
 * a message; anything else (a crash, a sanitizer report, an unknown code, a
 * hang) is a bug in the library. The model is copied into a buffer of
 * exactly its size, 16-byte aligned as mote asks of real models, so ASan
 * catches a read one byte past the end; so is the arena. Inputs are filled
 * from a seed in the trailer so every crash reproduces.
 *
 * Build: cmake -DMOTE_FUZZ=ON with clang, target fuzz_model. Run:
 * tests/fuzz/run.sh model (seeds the corpus with real models).
 */
#define _POSIX_C_SOURCE 200112L /* posix_memalign */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "mote/mote.h"
#include "mote/signal_ops.h"

#define FUZZ_TRAILER 4u
#define FUZZ_ENTRIES (MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct params {
  size_t arena_bytes; /* 512 B .. 1 MiB, log-spaced, odd sizes included */
  uint32_t invokes;   /* 0..4 */
  bool reset_between; /* mote_interp_reset_state before each later invoke */
  bool second;        /* a second interpreter of the same model, same arena */
  bool keep;          /* keep one intermediate tensor */
  uint32_t keep_index;
  uint32_t seed;      /* input bytes */
} params_t;

/* Trailer: byte 0 arena size class and offset, byte 1 flags and invoke
 * count, bytes 2-3 the kept tensor and the input seed. An input shorter
 * than the trailer is all model, with default parameters. */
static params_t read_params(const uint8_t *t) {
  static const size_t base[16] = {
      512u,         1024u,        2048u,         4096u,
      8192u,        16384u,       32768u,        65536u,
      131072u,      262144u,      524288u,       1048576u,
      262144u,      262144u,      262144u,       262144u};
  params_t p;
  /* Classes 12-15 repeat 256 KiB, the size every shared model fits, so
   * that most runs get past prepare; the low bits shave an odd amount. */
  p.arena_bytes = base[t[0] >> 4] - (size_t)(t[0] & 0x0Fu) * 24u;
  /* 0: one invoke (the default trailer), 1: prepare only, which keeps
   * mutants of big models fast; 2: two, 3: four. */
  p.invokes = (uint32_t[4]){1u, 0u, 2u, 4u}[t[1] & 3u];
  p.reset_between = (t[1] & 4u) != 0;
  p.second = (t[1] & 8u) != 0;
  p.keep = (t[1] & 16u) != 0;
  p.keep_index = t[2];
  p.seed = 0x9E3779B9u ^ ((uint32_t)t[3] << 8) ^ t[2];
  return p;
}

static void fill_inputs(mote_interp_t *interp, uint32_t seed) {
  uint32_t i;
  for (i = 0; i < mote_interp_input_count(interp); i++) {
    mote_tensor_t t;
    if (mote_interp_input(interp, i, &t) != MOTE_OK || t.data == NULL) {
      continue;
    }
    fuzz_fill_tensor(&t, &seed);
  }
}

static bool start(mote_interp_t *interp, const mote_model_t *model,
                  const mote_resolver_t *resolver, mote_arena_t *arena,
                  const params_t *p) {
  mote_error_t err;
  mote_status_t st;
  memset(&err, 0, sizeof err);
  st = mote_interp_init(interp, model, resolver, arena, &err);
  fuzz_check(st, &err);
  if (st != MOTE_OK) {
    return false;
  }
  if (p->keep) {
    st = mote_interp_keep_tensor(interp, p->keep_index, &err);
    fuzz_check(st, &err);
  }
  st = mote_interp_prepare(interp, &err);
  fuzz_check(st, &err);
  return st == MOTE_OK;
}

static void invoke(mote_interp_t *interp, const params_t *p, uint32_t round) {
  mote_error_t err;
  mote_status_t st;
  uint32_t i;
  memset(&err, 0, sizeof err);
  if (round > 0 && p->reset_between) {
    st = mote_interp_reset_state(interp);
    if (st != MOTE_OK) {
      __builtin_trap(); /* a prepared interpreter always resets */
    }
  }
  fill_inputs(interp, p->seed + round);
  st = mote_interp_invoke(interp, &err);
  fuzz_check(st, &err);
  /* Outputs are read as an application would. */
  for (i = 0; i < mote_interp_output_count(interp); i++) {
    mote_tensor_t t;
    if (mote_interp_output(interp, i, &t) == MOTE_OK && t.data != NULL) {
      fuzz_touch(t.data, t.bytes);
    }
  }
}

static void run(const uint8_t *bytes, size_t size, const params_t *p,
                uint8_t *arena_mem) {
  mote_model_t model;
  mote_error_t err;
  mote_resolver_entry_t entries[FUZZ_ENTRIES];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t a, b;
  mote_status_t st;
  bool a_ok, b_ok = false;
  uint32_t r;
  memset(&err, 0, sizeof err);
  st = mote_model_open(&model, bytes, size, &err);
  fuzz_check(st, &err);
  if (st != MOTE_OK) {
    return;
  }
  if (mote_resolver_init(&resolver, entries, FUZZ_ENTRIES) != MOTE_OK ||
      mote_resolver_add_builtins(&resolver) != MOTE_OK ||
      mote_resolver_add_signal_ops(&resolver) != MOTE_OK ||
      mote_arena_init(&arena, arena_mem, p->arena_bytes) != MOTE_OK) {
    __builtin_trap();
  }
  a_ok = start(&a, &model, &resolver, &arena, p);
  if (p->second) {
    b_ok = start(&b, &model, &resolver, &arena, p);
  }
  for (r = 0; r < p->invokes; r++) {
    if (a_ok) {
      invoke(&a, p, r);
    }
    if (b_ok) {
      invoke(&b, p, r);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const uint8_t defaults[FUZZ_TRAILER] = {0xC0u, 0x00u, 0x00u, 0x00u};
  const uint8_t *trailer = defaults;
  params_t p;
  void *model = NULL;
  void *arena = NULL;
  if (size >= FUZZ_TRAILER) {
    size -= FUZZ_TRAILER;
    trailer = data + size;
  }
  p = read_params(trailer);
  /* Exactly `size` and `arena_bytes` bytes, so ASan sees reads past
   * either end. */
  if (posix_memalign(&model, 16, size > 0 ? size : 1) != 0) {
    return 0;
  }
  if (posix_memalign(&arena, 16, p.arena_bytes) != 0) {
    free(model);
    return 0;
  }
  if (size > 0) {
    memcpy(model, data, size);
  }
  run((const uint8_t *)model, size, &p, (uint8_t *)arena);
  free(arena);
  free(model);
  return 0;
}
