/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel-glue helpers shared by the signal operators (signal_util.c):
 * custom options read from the operator's flexbuffer by key, tensor
 * checks that name the tensor and what is wrong with it, and the
 * persistent element count of the ops that need nothing else at invoke.
 * Every function fails through mote_kctx_fail(), so the status it
 * returns comes with a message. Glue only: compute functions never see a
 * kernel context.
 */
#ifndef MOTE_KERNELS_SIGNAL_SIGNAL_UTIL_H
#define MOTE_KERNELS_SIGNAL_SIGNAL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "format/flexbuffer.h"
#include "mote/kernel.h"

/* Opens the operator's custom options as a flexbuffer map.
 * MOTE_ERR_CORRUPT_MODEL when they are missing, or the flexbuffer
 * reader's status when they do not parse. */
mote_status_t mote_signal_options(mote_kctx_t *ctx, mote_flex_map_t *map);

/* Reads integer option `key` into *out; it must exist and lie in
 * [min, max] (checked in 64 bits). MOTE_ERR_CORRUPT_MODEL when it is
 * missing or not an integer, MOTE_ERR_UNSUPPORTED when out of range. */
mote_status_t mote_signal_option_int(mote_kctx_t *ctx,
                                     const mote_flex_map_t *map,
                                     const char *key, int64_t min, int64_t max,
                                     int64_t *out);

/* Reads bool option `key`; it must exist (MOTE_ERR_CORRUPT_MODEL). */
mote_status_t mote_signal_option_bool(mote_kctx_t *ctx,
                                      const mote_flex_map_t *map,
                                      const char *key, bool *out);

/* Checks inputs/outputs counts (and that no input is absent), then fills
 * in[] and out[] (sized at least n_in and n_out). MOTE_ERR_BAD_SHAPE. */
mote_status_t mote_signal_io(mote_kctx_t *ctx, uint32_t n_in, mote_tensor_t *in,
                             uint32_t n_out, mote_tensor_t *out);

/* Checks tensor `t` has `type` and rank `rank` (-1: any rank >= 1),
 * naming `role` ("input 0") on failure: MOTE_ERR_UNSUPPORTED_TYPE or
 * MOTE_ERR_BAD_SHAPE. */
mote_status_t mote_signal_check(mote_kctx_t *ctx, const mote_tensor_t *t,
                                mote_type_t type, int rank, const char *role);

/* For ops whose invoke needs only an element count: keeps `n` in
 * persistent memory as the op's user data (MOTE_ERR_ARENA_TOO_SMALL when
 * that fails); mote_signal_count() reads it back at invoke. */
mote_status_t mote_signal_keep_count(mote_kctx_t *ctx, int32_t n);
int32_t mote_signal_count(const mote_kctx_t *ctx);

/* For the streaming ops: state memory (zeroed again by
 * mote_interp_reset_state()) for `rows` histories of `count` elements of
 * `elem` bytes, naming `what` when the size would pass INT32_MAX
 * (MOTE_ERR_UNSUPPORTED); else the arena's status. */
mote_status_t mote_signal_alloc_rows(mote_kctx_t *ctx, int32_t rows,
                                     int32_t count, size_t elem,
                                     const char *what, void **out);

#endif /* MOTE_KERNELS_SIGNAL_SIGNAL_UTIL_H */
