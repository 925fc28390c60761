/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Glue of ADD, MUL, AVERAGE_POOL_2D, MAX_POOL_2D, MEAN, QUANTIZE and
 * DEQUANTIZE through the interpreter: one-op models built with
 * tflite_build (op_model.h), so options parsing, broadcasting set-up,
 * multipliers from the float scales, activation ranges and scratch are
 * exercised as a real model does, and every refusal is checked for its
 * status code. Expected outputs are worked out here from the scales with
 * arith_ref.h; the compute functions have their own tests.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "arith_ref.h"
#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const float k_s1 = 0.04124561324715614f, k_s2 = 0.04072536528110504f,
                   k_so = 0.05837741121649742f;
static const int64_t k_z1 = -1, k_z2 = -2, k_zo = -3;

/* Runs a two-input element-wise op on int8 [2,3] and broadcast [3]. */
static om_run_t run_binary_s8(int code, int opt_type, int act, int version,
                              const int8_t *a, const int8_t *b, int8_t *out) {
  const int32_t sa[] = {2, 3}, sb[] = {3};
  om_tensor_t ins[2], outs[1];
  tfb_options_t o;
  const void *in_data[2];
  void *out_data[1];
  size_t out_bytes[1] = {6};
  ins[0] = om_q(MOTE_TYPE_INT8, 2, sa, NULL, 0, &k_s1, &k_z1);
  ins[1] = om_q(MOTE_TYPE_INT8, 1, sb, NULL, 0, &k_s2, &k_z2);
  outs[0] = om_q(MOTE_TYPE_INT8, 2, sa, NULL, 0, &k_so, &k_zo);
  tfb_options_init(&o);
  tfb_opt_u8(&o, 0, (uint8_t)act);
  in_data[0] = a;
  in_data[1] = b;
  out_data[0] = out;
  return om_run_op(code, version, ins, 2, outs, 1, opt_type, &o, in_data,
                   out_data, out_bytes);
}

static void test_add_glue(void) {
  const int8_t a[] = {-128, -1, 0, 50, 100, 127}, b[] = {-128, 7, 127};
  int8_t out[6];
  int32_t lo, hi;
  int act, i;
  for (act = 0; act <= 3; ++act) {
    const double twice = 2.0 * (double)k_s1;
    int32_t m1, m2, mo;
    int e1, e2, eo;
    om_run_t r = run_binary_s8(MOTE_OP_ADD, 11, act, 2, a, b, out);
    CHECK_EQ_INT(r.status, MOTE_OK);
    ref_act_q(act, k_so, (int32_t)k_zo, INT8_MIN, INT8_MAX, &lo, &hi);
    ref_qmult((double)k_s1 / twice, &m1, &e1);
    ref_qmult((double)k_s2 / twice, &m2, &e2);
    ref_qmult(twice / (1048576.0 * (double)k_so), &mo, &eo);
    for (i = 0; i < 6; ++i) {
      const int32_t x = ref_mbqm((a[i] + 1) * (1 << 20), m1, e1);
      const int32_t y = ref_mbqm((b[i % 3] + 2) * (1 << 20), m2, e2);
      CHECK_EQ_INT(out[i], ref_clamp((int64_t)ref_mbqm(x + y, mo, eo) - 3,
                                     lo, hi));
    }
  }
  /* TANH cannot be fused into an integer ADD. */
  CHECK_EQ_INT(run_binary_s8(MOTE_OP_ADD, 11, 4, 2, a, b, out).status,
               MOTE_ERR_UNSUPPORTED);
}

static void test_mul_glue(void) {
  const int8_t a[] = {-128, -1, 0, 50, 100, 127}, b[] = {-128, 7, 127};
  int8_t out[6];
  int32_t m, lo, hi;
  int e, i;
  om_run_t r = run_binary_s8(MOTE_OP_MUL, 21, 1, 2, a, b, out);
  CHECK_EQ_INT(r.status, MOTE_OK);
  ref_qmult((double)k_s1 * (double)k_s2 / (double)k_so, &m, &e);
  ref_act_q(1, k_so, (int32_t)k_zo, INT8_MIN, INT8_MAX, &lo, &hi);
  for (i = 0; i < 6; ++i) {
    CHECK_EQ_INT(out[i],
                 ref_clamp((int64_t)ref_mbqm((a[i] + 1) * (b[i % 3] + 2), m,
                                             e) - 3,
                           lo, hi));
  }
}

static void test_binary_refusals(void) {
  const int32_t sa[] = {2, 3}, sb[] = {2}, sf[] = {2, 3};
  om_tensor_t ins[2], outs[1];
  tfb_options_t o;
  tfb_options_init(&o);
  /* [2,3] and [2] do not broadcast. */
  ins[0] = om_q(MOTE_TYPE_INT8, 2, sa, NULL, 0, &k_s1, &k_z1);
  ins[1] = om_q(MOTE_TYPE_INT8, 1, sb, NULL, 0, &k_s2, &k_z2);
  outs[0] = om_q(MOTE_TYPE_INT8, 2, sa, NULL, 0, &k_so, &k_zo);
  CHECK_EQ_INT(om_run_op(MOTE_OP_ADD, 2, ins, 2, outs, 1, 11, &o, NULL, NULL,
                         NULL)
                   .status,
               MOTE_ERR_BAD_SHAPE);
  /* Mixed input types. */
  ins[1] = om_q(MOTE_TYPE_FLOAT32, 2, sf, NULL, 0, NULL, NULL);
  CHECK_EQ_INT(om_run_op(MOTE_OP_MUL, 2, ins, 2, outs, 1, 21, &o, NULL, NULL,
                         NULL)
                   .status,
               MOTE_ERR_UNSUPPORTED_TYPE);
  /* ADD scales TFLite aborts on: 2 * 1.0 / (2^20 * 1e-7) > 1, and a zero
   * scale (the model loader refuses a negative one). */
  {
    static const float one = 1.0f, tiny = 1e-7f, zero = 0.0f;
    static const int64_t z0 = 0;
    const float *const s_in1[2] = {&one, &zero};
    const float *const s_out[2] = {&tiny, &one};
    int c;
    for (c = 0; c < 2; ++c) {
      ins[0] = om_q(MOTE_TYPE_INT8, 2, sa, NULL, 0, s_in1[c], &z0);
      ins[1] = om_q(MOTE_TYPE_INT8, 2, sa, NULL, 0, &one, &z0);
      outs[0] = om_q(MOTE_TYPE_INT8, 2, sa, NULL, 0, s_out[c], &z0);
      CHECK_EQ_INT(om_run_op(MOTE_OP_ADD, 2, ins, 2, outs, 1, 11, &o, NULL,
                             NULL, NULL)
                       .status,
                   MOTE_ERR_UNSUPPORTED);
    }
  }
  /* int16 MUL with a nonzero zero point. */
  ins[0] = om_q(MOTE_TYPE_INT16, 2, sa, NULL, 0, &k_s1, &k_z1);
  ins[1] = om_q(MOTE_TYPE_INT16, 2, sa, NULL, 0, &k_s2, &k_z2);
  outs[0] = om_q(MOTE_TYPE_INT16, 2, sa, NULL, 0, &k_so, &k_zo);
  CHECK_EQ_INT(om_run_op(MOTE_OP_MUL, 4, ins, 2, outs, 1, 21, &o, NULL, NULL,
                         NULL)
                   .status,
               MOTE_ERR_UNSUPPORTED);
}

static void test_add_s32_scalar(void) {
  /* audio_preprocessor_int8's int32 ADD of a constant scalar, RELU set
   * but ignored as in TFLM. */
  const int32_t sv[] = {4};
  const int32_t k = -128, x[] = {5, 200, -7, INT32_MIN + 100};
  int32_t out[4];
  om_tensor_t ins[2], outs[1];
  tfb_options_t o;
  const void *in_data[2];
  void *out_data[1];
  size_t out_bytes[1] = {sizeof out};
  ins[0] = om_q(MOTE_TYPE_INT32, 1, sv, NULL, 0, NULL, NULL);
  ins[1] = om_q(MOTE_TYPE_INT32, 0, sv, &k, 4, NULL, NULL);
  outs[0] = om_q(MOTE_TYPE_INT32, 1, sv, NULL, 0, NULL, NULL);
  tfb_options_init(&o);
  tfb_opt_u8(&o, 0, 1);
  in_data[0] = x;
  in_data[1] = NULL;
  out_data[0] = out;
  CHECK_EQ_INT(om_run_op(MOTE_OP_ADD, 1, ins, 2, outs, 1, 11, &o, in_data,
                         out_data, out_bytes)
                   .status,
               MOTE_OK);
  CHECK_EQ_INT(out[0], -123);
  CHECK_EQ_INT(out[1], 72);
  CHECK_EQ_INT(out[2], -135);
  CHECK_EQ_INT(out[3], (int32_t)((uint32_t)INT32_MIN - 28u));
}

/* Pooling, int8 [1,4,4,1] -> 2x2 windows, stride 2, VALID. */
static om_run_t run_pool(int code, int32_t out_hw, int32_t filter,
                         const int8_t *in, int8_t *out, float out_scale) {
  const int32_t si[] = {1, 4, 4, 1}, so[] = {1, out_hw, out_hw, 1};
  const float s = 0.5f;
  const int64_t zp = 0;
  om_tensor_t ins[1], outs[1];
  tfb_options_t o;
  const void *in_data[1];
  void *out_data[1];
  size_t out_bytes[1];
  out_bytes[0] = (size_t)(out_hw * out_hw);
  ins[0] = om_q(MOTE_TYPE_INT8, 4, si, NULL, 0, &s, &zp);
  outs[0] = om_q(MOTE_TYPE_INT8, 4, so, NULL, 0, &out_scale, &zp);
  tfb_options_init(&o);
  tfb_opt_u8(&o, 0, 1); /* VALID */
  tfb_opt_i32(&o, 1, 2);
  tfb_opt_i32(&o, 2, 2);
  tfb_opt_i32(&o, 3, filter);
  tfb_opt_i32(&o, 4, filter);
  tfb_opt_u8(&o, 5, 3); /* RELU6: [0, 12] at scale 0.5 */
  in_data[0] = in;
  out_data[0] = out;
  return om_run_op(code, 2, ins, 1, outs, 1, 5, &o, in_data, out_data,
                   out_bytes);
}

static void test_pool_glue(void) {
  const int8_t in[16] = {1, 2, 30, 40, -5, -6, 50, 60,
                         3, 3, -1, -2, 3, 4, -3, -3};
  int8_t out[4];
  /* Averages: (1+2-5-6)/4 = -2 -> 0 (RELU6), (30+40+50+60)/4 = 45 -> 12,
   * 13/4 = 3.25 -> 3, -9/4 = -2.25 -> 0. */
  CHECK_EQ_INT(run_pool(MOTE_OP_AVERAGE_POOL_2D, 2, 2, in, out, 0.5f).status,
               MOTE_OK);
  CHECK_EQ_INT(out[0], 0);
  CHECK_EQ_INT(out[1], 12);
  CHECK_EQ_INT(out[2], 3);
  CHECK_EQ_INT(out[3], 0);
  CHECK_EQ_INT(run_pool(MOTE_OP_MAX_POOL_2D, 2, 2, in, out, 0.5f).status,
               MOTE_OK);
  CHECK_EQ_INT(out[0], 2);
  CHECK_EQ_INT(out[1], 12);
  CHECK_EQ_INT(out[2], 4);
  CHECK_EQ_INT(out[3], 0);
  /* Output shape other than VALID gives (for the average, a window
   * past the input would hold nothing to divide by); output scale
   * differing. */
  CHECK_EQ_INT(run_pool(MOTE_OP_MAX_POOL_2D, 3, 2, in, out, 0.5f).status,
               MOTE_ERR_BAD_SHAPE);
  CHECK_EQ_INT(run_pool(MOTE_OP_AVERAGE_POOL_2D, 3, 2, in, out, 0.5f).status,
               MOTE_ERR_BAD_SHAPE);
  CHECK_EQ_INT(run_pool(MOTE_OP_AVERAGE_POOL_2D, 2, 2, in, out, 0.25f).status,
               MOTE_ERR_UNSUPPORTED);
}

static void test_mean_glue(void) {
  /* [1,2,2,2] over axes {1,2}, keep_dims, same quantization (zero point
   * -9): channel sums 7 and -7 over 4 elements, centred 43 and 29, are
   * rescaled by 2^30 * 2^-1 (1/4 folded into 1.0): srdhm gives 21.5 -> 22
   * and 14.5 -> 15, the final halving 11 and 7.5 -> 8, so 2 and -1. The
   * exact means 1.75 and -1.75 would round to 2 and -2: TFLM's double
   * rounding is kept. */
  const int32_t si[] = {1, 2, 2, 2}, so[] = {1, 1, 1, 2}, sa[] = {2};
  const int32_t axes[] = {1, 2};
  const int8_t in[8] = {1, -1, 2, -2, 3, -3, 1, -1};
  const float s = 0.07f;
  const int64_t zp = -9;
  int8_t out[2];
  om_tensor_t ins[2], outs[1];
  tfb_options_t o;
  const void *in_data[2];
  void *out_data[1];
  size_t out_bytes[1] = {2};
  ins[0] = om_q(MOTE_TYPE_INT8, 4, si, NULL, 0, &s, &zp);
  ins[1] = om_q(MOTE_TYPE_INT32, 1, sa, axes, sizeof axes, NULL, NULL);
  outs[0] = om_q(MOTE_TYPE_INT8, 4, so, NULL, 0, &s, &zp);
  tfb_options_init(&o);
  tfb_opt_bool(&o, 0, true);
  in_data[0] = in;
  in_data[1] = NULL;
  out_data[0] = out;
  CHECK_EQ_INT(om_run_op(MOTE_OP_MEAN, 2, ins, 2, outs, 1, 27, &o, in_data,
                         out_data, out_bytes)
                   .status,
               MOTE_OK);
  CHECK_EQ_INT(out[0], 2);
  CHECK_EQ_INT(out[1], -1);
  /* The axes a model input: read at invoke, the rescale folded there,
   * the same bytes. */
  ins[1] = om_q(MOTE_TYPE_INT32, 1, sa, NULL, 0, NULL, NULL);
  in_data[1] = axes;
  out[0] = out[1] = 0;
  CHECK_EQ_INT(om_run_op(MOTE_OP_MEAN, 2, ins, 2, outs, 1, 27, &o, in_data,
                         out_data, out_bytes)
                   .status,
               MOTE_OK);
  CHECK_EQ_INT(out[0], 2);
  CHECK_EQ_INT(out[1], -1);
}

static void test_quantize_glue(void) {
  const int32_t sh[] = {4};
  const float x[] = {0.25f, -0.25f, 3.0f, -100.0f};
  const float s_out = 0.5f;
  const int64_t zp = -3;
  const int64_t zp_u8 = 3;
  int8_t q[4];
  float back[4];
  om_tensor_t ins[1], outs[1];
  const void *in_data[1];
  void *out_data[1];
  size_t out_bytes[1] = {4};
  ins[0] = om_q(MOTE_TYPE_FLOAT32, 1, sh, NULL, 0, NULL, NULL);
  outs[0] = om_q(MOTE_TYPE_INT8, 1, sh, NULL, 0, &s_out, &zp);
  in_data[0] = x;
  out_data[0] = q;
  CHECK_EQ_INT(om_run_op(MOTE_OP_QUANTIZE, 1, ins, 1, outs, 1, 0, NULL,
                         in_data, out_data, out_bytes)
                   .status,
               MOTE_OK);
  CHECK_EQ_INT(q[0], -2);
  CHECK_EQ_INT(q[1], -4);
  CHECK_EQ_INT(q[2], 3);
  CHECK_EQ_INT(q[3], -128);
  /* And back. */
  ins[0] = outs[0];
  outs[0] = om_q(MOTE_TYPE_FLOAT32, 1, sh, NULL, 0, NULL, NULL);
  in_data[0] = q;
  out_data[0] = back;
  out_bytes[0] = sizeof back;
  CHECK_EQ_INT(om_run_op(MOTE_OP_DEQUANTIZE, 2, ins, 1, outs, 1, 0, NULL,
                         in_data, out_data, out_bytes)
                   .status,
               MOTE_OK);
  CHECK(back[0] == 0.5f && back[1] == -0.5f && back[2] == 3.0f &&
        back[3] == -62.5f);
  /* float32 -> uint8 is not a conversion TFLM runs. (uint8 zero points
   * must be in [0, 255] or the verifier rejects the model first.) */
  ins[0] = om_q(MOTE_TYPE_FLOAT32, 1, sh, NULL, 0, NULL, NULL);
  outs[0] = om_q(MOTE_TYPE_UINT8, 1, sh, NULL, 0, &s_out, &zp_u8);
  CHECK_EQ_INT(om_run_op(MOTE_OP_QUANTIZE, 1, ins, 1, outs, 1, 0, NULL, NULL,
                         NULL, NULL)
                   .status,
               MOTE_ERR_UNSUPPORTED_TYPE);
}

int main(void) {
  MOTE_RUN(test_add_glue);
  MOTE_RUN(test_mul_glue);
  MOTE_RUN(test_binary_refusals);
  MOTE_RUN(test_add_s32_scalar);
  MOTE_RUN(test_pool_glue);
  MOTE_RUN(test_mean_glue);
  MOTE_RUN(test_quantize_glue);
  return MOTE_TEST_END();
}
