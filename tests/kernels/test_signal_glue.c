/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The signal kernels' glue, through the real loader, resolver and
 * interpreter: one-operator models with custom options built here. Checks
 * that registration by custom name works (and what happens without it),
 * that options are read by key, and that prepare rejects by name what
 * TFLM would run into undefined behaviour: missing or corrupt options,
 * shifts out of range, shapes that do not fit, FFT types and lengths
 * mote does not do.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/signal/window.h"
#include "mote/mote.h"
#include "mote/signal_ops.h"
#include "test.h"
#include "tflite_build.h"

/* {"shift": 12}; byte 11 is the value. */
static const uint8_t kWindowOpts[16] = {0x73, 0x68, 0x69, 0x66, 0x74, 0x00,
                                        0x01, 0x07, 0x01, 0x01, 0x01, 0x0c,
                                        0x04, 0x02, 0x24, 0x01};
static const uint8_t kEmptyOpts[7] = {0x00, 0x00, 0x01, 0x00, 0x00, 0x24, 0x01};
/* {"T": 7, "fft_length": 512}; T at bytes 22-23, length at 24-25. */
static const uint8_t kRfftOpts[31] = {
    0x54, 0x00, 0x66, 0x66, 0x74, 0x5f, 0x6c, 0x65, 0x6e, 0x67, 0x74,
    0x68, 0x00, 0x02, 0x0e, 0x0d, 0x02, 0x00, 0x01, 0x00, 0x02, 0x00,
    0x07, 0x00, 0x00, 0x02, 0x05, 0x05, 0x06, 0x25, 0x01};

static uint8_t g_arena[64 * 1024];

typedef struct glue_run {
  mote_status_t status;
  mote_error_t err;
} glue_run_t;

/* Builds and runs `name` with a model input (int16, in_shape), an optional
 * constant int16 second input and one int16 output; copies the output to
 * out (out_n values) when it ran. */
static glue_run_t run_op(const char *name, int register_signal,
                         const int32_t *in_shape, int in_rank,
                         const int16_t *in_data, const int16_t *w, int32_t w_n,
                         const int32_t *out_shape, int out_rank,
                         const uint8_t *opts, size_t nopts, int16_t *out,
                         int32_t out_n) {
  glue_run_t r;
  tfb_model_t *m = tfb_new();
  int32_t ins[2], outs[1];
  int nin = 1, opcode;
  uint8_t *bytes = NULL;
  size_t len = 0;
  mote_model_t model;
  mote_resolver_entry_t entries[MOTE_RESOLVER_SIGNAL_OPS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  memset(&r, 0, sizeof r);
  ins[0] = tfb_add_tensor(m, NULL, MOTE_TYPE_INT16, in_shape, in_rank, 0, NULL,
                          NULL, 0, 0, false);
  if (w != NULL) {
    const int buf = tfb_add_buffer(m, w, (size_t)w_n * sizeof(int16_t));
    ins[nin++] = tfb_add_tensor(m, NULL, MOTE_TYPE_INT16, &w_n, 1, buf, NULL,
                                NULL, 0, 0, false);
  }
  outs[0] = tfb_add_tensor(m, NULL, MOTE_TYPE_INT16, out_shape, out_rank, 0,
                           NULL, NULL, 0, 0, false);
  opcode = tfb_add_opcode(m, MOTE_OP_CUSTOM, name, 1);
  tfb_add_op(m, opcode, ins, nin, outs, 1, 0, NULL, opts, nopts);
  tfb_set_io(m, ins, 1, outs, 1);
  CHECK_EQ_INT(tfb_finish(m, &bytes, &len), 0);
  tfb_free(m);
  r.status = mote_model_open(&model, bytes, len, &r.err);
  if (r.status == MOTE_OK) {
    mote_resolver_init(&resolver, entries, MOTE_RESOLVER_SIGNAL_OPS);
    if (register_signal) {
      mote_resolver_add_signal_ops(&resolver);
    }
    mote_arena_init(&arena, g_arena, sizeof g_arena);
    r.status = mote_interp_init(&interp, &model, &resolver, &arena, &r.err);
  }
  if (r.status == MOTE_OK) {
    r.status = mote_interp_prepare(&interp, &r.err);
  }
  if (r.status == MOTE_OK) {
    mote_tensor_t t;
    mote_interp_input(&interp, 0, &t);
    memcpy(t.data, in_data, t.bytes);
    r.status = mote_interp_invoke(&interp, &r.err);
  }
  if (r.status == MOTE_OK) {
    mote_tensor_t t;
    mote_interp_output(&interp, 0, &t);
    memcpy(out, t.data, (size_t)out_n * sizeof(int16_t));
  }
  free(bytes);
  return r;
}

static const int32_t kShape[2] = {1, 8};
static const int16_t kIn[8] = {1000, -2000, 3000, -4000, 32767, -32768, 7, 0};
static const int16_t kW[4] = {4096, 8192, 16384, 32767};

static void test_window_runs(void) {
  int16_t out[8], want[8];
  glue_run_t r = run_op("SignalWindow", 1, kShape, 2, kIn, kW, 4, kShape, 2,
                        kWindowOpts, sizeof kWindowOpts, out, 8);
  mote_signal_window_params_t p;
  int i;
  CHECK_EQ_INT(r.status, MOTE_OK);
  p.frame = 4;
  p.count = 8;
  p.shift = 12;
  mote_signal_window(&p, kIn, kW, want);
  for (i = 0; i < 8; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
}

static void expect_fail(glue_run_t r, mote_status_t st, const char *text) {
  CHECK_EQ_INT(r.status, st);
  if (strstr(r.err.message, text) == NULL) {
    fprintf(stderr, "message \"%s\" lacks \"%s\"\n", r.err.message, text);
    CHECK(0);
  }
}

static void test_window_rejects(void) {
  uint8_t opts[16];
  int16_t out[8];
  static const int32_t short_w = 3;
  /* Not registered: the resolver has no kernel for the custom name. */
  expect_fail(run_op("SignalWindow", 0, kShape, 2, kIn, kW, 4, kShape, 2,
                     kWindowOpts, sizeof kWindowOpts, out, 8),
              MOTE_ERR_UNSUPPORTED_OP, "SignalWindow");
  memcpy(opts, kWindowOpts, sizeof opts);
  opts[11] = 40;
  expect_fail(run_op("SignalWindow", 1, kShape, 2, kIn, kW, 4, kShape, 2, opts,
                     sizeof opts, out, 8),
              MOTE_ERR_UNSUPPORTED, "'shift' is 40");
  expect_fail(run_op("SignalWindow", 1, kShape, 2, kIn, kW, 4, kShape, 2,
                     kEmptyOpts, sizeof kEmptyOpts, out, 8),
              MOTE_ERR_CORRUPT_MODEL, "'shift' is missing");
  expect_fail(run_op("SignalWindow", 1, kShape, 2, kIn, kW, 4, kShape, 2, NULL,
                     0, out, 8),
              MOTE_ERR_CORRUPT_MODEL, "custom options are missing");
  /* Root width byte made invalid. */
  opts[11] = 12;
  opts[15] = 3;
  expect_fail(run_op("SignalWindow", 1, kShape, 2, kIn, kW, 4, kShape, 2, opts,
                     sizeof opts, out, 8),
              MOTE_ERR_CORRUPT_MODEL, "custom options: flexbuffer");
  expect_fail(run_op("SignalWindow", 1, kShape, 2, kIn, kW, short_w, kShape, 2,
                     kWindowOpts, sizeof kWindowOpts, out, 8),
              MOTE_ERR_BAD_SHAPE, "whole frames");
}

static void test_rfft(void) {
  static const int32_t in_shape[1] = {480};
  static const int32_t out_shape[1] = {514};
  static const int32_t bad_out[1] = {512};
  static int16_t in[480], out[514];
  uint8_t opts[31];
  int i;
  for (i = 0; i < 480; ++i) {
    in[i] = (int16_t)((i * 7919) % 20000 - 10000);
  }
  CHECK_EQ_INT(run_op("SignalRfft", 1, in_shape, 1, in, NULL, 0, out_shape, 1,
                      kRfftOpts, sizeof kRfftOpts, out, 514)
                   .status,
               MOTE_OK);
  /* The imaginary parts of DC and Nyquist are zero by construction. */
  CHECK(out[1] == 0 && out[513] == 0);
  expect_fail(run_op("SignalRfft", 1, in_shape, 1, in, NULL, 0, bad_out, 1,
                     kRfftOpts, sizeof kRfftOpts, out, 512),
              MOTE_ERR_BAD_SHAPE, "fft_length 512");
  memcpy(opts, kRfftOpts, sizeof opts);
  opts[22] = 9; /* T = int8: TFLM has no int8 FFT either */
  expect_fail(run_op("SignalRfft", 1, in_shape, 1, in, NULL, 0, out_shape, 1,
                     opts, sizeof opts, out, 514),
              MOTE_ERR_UNSUPPORTED_TYPE, "int8");
  opts[22] = 0; /* T = float32 against int16 tensors */
  expect_fail(run_op("SignalRfft", 1, in_shape, 1, in, NULL, 0, out_shape, 1,
                     opts, sizeof opts, out, 514),
              MOTE_ERR_UNSUPPORTED_TYPE, "input 0");
  memcpy(opts, kRfftOpts, sizeof opts);
  opts[24] = 14; /* fft_length 14: a radix-7 stage */
  opts[25] = 0;
  expect_fail(run_op("SignalRfft", 1, in_shape, 1, in, NULL, 0, out_shape, 1,
                     opts, sizeof opts, out, 514),
              MOTE_ERR_UNSUPPORTED, "fft_length 14");
}

/* SignalIrfft takes exactly N / 2 + 1 bins per frame (TFLM reads that
 * many whatever the tensor holds) and writes N reals. */
static void test_irfft(void) {
  static const int32_t in_shape[1] = {514};
  static const int32_t short_in[1] = {512};
  static const int32_t out_shape[1] = {512};
  static int16_t in[514], out[512];
  int i;
  for (i = 0; i < 514; ++i) {
    in[i] = (int16_t)((i * 7919) % 20000 - 10000);
  }
  CHECK_EQ_INT(run_op("SignalIrfft", 1, in_shape, 1, in, NULL, 0, out_shape,
                      1, kRfftOpts, sizeof kRfftOpts, out, 512)
                   .status,
               MOTE_OK);
  expect_fail(run_op("SignalIrfft", 1, short_in, 1, in, NULL, 0, out_shape, 1,
                     kRfftOpts, sizeof kRfftOpts, out, 512),
              MOTE_ERR_BAD_SHAPE, "fft_length 512");
  expect_fail(run_op("SignalIrfft", 1, in_shape, 1, in, NULL, 0, in_shape, 1,
                     kRfftOpts, sizeof kRfftOpts, out, 512),
              MOTE_ERR_BAD_SHAPE, "fft_length 512");
}

static void test_registration(void) {
  mote_resolver_entry_t entries[MOTE_RESOLVER_SIGNAL_OPS];
  mote_resolver_t r;
  CHECK_EQ_INT(mote_resolver_init(&r, entries, MOTE_RESOLVER_SIGNAL_OPS - 1),
               MOTE_OK);
  CHECK_EQ_INT(mote_resolver_add_signal_ops(&r), MOTE_ERR_CAPACITY);
  CHECK_EQ_INT(mote_resolver_init(&r, entries, MOTE_RESOLVER_SIGNAL_OPS),
               MOTE_OK);
  CHECK_EQ_INT(mote_resolver_add_signal_ops(&r), MOTE_OK);
  CHECK(mote_resolver_find(&r, MOTE_OP_CUSTOM, "SignalIrfft") ==
        &mote_kernel_signal_irfft);
  CHECK(mote_resolver_find(&r, MOTE_OP_CUSTOM, "SignalPCAN") ==
        &mote_kernel_signal_pcan);
  CHECK(mote_resolver_find(&r, MOTE_OP_CUSTOM, "SignalFilterBankLog") ==
        &mote_kernel_signal_filter_bank_log);
  CHECK(mote_resolver_find(&r, MOTE_OP_CUSTOM, "SignalDelay") ==
        &mote_kernel_signal_delay);
  CHECK(mote_resolver_find(&r, MOTE_OP_CUSTOM, "SignalResample") == NULL);
  /* Registering again replaces, using no more entries. */
  CHECK_EQ_INT(mote_resolver_add_signal_ops(&r), MOTE_OK);
}

int main(void) {
  MOTE_RUN(test_window_runs);
  MOTE_RUN(test_window_rejects);
  MOTE_RUN(test_rfft);
  MOTE_RUN(test_irfft);
  MOTE_RUN(test_registration);
  return MOTE_TEST_END();
}
