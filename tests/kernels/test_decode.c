// SPDX-License-Identifier: Apache-2.0
/*
 * TFLM_DECODE on hand-made streams (the op table checks drawn ones
 * against TFLM): the bit order and the channel tables of a worked
 * example, then what prepare refuses where TFLM would read past a
 * tensor or decode garbage: a short header, table or stream, an index
 * past its table, a zero width or stride, another decode type, a
 * non-constant input, an unpaired input, an output type without a table
 * element.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "custom_run.h"
#include "mote/custom_ops.h"
#include "mote/mote.h"
#include "support.h"
#include "test.h"
#include "tflite_build.h"

/* 3-bit indices 5, 0, 3, 7, 1, 2 most significant bit first:
 * 101 000 01|1 111 001 0|10 -> 0xA1 0xF2 0x80. */
static const uint8_t kBits[3] = {0xA1, 0xF2, 0x80};

typedef struct spec {
  uint8_t dcm[16 + 16];
  size_t dcm_len;
  size_t bits_len;
  int out_type;
  int channels;     /* 0: no quantization; else along quant_dim */
  int quant_dim;
  int bits_variable; /* encoded tensor a model input instead */
  int pairs_broken; /* three inputs */
} spec_t;

/* int8 output of 6 elements; table of 8 entries per channel, entry k of
 * channel c = 10 * c + k. */
static void spec_default(spec_t *s) {
  int k;
  memset(s, 0, sizeof *s);
  s->dcm[1] = 1, s->dcm[4] = 1, s->dcm[5] = 3, s->dcm[6] = 8;
  for (k = 0; k < 16; ++k) {
    s->dcm[16 + k] = (uint8_t)(10 * (k / 8) + k % 8);
  }
  s->dcm_len = 16 + 8;
  s->bits_len = sizeof kBits;
  s->out_type = 9;
}

static uint8_t *build(const spec_t *s, size_t *len) {
  /* [2, 3], or [3, 2] for channels along the last dim (interleaved). */
  const int32_t shape[2] = {s->quant_dim == 1 ? 3 : 2,
                            s->quant_dim == 1 ? 2 : 3};
  int32_t bshape[1], dshape[1], io[3];
  const float scales[2] = {0.5f, 0.25f};
  const int64_t zps[2] = {0, 0};
  tfb_model_t *m = tfb_new();
  int bb, db, op, nin;
  bshape[0] = (int32_t)s->bits_len;
  dshape[0] = (int32_t)s->dcm_len;
  bb = s->bits_variable ? 0 : tfb_add_buffer(m, kBits, s->bits_len);
  db = tfb_add_buffer(m, s->dcm, s->dcm_len);
  io[0] = tfb_add_tensor(m, "bits", 3, bshape, 1, bb, NULL, NULL, 0, 0, false);
  io[1] = tfb_add_tensor(m, "dcm", 3, dshape, 1, db, NULL, NULL, 0, 0, false);
  nin = s->pairs_broken ? 3 : 2;
  if (s->pairs_broken) {
    io[2] = tfb_add_tensor(m, "extra", 3, dshape, 1, db, NULL, NULL, 0, 0,
                           false);
  }
  {
    int32_t y = tfb_add_tensor(m, "y", s->out_type, shape, 2, 0, scales, zps,
                               s->channels, s->quant_dim, false);
    op = tfb_add_opcode(m, 32, "TFLM_DECODE", 1);
    tfb_add_op(m, op, io, nin, &y, 1, 0, NULL, NULL, 0);
    tfb_set_io(m, io, s->bits_variable ? 1 : 0, &y, 1);
  }
  return mote_test_tfb_finish(m, len);
}

static void expect_output(const spec_t *s, const int8_t *want) {
  static custom_run_t x;
  mote_tensor_t t;
  size_t len = 0;
  int i;
  uint8_t *bytes = build(s, &len);
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  if (custom_start(&x, bytes, len) != MOTE_OK) {
    fprintf(stderr, "start: %s\n", x.err.message);
    CHECK(0);
    free(bytes);
    return;
  }
  CHECK_EQ_INT(mote_interp_invoke(&x.in, &x.err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(&x.in, 0, &t), MOTE_OK);
  CHECK_EQ_INT(t.bytes, 6);
  for (i = 0; i < 6; ++i) {
    CHECK_EQ_INT(((const int8_t *)t.data)[i], want[i]);
  }
  free(bytes);
}

static void test_worked_example(void) {
  static const int8_t one[6] = {5, 0, 3, 7, 1, 2};
  static const int8_t rows[6] = {5, 0, 3, 17, 11, 12};   /* dim 0 */
  static const int8_t interleaved[6] = {5, 10, 3, 17, 1, 12}; /* last dim */
  spec_t s;
  spec_default(&s);
  expect_output(&s, one);
  s.dcm_len = 16 + 16, s.channels = 2, s.quant_dim = 0;
  /* Two scales along dim 0 of [2, 3]: one channel per row. */
  expect_output(&s, rows);
  s.quant_dim = 1;
  expect_output(&s, interleaved);
}

static void expect_refused(const spec_t *s, mote_status_t status,
                           const char *what) {
  size_t len = 0;
  uint8_t *bytes = build(s, &len);
  custom_expect_refused(bytes, len, status, what);
}

static void test_refusals(void) {
  spec_t s;
  spec_default(&s);
  s.dcm_len = 12;
  expect_refused(&s, MOTE_ERR_BAD_SHAPE, "16-byte decode header");
  spec_default(&s);
  s.dcm[0] = 2;
  expect_refused(&s, MOTE_ERR_UNSUPPORTED, "decode type 2 at byte 0");
  spec_default(&s);
  s.dcm[5] = 8; /* width 8 masks to 0, as TFLM reads it */
  expect_refused(&s, MOTE_ERR_UNSUPPORTED, "bit width 0 at byte 5");
  spec_default(&s);
  s.dcm[6] = 0;
  expect_refused(&s, MOTE_ERR_BAD_SHAPE, "stride 0 at byte 6");
  spec_default(&s);
  s.dcm_len = 16 + 7;
  expect_refused(&s, MOTE_ERR_BAD_SHAPE, "value tables from byte 16");
  spec_default(&s);
  s.bits_len = 2;
  expect_refused(&s, MOTE_ERR_BAD_SHAPE, "input 0 (tensor 0): 2 bytes");
  spec_default(&s);
  s.dcm[6] = 7; /* index 7 of element 3 is past 7 entries */
  expect_refused(&s, MOTE_ERR_BAD_SHAPE, "index 7 of element 3");
  spec_default(&s);
  s.bits_variable = 1;
  expect_refused(&s, MOTE_ERR_UNSUPPORTED, "must both be constants");
  spec_default(&s);
  s.pairs_broken = 1;
  expect_refused(&s, MOTE_ERR_BAD_SHAPE, "one (encoded, DCM) input pair");
  spec_default(&s);
  s.out_type = 3;
  expect_refused(&s, MOTE_ERR_UNSUPPORTED_TYPE, "output 0 (tensor");
}

int main(void) {
  MOTE_RUN(test_worked_example);
  MOTE_RUN(test_refusals);
  return MOTE_TEST_END();
}
