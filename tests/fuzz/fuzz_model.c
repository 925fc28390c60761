/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: arbitrary bytes as a .tflite model, through every step
 * an application takes (open, init, prepare, invoke).
 *
 * Each step must either succeed or return one of mote's status codes with
 * a message; anything else (a crash, a sanitizer report, an unknown code, a
 * hang) is a bug in the library. The input is copied into a buffer of
 * exactly its size, 16-byte aligned as mote asks of real models, so ASan
 * catches a read one byte past the end. Inputs are filled from a fixed
 * seed so every crash reproduces.
 *
 * Build: cmake -DMOTE_FUZZ=ON with clang, target fuzz_model. Run:
 * tests/fuzz/run.sh (seeds the corpus with real models).
 */
#define _POSIX_C_SOURCE 200112L /* posix_memalign */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"

#define FUZZ_ARENA_BYTES (256u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 16-byte aligned; reused across inputs (the harness may keep state, the
 * library may not). */
static uint8_t g_arena[FUZZ_ARENA_BYTES] __attribute__((aligned(16)));

static uint32_t xorshift(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static void check(mote_status_t st, const mote_error_t *err) {
  if (st > 0 || st < MOTE_ERR_KERNEL) {
    __builtin_trap(); /* an unknown status code */
  }
  if (st != MOTE_OK && (err->status != st || err->message[0] == '\0')) {
    __builtin_trap(); /* a failure without its report */
  }
}

static void fill_inputs(mote_interp_t *interp) {
  uint32_t seed = 0x9E3779B9u;
  uint32_t i;
  for (i = 0; i < mote_interp_input_count(interp); i++) {
    mote_tensor_t t;
    uint32_t k;
    if (mote_interp_input(interp, i, &t) != MOTE_OK || t.data == NULL) {
      continue;
    }
    for (k = 0; k < t.bytes; k++) {
      ((uint8_t *)t.data)[k] = (uint8_t)xorshift(&seed);
    }
    /* Random bits would be NaN or huge floats; keep them in [-1, 1). */
    if (t.type == MOTE_TYPE_FLOAT32) {
      for (k = 0; k + 4 <= t.bytes; k += 4) {
        float f = (float)(xorshift(&seed) >> 8) / 16777216.0f * 2.0f - 1.0f;
        memcpy((uint8_t *)t.data + k, &f, 4);
      }
    }
  }
}

static void run(const uint8_t *bytes, size_t size) {
  mote_model_t model;
  mote_error_t err;
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_status_t st;
  memset(&err, 0, sizeof err);
  st = mote_model_open(&model, bytes, size, &err);
  check(st, &err);
  if (st != MOTE_OK) {
    return;
  }
  if (mote_resolver_init(&resolver, entries, MOTE_RESOLVER_BUILTINS) != MOTE_OK ||
      mote_resolver_add_builtins(&resolver) != MOTE_OK ||
      mote_arena_init(&arena, g_arena, sizeof g_arena) != MOTE_OK) {
    __builtin_trap();
  }
  st = mote_interp_init(&interp, &model, &resolver, &arena, &err);
  check(st, &err);
  if (st != MOTE_OK) {
    return;
  }
  st = mote_interp_prepare(&interp, &err);
  check(st, &err);
  if (st != MOTE_OK) {
    return;
  }
  fill_inputs(&interp);
  st = mote_interp_invoke(&interp, &err);
  check(st, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  void *copy = NULL;
  /* Exactly `size` bytes, so ASan sees reads past the end. */
  if (posix_memalign(&copy, 16, size > 0 ? size : 1) != 0) {
    return 0;
  }
  if (size > 0) {
    memcpy(copy, data, size);
  }
  run((const uint8_t *)copy, size);
  free(copy);
  return 0;
}
