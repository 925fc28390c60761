/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote gen` and the per-type FFT kernels (mote/signal_ops.h): the
 * resolver it writes must register mote_kernel_signal_rfft_<type> (and
 * _irfft_<type>) when every SignalRfft (SignalIrfft) of the model has
 * that type, and the all-type kernel when they have several, as an
 * int16-only firmware should not link the int32 and float32 transforms.
 *
 * The models are written with tools/tflite_build and the op table's
 * flexbuffer writer, and the CLI (MOTE_CLI_PATH) run through system().
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "support.h"
#include "table/cases_gen.h"
#include "test.h"
#include "tflite_build.h"

#define TYPE_FLOAT32 0
#define TYPE_INT32 2
#define TYPE_INT16 7
#define FFT_LENGTH 8

static char g_dir[512];
/* One FFT operator: its custom name and element type. */
typedef struct fft_op {
  const char *custom;
  int type;
} fft_op_t;

/* A model of `n` independent FFT operators, each its own input and
 * output of one frame (SignalRfft: 8 reals to 10 bin values; SignalIrfft
 * the reverse), fft_length 8. */
static int write_model(const char *path, const fft_op_t *ops, int n) {
  static const int32_t reals[2] = {1, FFT_LENGTH},
                       bins[2] = {1, FFT_LENGTH + 2};
  tfb_model_t *m = tfb_new();
  int32_t ins[4], outs[4];
  int i, rc;
  uint8_t *bytes;
  size_t len = 0;
  for (i = 0; i < n; i++) {
    static kt_case_t c;
    kt_flex_t f;
    const int fwd = strcmp(ops[i].custom, "SignalRfft") == 0;
    const int code = tfb_add_opcode(m, 32, ops[i].custom, 1);
    memset(&c, 0, sizeof c);
    memset(&f, 0, sizeof f);
    kt_flex_int(&f, "T", ops[i].type);
    kt_flex_int(&f, "fft_length", FFT_LENGTH);
    kt_flex_end(&c, &f);
    ins[i] = tfb_add_tensor(m, NULL, ops[i].type, fwd ? reals : bins, 2, 0,
                            NULL, NULL, 0, 0, false);
    outs[i] = tfb_add_tensor(m, NULL, ops[i].type, fwd ? bins : reals, 2, 0,
                             NULL, NULL, 0, 0, false);
    tfb_add_op(m, code, &ins[i], 1, &outs[i], 1, 0, NULL, c.custom_options,
               c.ncustom);
  }
  tfb_set_io(m, ins, n, outs, n);
  bytes = mote_test_tfb_finish(m, &len);
  rc = bytes == NULL ? -1 : mote_test_write_file(path, bytes, len);
  free(bytes);
  return rc;
}

/* gen on the model of `ops` into g_dir/<suffix>: the resolver source
 * it wrote (free() it; "" when gen failed). */
static char *gen(const fft_op_t *ops, int n, const char *suffix) {
  char model[700], out[700], cmd[2400], src[800];
  size_t len = 0;
  uint8_t *text;
  int st;
  snprintf(model, sizeof model, "%s/%s.tflite", g_dir, suffix);
  snprintf(out, sizeof out, "%s/%s", g_dir, suffix);
  CHECK_EQ_INT(write_model(model, ops, n), 0);
  snprintf(cmd, sizeof cmd, "'%s' gen '%s' -o '%s' --name m", MOTE_CLI_PATH,
           model, out);
  st = system(cmd);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  snprintf(src, sizeof src, "%s/m_resolver.c", out);
  text = mote_test_read_file(src, &len);
  CHECK(text != NULL);
  if (text == NULL) {
    text = (uint8_t *)calloc(1, 1);
  } else {
    text[len] = 0;
  }
  return (char *)text;
}

static void test_int16(void) {
  static const fft_op_t ops[2] = {{"SignalRfft", TYPE_INT16},
                                  {"SignalRfft", TYPE_INT16}};
  char *r = gen(ops, 2, "int16");
  CHECK(strstr(r, "\"SignalRfft\", &mote_kernel_signal_rfft_int16)") != NULL);
  CHECK(strstr(r, "&mote_kernel_signal_rfft)") == NULL);
  CHECK(strstr(r, "irfft") == NULL);
  free(r);
}

static void test_each_type(void) {
  static const fft_op_t ops[2] = {{"SignalRfft", TYPE_INT32},
                                  {"SignalIrfft", TYPE_FLOAT32}};
  char *r = gen(ops, 2, "each");
  CHECK(strstr(r, "\"SignalRfft\", &mote_kernel_signal_rfft_int32)") != NULL);
  CHECK(strstr(r, "\"SignalIrfft\", &mote_kernel_signal_irfft_float32)") !=
        NULL);
  free(r);
}

/* Two types of one op: the all-type kernel; the other op keeps its own. */
static void test_mixed(void) {
  static const fft_op_t ops[3] = {{"SignalRfft", TYPE_INT16},
                                  {"SignalIrfft", TYPE_INT16},
                                  {"SignalRfft", TYPE_FLOAT32}};
  char *r = gen(ops, 3, "mixed");
  CHECK(strstr(r, "\"SignalRfft\", &mote_kernel_signal_rfft)") != NULL);
  CHECK(strstr(r, "\"SignalIrfft\", &mote_kernel_signal_irfft_int16)") != NULL);
  CHECK(strstr(r, "rfft_float32") == NULL);
  free(r);
}

int main(void) {
  char tmpl[] = "/tmp/mote-gen-fft.XXXXXX";
  char rm[600];
  if (mkdtemp(tmpl) == NULL) {
    return 1;
  }
  snprintf(g_dir, sizeof g_dir, "%s", tmpl);
  MOTE_RUN(test_int16);
  MOTE_RUN(test_each_type);
  MOTE_RUN(test_mixed);
  snprintf(rm, sizeof rm, "rm -rf '%s'", g_dir);
  (void)!system(rm);
  return MOTE_TEST_END();
}
