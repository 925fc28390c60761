// SPDX-License-Identifier: Apache-2.0
/*
 * The streaming signal ops (SignalDelay) with a different input each
 * invoke, which the op table (the same input every time) cannot show:
 * each output is checked against the op's definition over the whole
 * stream (sample n of the delayed stream is input sample n - delay,
 * ...), across invokes and rows, then again after
 * mote_interp_reset_state(), which must restart the stream. Then what
 * prepare refuses that TFLM would run into undefined behaviour or a
 * mis-sized write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "custom_run.h"
#include "mote/mote.h"
#include "mote/signal_ops.h"
#include "support.h"
#include "table/cases_gen.h"
#include "test.h"
#include "tflite_build.h"

typedef struct sig_run {
  custom_run_t c;
  uint8_t *bytes;
} sig_run_t;

/* One tensor of the model: type, rank and shape. */
typedef struct sig_tensor {
  int type;
  int rank;
  int32_t shape[4];
} sig_tensor_t;

/* Builds `op` with one input and `nout` outputs and the options in f,
 * and prepares it in x. Returns the status of the first failing step. */
static mote_status_t start(sig_run_t *x, const char *op, const sig_tensor_t *in,
                           const sig_tensor_t *outs, int nout,
                           const kt_flex_t *f) {
  static kt_case_t c;
  tfb_model_t *m = tfb_new();
  int32_t xi, yi[2];
  size_t len = 0;
  int code, i;
  memset(&c, 0, sizeof c);
  kt_flex_end(&c, f);
  xi = tfb_add_tensor(m, "x", in->type, in->shape, in->rank, 0, NULL, NULL, 0,
                      0, false);
  for (i = 0; i < nout; ++i) {
    yi[i] = tfb_add_tensor(m, i ? "ready" : "y", outs[i].type, outs[i].shape,
                           outs[i].rank, 0, NULL, NULL, 0, 0, false);
  }
  code = tfb_add_opcode(m, 32, op, 1);
  tfb_add_op(m, code, &xi, 1, yi, nout, 0, NULL, c.custom_options, c.ncustom);
  tfb_set_io(m, &xi, 1, yi, nout);
  x->bytes = mote_test_tfb_finish(m, &len);
  memset(&x->c.err, 0, sizeof x->c.err);
  return x->bytes == NULL ? MOTE_ERR_BAD_ARG
                          : custom_start(&x->c, x->bytes, len);
}

static void finish(sig_run_t *x) {
  free(x->bytes);
  x->bytes = NULL;
}

/* Input data pointer, invoke, output data pointers. */
static void *input_data(sig_run_t *x) {
  mote_tensor_t t;
  CHECK_EQ_INT(mote_interp_input(&x->c.in, 0, &t), MOTE_OK);
  return t.data;
}

static void invoke(sig_run_t *x) {
  CHECK_EQ_INT(mote_interp_invoke(&x->c.in, &x->c.err), MOTE_OK);
}

static void *output_data(sig_run_t *x, uint32_t i) {
  mote_tensor_t t;
  CHECK_EQ_INT(mote_interp_output(&x->c.in, i, &t), MOTE_OK);
  return t.data;
}

/* Sample n of row r of every test stream: never 0, distinct per row. */
static int16_t sample(int r, int n) {
  return (int16_t)(1000 * r + n + 1);
}

/* --- SignalDelay --------------------------------------------------------- */

enum { D_ROWS = 2, D_FRAME = 5, D_INVOKES = 4 };

static void delay_stream(int delay) {
  static sig_run_t x;
  const sig_tensor_t io = {KT_I16, 2, {D_ROWS, D_FRAME}};
  kt_flex_t f;
  int t, r, i, pass;
  f.n = 0;
  kt_flex_int(&f, "delay_length", delay);
  if (start(&x, "SignalDelay", &io, &io, 1, &f) != MOTE_OK) {
    fprintf(stderr, "start: %s\n", x.c.err.message);
    CHECK(0);
    finish(&x);
    return;
  }
  for (pass = 0; pass < 2; ++pass) { /* the second after a reset */
    for (t = 0; t < D_INVOKES; ++t) {
      int16_t *in = (int16_t *)input_data(&x);
      const int16_t *out;
      for (r = 0; r < D_ROWS; ++r) {
        for (i = 0; i < D_FRAME; ++i) {
          in[r * D_FRAME + i] = sample(r, t * D_FRAME + i);
        }
      }
      invoke(&x);
      out = (const int16_t *)output_data(&x, 0);
      for (r = 0; r < D_ROWS; ++r) {
        for (i = 0; i < D_FRAME; ++i) {
          const int n = t * D_FRAME + i;
          CHECK_EQ_INT(out[r * D_FRAME + i], n < delay ? 0 : sample(r, n - delay));
        }
      }
    }
    CHECK_EQ_INT(mote_interp_reset_state(&x.c.in), MOTE_OK);
  }
  finish(&x);
}

static void test_delay(void) {
  delay_stream(0);
  delay_stream(3);           /* inside a frame */
  delay_stream(D_FRAME);     /* exactly one frame */
  delay_stream(2 * D_FRAME + 2); /* longer than a frame */
}

/* --- refusals ------------------------------------------------------------ */

static void expect_refused(const char *op, const sig_tensor_t *in,
                           const sig_tensor_t *outs, int nout,
                           const kt_flex_t *f, mote_status_t status,
                           const char *what) {
  static sig_run_t x;
  CHECK_EQ_INT(start(&x, op, in, outs, nout, f), status);
  if (strstr(x.c.err.message, what) == NULL) {
    fprintf(stderr, "%s: want \"%s\" in \"%s\"\n", op, what, x.c.err.message);
    CHECK(0);
  }
  finish(&x);
}

static void test_delay_refusals(void) {
  const sig_tensor_t in = {KT_I16, 2, {2, 5}}, f32 = {KT_F32, 2, {2, 5}};
  const sig_tensor_t other = {KT_I16, 2, {5, 2}};
  kt_flex_t f;
  f.n = 0;
  kt_flex_int(&f, "delay_length", -1);
  expect_refused("SignalDelay", &in, &in, 1, &f, MOTE_ERR_UNSUPPORTED,
                 "'delay_length'");
  f.n = 0;
  kt_flex_int(&f, "delay", 3);
  expect_refused("SignalDelay", &in, &in, 1, &f, MOTE_ERR_CORRUPT_MODEL,
                 "'delay_length' is missing");
  f.n = 0;
  kt_flex_int(&f, "delay_length", 3);
  expect_refused("SignalDelay", &f32, &f32, 1, &f, MOTE_ERR_UNSUPPORTED_TYPE,
                 "input 0");
  expect_refused("SignalDelay", &in, &other, 1, &f, MOTE_ERR_BAD_SHAPE,
                 "shape of input 0");
}

int main(void) {
  MOTE_RUN(test_delay);
  MOTE_RUN(test_delay_refusals);
  return MOTE_TEST_END();
}
