/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The element-wise unary ops' shared glue (src/kernels/unary.c) through
 * the interpreter (op_model.h): for every op, the types TFLM's kernel does
 * not take are refused at prepare with a message naming the op, the tensor
 * and the supported types; mismatched output types and element counts;
 * the quantization ABS and RSQRT need; and RSQRT failing its invoke on an
 * input below the zero point, as TFLM. Values are the op table's job
 * (checked against TFLM there); here the compute functions are run in
 * place (output over input, as the planner may lay them out) and must
 * give what they give into separate memory.
 */
#include <stdint.h>
#include <string.h>

#include "kernels/unary.h"
#include "mote/mote.h"
#include "op_model.h"
#include "test.h"

static const int32_t k_shape[] = {2, 3};

typedef struct ew_op {
  int code;
  const char *name;
  int bad_type;         /* a type TFLM's kernel refuses */
  const char *bad_name; /* its name in the message */
  const char *supported;
} ew_op_t;

static const ew_op_t k_ops[] = {
    {MOTE_OP_ABS, "ABS", MOTE_TYPE_INT32, "int32",
     "supported: float32, int8, int16"},
    {MOTE_OP_NEG, "NEG", MOTE_TYPE_INT32, "int32", "supported: float32"},
    {MOTE_OP_SQUARE, "SQUARE", MOTE_TYPE_INT8, "int8", "supported: float32"},
    {MOTE_OP_SQRT, "SQRT", MOTE_TYPE_INT8, "int8", "supported: float32"},
    {MOTE_OP_RSQRT, "RSQRT", MOTE_TYPE_INT16, "int16",
     "supported: float32, int8"},
    {MOTE_OP_EXP, "EXP", MOTE_TYPE_INT8, "int8", "supported: float32"},
    {MOTE_OP_LOG, "LOG", MOTE_TYPE_INT16, "int16", "supported: float32"},
    {MOTE_OP_SIN, "SIN", MOTE_TYPE_INT32, "int32", "supported: float32"},
    {MOTE_OP_COS, "COS", MOTE_TYPE_INT8, "int8", "supported: float32"},
    {MOTE_OP_FLOOR, "FLOOR", MOTE_TYPE_INT32, "int32", "supported: float32"},
    {MOTE_OP_CEIL, "CEIL", MOTE_TYPE_INT8, "int8", "supported: float32"},
    {MOTE_OP_ROUND, "ROUND", MOTE_TYPE_INT32, "int32", "supported: float32"},
    {MOTE_OP_LOGICAL_NOT, "LOGICAL_NOT", MOTE_TYPE_FLOAT32, "float32",
     "supported: bool"},
};

static om_run_t run(int code, int type, const float *s_in, const int64_t *z_in,
                    int out_type, int out_rank, const int32_t *out_shape,
                    const float *s_out, const int64_t *z_out, const void *in,
                    void *out, size_t out_bytes) {
  return om_run_unary(code, 1, type, 2, k_shape, s_in, z_in, out_type,
                      out_rank, out_shape, s_out, z_out, 0, NULL, in, out,
                      out_bytes);
}

static void test_types(void) {
  static const float s = 0.1f;
  static const int64_t z = 0;
  const int32_t other[] = {7};
  size_t i;
  for (i = 0; i < sizeof k_ops / sizeof k_ops[0]; ++i) {
    const ew_op_t *o = &k_ops[i];
    const int good =
        o->code == MOTE_OP_LOGICAL_NOT ? MOTE_TYPE_BOOL : MOTE_TYPE_FLOAT32;
    om_run_t r = run(o->code, o->bad_type, &s, &z, o->bad_type, 2, k_shape,
                     &s, &z, NULL, NULL, 0);
    CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, o->name, o->bad_name));
    CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, o->name, o->supported));
    CHECK_EQ_INT(r.stage, 2);
    r = run(o->code, good, NULL, NULL, MOTE_TYPE_INT32, 2, k_shape, NULL, NULL,
            NULL, NULL, 0);
    CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED_TYPE, o->name, "output 0"));
    r = run(o->code, good, NULL, NULL, good, 1, other, NULL, NULL, NULL, NULL,
            0);
    CHECK(om_refused(&r, MOTE_ERR_BAD_SHAPE, o->name, "output 0 has 7"));
    r = run(o->code, good, NULL, NULL, good, 2, k_shape, NULL, NULL, NULL,
            NULL, 0);
    CHECK_EQ_INT(r.status, MOTE_OK);
  }
}

static void test_quantization(void) {
  static const float s = 0.1f, s2 = 0.05f;
  static const int64_t z0 = 0, z3 = 3;
  om_run_t r;
  /* int8 needs quantization on both sides. */
  r = run(MOTE_OP_ABS, MOTE_TYPE_INT8, NULL, NULL, MOTE_TYPE_INT8, 2, k_shape,
          NULL, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "ABS", "positive scales"));
  r = run(MOTE_OP_RSQRT, MOTE_TYPE_INT8, &s, &z0, MOTE_TYPE_INT8, 2, k_shape,
          NULL, NULL, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "RSQRT", "positive scales"));
  /* Quantized int16 ABS needs zero points 0; unquantized int16 runs. */
  r = run(MOTE_OP_ABS, MOTE_TYPE_INT16, &s, &z3, MOTE_TYPE_INT16, 2, k_shape,
          &s2, &z0, NULL, NULL, 0);
  CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "ABS", "input 0 3"));
  r = run(MOTE_OP_ABS, MOTE_TYPE_INT16, NULL, NULL, MOTE_TYPE_INT16, 2,
          k_shape, NULL, NULL, NULL, NULL, 0);
  CHECK_EQ_INT(r.status, MOTE_OK);
  /* RSQRT's rescale 1 / (sqrt(1) * 2^13) has shift -12: -32 after
   * TFLM's 2^20 headroom, past a 32-bit right shift. */
  {
    static const float one = 1.0f, big = 8192.0f;
    r = run(MOTE_OP_RSQRT, MOTE_TYPE_INT8, &one, &z0, MOTE_TYPE_INT8, 2,
            k_shape, &big, &z0, NULL, NULL, 0);
    CHECK(om_refused(&r, MOTE_ERR_UNSUPPORTED, "RSQRT", "out of range"));
  }
}

static void test_abs_int16_plain(void) {
  /* Without quantization TFLM takes |x| in int and casts back: -32768
   * stays -32768. */
  const int16_t in[6] = {-32768, -32767, -1, 0, 5, 32767};
  const int16_t want[6] = {-32768, 32767, 1, 0, 5, 32767};
  int16_t out[6] = {0};
  om_run_t r = run(MOTE_OP_ABS, MOTE_TYPE_INT16, NULL, NULL, MOTE_TYPE_INT16,
                   2, k_shape, NULL, NULL, in, out, sizeof out);
  int i;
  CHECK_EQ_INT(r.status, MOTE_OK);
  for (i = 0; i < 6; ++i) {
    CHECK_EQ_INT(out[i], want[i]);
  }
}

static void test_rsqrt_negative(void) {
  static const float s = 0.1f, so = 0.05f;
  static const int64_t z = 3, zo = 0;
  const int8_t bad[6] = {3, 4, 2, 5, 6, 7};
  const int8_t good[6] = {3, 4, 13, 5, 6, 127};
  int8_t out[6] = {0};
  om_run_t r = run(MOTE_OP_RSQRT, MOTE_TYPE_INT8, &s, &z, MOTE_TYPE_INT8, 2,
                   k_shape, &so, &zo, bad, out, sizeof out);
  CHECK_EQ_INT(r.stage, 3);
  CHECK(om_refused(&r, MOTE_ERR_KERNEL, "RSQRT", "element 2 is below"));
  r = run(MOTE_OP_RSQRT, MOTE_TYPE_INT8, &s, &z, MOTE_TYPE_INT8, 2, k_shape,
          &so, &zo, good, out, sizeof out);
  CHECK_EQ_INT(r.status, MOTE_OK);
  /* x - zp = 0 is the maximum; 1 / sqrt(1.0) / 0.05 = 20. */
  CHECK_EQ_INT(out[0], 127);
  CHECK_EQ_INT(out[2], 20);
}

static void test_in_place(void) {
  static mote_unary_f32_fn *const f32[12] = {
      mote_abs_f32_ref,   mote_neg_f32_ref,  mote_square_f32_ref,
      mote_sqrt_f32_ref,  mote_rsqrt_f32_ref, mote_exp_f32_ref,
      mote_log_f32_ref,   mote_sin_f32_ref,  mote_cos_f32_ref,
      mote_floor_f32_ref, mote_ceil_f32_ref, mote_round_f32_ref};
  const float fin[8] = {-2.5f, -1.0f, -0.0f, 0.5f, 1.5f, 2.0f, 9.75f, 100.f};
  const int8_t qin[8] = {-128, -5, 0, 3, 4, 40, 100, 127};
  const mote_unary_q_t q = {3, -7, 1518500250, 1, 1};
  float fsep[8], fin_place[8];
  int8_t qsep[8], qin_place[8];
  int16_t ssep[8], sin_place[8];
  bool bsep[8], bin_place[8];
  const bool bin[8] = {true, false, true, true, false, false, true, false};
  int16_t sin[8];
  int i;
  for (i = 0; i < 12; ++i) {
    f32[i](fin, fsep, 8);
    memcpy(fin_place, fin, sizeof fin);
    f32[i](fin_place, fin_place, 8);
    CHECK(memcmp(fsep, fin_place, sizeof fsep) == 0);
  }
  mote_abs_s8_ref(&q, qin, qsep, 8);
  memcpy(qin_place, qin, sizeof qin);
  mote_abs_s8_ref(&q, qin_place, qin_place, 8);
  CHECK(memcmp(qsep, qin_place, sizeof qsep) == 0);
  CHECK_EQ_INT(mote_rsqrt_s8_ref(&q, qin + 3, qsep, 5), -1);
  memcpy(qin_place, qin + 3, 5);
  CHECK_EQ_INT(mote_rsqrt_s8_ref(&q, qin_place, qin_place, 5), -1);
  CHECK(memcmp(qsep, qin_place, 5) == 0);
  for (i = 0; i < 8; ++i) {
    sin[i] = (int16_t)(qin[i] * 250);
  }
  mote_abs_s16_ref(&q, sin, ssep, 8);
  memcpy(sin_place, sin, sizeof sin);
  mote_abs_s16_ref(&q, sin_place, sin_place, 8);
  CHECK(memcmp(ssep, sin_place, sizeof ssep) == 0);
  mote_abs_s16_plain_ref(sin, ssep, 8);
  memcpy(sin_place, sin, sizeof sin);
  mote_abs_s16_plain_ref(sin_place, sin_place, 8);
  CHECK(memcmp(ssep, sin_place, sizeof ssep) == 0);
  mote_logical_not_ref(bin, bsep, 8);
  memcpy(bin_place, bin, sizeof bin);
  mote_logical_not_ref(bin_place, bin_place, 8);
  CHECK(memcmp(bsep, bin_place, sizeof bsep) == 0);
}

int main(void) {
  MOTE_RUN(test_types);
  MOTE_RUN(test_quantization);
  MOTE_RUN(test_abs_int16_plain);
  MOTE_RUN(test_rsqrt_negative);
  MOTE_RUN(test_in_place);
  return MOTE_TEST_END();
}
