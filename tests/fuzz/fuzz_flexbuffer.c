/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: arbitrary bytes as a flexbuffer map (the custom
 * options of the signal ops), through every reader src/format/flexbuffer.h
 * offers, for every key the signal ops look up and for keys taken from the
 * input itself. Each call must return MOTE_OK or a known error with a
 * reason; ASan and UBSan watch every read.
 *
 * Build: cmake -DMOTE_FUZZ=ON with clang, target fuzz_flexbuffer. Run:
 * tests/fuzz/run.sh flexbuffer.
 */
#define _POSIX_C_SOURCE 200112L /* posix_memalign */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format/flexbuffer.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const keys[] = {
    "T", "alternate_one_minus_smoothing", "alternate_smoothing", "clamping",
    "delay_length", "end_index", "fft_length", "frame_size", "frame_step",
    "input_correction_bits", "interpolation", "min_signal_remaining",
    "num_channels", "one_minus_smoothing", "output_scale", "prefill",
    "shift", "smoothing", "smoothing_bits", "snr_shift",
    "spectral_subtraction_bits", "stacker_left_context",
    "stacker_right_context", "stacker_step", "start_index", "", "a"};

static void status_ok(mote_status_t st, const char *why) {
  fuzz_check(st, NULL);
  if (st != MOTE_OK && (why == NULL || why[0] == '\0')) {
    __builtin_trap(); /* a failure without its reason */
  }
}

static void read_all(const mote_flex_map_t *map, const char *key) {
  mote_flex_ref_t ref;
  bool found = false, b;
  const char *why = "";
  int64_t i64, vec[8];
  uint64_t u64;
  double d;
  uint32_t count;
  mote_status_t st = mote_flex_map_find(map, key, &ref, &found, &why);
  status_ok(st, why);
  if (st != MOTE_OK || !found) {
    return;
  }
  why = "";
  status_ok(mote_flex_int(&ref, &i64, &why), why);
  why = "";
  status_ok(mote_flex_uint(&ref, &u64, &why), why);
  why = "";
  status_ok(mote_flex_float(&ref, &d, &why), why);
  why = "";
  status_ok(mote_flex_bool(&ref, &b, &why), why);
  why = "";
  st = mote_flex_int_vector(&ref, vec, 8, &count, &why);
  status_ok(st, why);
  if (st == MOTE_OK && count > 8) {
    __builtin_trap(); /* more than fits, yet OK */
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mote_flex_map_t map;
  const char *why = "";
  char own_key[16];
  void *copy = NULL;
  size_t k, n;
  mote_status_t st;
  if (size > UINT32_MAX) {
    return 0;
  }
  /* Exactly `size` bytes, so ASan sees reads past the end. */
  if (posix_memalign(&copy, 16, size > 0 ? size : 1) != 0) {
    return 0;
  }
  if (size > 0) {
    memcpy(copy, data, size);
  }
  st = mote_flex_root_map((const uint8_t *)copy, (uint32_t)size, &map, &why);
  status_ok(st, why);
  if (st == MOTE_OK) {
    (void)mote_flex_map_count(&map);
    for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
      read_all(&map, keys[k]);
    }
    /* A key spelled by the input's first bytes, to reach the comparison
     * against keys the table above does not name. */
    n = size < sizeof own_key - 1 ? size : sizeof own_key - 1;
    memcpy(own_key, data, n);
    own_key[n] = '\0';
    read_all(&map, own_key);
  }
  free(copy);
  return 0;
}
