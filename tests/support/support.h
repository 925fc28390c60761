/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers shared by the tests: file loading, the shared models directory,
 * running a model on golden inputs and comparing with golden outputs.
 */
#ifndef MOTE_TEST_SUPPORT_H
#define MOTE_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "mote/mote.h"

/* The comparison rule (mote_test_float_close, mote_test_compare) lives in
 * compare.h, freestanding, so the Cortex-M firmware shares it. */
#include "compare.h"

/* Reads a whole file into a 16-byte aligned buffer (free() it) with room
 * for at least one byte after *len (a NUL, for text). NULL when the file
 * cannot be read. */
uint8_t *mote_test_read_file(const char *path, size_t *len);

/* Finishes a model made with tools/tflite_build and frees the builder:
 * the .tflite bytes (free() them) and their length, or NULL after
 * printing the builder's error. */
struct tfb_model;
uint8_t *mote_test_tfb_finish(struct tfb_model *m, size_t *len);

/* The shared models directory: $MOTE_MODELS_DIR, else ../shared/models
 * beside the source tree. */
const char *mote_test_models_dir(void);

/* The TFLM oracle: $MOTE_TFLM_ORACLE, else tools/tflm-oracle/tflm_run
 * beside the shared models; NULL when not executable. */
const char *mote_test_find_oracle(void);

/* Writes `n` bytes to `path`: 0, or -1 on any I/O error. */
int mote_test_write_file(const char *path, const void *data, size_t n);

/* True when running under CI (the CI environment variable is set). */
int mote_test_under_ci(void);

typedef struct mote_golden_result {
  mote_status_t status;     /* of open/init/prepare/invoke */
  mote_error_t err;
  size_t arena_used;
  uint32_t outputs_compared;
  uint32_t mismatches;      /* elements outside tolerance */
  uint32_t inexact;         /* float elements within tolerance, not equal */
  char detail[256];         /* first mismatch or I/O problem */
} mote_golden_result_t;

/* Runs `model` (already verified) on the case in `case_dir` with a fresh
 * interpreter and arena of `arena_bytes`, comparing every output. */
void mote_test_run_golden(const mote_model_t *model, const char *case_dir,
                          size_t arena_bytes, mote_golden_result_t *out);

#endif /* MOTE_TEST_SUPPORT_H */
