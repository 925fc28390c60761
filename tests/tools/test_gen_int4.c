/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote gen` and the int4 kernel variants: the resolver it writes must
 * register mote_kernel_<op>_int4 for an op exactly when some operator of
 * that op has a packed int4 filter, and the plain kernel otherwise (the
 * plain kernels are smaller). `mote run`, whose resolver has every
 * builtin, must run the int4 model, and `mote inspect` count its packed
 * bytes.
 *
 * The models are written with tools/tflite_build and the CLI
 * (MOTE_CLI_PATH) run through system().
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "tflite_build.h"

#define CONV_2D 3
#define FULLY_CONNECTED 9
#define TYPE_INT8 9
#define TYPE_INT4 17

static char g_dir[512];
static char g_out[1 << 16];

/* Reads `path` into g_out; 0 or -1. */
static int read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  size_t n;
  if (f == NULL) {
    return -1;
  }
  n = fread(g_out, 1, sizeof g_out - 1, f);
  g_out[n] = '\0';
  fclose(f);
  return 0;
}

/* Runs `mote ARGS`, stdout and stderr into g_dir/log and g_out; the exit
 * status, or -1 when it did not exit. */
static int run_cli(const char *args) {
  char cmd[2048], log[600];
  int st;
  snprintf(log, sizeof log, "%s/log", g_dir);
  snprintf(cmd, sizeof cmd, "'%s' %s >'%s' 2>&1", MOTE_CLI_PATH, args, log);
  st = system(cmd);
  if (read_file(log) != 0) {
    g_out[0] = '\0';
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A CONV_2D [1,3,3,2] -> [1,3,3,4] (1x1 filter), reshaped by nothing: its
 * output [1,3,3,4] feeds a FULLY_CONNECTED of depth 4 -> [9,3]. The conv
 * filter is int8; the FC weights int8 or (fc_int4) packed int4 (12
 * elements, 6 bytes). */
static int write_model(const char *path, int fc_int4) {
  static const int8_t conv_w[8] = {1, -2, 3, -4, 5, -6, 7, -8};
  static const uint8_t fc_w4[6] = {0x12, 0x9F, 0x70, 0x81, 0x34, 0xE5};
  static const int8_t fc_w8[12] = {1, 2, -1, 7, 0, 7, 1, -8, 4, 3, 5, -2};
  static const int32_t in_shape[4] = {1, 3, 3, 2}, cw_shape[4] = {4, 1, 1, 2},
                       mid_shape[4] = {1, 3, 3, 4}, fw_shape[2] = {3, 4},
                       out_shape[2] = {9, 3};
  static const float s_in = 0.1f, s_w = 0.05f, s_mid = 0.2f, s_out = 0.3f;
  static const int64_t zp = 0;
  tfb_model_t *m = tfb_new();
  tfb_options_t o;
  int32_t t_in, t_cw, t_mid, t_fw, t_out, ins[3], outs[1];
  int conv, fc, cw_buf, fw_buf, rc;
  uint8_t *bytes = NULL;
  size_t len = 0;
  cw_buf = tfb_add_buffer(m, conv_w, sizeof conv_w);
  fw_buf = fc_int4 ? tfb_add_buffer(m, fc_w4, sizeof fc_w4)
                   : tfb_add_buffer(m, fc_w8, sizeof fc_w8);
  t_in = tfb_add_tensor(m, NULL, TYPE_INT8, in_shape, 4, 0, &s_in, &zp, 1, 0,
                        false);
  t_cw = tfb_add_tensor(m, NULL, TYPE_INT8, cw_shape, 4, cw_buf, &s_w, &zp, 1,
                        0, false);
  t_mid = tfb_add_tensor(m, NULL, TYPE_INT8, mid_shape, 4, 0, &s_mid, &zp, 1, 0,
                         false);
  t_fw = tfb_add_tensor(m, NULL, fc_int4 ? TYPE_INT4 : TYPE_INT8, fw_shape, 2,
                        fw_buf, &s_w, &zp, 1, 0, false);
  t_out = tfb_add_tensor(m, NULL, TYPE_INT8, out_shape, 2, 0, &s_out, &zp, 1, 0,
                         false);
  conv = tfb_add_opcode(m, CONV_2D, NULL, 3);
  fc = tfb_add_opcode(m, FULLY_CONNECTED, NULL, 4);
  tfb_options_init(&o);
  tfb_opt_u8(&o, 0, 1); /* VALID */
  tfb_opt_i32(&o, 1, 1);
  tfb_opt_i32(&o, 2, 1);
  ins[0] = t_in, ins[1] = t_cw, ins[2] = -1;
  outs[0] = t_mid;
  tfb_add_op(m, conv, ins, 3, outs, 1, TFB_OPTIONS_CONV_2D, &o, NULL, 0);
  tfb_options_init(&o);
  ins[0] = t_mid, ins[1] = t_fw;
  outs[0] = t_out;
  tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, &o, NULL, 0);
  tfb_set_io(m, &t_in, 1, &t_out, 1);
  if (tfb_finish(m, &bytes, &len) != 0) {
    fprintf(stderr, "tflite_build: %s\n", tfb_error(m));
    tfb_free(m);
    return -1;
  }
  tfb_free(m);
  rc = tfb_write_file(path, bytes, len);
  free(bytes);
  return rc;
}

/* gen on the model (fc_int4 or not) into g_dir/<suffix>; the resolver
 * source in g_out. */
static void gen(int fc_int4, const char *suffix) {
  char model[700], out[700], args[1600], src[800];
  snprintf(model, sizeof model, "%s/%s.tflite", g_dir, suffix);
  snprintf(out, sizeof out, "%s/%s", g_dir, suffix);
  CHECK_EQ_INT(write_model(model, fc_int4), 0);
  snprintf(args, sizeof args, "gen '%s' -o '%s' --name m", model, out);
  CHECK_EQ_INT(run_cli(args), 0);
  snprintf(src, sizeof src, "%s/m_resolver.c", out);
  CHECK_EQ_INT(read_file(src), 0);
}

static void test_plain_model(void) {
  gen(0, "plain");
  CHECK(strstr(g_out, "&mote_kernel_conv_2d)") != NULL);
  CHECK(strstr(g_out, "&mote_kernel_fully_connected)") != NULL);
  CHECK(strstr(g_out, "_int4") == NULL);
}

static void test_int4_model(void) {
  char args[800];
  gen(1, "int4");
  CHECK(strstr(g_out, "&mote_kernel_fully_connected_int4)") != NULL);
  CHECK(strstr(g_out, "&mote_kernel_conv_2d)") != NULL);
  CHECK(strstr(g_out, "conv_2d_int4") == NULL);
  snprintf(args, sizeof args, "run '%s/int4.tflite' --random 1", g_dir);
  CHECK_EQ_INT(run_cli(args), 0);
  /* inspect counts the packed bytes: 12 weights in 6. */
  snprintf(args, sizeof args, "inspect '%s/int4.tflite' --json", g_dir);
  CHECK_EQ_INT(run_cli(args), 0);
  CHECK(strstr(g_out, "\"bytes\": 6}") != NULL);
}

int main(void) {
  char tmpl[] = "/tmp/mote-gen-int4.XXXXXX";
  char cmd[600];
  if (mkdtemp(tmpl) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  snprintf(g_dir, sizeof g_dir, "%s", tmpl);
  MOTE_RUN(test_plain_model);
  MOTE_RUN(test_int4_model);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
  if (system(cmd) != 0) {
    fprintf(stderr, "could not remove %s\n", g_dir);
  }
  return MOTE_TEST_END();
}
