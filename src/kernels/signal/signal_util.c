/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel-glue helpers shared by the signal operators: custom options read
 * from the operator's flexbuffer by key, and tensor checks that name the
 * tensor and what is wrong with it.
 *
 * TFLM reads these options by position in the key-sorted map and without
 * range checks; mote looks each one up by name and rejects values that
 * would make a shift or an index undefined, so a bad model fails in
 * prepare instead of misbehaving in invoke.
 */
#include "kernels/signal/signal_util.h"

#include "kernels/kernel_util.h"

mote_status_t mote_signal_options(mote_kctx_t *ctx, mote_flex_map_t *map) {
  const uint8_t *data = NULL;
  uint32_t len = 0;
  const char *why = "";
  mote_status_t st;
  mote_kctx_custom_options(ctx, &data, &len);
  if (data == NULL || len == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "custom options are missing");
  }
  st = mote_flex_root_map(data, len, map, &why);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "custom options: %s", why);
  }
  return MOTE_OK;
}

static mote_status_t find(mote_kctx_t *ctx, const mote_flex_map_t *map,
                          const char *key, mote_flex_ref_t *ref) {
  const char *why = "";
  bool found = false;
  mote_status_t st = mote_flex_map_find(map, key, ref, &found, &why);
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "custom options: %s", why);
  }
  if (!found) {
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "custom option '%s' is missing", key);
  }
  return MOTE_OK;
}

mote_status_t mote_signal_option_int(mote_kctx_t *ctx,
                                     const mote_flex_map_t *map,
                                     const char *key, int64_t min, int64_t max,
                                     int64_t *out) {
  mote_flex_ref_t ref;
  const char *why = "";
  int64_t v = 0;
  mote_status_t st = find(ctx, map, key, &ref);
  if (st != MOTE_OK) {
    return st;
  }
  if ((st = mote_flex_int(&ref, &v, &why)) != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "custom option '%s': %s", key, why);
  }
  if (v < min || v > max) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "custom option '%s' is %ld, outside [%ld, %ld]", key,
                          (long)v, (long)min, (long)max);
  }
  *out = v;
  return MOTE_OK;
}

mote_status_t mote_signal_option_bool(mote_kctx_t *ctx,
                                      const mote_flex_map_t *map,
                                      const char *key, bool *out) {
  mote_flex_ref_t ref;
  const char *why = "";
  mote_status_t st = find(ctx, map, key, &ref);
  if (st != MOTE_OK) {
    return st;
  }
  if ((st = mote_flex_bool(&ref, out, &why)) != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "custom option '%s': %s", key, why);
  }
  return MOTE_OK;
}

mote_status_t mote_signal_io(mote_kctx_t *ctx, uint32_t n_in, mote_tensor_t *in,
                             uint32_t n_out, mote_tensor_t *out) {
  uint32_t i;
  mote_status_t st;
  if (mote_kctx_input_count(ctx) != n_in ||
      mote_kctx_output_count(ctx) != n_out) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "expects %u inputs and %u outputs, has %u and %u",
                          (unsigned)n_in, (unsigned)n_out,
                          (unsigned)mote_kctx_input_count(ctx),
                          (unsigned)mote_kctx_output_count(ctx));
  }
  for (i = 0; i < n_in; ++i) {
    if ((st = mote_kctx_input(ctx, i, &in[i])) != MOTE_OK) {
      return st;
    }
    if (in[i].flags & MOTE_TENSOR_ABSENT) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "input %u is absent",
                            (unsigned)i);
    }
  }
  for (i = 0; i < n_out; ++i) {
    if ((st = mote_kctx_output(ctx, i, &out[i])) != MOTE_OK) {
      return st;
    }
  }
  return MOTE_OK;
}

mote_status_t mote_signal_check(mote_kctx_t *ctx, const mote_tensor_t *t,
                                mote_type_t type, int rank, const char *role) {
  mote_status_t st = mote_check_type(ctx, t, type, role);
  if (st != MOTE_OK) {
    return st;
  }
  if (rank >= 0 ? t->rank != rank : t->rank < 1) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%s has rank %d, expected %s%d", role, (int)t->rank,
                          rank >= 0 ? "" : "at least ", rank >= 0 ? rank : 1);
  }
  return MOTE_OK;
}

mote_status_t mote_signal_keep_count(mote_kctx_t *ctx, int32_t n) {
  void *mem;
  mote_status_t st = mote_kctx_alloc_persistent(ctx, sizeof(int32_t), &mem);
  if (st != MOTE_OK) {
    return st;
  }
  *(int32_t *)mem = n;
  mote_kctx_set_user_data(ctx, mem);
  return MOTE_OK;
}

int32_t mote_signal_count(const mote_kctx_t *ctx) {
  return *(const int32_t *)mote_kctx_user_data(ctx);
}

mote_status_t mote_signal_alloc_rows(mote_kctx_t *ctx, int32_t rows,
                                     int32_t count, size_t elem,
                                     const char *what, void **out) {
  const uint64_t bytes = (uint64_t)rows * (uint64_t)count * elem;
  if (bytes > (uint64_t)INT32_MAX) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "%ld rows of %ld %s: state too large", (long)rows,
                          (long)count, what);
  }
  return mote_kctx_alloc_state(ctx, (size_t)bytes, out);
}
