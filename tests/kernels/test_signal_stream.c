// SPDX-License-Identifier: Apache-2.0
/*
 * The streaming signal ops (SignalDelay, SignalFramer, SignalStacker,
 * SignalOverlapAdd) with a different input each invoke, which the op table (the same input
 * every time) cannot show: each output is checked against the op's
 * definition over the whole stream (sample n of the delayed stream is
 * input sample n - delay, ...), across invokes and rows, then again
 * after mote_interp_reset_state(), which must restart the stream. Then
 * what prepare refuses that TFLM would run into undefined behaviour or
 * a mis-sized write.
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

/* Whether start() succeeded; else a failed check with its message, and
 * x freed. */
static int started(sig_run_t *x, mote_status_t st) {
  if (st != MOTE_OK) {
    fprintf(stderr, "start: %s\n", x->c.err.message);
    CHECK(0);
    finish(x);
  }
  return st == MOTE_OK;
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
  if (!started(&x, start(&x, "SignalDelay", &io, &io, 1, &f))) {
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

/* --- SignalFramer -------------------------------------------------------- */

enum { F_ROWS = 2, F_FRAMES = 2, F_STEP = 3, F_INVOKES = 4 };

/* Sample i of the frame cut at step s (from 0) of row r, by the op's
 * definition; *ready cleared when that frame is not ready. */
static int16_t framed(int r, int s, int i, int size, int prefill,
                      bool *ready) {
  /* Without prefill, frame m is ready at step m + ceil(size / step) - 1
   * and starts at sample m * step; with it, frame s ends at step s's
   * last sample, the samples before the stream zeros. */
  const int first = prefill ? 0 : (size + F_STEP - 1) / F_STEP - 1;
  const int n = prefill ? s * F_STEP + F_STEP - size + i
                        : (s - first) * F_STEP + i;
  if (s < first) {
    *ready = false;
    return 0;
  }
  return n < 0 ? 0 : sample(r, n);
}

/* Framer options {frame_size, frame_step, prefill} in f. */
static void framer_options(kt_flex_t *f, int size, int step, int prefill) {
  f->n = 0;
  kt_flex_int(f, "frame_size", size);
  kt_flex_int(f, "frame_step", step);
  kt_flex_bool(f, "prefill", prefill);
}

static void framer_stream(int size, int prefill) {
  static sig_run_t x;
  const sig_tensor_t in = {KT_I16, 2, {F_ROWS, F_FRAMES * F_STEP}};
  sig_tensor_t outs[2] = {{KT_I16, 3, {F_ROWS, F_FRAMES, 0}}, {KT_BOOL, 0, {0}}};
  kt_flex_t f;
  int t, r, j, i, pass;
  outs[0].shape[2] = size;
  framer_options(&f, size, F_STEP, prefill);
  if (!started(&x, start(&x, "SignalFramer", &in, outs, 2, &f))) {
    return;
  }
  for (pass = 0; pass < 2; ++pass) { /* the second after a reset */
    for (t = 0; t < F_INVOKES; ++t) {
      int16_t *xs = (int16_t *)input_data(&x);
      const int16_t *out;
      bool ready = true;
      for (r = 0; r < F_ROWS; ++r) {
        for (i = 0; i < F_FRAMES * F_STEP; ++i) {
          xs[r * F_FRAMES * F_STEP + i] = sample(r, t * F_FRAMES * F_STEP + i);
        }
      }
      invoke(&x);
      out = (const int16_t *)output_data(&x, 0);
      for (r = 0; r < F_ROWS; ++r) {
        for (j = 0; j < F_FRAMES; ++j) {
          for (i = 0; i < size; ++i) {
            CHECK_EQ_INT(out[(r * F_FRAMES + j) * size + i],
                         framed(r, t * F_FRAMES + j, i, size, prefill, &ready));
          }
        }
      }
      CHECK_EQ_INT(*(const bool *)output_data(&x, 1), ready);
    }
    CHECK_EQ_INT(mote_interp_reset_state(&x.c.in), MOTE_OK);
  }
  finish(&x);
}

static void test_framer(void) {
  framer_stream(2, 0);          /* shorter than a step */
  framer_stream(F_STEP, 0);     /* one step */
  framer_stream(7, 0);          /* ready from the third step */
  framer_stream(7, 1);          /* ready at once */
  framer_stream(4 * F_STEP, 1); /* prefill of three steps */
  framer_stream(4 * F_STEP, 0); /* no frame ready in the first invoke */
}

/* --- SignalStacker ------------------------------------------------------- */

enum { S_CHANNELS = 3, S_INVOKES = 9 };

static void stacker_options(kt_flex_t *f, int channels, int left, int right,
                            int step) {
  f->n = 0;
  kt_flex_int(f, "num_channels", channels);
  kt_flex_int(f, "stacker_left_context", left);
  kt_flex_int(f, "stacker_right_context", right);
  kt_flex_int(f, "stacker_step", step);
}

static void stacker_stream(int left, int right, int step) {
  static sig_run_t x;
  const int width = left + 1 + right;
  const sig_tensor_t in = {KT_I16, 1, {S_CHANNELS}};
  sig_tensor_t outs[2] = {{KT_I16, 1, {0}}, {KT_BOOL, 0, {0}}};
  kt_flex_t f;
  int t, k, ch, pass;
  outs[0].shape[0] = width * S_CHANNELS;
  stacker_options(&f, S_CHANNELS, left, right, step);
  if (!started(&x, start(&x, "SignalStacker", &in, outs, 2, &f))) {
    return;
  }
  for (pass = 0; pass < 2; ++pass) { /* the second after a reset */
    for (t = 0; t < S_INVOKES; ++t) {
      int16_t *xs = (int16_t *)input_data(&x);
      const int16_t *out;
      /* By the definition: the stream is the first frame left more
       * times, then every input frame; output m is its frames m * step
       * to m * step + width - 1, out at invoke m * step + right. */
      const int ready = t >= right && (t - right) % step == 0;
      const int m = (t - right) / step;
      for (ch = 0; ch < S_CHANNELS; ++ch) {
        xs[ch] = sample(ch, t);
      }
      invoke(&x);
      out = (const int16_t *)output_data(&x, 0);
      CHECK_EQ_INT(*(const bool *)output_data(&x, 1), ready);
      for (k = 0; k < width; ++k) {
        const int frame = m * step + k - left;
        for (ch = 0; ch < S_CHANNELS; ++ch) {
          CHECK_EQ_INT(out[k * S_CHANNELS + ch],
                       ready ? sample(ch, frame > 0 ? frame : 0) : 0);
        }
      }
    }
    CHECK_EQ_INT(mote_interp_reset_state(&x.c.in), MOTE_OK);
  }
  finish(&x);
}

static void test_stacker(void) {
  stacker_stream(0, 0, 1); /* each input alone */
  stacker_stream(2, 0, 1); /* the first input padded twice */
  stacker_stream(0, 2, 1); /* ready from the third input */
  stacker_stream(1, 2, 2);
  stacker_stream(2, 1, 4); /* a step of the whole width */
}

/* --- SignalOverlapAdd ---------------------------------------------------- */

enum { O_ROWS = 2, O_FRAMES = 2, O_SIZE = 5, O_INVOKES = 4 };

static void overlap_add_options(kt_flex_t *f, int type, int step) {
  f->n = 0;
  kt_flex_int(f, "T", type);
  kt_flex_int(f, "frame_step", step);
}

/* Sample i of frame j (from 0) of row r: small, so no sum saturates. */
static int frame_value(int r, int j, int i) {
  return sample(r, 10 * j + i);
}

static void overlap_add_stream(int type, int step) {
  static sig_run_t x;
  const sig_tensor_t in = {type, 3, {O_ROWS, O_FRAMES, O_SIZE}};
  sig_tensor_t out = {type, 2, {O_ROWS, 0}};
  kt_flex_t f;
  int t, r, j, i, n, pass;
  out.shape[1] = O_FRAMES * step;
  overlap_add_options(&f, type, step);
  if (!started(&x, start(&x, "SignalOverlapAdd", &in, &out, 1, &f))) {
    return;
  }
  for (pass = 0; pass < 2; ++pass) { /* the second after a reset */
    for (t = 0; t < O_INVOKES; ++t) {
      void *xs = input_data(&x);
      const void *ys;
      for (r = 0; r < O_ROWS; ++r) {
        for (j = 0; j < O_FRAMES; ++j) {
          for (i = 0; i < O_SIZE; ++i) {
            const int at = (r * O_FRAMES + j) * O_SIZE, v =
                frame_value(r, t * O_FRAMES + j, i);
            if (type == KT_I16) {
              ((int16_t *)xs)[at + i] = (int16_t)v;
            } else {
              ((float *)xs)[at + i] = (float)v;
            }
          }
        }
      }
      invoke(&x);
      ys = output_data(&x, 0);
      /* By the definition: output sample n is the sum of sample
       * n - j * step of every frame j that covers it. */
      for (r = 0; r < O_ROWS; ++r) {
        for (i = 0; i < O_FRAMES * step; ++i) {
          const int at = r * O_FRAMES * step + i;
          int want = 0;
          n = t * O_FRAMES * step + i;
          for (j = 0; j * step <= n; ++j) {
            want += n - j * step < O_SIZE ? frame_value(r, j, n - j * step) : 0;
          }
          if (type == KT_I16) {
            CHECK_EQ_INT(((const int16_t *)ys)[at], want);
          } else {
            CHECK_EQ_INT(((const float *)ys)[at], want);
          }
        }
      }
    }
    CHECK_EQ_INT(mote_interp_reset_state(&x.c.in), MOTE_OK);
  }
  finish(&x);
}

/* int16 saturates the running sum itself: 30000 + 30000 comes out as
 * 32767 and stays there, -30000 - 30000 as -32768. */
static void overlap_add_saturates(int16_t v, int16_t sat) {
  static sig_run_t x;
  const sig_tensor_t in = {KT_I16, 2, {1, 2}};
  const sig_tensor_t out = {KT_I16, 1, {1}};
  kt_flex_t f;
  int t;
  overlap_add_options(&f, KT_I16, 1);
  if (!started(&x, start(&x, "SignalOverlapAdd", &in, &out, 1, &f))) {
    return;
  }
  for (t = 0; t < 3; ++t) {
    int16_t *xs = (int16_t *)input_data(&x);
    xs[0] = v;
    xs[1] = v;
    invoke(&x);
    CHECK_EQ_INT(*(const int16_t *)output_data(&x, 0), t == 0 ? v : sat);
  }
  finish(&x);
}

static void test_overlap_add(void) {
  overlap_add_stream(KT_I16, 1);
  overlap_add_stream(KT_I16, 2);
  overlap_add_stream(KT_I16, O_SIZE); /* no overlap */
  overlap_add_stream(KT_F32, 2);
  overlap_add_stream(KT_F32, 3);
  overlap_add_saturates(30000, 32767);
  overlap_add_saturates(-30000, -32768);
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

static void test_framer_refusals(void) {
  const sig_tensor_t in = {KT_I16, 1, {6}};
  sig_tensor_t outs[2] = {{KT_I16, 2, {2, 2}}, {KT_BOOL, 0, {0}}};
  kt_flex_t f;
  framer_options(&f, 2, 3, 1);
  expect_refused("SignalFramer", &in, outs, 2, &f, MOTE_ERR_UNSUPPORTED,
                 "prefill needs frame_size (2) >= frame_step (3)");
  framer_options(&f, 2, 4, 0);
  expect_refused("SignalFramer", &in, outs, 2, &f, MOTE_ERR_BAD_SHAPE,
                 "whole number of frame_step");
  framer_options(&f, 3, 3, 0);
  expect_refused("SignalFramer", &in, outs, 2, &f, MOTE_ERR_BAD_SHAPE,
                 "then 2 frames of 3");
  outs[0].shape[1] = 3;
  outs[1].type = KT_I16;
  expect_refused("SignalFramer", &in, outs, 2, &f, MOTE_ERR_UNSUPPORTED_TYPE,
                 "output 1");
}

static void test_stacker_refusals(void) {
  const sig_tensor_t in = {KT_I16, 1, {3}};
  sig_tensor_t outs[2] = {{KT_I16, 1, {9}}, {KT_BOOL, 0, {0}}};
  kt_flex_t f;
  stacker_options(&f, 3, 1, 1, 4);
  expect_refused("SignalStacker", &in, outs, 2, &f, MOTE_ERR_UNSUPPORTED,
                 "'stacker_step' is 4, outside [1, 3]");
  stacker_options(&f, 4, 1, 1, 1);
  expect_refused("SignalStacker", &in, outs, 2, &f, MOTE_ERR_BAD_SHAPE,
                 "must be num_channels (4)");
  stacker_options(&f, 3, 1, 2, 1);
  expect_refused("SignalStacker", &in, outs, 2, &f, MOTE_ERR_BAD_SHAPE,
                 "4 frames of them");
}

static void test_overlap_add_refusals(void) {
  const sig_tensor_t in = {KT_I16, 2, {2, 4}}, out = {KT_I16, 1, {4}};
  const sig_tensor_t flat = {KT_I16, 1, {4}}, f32 = {KT_F32, 1, {4}};
  const sig_tensor_t longer = {KT_I16, 1, {6}};
  kt_flex_t f;
  overlap_add_options(&f, KT_I16, 5);
  expect_refused("SignalOverlapAdd", &in, &out, 1, &f, MOTE_ERR_UNSUPPORTED,
                 "'frame_step' is 5, outside [1, 4]");
  overlap_add_options(&f, KT_I32, 2);
  expect_refused("SignalOverlapAdd", &in, &out, 1, &f,
                 MOTE_ERR_UNSUPPORTED_TYPE, "option T is int32");
  overlap_add_options(&f, KT_F32, 2);
  expect_refused("SignalOverlapAdd", &in, &f32, 1, &f,
                 MOTE_ERR_UNSUPPORTED_TYPE, "input 0");
  overlap_add_options(&f, KT_I16, 2);
  expect_refused("SignalOverlapAdd", &flat, &out, 1, &f, MOTE_ERR_BAD_SHAPE,
                 "input 0 has rank 1");
  expect_refused("SignalOverlapAdd", &in, &longer, 1, &f, MOTE_ERR_BAD_SHAPE,
                 "its 2 frames times frame_step (2)");
}

int main(void) {
  MOTE_RUN(test_delay);
  MOTE_RUN(test_delay_refusals);
  MOTE_RUN(test_framer);
  MOTE_RUN(test_framer_refusals);
  MOTE_RUN(test_stacker);
  MOTE_RUN(test_stacker_refusals);
  MOTE_RUN(test_overlap_add);
  MOTE_RUN(test_overlap_add_refusals);
  return MOTE_TEST_END();
}
