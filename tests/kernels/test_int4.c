/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Packed int4 filters: the unpacking (kernels/int4.h), the int4 kernel
 * variants against the int8 kernels on the unpacked filter, and the plain
 * kernels' refusal, which must name the op, the tensor, int4 and the
 * variant to register. Bit-exactness against TFLM is the op table's
 * (tests/kernels/table, the int4 cases).
 */
#include <stdint.h>
#include <string.h>

#include "kernels/int4.h"
#include "op_model.h"
#include "test.h"

static void test_unpack(void) {
  static const uint8_t packed[3] = {0x21, 0xF8, 0x07};
  static const int8_t want[6] = {1, 2, -8, -1, 7, 0};
  int8_t got[7];
  int b, n;
  /* Odd count: the last byte half used, nothing written past it. */
  memset(got, 0x55, sizeof got);
  mote_int4_unpack(packed, 5, got);
  CHECK(memcmp(got, want, 5) == 0);
  CHECK_EQ_INT(got[5], 0x55);
  mote_int4_unpack(packed, 6, got);
  CHECK(memcmp(got, want, 6) == 0);
  CHECK_EQ_INT(got[6], 0x55);
  /* Every byte: low nibble first, each sign-extended. */
  for (b = 0; b < 256; ++b) {
    const uint8_t byte = (uint8_t)b;
    mote_int4_unpack(&byte, 2, got);
    for (n = 0; n < 2; ++n) {
      const int v = (b >> (4 * n)) & 15;
      CHECK_EQ_INT(got[n], v >= 8 ? v - 16 : v);
    }
  }
  CHECK_EQ_INT((int)mote_int4_offset(0), 0);
  CHECK_EQ_INT((int)mote_int4_offset(1), 16);
  CHECK_EQ_INT((int)mote_int4_offset(32), 32);
}

/* One op with an int4 filter of `count` elements (packed bytes drawn from
 * a counter) beside the same op with the unpacked int8 filter. */
typedef struct int4_case {
  int code, version, options_type, nin;
  om_tensor_t t[4]; /* input, filter, bias, output */
  tfb_options_t opt;
  uint8_t packed[64];
  int8_t unpacked[128];
  int32_t bias[16];
  int8_t in[128];
} int4_case_t;

static const float kInScale = 0.05f, kOutScale = 0.4f;
static const float kFScales[16] = {0.3f,  0.11f, 0.07f, 0.5f,  0.02f, 0.9f,
                                   0.13f, 0.17f, 0.19f, 0.23f, 0.29f, 0.31f,
                                   0.37f, 0.41f, 0.43f, 0.47f};
static const int64_t kZeros[16] = {0};
static const int64_t kInZp = -5, kOutZp = 3;
static float g_bias_scales[16];

static void fill(int4_case_t *c, int count, int channels, int in_count) {
  int i;
  for (i = 0; i < (count + 1) / 2; ++i) {
    c->packed[i] = (uint8_t)(i * 73 + 41);
  }
  mote_int4_unpack(c->packed, count, c->unpacked);
  for (i = 0; i < channels; ++i) {
    c->bias[i] = 40 * i - 90;
    g_bias_scales[i] = kInScale * kFScales[i];
  }
  for (i = 0; i < in_count; ++i) {
    c->in[i] = (int8_t)((i * 57) % 256 - 128);
  }
}

/* Runs the case with the int4 filter (kernel: `k`, NULL for the
 * builtins) into out4, and with the int8 filter through the builtins into
 * out8. */
static om_run_t run_case(int4_case_t *c, const mote_kernel_t *k, int count,
                         int8_t *out4, int8_t *out8, size_t out_bytes) {
  const void *ins[3];
  void *outs[1];
  om_run_t r;
  ins[0] = c->in, ins[1] = NULL, ins[2] = NULL;
  c->t[1].type = MOTE_TYPE_INT4;
  c->t[1].data = c->packed;
  c->t[1].bytes = (size_t)(count + 1) / 2;
  outs[0] = out4;
  om_kernel = k;
  r = om_run_op(c->code, c->version, c->t, c->nin, &c->t[3], 1, c->options_type,
                &c->opt, ins, outs, &out_bytes);
  om_kernel = NULL;
  if (out8 != NULL) {
    om_run_t r8;
    c->t[1].type = MOTE_TYPE_INT8;
    c->t[1].data = c->unpacked;
    c->t[1].bytes = (size_t)count;
    outs[0] = out8;
    r8 = om_run_op(c->code, c->version, c->t, c->nin, &c->t[3], 1,
                   c->options_type, &c->opt, ins, outs, &out_bytes);
    CHECK_EQ_INT(r8.status, MOTE_OK);
  }
  return r;
}

/* The filter quantization: per-channel along `dim` or per-tensor. */
static void quantize_filter(int4_case_t *c, int per_channel, int channels,
                            int dim) {
  c->t[1].nquant = per_channel ? channels : 1;
  c->t[1].scales = kFScales;
  c->t[1].zero_points = kZeros;
  c->t[1].quant_dim = dim;
  c->t[2].nquant = per_channel ? channels : 1;
  c->t[2].scales = g_bias_scales;
  c->t[2].zero_points = kZeros;
}

/* FULLY_CONNECTED [2, 7] x [3, 7]: 21 filter elements, an odd count. */
static void make_fc(int4_case_t *c, int per_channel) {
  static const int32_t in_shape[2] = {2, 7}, f_shape[2] = {3, 7},
                       b_shape[1] = {3}, out_shape[2] = {2, 3};
  memset(c, 0, sizeof *c);
  fill(c, 21, 3, 14);
  c->code = MOTE_OP_FULLY_CONNECTED;
  c->version = 10; /* int4 weights */
  c->options_type = TFB_OPTIONS_FULLY_CONNECTED;
  c->nin = 3;
  c->t[0] = om_q(MOTE_TYPE_INT8, 2, in_shape, NULL, 0, &kInScale, &kInZp);
  c->t[1] = om_q(MOTE_TYPE_INT4, 2, f_shape, NULL, 0, NULL, NULL);
  c->t[2] = om_q(MOTE_TYPE_INT32, 1, b_shape, c->bias, sizeof(int32_t) * 3,
                 NULL, NULL);
  c->t[3] = om_q(MOTE_TYPE_INT8, 2, out_shape, NULL, 0, &kOutScale, &kOutZp);
  quantize_filter(c, per_channel, 3, 0);
  tfb_options_init(&c->opt);
}

/* CONV_2D [1, 4, 4, 3] with a [3, 3, 1, 3] filter (27 elements, odd),
 * or DEPTHWISE_CONV_2D [1, 4, 4, 3] with a [1, 3, 3, 3] one (27). */
static void make_conv(int4_case_t *c, int depthwise, int per_channel) {
  static const int32_t in_shape[4] = {1, 4, 4, 3}, conv_f[4] = {3, 3, 1, 3},
                       dw_f[4] = {1, 3, 3, 3}, b_shape[1] = {3},
                       conv_out[4] = {1, 2, 4, 3}, dw_out[4] = {1, 2, 2, 3};
  memset(c, 0, sizeof *c);
  fill(c, 27, 3, 48);
  c->code = depthwise ? MOTE_OP_DEPTHWISE_CONV_2D : MOTE_OP_CONV_2D;
  c->version = 7;
  c->options_type =
      depthwise ? TFB_OPTIONS_DEPTHWISE_CONV_2D : TFB_OPTIONS_CONV_2D;
  c->nin = 3;
  c->t[0] = om_q(MOTE_TYPE_INT8, 4, in_shape, NULL, 0, &kInScale, &kInZp);
  c->t[1] =
      om_q(MOTE_TYPE_INT4, 4, depthwise ? dw_f : conv_f, NULL, 0, NULL, NULL);
  c->t[2] = om_q(MOTE_TYPE_INT32, 1, b_shape, c->bias, sizeof(int32_t) * 3,
                 NULL, NULL);
  c->t[3] = om_q(MOTE_TYPE_INT8, 4, depthwise ? dw_out : conv_out, NULL, 0,
                 &kOutScale, &kOutZp);
  quantize_filter(c, per_channel, 3, depthwise ? 3 : 0);
  tfb_options_init(&c->opt);
  /* VALID padding, stride 1 x 1; depthwise: multiplier 1. */
  tfb_opt_u8(&c->opt, 0, 1);
  tfb_opt_i32(&c->opt, 1, 1);
  tfb_opt_i32(&c->opt, 2, 1);
  if (depthwise) {
    tfb_opt_i32(&c->opt, 3, 1);
  }
}

/* The int4 variant equals the int8 kernel on the unpacked filter. */
static void check_variant(int4_case_t *c, const mote_kernel_t *k, int count,
                          size_t out_bytes) {
  int8_t out4[64], out8[64];
  om_run_t r;
  memset(out4, 0, sizeof out4);
  memset(out8, 1, sizeof out8);
  r = run_case(c, k, count, out4, out8, out_bytes);
  CHECK_EQ_INT(r.status, MOTE_OK);
  if (r.status != MOTE_OK) {
    printf("  %s\n", r.err.message);
  }
  CHECK(memcmp(out4, out8, out_bytes) == 0);
}

/* The plain kernel refuses with a message that says what to do. */
static void check_refusal(int4_case_t *c, const mote_kernel_t *plain,
                          const char *op, const char *variant, int count) {
  int8_t out[64];
  const om_run_t r = run_case(c, plain, count, out, NULL, sizeof out);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED_TYPE);
  CHECK(strstr(r.err.message, op) != NULL);
  CHECK(strstr(r.err.message, "input 1") != NULL);
  CHECK(strstr(r.err.message, "int4") != NULL);
  CHECK(strstr(r.err.message, variant) != NULL);
}

static void test_fully_connected(void) {
  int4_case_t c;
  int8_t out[64];
  om_run_t r;
  make_fc(&c, 0);
  check_variant(&c, NULL, 21, 6);
  make_fc(&c, 0);
  check_variant(&c, &mote_kernel_fully_connected_int4, 21, 6);
  /* Per-channel int4 weights: TFLM refuses them, and so does mote. */
  make_fc(&c, 1);
  r = run_case(&c, NULL, 21, out, NULL, sizeof out);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
  CHECK(strstr(r.err.message, "per-tensor only") != NULL);
  make_fc(&c, 1);
  check_refusal(&c, &mote_kernel_fully_connected, "(FULLY_CONNECTED)",
                "register mote_kernel_fully_connected_int4", 21);
}

static void test_conv(void) {
  int4_case_t c;
  int pc, dw;
  for (dw = 0; dw < 2; ++dw) {
    for (pc = 0; pc < 2; ++pc) {
      make_conv(&c, dw, pc);
      check_variant(&c, NULL, 27, dw ? 12 : 24);
      make_conv(&c, dw, pc);
      check_variant(&c,
                    dw ? &mote_kernel_depthwise_conv_2d_int4
                       : &mote_kernel_conv_2d_int4,
                    27, dw ? 12 : 24);
    }
  }
  make_conv(&c, 0, 0);
  check_refusal(&c, &mote_kernel_conv_2d, "(CONV_2D)",
                "register mote_kernel_conv_2d_int4", 27);
  make_conv(&c, 1, 1);
  check_refusal(&c, &mote_kernel_depthwise_conv_2d, "(DEPTHWISE_CONV_2D)",
                "register mote_kernel_depthwise_conv_2d_int4", 27);
}

/* int16 input with an int4 filter: TFLM's kernels take int4 only with
 * int8 input, and so do the variants. */
static void test_int16_refused(void) {
  static const float s16 = 0.001f;
  int4_case_t c;
  int8_t out[64];
  om_run_t r;
  make_fc(&c, 1);
  c.t[0].type = MOTE_TYPE_INT16;
  c.t[0].scales = &s16;
  c.t[0].zero_points = kZeros;
  c.t[3].type = MOTE_TYPE_INT16;
  c.t[3].zero_points = kZeros;
  c.nin = 2; /* no bias */
  r = run_case(&c, NULL, 21, out, NULL, sizeof out);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED_TYPE);
  CHECK(strstr(r.err.message, "int4") != NULL);
  CHECK(strstr(r.err.message, "int16") != NULL);
}

/* An int4 filter without data (a model input): the verifier sizes it,
 * but nothing plans packed tensors, and the variants refuse it. */
static void test_int4_input_refused(void) {
  int4_case_t c;
  int8_t out[64];
  om_run_t r;
  int conv;
  for (conv = 0; conv < 2; ++conv) {
    const void *ins[3];
    void *outs[1];
    size_t bytes = sizeof out;
    if (conv) {
      make_conv(&c, 0, 0);
    } else {
      make_fc(&c, 0);
    }
    ins[0] = c.in, ins[1] = c.packed, ins[2] = NULL;
    outs[0] = out;
    r = om_run_op(c.code, c.version, c.t, c.nin, &c.t[3], 1, c.options_type,
                  &c.opt, ins, outs, &bytes);
    CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
    CHECK_EQ_INT(r.stage, 2);
    CHECK(strstr(r.err.message, "int4 and not constant") != NULL);
  }
}

/* The verifier: packed int4 constants take (n + 1) / 2 bytes, no other
 * count. */
static void test_int4_buffer_size(void) {
  int4_case_t c;
  int8_t out[64];
  om_run_t r;
  make_fc(&c, 0);
  c.t[1].data = c.packed;
  c.t[1].bytes = 10; /* 21 elements need 11 */
  {
    const void *ins[3] = {c.in, NULL, NULL};
    void *outs[1] = {out};
    size_t bytes = sizeof out;
    r = om_run_op(c.code, c.version, c.t, c.nin, &c.t[3], 1, c.options_type,
                  &c.opt, ins, outs, &bytes);
  }
  CHECK_EQ_INT(r.status, MOTE_ERR_CORRUPT_MODEL);
  CHECK_EQ_INT(r.stage, 0);
  CHECK(strstr(r.err.message, "need 11") != NULL);
}

int main(void) {
  MOTE_RUN(test_unpack);
  MOTE_RUN(test_fully_connected);
  MOTE_RUN(test_conv);
  MOTE_RUN(test_int16_refused);
  MOTE_RUN(test_int4_input_refused);
  MOTE_RUN(test_int4_buffer_size);
  return MOTE_TEST_END();
}
