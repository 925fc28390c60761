/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SQUEEZE glue: checks, then RESHAPE's copy (reshape.h). Removing size-1
 * dimensions keeps the bytes in order, so the compute is the same copy and
 * the op has no compute function of its own.
 *
 * SqueezeOptions.squeeze_dims names the dimensions to remove (negative
 * ones count from the end, repeats are allowed); when it is empty every
 * size-1 dimension goes. As in TFLite Micro, a named dimension must exist
 * and have size 1, and any type with a fixed size is copied.
 *
 * Stricter than TFLM, on purpose: TFLM only checks that each output
 * dimension is at least the kept input dimension and that the byte counts
 * agree, so an output of [2, 3, 1] for a squeezed [2, 3] passes there;
 * here the output shape must be exactly the kept dimensions, and input and
 * output must have the same type (TFLM copies bytes whatever the types).
 */
#include "kernels/kernel_util.h"
#include "kernels/reshape.h"

#include "mote/kernel.h"
#include "mote/ops.h"

/* TFLite's SqueezeParams holds at most 8 dimensions. */
#define SQUEEZE_MAX_SPEC 8

/* Marks in drop[0..rank) the dimensions the options remove. */
static mote_status_t squeezed_dims(mote_kctx_t *ctx, const mote_tensor_t *in,
                                   bool *drop) {
  mote_options_t opt;
  int32_t spec[SQUEEZE_MAX_SPEC];
  uint32_t n = 0, i;
  mote_status_t st = mote_kctx_builtin_options(ctx, 30, &opt);
  if (st != MOTE_OK) {
    return st;
  }
  st = mote_options_i32_vector(&opt, 0, spec, SQUEEZE_MAX_SPEC, &n);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st == MOTE_ERR_CAPACITY ? MOTE_ERR_BAD_SHAPE : st,
                          "squeeze_dims option is unreadable or longer than "
                          "%d entries",
                          SQUEEZE_MAX_SPEC);
  }
  for (i = 0; i < in->rank; ++i) {
    drop[i] = n == 0 && in->dims[i] == 1;
  }
  for (i = 0; i < n; ++i) {
    const int32_t d = spec[i] < 0 ? spec[i] + (int32_t)in->rank : spec[i];
    if (d < 0 || d >= (int32_t)in->rank || in->dims[d] != 1) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "squeeze_dims entry %d is not a size-1 dimension "
                            "of input 0 (tensor %u, rank %d)",
                            (int)spec[i], (unsigned)in->index, (int)in->rank);
    }
    drop[d] = true;
  }
  return MOTE_OK;
}

/* Whether `out` has exactly the dimensions of `in` not in drop[]. */
static bool kept_shape_matches(const mote_tensor_t *in, const bool *drop,
                               const mote_tensor_t *out) {
  uint8_t i, o = 0;
  for (i = 0; i < in->rank; ++i) {
    if (drop[i]) {
      continue;
    }
    if (o >= out->rank || out->dims[o] != in->dims[i]) {
      return false;
    }
    ++o;
  }
  return o == out->rank;
}

static mote_status_t squeeze_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  bool drop[MOTE_MAX_DIMS];
  mote_status_t st;

  if (mote_kctx_input_count(ctx) != 1 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expects 1 input and 1 output, has %u and %u",
                          (unsigned)mote_kctx_input_count(ctx),
                          (unsigned)mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_reshape_check_types(ctx, &in, &out)) != MOTE_OK ||
      (st = squeezed_dims(ctx, &in, drop)) != MOTE_OK) {
    return st;
  }
  if (!kept_shape_matches(&in, drop, &out) || in.bytes != out.bytes) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 (tensor %u) is not input 0 (tensor %u) "
                          "without its squeezed dimensions",
                          (unsigned)out.index, (unsigned)in.index);
  }
  return mote_reshape_copy_prepare(ctx, &in, &out);
}

const mote_kernel_t mote_kernel_squeeze = {"SQUEEZE", 2, squeeze_prepare,
                                           mote_reshape_copy_invoke};
