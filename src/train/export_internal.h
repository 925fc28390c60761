/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What export.c (the flatbuffer) and export_head.c (the head's graph and
 * numbers) share: the exporter's description of the base and of the head
 * it adds.
 */
#ifndef MOTE_TRAIN_EXPORT_INTERNAL_H
#define MOTE_TRAIN_EXPORT_INTERNAL_H

#include <stdint.h>

#include "format/fb_write.h"
#include "format/tflite.h"
#include "train/learner_internal.h"

#define MAX_T 8   /* head tensors */
#define MAX_OPS 4 /* head operators */
#define MAX_BUF 5 /* new buffers: the empty one and four constants */

enum { R_DEQ, R_W, R_B, R_ACT, R_PROB };

typedef struct htensor {
  uint8_t role;
  uint8_t layer;
  uint8_t type;
  uint32_t shape_n;
  int32_t shape[2];
  uint32_t buffer; /* index among the new buffers */
  uint32_t base_shape; /* a shape vector of the base to share, or 0 */
  const char *name;
} htensor_t;

typedef struct hop {
  int32_t code;
  int32_t in[3];
  uint32_t nin;
  int32_t out;
  uint8_t act; /* fused activation; FULLY_CONNECTED only */
} hop_t;

/* The base model as export.c reads it and the head to add. */
typedef struct exporter {
  const mote_learner_t *l;
  mote_fb_t fb; /* the base model */
  uint32_t root, sgt, tensors, n_t, ops, n_kept, opcodes, n_oc, buffers, n_b;
  uint32_t inputs, sg_name, desc, n_ext;
  int int8;
  uint32_t layers; /* 1 (linear head) or 2 (hidden layer) */
  float act_scale[2];
  int32_t act_zp[2];
  int32_t code_index[3]; /* DEQUANTIZE, FULLY_CONNECTED, SOFTMAX */
  int32_t new_code[3];
  uint32_t n_new_codes;
  htensor_t t[MAX_T];
  uint32_t nt;
  hop_t op[MAX_OPS];
  uint32_t nop;
  uint32_t nbuf;
} exporter_t;

/* Appends the head's tensors and operators to e->t and e->op (after the
 * base's e->n_t tensors), reading the cut, the learner's shape and the
 * opcode indices already in `e`. */
void mote_export_build_head(exporter_t *e);

/* Int8 activation ranges of the float head over the replay buffer. */
void mote_export_calibrate(exporter_t *e);

/* Quantization of head tensor t: channel count (0 for none), scale of
 * channel c, zero point. */
uint32_t mote_export_quant_count(const exporter_t *e, const htensor_t *t);
float mote_export_quant_scale(const exporter_t *e, const htensor_t *t, uint32_t c);
int32_t mote_export_quant_zp(const exporter_t *e, const htensor_t *t);

/* Bytes of constant head tensor t, and writing them. */
uint32_t mote_export_data_bytes(const exporter_t *e, const htensor_t *t);
void mote_export_write_data(mote_fbw_t *w, const exporter_t *e, const htensor_t *t);

#endif /* MOTE_TRAIN_EXPORT_INTERNAL_H */
