/*
 * CAST: converts every element to the output type, as C++ static_cast in
 * TFLM's kernel.
 *
 * Integer to narrower integer keeps the low bits (two's complement, as
 * every TFLM target does). Integer to float rounds to nearest. Float to
 * integer truncates toward zero; out-of-range values and NaN are
 * undefined in C++, and mote gives what the x86-64 TFLM build that made
 * the golden data gives: int8, int16 and int32 go through a 32-bit
 * conversion whose overflow result is INT32_MIN, then keep the low bits;
 * uint32 goes through a 64-bit conversion (overflow INT64_MIN) and keeps
 * the low 32 bits, so -1.0f becomes 0xFFFFFFFF. Bool reads as 0 or 1.
 *
 * Each element is widened to int64 or float, then narrowed: one loop per
 * input type and a switch per element is not the fastest CAST, but CAST
 * is rare and small in the models mote targets.
 */
#include "kernels/cast.h"

#include <string.h>

#include "kernels/kernel_util.h"
#include "mote/ops.h"

static bool is_int_type(mote_type_t t) {
  return t == MOTE_TYPE_INT8 || t == MOTE_TYPE_INT16 || t == MOTE_TYPE_INT32 ||
         t == MOTE_TYPE_UINT32;
}

bool mote_cast_supported(mote_type_t in, mote_type_t out) {
  return (is_int_type(in) || in == MOTE_TYPE_FLOAT32 || in == MOTE_TYPE_BOOL) &&
         (is_int_type(out) || out == MOTE_TYPE_FLOAT32);
}

static int64_t f32_to_i64_x86(float x, int wide) {
  if (!wide) {
    if (!(x > -2147483649.0f && x < 2147483648.0f)) {
      return INT32_MIN;
    }
  } else if (!(x >= -9223372036854775808.0f && x < 9223372036854775808.0f)) {
    return INT64_MIN;
  }
  return (int64_t)x;
}

static void store_int(mote_type_t t, void *out, int32_t i, int64_t v) {
  /* Low bits, two's complement. */
  const uint64_t u = (uint64_t)v;
  switch (t) {
  case MOTE_TYPE_INT8:
    ((int8_t *)out)[i] = (int8_t)(uint8_t)u;
    break;
  case MOTE_TYPE_INT16:
    ((int16_t *)out)[i] = (int16_t)(uint16_t)u;
    break;
  case MOTE_TYPE_INT32:
    ((int32_t *)out)[i] = (int32_t)(uint32_t)u;
    break;
  default: /* uint32 */
    ((uint32_t *)out)[i] = (uint32_t)u;
    break;
  }
}

static int64_t load_int(mote_type_t t, const void *in, int32_t i) {
  switch (t) {
  case MOTE_TYPE_INT8:
    return ((const int8_t *)in)[i];
  case MOTE_TYPE_INT16:
    return ((const int16_t *)in)[i];
  case MOTE_TYPE_INT32:
    return ((const int32_t *)in)[i];
  case MOTE_TYPE_UINT32:
    return ((const uint32_t *)in)[i];
  default: /* bool, one byte */
    return ((const uint8_t *)in)[i] != 0;
  }
}

void mote_cast(mote_type_t in_type, const void *in, mote_type_t out_type,
               void *out, int32_t count) {
  int32_t i;
  if (in_type == MOTE_TYPE_FLOAT32) {
    const float *src = (const float *)in;
    if (out_type == MOTE_TYPE_FLOAT32) {
      memmove(out, in, (size_t)count * sizeof(float));
      return;
    }
    for (i = 0; i < count; ++i) {
      store_int(out_type, out, i,
                f32_to_i64_x86(src[i], out_type == MOTE_TYPE_UINT32));
    }
    return;
  }
  for (i = 0; i < count; ++i) {
    const int64_t v = load_int(in_type, in, i);
    if (out_type == MOTE_TYPE_FLOAT32) {
      ((float *)out)[i] = (float)v;
    } else {
      store_int(out_type, out, i, v);
    }
  }
}

/* What invoke needs, so that it reads no tensor description. */
typedef struct cast_op {
  int32_t count;
  uint8_t in_type;
  uint8_t out_type;
} cast_op_t;

static mote_status_t cast_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  cast_op_t *op;
  void *mem;
  mote_status_t st;
  if ((st = mote_check_io_count(ctx, 1, 1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if (!mote_cast_supported((mote_type_t)in.type, (mote_type_t)out.type)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "cannot cast input 0 of type %s to output 0 of "
                          "type %s",
                          mote_type_name((mote_type_t)in.type),
                          mote_type_name((mote_type_t)out.type));
  }
  if (mote_tensor_elements(&in) != mote_tensor_elements(&out)) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "input 0 has %ld elements, output 0 %ld",
        (long)mote_tensor_elements(&in), (long)mote_tensor_elements(&out));
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof(cast_op_t), &mem)) !=
      MOTE_OK) {
    return st;
  }
  op = (cast_op_t *)mem;
  op->count = mote_tensor_elements(&out);
  op->in_type = in.type;
  op->out_type = out.type;
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t cast_invoke(mote_kctx_t *ctx) {
  const cast_op_t *op = (const cast_op_t *)mote_kctx_user_data(ctx);
  mote_cast((mote_type_t)op->in_type, mote_kctx_input_data(ctx, 0),
            (mote_type_t)op->out_type, mote_kctx_output_data(ctx, 0),
            op->count);
  return MOTE_OK;
}

/* Versions: 2 adds uint32, 3 int8. Version 4 (uint16), 5 (float16,
 * float64) and later are not implemented. */
const mote_kernel_t mote_kernel_cast = {"CAST", 3, cast_prepare, cast_invoke};
