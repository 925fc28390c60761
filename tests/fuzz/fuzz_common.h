/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What every mote fuzz target shares: the status contract check and
 * deterministic input filling.
 */
#ifndef MOTE_TESTS_FUZZ_COMMON_H
#define MOTE_TESTS_FUZZ_COMMON_H

#include <stdint.h>
#include <string.h>

#include "mote/status.h"
#include "mote/tensor.h"

/* A status is either MOTE_OK or a known error code reported with its
 * message; anything else is a library bug, and traps. */
static inline void fuzz_check(mote_status_t st, const mote_error_t *err) {
  if (st > 0 || st < MOTE_ERR_MODEL_CHANGED) {
    __builtin_trap(); /* an unknown status code */
  }
  if (st != MOTE_OK && err != NULL &&
      (err->status != st || err->message[0] == '\0')) {
    __builtin_trap(); /* a failure without its report */
  }
}

static inline uint32_t fuzz_xorshift(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

/* Random bytes, but floats in [-1, 1): random bits would be NaN or huge,
 * which every float kernel passes through and which explores nothing. */
static inline void fuzz_fill_tensor(const mote_tensor_t *t, uint32_t *seed) {
  uint32_t k;
  if (*seed == 0) {
    *seed = 0x2545F491u;
  }
  for (k = 0; k < t->bytes; k++) {
    ((uint8_t *)t->data)[k] = (uint8_t)fuzz_xorshift(seed);
  }
  if (t->type == MOTE_TYPE_FLOAT32) {
    for (k = 0; k + 4 <= t->bytes; k += 4) {
      float f =
          (float)(fuzz_xorshift(seed) >> 8) / 16777216.0f * 2.0f - 1.0f;
      memcpy((uint8_t *)t->data + k, &f, 4);
    }
  }
}

/* Reads every byte, so that ASan checks an output's extent. */
static inline void fuzz_touch(const void *data, size_t bytes) {
  volatile uint8_t sink = 0;
  size_t k;
  for (k = 0; k < bytes; k++) {
    sink = (uint8_t)(sink ^ ((const uint8_t *)data)[k]);
  }
  (void)sink;
}

#endif /* MOTE_TESTS_FUZZ_COMMON_H */
