/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What gen_golden.sh generates for one model: the .tflite bytes and every
 * golden case's input and output tensors, linked into the firmware's
 * read-only memory (flash) so the firmware needs no file system.
 */
#ifndef MOTE_GOLDEN_DATA_H
#define MOTE_GOLDEN_DATA_H

#include <stdint.h>

typedef struct golden_blob {
  const uint8_t *data; /* 16-byte aligned */
  uint32_t bytes;
} golden_blob_t;

typedef struct golden_case {
  const char *name; /* the case directory, e.g. "random_0" */
  uint32_t input_count;
  const golden_blob_t *inputs; /* input_<i>.bin, in tensor order */
  uint32_t output_count;
  const golden_blob_t *outputs; /* output_<i>.bin, in tensor order */
  /* How many invokes of one interpreter, each with the same inputs, give
   * the outputs (a file `invokes` in the case directory, else 1): for
   * models that keep state across invokes. */
  uint32_t invokes;
} golden_case_t;

extern const char golden_model_name[];
extern const golden_blob_t golden_model;
extern const golden_case_t golden_cases[];
extern const uint32_t golden_case_count;

#endif /* MOTE_GOLDEN_DATA_H */
