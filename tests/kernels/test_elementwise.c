/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The element-wise unary ops' shared glue (src/kernels/unary.c) through
 * the interpreter (op_model.h): for every op, the types TFLM's kernel does
 * not take are refused at prepare with a message naming the op, the tensor
 * and the supported types; mismatched output types and element counts;
 * the quantization ABS and RSQRT need; and RSQRT failing its invoke on an
 * input below the zero point, as TFLM. Values are the op table's job
 * (checked against TFLM there).
 */
#include <stdint.h>

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

int main(void) {
  MOTE_RUN(test_types);
  MOTE_RUN(test_quantization);
  MOTE_RUN(test_abs_int16_plain);
  MOTE_RUN(test_rsqrt_negative);
  return MOTE_TEST_END();
}
