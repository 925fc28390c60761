/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RESHAPE glue: checks, then the compute function of reshape.h that the
 * build binds: the same bytes under another static shape.
 *
 * The output shape is taken from the output tensor in the model, as TFLite
 * Micro does: shapes are static, so the optional shape tensor (input 1) and
 * ReshapeOptions.new_shape are only cross-checked against it, never used to
 * compute it. The check accepts -1 ("infer") in either, since converters
 * write [-1, n] there while the tensor itself carries [1, n].
 *
 * Rejected rather than guessed:
 *  - an output shape with an unknown (negative) dimension: the planner
 *    sized the buffer from the stored shape, so there is nothing to infer
 *    into;
 *  - TOCO's legacy scalar shape [0] (TFLM rewrites it to a scalar at
 *    prepare; here the planned output would hold zero bytes).
 *
 * Invoke copies (the reference with memmove), skipping the copy when the
 * planner has placed input and output in the same buffer.
 */
#include "kernels/kernel_util.h"
#include "kernels/reshape.h"

#include "mote/kernel.h"
#include "mote/ops.h"

/* Reshape shape vectors hold one entry per output dimension. */
#define RESHAPE_MAX_SPEC MOTE_MAX_DIMS

bool mote_reshape_spec_matches(const int32_t *spec, uint32_t count,
                               const int32_t *dims, uint8_t rank) {
  uint32_t i;
  int inferred = 0;
  if (count != rank) {
    return false;
  }
  for (i = 0; i < count; ++i) {
    if (spec[i] == -1) {
      if (++inferred > 1) {
        return false;
      }
    } else if (spec[i] != dims[i]) {
      return false;
    }
  }
  return true;
}

/* Constants live in the model buffer, which need not be aligned for int32. */
static int32_t read_i32_le(const void *base, uint32_t i) {
  const uint8_t *b = (const uint8_t *)base + 4u * i;
  return (int32_t)((uint32_t)b[0] | ((uint32_t)b[1] << 8) |
                   ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24));
}

static mote_status_t check_shape_input(mote_kctx_t *ctx,
                                       const mote_tensor_t *shape,
                                       const mote_tensor_t *out) {
  int32_t spec[RESHAPE_MAX_SPEC];
  int32_t n;
  int32_t i;
  /* A computed shape tensor cannot be read at prepare; TFLM ignores it
   * too, and the static output shape is authoritative either way. */
  if ((shape->flags & MOTE_TENSOR_ABSENT) != 0 ||
      (shape->flags & MOTE_TENSOR_CONST) == 0 ||
      shape->type != MOTE_TYPE_INT32) {
    return MOTE_OK;
  }
  n = mote_tensor_elements(shape);
  if (n < 0 || n > RESHAPE_MAX_SPEC || shape->bytes < 4u * (uint32_t)n) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "shape input has %d entries, output 0 has rank %d",
                          (int)n, (int)out->rank);
  }
  for (i = 0; i < n; ++i) {
    spec[i] = read_i32_le(shape->data, (uint32_t)i);
  }
  if (!mote_reshape_spec_matches(spec, (uint32_t)n, out->dims, out->rank)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "shape input (tensor %u) disagrees with the shape "
                          "of output 0 (tensor %u)",
                          (unsigned)shape->index, (unsigned)out->index);
  }
  return MOTE_OK;
}

static mote_status_t check_options(mote_kctx_t *ctx, const mote_tensor_t *out) {
  mote_options_t opt;
  int32_t spec[RESHAPE_MAX_SPEC];
  uint32_t n = 0;
  mote_status_t st = mote_kctx_builtin_options(ctx, 17, &opt);
  if (st != MOTE_OK) {
    return st;
  }
  st = mote_options_i32_vector(&opt, 0, spec, RESHAPE_MAX_SPEC, &n);
  if (st == MOTE_ERR_CAPACITY) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "new_shape option is longer than %d entries",
                          RESHAPE_MAX_SPEC);
  }
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "new_shape option is unreadable");
  }
  /* An absent vector reads as empty; only a scalar output can have an
   * empty new_shape, so an empty one means "not given" otherwise. */
  if (n == 0 && out->rank != 0) {
    return MOTE_OK;
  }
  if (!mote_reshape_spec_matches(spec, n, out->dims, out->rank)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "new_shape option disagrees with the shape of "
                          "output 0 (tensor %u)",
                          (unsigned)out->index);
  }
  return MOTE_OK;
}

static mote_status_t reshape_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out, shape;
  uint32_t n_in = mote_kctx_input_count(ctx);
  mote_status_t st;
  uint8_t i;

  if (n_in < 1 || n_in > 2 || mote_kctx_output_count(ctx) != 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expects 1 or 2 inputs and 1 output, has %u and %u",
                          (unsigned)n_in,
                          (unsigned)mote_kctx_output_count(ctx));
  }
  if ((st = mote_kctx_input(ctx, 0, &in)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, &out)) != MOTE_OK) {
    return st;
  }
  if ((st = mote_reshape_check_types(ctx, &in, &out)) != MOTE_OK) {
    return st;
  }
  for (i = 0; i < out.rank; ++i) {
    if (out.dims[i] < 0) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "output 0 (tensor %u) has unknown dimension %d",
                            (unsigned)out.index, (int)i);
    }
  }
  if (n_in == 1 && out.rank == 1 && out.dims[0] == 0 &&
      mote_tensor_elements(&in) == 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "legacy scalar shape [0] on output 0 (tensor %u)",
                          (unsigned)out.index);
  }
  if (mote_tensor_elements(&in) != mote_tensor_elements(&out)) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "input 0 has %ld elements, output 0 has %ld",
        (long)mote_tensor_elements(&in), (long)mote_tensor_elements(&out));
  }
  if (n_in == 2) {
    if ((st = mote_kctx_input(ctx, 1, &shape)) != MOTE_OK ||
        (st = check_shape_input(ctx, &shape, &out)) != MOTE_OK) {
      return st;
    }
  }
  if ((st = check_options(ctx, &out)) != MOTE_OK) {
    return st;
  }
  return mote_reshape_copy_prepare(ctx, &in, &out);
}

mote_status_t mote_reshape_check_types(mote_kctx_t *ctx,
                                       const mote_tensor_t *in,
                                       const mote_tensor_t *out) {
  if (in->type != out->type) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 is %s but output 0 is %s",
                          mote_type_name((mote_type_t)in->type),
                          mote_type_name((mote_type_t)out->type));
  }
  if (mote_type_size((mote_type_t)in->type) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "input 0 has type %s, which has no fixed size",
                          mote_type_name((mote_type_t)in->type));
  }
  return MOTE_OK;
}

mote_status_t mote_reshape_copy_prepare(mote_kctx_t *ctx,
                                        const mote_tensor_t *in,
                                        const mote_tensor_t *out) {
  void *bytes;
  mote_status_t st = mote_kctx_alloc_persistent(ctx, sizeof(uint32_t), &bytes);
  if (st != MOTE_OK) {
    return st;
  }
  /* The byte count, so that invoke reads no shape. */
  *(uint32_t *)bytes = in->bytes;
  mote_kctx_set_user_data(ctx, bytes);
  /* The same bytes: where the input dies here, the copy disappears. */
  return mote_request_share_elementwise(ctx, 0, in, out);
}

mote_status_t mote_reshape_copy_invoke(mote_kctx_t *ctx) {
  mote_reshape_copy(mote_kctx_input_data(ctx, 0), mote_kctx_output_data(ctx, 0),
                    *(const uint32_t *)mote_kctx_user_data(ctx));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_reshape = {"RESHAPE", 1, reshape_prepare,
                                           mote_reshape_copy_invoke};
