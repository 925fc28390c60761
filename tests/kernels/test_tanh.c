/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TANH tests.
 *
 * 1. Exact bytes: the int8 slice and the int16 samples were produced by an
 *    independent arbitrary-precision Python rendering of TFLite Micro's
 *    arithmetic, not by mote. They cover int16's three input paths (scale
 *    2^-12 and 2^-11 with no multiplier, any other scale with one).
 * 2. Every int8 input over a table of scales / zero points against
 *    round(128 * tanh(x)) in double: within one step. int16 against double
 *    tanh within a few 2^-15.
 * 3. float32 against tanhf().
 * 4. The kernel through a real one-operator model: accepted and refused
 *    quantizations.
 */
#include <math.h>
#include <stdint.h>

#include "kernels/tanh.h"
#include "op_model.h"
#include "test.h"

/* Inputs -64 .. 31 at scale 0.05, zero point 3. */
static const int8_t kSliceExpected[96] = {
    -128, -128, -128, -128, -128, -127, -127, -127, -127, -127, -127, -127,
    -127, -127, -127, -127, -126, -126, -126, -126, -126, -125, -125, -125,
    -125, -124, -124, -123, -123, -122, -122, -121, -120, -120, -119, -118,
    -117, -116, -115, -113, -112, -110, -109, -107, -105, -102, -100, -97,
    -95,  -92,  -88,  -85,  -81,  -77,  -73,  -69,  -64,  -59,  -54,  -49,
    -43,  -37,  -31,  -25,  -19,  -13,  -6,   0,    6,    13,   19,   25,
    31,   37,   43,   49,   54,   59,   64,   69,   73,   77,   81,   85,
    88,   92,   95,   97,   100,  102,  105,  107,  109,  110,  112,  113};

static void test_s8_exact(void) {
  mote_act_params_t p;
  int8_t in[96];
  int8_t out[96];
  int i;
  for (i = 0; i < 96; ++i) {
    in[i] = (int8_t)(i - 64);
  }
  CHECK_EQ_INT(mote_act_params_s8(0.05f, 3, &p), MOTE_OK);
  CHECK_EQ_INT(p.input_multiplier, 1717986944);
  CHECK_EQ_INT(p.input_left_shift, 23);
  CHECK_EQ_INT(p.input_range_radius, 240);
  mote_tanh_s8(&p, in, out, 96);
  for (i = 0; i < 96; ++i) {
    CHECK_EQ_INT(out[i], kSliceExpected[i]);
  }
  CHECK_EQ_INT(out[3 + 64], 0); /* tanh(0) = 0, no output zero point */
}

static void test_s8_against_double(void) {
  static const struct {
    float scale;
    int32_t zp;
  } q[] = {{0.1f, 0},    {0.05f, 3},  {0.02f, -128}, {0.25f, 127},
           {0.5f, -30},  {0.003f, 0}, {0.0625f, 5},  {0.08f, -100},
           {0.013f, 64}, {1.0f / 32.0f, 0}};
  size_t k;
  for (k = 0; k < sizeof q / sizeof q[0]; ++k) {
    mote_act_params_t p;
    int8_t in[256];
    int8_t out[256];
    int i;
    for (i = 0; i < 256; ++i) {
      in[i] = (int8_t)(i - 128);
    }
    CHECK_EQ_INT(mote_act_params_s8(q[k].scale, q[k].zp, &p), MOTE_OK);
    mote_tanh_s8(&p, in, out, 256);
    for (i = 0; i < 256; ++i) {
      const double x = (double)q[k].scale * (double)(in[i] - q[k].zp);
      double want = floor(128.0 * tanh(x) + 0.5);
      want = want > 127.0 ? 127.0 : want;
      CHECK(fabs(out[i] - want) <= 1.0);
    }
    CHECK_EQ_INT(out[q[k].zp + 128], 0);
  }
}

static void test_s8_saturation(void) {
  mote_act_params_t p;
  int8_t in[4] = {0, 6, 7, -7};
  int8_t out[4];
  CHECK_EQ_INT(mote_act_params_s8(1.0f, 0, &p), MOTE_OK);
  mote_tanh_s8(&p, in, out, 4);
  CHECK_EQ_INT(out[0], 0);
  CHECK(out[1] >= 126);
  CHECK_EQ_INT(out[2], 127);
  CHECK_EQ_INT(out[3], -128);
}

static const int16_t kS16Inputs[14] = {-32768, -20000, -4097, -1000, -513,
                                       -1,     0,      1,     511,   512,
                                       1000,   4097,   20000, 32767};

static void test_s16_exact(void) {
  static const struct {
    float scale;
    int32_t mult;
    int32_t shift;
    int16_t want[14];
  } c[] = {
      {1.0f / 2048.0f, 0, 1,
       {-32767, -32767, -31590, -14838, -8041, -16, 0, 16, 8011, 8026, 14838,
        31590, 32767, 32767}},
      {1.0f / 4096.0f, 0, 0,
       {-32767, -32764, -24959, -7845, -4083, -8, 0, 8, 4067, 4075, 7845,
        24959, 32764, 32767}},
      {1.0f / 3000.0f, 16777, 12,
       {-32767, -32767, -28760, -10536, -5549, -11, 0, 11, 5528, 5539, 10536,
        28760, 32767, 32767}},
  };
  size_t k;
  for (k = 0; k < sizeof c / sizeof c[0]; ++k) {
    mote_act_params_t p;
    int16_t out[14];
    int i;
    CHECK_EQ_INT(mote_act_params_s16(c[k].scale, 1, &p), MOTE_OK);
    CHECK_EQ_INT(p.input_multiplier, c[k].mult);
    CHECK_EQ_INT(p.input_left_shift, c[k].shift);
    mote_tanh_s16(&p, kS16Inputs, out, 14);
    for (i = 0; i < 14; ++i) {
      CHECK_EQ_INT(out[i], c[k].want[i]);
    }
  }
}

static void test_s16_against_double(void) {
  static const float scales[] = {1.0f / 4096.0f, 1.0f / 2048.0f,
                                 1.0f / 8192.0f, 1e-4f, 5e-4f, 1.0f / 3000.0f};
  size_t k;
  for (k = 0; k < sizeof scales / sizeof scales[0]; ++k) {
    mote_act_params_t p;
    int32_t x;
    double worst = 0.0;
    CHECK_EQ_INT(mote_act_params_s16(scales[k], 1, &p), MOTE_OK);
    for (x = -32768; x <= 32767; x += 3) {
      const int16_t in = (int16_t)x;
      int16_t out;
      double err;
      mote_tanh_s16(&p, &in, &out, 1);
      err = fabs(out - 32768.0 * tanh((double)scales[k] * x));
      worst = err > worst ? err : worst;
    }
    CHECK(worst <= 8.0);
  }
}

static void test_f32(void) {
  static const float in[] = {0.0f, 0.5f, -0.5f, 3.0f, -3.0f, 20.0f, -1e-3f};
  float out[sizeof in / sizeof in[0]];
  size_t i;
  mote_tanh_f32(in, out, (int32_t)(sizeof in / sizeof in[0]));
  for (i = 0; i < sizeof in / sizeof in[0]; ++i) {
    CHECK(out[i] == tanhf(in[i]));
    CHECK(fabs(out[i] - tanh((double)in[i])) <= 1e-6 * fabs(tanh(in[i])));
  }
}

/* --- through the interpreter ------------------------------------------- */

static const int32_t kShape[3] = {2, 1, 3};

static om_run_t run_tanh(om_tensor_t in, om_tensor_t out, const void *in_data,
                         void *out_data, size_t out_bytes) {
  const void *ins[1];
  void *outs[1];
  ins[0] = in_data;
  outs[0] = out_data;
  return om_run_op(MOTE_OP_TANH, 2, &in, 1, &out, 1, 0, NULL, ins, outs,
                   &out_bytes);
}

static void test_kernel(void) {
  const float s = 0.05f;
  const float s7 = 1.0f / 128.0f;
  const float s15 = 1.0f / 32768.0f;
  const float s11 = 1.0f / 2048.0f;
  const int64_t zp3 = 3;
  const int64_t zp0 = 0;
  const int8_t x[6] = {-64, -20, 3, 4, 31, 127};
  const int16_t x16[6] = {-32768, -1000, 0, 1, 512, 20000};
  int8_t got[6];
  int16_t got16[6];
  om_run_t r;
  int i;
  r = run_tanh(om_q(MOTE_TYPE_INT8, 3, kShape, NULL, 0, &s, &zp3),
               om_q(MOTE_TYPE_INT8, 3, kShape, NULL, 0, &s7, &zp0), x, got,
               sizeof got);
  CHECK_EQ_INT(r.status, MOTE_OK);
  for (i = 0; i < 5; ++i) {
    CHECK_EQ_INT(got[i], kSliceExpected[x[i] + 64]);
  }
  CHECK_EQ_INT(got[5], 127);
  r = run_tanh(om_q(MOTE_TYPE_INT16, 3, kShape, NULL, 0, &s11, &zp0),
               om_q(MOTE_TYPE_INT16, 3, kShape, NULL, 0, &s15, &zp0), x16,
               got16, sizeof got16);
  CHECK_EQ_INT(r.status, MOTE_OK);
  CHECK_EQ_INT(got16[0], -32767);
  CHECK_EQ_INT(got16[1], -14838);
  CHECK_EQ_INT(got16[2], 0);
  CHECK_EQ_INT(got16[3], 16);
  CHECK_EQ_INT(got16[4], 8026);
  CHECK_EQ_INT(got16[5], 32767);
  /* int16 output must be 2^-15 with zero point 0. */
  r = run_tanh(om_q(MOTE_TYPE_INT16, 3, kShape, NULL, 0, &s11, &zp0),
               om_q(MOTE_TYPE_INT16, 3, kShape, NULL, 0, &s7, &zp0), NULL,
               NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
  CHECK(strstr(r.err.message, "2^-15") != NULL);
  r = run_tanh(om_q(MOTE_TYPE_INT16, 3, kShape, NULL, 0, &s11, &zp3),
               om_q(MOTE_TYPE_INT16, 3, kShape, NULL, 0, &s15, &zp0), NULL,
               NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED);
  r = run_tanh(om_q(MOTE_TYPE_INT32, 3, kShape, NULL, 0, NULL, NULL),
               om_q(MOTE_TYPE_INT32, 3, kShape, NULL, 0, NULL, NULL), NULL,
               NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_ERR_UNSUPPORTED_TYPE);
  CHECK(strstr(r.err.message, "int32") != NULL);
}

int main(void) {
  MOTE_RUN(test_s8_exact);
  MOTE_RUN(test_s8_against_double);
  MOTE_RUN(test_s8_saturation);
  MOTE_RUN(test_s16_exact);
  MOTE_RUN(test_s16_against_double);
  MOTE_RUN(test_f32);
  MOTE_RUN(test_kernel);
  return MOTE_TEST_END();
}
